"""``POST /system/auth/<tenant>/oauth2/token``: eGain's token endpoint, the tenant being
``<workspace>-U`` (users and client applications) or ``<workspace>-C`` (customers).

``client_credentials`` at ``-U`` makes a Client Application actor; ``authorization_code``
(the sign-in page's code, with PKCE) and ``password`` (our extension, for scripts and tests)
a User at ``-U`` and a Customer (a consumer's own sign-in) at ``-C``. Answers are RFC 6749
JSON with ``Cache-Control: no-store``.
"""

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
from frontdesk.surfaces.context import services_of
from frontdesk.surfaces.credentials import client_credentials
from frontdesk.surfaces.egain import schemas
from frontdesk.surfaces.egain.call import Tenant, failure, tenant_of
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


async def _grant(
    services: Services,
    tenant: Tenant,
    form: dict[str, str],
    client: tuple[str, str],
    address: str | None,
) -> Tokens:
    client_id, secret = client
    if not client_id:
        raise GrantError(GrantCode.INVALID_CLIENT)
    grant = form.get("grant_type", "")
    scope = form.get("scope", "").strip() or SCOPE
    workspace_id = tenant.workspace.id
    applicant = Applicant(client_id, secret, scope, address, realm=tenant.realm)
    if grant == "client_credentials" and not tenant.customers:
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
            table=tenant.sign_ins,
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
    try:
        tenant = await tenant_of(request)
        raw = await read_body(request, request.app.state.settings.max_body_bytes)
    except DomainError as error:
        return failure(request, error)
    form = dict(parse_qsl(raw.decode("utf-8", "replace"), keep_blank_values=True))
    try:
        address = request.client.host if request.client else None
        tokens = await _grant(
            services_of(request),
            tenant,
            form,
            client_credentials(request, form),
            address,
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
