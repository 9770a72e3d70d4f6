"""Writing a workspace's settings: a system property (``sys_properties``) and a custom
``u_`` field (``sys_dictionary``). Both are records, written as any record is, so their
caches are dropped when the write commits."""

from __future__ import annotations

from dataclasses import dataclass

from frontdesk.domain.access import Actor
from frontdesk.domain.dictionary.service import TYPES
from frontdesk.domain.records import service as records
from frontdesk.domain.services import Unit
from frontdesk.errors import Invalid, Problem
from frontdesk.query.ast import EMPTY
from frontdesk.store.tables import REGISTRY

PROPERTIES = REGISTRY["sys_properties"]
DICTIONARY = REGISTRY["sys_dictionary"]


@dataclass(frozen=True, slots=True)
class CustomField:
    table: str
    name: str  # u_…
    kind: str = "string"  # one of dictionary.TYPES
    label: str = ""  # none: its name
    max_length: int = 255
    reference: str | None = None  # the table a reference field names

    @property
    def acceptable(self) -> bool:
        """On a table this server has, named ``u_…``, of a type a custom field may have."""
        return self.table in REGISTRY and self.name.startswith("u_") and self.kind in TYPES


async def set_property(unit: Unit, actor: Actor, name: str, value: str) -> None:
    """Set a system property (made if the workspace has none of that name)."""
    found_by = EMPTY.also(records.equals(PROPERTIES, "name", name))
    await records.upsert(unit, actor, PROPERTIES, found_by, {"name": name, "value": value})


async def add_field(unit: Unit, actor: Actor, field: CustomField) -> None:
    """Add a custom field to its table (or change the one of that name); ``Invalid`` for
    one that is not ``acceptable``."""
    if not field.acceptable:
        detail = "a custom field needs a known table, a name that starts with u_, and a type"
        raise Invalid(Problem.BAD_NAME, field="element", value=field.name, detail=detail)
    values = {
        "name": field.table, "element": field.name, "column_label": field.label or field.name,
        "internal_type": field.kind, "max_length": field.max_length,
        "reference": field.reference or None, "active": True,
    }  # fmt: skip
    found_by = EMPTY.also(
        records.equals(DICTIONARY, "name", field.table),
        records.equals(DICTIONARY, "element", field.name),
    )
    await records.upsert(unit, actor, DICTIONARY, found_by, values)
