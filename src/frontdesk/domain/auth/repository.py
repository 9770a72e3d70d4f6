"""SQL for authentication: users and their roles, OAuth clients, OAuth tokens, and the
workspaces' access tokens."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

import sqlalchemy as sa

from frontdesk.db.database import Transaction
from frontdesk.db.statements import Prepared
from frontdesk.store.schema import api_token, oauth_token, sa_table

users = sa_table("sys_user")
roles = sa_table("sys_user_role")
grants = sa_table("sys_user_has_role")
clients = sa_table("oauth_entity")

# The tables whose records sign in: users, and consumers' own users (eGain's customers).
SIGN_INS = ("sys_user", "csm_consumer_user")


def _login(table: sa.Table) -> Prepared:
    return Prepared(
        sa.select(
            table.c.sys_id,
            table.c.user_name,
            table.c.user_password,
            table.c.active,
            table.c.locked_out,
            table.c.time_zone,
        )
        .where(
            table.c.workspace_id == sa.bindparam("ws"),
            sa.func.lower(table.c.user_name) == sa.bindparam("user_name"),
        )
        .order_by(table.c.sys_id)
        .limit(1)
    )


def _by_sys_id(table: sa.Table) -> Prepared:
    return Prepared(
        sa.select(
            table.c.sys_id, table.c.user_name, table.c.active, table.c.locked_out, table.c.time_zone
        ).where(
            table.c.workspace_id == sa.bindparam("ws"), table.c.sys_id == sa.bindparam("sys_id")
        )
    )


_LOGINS = {name: _login(sa_table(name)) for name in SIGN_INS}
_USERS = {name: _by_sys_id(sa_table(name)) for name in SIGN_INS}
# A user's grants with their roles, and the grants in force.
_GRANTED = grants.join(
    roles, sa.and_(roles.c.sys_id == grants.c.role, roles.c.workspace_id == grants.c.workspace_id)
)
_IN_FORCE = sa.func.coalesce(grants.c.state, "active") == "active"
_ROLES = Prepared(
    sa.select(roles.c.name)
    .select_from(_GRANTED)
    .where(
        grants.c.workspace_id == sa.bindparam("ws"),
        grants.c.user == sa.bindparam("user"),
        _IN_FORCE,
    )
)
_CLIENT = Prepared(
    sa.select(
        clients.c.sys_id,
        clients.c.client_id,
        clients.c.client_secret,
        clients.c.active,
        clients.c.user,
        clients.c.access_token_lifespan,
        clients.c.refresh_token_lifespan,
        clients.c.redirect_url,
    )
    .where(
        clients.c.workspace_id == sa.bindparam("ws"),
        sa.func.lower(clients.c.client_id) == sa.bindparam("client_id"),
    )
    .order_by(clients.c.sys_id)
    .limit(1)
)
_TOKEN = Prepared(
    sa.select(oauth_token).where(
        oauth_token.c.workspace_id == sa.bindparam("ws"),
        oauth_token.c.token_hash == sa.bindparam("token_hash"),
    )
)
_DROP_TOKEN = Prepared(
    sa.delete(oauth_token).where(
        oauth_token.c.workspace_id == sa.bindparam("ws"),
        oauth_token.c.token_hash == sa.bindparam("token_hash"),
    )
)
_ROLE_BY_NAME = Prepared(
    sa.select(roles.c.sys_id).where(
        roles.c.workspace_id == sa.bindparam("ws"),
        sa.func.lower(roles.c.name) == sa.bindparam("name"),
    )
)
_GRANT = Prepared(
    sa.select(grants.c.sys_id).where(
        grants.c.workspace_id == sa.bindparam("ws"),
        grants.c.user == sa.bindparam("user"),
        grants.c.role == sa.bindparam("role"),
    )
)


async def login(
    tx: Transaction, *, workspace_id: int, user_name: str, table: str = "sys_user"
) -> dict[str, Any] | None:
    """The sign-in of ``table`` (one of ``SIGN_INS``) with this user name, in any case."""
    params = {"ws": workspace_id, "user_name": user_name.lower()}
    return await tx.first(_LOGINS[table], params)


async def user(tx: Transaction, *, workspace_id: int, sys_id: str) -> dict[str, Any] | None:
    """A sign-in by sys_id, of any of ``SIGN_INS`` (a user's first)."""
    for statement in _USERS.values():
        found = await tx.first(statement, {"ws": workspace_id, "sys_id": sys_id})
        if found is not None:
            return found
    return None


async def role_names(tx: Transaction, *, workspace_id: int, user_sys_id: str) -> frozenset[str]:
    result = await tx.fetch(_ROLES, {"ws": workspace_id, "user": user_sys_id})
    return frozenset(str(name) for name in result.scalars() if name)


async def roles_of_users(
    tx: Transaction, *, workspace_id: int, user_sys_ids: Sequence[str]
) -> dict[str, frozenset[str]]:
    """Each user's role names, for many users at once."""
    if not user_sys_ids:
        return {}
    statement = (
        sa.select(grants.c.user, roles.c.name)
        .select_from(_GRANTED)
        .where(
            grants.c.workspace_id == workspace_id,
            grants.c.user.in_(sorted(set(user_sys_ids))),
            _IN_FORCE,
        )
    )
    found: dict[str, set[str]] = {}
    for user, name in (await tx.fetch(statement)).rows:
        if name:
            found.setdefault(str(user), set()).add(str(name))
    return {user: frozenset(names) for user, names in found.items()}


async def role_sys_id(tx: Transaction, *, workspace_id: int, name: str) -> str | None:
    found = await tx.scalar(_ROLE_BY_NAME, {"ws": workspace_id, "name": name.lower()})
    return str(found) if found is not None else None


async def grant_sys_id(tx: Transaction, *, workspace_id: int, user: str, role: str) -> str | None:
    found = await tx.scalar(_GRANT, {"ws": workspace_id, "user": user, "role": role})
    return str(found) if found is not None else None


async def set_password_hash(
    tx: Transaction, *, workspace_id: int, sys_id: str, hashed: str, table: str = "sys_user"
) -> None:
    rows = sa_table(table)
    await tx.execute(
        sa.update(rows)
        .where(rows.c.workspace_id == workspace_id, rows.c.sys_id == sys_id)
        .values(user_password=hashed)
    )


async def client(tx: Transaction, *, workspace_id: int, client_id: str) -> dict[str, Any] | None:
    return await tx.first(_CLIENT, {"ws": workspace_id, "client_id": client_id.lower()})


async def set_client_secret_hash(
    tx: Transaction, *, workspace_id: int, sys_id: str, hashed: str
) -> None:
    await tx.execute(
        sa.update(clients)
        .where(clients.c.workspace_id == workspace_id, clients.c.sys_id == sys_id)
        .values(client_secret=hashed)
    )


async def token(tx: Transaction, *, workspace_id: int, token_hash: str) -> dict[str, Any] | None:
    return await tx.first(_TOKEN, {"ws": workspace_id, "token_hash": token_hash})


async def add_token(tx: Transaction, **values: Any) -> None:
    await tx.execute(sa.insert(oauth_token).values(**values))


async def drop_token(tx: Transaction, *, workspace_id: int, token_hash: str) -> None:
    await tx.execute(_DROP_TOKEN, {"ws": workspace_id, "token_hash": token_hash})


async def drop_expired_tokens(tx: Transaction, *, workspace_id: int, before: datetime) -> None:
    await tx.execute(
        sa.delete(oauth_token).where(
            oauth_token.c.workspace_id == workspace_id, oauth_token.c.expires_at < before
        )
    )


# ------------------------------------------------------------------------------ access tokens

_LIVE_API_TOKEN = Prepared(
    sa.select(api_token.c.name, api_token.c.claims, api_token.c.revoked_on).where(
        api_token.c.workspace_id == sa.bindparam("ws"), api_token.c.jti == sa.bindparam("jti")
    )
)


def _api_tokens(workspace_id: int, **equal: Any) -> sa.Select[Any]:
    return sa.select(api_token).where(
        api_token.c.workspace_id == workspace_id,
        *(api_token.c[name] == value for name, value in equal.items()),
    )


async def api_token_by(tx: Transaction, workspace_id: int, **equal: Any) -> dict[str, Any] | None:
    """The access token whose columns hold these values (``revoked_on=None``: a live one)."""
    return await tx.first(_api_tokens(workspace_id, **equal))


async def api_token_of(tx: Transaction, *, workspace_id: int, jti: str) -> dict[str, Any] | None:
    """A token's name, claims and revocation, by its id (every Bearer request asks)."""
    return await tx.first(_LIVE_API_TOKEN, {"ws": workspace_id, "jti": jti})


async def api_tokens(tx: Transaction, *, workspace_id: int) -> list[dict[str, Any]]:
    statement = _api_tokens(workspace_id).order_by(api_token.c.created_on, api_token.c.name)
    return (await tx.fetch(statement)).mappings()


async def add_api_token(tx: Transaction, values: dict[str, Any]) -> None:
    await tx.insert_row(api_token, values)


async def set_api_token_claims(tx: Transaction, *, id: int, claims: dict[str, Any]) -> None:
    await tx.execute(sa.update(api_token).where(api_token.c.id == id).values(claims=claims))


async def revoke_api_token(tx: Transaction, *, workspace_id: int, name: str, at: datetime) -> bool:
    """Revoke the live token named ``name``; whether there was one."""
    changed = await tx.execute(
        sa.update(api_token)
        .where(
            api_token.c.workspace_id == workspace_id,
            api_token.c.name == name,
            api_token.c.revoked_on.is_(None),
        )
        .values(revoked_on=at)
    )
    return changed > 0
