"""Read a workspace's properties (cached briefly; a write clears the cache at commit)."""

from __future__ import annotations

from collections.abc import Mapping

import sqlalchemy as sa

from frontdesk.db.statements import Prepared
from frontdesk.domain.services import Unit
from frontdesk.store.schema import sa_table

INVALID_QUERY_RETURNS_NO_ROWS = "glide.invalid_query.returns_no_rows"
# Customers are seen only by the users of their department (and by a client application
# that names it).
CUSTOMER_DEPARTMENTALIZATION = "egain.customer_departmentalization"

_rows = sa_table("sys_properties")
_ALL = Prepared(
    sa.select(_rows.c.name, _rows.c.value).where(_rows.c.workspace_id == sa.bindparam("ws"))
)


async def all_for(unit: Unit, workspace_id: int) -> Mapping[str, str]:
    async def load() -> Mapping[str, str]:
        result = await unit.tx.fetch(_ALL, {"ws": workspace_id})
        return {str(name): str(value or "") for name, value in result.rows}

    return await unit.cached(unit.services.properties, workspace_id, None, load)


async def get(unit: Unit, workspace_id: int, name: str) -> str | None:
    return (await all_for(unit, workspace_id)).get(name)


async def flag(unit: Unit, workspace_id: int, name: str) -> bool:
    return (await get(unit, workspace_id, name) or "").strip().lower() == "true"
