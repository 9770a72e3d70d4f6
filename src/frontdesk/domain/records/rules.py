"""What happens around a write to particular tables, whichever API made it.

- People's ``name`` is derived from its parts.
- People and social profiles keep the identity index current.
- Users, roles, grants and OAuth clients clear remembered credentials; properties and
  dictionary entries clear their caches (all at commit).
"""

from __future__ import annotations

from typing import Any

from frontdesk.db.database import Transaction
from frontdesk.domain.auth import credentials
from frontdesk.domain.dictionary import service as dictionary
from frontdesk.domain.identity import service as identity
from frontdesk.domain.properties import service as properties
from frontdesk.store.registry import TableDef

Record = dict[str, Any]

NAME_PARTS: dict[str, tuple[str, ...]] = {
    "csm_consumer": ("first_name", "middle_name", "last_name"),
    "sys_user": ("first_name", "last_name"),
    "customer_contact": ("first_name", "last_name"),
    "csm_consumer_user": ("first_name", "last_name"),
}
AUTH_TABLES = frozenset({"sys_user", "sys_user_role", "sys_user_has_role", "oauth_entity"})


def prepare(table: TableDef, record: Record) -> None:
    """Fill derived fields of a complete record about to be written."""
    parts = NAME_PARTS.get(table.name)
    if parts:
        words = [str(record.get(p) or "").strip() for p in parts]
        if any(words):
            record["name"] = " ".join(w for w in words if w)


async def after_write(
    tx: Transaction, table: TableDef, *, workspace_id: int, record: Record | None, sys_id: str
) -> None:
    """``record`` is what is now stored, or ``None`` after a delete."""
    if table.person or table.name == identity.SOCIAL_PROFILE:
        if record is None:
            await identity.forget(tx, workspace_id=workspace_id, table=table, sys_id=sys_id)
        else:
            await identity.reindex(tx, workspace_id=workspace_id, table=table, record=record)
    if table.name in AUTH_TABLES:
        credentials.invalidate(tx, workspace_id)
    elif table.name == "sys_properties":
        properties.invalidate(tx, workspace_id)
    elif table.name == "sys_dictionary":
        dictionary.invalidate(tx, workspace_id)
