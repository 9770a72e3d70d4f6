"""``create_app(settings)``: the ASGI application, every surface mounted."""

from __future__ import annotations

import itertools
import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.routing import BaseRoute, Mount
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from frontdesk.config import Settings
from frontdesk.db.database import Database, open_database
from frontdesk.db.url import parse_database_url
from frontdesk.domain.auth import passwords
from frontdesk.domain.workspaces.service import Workspaces
from frontdesk.surfaces.servicenow.override import MethodOverride
from frontdesk.surfaces.servicenow.routes import routes as servicenow_routes
from frontdesk.surfaces.system.routes import ROUTES as system_routes


class RequestId:
    """Give every request an id (the client's ``X-Request-Id``, or a new one) and echo it."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        self._prefix = os.urandom(4).hex()
        self._counter = itertools.count(1)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request_id = None
        for name, value in scope["headers"]:
            if name == b"x-request-id":
                request_id = value.decode("latin-1")[:64]
                break
        if request_id is None:
            request_id = f"{self._prefix}-{next(self._counter)}"
        scope.setdefault("state", {})["request_id"] = request_id
        header = (b"x-request-id", request_id.encode("latin-1"))

        async def send_with_id(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), header]
            await send(message)

        await self.app(scope, receive, send_with_id)


def surface_routes() -> list[BaseRoute]:
    """The vendor surfaces: at the root for the default workspace, and under /s/<workspace>."""
    return servicenow_routes()


def configure(db: Database, settings: Settings) -> None:
    db.state["ttl.credentials"] = settings.credential_cache_seconds
    db.state["ttl.properties"] = settings.settings_cache_seconds
    db.state["ttl.dictionary"] = settings.settings_cache_seconds
    passwords.configure(time_cost=settings.argon2_time_cost, memory_kib=settings.argon2_memory_kib)


def create_app(settings: Settings, db: Database | None = None) -> Starlette:
    """The application; it opens ``db`` (made from the settings unless given) at startup."""
    database = db or open_database(
        parse_database_url(settings.database_url),
        synchronous=settings.sqlite_synchronous,
        pool_size=settings.postgres_pool_size,
    )
    configure(database, settings)

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        await database.open()
        try:
            yield
        finally:
            if db is None:
                await database.close()

    surfaces = surface_routes()
    app = Starlette(
        # The busiest routes first: Starlette tries them in order.
        routes=[*surfaces, *system_routes, Mount("/s/{workspace}", routes=surfaces)],
        lifespan=lifespan,
        middleware=[Middleware(RequestId), Middleware(MethodOverride)],
    )
    app.state.settings = settings
    app.state.db = database
    app.state.workspaces = Workspaces(settings.settings_cache_seconds)
    return app
