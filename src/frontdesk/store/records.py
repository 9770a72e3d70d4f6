"""The repository for registry tables: every SQL statement on a record lives here.

A record is a ``dict`` of field name → Python value (``str``, ``int``, ``bool``,
``datetime``, ``None``), plus ``id`` (the integer key) and the workspace's custom
``u_`` fields, which are stored as text in the ``custom`` JSON column.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from functools import cache
from typing import Any

import sqlalchemy as sa
from sqlalchemy.sql.elements import ColumnElement

from frontdesk.db.database import Transaction
from frontdesk.db.statements import Prepared
from frontdesk.store import counts
from frontdesk.store.registry import TableDef
from frontdesk.store.schema import sa_table
from frontdesk.store.text import fold

Record = dict[str, Any]


def _columns(table: TableDef) -> list[sa.ColumnElement[Any]]:
    rows = sa_table(table.name)
    return [rows.c.id, *(rows.c[f.name] for f in table.visible_fields()), rows.c.custom]


def _record(columns: Sequence[str], row: Sequence[Any]) -> Record:
    return _custom_merged(dict(zip(columns, row, strict=True)))


def _custom_merged(record: Record) -> Record:
    custom = record.pop("custom", None)
    if custom:
        record.update(custom)
    return record


@cache
def _by_sys_id(table: TableDef) -> Prepared:
    rows = sa_table(table.name)
    return Prepared(
        sa.select(*_columns(table)).where(
            rows.c.workspace_id == sa.bindparam("ws"), rows.c.sys_id == sa.bindparam("sys_id")
        )
    )


@cache
def _exists(table: TableDef) -> Prepared:
    rows = sa_table(table.name)
    return Prepared(
        sa.select(rows.c.id).where(
            rows.c.workspace_id == sa.bindparam("ws"), rows.c.sys_id == sa.bindparam("sys_id")
        )
    )


@cache
def _sys_id(table: TableDef) -> Prepared:
    rows = sa_table(table.name)
    return Prepared(
        sa.select(rows.c.sys_id).where(
            rows.c.workspace_id == sa.bindparam("ws"), rows.c.id == sa.bindparam("id")
        )
    )


async def sys_id_of(tx: Transaction, table: TableDef, *, workspace_id: int, key: int) -> str | None:
    """The sys_id of the workspace's record with the row id ``key`` (the number some APIs
    know a record by)."""
    found = await tx.scalar(_sys_id(table), {"ws": workspace_id, "id": key})
    return str(found) if found is not None else None


async def get(tx: Transaction, table: TableDef, *, workspace_id: int, sys_id: str) -> Record | None:
    found = await tx.first(_by_sys_id(table), {"ws": workspace_id, "sys_id": sys_id})
    return _custom_merged(found) if found is not None else None


async def exists(tx: Transaction, table: TableDef, *, workspace_id: int, sys_id: str) -> bool:
    return await tx.scalar(_exists(table), {"ws": workspace_id, "sys_id": sys_id}) is not None


def _filtered(table: TableDef, workspace_id: int, where: ColumnElement[bool] | None) -> list[Any]:
    rows = sa_table(table.name)
    conditions: list[Any] = [rows.c.workspace_id == workspace_id]
    if where is not None:
        conditions.append(where)
    return conditions


def by_sys_id(
    table: TableDef, sys_id: str, *, also: ColumnElement[bool] | None = None
) -> ColumnElement[bool]:
    """The record ``sys_id`` (and, when given, only if it also meets ``also``)."""
    rows = sa_table(table.name)
    return sa.and_(rows.c.sys_id == sys_id, also) if also is not None else rows.c.sys_id == sys_id


def both(first: ColumnElement[bool], second: ColumnElement[bool]) -> ColumnElement[bool]:
    return sa.and_(first, second)


# Past this offset a page is found by sys_id first (narrow rows, index-only where the
# order allows), and only its own rows are read whole: a "deferred join".
DEFERRED_OFFSET = 1000


async def page(
    tx: Transaction,
    table: TableDef,
    *,
    workspace_id: int,
    where: ColumnElement[bool] | None,
    order_by: Sequence[ColumnElement[Any]],
    tie_break: bool = True,
    limit: int,
    offset: int,
) -> list[Record]:
    """One page of records, ordered in the database; ties are broken by sys_id so that
    paging with an offset never repeats or skips a record."""
    rows = sa_table(table.name)
    ordering = [*order_by, rows.c.sys_id.asc()] if tie_break else list(order_by)
    conditions = _filtered(table, workspace_id, where)
    if offset >= DEFERRED_OFFSET:
        keys = (
            sa.select(rows.c.sys_id)
            .where(*conditions)
            .order_by(*ordering)
            .limit(limit)
            .offset(offset)
        )
        conditions = [
            rows.c.workspace_id == workspace_id,
            rows.c.sys_id.in_(keys.scalar_subquery()),
        ]
        statement = sa.select(*_columns(table)).where(*conditions).order_by(*ordering)
    else:
        statement = (
            sa.select(*_columns(table))
            .where(*conditions)
            .order_by(*ordering)
            .limit(limit)
            .offset(offset)
        )
    result = await tx.fetch(statement)
    return [_record(result.columns, row) for row in result.rows]


async def count(
    tx: Transaction, table: TableDef, *, workspace_id: int, where: ColumnElement[bool] | None
) -> int:
    """How many records match; an unfiltered count is read from the kept count."""
    if where is None:
        kept = await counts.get(tx, workspace_id=workspace_id, table=table.name)
        if kept is not None:
            return kept
    statement = sa.select(sa.func.count()).where(*_filtered(table, workspace_id, where))
    return int(await tx.scalar(statement))


def _storage(table: TableDef, values: Mapping[str, Any]) -> dict[str, Any]:
    """Split record values into real columns and the ``custom`` JSON document."""
    stored: dict[str, Any] = {}
    custom: dict[str, Any] = {}
    for name, value in values.items():
        if name == "id":
            continue
        if table.field(name) is not None:
            stored[name] = value
        elif name.startswith("u_"):
            custom[name] = value
    if custom:
        stored["custom"] = custom
    return stored


async def insert(
    tx: Transaction, table: TableDef, *, workspace_id: int, values: Mapping[str, Any]
) -> int | None:
    """The new record's integer key; None when a record with its sys_id exists (decided by
    the unique index, so two concurrent inserts of one sys_id cannot both succeed)."""
    stored = {"workspace_id": workspace_id, **_storage(table, values)}
    new_id = await tx.insert_row(
        sa_table(table.name), stored, returning="id", conflict=("workspace_id", "sys_id")
    )
    if new_id is None:
        return None
    await counts.change(tx, workspace_id=workspace_id, table=table.name, delta=1)
    return int(new_id)


async def insert_many(
    tx: Transaction, table: TableDef, *, workspace_id: int, records: Iterable[Mapping[str, Any]]
) -> None:
    """Bulk insert (data loading): records must all carry the same fields."""
    batch = [{"workspace_id": workspace_id, **_storage(table, r)} for r in records]
    await tx.insert_many(sa_table(table.name), batch)
    await counts.change(tx, workspace_id=workspace_id, table=table.name, delta=len(batch))


async def update(
    tx: Transaction,
    table: TableDef,
    *,
    workspace_id: int,
    sys_id: str,
    values: Mapping[str, Any],
    custom: Mapping[str, Any] | None = None,
) -> Record | None:
    """Write ``values`` (and the whole custom document, when given); bump ``sys_mod_count``."""
    rows = sa_table(table.name)
    stored = _storage(table, values)
    stored.pop("custom", None)
    if custom is not None:
        stored["custom"] = dict(custom) or None
    statement = (
        sa.update(rows)
        .where(rows.c.workspace_id == workspace_id, rows.c.sys_id == sys_id)
        .values(sys_mod_count=sa.func.coalesce(rows.c.sys_mod_count, 0) + 1, **stored)
        .returning(*_columns(table))
    )
    result = await tx.fetch(statement)
    return _record(result.columns, result.rows[0]) if result.rows else None


async def delete(
    tx: Transaction, table: TableDef, *, workspace_id: int, sys_id: str
) -> Record | None:
    rows = sa_table(table.name)
    statement = (
        sa.delete(rows)
        .where(rows.c.workspace_id == workspace_id, rows.c.sys_id == sys_id)
        .returning(*_columns(table))
    )
    result = await tx.fetch(statement)
    if not result.rows:
        return None
    await counts.change(tx, workspace_id=workspace_id, table=table.name, delta=-1)
    return _record(result.columns, result.rows[0])


async def find_by_display(
    tx: Transaction, table: TableDef, *, workspace_id: int, value: str
) -> list[str]:
    """sys_ids of records whose display value is ``value`` (case-insensitive)."""
    rows = sa_table(table.name)
    display = rows.c[table.display_field]
    shown = sa.func.lower(display) if display.type.python_type is str else display
    statement = (
        sa.select(rows.c.sys_id)
        .where(rows.c.workspace_id == workspace_id, shown == fold(value))
        .order_by(rows.c.sys_id)
        .limit(2)
    )
    return list((await tx.fetch(statement)).scalars())


async def analyze(tx: Transaction, *tables: sa.Table) -> None:
    """After a bulk load: refresh the planner's statistics, and on PostgreSQL the visibility
    map too, so that index-only scans serve deep pages. Needs a unit without a transaction
    (``db.read()``). No SQLAlchemy construct exists; the names, ours, are quoted by the dialect.
    """
    quote = tx.dialect.identifier_preparer.quote
    command = "VACUUM (ANALYZE)" if tx.dialect.name == "postgresql" else "ANALYZE"
    for table in tables:
        await tx.execute(sa.text(f"{command} {quote(table.name)}"))


async def get_many(
    tx: Transaction, table: TableDef, *, workspace_id: int, sys_ids: Iterable[str]
) -> dict[str, Record]:
    """Records by sys_id (missing ones are simply absent)."""
    found = await with_values(tx, table, workspace_id=workspace_id, field="sys_id", values=sys_ids)
    return {str(r["sys_id"]): r for r in found}


async def with_values(
    tx: Transaction, table: TableDef, *, workspace_id: int, field: str, values: Iterable[str]
) -> list[Record]:
    """The records whose ``field`` holds one of ``values`` (a statement compiled once per
    table and field; the list expands at run time)."""
    wanted = sorted({v for v in values if v})
    if not wanted:
        return []
    result = await tx.fetch(_with_values(table, field), {"ws": workspace_id, "values": wanted})
    return [_record(result.columns, row) for row in result.rows]


@cache
def _with_values(table: TableDef, field: str) -> Prepared:
    rows = sa_table(table.name)
    return Prepared(
        sa.select(*_columns(table)).where(
            rows.c.workspace_id == sa.bindparam("ws"),
            rows.c[field].in_(sa.bindparam("values", expanding=True)),
        )
    )


async def display_values(
    tx: Transaction, table: TableDef, *, workspace_id: int, sys_ids: Iterable[str]
) -> dict[str, Any]:
    """sys_id → the value of the table's display field."""
    wanted = sorted({s for s in sys_ids if s})
    if not wanted:
        return {}
    rows = sa_table(table.name)
    statement = sa.select(rows.c.sys_id, rows.c[table.display_field]).where(
        rows.c.workspace_id == workspace_id, rows.c.sys_id.in_(wanted)
    )
    return {str(sys_id): shown for sys_id, shown in (await tx.fetch(statement)).rows}
