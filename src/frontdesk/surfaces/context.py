"""What every surface reads off a request: the services and settings the application
holds, the workspace the URL names, the origin clients reach this server at, and the
request id an unexpected failure is logged under."""

from __future__ import annotations

import logging

from starlette.requests import Request

from frontdesk.config import Settings
from frontdesk.domain.services import Services
from frontdesk.domain.workspace import Workspace
from frontdesk.domain.workspaces import service as workspaces


def services_of(request: Request) -> Services:
    found: Services = request.app.state.services
    return found


def settings_of(request: Request) -> Settings:
    found: Settings = request.app.state.settings
    return found


async def workspace_of(request: Request) -> Workspace:
    """The workspace ``/s/<workspace>`` names (none: the default workspace)."""
    return await workspaces.resolve(services_of(request), request.path_params.get("workspace"))


def origin(request: Request) -> str:
    """``scheme://host[:port]`` clients reach this server at: the configured public URL,
    else the request's own (never a Host header the operator has not vouched for, when
    the public URL is set)."""
    public = settings_of(request).public_url
    if public:
        return public.rstrip("/")
    return f"{request.url.scheme}://{request.url.netloc}"


def unexpected(log: logging.Logger, request: Request) -> str:
    """Log the failure being handled, with the request's id; that id."""
    request_id: str = request.scope.get("state", {}).get("request_id", "-")
    log.exception(
        "unexpected error (request %s) on %s %s", request_id, request.method, request.url.path
    )
    return request_id
