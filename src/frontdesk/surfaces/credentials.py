"""Credentials as HTTP carries them, for every surface: a Basic pair (RFC 7617), a Bearer
token (RFC 6750), and an
OAuth client's id and secret from a token request's form or its Basic header (RFC 6749
§2.3.1; requests-oauthlib sends either)."""

from __future__ import annotations

import base64
import binascii
from collections.abc import Mapping

from starlette.requests import Request

from frontdesk.errors import Unauthenticated, Why


def basic_pair(value: str) -> tuple[str, str] | None:
    """The ``user:password`` of a Basic credential, or None if it is not one."""
    try:
        decoded = base64.b64decode(value.strip(), validate=True).decode("utf-8")
    except (binascii.Error, UnicodeDecodeError, ValueError):
        return None
    user_name, colon, password = decoded.partition(":")
    return (user_name, password) if colon and user_name else None


def bearer(request: Request) -> str:
    """The token of an ``Authorization: Bearer`` header; ``Unauthenticated`` without one."""
    scheme, _, value = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not value.strip():
        raise Unauthenticated(Why.MISSING)
    return value.strip()


def client_credentials(request: Request, form: Mapping[str, str]) -> tuple[str, str]:
    """A token request's client id and secret: from its form, else its Basic header."""
    client_id, secret = form.get("client_id", ""), form.get("client_secret", "")
    scheme, _, value = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() == "basic" and not (client_id and secret):
        header_id, header_secret = basic_pair(value) or ("", "")
        client_id, secret = client_id or header_id, secret or header_secret
    return client_id, secret
