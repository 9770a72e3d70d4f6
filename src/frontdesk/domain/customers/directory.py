"""The customer directory: every customer of a workspace, whatever table holds them, found by
how to reach them, by name, by kind, by when they were created and by department.

A customer is a person (``csm_consumer``), an organisation (``customer_account``, whose
contacts are its ``customer_contact`` records) or a group (``csm_household``, whose contacts
are its members). Each has a **key** that no other customer of any kind shares: the record's
integer id times ten plus its kind's digit (DESIGN.md: "each table also has an integer
key"). A contact point criterion matches a person by their own points, an organisation by
any of its contacts' points, a group by any of its members' points (the identity index).
Searching, ordering and paging all happen in the database.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any

import sqlalchemy as sa
from sqlalchemy.sql.elements import ColumnElement

from frontdesk.domain.access import Actor
from frontdesk.domain.identity import service as identity
from frontdesk.domain.records import service as records
from frontdesk.domain.records.service import Record
from frontdesk.domain.services import Unit
from frontdesk.errors import Operation
from frontdesk.query.ast import EMPTY, Condition
from frontdesk.store.fields import ContactKind
from frontdesk.store.registry import TableDef
from frontdesk.store.schema import contact_point, sa_table
from frontdesk.store.tables import REGISTRY

# How many keys one lookup may name.
MANY_KEYS = 1000


class Kind(StrEnum):
    PERSON = "csm_consumer"
    ORGANIZATION = "customer_account"
    GROUP = "csm_household"

    @property
    def table(self) -> TableDef:
        return REGISTRY[self.value]

    @property
    def digit(self) -> int:
        return _DIGITS[self]


_DIGITS = {Kind.PERSON: 1, Kind.ORGANIZATION: 2, Kind.GROUP: 3}
_BY_DIGIT = {digit: kind for kind, digit in _DIGITS.items()}
CONTACTS = REGISTRY["customer_contact"]
PEOPLE = REGISTRY["csm_consumer"]
SOCIAL = REGISTRY["sn_app_cs_social_social_profile"]


def key_of(kind: Kind, record_id: int) -> int:
    return record_id * 10 + kind.digit


def parse_key(key: int) -> tuple[Kind, int] | None:
    """The kind and record id a key names, or None if it names none."""
    record_id, digit = divmod(key, 10)
    kind = _BY_DIGIT.get(digit)
    return (kind, record_id) if kind is not None and record_id > 0 else None


class Order(StrEnum):
    KEY = "key"
    KIND = "kind"
    NAME = "name"


@dataclass(frozen=True, slots=True)
class Criteria:
    """What every customer found meets (all of it). ``reached``: exact contact points;
    ``name``: part of the name, in any case; ``departments``: department sys_ids (None:
    any department, or none)."""

    reached: tuple[tuple[ContactKind, str], ...] = ()
    name: str | None = None
    kinds: frozenset[Kind] = frozenset(Kind)
    created_from: datetime | None = None
    created_to: datetime | None = None
    departments: frozenset[str] | None = None


@dataclass(slots=True)
class Customer:
    kind: Kind
    key: int
    record: Record
    # The people through whom the customer is reached: a person themself, an
    # organisation's contacts, a group's members (each a record of its own table).
    contacts: list[tuple[TableDef, Record]] = field(default_factory=list)
    # Social profiles, by the sys_id of the contact they belong to.
    social: dict[str, list[Record]] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Found:
    customers: list[Customer]
    total: int


async def search(
    unit: Unit,
    actor: Actor,
    criteria: Criteria,
    *,
    order: Order = Order.KEY,
    descending: bool = False,
    kind_rank: Mapping[Kind, int] | None = None,
    offset: int = 0,
    limit: int = 25,
) -> Found:
    """One page of the customers that meet ``criteria``, and how many there are."""
    parts = []
    for kind in Kind:
        if kind not in criteria.kinds:
            continue
        actor.require(Operation.QUERY, kind.table)
        part = await _part(unit, actor, kind, criteria, (kind_rank or _DIGITS)[kind])
        if part is not None:
            parts.append(part)
    if not parts:
        return Found([], 0)
    union = sa.union_all(*parts).subquery("customers")
    total = int(await unit.tx.scalar(sa.select(sa.func.count()).select_from(union)) or 0)
    if total == 0 or offset >= total:
        return Found([], total)
    column = {
        Order.KEY: union.c.key,
        Order.KIND: union.c.rank,
        Order.NAME: sa.func.lower(sa.func.coalesce(union.c.name, "")),
    }[order]
    first = column.desc() if descending else column.asc()
    tie = union.c.key.desc() if descending and order is Order.KEY else union.c.key.asc()
    statement = (
        sa.select(union.c.kind, union.c.sys_id, union.c.key)
        .order_by(first, tie)
        .limit(limit)
        .offset(offset)
    )
    rows = (await unit.tx.fetch(statement)).rows
    chosen = [(Kind(str(kind)), str(sys_id)) for kind, sys_id, _ in rows]
    return Found(await _load(unit, actor, chosen), total)


async def by_keys(unit: Unit, actor: Actor, keys: Sequence[int]) -> list[Customer]:
    """The customers these keys name, in the order given (the unknown ones left out)."""
    wanted: dict[Kind, list[int]] = {}
    for key in keys[:MANY_KEYS]:
        parsed = parse_key(key)
        if parsed is not None:
            wanted.setdefault(parsed[0], []).append(parsed[1])
    found: dict[int, tuple[Kind, str]] = {}
    for kind, ids in wanted.items():
        actor.require(Operation.QUERY, kind.table)
        rows = sa_table(kind.value)
        where = await _restricted(unit, actor, kind)
        statement = sa.select(rows.c.id, rows.c.sys_id).where(
            rows.c.workspace_id == actor.workspace_id,
            rows.c.id.in_(ids),
            *([where] if where is not None else []),
        )
        for record_id, sys_id in (await unit.tx.fetch(statement)).rows:
            found[key_of(kind, int(record_id))] = (kind, str(sys_id))
    chosen = [found[key] for key in dict.fromkeys(keys) if key in found]
    return await _load(unit, actor, chosen)


async def _restricted(unit: Unit, actor: Actor, kind: Kind) -> ColumnElement[bool] | None:
    """The caller's row restriction on a kind's table, if it has one."""
    chosen = await records.selection(unit, actor, kind.table, EMPTY)
    return sa.false() if chosen.none else chosen.where


async def _part(
    unit: Unit, actor: Actor, kind: Kind, criteria: Criteria, rank: int
) -> sa.Select[Any] | None:
    """The customers of one kind that meet the criteria: (kind, sys_id, key, name, rank)."""
    rows = sa_table(kind.value)
    ws = actor.workspace_id
    conditions: list[ColumnElement[bool]] = [rows.c.workspace_id == ws]
    query = EMPTY
    if criteria.name:
        query = query.also(Condition("name", "LIKE", "LIKE", criteria.name, 0))
    chosen = await records.selection(unit, actor, kind.table, query)
    if chosen.none:
        return None
    if chosen.where is not None:
        conditions.append(chosen.where)
    for contact, value in criteria.reached:
        key = identity.normalized(contact, value)
        if key is None:
            return None
        conditions.append(rows.c.sys_id.in_(_reached(kind, ws, contact, key)))
    if criteria.created_from is not None:
        conditions.append(rows.c.sys_created_on >= criteria.created_from)
    if criteria.created_to is not None:
        conditions.append(rows.c.sys_created_on <= criteria.created_to)
    if criteria.departments is not None:
        conditions.append(rows.c.department.in_(sorted(criteria.departments)))
    return sa.select(
        sa.literal(kind.value).label("kind"),
        rows.c.sys_id,
        (rows.c.id * 10 + kind.digit).label("key"),
        rows.c.name,
        sa.literal(rank).label("rank"),
    ).where(*conditions)


def _reached(kind: Kind, ws: int, contact: ContactKind, value: str) -> sa.Select[Any]:
    """The sys_ids of the customers of ``kind`` reached at ``value`` (an index lookup)."""

    def owners(table: str) -> sa.Select[Any]:
        return sa.select(contact_point.c.owner_sys_id).where(
            contact_point.c.workspace_id == ws,
            contact_point.c.kind == contact.value,
            contact_point.c.value == value,
            contact_point.c.owner_table == table,
        )

    if kind is Kind.PERSON:
        return owners(PEOPLE.name)
    if kind is Kind.ORGANIZATION:
        contacts = sa_table(CONTACTS.name)
        return sa.select(contacts.c.account).where(
            contacts.c.workspace_id == ws, contacts.c.sys_id.in_(owners(CONTACTS.name))
        )
    members = sa_table(PEOPLE.name)
    return sa.select(members.c.household).where(
        members.c.workspace_id == ws, members.c.sys_id.in_(owners(PEOPLE.name))
    )


async def _load(unit: Unit, actor: Actor, chosen: Sequence[tuple[Kind, str]]) -> list[Customer]:
    """The chosen customers, whole: their records, contacts and social profiles."""
    records_by: dict[tuple[Kind, str], Record] = {}
    for kind in Kind:
        sys_ids = [sys_id for k, sys_id in chosen if k is kind]
        for record in await _many(unit, actor, kind.table, "sys_id", sys_ids):
            records_by[(kind, record["sys_id"])] = record
    customers = [
        Customer(
            kind, key_of(kind, int(records_by[(kind, sys_id)]["id"])), records_by[(kind, sys_id)]
        )
        for kind, sys_id in chosen
        if (kind, sys_id) in records_by
    ]
    await _contacts(unit, actor, customers)
    return customers


async def _many(
    unit: Unit, actor: Actor, table: TableDef, name: str, values: Iterable[str]
) -> list[Record]:
    wanted = sorted(set(values))
    if not wanted:
        return []
    query = EMPTY.also(Condition(name, "IN", "IN", ",".join(wanted), 0))
    page = await records.query(
        unit, actor, table, query, limit=len(wanted) * MANY_KEYS, offset=0, count=False
    )
    return page.records


async def _contacts(unit: Unit, actor: Actor, customers: list[Customer]) -> None:
    organizations = [c.record["sys_id"] for c in customers if c.kind is Kind.ORGANIZATION]
    groups = [c.record["sys_id"] for c in customers if c.kind is Kind.GROUP]
    employed: dict[str, list[Record]] = {}
    if organizations and actor.allows(Operation.QUERY, CONTACTS):
        for contact in await _many(unit, actor, CONTACTS, "account", organizations):
            employed.setdefault(contact["account"], []).append(contact)
    members: dict[str, list[Record]] = {}
    if groups:
        for member in await _many(unit, actor, PEOPLE, "household", groups):
            members.setdefault(member["household"], []).append(member)
    for customer in customers:
        sys_id = customer.record["sys_id"]
        match customer.kind:
            case Kind.PERSON:
                customer.contacts = [(PEOPLE, customer.record)]
            case Kind.ORGANIZATION:
                customer.contacts = [(CONTACTS, c) for c in employed.get(sys_id, [])]
            case Kind.GROUP:
                customer.contacts = [(PEOPLE, m) for m in members.get(sys_id, [])]
    if not actor.allows(Operation.QUERY, SOCIAL):
        return
    people = {r["sys_id"] for c in customers for t, r in c.contacts if t is PEOPLE}
    contacts = {r["sys_id"] for c in customers for t, r in c.contacts if t is CONTACTS}
    social: dict[str, list[Record]] = {}
    for owner, sys_ids in (("consumer", people), ("contact", contacts)):
        for profile in await _many(unit, actor, SOCIAL, owner, sys_ids):
            social.setdefault(profile[owner], []).append(profile)
    for customer in customers:
        customer.social = {
            r["sys_id"]: social[r["sys_id"]] for _, r in customer.contacts if r["sys_id"] in social
        }
