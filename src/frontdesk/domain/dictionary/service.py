"""A workspace's custom fields per table (cached briefly; a write clears the cache at commit)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import sqlalchemy as sa

from frontdesk.db.statements import Prepared
from frontdesk.domain.services import CustomFields, Unit
from frontdesk.store.fields import Field, FieldType
from frontdesk.store.schema import sa_table
from frontdesk.store.tables import REGISTRY

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


async def custom_fields(unit: Unit, workspace_id: int) -> CustomFields:
    async def load() -> CustomFields:
        result = await unit.tx.fetch(_ALL, {"ws": workspace_id})
        found: dict[str, dict[str, Field]] = {}
        for entry in result.mappings():
            field = field_of(entry)
            if field is not None:
                found.setdefault(str(entry["name"]), {})[field.name] = field
        return found

    return await unit.cached(unit.services.dictionary, workspace_id, None, load)
