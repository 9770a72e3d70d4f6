"""SQL for loading demo rows at the ids published documents show."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import sqlalchemy as sa

from frontdesk.db.database import Transaction


async def taken(tx: Transaction, table: sa.Table, key: int) -> bool:
    """Is ``key`` a row id of ``table`` (in any workspace: ids are global)?"""
    return await tx.scalar(sa.select(table.c.id).where(table.c.id == key)) is not None


async def add(tx: Transaction, table: sa.Table, values: Mapping[str, Any]) -> int:
    return int(await tx.insert_row(table, values, returning="id"))


async def link(tx: Transaction, table: sa.Table, values: Mapping[str, Any]) -> None:
    """A row of a table that links two others (it has no id of its own)."""
    await tx.insert_row(table, values)


async def renumber(
    tx: Transaction, table: sa.Table, *, workspace_id: int, sys_id: str, key: int
) -> None:
    """Give the record ``sys_id`` the row id ``key`` (free: see ``taken``). The row is
    copied to its new id and the old one deleted, not updated in place, so that what
    follows a row by its id (SQLite's search index, kept by insert and delete triggers)
    follows it: for the copy, the old row's sys_id is set aside in capitals."""
    mine = table.c.workspace_id == workspace_id
    aside = sys_id.upper()
    await tx.execute(sa.update(table).where(mine, table.c.sys_id == sys_id).values(sys_id=aside))
    copied = [
        sa.literal(key).label("id")
        if column.name == "id"
        else sa.func.lower(column).label("sys_id")
        if column.name == "sys_id"
        else column
        for column in table.c
    ]
    chosen = sa.select(*copied).where(mine, table.c.sys_id == aside)
    await tx.execute(sa.insert(table).from_select([c.name for c in table.c], chosen))
    await tx.execute(sa.delete(table).where(mine, table.c.sys_id == aside))


async def largest(tx: Transaction, table: sa.Table) -> int:
    return int(await tx.scalar(sa.select(sa.func.coalesce(sa.func.max(table.c.id), 0))))


async def id_of(tx: Transaction, table: sa.Table, *, workspace_id: int, sys_id: str) -> int:
    found = await tx.scalar(
        sa.select(table.c.id).where(table.c.workspace_id == workspace_id, table.c.sys_id == sys_id)
    )
    return int(found)


async def move_sequences(tx: Transaction, tables: Iterable[sa.Table]) -> None:
    """On PostgreSQL, move each table's id sequence past its largest id (rows were given
    ids); SQLite's next rowid always is."""
    if tx.dialect.name != "postgresql":
        return
    for table in tables:
        largest = sa.select(sa.func.max(table.c.id)).scalar_subquery()
        sequence = sa.func.pg_get_serial_sequence(table.name, "id")
        await tx.execute(sa.select(sa.func.setval(sequence, largest)))
