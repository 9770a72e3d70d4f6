"""Aggregates over a table's records, computed in the database: a count, a distinct
count, a sum or an average, alone or per group (the largest groups first)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from enum import StrEnum
from typing import Any

import sqlalchemy as sa
from sqlalchemy.sql.elements import ColumnElement

from frontdesk.db.database import Transaction
from frontdesk.store.registry import TableDef
from frontdesk.store.schema import sa_table


class Function(StrEnum):
    COUNT = "COUNT"
    COUNT_DISTINCT = "COUNT(DISTINCT)"
    SUM = "SUM"
    AVG = "AVG"


@dataclass(frozen=True, slots=True)
class Measure:
    """``function`` (of ``field``, unless a count) over a workspace's records of ``table``
    that meet ``where``."""

    table: TableDef
    workspace_id: int
    where: ColumnElement[bool] | None
    function: Function
    field: str | None = None

    def conditions(self) -> list[ColumnElement[bool]]:
        rows = sa_table(self.table.name)
        found: list[ColumnElement[bool]] = [rows.c.workspace_id == self.workspace_id]
        if self.where is not None:
            found.append(self.where)
        return found


def _measure(measure: Measure, only: ColumnElement[bool] | None = None) -> ColumnElement[Any]:
    """The aggregate, over the rows that meet ``only`` when given (``FILTER (WHERE …)``)."""
    table, function, field = measure.table, measure.function, measure.field

    def over(aggregate: sa.FunctionElement[Any]) -> ColumnElement[Any]:
        return aggregate if only is None else aggregate.filter(only)

    if function is Function.COUNT or field is None:
        return over(sa.func.count())
    column = sa_table(table.name).c[field]
    match function:
        case Function.COUNT_DISTINCT:
            return over(sa.func.count(sa.distinct(column)))
        case Function.SUM:
            return sa.func.coalesce(over(sa.func.sum(column)), 0)
        case _:
            return over(sa.func.avg(column))


async def total(tx: Transaction, measure: Measure) -> Any:
    return await tx.scalar(sa.select(_measure(measure)).where(*measure.conditions()))


async def totals(
    tx: Transaction, measures: Sequence[Measure], *, within: ColumnElement[bool] | None
) -> list[Any]:
    """Each of ``measures`` in one pass over the records that meet ``within``. They must
    all be of one table and workspace, and each may select only records that meet
    ``within``."""
    if not measures:
        return []
    first = measures[0]
    assert all((m.table, m.workspace_id) == (first.table, first.workspace_id) for m in measures)
    columns = [
        _measure(m, None if m.where is within else m.where).label(f"m{index}")
        for index, m in enumerate(measures)
    ]
    area = replace(first, where=within)
    row = await tx.first(sa.select(*columns).where(*area.conditions()))
    assert row is not None  # an aggregate without GROUP BY always answers one row
    return [row[f"m{index}"] for index in range(len(measures))]


async def grouped(
    tx: Transaction, measure: Measure, *, group_by: str, limit: int | None
) -> list[tuple[Any, Any]]:
    """(group value, aggregate) pairs, the largest aggregates first (ties by value)."""
    key = sa_table(measure.table.name).c[group_by]
    statement = (
        sa.select(key, _measure(measure).label("measure"))
        .where(*measure.conditions())
        .group_by(key)
        .order_by(sa.desc("measure"), key.asc().nulls_first())
    )
    if limit is not None:
        statement = statement.limit(limit)
    result = await tx.fetch(statement)
    return [(row[0], row[1]) for row in result.rows]


async def rest(tx: Transaction, measure: Measure, *, group_by: str, shown: Sequence[Any]) -> Any:
    """The aggregate over every record outside the ``shown`` groups ("Other")."""
    key = sa_table(measure.table.name).c[group_by]
    outside: list[ColumnElement[bool]] = []
    values = [value for value in shown if value is not None]
    if values:  # NOT IN is never true of NULL: the empty group is outside unless shown
        outside.append(sa.or_(key.not_in(values), key.is_(None)))
    if None in shown:
        outside.append(key.is_not(None))
    statement = sa.select(_measure(measure)).where(*measure.conditions(), *outside)
    return await tx.scalar(statement)
