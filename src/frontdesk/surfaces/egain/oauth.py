"""``POST /system/auth/<tenant>/oauth2/token``: eGain's token endpoint, the tenant being
``<workspace>-U`` (users and client applications) or ``<workspace>-C`` (customers).

``client_credentials`` at ``-U`` makes a Client Application actor; ``authorization_code``
(the sign-in page's code, with PKCE) and ``password`` (our extension, for scripts and tests)
a User at ``-U`` and a Customer (a consumer's own sign-in) at ``-C``. Answers are RFC 6749
JSON with ``Cache-Control: no-store``.
"""

from __future__ import annotations

import base64
import binascii
from urllib.parse import parse_qsl

import orjson
from starlette.requests import Request
from starlette.responses import Response

from frontdesk.domain.auth import oauth
from frontdesk.domain.auth.oauth import Applicant, GrantCode, GrantError, Tokens
from frontdesk.domain.services import Services
from frontdesk.domain.workspaces import service as workspaces
from frontdesk.errors import DomainError, NotFound, Thing
from frontdesk.surfaces.body import read_body
from frontdesk.surfaces.egain import schemas
from frontdesk.surfaces.egain.access import CUSTOMER_SIGN_INS, CUSTOMERS_REALM, USERS_REALM
from frontdesk.surfaces.egain.call import failure, services_of
from frontdesk.surfaces.openapi import Operation, Parameter, Reply, documented

NO_STORE = {"Cache-Control": "no-store", "Pragma": "no-cache"}
SCOPE = "core.customermgr.read"
DESCRIPTIONS = {
    Thing.CLIENT: "Client authentication failed",
    Thing.USER: "The user credentials are incorrect",
    Thing.TOKEN: "The code is invalid, expired, used, or not answered by its verifier",
}


def _refused(error: GrantError) -> Response:
    if error.code is GrantCode.UNSUPPORTED_GRANT_TYPE:
        description = f"grant_type {error.value!r} is not supported here"
    elif error.thing is None:
        description = "client_id is required"
    else:
        description = DESCRIPTIONS[error.thing]
    body = {"error": error.code.value, "error_description": description}
    status = 401 if error.code is GrantCode.INVALID_CLIENT else 400
    return Response(orjson.dumps(body), status, media_type="application/json", headers=NO_STORE)


def _client(request: Request, form: dict[str, str]) -> tuple[str, str]:
    """Client credentials from the form body, or from a Basic header."""
    client_id, secret = form.get("client_id", ""), form.get("client_secret", "")
    scheme, _, value = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() == "basic" and not (client_id and secret):
        try:
            decoded = base64.b64decode(value.strip(), validate=True).decode("utf-8")
        except (binascii.Error, UnicodeDecodeError, ValueError):
            decoded = ""
        header_id, _, header_secret = decoded.partition(":")
        client_id, secret = client_id or header_id, secret or header_secret
    return client_id, secret


async def _grant(
    services: Services,
    workspace_id: int,
    side: str,
    form: dict[str, str],
    client: tuple[str, str],
    address: str | None,
) -> Tokens:
    client_id, secret = client
    if not client_id:
        raise GrantError(GrantCode.INVALID_CLIENT)
    grant = form.get("grant_type", "")
    scope = form.get("scope", "").strip() or SCOPE
    realm = USERS_REALM if side == "U" else CUSTOMERS_REALM
    applicant = Applicant(client_id, secret, scope, address, realm=realm)
    if grant == "client_credentials" and side == "U":
        return await oauth.client_credentials_grant(
            services, workspace_id, applicant, as_its_user=False
        )
    if grant == "authorization_code":  # the sign-in page's code, with PKCE
        return await oauth.code_grant(
            services,
            workspace_id,
            applicant,
            code=form.get("code", ""),
            redirect_uri=form.get("redirect_uri", ""),
            verifier=form.get("code_verifier", ""),
        )
    if grant == "password":  # a user at -U; at -C a customer, by their own sign-in
        username, password = form.get("username", ""), form.get("password", "")
        return await oauth.password_grant(
            services,
            workspace_id,
            applicant,
            username=username,
            password=password,
            table="sys_user" if side == "U" else CUSTOMER_SIGN_INS,
        )
    raise GrantError(GrantCode.UNSUPPORTED_GRANT_TYPE, value=grant)


FORM = {
    "type": "object",
    "required": ["grant_type"],
    "properties": {
        "grant_type": {"enum": ["client_credentials", "password", "authorization_code"]},
        "code": {"type": "string"},
        "redirect_uri": {"type": "string"},
        "code_verifier": {"type": "string"},
        "client_id": {"type": "string"},
        "client_secret": {"type": "string"},
        "username": {"type": "string"},
        "password": {"type": "string"},
        "scope": {"type": "string"},
    },
}
TOKENS = {
    "type": "object",
    "required": ["access_token", "token_type", "expires_in", "scope"],
    "properties": {
        "access_token": {"type": "string"},
        "token_type": {"const": "Bearer"},
        "expires_in": {"type": "integer"},
        "scope": {"type": "string"},
    },
}
REFUSED = {
    "type": "object",
    "required": ["error"],
    "properties": {"error": {"type": "string"}, "error_description": {"type": "string"}},
}


@documented(
    Operation(
        "Get an access token (eGain)",
        "eGain OAuth",
        (
            Parameter(
                "tenant",
                "path",
                "<workspace>-U (users, client applications) or <workspace>-C (customers)",
            ),
        ),
        {
            200: Reply("Tokens (RFC 6749)", {"application/json": TOKENS}),
            400: Reply("A bad grant (RFC 6749)", {"application/json": REFUSED}),
            401: Reply("Bad client credentials (RFC 6749)", {"application/json": REFUSED}),
            404: schemas.failure("No such tenant"),
            413: schemas.failure("The body is over the size cap"),
            429: schemas.failure("Too many failed sign-ins"),
        },
        body={"application/x-www-form-urlencoded": FORM},
        authenticated=False,
    )
)
async def token(request: Request) -> Response:
    tenant = str(request.path_params.get("tenant", ""))
    name, dash, side = tenant.rpartition("-")
    try:
        if not dash or side not in ("U", "C") or not name:
            raise NotFound(Thing.WORKSPACE, tenant)
        workspace = await workspaces.resolve(services_of(request), name)
        raw = await read_body(request, request.app.state.settings.max_body_bytes)
    except DomainError as error:
        return failure(request, error)
    form = dict(parse_qsl(raw.decode("utf-8", "replace"), keep_blank_values=True))
    try:
        address = request.client.host if request.client else None
        tokens = await _grant(
            services_of(request), workspace.id, side, form, _client(request, form), address
        )
    except GrantError as error:
        return _refused(error)
    except Exception as error:
        return failure(request, error)
    body = {
        "access_token": tokens.access_token,
        "token_type": "Bearer",
        "expires_in": tokens.lifetime,
        "scope": tokens.scope,
    }
    return Response(orjson.dumps(body), media_type="application/json", headers=NO_STORE)
