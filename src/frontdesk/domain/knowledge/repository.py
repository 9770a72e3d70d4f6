"""SQL for knowledge the records service does not ask: a record's sys_id by its row id (the
number Cention clients know an article, a base, a category or an attachment by)."""

from __future__ import annotations

from functools import cache

import sqlalchemy as sa

from frontdesk.db.database import Transaction
from frontdesk.db.statements import Prepared
from frontdesk.store.schema import sa_table


@cache
def _sys_id(table: str) -> Prepared:
    rows = sa_table(table)
    return Prepared(
        sa.select(rows.c.sys_id).where(
            rows.c.workspace_id == sa.bindparam("ws"), rows.c.id == sa.bindparam("id")
        )
    )


async def sys_id(tx: Transaction, table: str, *, workspace_id: int, number: int) -> str | None:
    found = await tx.scalar(_sys_id(table), {"ws": workspace_id, "id": number})
    return str(found) if found is not None else None
