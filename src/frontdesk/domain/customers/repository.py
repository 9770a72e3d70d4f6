"""SQL for the customer directory and departments.

A customer table is reached through people: a person is its own (``link`` None), an
organisation through its contacts' ``account``, a group through its members'
``household``. Searches are one ``UNION ALL`` of the customer tables, paged with the total
beside each row; a search of a known shape is compiled once (``statement``).
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.sql.elements import ColumnElement

from frontdesk.db.database import Transaction
from frontdesk.db.statements import Prepared
from frontdesk.store.errand_tables import contact_card, errand
from frontdesk.store.fields import ContactKind
from frontdesk.store.schema import contact_point, sa_table
from frontdesk.store.text import fold

Where = ColumnElement[bool]


@dataclass(frozen=True, slots=True)
class Reach:
    """A customer table, its key digit, and the people through whom it is reached."""

    table: str
    digit: int
    people: str
    link: str | None  # the people's reference to the customer; None: the customer itself


@dataclass(frozen=True, slots=True)
class Shape:
    """What a search's statement looks like, its values aside: searches of one shape share
    one statement. Values are named parameters: ``ws``, ``point<n>``, ``created_from``,
    ``created_to``, ``departments``, ``limit`` and ``offset``."""

    kinds: tuple[tuple[Reach, int], ...]  # the customer tables searched, with their rank
    reached: tuple[ContactKind, ...]
    created_from: bool
    created_to: bool
    departments: bool
    order: str  # key, kind or name
    descending: bool


@functools.lru_cache(maxsize=256)
def statement(shape: Shape) -> Prepared:
    return Prepared(paged(shape, {}))


def paged(shape: Shape, wheres: Mapping[str, Where | None]) -> sa.Select[Any]:
    """The page of the customers of a shape, each row with how many there are in all (a
    page past the end has no rows); ``wheres`` adds a condition per customer table."""
    parts = [_part(shape, reach, rank, wheres.get(reach.table)) for reach, rank in shape.kinds]
    union = sa.union_all(*parts).subquery("customers")
    column = {
        "key": union.c.key,
        "kind": union.c.rank,
        "name": sa.func.lower(sa.func.coalesce(union.c.name, "")),
    }[shape.order]
    first = column.desc() if shape.descending else column.asc()
    by_key = shape.descending and shape.order == "key"
    tie = union.c.key.desc() if by_key else union.c.key.asc()
    return (
        sa.select(union.c.kind, union.c.sys_id, sa.func.count().over().label("total"))
        .order_by(first, tie)
        .limit(sa.bindparam("limit", type_=sa.Integer))
        .offset(sa.bindparam("offset", type_=sa.Integer))
    )


async def page(
    tx: Transaction, query: Prepared | sa.Select[Any], values: Mapping[str, Any]
) -> list[tuple[str, str, int]]:
    """(customer table, sys_id, total) of each customer on the page."""
    rows = (await tx.fetch(query, values)).rows
    return [(str(table), str(sys_id), int(total)) for table, sys_id, total in rows]


def _part(shape: Shape, reach: Reach, rank: int, where: Where | None) -> sa.Select[Any]:
    rows = sa_table(reach.table)
    ws = sa.bindparam("ws", type_=sa.Integer)
    conditions: list[Where] = [rows.c.workspace_id == ws]
    if where is not None:
        conditions.append(where)
    for index, contact in enumerate(shape.reached):
        value = sa.bindparam(f"point{index}", type_=sa.String)
        owners = sa.select(contact_point.c.owner_sys_id).where(
            contact_point.c.workspace_id == ws,
            contact_point.c.kind == contact.value,
            contact_point.c.value == value,
            contact_point.c.owner_table == reach.people,
        )
        conditions.append(_reached(reach, ws, people=owners))
    if shape.created_from:
        conditions.append(rows.c.sys_created_on >= sa.bindparam("created_from", type_=sa.DateTime))
    if shape.created_to:
        conditions.append(rows.c.sys_created_on <= sa.bindparam("created_to", type_=sa.DateTime))
    if shape.departments:
        conditions.append(rows.c.department.in_(sa.bindparam("departments", expanding=True)))
    return sa.select(
        sa.literal(reach.table).label("kind"),
        rows.c.sys_id,
        (rows.c.id * 10 + reach.digit).label("key"),
        rows.c.name,
        sa.literal(rank).label("rank"),
    ).where(*conditions)


def _reached(reach: Reach, ws: ColumnElement[int], *, people: sa.Select[Any]) -> Where:
    """The customers of ``reach`` reached through these people (their sys_ids)."""
    rows = sa_table(reach.table)
    if reach.link is None:
        return rows.c.sys_id.in_(people)
    linked = sa_table(reach.people)
    return rows.c.sys_id.in_(
        sa.select(linked.c[reach.link]).where(
            linked.c.workspace_id == ws, linked.c.sys_id.in_(people)
        )
    )


def through(
    reach: Reach,
    workspace_id: int,
    table: str,
    link: str,
    where: Where | None,
    *,
    none: bool = False,
    of_people: bool = False,
) -> Where:
    """The customers of ``reach`` named in ``link`` by the rows of ``table`` that meet
    ``where`` (none at all when ``none``); with ``of_people``, ``link`` names the people
    through whom the customers are reached (a group's members)."""
    rows = sa_table(table)
    conditions = [rows.c.workspace_id == workspace_id, rows.c[link].is_not(None)]
    if where is not None:
        conditions.append(where)
    if none:
        conditions.append(sa.false())
    named = sa.select(rows.c[link]).where(*conditions)
    if of_people:
        return _reached(reach, sa.literal(workspace_id), people=named)
    return sa_table(reach.table).c.sys_id.in_(named)


def wrote(
    reach: Reach,
    workspace_id: int,
    *,
    activity: str | None,
    direction: str | None,
    start: datetime | None,
    end: datetime | None,
    of_people: bool = False,
) -> Where:
    """The customers of ``reach`` whose errands (through their contact cards) are such an
    activity: inbound, the question, when the errand was made; outbound, its answer."""
    conditions: list[Where] = [errand.c.workspace_id == workspace_id]
    if activity is not None:
        conditions.append(errand.c.activity == activity)
    sides = {
        "inbound": [errand.c.created_on >= start if start else None,
                    errand.c.created_on <= end if end else None],
        "outbound": [errand.c.answered.is_(True),
                     errand.c.answered_on >= start if start else None,
                     errand.c.answered_on <= end if end else None],
    }  # fmt: skip
    chosen = [
        sa.and_(sa.true(), *(c for c in side if c is not None))
        for name, side in sides.items()
        if direction in (None, name)
    ]
    conditions.append(chosen[0] if len(chosen) == 1 else sa.or_(*chosen))
    named = (
        sa.select(contact_card.c.consumer_sys_id)
        .select_from(errand.join(contact_card, contact_card.c.id == errand.c.card_id))
        .where(*conditions)
    )
    if of_people:
        return _reached(reach, sa.literal(workspace_id), people=named)
    return sa_table(reach.table).c.sys_id.in_(named)


async def keyed(
    tx: Transaction, table: str, workspace_id: int, ids: Sequence[int], where: Where | None
) -> list[tuple[int, str]]:
    """(id, sys_id) of the records of ``table`` with these ids that meet ``where``."""
    rows = sa_table(table)
    found = sa.select(rows.c.id, rows.c.sys_id).where(
        rows.c.workspace_id == workspace_id,
        rows.c.id.in_(list(ids)),
        *([where] if where is not None else []),
    )
    return [(int(record_id), str(sys_id)) for record_id, sys_id in (await tx.fetch(found)).rows]


# ------------------------------------------------------------------------------ departments

_departments = sa_table("cmn_department")
_users = sa_table("sys_user")
_foreign = sa_table("sys_user_foreign_department")


async def department_named(tx: Transaction, workspace_id: int, name: str) -> str | None:
    found = await tx.scalar(
        sa.select(_departments.c.sys_id)
        .where(
            _departments.c.workspace_id == workspace_id,
            sa.func.lower(_departments.c.name) == fold(name.strip()),
        )
        .order_by(_departments.c.sys_id)
        .limit(1)
    )
    return str(found) if found else None


async def departments_of_user(tx: Transaction, workspace_id: int, user: str) -> frozenset[str]:
    own = sa.select(_users.c.department.label("department")).where(
        _users.c.workspace_id == workspace_id, _users.c.sys_id == user
    )
    others = sa.select(_foreign.c.department.label("department")).where(
        _foreign.c.workspace_id == workspace_id, _foreign.c.user == user
    )
    rows = (await tx.fetch(sa.union(own, others))).rows
    return frozenset(str(department) for (department,) in rows if department)


async def department_names(
    tx: Transaction, workspace_id: int, sys_ids: Iterable[str]
) -> dict[str, str]:
    wanted = sorted(set(sys_ids))
    if not wanted:
        return {}
    found = sa.select(_departments.c.sys_id, _departments.c.name).where(
        _departments.c.workspace_id == workspace_id, _departments.c.sys_id.in_(wanted)
    )
    return {str(sys_id): str(name or "") for sys_id, name in (await tx.fetch(found)).rows}
