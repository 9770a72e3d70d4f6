"""Every row a workspace owns, table by table: read in pages (by primary key), removed, put
back with the ids they had, and the bookkeeping that follows (row counts, PostgreSQL's id
sequences). What a snapshot, a restore and a reset of a workspace are made of.

A table owns a workspace's rows by its ``workspace_id``; the few tables without one
(a blob's chunks, an errand's tags and archive links) own the rows of their parent's.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import asyncpg
import sqlalchemy as sa
from sqlalchemy.sql.elements import ColumnElement

from frontdesk.db.database import Transaction
from frontdesk.store.schema import meta, metadata, record_count, workspace
from frontdesk.store.tables import REGISTRY

# Parents first: the order rows go in (and, reversed, the order they go out).
TABLES: tuple[sa.Table, ...] = tuple(
    t for t in metadata.sorted_tables if t is not workspace and t is not meta
)
BY_NAME = {table.name: table for table in TABLES}


def _parent(table: sa.Table) -> tuple[sa.Column[Any], sa.Table, sa.Column[Any]]:
    """A table without ``workspace_id``: its column that names a parent with one."""
    for key in sorted(table.foreign_keys, key=lambda k: k.parent.name):
        if "workspace_id" in key.column.table.c:
            return key.parent, key.column.table, key.column
    raise RuntimeError(f"{table.name} has no workspace and no parent with one")


def owned(table: sa.Table, workspace_id: int) -> ColumnElement[bool]:
    """The rows of ``table`` the workspace owns."""
    if "workspace_id" in table.c:
        return table.c.workspace_id == workspace_id
    column, parent, key = _parent(table)
    return column.in_(sa.select(key).where(parent.c.workspace_id == workspace_id))


def _key(table: sa.Table) -> list[sa.Column[Any]]:
    return list(table.primary_key.columns)


async def page(
    tx: Transaction,
    table: sa.Table,
    workspace_id: int,
    after: Sequence[Any] | None,
    limit: int,
) -> list[dict[str, Any]]:
    """Up to ``limit`` of the workspace's rows of ``table`` after the key ``after``, in key
    order."""
    key = _key(table)
    statement = sa.select(table).where(owned(table, workspace_id))
    if after is not None:
        statement = statement.where(sa.tuple_(*key) > sa.tuple_(*after))
    statement = statement.order_by(*key).limit(limit)
    return (await tx.fetch(statement)).mappings()


def key_of(table: sa.Table, row: Mapping[str, Any]) -> tuple[Any, ...]:
    return tuple(row[column.name] for column in _key(table))


# Tables whose rows are about another table's records (named in this column): a row about
# a kept table is kept.
_ABOUT = {"contact_point": "source_table", "sys_number_counter": "table_name",
          "record_count": "table_name"}  # fmt: skip


async def remove(tx: Transaction, workspace_id: int, keep: Iterable[str] = ()) -> None:
    """Delete every row the workspace owns, children first, except the rows of the tables
    ``keep`` names (and the rows about them: their identity index, counters and counts)."""
    kept = sorted(set(keep))
    for table in reversed(TABLES):
        if table.name in kept:
            continue
        where = owned(table, workspace_id)
        about = _ABOUT.get(table.name)
        if about is not None and kept:
            where = sa.and_(where, table.c[about].not_in(kept))
        await tx.execute(sa.delete(table).where(where))


async def taken(tx: Transaction, table: sa.Table, ids: Sequence[int]) -> list[int]:
    """The ids of ``ids`` another row of ``table`` (another workspace's) holds already."""
    if "id" not in table.c or not ids:
        return []
    found = await tx.fetch(sa.select(table.c.id).where(table.c.id.in_(ids)).order_by(table.c.id))
    return [int(i) for i in found.scalars()]


class Refused(Exception):
    """The database refused rows (a constraint they break); the message says which."""


async def put(tx: Transaction, table: sa.Table, rows: Sequence[Mapping[str, Any]]) -> None:
    """Insert rows as given (their ids included); rows of one call carry the same columns."""
    try:
        await tx.insert_many(table, rows)
    except (sqlite3.Error, asyncpg.PostgresError) as error:
        raise Refused(f"{table.name}: {error}") from None


async def strangers(
    tx: Transaction, table: sa.Table, rows: Sequence[Mapping[str, Any]], workspace_id: int
) -> tuple[str, Any] | None:
    """A (column, value) of ``rows`` that names a row of another table the workspace does
    not own, if any: rows may refer only to their own workspace's."""
    for key in sorted(table.foreign_keys, key=lambda k: k.parent.name):
        column, parent, target = key.parent, key.column.table, key.column
        if column.name == "workspace_id":
            continue
        wanted = sorted({row[column.name] for row in rows if row.get(column.name) is not None})
        if not wanted:
            continue
        found = await tx.fetch(
            sa.select(target).where(target.in_(wanted), owned(parent, workspace_id))
        )
        missing = set(wanted) - set(found.scalars())
        if missing:
            return column.name, min(missing)
    return None


async def recount(tx: Transaction, workspace_id: int) -> None:
    """Set the workspace's row counts to what its tables hold."""
    await tx.execute(sa.delete(record_count).where(record_count.c.workspace_id == workspace_id))
    rows = []
    for name in REGISTRY:
        table = BY_NAME[name]
        count = await tx.scalar(
            sa.select(sa.func.count()).select_from(table).where(owned(table, workspace_id))
        )
        rows.append({"workspace_id": workspace_id, "table_name": name, "row_count": int(count)})
    await tx.insert_many(record_count, rows)


async def advance_ids(tx: Transaction) -> None:
    """After rows went in with their ids: every id sequence past the largest id (PostgreSQL;
    SQLite's next rowid is past the largest already)."""
    if tx.dialect.name != "postgresql":
        return
    for table in TABLES:
        column = table.c.get("id")
        if column is None or not column.autoincrement or len(table.primary_key.columns) != 1:
            continue
        sequence = sa.func.pg_get_serial_sequence(table.name, "id")
        largest = sa.select(sa.func.coalesce(sa.func.max(column), 0)).scalar_subquery()
        # setval(seq, n, false): the next id is n; never below 1.
        await tx.execute(
            sa.select(sa.func.setval(sequence, sa.func.greatest(largest + 1, 1), sa.false()))
        )


async def hold_still(tx: Transaction) -> None:
    """Make the writing transaction just begun see one instant throughout (PostgreSQL's
    repeatable read; SQLite's writer sees nothing but its own anyway)."""
    if tx.dialect.name == "postgresql":
        await tx.execute(sa.text("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ"))
