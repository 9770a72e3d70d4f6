"""SQL for social ratings: the changed ones, one by its number, and marking one seen."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from frontdesk.db.database import Transaction
from frontdesk.db.statements import Prepared
from frontdesk.store.schema import sa_table

_TABLE = sa_table("social_rating")
_MINE = (
    _TABLE.c.workspace_id == sa.bindparam("ws"),
    _TABLE.c.channel == sa.bindparam("channel"),
)
_CHANGED = Prepared(
    sa.select(_TABLE.c.id).where(_TABLE.c.changed.is_(True), *_MINE).order_by(_TABLE.c.id)
)
_ONE = Prepared(sa.select(_TABLE).where(_TABLE.c.id == sa.bindparam("id"), *_MINE))
_SEEN = Prepared(sa.update(_TABLE).where(_TABLE.c.id == sa.bindparam("id")).values(changed=False))


async def changed(tx: Transaction, *, workspace_id: int, channel: str) -> list[int]:
    found = await tx.fetch(_CHANGED, {"ws": workspace_id, "channel": channel})
    return [int(number) for number in found.scalars()]


async def rating(
    tx: Transaction, *, workspace_id: int, channel: str, number: int
) -> dict[str, Any] | None:
    return await tx.first(_ONE, {"ws": workspace_id, "channel": channel, "id": number})


async def seen(tx: Transaction, *, number: int) -> None:
    await tx.execute(_SEEN, {"id": number})
