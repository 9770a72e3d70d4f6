"""Who a caller is: a user name and password, or an access token → ``Principal``.

A verified credential is remembered (keyed by a SHA-256 of the credential, so a different
password never matches and no plaintext is kept) for the credential cache's lifetime, so
a request does not pay an Argon2 verification each time; concurrent requests with the same
unremembered credential share one verification. Changing a user, a role, a grant or an
OAuth client forgets the workspace's entries at commit (in this process; other processes
within the lifetime). How a credential travels (an ``Authorization`` header, a form) is
each surface's business.

Every check of a secret goes through ``checked``: it is refused at once when the sign-in's
failure budget is spent (``domain/throttle.py``), a credential that failed a moment ago
fails again without a hash, and no more hashes run at once than ``services.hashing`` lets.
"""

from __future__ import annotations

import hashlib
from dataclasses import replace
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


async def password(
    services: Services,
    workspace_id: int,
    user_name: str,
    secret: str,
    *,
    address: str | None = None,
) -> Principal:
    """The user whose password ``secret`` is (remembered once verified); ``address`` is
    where the attempt came from, for its failure budget."""

    async def verify() -> tuple[Principal, float | None]:
        found = await verify_password(services, workspace_id, user_name, secret, address=address)
        return found, None

    key = _digest("password", user_name, secret)
    return await services.credentials.get_or_compute(workspace_id, key, verify)


async def checked(
    services: Services,
    workspace_id: int,
    *,
    account: str,
    stored: str | None,
    secret: str,
    address: str | None,
    allowed: bool = True,
) -> bool:
    """Whether ``secret`` matches the ``stored`` hash (and ``allowed``: the account may sign
    in), under the account's and the address's failure budgets; ``Throttled`` when spent."""
    throttle = services.throttle
    attempt = throttle.admit(throttle.keys(f"{workspace_id}\0{account}", address))
    try:
        known = _digest(account, stored or "", secret)
        if services.rejected.get(workspace_id, known):
            valid = False
        else:
            async with services.hashing:
                valid = await anyio.to_thread.run_sync(services.hasher.verify, stored, secret)
            valid = valid and allowed
            if not valid:
                services.rejected.put(workspace_id, known, True)
    except BaseException:
        attempt.abandoned()
        raise
    if valid:
        attempt.succeeded()
    else:
        attempt.failed()
    return valid


async def token(services: Services, workspace_id: int, access_token: str) -> Principal:
    """The principal a live access token acts as (remembered, at most until it expires)."""
    cache = services.credentials

    async def verify() -> tuple[Principal, float | None]:
        principal, seconds_left = await verify_token(services, workspace_id, access_token)
        return principal, min(cache.ttl, seconds_left)

    return await cache.get_or_compute(workspace_id, _digest("token", access_token), verify)


async def verify_password(
    services: Services,
    workspace_id: int,
    user_name: str,
    secret: str,
    *,
    address: str | None = None,
    table: str = "sys_user",
) -> Principal:
    """Check a password (Argon2, in a worker thread) of a sign-in of ``table`` (users by
    default; ``repository.SIGN_INS``) and load the user's roles."""
    if "\x00" in user_name:
        raise Unauthenticated(Why.WRONG)
    async with services.read() as unit:
        row = await repository.login(
            unit.tx, workspace_id=workspace_id, user_name=user_name, table=table
        )
        roles = (
            await repository.role_names(
                unit.tx, workspace_id=workspace_id, user_sys_id=row["sys_id"]
            )
            if row is not None
            else frozenset()
        )
    valid = await checked(
        services,
        workspace_id,
        account=f"{table}:{user_name.lower()}",
        stored=row["user_password"] if row is not None else None,
        secret=secret,
        address=address,
        allowed=row is not None and _may_log_in(row),
    )
    if row is None or not valid:
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
    return replace(principal, realm=row.get("realm")), left


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
