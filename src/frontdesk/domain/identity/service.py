"""Keep the identity index current, and look people up by how to reach them."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from frontdesk.db.database import Transaction
from frontdesk.domain.identity import normalize, repository
from frontdesk.store.fields import ContactKind
from frontdesk.store.registry import Reachable, TableDef


@dataclass(frozen=True, slots=True)
class Point:
    kind: ContactKind
    value: str
    field: str


def normalized(kind: ContactKind, value: str | None) -> str | None:
    if kind is ContactKind.EMAIL:
        return normalize.email(value)
    if kind is ContactKind.PHONE:
        return normalize.phone(value)
    return (value or "").strip().lower() or None


def points_of(table: TableDef, record: Mapping[str, Any]) -> list[Point]:
    """The contact points a record carries: its contact fields, and its social point."""
    found: dict[tuple[ContactKind, str], Point] = {}
    for field in table.contact_fields():
        assert field.contact is not None
        value = normalized(field.contact, record.get(field.name))
        if value is not None:
            found.setdefault((field.contact, value), Point(field.contact, value, field.name))
    social = table.reachable.social if table.reachable else None
    if social is not None:
        channel, handle = social
        value = normalize.social(record.get(channel), record.get(handle))
        if value is not None:
            found.setdefault((ContactKind.SOCIAL, value), Point(ContactKind.SOCIAL, value, handle))
    return list(found.values())


def owner_of(
    table: TableDef, reach: Reachable, record: Mapping[str, Any]
) -> tuple[str, str] | None:
    """The person a record's points belong to: the record itself, or the first of its
    declared owner references that is set."""
    if not reach.owners:
        return table.name, str(record["sys_id"])
    for name in reach.owners:
        field = table.field(name)
        if field is not None and field.reference and record.get(name):
            return field.reference, str(record[name])
    return None


def rows(
    workspace_id: int,
    *,
    source: tuple[str, str],
    owner: tuple[str, str],
    points: Iterable[Point],
) -> list[dict[str, Any]]:
    return [
        {
            "workspace_id": workspace_id,
            "kind": point.kind.value,
            "value": point.value,
            "owner_table": owner[0],
            "owner_sys_id": owner[1],
            "source_table": source[0],
            "source_sys_id": source[1],
            "source_field": point.field,
        }
        for point in points
    ]


async def reindex(
    tx: Transaction, *, workspace_id: int, table: TableDef, record: Mapping[str, Any]
) -> None:
    """Make the index hold exactly what ``record`` (of a table that is ``reachable``) says."""
    assert table.reachable is not None
    sys_id = str(record["sys_id"])
    await repository.forget(tx, workspace_id=workspace_id, table=table.name, sys_id=sys_id)
    owner = owner_of(table, table.reachable, record)
    points = points_of(table, record)
    if owner and points:
        await repository.add(
            tx, rows(workspace_id, source=(table.name, sys_id), owner=owner, points=points)
        )


async def add(tx: Transaction, index_rows: list[dict[str, Any]]) -> None:
    """Bulk-add rows made by ``rows`` (data loading)."""
    await repository.add(tx, index_rows)


async def forget(tx: Transaction, *, workspace_id: int, table: TableDef, sys_id: str) -> None:
    await repository.forget(tx, workspace_id=workspace_id, table=table.name, sys_id=sys_id)


async def owners(
    tx: Transaction, *, workspace_id: int, kind: ContactKind, value: str
) -> list[tuple[str, str]]:
    """Who can be reached at ``value`` (normalised here): (table, sys_id) pairs."""
    key = normalized(kind, value)
    if key is None:
        return []
    return await repository.owners(tx, workspace_id=workspace_id, kind=kind.value, value=key)
