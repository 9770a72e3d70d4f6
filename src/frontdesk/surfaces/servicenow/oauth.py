"""``POST /oauth_token.do``: the OAuth 2 token endpoint (form-encoded, RFC 6749 replies)."""

from __future__ import annotations

from urllib.parse import parse_qsl

import orjson
from starlette.requests import Request
from starlette.responses import Response

from frontdesk.domain.auth import oauth
from frontdesk.domain.auth.oauth import Applicant, GrantCode, GrantError, Tokens
from frontdesk.domain.services import Services
from frontdesk.errors import DomainError, Thing
from frontdesk.surfaces.body import read_body
from frontdesk.surfaces.context import services_of, workspace_of
from frontdesk.surfaces.credentials import client_credentials
from frontdesk.surfaces.openapi import Operation, Reply, documented
from frontdesk.surfaces.servicenow import schemas
from frontdesk.surfaces.servicenow.call import failure

NO_STORE = {"Cache-Control": "no-store", "Pragma": "no-cache"}
# What a ServiceNow instance reports of every token it issues.
SCOPE = "useraccount"
DESCRIPTIONS = {
    Thing.CLIENT: "Client authentication failed",
    Thing.USER: "The user credentials are incorrect",
    Thing.TOKEN: "The refresh token is invalid or expired",
}


def _error(error: GrantError) -> Response:
    if error.code is GrantCode.UNSUPPORTED_GRANT_TYPE:
        description = f"grant_type {error.value!r} is not supported"
    elif error.thing is None:
        description = "client_id is required"
    else:
        description = DESCRIPTIONS[error.thing]
    body = {"error": error.code.value, "error_description": description}
    status = 401 if error.code is GrantCode.INVALID_CLIENT else 400
    return Response(
        orjson.dumps(body), status_code=status, media_type="application/json", headers=NO_STORE
    )


async def _grant(
    services: Services,
    workspace_id: int,
    form: dict[str, str],
    client: tuple[str, str],
    address: str | None,
) -> Tokens:
    client_id, secret = client
    if not client_id:
        raise GrantError(GrantCode.INVALID_CLIENT)
    applicant = Applicant(client_id, secret, SCOPE, address)
    grant = form.get("grant_type", "")
    if grant == "password":
        username, password = form.get("username", ""), form.get("password", "")
        return await oauth.password_grant(
            services, workspace_id, applicant, username=username, password=password
        )
    if grant == "refresh_token":
        renewal = form.get("refresh_token", "")
        return await oauth.refresh_grant(services, workspace_id, applicant, refresh_token=renewal)
    if grant == "client_credentials":
        return await oauth.client_credentials_grant(services, workspace_id, applicant)
    raise GrantError(GrantCode.UNSUPPORTED_GRANT_TYPE, value=grant)


FORM = {
    "type": "object",
    "required": ["grant_type"],
    "properties": {
        "grant_type": {"enum": ["password", "refresh_token", "client_credentials"]},
        "client_id": {"type": "string"},
        "client_secret": {"type": "string"},
        "username": {"type": "string"},
        "password": {"type": "string"},
        "refresh_token": {"type": "string"},
    },
}
TOKENS = {
    "type": "object",
    "required": ["access_token", "scope", "token_type", "expires_in"],
    "properties": {
        "access_token": {"type": "string"},
        "refresh_token": {"type": "string"},
        "scope": {"type": "string"},
        "token_type": {"const": "Bearer"},
        "expires_in": {"type": "integer"},
    },
}
REFUSED = {
    "type": "object",
    "required": ["error", "error_description"],
    "properties": {"error": {"type": "string"}, "error_description": {"type": "string"}},
}


@documented(
    Operation(
        "Get an OAuth access token",
        "ServiceNow OAuth",
        (),
        {
            200: Reply("Tokens", {"application/json": TOKENS}),
            400: Reply("A bad grant (RFC 6749)", {"application/json": REFUSED}),
            401: Reply("Bad client credentials (RFC 6749)", {"application/json": REFUSED}),
            404: schemas.failure("No such workspace"),
            413: schemas.failure("The body is over the size cap"),
            429: schemas.failure("Too many failed sign-ins: wait Retry-After seconds"),
        },
        body={"application/x-www-form-urlencoded": FORM},
        authenticated=False,
    )
)
async def token(request: Request) -> Response:
    try:
        workspace = await workspace_of(request)
        raw = await read_body(request, request.app.state.settings.max_body_bytes)
    except DomainError as error:
        return failure(request, error, "json")
    form = dict(parse_qsl(raw.decode("utf-8", "replace"), keep_blank_values=True))
    try:
        address = request.client.host if request.client else None
        tokens = await _grant(
            services_of(request), workspace.id, form, client_credentials(request, form), address
        )
    except GrantError as error:
        return _error(error)
    except Exception as error:
        return failure(request, error, "json")
    body: dict[str, object] = {
        "access_token": tokens.access_token,
        "scope": tokens.scope,
        "token_type": "Bearer",
        # A ServiceNow instance answers one second under the client's lifespan (1800 → 1799).
        "expires_in": max(tokens.lifetime - 1, 1),
    }
    if tokens.refresh_token:
        body["refresh_token"] = tokens.refresh_token
    return Response(orjson.dumps(body), media_type="application/json", headers=NO_STORE)


@documented(
    Operation(
        "Revoke an OAuth access or refresh token",
        "ServiceNow OAuth",
        (),
        {
            200: Reply("The token is expired (also said of a token nobody knows, RFC 7009)", {}),
            404: schemas.failure("No such workspace"),
            413: schemas.failure("The body is over the size cap"),
        },
        body={
            "application/x-www-form-urlencoded": {
                "type": "object",
                "properties": {"token": {"type": "string"}},
            }
        },
        authenticated=False,
    )
)
async def revoke(request: Request) -> Response:
    """``/oauth_revoke_token.do?token=…`` (or ``token`` in a form body): the token is
    expired; a user's sign-in that issued it is signed out."""
    try:
        workspace = await workspace_of(request)
        raw = await read_body(request, request.app.state.settings.max_body_bytes)
        form = dict(parse_qsl(raw.decode("utf-8", "replace"), keep_blank_values=True))
        token = request.query_params.get("token") or form.get("token", "")
        if token:
            await oauth.revoke(services_of(request), workspace.id, token)
    except Exception as error:
        return failure(request, error, "json")
    return Response(b"", status_code=200, headers=NO_STORE)
