"""Who a request is: Basic credentials or a Bearer token → ``Principal``.

A verified credential is remembered (keyed by a SHA-256 of the whole header value, so a
different password never matches) for ``ttl.credentials`` seconds, so a request does not
pay an Argon2 verification each time. Changing a user, a role, a grant or an OAuth client
in this process forgets the workspace's entries at commit; other processes within the TTL.
"""

from __future__ import annotations

import asyncio
import base64
import binascii
import hashlib
from dataclasses import dataclass

import anyio.to_thread

from frontdesk.db.database import Database, Transaction
from frontdesk.domain import clock
from frontdesk.domain.auth import passwords, repository
from frontdesk.domain.cache import TtlCache, cache_for
from frontdesk.domain.principal import Principal
from frontdesk.errors import Unauthenticated

DEFAULT_TTL = 30.0
NOT_AUTHENTICATED = "User Not Authenticated"
AUTH_REQUIRED = "Required to provide Auth information"


@dataclass(frozen=True, slots=True)
class _Entry:
    principal: Principal
    generation: int


def _cache(db: Database) -> TtlCache[tuple[int, bytes], _Entry]:
    return cache_for(db.state, "credentials", DEFAULT_TTL)


def _generations(db: Database) -> dict[int, int]:
    found = db.state.get("auth.generations")
    if found is None:
        found = db.state["auth.generations"] = {}
    assert isinstance(found, dict)
    return found


def invalidate(tx: Transaction, workspace_id: int) -> None:
    """Forget every remembered credential of the workspace once ``tx`` commits."""
    generations = _generations(tx.database)

    def bump() -> None:
        generations[workspace_id] = generations.get(workspace_id, 0) + 1

    tx.after_commit(bump)


def remembered(
    db: Database, workspace_id: int, header: str
) -> tuple[tuple[int, bytes], Principal | None]:
    key = (workspace_id, hashlib.sha256(header.encode()).digest())
    entry = _cache(db).get(key)
    if entry is None or entry.generation != _generations(db).get(workspace_id, 0):
        return key, None
    return key, entry.principal


def remember(
    db: Database, key: tuple[int, bytes], principal: Principal, ttl: float | None = None
) -> None:
    generation = _generations(db).get(key[0], 0)
    _cache(db).put(key, _Entry(principal, generation), ttl)


async def authenticate(db: Database, workspace_id: int, header: str | None) -> Principal:
    """The principal an ``Authorization`` header proves, or ``Unauthenticated``.

    Concurrent requests with the same unremembered header share one verification.
    """
    if not header:
        raise Unauthenticated(NOT_AUTHENTICATED, detail=AUTH_REQUIRED)
    key, principal = remembered(db, workspace_id, header)
    if principal is not None:
        return principal
    pending: dict[tuple[int, bytes], asyncio.Future[Principal]] = db.state.setdefault(
        "auth.pending", {}
    )
    running = pending.get(key)
    if running is not None:
        return await asyncio.shield(running)
    future: asyncio.Future[Principal] = asyncio.get_running_loop().create_future()
    pending[key] = future
    try:
        principal = await _verify(db, workspace_id, header, key)
        future.set_result(principal)
        return principal
    except BaseException as error:
        future.set_exception(error)
        future.exception()  # retrieved: waiters re-raise it, nobody else needs to
        raise
    finally:
        del pending[key]


async def _verify(
    db: Database, workspace_id: int, header: str, key: tuple[int, bytes]
) -> Principal:
    scheme, _, value = header.partition(" ")
    scheme = scheme.lower()
    if scheme == "basic":
        user_name, password = _basic(value)
        principal = await verify_password(db, workspace_id, user_name, password)
        remember(db, key, principal)
        return principal
    if scheme == "bearer" and value.strip():
        principal, seconds_left = await verify_token(db, workspace_id, value.strip())
        remember(db, key, principal, ttl=min(_cache(db).ttl, seconds_left))
        return principal
    raise Unauthenticated(NOT_AUTHENTICATED, detail=AUTH_REQUIRED)


def _basic(value: str) -> tuple[str, str]:
    try:
        decoded = base64.b64decode(value.strip(), validate=True).decode("utf-8")
    except (binascii.Error, UnicodeDecodeError):
        raise Unauthenticated(NOT_AUTHENTICATED, detail=AUTH_REQUIRED) from None
    user_name, colon, password = decoded.partition(":")
    if not colon or not user_name:
        raise Unauthenticated(NOT_AUTHENTICATED, detail=AUTH_REQUIRED)
    return user_name, password


async def verify_password(
    db: Database, workspace_id: int, user_name: str, password: str
) -> Principal:
    """Check a user's password (Argon2, in a worker thread) and load the user's roles."""
    async with db.read() as tx:
        row = await repository.login(tx, workspace_id=workspace_id, user_name=user_name)
        roles = (
            await repository.role_names(tx, workspace_id=workspace_id, user_sys_id=row["sys_id"])
            if row is not None
            else frozenset()
        )
    stored = row["user_password"] if row is not None else None
    valid = await anyio.to_thread.run_sync(passwords.verify, stored, password)
    if row is None or not valid or not _may_log_in(row):
        raise Unauthenticated(NOT_AUTHENTICATED, detail=AUTH_REQUIRED)
    return Principal(workspace_id, str(row["user_name"]), str(row["sys_id"]), roles)


def _may_log_in(row: dict[str, object]) -> bool:
    return row.get("active") is not False and row.get("locked_out") is not True


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


async def verify_token(db: Database, workspace_id: int, token: str) -> tuple[Principal, float]:
    """The principal of a live access token, and how many seconds it has left."""
    async with db.read() as tx:
        row = await repository.token(tx, workspace_id=workspace_id, token_hash=token_hash(token))
        if row is None or row["kind"] != "access":
            raise Unauthenticated(NOT_AUTHENTICATED, detail=AUTH_REQUIRED)
        left = (row["expires_at"] - clock.now()).total_seconds()
        if left <= 0:
            raise Unauthenticated(NOT_AUTHENTICATED, detail="Access token expired")
        principal = await principal_of(tx, workspace_id, row["user_sys_id"], row["client_sys_id"])
    return principal, left


async def principal_of(
    tx: Transaction, workspace_id: int, user_sys_id: str | None, client_sys_id: str | None
) -> Principal:
    """The principal a token acts as: its user, with the user's current roles."""
    if not user_sys_id:
        return Principal(workspace_id, "oauth_client", None, frozenset(), client_sys_id)
    user = await repository.user(tx, workspace_id=workspace_id, sys_id=user_sys_id)
    if user is None or not _may_log_in(user):
        raise Unauthenticated(NOT_AUTHENTICATED, detail=AUTH_REQUIRED)
    roles = await repository.role_names(tx, workspace_id=workspace_id, user_sys_id=user_sys_id)
    return Principal(workspace_id, str(user["user_name"]), user_sys_id, roles, client_sys_id)
