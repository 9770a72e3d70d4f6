"""Workspace access tokens: JWTs carrying named claims (the Cention surface's Bearer tokens).

Each token is signed (HS256) with a key derived from the instance secret and its id, so
no signing key is stored; a token is revoked by marking its row.
"""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import jwt
import sqlalchemy as sa

from frontdesk.domain.services import Unit
from frontdesk.domain.workspace import Workspace
from frontdesk.domain.workspaces.service import instance_secret
from frontdesk.store.schema import api_token

ISSUER = "frontdesk"
# The claims an access token can carry, by the labels the vendor's console shows.
CLAIMS = (
    "Access to logio API",
    "Create Errand",
    "Access to errand data",
    "Access and create customer contacts",
    "Access to library",
    "Access to export API",
)


@dataclass(frozen=True, slots=True)
class ApiToken:
    jti: str
    name: str
    claims: dict[str, Any]
    token: str


def _key(secret: bytes, jti: str) -> bytes:
    return hmac.new(secret, f"api_token:{jti}".encode(), hashlib.sha256).digest()


async def issue(
    unit: Unit,
    workspace: Workspace,
    *,
    jti: str,
    name: str,
    claims: dict[str, Any],
    issued_at: datetime,
) -> ApiToken:
    """Create the token ``jti`` (or return it unchanged if it exists: issuing is idempotent)."""
    existing = await unit.tx.first(
        sa.select(api_token).where(api_token.c.workspace_id == workspace.id, api_token.c.jti == jti)
    )
    if existing is None:
        await unit.tx.execute(
            sa.insert(api_token).values(
                workspace_id=workspace.id, jti=jti, name=name, claims=claims, created_on=issued_at
            )
        )
    else:
        name, claims, issued_at = existing["name"], existing["claims"], existing["created_on"]
    payload = {
        "iss": ISSUER,
        "ws": workspace.name,
        "sub": name,
        "jti": jti,
        "iat": int(issued_at.replace(tzinfo=UTC).timestamp()),
        "claims": claims,
    }
    key = _key(await instance_secret(unit), jti)
    return ApiToken(jti, name, claims, jwt.encode(payload, key, algorithm="HS256"))
