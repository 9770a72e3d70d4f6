"""Reports over the records an encoded query selects, computed in the database: one
score, or a score per group with the rest as "Other"."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from frontdesk.domain.access import Actor
from frontdesk.domain.records import service as records
from frontdesk.domain.services import Unit
from frontdesk.errors import Operation
from frontdesk.query.ast import Query
from frontdesk.store import aggregates
from frontdesk.store.aggregates import Function, Measure
from frontdesk.store.fields import FieldType
from frontdesk.store.registry import TableDef

NUMERIC = frozenset({FieldType.INTEGER})


@dataclass(frozen=True, slots=True)
class Wanted:
    """A measure wanted over the records an encoded query selects: ``function`` of
    ``field`` (a count needs no field)."""

    query: Query
    function: Function = Function.COUNT
    field: str | None = None


@dataclass(frozen=True, slots=True)
class Groups:
    scores: list[tuple[Any, Any]]  # (group value, score), the largest first
    other: Any  # over the selected records outside ``scores``; None when nothing is left


def measurable(table: TableDef, function: Function, field: str | None) -> str | None:
    """The field ``function`` aggregates, when it applies (a count needs none; a sum or an
    average needs a number)."""
    found = table.field(field) if field else None
    if function is Function.COUNT or found is None or found.hidden:
        return None
    if function is not Function.COUNT_DISTINCT and found.type not in NUMERIC:
        return None
    return found.name


def _empty(function: Function) -> Any:
    return None if function is Function.AVG else 0


async def _measure(
    unit: Unit,
    actor: Actor,
    table: TableDef,
    wanted: Wanted,
    chosen: records.Selection | None = None,
) -> Measure | None:
    """The measure (over ``chosen``, when what the query selects is known already), or
    None when the query must select nothing."""
    chosen = chosen or await records.selection(unit, actor, table, wanted.query)
    if chosen.none:
        return None
    field = measurable(table, wanted.function, wanted.field)
    function = wanted.function if field is not None else Function.COUNT
    return Measure(table, actor.workspace_id, chosen.where, function, field)


async def values(
    unit: Unit, actor: Actor, table: TableDef, wanted: Sequence[Wanted], *, within: Query
) -> list[Any]:
    """Each wanted measure, all computed in one pass over the records ``within`` selects;
    each query may select only records that ``within`` selects too."""
    actor.require(Operation.QUERY, table)
    area = await records.selection(unit, actor, table, within)
    measures = [
        await _measure(unit, actor, table, w, area if w.query is within else None) for w in wanted
    ]
    counted = [m for m in measures if m is not None]
    found = iter([] if area.none else await aggregates.totals(unit.tx, counted, within=area.where))
    return [
        next(found, _empty(w.function)) if m is not None else _empty(w.function)
        for w, m in zip(wanted, measures, strict=True)
    ]


async def groups(
    unit: Unit, actor: Actor, table: TableDef, wanted: Wanted, *, group_by: str, limit: int | None
) -> Groups:
    """The measure per group of ``group_by`` (a field of the table): the ``limit``
    largest groups (all when None), and the rest as "Other"."""
    actor.require(Operation.QUERY, table)
    key = table.field(group_by)
    measure = await _measure(unit, actor, table, wanted)
    if measure is None or key is None or key.hidden:
        return Groups([], None)
    found = await aggregates.grouped(unit.tx, measure, group_by=key.name, limit=limit)
    other = None
    if limit is not None and len(found) == limit:
        shown = [group for group, _ in found]
        left = await aggregates.rest(unit.tx, measure, group_by=key.name, shown=shown)
        other = left if left else None
    return Groups(found, other)
