"""Reports over the records an encoded query selects, computed in the database: one
score, or a score per group with the rest as "Other"."""

from __future__ import annotations

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
class Report:
    value: Any  # over every selected record
    groups: list[tuple[Any, Any]]  # (group value, score), the largest first
    other: Any  # over the selected records outside ``groups``; None when nothing is left


def measurable(table: TableDef, function: Function, field: str | None) -> str | None:
    """The field ``function`` aggregates, when it applies (a count needs none; a sum or an
    average needs a number)."""
    found = table.field(field) if field else None
    if function is Function.COUNT or found is None or found.hidden:
        return None
    if function is not Function.COUNT_DISTINCT and found.type not in NUMERIC:
        return None
    return found.name


async def report(
    unit: Unit,
    actor: Actor,
    table: TableDef,
    encoded: Query,
    *,
    function: Function,
    field: str | None = None,
    group_by: str | None = None,
    groups: int | None = None,
) -> Report:
    """``function`` over what ``encoded`` selects; with ``group_by`` (a field of the
    table), per group: the ``groups`` largest (all when None) and the rest."""
    actor.require(Operation.QUERY, table)
    chosen = await records.selection(unit, actor, table, encoded)
    measured = measurable(table, function, field)
    if function is not Function.COUNT and measured is None:
        function = Function.COUNT
    key = table.field(group_by) if group_by else None
    if chosen.none:
        return Report(0 if function is not Function.AVG else None, [], None)
    measure = Measure(table, actor.workspace_id, chosen.where, function, measured)
    value = await aggregates.total(unit.tx, measure)
    if key is None or key.hidden:
        return Report(value, [], None)
    found = await aggregates.grouped(unit.tx, measure, group_by=key.name, limit=groups)
    other = None
    if groups is not None and len(found) == groups:
        shown = [group for group, _ in found]
        left = await aggregates.rest(unit.tx, measure, group_by=key.name, shown=shown)
        other = left if left else None
    return Report(value, found, other)
