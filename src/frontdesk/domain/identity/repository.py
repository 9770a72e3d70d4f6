"""SQL for contact points."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa

from frontdesk.db.database import Transaction
from frontdesk.db.statements import Prepared
from frontdesk.store.schema import contact_point

_FORGET = Prepared(
    sa.delete(contact_point).where(
        contact_point.c.workspace_id == sa.bindparam("ws"),
        contact_point.c.source_table == sa.bindparam("table"),
        contact_point.c.source_sys_id == sa.bindparam("sys_id"),
    )
)
_OWNERS = Prepared(
    sa.select(contact_point.c.owner_table, contact_point.c.owner_sys_id)
    .where(
        contact_point.c.workspace_id == sa.bindparam("ws"),
        contact_point.c.kind == sa.bindparam("kind"),
        contact_point.c.value == sa.bindparam("value"),
    )
    .distinct()
    .order_by(contact_point.c.owner_table, contact_point.c.owner_sys_id)
)


async def forget(tx: Transaction, *, workspace_id: int, table: str, sys_id: str) -> None:
    await tx.execute(_FORGET, {"ws": workspace_id, "table": table, "sys_id": sys_id})


async def add(tx: Transaction, rows: Sequence[dict[str, Any]]) -> None:
    await tx.insert_many(contact_point, rows)


async def owners(
    tx: Transaction, *, workspace_id: int, kind: str, value: str
) -> list[tuple[str, str]]:
    result = await tx.fetch(_OWNERS, {"ws": workspace_id, "kind": kind, "value": value})
    return [(str(table), str(sys_id)) for table, sys_id in result.rows]
