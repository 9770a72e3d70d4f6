"""The table registry: every table a client may see, declared once.

The surfaces, the encoded-query compiler, the renderers and the identity index all read
these declarations; the SQLAlchemy tables in ``schema`` are generated from them. A table
declares its behaviour here (derived names, how it feeds the identity index, which caches
it feeds), so that no service branches on a table's name.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from enum import StrEnum

from frontdesk.store.fields import SYSTEM_FIELDS, Field, FieldType


class Cached(StrEnum):
    """Process-local state derived from a table's rows; a write clears it for the workspace."""

    CREDENTIALS = "credentials"
    PROPERTIES = "properties"
    DICTIONARY = "dictionary"
    CARDS = "cards"


@dataclass(frozen=True, slots=True)
class Reachable:
    """How a table's rows feed the identity index (DESIGN.md, "one customer").

    With no ``owners`` a row is a person and owns the contact points of its ``contact``
    fields. Otherwise the first of ``owners`` (reference fields) that is set names the
    person the row's points belong to; ``social`` names the (channel, handle) fields that
    make the row one social point.
    """

    owners: tuple[str, ...] = ()
    social: tuple[str, str] | None = None


@dataclass(frozen=True, eq=False)  # identity: tables are singletons, hashed on hot paths
class TableDef:
    name: str
    label: str
    fields: tuple[Field, ...]
    display: str | None = None
    number_prefix: str | None = None
    extends: TableDef | None = None
    # ``name`` is derived from these parts whenever any of them is set.
    name_parts: tuple[str, ...] = ()
    reachable: Reachable | None = None
    caches: frozenset[Cached] = frozenset()
    # The fields people search (names, emails, phones, numbers): LIKE, NOT LIKE, STARTSWITH
    # and ENDSWITH on them are served by a trigram index (pg_trgm; FTS5 on SQLite).
    searchable: tuple[str, ...] = ()
    # Other names clients may use for it (a spelling the vendor's own documents also use).
    aliases: tuple[str, ...] = ()
    # References by which records are read newest first (a customer's recent cases): each
    # indexed with ``sys_created_on`` descending, so that such a page stops early.
    newest_first: tuple[str, ...] = ()
    # A boolean field every write sets: the record changed since its reader last fetched
    # it (the reader clears it, outside the records service).
    changed_flag: str | None = None
    _by_name: dict[str, Field] = field(init=False, repr=False, compare=False)
    _visible: tuple[Field, ...] = field(init=False, repr=False, compare=False)
    visible_names: tuple[str, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_name", {f.name: f for f in self.all_fields()})
        object.__setattr__(self, "_visible", tuple(f for f in self.all_fields() if not f.hidden))
        object.__setattr__(self, "visible_names", tuple(f.name for f in self._visible))
        for name in self.searchable:
            found = self._by_name.get(name)
            if found is None or not found.type.is_text:
                raise ValueError(f"{self.name}.{name} cannot be searchable: not a text field")
        for name in self.newest_first:
            found = self._by_name.get(name)
            if found is None or not found.is_reference:
                raise ValueError(f"{self.name}.{name} cannot be read newest first: not a reference")
        if self.changed_flag is not None:
            flag = self._by_name.get(self.changed_flag)
            if flag is None or flag.type is not FieldType.BOOLEAN:
                raise ValueError(
                    f"{self.name}.{self.changed_flag} cannot flag changes: not boolean"
                )

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
            table = table.extends
        return False


NUMBER_FIELD = Field("number", FieldType.STRING, "Number", 40, writable=True, indexed=True)


class Registry:
    """The tables, by name. Built once, explicitly, from the declarations in ``tables``."""

    def __init__(self, tables: Iterable[TableDef]) -> None:
        self._tables: dict[str, TableDef] = {}
        self._named: dict[str, TableDef] = {}
        for table in tables:
            for name in (table.name, *table.aliases):
                if name in self._named:
                    raise ValueError(f"table {name} declared twice")
                self._named[name] = table
            self._tables[table.name] = table

    def __getitem__(self, name: str) -> TableDef:
        return self._named[name]

    def __contains__(self, name: object) -> bool:
        return name in self._named

    def __iter__(self) -> Iterator[str]:
        return iter(self._tables)

    def __len__(self) -> int:
        return len(self._tables)

    def get(self, name: str) -> TableDef | None:
        """The table by its name or one of its aliases."""
        return self._named.get(name)

    def values(self) -> Iterator[TableDef]:
        return iter(self._tables.values())

    def items(self) -> Iterator[tuple[str, TableDef]]:
        return iter(self._tables.items())

    def target(self, field: Field) -> TableDef | None:
        """The table a reference field points at, when this registry holds it."""
        return self._named.get(field.reference or "") if field.is_reference else None
