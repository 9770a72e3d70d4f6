"""One ServiceNow request: its workspace, its caller, its formats, and its error shape."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from contextlib import AbstractAsyncContextManager
from dataclasses import dataclass
from functools import wraps

from starlette.datastructures import URL
from starlette.requests import Request
from starlette.responses import Response

from frontdesk.config import Settings
from frontdesk.domain.access import Actor
from frontdesk.domain.services import Services, Unit
from frontdesk.domain.workspace import Workspace
from frontdesk.domain.workspaces import service as workspaces
from frontdesk.errors import DomainError, Throttled, Unauthenticated
from frontdesk.surfaces.body import read_body
from frontdesk.surfaces.context import origin, services_of, unexpected
from frontdesk.surfaces.journal import note_caller
from frontdesk.surfaces.servicenow.access import Api, RoleAccess
from frontdesk.surfaces.servicenow.auth import caller
from frontdesk.surfaces.servicenow.errors import Refusal, body_of, internal_error, status_of
from frontdesk.surfaces.servicenow.formats import Format, negotiate, respond

log = logging.getLogger("frontdesk.servicenow")
CHALLENGE = {"WWW-Authenticate": 'Basic realm="Service-now"'}


@dataclass(slots=True)
class Call:
    request: Request
    services: Services
    settings: Settings
    workspace: Workspace
    actor: Actor
    fmt: Format

    @property
    def origin(self) -> str:
        return origin(self.request)

    @property
    def base(self) -> str:
        """The origin plus ``/s/<workspace>`` when the request came that way."""
        return self.origin + str(self.request.scope.get("root_path", ""))

    @property
    def url(self) -> URL:
        """This request's URL, as the client reached it."""
        url = self.request.url
        return URL(self.origin + url.path + (f"?{url.query}" if url.query else ""))

    def read(self) -> AbstractAsyncContextManager[Unit]:
        return self.services.read()

    def write(self) -> AbstractAsyncContextManager[Unit]:
        return self.services.write()

    async def body(self) -> bytes:
        return await read_body(self.request, self.settings.max_body_bytes)


async def begin(request: Request, fmt: Format, api: Api | None) -> Call:
    services = services_of(request)
    workspace = await workspaces.resolve(services, request.path_params.get("workspace"))
    client = request.client
    address = client.host if client else None
    principal = await caller(services, workspace.id, request.headers.get("authorization"), address)
    note_caller(request, principal.client_id or principal.user_name)
    actor = Actor(principal, RoleAccess(principal.roles, api))
    return Call(request, services, request.app.state.settings, workspace, actor, fmt)


Handler = Callable[[Call], Awaitable[Response]]


def failure(request: Request, error: Exception, fmt: Format) -> Response:
    """The ServiceNow error response for anything an endpoint raised."""
    if isinstance(error, DomainError | Refusal):
        headers: dict[str, str] | None = None
        if isinstance(error, Unauthenticated):
            headers = CHALLENGE
        elif isinstance(error, Throttled):
            headers = {"Retry-After": str(error.retry_after)}
        return respond(body_of(error), fmt, status=status_of(error), headers=headers)
    return respond(internal_error(unexpected(log, request)), fmt, status=500)


Failure = Callable[[Request, Exception, Format], Response]


def endpoint(
    api: Api | None = None, failed: Failure = failure
) -> Callable[[Handler], Callable[[Request], Awaitable[Response]]]:
    """Authenticate (under ``api``'s own role, when it has one), run the handler, and answer
    any failure in ServiceNow's shape (or an API's own, ``failed``)."""

    def wrap(handler: Handler) -> Callable[[Request], Awaitable[Response]]:
        @wraps(handler)
        async def run(request: Request) -> Response:
            fmt: Format = "json"
            try:
                fmt = negotiate(request.headers.get("accept"))
                return await handler(await begin(request, fmt, api))
            except Exception as error:
                return failed(request, error, fmt)

        return run

    return wrap
