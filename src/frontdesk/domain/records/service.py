"""Read and write records of any registry table, under the table's access rules.

Every API writes through here, so derived fields, numbering, the identity index and
cache invalidation hold whichever API a client used.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from frontdesk.db.database import Transaction
from frontdesk.domain import clock
from frontdesk.domain.dictionary import service as dictionary
from frontdesk.domain.principal import Principal
from frontdesk.domain.properties import service as properties
from frontdesk.domain.records import rules, values
from frontdesk.errors import Conflict, Forbidden, Invalid, NotFound
from frontdesk.query import dates
from frontdesk.query.ast import Condition, Query
from frontdesk.query.compiler import Compiler, Scope
from frontdesk.store import numbering, records
from frontdesk.store.fields import Field
from frontdesk.store.registry import REGISTRY, TableDef

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
NO_RECORD = "No Record found"
NO_RECORD_DETAIL = "Record doesn't exist or ACL restricts the record retrieval"


@dataclass(frozen=True, slots=True)
class Page:
    records: list[Record]
    has_more: bool
    total: int | None
    invalid: tuple[str, ...]


# ---------------------------------------------------------------------- access


def can_read(actor: Principal, table: TableDef) -> bool:
    return actor.has_any(table.read_roles | table.write_roles)


def require_read(actor: Principal, table: TableDef) -> None:
    if not can_read(actor, table):
        needed = _roles(table.read_roles | table.write_roles)
        raise Forbidden(
            "Insufficient rights to query records",
            detail=f"reading {table.name} requires the role {needed}",
        )


def require_write(actor: Principal, table: TableDef, verb: str) -> None:
    if not actor.has_any(table.write_roles):
        raise Forbidden(
            f"Insufficient rights to {verb} records",
            detail=f"writing {table.name} requires the role {_roles(table.write_roles)}",
        )


def _roles(roles: frozenset[str]) -> str:
    return " or ".join(sorted({"admin", *roles}))


# ---------------------------------------------------------------------- reading


async def custom_fields(tx: Transaction, actor: Principal, table: TableDef) -> Mapping[str, Field]:
    return (await dictionary.custom_fields(tx, actor.workspace_id)).get(table.name, {})


async def get(tx: Transaction, actor: Principal, table: TableDef, sys_id: str) -> Record:
    require_read(actor, table)
    found = await records.get(tx, table, workspace_id=actor.workspace_id, sys_id=sys_id.lower())
    if found is None:
        raise NotFound(NO_RECORD, detail=NO_RECORD_DETAIL)
    return found


async def scope(tx: Transaction, actor: Principal) -> Scope:
    custom = await dictionary.custom_fields(tx, actor.workspace_id)
    return Scope(
        workspace_id=actor.workspace_id,
        session=dates.Session(clock.now(), actor.user_sys_id, actor.user_name),
        custom_fields=lambda name: custom.get(name, {}),
    )


async def query(
    tx: Transaction,
    actor: Principal,
    table: TableDef,
    encoded: Query,
    *,
    limit: int,
    offset: int,
    count: bool,
    authorized: bool = False,
) -> Page:
    """One page of the records an encoded query selects, paged in the database.
    (``authorized``: the caller has checked access in its own terms.)"""
    if not authorized:
        require_read(actor, table)
    compiled = Compiler(await scope(tx, actor), tx.dialect.name).compile(encoded, table)
    if compiled.invalid and await properties.flag(
        tx, actor.workspace_id, properties.INVALID_QUERY_RETURNS_NO_ROWS
    ):
        return Page([], False, 0 if count else None, compiled.invalid)
    found = await records.page(
        tx,
        table,
        workspace_id=actor.workspace_id,
        where=compiled.where,
        order_by=compiled.order_by,
        tie_break=not compiled.orders_sys_id,
        limit=limit + 1,
        offset=offset,
    )
    has_more = len(found) > limit
    total = (
        await records.count(tx, table, workspace_id=actor.workspace_id, where=compiled.where)
        if count
        else None
    )
    return Page(found[:limit], has_more, total, compiled.invalid)


def equals(table: TableDef, name: str, value: str) -> Condition:
    """``name=value`` as a client filter means it: a choice may be given by its label, a
    reference by its record's display value."""
    field = table.field(name)
    if field is not None and field.choices:
        value = values.choice_value(field, value)
    elif field is not None and field.is_reference and value and not values.is_sys_id(value.lower()):
        target = REGISTRY.get(field.reference or "")
        if target is not None:
            name = f"{name}.{target.display_field}"
    return Condition(name, "=", "=", value, 0)


# ---------------------------------------------------------------------- writing


async def _accepted(
    tx: Transaction,
    actor: Principal,
    table: TableDef,
    given: Mapping[str, Any],
    display_input: bool = False,
) -> Record:
    """The writable, known fields of ``given``, coerced; unknown fields are ignored.
    With ``display_input`` a choice field may be given by its label."""
    custom = await custom_fields(tx, actor, table)
    accepted: Record = {}
    for name, raw in given.items():
        field = table.field(name) or custom.get(name)
        if field is None or not field.writable or field.hidden:
            continue
        if display_input and field.choices:
            raw = values.choice_value(field, raw)
        value = values.coerce(field, raw)
        if field.is_reference and value:
            value = await _reference(tx, actor, field, value)
        accepted[name] = values.custom_text(value) if field.custom else value
    return accepted


