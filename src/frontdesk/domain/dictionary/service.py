"""A workspace's custom fields per table (cached briefly; writes clear the cache on commit)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import sqlalchemy as sa

from frontdesk.db.database import Transaction
from frontdesk.db.statements import Prepared
from frontdesk.domain.cache import cache_for
from frontdesk.store.fields import Field, FieldType
from frontdesk.store.registry import REGISTRY
from frontdesk.store.schema import sa_table

CustomFields = Mapping[str, Mapping[str, Field]]

# The sys_dictionary internal types a custom field may have.
TYPES: dict[str, FieldType] = {
    "string": FieldType.STRING,
    "integer": FieldType.INTEGER,
    "boolean": FieldType.BOOLEAN,
    "glide_date_time": FieldType.DATETIME,
    "reference": FieldType.REFERENCE,
    "email": FieldType.EMAIL,
    "phone_number": FieldType.PHONE,
    "url": FieldType.URL,
    "choice": FieldType.CHOICE,
}

_rows = sa_table("sys_dictionary")
_ALL = Prepared(
    sa.select(
        _rows.c.name,
        _rows.c.element,
        _rows.c.column_label,
        _rows.c.internal_type,
        _rows.c.max_length,
        _rows.c.reference,
        _rows.c.default_value,
    )
    .where(
        _rows.c.workspace_id == sa.bindparam("ws"),
        sa.func.coalesce(_rows.c.active, sa.true()) == sa.true(),
    )
    .order_by(_rows.c.name, _rows.c.element)
)


def field_of(entry: Mapping[str, Any]) -> Field | None:
    """The field a dictionary entry declares, if it is a custom field of a known table."""
    element = str(entry.get("element") or "")
    if not element.startswith("u_") or entry.get("name") not in REGISTRY:
        return None
    kind = TYPES.get(str(entry.get("internal_type") or "string"), FieldType.STRING)
    return Field(
        name=element,
        type=kind,
        label=str(entry.get("column_label") or element),
        max_length=int(entry.get("max_length") or (32 if kind is FieldType.REFERENCE else 255)),
        reference=str(entry["reference"]) if entry.get("reference") else None,
        default=entry.get("default_value") or None,
        custom=True,
    )


async def custom_fields(tx: Transaction, workspace_id: int) -> CustomFields:
    cache = cache_for(tx.database.state, "dictionary", 5.0)
    found: dict[str, dict[str, Field]] | None = cache.get(workspace_id)
    if found is None:
        result = await tx.fetch(_ALL, {"ws": workspace_id})
        found = {}
        for entry in result.mappings():
            field = field_of(entry)
            if field is not None:
                found.setdefault(str(entry["name"]), {})[field.name] = field
        cache.put(workspace_id, found)
    return found


def invalidate(tx: Transaction, workspace_id: int) -> None:
    cache = cache_for(tx.database.state, "dictionary", 5.0)
    tx.after_commit(lambda: cache.drop(workspace_id))
