"""Exact row counts per workspace and table, kept in the writing transaction.

``X-Total-Count`` accompanies every list; counting a million rows takes 60 to 120 ms, so an
unfiltered list reads its count here instead. Every registry table has a row per
workspace from the workspace's creation (migrations backfill new tables), so a change
only ever updates an existing row: no first-writer race. Writers of one table in one
workspace serialise on its row until they commit, as numbered tables already do.
"""

from __future__ import annotations

import sqlalchemy as sa

from frontdesk.db.database import Transaction
from frontdesk.db.statements import Prepared
from frontdesk.store.schema import record_count
from frontdesk.store.tables import REGISTRY

_CHANGE = Prepared(
    sa.update(record_count)
    .where(
        record_count.c.workspace_id == sa.bindparam("ws"),
        record_count.c.table_name == sa.bindparam("table"),
    )
    .values(row_count=record_count.c.row_count + sa.bindparam("delta"))
)
_GET = Prepared(
    sa.select(record_count.c.row_count).where(
        record_count.c.workspace_id == sa.bindparam("ws"),
        record_count.c.table_name == sa.bindparam("table"),
    )
)


async def start(tx: Transaction, *, workspace_id: int) -> None:
    """A new workspace: every table starts at zero rows."""
    await tx.insert_many(
        record_count,
        [{"workspace_id": workspace_id, "table_name": name, "row_count": 0} for name in REGISTRY],
    )


async def change(tx: Transaction, *, workspace_id: int, table: str, delta: int) -> None:
    await tx.execute(_CHANGE, {"ws": workspace_id, "table": table, "delta": delta})


async def get(tx: Transaction, *, workspace_id: int, table: str) -> int | None:
    found = await tx.scalar(_GET, {"ws": workspace_id, "table": table})
    return int(found) if found is not None else None
