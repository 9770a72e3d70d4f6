"""OAuth 2 for the ServiceNow surface: client applications and the token grants.

``POST /oauth_token.do`` grants: ``password``, ``refresh_token``, ``client_credentials``.
Tokens are random strings; only their SHA-256 is stored. Secrets (client secrets,
passwords) are verified with Argon2 in a worker thread, outside any transaction.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import anyio.to_thread

from frontdesk.db.database import Database, Transaction
from frontdesk.domain import clock
from frontdesk.domain.auth import credentials, passwords, repository
from frontdesk.domain.principal import Principal
from frontdesk.domain.records import service as records
from frontdesk.errors import Invalid, Unauthenticated
from frontdesk.store.registry import REGISTRY

CLIENTS = REGISTRY["oauth_entity"]
SCOPE = "useraccount"


class GrantError(Invalid):
    """An OAuth error (RFC 6749 §5.2): ``code`` is the ``error`` value."""

    def __init__(self, code: str, description: str) -> None:
        super().__init__(code, detail=description)
        self.code = code


@dataclass(frozen=True, slots=True)
class Tokens:
    access_token: str
    refresh_token: str | None
    expires_in: int
    scope: str


async def register_client(
    tx: Transaction,
    actor: Principal,
    *,
    name: str,
    secret_hash: str,
    client_id: str | None = None,
    user_sys_id: str | None = None,
) -> dict[str, Any]:
    """Register an application; hash its secret beforehand (``passwords.hash_password``)."""
    client = await records.insert(
        tx,
        actor,
        CLIENTS,
        {"name": name, "client_id": client_id or secrets.token_hex(16), "user": user_sys_id},
    )
    await repository.set_client_secret_hash(
        tx, workspace_id=actor.workspace_id, sys_id=client["sys_id"], hashed=secret_hash
    )
    return client


async def _client(db: Database, workspace_id: int, client_id: str, secret: str) -> dict[str, Any]:
    async with db.read() as tx:
        client = await repository.client(tx, workspace_id=workspace_id, client_id=client_id)
    stored = client["client_secret"] if client else None
    valid = await anyio.to_thread.run_sync(passwords.verify, stored, secret)
    if client is None or not valid or client.get("active") is False:
        raise GrantError("invalid_client", "Client authentication failed")
    return client


async def password_grant(
    db: Database,
    workspace_id: int,
    *,
    client_id: str,
    client_secret: str,
    username: str,
    password: str,
) -> Tokens:
    client = await _client(db, workspace_id, client_id, client_secret)
    try:
        user = await credentials.verify_password(db, workspace_id, username, password)
    except Unauthenticated:
        raise GrantError("invalid_grant", "The user credentials are incorrect") from None
    return await _issue(db, workspace_id, client, user.user_sys_id)


async def refresh_grant(
    db: Database, workspace_id: int, *, client_id: str, client_secret: str, refresh_token: str
) -> Tokens:
    client = await _client(db, workspace_id, client_id, client_secret)
    async with db.write() as tx:
        digest = credentials.token_hash(refresh_token)
        row = await repository.token(tx, workspace_id=workspace_id, token_hash=digest)
        if (
            row is None
            or row["kind"] != "refresh"
            or row["client_sys_id"] != client["sys_id"]
            or row["expires_at"] <= clock.now()
        ):
            raise GrantError("invalid_grant", "The refresh token is invalid or expired")
        await repository.drop_token(tx, workspace_id=workspace_id, token_hash=digest)
        return await _store(tx, workspace_id, client, row["user_sys_id"])


async def client_credentials_grant(
    db: Database, workspace_id: int, *, client_id: str, client_secret: str
) -> Tokens:
    client = await _client(db, workspace_id, client_id, client_secret)
    return await _issue(db, workspace_id, client, client.get("user"), refresh=False)


async def _issue(
    db: Database,
    workspace_id: int,
    client: dict[str, Any],
    user_sys_id: str | None,
    *,
    refresh: bool = True,
) -> Tokens:
    async with db.write() as tx:
        await repository.drop_expired_tokens(tx, workspace_id=workspace_id, before=clock.now())
        return await _store(tx, workspace_id, client, user_sys_id, refresh=refresh)


async def _store(
    tx: Transaction,
    workspace_id: int,
    client: dict[str, Any],
    user_sys_id: str | None,
    *,
    refresh: bool = True,
) -> Tokens:
    now = clock.now()
    # ServiceNow answers expires_in one second under the client's lifespan (1800 → 1799).
    lifetime = max(int(client.get("access_token_lifespan") or 1800) - 1, 1)
    refresh_lifetime = int(client.get("refresh_token_lifespan") or 8_640_000)
    access = secrets.token_urlsafe(64)
    tokens = [("access", access, lifetime)]
    renewal = secrets.token_urlsafe(64) if refresh else None
    if renewal is not None:
        tokens.append(("refresh", renewal, refresh_lifetime))
    for kind, token, seconds in tokens:
        await repository.add_token(
            tx,
            workspace_id=workspace_id,
            token_hash=credentials.token_hash(token),
            kind=kind,
            user_sys_id=user_sys_id,
            client_sys_id=client["sys_id"],
            scope=SCOPE,
            created_on=now,
            expires_at=now + timedelta(seconds=seconds),
        )
    return Tokens(access, renewal, lifetime, SCOPE)
