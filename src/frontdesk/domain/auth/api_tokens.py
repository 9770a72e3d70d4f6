"""Workspace access tokens: JWTs carrying named claims (the Cention surface's Bearer tokens).

Each token is signed (HS256) with a key derived from the instance secret and its id, so
no signing key is stored; a token is revoked by marking its row. A token is valid only in
the workspace it was made in (its row is looked up there), and only while not revoked.

Claims are data: ``{"labels": [...], "errand": {"channel", "area"}, "system_group"}``,
with the labels the vendor's console shows; the surface decides what each allows.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import lru_cache
from typing import Any

import jwt

from frontdesk.domain import clock
from frontdesk.domain.auth import repository
from frontdesk.domain.services import Unit
from frontdesk.domain.workspace import Workspace
from frontdesk.domain.workspaces.service import instance_secret
from frontdesk.errors import Conflict, NotFound, Thing, Unauthenticated, Why

ISSUER = "frontdesk"
# The claims an access token can carry, by the labels the vendor's console shows.
CLAIMS = (
    "Access to logio API",
    "Create Errand",
    "Access to errand data",
    "Access and create customer contacts",
    "Access to library",
    "Access to export API",
    "Get attachment",
)


@dataclass(frozen=True, slots=True)
class ApiToken:
    jti: str
    name: str
    claims: dict[str, Any]
    token: str


@dataclass(frozen=True, slots=True)
class Listed:
    name: str
    claims: dict[str, Any]
    created_on: datetime
    revoked_on: datetime | None


def _key(secret: bytes, jti: str) -> bytes:
    return hmac.new(secret, f"api_token:{jti}".encode(), hashlib.sha256).digest()


async def _signed(
    unit: Unit, workspace: Workspace, jti: str, name: str, claims: dict[str, Any], at: datetime
) -> ApiToken:
    payload = {
        "iss": ISSUER,
        "ws": workspace.name,
        "sub": name,
        "jti": jti,
        "iat": int(at.replace(tzinfo=UTC).timestamp()),
        "claims": claims,
    }
    key = _key(await instance_secret(unit), jti)
    return ApiToken(jti, name, claims, jwt.encode(payload, key, algorithm="HS256"))


async def issue(
    unit: Unit,
    workspace: Workspace,
    *,
    jti: str,
    name: str,
    claims: dict[str, Any],
    issued_at: datetime,
) -> ApiToken:
    """Create the token ``jti``, or return it as it is (its claims brought up to ``claims``:
    issuing a known token again is idempotent)."""
    existing = await repository.api_token_by(unit.tx, workspace.id, jti=jti)
    if existing is None:
        values = {"workspace_id": workspace.id, "jti": jti, "name": name, "claims": claims}
        await repository.add_api_token(unit.tx, {**values, "created_on": issued_at})
    else:
        name, issued_at = existing["name"], existing["created_on"]
        if existing["claims"] != claims:
            await repository.set_api_token_claims(unit.tx, id=existing["id"], claims=claims)
    return await _signed(unit, workspace, jti, name, claims, issued_at)


async def create(
    unit: Unit,
    workspace: Workspace,
    *,
    name: str,
    labels: list[str],
    area: str | None = None,
    channel: str | None = None,
    system_group: str | None = None,
) -> ApiToken:
    """A new token named ``name`` (unique among the workspace's live tokens)."""
    if await repository.api_token_by(unit.tx, workspace.id, name=name, revoked_on=None):
        raise Conflict(Thing.TOKEN, name)
    claims: dict[str, Any] = {"labels": [label for label in CLAIMS if label in labels]}
    if area is not None or channel is not None:
        claims["errand"] = {"area": area, "channel": channel}
    if system_group is not None:
        claims["system_group"] = system_group
    return await issue(
        unit,
        workspace,
        jti=secrets.token_hex(16),
        name=name,
        claims=claims,
        issued_at=clock.now().replace(microsecond=0),
    )


async def revoke(unit: Unit, workspace: Workspace, name: str) -> None:
    """Revoke the live token named ``name``."""
    revoked = await repository.revoke_api_token(
        unit.tx, workspace_id=workspace.id, name=name, at=clock.now()
    )
    if not revoked:
        raise NotFound(Thing.TOKEN, name)


async def listed(unit: Unit, workspace: Workspace) -> list[Listed]:
    rows = await repository.api_tokens(unit.tx, workspace_id=workspace.id)
    return [Listed(r["name"], r["claims"], r["created_on"], r["revoked_on"]) for r in rows]


@lru_cache(maxsize=4096)
def _jti(token: str) -> str | None:
    try:
        return str(jwt.decode(token, options={"verify_signature": False}).get("jti") or "")
    except jwt.PyJWTError:
        return None


@lru_cache(maxsize=4096)
def _signed_for(token: str, key: bytes) -> str | None:
    """The workspace a token's signature (by ``key``) vouches for; None if it does not.
    Remembered: a client sends the same token with every request."""
    try:
        payload = jwt.decode(token, key, algorithms=["HS256"], issuer=ISSUER)
    except jwt.PyJWTError:
        return None
    return str(payload.get("ws"))


async def verify(unit: Unit, workspace: Workspace, token: str) -> ApiToken:
    """The live token of ``workspace`` that ``token`` is; ``Unauthenticated`` for a token
    that is malformed, forged, revoked, or of another workspace. Its row is read every
    time, so a revocation holds at once in every process."""
    jti = _jti(token)
    if jti is None:
        raise Unauthenticated(Why.MALFORMED)
    row = (
        await repository.api_token_of(unit.tx, workspace_id=workspace.id, jti=jti) if jti else None
    )
    if row is None or row["revoked_on"] is not None:
        raise Unauthenticated(Why.WRONG)
    if _signed_for(token, _key(await instance_secret(unit), jti)) != workspace.name:
        raise Unauthenticated(Why.WRONG)
    return ApiToken(jti, str(row["name"]), dict(row["claims"]), token)
