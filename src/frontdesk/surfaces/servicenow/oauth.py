"""``POST /oauth_token.do``: the OAuth 2 token endpoint (form-encoded, RFC 6749 replies)."""

from __future__ import annotations

import base64
import binascii
from urllib.parse import parse_qsl

import orjson
from starlette.requests import Request
from starlette.responses import Response

from frontdesk.domain.auth import oauth
from frontdesk.errors import DomainError, TooLarge
from frontdesk.surfaces.body import read_body
from frontdesk.surfaces.openapi import Operation, Parameter, documented
from frontdesk.surfaces.servicenow.call import failure, workspace_of

NO_STORE = {"Cache-Control": "no-store", "Pragma": "no-cache"}


def _error(code: str, description: str, status: int) -> Response:
    body = {"error": code, "error_description": description}
    return Response(
        orjson.dumps(body), status_code=status, media_type="application/json", headers=NO_STORE
    )


def _client(request: Request, form: dict[str, str]) -> tuple[str, str]:
    """Client credentials from the body, or from a Basic header (requests-oauthlib does both)."""
    client_id, secret = form.get("client_id", ""), form.get("client_secret", "")
    scheme, _, value = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() == "basic" and not (client_id and secret):
        try:
            decoded = base64.b64decode(value.strip(), validate=True).decode()
        except (binascii.Error, UnicodeDecodeError):
            decoded = ""
        header_id, _, header_secret = decoded.partition(":")
        client_id, secret = client_id or header_id, secret or header_secret
    return client_id, secret


@documented(
    Operation(
        "Get an OAuth access token",
        "ServiceNow OAuth",
        (Parameter("grant_type", description="password, refresh_token or client_credentials"),),
        {200: "Tokens", 400: "Bad grant", 401: "Bad client credentials"},
        body="application/x-www-form-urlencoded",
    )
)
async def token(request: Request) -> Response:
    try:
        workspace = await workspace_of(request)
        raw = await read_body(request, request.app.state.settings.max_body_bytes)
    except (DomainError, TooLarge) as error:
        return failure(request, error, "json")
    form = dict(parse_qsl(raw.decode("utf-8", "replace"), keep_blank_values=True))
    grant = form.get("grant_type", "")
    client_id, secret = _client(request, form)
    db = request.app.state.db
    try:
        if not client_id:
            raise oauth.GrantError("invalid_client", "client_id is required")
        if grant == "password":
            tokens = await oauth.password_grant(
                db,
                workspace.id,
                client_id=client_id,
                client_secret=secret,
                username=form.get("username", ""),
                password=form.get("password", ""),
            )
        elif grant == "refresh_token":
            tokens = await oauth.refresh_grant(
                db,
                workspace.id,
                client_id=client_id,
                client_secret=secret,
                refresh_token=form.get("refresh_token", ""),
            )
        elif grant == "client_credentials":
            tokens = await oauth.client_credentials_grant(
                db, workspace.id, client_id=client_id, client_secret=secret
            )
        else:
            raise oauth.GrantError(
                "unsupported_grant_type", f"grant_type {grant!r} is not supported"
            )
    except oauth.GrantError as error:
        return _error(
            error.code, error.detail or error.code, 401 if error.code == "invalid_client" else 400
        )
    except Exception as error:
        return failure(request, error, "json")
    body: dict[str, object] = {
        "access_token": tokens.access_token,
        "scope": tokens.scope,
        "token_type": "Bearer",
        "expires_in": tokens.expires_in,
    }
    if tokens.refresh_token:
        body["refresh_token"] = tokens.refresh_token
    return Response(orjson.dumps(body), media_type="application/json", headers=NO_STORE)
