"""One Cention request: its workspace (named in the URL), its token (``Authorization:
Bearer``), the claim the endpoint needs, one unit of work, and JSON:API errors."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from functools import wraps
from typing import Any

import orjson
from starlette.requests import Request
from starlette.responses import Response

from frontdesk.domain.access import Actor
from frontdesk.domain.auth import api_tokens
from frontdesk.domain.principal import Principal
from frontdesk.domain.services import Services, Unit
from frontdesk.domain.workspace import Workspace
from frontdesk.domain.workspaces import service as workspaces
from frontdesk.errors import Unauthenticated, Why
from frontdesk.surfaces.body import read_body
from frontdesk.surfaces.cention import errors, jsonapi
from frontdesk.surfaces.cention.access import CentionAccess
from frontdesk.surfaces.cention.jsonapi import Problem

log = logging.getLogger("frontdesk.cention")


@dataclass(slots=True)
class Call:
    request: Request
    services: Services
    unit: Unit
    workspace: Workspace
    token: api_tokens.ApiToken
    access: CentionAccess

    @property
    def actor(self) -> Actor:
        return Actor(Principal(self.workspace.id, self.token.name), self.access)

    @property
    def base(self) -> str:
        """Where this workspace's API is: ``<origin>/s/<workspace>``."""
        settings = self.request.app.state.settings
        if settings.public_url:
            origin = str(settings.public_url).rstrip("/")
        else:
            origin = f"{self.request.url.scheme}://{self.request.url.netloc}"
        return f"{origin}/s/{self.workspace.name}"

    def link(self, kind: str, key: int | str) -> str:
        return f"{self.base}/capi/json/{kind}/{key}"

    async def document(self) -> dict[str, Any]:
        """The request's JSON:API document: an object with a ``data`` object."""
        raw = await read_body(self.request, self.request.app.state.settings.max_body_bytes)
        try:
            found = orjson.loads(raw)
        except orjson.JSONDecodeError as error:
            raise Problem(400, f"The body is not JSON: {error}.") from None
        if not isinstance(found, dict) or not isinstance(found.get("data"), dict):
            raise Problem(
                400, "The body must be a JSON:API document with a data object.", pointer="/data"
            )
        return found


def bearer(request: Request) -> str:
    scheme, _, value = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not value.strip():
        raise Unauthenticated(Why.MISSING)
    return value.strip()


def services_of(request: Request) -> Services:
    found: Services = request.app.state.services
    return found


Handler = Callable[[Call], Awaitable[Response]]


def failure(request: Request, error: Exception) -> Response:
    problem = errors.from_error(error)
    if problem.status >= 500:
        request_id = request.scope.get("state", {}).get("request_id", "-")
        log.exception("unexpected error (request %s) on %s", request_id, request.url.path)
    return jsonapi.refuse(problem)


def endpoint(
    claim: str, *, writes: bool = False
) -> Callable[[Handler], Callable[[Request], Awaitable[Response]]]:
    """Negotiate, authenticate, require ``claim``, run the handler in one unit of work
    (writing when ``writes``), and answer any failure as a JSON:API error document."""

    def wrap(handler: Handler) -> Callable[[Request], Awaitable[Response]]:
        @wraps(handler)
        async def run(request: Request) -> Response:
            try:
                jsonapi.negotiate(
                    request.headers.get("content-type"),
                    request.headers.get("accept"),
                    has_body=request.method in ("POST", "PATCH"),
                )
                services = services_of(request)
                workspace = await workspaces.resolve(services, request.path_params.get("workspace"))
                opening = services.write() if writes else services.read()
                async with opening as unit:
                    token = await api_tokens.verify(unit, workspace, bearer(request))
                    access = CentionAccess(frozenset(token.claims.get("labels") or ()))
                    access.require(claim)
                    return await handler(Call(request, services, unit, workspace, token, access))
            except Exception as error:
                return failure(request, error)

        return run

    return wrap
