"""What happens around a write, whichever API made it, as the table declares it.

- A table with ``name_parts`` derives ``name`` from them.
- A table with a ``changed_flag`` sets it on every write.
- A ``reachable`` table keeps the identity index current.
- A table that feeds ``caches`` clears them for the workspace at commit.
"""

from __future__ import annotations

from typing import Any

from frontdesk.domain.identity import service as identity
from frontdesk.domain.services import Unit
from frontdesk.store.registry import TableDef

Record = dict[str, Any]


def prepare(table: TableDef, record: Record) -> None:
    """Fill derived fields of a complete record about to be written."""
    if table.name_parts:
        words = [str(record.get(p) or "").strip() for p in table.name_parts]
        if any(words):
            record["name"] = " ".join(w for w in words if w)
    if table.changed_flag is not None:
        record[table.changed_flag] = True


async def after_write(
    unit: Unit, table: TableDef, *, workspace_id: int, record: Record | None, sys_id: str
) -> None:
    """``record`` is what is now stored, or ``None`` after a delete."""
    if table.reachable is not None:
        if record is None:
            await identity.forget(unit.tx, workspace_id=workspace_id, table=table, sys_id=sys_id)
        else:
            await identity.reindex(unit.tx, workspace_id=workspace_id, table=table, record=record)
    unit.forget(table.caches, workspace_id)
