"""One ServiceNow request: its workspace, its caller, its formats, and its error shape."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from functools import wraps

from starlette.requests import Request
from starlette.responses import Response

from frontdesk.config import Settings
from frontdesk.db.database import Database
from frontdesk.domain.auth import credentials
from frontdesk.domain.principal import Principal
from frontdesk.domain.workspaces.service import Workspace, Workspaces
from frontdesk.errors import DomainError, Unauthenticated
from frontdesk.surfaces.body import read_body
from frontdesk.surfaces.servicenow.errors import body_of, internal_error, status_of
from frontdesk.surfaces.servicenow.formats import Format, negotiate, respond

log = logging.getLogger("frontdesk.servicenow")
CHALLENGE = {"WWW-Authenticate": 'Basic realm="Service-now"'}


@dataclass(slots=True)
class Call:
    request: Request
    db: Database
    settings: Settings
    workspace: Workspace
    principal: Principal
    fmt: Format

    @property
    def base(self) -> str:
        """``scheme://host[:port]`` plus ``/s/<workspace>`` when the request came that way."""
        url = self.request.url
        return f"{url.scheme}://{url.netloc}{self.request.scope.get('root_path', '')}"

    async def body(self) -> bytes:
        return await read_body(self.request, self.settings.max_body_bytes)


async def workspace_of(request: Request) -> Workspace:
    state = request.app.state
    resolver: Workspaces = state.workspaces
    return await resolver.resolve(state.db, request.path_params.get("workspace"))


async def begin(request: Request, fmt: Format) -> Call:
    db: Database = request.app.state.db
    workspace = await workspace_of(request)
    principal = await credentials.authenticate(
        db, workspace.id, request.headers.get("authorization")
    )
    return Call(request, db, request.app.state.settings, workspace, principal, fmt)


Handler = Callable[[Call], Awaitable[Response]]


def failure(request: Request, error: Exception, fmt: Format) -> Response:
    """The ServiceNow error response for anything an endpoint raised."""
    if isinstance(error, DomainError):
        headers = CHALLENGE if isinstance(error, Unauthenticated) else None
        return respond(body_of(error), fmt, status=status_of(error), headers=headers)
    request_id = request.scope.get("state", {}).get("request_id", "-")
    log.exception(
        "unexpected error (request %s) on %s %s", request_id, request.method, request.url.path
    )
    return respond(internal_error(request_id), fmt, status=500)


def endpoint(handler: Handler) -> Callable[[Request], Awaitable[Response]]:
    """Authenticate, run ``handler``, and answer any failure in ServiceNow's shape."""

    @wraps(handler)
    async def run(request: Request) -> Response:
        fmt: Format = "json"
        try:
            fmt = negotiate(request.headers.get("accept"))
            return await handler(await begin(request, fmt))
        except Exception as error:
            return failure(request, error, fmt)

    return run
