"""One eGain request: its workspace (tenant), its actor, its language and its error shape."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from functools import wraps
from typing import Any

import orjson
from starlette.requests import Request
from starlette.responses import Response

from frontdesk.domain.access import Actor
from frontdesk.domain.auth import credentials
from frontdesk.domain.services import Services
from frontdesk.domain.workspace import Workspace
from frontdesk.domain.workspaces import service as workspaces
from frontdesk.errors import NotFound, Thing, Unauthenticated, Why
from frontdesk.surfaces.context import services_of, unexpected
from frontdesk.surfaces.credentials import bearer
from frontdesk.surfaces.egain import errors, xml
from frontdesk.surfaces.egain.access import (
    CUSTOMER_SIGN_INS,
    CUSTOMERS_REALM,
    USERS_REALM,
    EgainAccess,
    Kind,
    actions_of,
)
from frontdesk.surfaces.egain.errors import Refusal
from frontdesk.surfaces.journal import note_caller

log = logging.getLogger("frontdesk.egain")
JSON = "application/json"
# The locales the API serves (an unlisted one is 406-100).
LANGUAGES = (
    "en-US", "es-ES", "fr-FR", "it-IT", "de-DE", "nl-NL", "pt-BR", "pt-PT",
    "da-DK", "ru-RU", "fr-CA", "zh-CN", "ja-JP", "ko-KR", "sv-SE",
)  # fmt: skip
_BY_LOWER = {name.lower(): name for name in LANGUAGES}


@dataclass(slots=True)
class Call:
    request: Request
    services: Services
    workspace: Workspace
    actor: Actor
    kind: Kind
    language: str
    media: str = JSON  # what to answer in: JSON or XML

    def respond(self, document: Mapping[str, Any], root: str) -> Response:
        """The document in the media type the client asked for (``root``: XML's root)."""
        return respond(document, media=self.media, root=root)


@dataclass(frozen=True, slots=True)
class Tenant:
    """``<workspace>-U`` (users and client applications) or ``<workspace>-C`` (customers):
    whose tokens an OAuth request asks for, and where its people sign in."""

    workspace: Workspace
    customers: bool

    @property
    def realm(self) -> str:
        return CUSTOMERS_REALM if self.customers else USERS_REALM

    @property
    def sign_ins(self) -> str:
        return CUSTOMER_SIGN_INS if self.customers else "sys_user"


async def tenant_of(request: Request) -> Tenant:
    tenant = str(request.path_params.get("tenant", ""))
    name, dash, side = tenant.rpartition("-")
    if not dash or side not in ("U", "C") or not name:
        raise NotFound(Thing.WORKSPACE, tenant)
    return Tenant(await workspaces.resolve(services_of(request), name), side == "C")


def language(header: str | None) -> str:
    """The locale an ``Accept-Language`` names (its first, highest choice); en-US if none."""
    first = (header or "").split(",", 1)[0].split(";", 1)[0].strip()
    if not first or first == "*":
        return "en-US"
    found = _BY_LOWER.get(first.lower().replace("_", "-"))
    if found is None:
        raise Refusal(errors.BAD_LANGUAGE, f"Invalid 'Accept-Language' header value: '{first}'.")
    return found


def negotiate(header: str | None) -> str:
    """JSON unless the client accepts XML and not JSON (the media type, not its name)."""
    if not header:
        return JSON
    kinds = {part.split(";", 1)[0].strip().lower() for part in header.split(",")}
    if kinds & {JSON, "application/*", "*/*", ""}:
        return JSON
    if kinds & {xml.MEDIA, "text/xml"}:
        return xml.MEDIA
    raise Refusal(errors.BAD_ACCEPT, f"Invalid 'Accept' header value: '{header}'.")


async def begin(request: Request) -> Call:
    services = services_of(request)
    chosen = language(request.headers.get("accept-language"))
    media = negotiate(request.headers.get("accept"))
    workspace = await workspaces.resolve(services, request.path_params.get("workspace"))
    principal = await credentials.token(services, workspace.id, bearer(request))
    note_caller(request, principal.client_id or principal.user_name)
    if principal.realm == CUSTOMERS_REALM and principal.user_sys_id is not None:
        access = EgainAccess(Kind.CUSTOMER, sign_in=principal.user_sys_id)
        actor = Actor(principal, access)
        return Call(request, services, workspace, actor, Kind.CUSTOMER, chosen, media)
    if principal.realm != USERS_REALM:  # not an eGain token
        raise Unauthenticated(Why.WRONG)
    if principal.user_sys_id is None:
        kind, access = Kind.CLIENT, EgainAccess(Kind.CLIENT)
    else:
        kind, access = Kind.USER, EgainAccess(Kind.USER, actions_of(principal.roles))
    return Call(request, services, workspace, Actor(principal, access), kind, chosen, media)


def respond(
    document: Mapping[str, Any],
    status: int = 200,
    headers: dict[str, str] | None = None,
    *,
    media: str = JSON,
    root: str = "error",
) -> Response:
    content = xml.document(root, document) if media == xml.MEDIA else orjson.dumps(document)
    return Response(content, status_code=status, media_type=media, headers=headers)


def failure(request: Request, error: Exception) -> Response:
    refusal = errors.from_error(error)
    if refusal.status >= 500:
        unexpected(log, request)
    wanted = request.headers.get("x-egain-error-message", "").strip().lower() == "yes"
    try:
        media = negotiate(request.headers.get("accept"))
    except Refusal:
        media = JSON
    try:
        locale = language(request.headers.get("accept-language"))
    except Refusal:
        locale = "en-US"
    return respond(
        errors.body(refusal, user_message=wanted, locale=locale),
        refusal.status,
        dict(refusal.headers) or None,
        media=media,
    )


Handler = Callable[[Call], Awaitable[Response]]


def endpoint(handler: Handler) -> Callable[[Request], Awaitable[Response]]:
    """Authenticate, run the handler, answer any failure in eGain's shape."""

    @wraps(handler)
    async def run(request: Request) -> Response:
        try:
            return await handler(await begin(request))
        except Exception as error:
            return failure(request, error)

    return run