async def _reference(tx: Transaction, actor: Principal, field: Field, value: str) -> str:
    """A reference given by display value resolves to that record's sys_id."""
    target = REGISTRY.get(field.reference or "")
    if values.is_sys_id(value) or target is None:
        return _short_enough(field, value)
    matches = await records.find_by_display(
        tx, target, workspace_id=actor.workspace_id, value=value
    )
    return matches[0] if len(matches) == 1 else _short_enough(field, value)


def _short_enough(field: Field, value: str) -> str:
    if len(value) > 32:
        raise Invalid(
            f"Invalid reference for field {field.name}",
            field=field.name,
            detail=f"{value!r} is neither a sys_id nor the display value of one record",
        )
    return value


async def insert(
    tx: Transaction,
    actor: Principal,
    table: TableDef,
    given: Mapping[str, Any],
    *,
    system: Mapping[str, Any] | None = None,
    authorized: bool = False,
    display_input: bool = False,
) -> Record:
    """Create a record; a client may choose its sys_id. ``system`` is for data loads only."""
    if not authorized:
        require_write(actor, table, "create")
    record = await _accepted(tx, actor, table, given, display_input)
    for field in table.fields:
        if field.name not in record and field.default is not None:
            record[field.name] = field.default
    for field in (await custom_fields(tx, actor, table)).values():
        if field.name not in record and field.default is not None:
            record[field.name] = values.custom_text(values.coerce(field, field.default))
    rules.prepare(table, record)
    new_id = values.sys_id(given["sys_id"]) if given.get("sys_id") else _new_sys_id()
    if await records.exists(tx, table, workspace_id=actor.workspace_id, sys_id=new_id):
        raise Conflict(
            "Operation Failed",
            detail=f"Error during insert of {table.name}: a record with sys_id {new_id} exists",
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
    record.update({k: v for k, v in (system or {}).items() if k in SYSTEM_OVERRIDES | {"number"}})
    await _number(tx, actor, table, record)
    await records.insert(tx, table, workspace_id=actor.workspace_id, values=record)
    stored = await records.get(tx, table, workspace_id=actor.workspace_id, sys_id=new_id)
    assert stored is not None
    await rules.after_write(
        tx, table, workspace_id=actor.workspace_id, record=stored, sys_id=new_id
    )
    return stored


def _new_sys_id() -> str:
    return uuid.uuid4().hex


async def _number(tx: Transaction, actor: Principal, table: TableDef, record: Record) -> None:
    prefix = table.number_prefix
    if not prefix:
        return
    given = record.get("number")
    if given:
        used = numbering.parse_number(prefix, str(given))
        if used is not None:
            await numbering.keep_above(
                tx, workspace_id=actor.workspace_id, table=table.name, used=used
            )
        return
    taken = await numbering.take(tx, workspace_id=actor.workspace_id, table=table.name)
    record["number"] = numbering.format_number(prefix, taken)


async def update(
    tx: Transaction,
    actor: Principal,
    table: TableDef,
    sys_id: str,
    given: Mapping[str, Any],
    *,
    display_input: bool = False,
) -> Record:
    require_write(actor, table, "update")
    current = await get(tx, actor, table, sys_id)
    changes = await _accepted(tx, actor, table, given, display_input)
    merged = {**current, **changes}
    rules.prepare(table, merged)
    changes.update({k: v for k, v in merged.items() if k not in changes and v != current.get(k)})
    changes.update(sys_updated_on=clock.now(), sys_updated_by=actor.user_name)
    custom = {k: merged[k] for k in merged if k.startswith("u_") and merged[k] is not None}
    if "number" in changes and table.number_prefix and changes["number"]:
        await _number(tx, actor, table, changes)
    stored = await records.update(
        tx,
        table,
        workspace_id=actor.workspace_id,
        sys_id=current["sys_id"],
        values=changes,
        custom=custom,
    )
    if stored is None:
        raise NotFound(NO_RECORD, detail=NO_RECORD_DETAIL)
    await rules.after_write(
        tx, table, workspace_id=actor.workspace_id, record=stored, sys_id=stored["sys_id"]
    )
    return stored


async def delete(
    tx: Transaction, actor: Principal, table: TableDef, sys_id: str, *, authorized: bool = False
) -> Record:
    if not authorized:
        require_write(actor, table, "delete")
    removed = await records.delete(
        tx, table, workspace_id=actor.workspace_id, sys_id=sys_id.lower()
    )
    if removed is None:
        raise NotFound(NO_RECORD, detail=NO_RECORD_DETAIL)
    await rules.after_write(
        tx, table, workspace_id=actor.workspace_id, record=None, sys_id=removed["sys_id"]
    )
    return removed
