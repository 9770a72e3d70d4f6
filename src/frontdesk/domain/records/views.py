"""What a response shows of records: the chosen fields, dot-walked ones (``user.name``)
included, each with its value and, when asked, its display value."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from frontdesk.domain.access import Actor
from frontdesk.domain.records import service as records
from frontdesk.domain.records.values import local, zone
from frontdesk.domain.services import Unit
from frontdesk.errors import Operation
from frontdesk.store import records as store
from frontdesk.store.fields import Field, FieldType
from frontdesk.store.registry import TableDef
from frontdesk.store.tables import REGISTRY

Record = dict[str, Any]


@dataclass(frozen=True, slots=True)
class Column:
    name: str  # as requested, e.g. "user.name"
    field: Field

    @property
    def reference(self) -> str | None:
        return self.field.reference if self.field.is_reference else None


@dataclass(frozen=True, slots=True)
class View:
    """Columns once; per record, each column's value and (when asked) display value."""

    columns: tuple[Column, ...]
    values: list[list[Any]]
    displays: list[list[Any]] | None


@dataclass(frozen=True, slots=True)
class _Path:
    name: str  # as requested, e.g. "user.name"
    hops: tuple[tuple[TableDef, Field], ...]  # the references walked
    table: TableDef  # where the last field is
    field: Field


async def view(
    unit: Unit,
    actor: Actor,
    table: TableDef,
    found: Sequence[Record],
    *,
    fields: Sequence[str] | None,
    display: bool,
) -> View:
    custom = {
        t: await records.custom_fields(unit, actor, REGISTRY[t]) for t in _tables(table, fields)
    }
    paths = _paths(table, fields, custom)
    values = [[record.get(p.name) if not p.hops else None for p in paths] for record in found]
    for index, path in enumerate(paths):
        if path.hops:
            for row, value in (await _walk(unit, actor, path, found)).items():
                values[row][index] = value
    columns = tuple(Column(p.name, p.field) for p in paths)
    if not display:
        return View(columns, values, None)
    shown = await _references_shown(unit, actor, columns, values)
    where = zone(actor.principal.time_zone)
    displays = [
        [_display(c.field, v, shown, where) for c, v in zip(columns, row, strict=True)]
        for row in values
    ]
    return View(columns, values, displays)


def _tables(table: TableDef, fields: Sequence[str] | None) -> set[str]:
    """The tables whose custom fields a view may need (the table, and dot-walked ones)."""
    names = {table.name}
    for name in fields or ():
        current: TableDef | None = table
        for hop in name.split(".")[:-1]:
            found = current.field(hop) if current else None
            current = REGISTRY.target(found) if found else None
            if current is None:
                break
            names.add(current.name)
    return names


Custom = Mapping[str, Mapping[str, Field]]  # table → name → field


def _field(table: TableDef, name: str, custom: Custom) -> Field | None:
    found = table.field(name) or custom.get(table.name, {}).get(name)
    return None if found is None or found.hidden else found


def _paths(table: TableDef, fields: Sequence[str] | None, custom: Custom) -> list[_Path]:
    """Requested fields that exist (unknown names are ignored, as the platform does)."""
    if fields is None:
        own = [*table.visible_fields(), *custom.get(table.name, {}).values()]
        return [_Path(f.name, (), table, f) for f in own]
    paths: list[_Path] = []
    for name in dict.fromkeys(fields):
        parts = name.split(".")
        current: TableDef = table
        hops: list[tuple[TableDef, Field]] = []
        ok = True
        for hop in parts[:-1]:
            link = _field(current, hop, custom)
            target = REGISTRY.target(link) if link is not None else None
            if link is None or target is None:
                ok = False
                break
            hops.append((current, link))
            current = target
        last = _field(current, parts[-1], custom) if ok else None
        if last is not None:
            paths.append(_Path(name, tuple(hops), current, last))
    return paths


async def _walk(unit: Unit, actor: Actor, path: _Path, found: Sequence[Record]) -> dict[int, Any]:
    """Each record's value at the end of ``path`` (None where a reference is empty)."""
    current: dict[int, Record] = dict(enumerate(found))
    for _, link in path.hops:
        target = REGISTRY[link.reference or ""]
        if not actor.allows(Operation.QUERY, target):
            return {}
        targets = await store.get_many(
            unit.tx,
            target,
            workspace_id=actor.workspace_id,
            sys_ids=(str(r.get(link.name) or "") for r in current.values()),
        )
        current = {
            i: targets[str(r.get(link.name))]
            for i, r in current.items()
            if str(r.get(link.name)) in targets
        }
    return {i: r.get(path.field.name) for i, r in current.items()}


async def _references_shown(
    unit: Unit, actor: Actor, columns: Sequence[Column], values: Sequence[Sequence[Any]]
) -> dict[tuple[str, str], Any]:
    """(table, sys_id) → display value, for every reference value in the view."""
    wanted: dict[str, set[str]] = {}
    for index, column in enumerate(columns):
        if column.reference in REGISTRY:
            ids = {str(row[index]) for row in values if row[index]}
            wanted.setdefault(column.reference or "", set()).update(ids)
    shown: dict[tuple[str, str], Any] = {}
    for name, ids in wanted.items():
        target = REGISTRY[name]
        if not actor.allows(Operation.QUERY, target):
            continue
        ws = actor.workspace_id
        found = await store.display_values(unit.tx, target, workspace_id=ws, sys_ids=ids)
        link = target.field(target.display_field)
        if link is not None and link.is_reference and link.reference in REGISTRY:
            # A display field that is itself a reference (a role grant shows its role).
            inner = await store.display_values(
                unit.tx,
                REGISTRY[link.reference or ""],
                workspace_id=actor.workspace_id,
                sys_ids=(str(v) for v in found.values() if v),
            )
            found = {k: inner.get(str(v), v) for k, v in found.items()}
        shown.update({(name, sys_id): value for sys_id, value in found.items()})
    return shown


def _display(
    field: Field, value: Any, shown: Mapping[tuple[str, str], Any], where: ZoneInfo | None
) -> Any:
    """A value as the caller reads it: a reference as what it shows, a choice as its label,
    a date and time in the caller's own time zone."""
    if value is None or value == "":
        return value
    if isinstance(value, datetime) and field.type is FieldType.DATETIME:
        return local(value, where)
    if field.is_reference:
        return shown.get(
            (field.reference or "", str(value)), value if field.reference not in REGISTRY else None
        )
    if field.choices:
        return dict(field.choices).get(str(value), value)
    return value
