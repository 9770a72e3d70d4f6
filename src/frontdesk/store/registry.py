"""The table registry: every table a client may see, declared once.

The Table API, the encoded-query compiler, the renderers and the identity index all
read these declarations; the SQLAlchemy tables in ``schema`` are generated from them.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from frontdesk.errors import Invalid
from frontdesk.store.fields import SYSTEM_FIELDS, Field, FieldType


@dataclass(frozen=True, eq=False)  # identity: tables are singletons, hashed on hot paths
class TableDef:
    name: str
    label: str
    fields: tuple[Field, ...]
    display: str | None = None
    number_prefix: str | None = None
    # Roles that may read / write through the generic Table API; ``admin`` may always.
    read_roles: frozenset[str] = frozenset()
    write_roles: frozenset[str] = frozenset()
    # Tables whose rows are people: writes keep the identity index current.
    person: bool = False
    extends: str | None = None
    _by_name: dict[str, Field] = field(init=False, repr=False, compare=False)
    _visible: tuple[Field, ...] = field(init=False, repr=False, compare=False)
    visible_names: tuple[str, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_name", {f.name: f for f in self.all_fields()})
        object.__setattr__(self, "_visible", tuple(f for f in self.all_fields() if not f.hidden))
        object.__setattr__(self, "visible_names", tuple(f.name for f in self._visible))

    def all_fields(self) -> Iterator[Field]:
        """System fields, then ``number``, then the table's own fields."""
        yield from SYSTEM_FIELDS
        if self.number_prefix:
            yield NUMBER_FIELD
        yield from self.fields

    def field(self, name: str) -> Field | None:
        return self._by_name.get(name)

    def visible_fields(self) -> tuple[Field, ...]:
        return self._visible

    @property
    def display_field(self) -> str:
        return self.display or ("number" if self.number_prefix else "sys_id")

    def contact_fields(self) -> list[Field]:
        return [f for f in self.fields if f.contact is not None]

    def is_a(self, other: str) -> bool:
        """``INSTANCEOF``: this table is ``other`` or extends it."""
        table: TableDef | None = self
        while table is not None:
            if table.name == other:
                return True
            table = REGISTRY.get(table.extends) if table.extends else None
        return False


NUMBER_FIELD = Field("number", FieldType.STRING, "Number", 40, writable=True, indexed=True)

REGISTRY: dict[str, TableDef] = {}


def register(table: TableDef) -> TableDef:
    if table.name in REGISTRY:
        raise ValueError(f"table {table.name} declared twice")
    REGISTRY[table.name] = table
    return table


def get_table(name: str) -> TableDef:
    """A table a client named; ``Invalid`` (ServiceNow: 400 ``Invalid table <name>``) if none."""
    table = REGISTRY.get(name)
    if table is None:
        raise Invalid(f"Invalid table {name}", field="table")
    return table


def find_table(name: str) -> TableDef | None:
    return REGISTRY.get(name)
