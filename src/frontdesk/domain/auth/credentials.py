"""Who a caller is: a user name and password, or an access token → ``Principal``.

A verified credential is remembered (keyed by a SHA-256 of the credential, so a different
password never matches and no plaintext is kept) for the credential cache's lifetime, so
a request does not pay an Argon2 verification each time; concurrent requests with the same
unremembered credential share one verification. Changing a user, a role, a grant or an
OAuth client forgets the workspace's entries at commit (in this process; other processes
within the lifetime). How a credential travels (an ``Authorization`` header, a form) is
each surface's business.
"""

from __future__ import annotations

import hashlib
from typing import Any

import anyio.to_thread

from frontdesk.domain import clock
from frontdesk.domain.auth import repository
from frontdesk.domain.principal import Principal
from frontdesk.domain.services import Services, Unit
from frontdesk.errors import Unauthenticated, Why


def _digest(*parts: str) -> bytes:
    return hashlib.sha256("\0".join(parts).encode()).digest()


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


async def password(services: Services, workspace_id: int, user_name: str, secret: str) -> Principal:
    """The user whose password ``secret`` is (remembered once verified)."""

    async def verify() -> tuple[Principal, float | None]:
        return await verify_password(services, workspace_id, user_name, secret), None

    key = _digest("password", user_name, secret)
    return await services.credentials.get_or_compute(workspace_id, key, verify)


async def token(services: Services, workspace_id: int, access_token: str) -> Principal:
    """The principal a live access token acts as (remembered, at most until it expires)."""
    cache = services.credentials

    async def verify() -> tuple[Principal, float | None]:
        principal, seconds_left = await verify_token(services, workspace_id, access_token)
        return principal, min(cache.ttl, seconds_left)

    return await cache.get_or_compute(workspace_id, _digest("token", access_token), verify)


async def verify_password(
    services: Services, workspace_id: int, user_name: str, secret: str
) -> Principal:
    """Check a user's password (Argon2, in a worker thread) and load the user's roles."""
    if "\x00" in user_name:
        raise Unauthenticated(Why.WRONG)
    async with services.read() as unit:
        row = await repository.login(unit.tx, workspace_id=workspace_id, user_name=user_name)
        roles = (
            await repository.role_names(
                unit.tx, workspace_id=workspace_id, user_sys_id=row["sys_id"]
            )
            if row is not None
            else frozenset()
        )
    stored = row["user_password"] if row is not None else None
    valid = await anyio.to_thread.run_sync(services.hasher.verify, stored, secret)
    if row is None or not valid or not _may_log_in(row):
        raise Unauthenticated(Why.WRONG)
    return _principal(workspace_id, row, roles)


def _principal(
    workspace_id: int, user: dict[str, Any], roles: frozenset[str], client_sys_id: str | None = None
) -> Principal:
    return Principal(
        workspace_id,
        str(user["user_name"]),
        str(user["sys_id"]),
        roles,
        client_sys_id,
        str(user["time_zone"]) if user.get("time_zone") else None,
    )


def _may_log_in(row: dict[str, Any]) -> bool:
    return row.get("active") is not False and row.get("locked_out") is not True


async def verify_token(
    services: Services, workspace_id: int, access_token: str
) -> tuple[Principal, float]:
    """The principal of a live access token, and how many seconds it has left."""
    async with services.read() as unit:
        row = await repository.token(
            unit.tx, workspace_id=workspace_id, token_hash=token_hash(access_token)
        )
        if row is None or row["kind"] != "access":
            raise Unauthenticated(Why.WRONG)
        left = (row["expires_at"] - clock.now()).total_seconds()
        if left <= 0:
            raise Unauthenticated(Why.EXPIRED)
        principal = await principal_of(unit, workspace_id, row["user_sys_id"], row["client_sys_id"])
    return principal, left


async def principal_of(
    unit: Unit, workspace_id: int, user_sys_id: str | None, client_sys_id: str | None
) -> Principal:
    """The principal a token acts as: its user, with the user's current roles."""
    if not user_sys_id:
        return Principal(workspace_id, "oauth_client", None, frozenset(), client_sys_id)
    user = await repository.user(unit.tx, workspace_id=workspace_id, sys_id=user_sys_id)
    if user is None or not _may_log_in(user):
        raise Unauthenticated(Why.WRONG)
    roles = await repository.role_names(unit.tx, workspace_id=workspace_id, user_sys_id=user_sys_id)
    return _principal(workspace_id, user, roles, client_sys_id)
