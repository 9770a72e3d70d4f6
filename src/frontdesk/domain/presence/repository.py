"""SQL for sign-ins and presence events."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import sqlalchemy as sa

from frontdesk.db.database import Transaction
from frontdesk.db.statements import Prepared
from frontdesk.store.epoch import unix_seconds
from frontdesk.store.presence_tables import presence_event, sign_in

_OPEN_EXPIRED = Prepared(
    sa.select(sign_in.c.id, sign_in.c.user_name, sign_in.c.system_group, sign_in.c.expires_at)
    .where(
        sign_in.c.ended_at.is_(None),
        sign_in.c.expires_at <= sa.bindparam("now"),
        sign_in.c.workspace_id == sa.bindparam("ws"),
    )
    .order_by(sign_in.c.expires_at)
    .limit(sa.bindparam("limit"))
)
_BY_TOKEN = {
    kind: Prepared(
        sa.select(sign_in).where(
            sign_in.c.workspace_id == sa.bindparam("ws"),
            getattr(sign_in.c, kind) == sa.bindparam("digest"),
        )
    )
    for kind in ("access_hash", "refresh_hash")
}
_END = Prepared(
    sa.update(sign_in)
    .where(sign_in.c.id == sa.bindparam("id"), sign_in.c.ended_at.is_(None))
    .values(ended_at=sa.bindparam("at"))
)
_ADD_EVENT = Prepared(
    sa.insert(presence_event).values(
        workspace_id=sa.bindparam("ws"),
        user_name=sa.bindparam("user_name"),
        system_group=sa.bindparam("system_group"),
        signed_in=sa.bindparam("signed_in"),
        at=sa.bindparam("at"),
    )
)


def _events(by_name: bool) -> Prepared:
    """One page of a group's events in ``[since, until]`` after the key ``(at, id)``."""
    where = [
        presence_event.c.workspace_id == sa.bindparam("ws"),
        presence_event.c.system_group == sa.bindparam("group"),
        presence_event.c.at <= sa.bindparam("until"),
        sa.tuple_(presence_event.c.at, presence_event.c.id)
        > sa.tuple_(
            sa.bindparam("after_at", type_=presence_event.c.at.type),
            sa.bindparam("after_id", type_=presence_event.c.id.type),
        ),
    ]
    if by_name:
        where.append(presence_event.c.user_name == sa.bindparam("name"))
    return Prepared(
        sa.select(
            presence_event.c.id,
            unix_seconds(presence_event.c.at),
            presence_event.c.user_name,
            presence_event.c.signed_in,
        )
        .where(*where)
        .order_by(presence_event.c.at, presence_event.c.id)
        .limit(sa.bindparam("limit"))
    )


_PAGE = {False: _events(False), True: _events(True)}


async def by_token(
    tx: Transaction, *, workspace_id: int, kind: str, digest: str
) -> dict[str, Any] | None:
    return await tx.first(_BY_TOKEN[kind], {"ws": workspace_id, "digest": digest})


async def open_expired(
    tx: Transaction, *, workspace_id: int, now: datetime, limit: int
) -> list[dict[str, Any]]:
    found = await tx.fetch(_OPEN_EXPIRED, {"ws": workspace_id, "now": now, "limit": limit})
    return found.mappings()


async def add_sign_in(tx: Transaction, values: dict[str, Any]) -> None:
    await tx.execute(sa.insert(sign_in).values(**values))


async def renew(tx: Transaction, *, id: int, values: dict[str, Any]) -> None:
    await tx.execute(sa.update(sign_in).where(sign_in.c.id == id).values(**values))


async def end(tx: Transaction, *, id: int, at: datetime) -> bool:
    return await tx.execute(_END, {"id": id, "at": at}) > 0


async def add_event(
    tx: Transaction,
    *,
    workspace_id: int,
    user_name: str,
    system_group: str,
    signed_in: bool,
    at: datetime,
) -> None:
    await tx.execute(
        _ADD_EVENT,
        {
            "ws": workspace_id,
            "user_name": user_name,
            "system_group": system_group,
            "signed_in": signed_in,
            "at": at,
        },
    )


async def add_events(tx: Transaction, rows: list[dict[str, Any]]) -> None:
    await tx.insert_many(presence_event, rows)


async def events(tx: Transaction, params: dict[str, Any]) -> list[tuple[Any, ...]]:
    """A page of events as ``(id, unix seconds, user name, signed in)`` tuples."""
    found = await tx.fetch(_PAGE["name" in params], params)
    return found.rows
