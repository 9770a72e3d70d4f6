"""Read and write records of any registry table, as the caller's access policy allows.

Every API writes through here, so derived fields, numbering, the identity index and
cache invalidation hold whichever API a client used.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy.sql.elements import ColumnElement

from frontdesk.domain import clock
from frontdesk.domain.access import Actor
from frontdesk.domain.dictionary import service as dictionary
from frontdesk.domain.properties import service as properties
from frontdesk.domain.records import rules, values
from frontdesk.domain.services import Unit
from frontdesk.errors import Conflict, Invalid, NotFound, Operation, Problem, Thing
from frontdesk.query import dates
from frontdesk.query.ast import EMPTY, Condition, Query, Term
from frontdesk.query.compiler import CompiledQuery, Compiler, Scope
from frontdesk.store import numbering, records
from frontdesk.store.fields import Field, FieldType
from frontdesk.store.registry import TableDef
from frontdesk.store.tables import REGISTRY

Record = dict[str, Any]
# System fields a data load may set (never a client).
SYSTEM_OVERRIDES = frozenset(
    {
        "sys_created_on",
        "sys_created_by",
        "sys_updated_on",
        "sys_updated_by",
        "sys_mod_count",
        "sys_domain",
        "sys_tags",
    }
)


@dataclass(frozen=True, slots=True)
class Page:
    records: list[Record]
    has_more: bool
    total: int | None
    invalid: tuple[str, ...]


def table(name: str, *, field: str | None = None) -> TableDef:
    """The table a client named; ``NotFound`` (naming the field it came in) if there is none."""
    found = REGISTRY.get(name)
    if found is None:
        raise NotFound(Thing.TABLE, name, field=field)
    return found


def _missing(table: TableDef, sys_id: str) -> NotFound:
    return NotFound(Thing.RECORD, sys_id, table=table.name)


# ---------------------------------------------------------------------- reading


async def custom_fields(unit: Unit, actor: Actor, table: TableDef) -> Mapping[str, Field]:
    return (await dictionary.custom_fields(unit, actor.workspace_id)).get(table.name, {})


async def scope(unit: Unit, actor: Actor) -> Scope:
    custom = await dictionary.custom_fields(unit, actor.workspace_id)
    return Scope(
        workspace_id=actor.workspace_id,
        session=dates.Session(clock.now(), actor.user_sys_id, actor.user_name),
        custom_fields=lambda name: custom.get(name, {}),
    )


def _restricted(
    terms: tuple[Term, ...], table: TableDef, context: Scope, dialect: str
) -> CompiledQuery:
    """The policy's row restriction on ``table``, compiled. A restriction that does not
    compile is a bug in the policy, never a wider view."""
    compiled = Compiler(context, dialect).compile(EMPTY.also(*terms), table)
    if compiled.invalid or compiled.where is None:
        raise RuntimeError(f"access restriction on {table.name} does not apply: {compiled.invalid}")
    return compiled


async def _find(unit: Unit, actor: Actor, table: TableDef, sys_id: str) -> Record | None:
    """The record by key, if it exists and the policy lets the caller see it."""
    if not values.lookup_key(sys_id):
        return None
    ws = actor.workspace_id
    terms = actor.access.rows(table)
    if not terms:
        return await records.get(unit.tx, table, workspace_id=ws, sys_id=sys_id)
    restriction = _restricted(terms, table, await scope(unit, actor), unit.tx.dialect.name)
    found = await records.page(
        unit.tx,
        table,
        workspace_id=ws,
        where=records.by_sys_id(table, sys_id, also=restriction.where),
        order_by=(),
        limit=1,
        offset=0,
    )
    return found[0] if found else None


async def get(unit: Unit, actor: Actor, table: TableDef, sys_id: str) -> Record:
    actor.require(Operation.QUERY, table)
    found = await _find(unit, actor, table, sys_id.lower())
    if found is None:
        raise _missing(table, sys_id)
    return found


async def query(
    unit: Unit,
    actor: Actor,
    table: TableDef,
    encoded: Query,
    *,
    limit: int,
    offset: int,
    count: bool,
) -> Page:
    """One page of the records an encoded query selects, paged in the database."""
    actor.require(Operation.QUERY, table)
    chosen = await selection(unit, actor, table, encoded)
    if chosen.none:
        return Page([], False, 0 if count else None, chosen.compiled.invalid)
    compiled, condition = chosen.compiled, chosen.where
    found = await records.page(
        unit.tx,
        table,
        workspace_id=actor.workspace_id,
        where=condition,
        order_by=compiled.order_by,
        tie_break=not compiled.orders_sys_id,
        limit=limit + 1,
        offset=offset,
    )
    has_more = len(found) > limit
    total = (
        await records.count(unit.tx, table, workspace_id=actor.workspace_id, where=condition)
        if count
        else None
    )
    return Page(found[:limit], has_more, total, compiled.invalid)


@dataclass(frozen=True, slots=True)
class Selection:
    """What an encoded query selects of a table for a caller: its compiled form, and the
    condition with the caller's row restriction; ``none`` when an invalid query must select
    nothing (``glide.invalid_query.returns_no_rows``)."""

    compiled: CompiledQuery
    where: ColumnElement[bool] | None
    none: bool


async def selection(unit: Unit, actor: Actor, table: TableDef, encoded: Query) -> Selection:
    context = await scope(unit, actor)
    dialect = unit.tx.dialect.name
    compiled = Compiler(context, dialect).compile(encoded, table)
    if compiled.invalid and await properties.flag(
        unit, actor.workspace_id, properties.INVALID_QUERY_RETURNS_NO_ROWS
    ):
        return Selection(compiled, None, True)
    terms = actor.access.rows(table)
    restriction = _restricted(terms, table, context, dialect) if terms else None
    return Selection(compiled, _both(compiled.where, restriction), False)


def _both(
    where: ColumnElement[bool] | None, restriction: CompiledQuery | None
) -> ColumnElement[bool] | None:
    if restriction is None or restriction.where is None:
        return where
    if where is None:
        return restriction.where
    return records.both(where, restriction.where)


def matching(**equal: str) -> Query:
    """The records whose fields hold exactly these values: a query the server writes for
    itself (a client's ``name=value`` goes through ``equals``)."""
    return EMPTY.also(*(Condition(name, "=", "=", value, 0) for name, value in equal.items()))


def equals(table: TableDef, name: str, value: str) -> Condition:
    """``name=value`` as a client filter means it: a choice may be given by its label, a
    reference by its record's display value."""
    field = table.field(name)
    if field is not None and field.choices:
        value = values.choice_value(field, value)
    elif field is not None and field.is_reference and value and not values.is_sys_id(value.lower()):
        target = REGISTRY.target(field)
        if target is not None:
            name = f"{name}.{target.display_field}"
    return Condition(name, "=", "=", value.replace("\x00", ""), 0)


# ---------------------------------------------------------------------- writing


async def _accepted(
    unit: Unit,
    actor: Actor,
    table: TableDef,
    given: Mapping[str, Any],
    display_input: bool = False,
) -> Record:
    """The writable, known fields of ``given``, coerced; unknown fields are ignored.
    With ``display_input`` a choice field may be given by its label."""
    custom = await custom_fields(unit, actor, table)
    where = values.zone(actor.principal.time_zone) if display_input else None
    accepted: Record = {}
    for name, raw in given.items():
        field = table.field(name) or custom.get(name)
        if field is None or not field.writable or field.hidden:
            continue
        if display_input and field.choices:
            raw = values.choice_value(field, raw)
        value = values.coerce(field, raw)
        if where is not None and field.type is FieldType.DATETIME and value is not None:
            value = values.universal(value, where)
        if field.is_reference and value:
            value = await _reference(unit, actor, field, value)
        accepted[name] = values.custom_text(value) if field.custom else value
    return accepted


async def _reference(unit: Unit, actor: Actor, field: Field, value: str) -> str:
    """A reference given by display value resolves to that record's sys_id."""
    target = REGISTRY.target(field)
    if values.is_sys_id(value) or target is None:
        return _short_enough(field, value)
    matches = await records.find_by_display(
        unit.tx, target, workspace_id=actor.workspace_id, value=value
    )
    return matches[0] if len(matches) == 1 else _short_enough(field, value)


def _short_enough(field: Field, value: str) -> str:
    if len(value) > 32:
        raise Invalid(Problem.UNRESOLVED_REFERENCE, field=field.name, value=value)
    return value


async def insert(
    unit: Unit,
    actor: Actor,
    table: TableDef,
    given: Mapping[str, Any],
    *,
    system: Mapping[str, Any] | None = None,
    display_input: bool = False,
) -> Record:
    """Create a record; a client may choose its sys_id. ``system`` is for data loads only
    (they may also name a sys_id that is not 32 hexadecimal characters, as ``global``)."""
    actor.require(Operation.CREATE, table)
    ws = actor.workspace_id
    record = await _accepted(unit, actor, table, given, display_input)
    for field in table.fields:
        if field.name not in record and field.default is not None:
            record[field.name] = field.default
    for field in (await custom_fields(unit, actor, table)).values():
        if field.name not in record and field.default is not None:
            record[field.name] = values.custom_text(values.coerce(field, field.default))
    rules.prepare(table, record)
    loaded = dict(system or {})
    new_id = str(loaded.pop("sys_id", "")) or (
        values.sys_id(given["sys_id"]) if given.get("sys_id") else _new_sys_id()
    )
    moment = clock.now()
    record.update(
        sys_id=new_id,
        sys_created_on=moment,
        sys_created_by=actor.user_name,
        sys_updated_on=moment,
        sys_updated_by=actor.user_name,
        sys_mod_count=0,
        sys_domain="global",
        sys_tags=None,
    )
    record.update({k: v for k, v in loaded.items() if k in SYSTEM_OVERRIDES | {"number"}})
    await _number(unit, actor, table, record)
    if await records.insert(unit.tx, table, workspace_id=ws, values=record) is None:
        raise Conflict(Thing.RECORD, new_id, table=table.name)
    stored = await records.get(unit.tx, table, workspace_id=ws, sys_id=new_id)
    assert stored is not None
    await rules.after_write(unit, table, workspace_id=ws, record=stored, sys_id=new_id)
    return stored


def _new_sys_id() -> str:
    return uuid.uuid4().hex


async def _number(unit: Unit, actor: Actor, table: TableDef, record: Record) -> None:
    prefix = table.number_prefix
    if not prefix:
        return
    given = record.get("number")
    ws = actor.workspace_id
    if given:
        used = numbering.parse_number(prefix, str(given))
        if used is not None:
            await numbering.keep_above(unit.tx, workspace_id=ws, table=table.name, used=used)
        return
    taken = await numbering.take(unit.tx, workspace_id=ws, table=table.name)
    record["number"] = numbering.format_number(prefix, taken)


async def update(
    unit: Unit,
    actor: Actor,
    table: TableDef,
    sys_id: str,
    given: Mapping[str, Any],
    *,
    display_input: bool = False,
) -> Record:
    actor.require(Operation.UPDATE, table)
    current = await _find(unit, actor, table, sys_id.lower())
    if current is None:
        raise _missing(table, sys_id)
    changes = await _accepted(unit, actor, table, given, display_input)
    merged = {**current, **changes}
    rules.prepare(table, merged)
    changes.update({k: v for k, v in merged.items() if k not in changes and v != current.get(k)})
    changes.update(sys_updated_on=clock.now(), sys_updated_by=actor.user_name)
    custom = {k: merged[k] for k in merged if k.startswith("u_") and merged[k] is not None}
    if "number" in changes and table.number_prefix and changes["number"]:
        await _number(unit, actor, table, changes)
    ws = actor.workspace_id
    stored = await records.update(
        unit.tx, table, workspace_id=ws, sys_id=current["sys_id"], values=changes, custom=custom
    )
    if stored is None:
        raise _missing(table, sys_id)
    await rules.after_write(unit, table, workspace_id=ws, record=stored, sys_id=stored["sys_id"])
    return stored


async def delete(unit: Unit, actor: Actor, table: TableDef, sys_id: str) -> Record:
    actor.require(Operation.DELETE, table)
    ws = actor.workspace_id
    if not values.lookup_key(sys_id) or (
        actor.access.rows(table) and await _find(unit, actor, table, sys_id.lower()) is None
    ):
        raise _missing(table, sys_id)
    removed = await records.delete(unit.tx, table, workspace_id=ws, sys_id=sys_id.lower())
    if removed is None:
        raise _missing(table, sys_id)
    await rules.after_write(unit, table, workspace_id=ws, record=None, sys_id=removed["sys_id"])
    return removed


async def upsert(
    unit: Unit, actor: Actor, table: TableDef, found_by: Query, values: Mapping[str, Any]
) -> Record:
    """Update the first record ``found_by`` selects with ``values``, or insert one."""
    page = await query(unit, actor, table, found_by, limit=1, offset=0, count=False)
    if page.records:
        return await update(unit, actor, table, page.records[0]["sys_id"], values)
    return await insert(unit, actor, table, values)
