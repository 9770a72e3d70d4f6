"""Record numbers (``CSMR0000004``): a per-workspace, per-table counter, safe under concurrency.

The counter row is upserted and incremented in the writing transaction, so two
concurrent inserts serialise on that row and never share a number; a rollback
returns the number.
"""

from __future__ import annotations

import re

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite

from frontdesk.db.database import Transaction
from frontdesk.db.statements import Prepared
from frontdesk.store.schema import number_counter

DIGITS = 7
# A number given beyond this is kept as text but never moves the counter (a 64-bit column).
LARGEST = 2**62


def _statements(dialect: str) -> tuple[Prepared, Prepared]:
    module = postgresql if dialect == "postgresql" else sqlite
    keys = [number_counter.c.workspace_id, number_counter.c.table_name]
    take = module.insert(number_counter).values(
        workspace_id=sa.bindparam("ws"),
        table_name=sa.bindparam("table"),
        next_value=sa.bindparam("count") + 1,
    )
    take_stmt = take.on_conflict_do_update(
        index_elements=keys,
        set_={"next_value": number_counter.c.next_value + take.excluded.next_value - 1},
    ).returning(number_counter.c.next_value)
    greatest = sa.func.greatest if dialect == "postgresql" else sa.func.max
    raise_ = module.insert(number_counter).values(
        workspace_id=sa.bindparam("ws"),
        table_name=sa.bindparam("table"),
        next_value=sa.bindparam("floor"),
    )
    raise_stmt = raise_.on_conflict_do_update(
        index_elements=keys,
        set_={"next_value": greatest(number_counter.c.next_value, raise_.excluded.next_value)},
    )
    return Prepared(take_stmt), Prepared(raise_stmt)


_BY_DIALECT = {name: _statements(name) for name in ("sqlite", "postgresql")}


async def take(tx: Transaction, *, workspace_id: int, table: str, count: int = 1) -> int:
    """Reserve ``count`` consecutive numbers; the first of them."""
    statement = _BY_DIALECT[tx.dialect.name][0]
    following = await tx.scalar(statement, {"ws": workspace_id, "table": table, "count": count})
    return int(following) - count


async def keep_above(tx: Transaction, *, workspace_id: int, table: str, used: int) -> None:
    """A number was given explicitly: never hand it out again."""
    statement = _BY_DIALECT[tx.dialect.name][1]
    await tx.execute(statement, {"ws": workspace_id, "table": table, "floor": used + 1})


def format_number(prefix: str, value: int) -> str:
    return f"{prefix}{value:0{DIGITS}d}"


def parse_number(prefix: str, number: str) -> int | None:
    match = re.fullmatch(re.escape(prefix) + r"([0-9]+)", number)
    if match is None:
        return None
    value = int(match.group(1))
    return value if value <= LARGEST else None
