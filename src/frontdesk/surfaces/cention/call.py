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
from frontdesk.surfaces.body import read_body
from frontdesk.surfaces.cention import errors, jsonapi
from frontdesk.surfaces.cention.access import CentionAccess
from frontdesk.surfaces.cention.jsonapi import Problem
from frontdesk.surfaces.context import origin, services_of, settings_of, unexpected, workspace_of
from frontdesk.surfaces.credentials import bearer
from frontdesk.surfaces.journal import note_caller

log = logging.getLogger("frontdesk.cention")
_TRUE = frozenset({"true", "1", "yes"})
_FALSE = frozenset({"", "false", "0", "no"})


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
        return f"{origin(self.request)}/s/{self.workspace.name}"

    def link(self, kind: str, key: int | str) -> str:
        return link(self.base, kind, key)

    def key(self, thing: str) -> int:
        """The ``{id}`` the path names (404 for one that cannot be an id of ``thing``)."""
        given = str(self.request.path_params.get("id", ""))
        if not given.isdecimal() or len(given) > 18:
            raise Problem(404, f"No {thing} {given}.")
        return int(given)

    def flag(self, name: str) -> bool:
        """A true-or-false query parameter (absent: false)."""
        given = self.request.query_params.get(name, "").strip().lower()
        if given in _TRUE:
            return True
        if given in _FALSE:
            return False
        raise Problem(400, f"{name} must be true or false, not {given!r}.", parameter=name)

    def number(self, name: str, default: int, *, most: int) -> int:
        """A whole-number query parameter from 0 to ``most``."""
        given = self.request.query_params.get(name)
        if given is None:
            return default
        if not given.isdecimal() or int(given) > most:
            raise Problem(400, f"{name} must be a whole number from 0 to {most}.", parameter=name)
        return int(given)

    async def document(self) -> dict[str, Any]:
        """The request's JSON:API document: an object with a ``data`` object."""
        raw = await read_body(self.request, settings_of(self.request).max_body_bytes)
        try:
            found = orjson.loads(raw)
        except orjson.JSONDecodeError as error:
            raise Problem(400, f"The body is not JSON: {error}.") from None
        if not isinstance(found, dict) or not isinstance(found.get("data"), dict):
            raise Problem(
                400, "The body must be a JSON:API document with a data object.", pointer="/data"
            )
        return found


def link(base: str, kind: str, key: int | str) -> str:
    """The absolute URL of a resource of this surface, below ``base`` (``Call.base``)."""
    return f"{base}/capi/json/{kind}/{key}"


Handler = Callable[[Call], Awaitable[Response]]


async def authorized(
    unit: Unit, workspace: Workspace, request: Request, claim: str, *others: str
) -> tuple[api_tokens.ApiToken, CentionAccess]:
    """The request's Bearer token, valid in ``workspace`` and carrying ``claim`` (or one of
    ``others``)."""
    token = await api_tokens.verify(unit, workspace, bearer(request))
    note_caller(request, f"token {token.name}")
    access = CentionAccess(frozenset(token.claims.get("labels") or ()))
    access.require(claim, *others)
    return token, access


def failure(request: Request, error: Exception) -> Response:
    problem = errors.from_error(error)
    if problem.status >= 500:
        unexpected(log, request)
    return jsonapi.refuse(problem)


def endpoint(
    claim: str, *others: str, writes: bool = False
) -> Callable[[Handler], Callable[[Request], Awaitable[Response]]]:
    """Negotiate, authenticate, require ``claim`` (or one of ``others``), run the handler in
    one unit of work (writing when ``writes``), and answer any failure as a JSON:API error
    document."""

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
                workspace = await workspace_of(request)
                opening = services.write() if writes else services.read()
                async with opening as unit:
                    token, access = await authorized(unit, workspace, request, claim, *others)
                    return await handler(Call(request, services, unit, workspace, token, access))
            except Exception as error:
                return failure(request, error)

        return run

    return wrap
