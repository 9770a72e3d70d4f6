"""Read a workspace's properties (cached briefly; writes clear the cache on commit)."""

from __future__ import annotations

import sqlalchemy as sa

from frontdesk.db.database import Transaction
from frontdesk.db.statements import Prepared
from frontdesk.domain.cache import cache_for
from frontdesk.store.schema import sa_table

INVALID_QUERY_RETURNS_NO_ROWS = "glide.invalid_query.returns_no_rows"

_rows = sa_table("sys_properties")
_ALL = Prepared(
    sa.select(_rows.c.name, _rows.c.value).where(_rows.c.workspace_id == sa.bindparam("ws"))
)


async def all_for(tx: Transaction, workspace_id: int) -> dict[str, str]:
    cache = cache_for(tx.database.state, "properties", 5.0)
    found: dict[str, str] | None = cache.get(workspace_id)
    if found is None:
        result = await tx.fetch(_ALL, {"ws": workspace_id})
        found = {str(name): str(value or "") for name, value in result.rows}
        cache.put(workspace_id, found)
    return found


async def get(tx: Transaction, workspace_id: int, name: str) -> str | None:
    return (await all_for(tx, workspace_id)).get(name)


async def flag(tx: Transaction, workspace_id: int, name: str) -> bool:
    return (await get(tx, workspace_id, name) or "").strip().lower() == "true"


def invalidate(tx: Transaction, workspace_id: int) -> None:
    cache = cache_for(tx.database.state, "properties", 5.0)
    tx.after_commit(lambda: cache.drop(workspace_id))
