"""``create_app(settings)``: the ASGI application, every surface mounted."""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from frontdesk.config import Settings
from frontdesk.db.database import open_database
from frontdesk.db.url import parse_database_url
from frontdesk.domain.errands.service import ANSWERED
from frontdesk.domain.services import Services
from frontdesk.outbound.webhooks import Render, Sender
from frontdesk.surfaces.cention import callbacks as cention_callbacks
from frontdesk.surfaces.cention.routes import surface as cention
from frontdesk.surfaces.console import routes as console
from frontdesk.surfaces.egain.access import ACTIONS as EGAIN_ACTIONS
from frontdesk.surfaces.egain.routes import surface as egain
from frontdesk.surfaces.journal import Journal, Recorder
from frontdesk.surfaces.routing import Dispatch, Surface
from frontdesk.surfaces.servicenow.access import ROLES as SERVICENOW_ROLES
from frontdesk.surfaces.servicenow.routes import surface as servicenow
from frontdesk.surfaces.system import routes as system


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


class TrustedHosts:
    """Refuse a request naming a host the operator has not listed (``FRONTDESK_TRUSTED_HOSTS``):
    nothing built from the Host header can then point anywhere else."""

    def __init__(self, app: ASGIApp, hosts: str) -> None:
        self.app = app
        self.patterns = [h.strip().lower() for h in hosts.split(",") if h.strip()]

    def allows(self, host: str) -> bool:
        name = host.rsplit(":", 1)[0] if not host.endswith("]") else host
        name = name.strip("[]").lower()
        return any(
            pattern == "*"
            or name == pattern
            or (pattern.startswith("*.") and name.endswith(pattern[1:]))
            for pattern in self.patterns
        )

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and self.patterns:
            host = next((v.decode("latin-1") for k, v in scope["headers"] if k == b"host"), "")
            if not self.allows(host):
                detail = f"this server does not answer for the host {host!r}"
                response = system.problem(400, "Bad Request", detail)
                await response(scope, receive, send)
                return
        await self.app(scope, receive, send)


def known_roles() -> tuple[tuple[str, str], ...]:
    """Every role a surface checks, with what it allows (the console grants them)."""
    actions = {role: action for action, role in EGAIN_ACTIONS.items()}
    return tuple(
        (role, f"eGain: {actions[role]}" if role in actions else "ServiceNow")
        for role in sorted({*SERVICENOW_ROLES, *actions})
    )


def surfaces() -> list[Surface]:
    """Every surface, the busiest first (each owns its own path prefixes)."""
    return [servicenow(), egain(), cention(), console.surface(), system.surface()]


# What each webhook event's body is made by (the surface whose event it is).
RENDERERS: dict[str, Render] = {ANSWERED: cention_callbacks.render}


def sender(services: Services, settings: Settings) -> Sender:
    return Sender(services, RENDERERS, allow_private=settings.callback_allow_private)


async def _nothing_here(scope: Scope, receive: Receive, send: Send) -> None:
    response = await system.not_found(Request(scope, receive))
    await response(scope, receive, send)


def from_environment() -> Starlette:
    """The application as ``serve --workers N`` starts it in each worker process: its
    settings come from the environment, where ``serve`` put them."""
    return create_app(Settings())


def create_app(settings: Settings, *, services: Services | None = None) -> Starlette:
    """The application. It opens its database at startup and closes it at shutdown, unless
    ``services`` (over a database someone else opened, as tests do) are given."""
    owned = services is None
    if services is None:
        database = open_database(
            parse_database_url(settings.database_url),
            synchronous=settings.sqlite_synchronous,
            pool_size=settings.postgres_pool_size,
        )
        services = Services.create(database, settings)
    database = services.db

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        await database.open()
        worker = None
        if owned and settings.deliver:
            delivering = sender(services, settings)
            worker = asyncio.create_task(delivering.run(), name="webhook delivery")
        try:
            yield
        finally:
            if worker is not None:
                worker.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await worker
                await delivering.close()
            if owned:
                await database.close()

    found = surfaces()
    journal = Journal() if settings.journal else None
    app = Starlette(
        lifespan=lifespan,
        middleware=[
            Middleware(RequestId),
            *(
                [Middleware(TrustedHosts, hosts=settings.trusted_hosts)]
                if settings.trusted_hosts
                else []
            ),
            *(
                [Middleware(Recorder, journal=journal, workspaces=services.workspaces)]
                if journal is not None
                else []
            ),
        ],
    )
    # No routes of its own: every path goes to the surface that owns it. (A Mount would
    # not do: its pattern cannot match a path with a newline in it.)
    app.router.default = Dispatch(found, _nothing_here)
    app.state.settings = settings
    app.state.services = services
    app.state.surfaces = found
    app.state.journal = journal
    app.state.roles = known_roles()
    return app
