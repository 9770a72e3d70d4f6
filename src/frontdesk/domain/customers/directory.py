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

import functools
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any

import sqlalchemy as sa
from sqlalchemy.sql.elements import ColumnElement

from frontdesk.db.statements import Prepared
from frontdesk.domain.access import Actor
from frontdesk.domain.dictionary import service as dictionary
from frontdesk.domain.identity import service as identity
from frontdesk.domain.records import service as records
from frontdesk.domain.records.service import Record
from frontdesk.domain.services import Unit
from frontdesk.errors import Invalid, Operation, Problem
from frontdesk.query.ast import EMPTY, Condition
from frontdesk.store import records as store
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
INTERACTIONS = REGISTRY["interaction"]
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


class Holder(StrEnum):
    """Whose custom attribute a criterion names: the customer's own record, or one of the
    people through whom it is reached (a person themself, an organisation's contacts, a
    group's members)."""

    CUSTOMER = "customer"
    CONTACT = "contact"


@dataclass(frozen=True, slots=True)
class Attribute:
    """A custom attribute (a ``u_`` field) that must hold ``value``."""

    holder: Holder
    name: str
    value: str


@dataclass(frozen=True, slots=True)
class Activity:
    """Customers with an activity (an interaction) of this kind, direction and time."""

    kind: str | None = None
    direction: str | None = None
    start: datetime | None = None
    end: datetime | None = None


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
    attributes: tuple[Attribute, ...] = ()
    activity: Activity | None = None


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
    total: int  # how many customers meet the criteria (0 for a page past the end)


@dataclass(frozen=True, slots=True)
class _Shape:
    """What a search's statement looks like, its values aside: searches of one shape share
    one statement, compiled once (``_statement``)."""

    kinds: tuple[tuple[Kind, int], ...]  # the kinds searched, with their rank
    reached: tuple[ContactKind, ...]
    created_from: bool
    created_to: bool
    departments: bool
    order: Order
    descending: bool


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
    ranks = kind_rank or _DIGITS
    kinds = [kind for kind in Kind if kind in criteria.kinds]
    defined = await _known(unit, actor, criteria.attributes)
    wheres: dict[Kind, ColumnElement[bool] | None] = {}
    for kind in kinds:
        actor.require(Operation.QUERY, kind.table)
        if not _may_hold(kind, criteria.attributes, defined):
            continue  # none of this kind has such an attribute
        query = EMPTY
        if criteria.name:
            query = query.also(Condition("name", "LIKE", "LIKE", criteria.name, 0))
        for attribute in criteria.attributes:
            if attribute.holder is Holder.CUSTOMER or kind is Kind.PERSON:
                query = query.also(_equal(attribute))
        selected = await records.selection(unit, actor, kind.table, query)
        if selected.none:
            continue
        parts = [
            p
            for p in (selected.where, *await _through(unit, actor, kind, criteria))
            if p is not None
        ]
        wheres[kind] = sa.and_(*parts) if parts else None
    points = [(contact, identity.normalized(contact, value)) for contact, value in criteria.reached]
    if not wheres or any(value is None for _, value in points):
        return Found([], 0)
    values: dict[str, Any] = {
        "ws": actor.workspace_id,
        "created_from": criteria.created_from,
        "created_to": criteria.created_to,
        "departments": sorted(criteria.departments or ()),
        "limit": limit,
        "offset": offset,
        **{f"point{index}": value for index, (_, value) in enumerate(points)},
    }
    shape = _Shape(
        tuple((kind, ranks[kind]) for kind in wheres),
        tuple(contact for contact, _ in points),
        criteria.created_from is not None,
        criteria.created_to is not None,
        criteria.departments is not None,
        order,
        descending,
    )
    if any(where is not None for where in wheres.values()):
        statement: Prepared | sa.Select[Any] = _paged(shape, wheres)  # a name: its own
    else:
        statement = _statement(shape)
    rows = (await unit.tx.fetch(statement, values)).rows
    if not rows:
        return Found([], 0)
    total = int(rows[0][2])
    chosen = [(Kind(str(kind)), str(sys_id)) for kind, sys_id, _ in rows]
    return Found(await _load(unit, actor, chosen), total)


def _equal(attribute: Attribute) -> Condition:
    return Condition(attribute.name, "=", "=", attribute.value, 0)


async def _known(
    unit: Unit, actor: Actor, attributes: Sequence[Attribute]
) -> Mapping[str, Mapping[str, Any]]:
    """The custom fields by table; an attribute no customer (or contact) table has is
    refused."""
    if not attributes:
        return {}
    defined = await dictionary.custom_fields(unit, actor.workspace_id)
    for attribute in attributes:
        tables = [kind.value for kind in Kind]
        if attribute.holder is Holder.CONTACT:
            tables.append(CONTACTS.name)
        if not any(attribute.name in defined.get(table, {}) for table in tables):
            raise Invalid(Problem.BAD_NAME, field="custom", value=attribute.name)
    return defined


def _may_hold(
    kind: Kind, attributes: Sequence[Attribute], defined: Mapping[str, Mapping[str, Any]]
) -> bool:
    """Whether customers of ``kind`` can meet the attribute criteria at all: each names a
    field of the table that holds it (the customer's, or its contacts')."""
    for attribute in attributes:
        holder = kind.value
        if attribute.holder is Holder.CONTACT:
            holder = {Kind.ORGANIZATION: CONTACTS.name}.get(kind, PEOPLE.name)
        if attribute.name not in defined.get(holder, {}):
            return False
    return True


async def _through(
    unit: Unit, actor: Actor, kind: Kind, criteria: Criteria
) -> list[ColumnElement[bool]]:
    """Conditions on the people through whom a customer is reached (an organisation's
    contacts, a group's members) and on the customer's activities."""
    rows = sa_table(kind.value)
    found: list[ColumnElement[bool]] = []
    contacts = [a for a in criteria.attributes if a.holder is Holder.CONTACT]
    if contacts and kind is not Kind.PERSON:
        people = CONTACTS if kind is Kind.ORGANIZATION else PEOPLE
        link = "account" if kind is Kind.ORGANIZATION else "household"
        query = EMPTY.also(*(_equal(a) for a in contacts))
        chosen = await records.selection(unit, actor, people, query)
        found.append(rows.c.sys_id.in_(_linked(people, link, chosen.where, chosen.none, actor)))
    if criteria.activity is not None:
        found.append(await _active(unit, actor, kind, criteria.activity))
    return found


def _linked(
    people: TableDef, link: str, where: ColumnElement[bool] | None, none: bool, actor: Actor
) -> sa.Select[Any]:
    rows = sa_table(people.name)
    conditions = [rows.c.workspace_id == actor.workspace_id, rows.c[link].is_not(None)]
    if where is not None:
        conditions.append(where)
    if none:
        conditions.append(sa.false())
    return sa.select(rows.c[link]).where(*conditions)


async def _active(unit: Unit, actor: Actor, kind: Kind, activity: Activity) -> ColumnElement[bool]:
    """The customers of ``kind`` with such an interaction: a person by its consumer, an
    organisation by its account, a group by its members'."""
    actor.require(Operation.QUERY, INTERACTIONS)
    query = EMPTY.also(
        *(
            Condition(name, operator, operator, value, 0)
            for name, operator, value in (
                ("type", "=", activity.kind),
                ("direction", "=", activity.direction),
                ("sys_created_on", ">=", _moment(activity.start)),
                ("sys_created_on", "<=", _moment(activity.end)),
            )
            if value is not None
        )
    )
    chosen = await records.selection(unit, actor, INTERACTIONS, query)
    link = "account" if kind is Kind.ORGANIZATION else "consumer"
    spoken = _linked(INTERACTIONS, link, chosen.where, chosen.none, actor)
    rows = sa_table(kind.value)
    if kind is Kind.GROUP:
        members = sa_table(PEOPLE.name)
        spoken = sa.select(members.c.household).where(
            members.c.workspace_id == actor.workspace_id, members.c.sys_id.in_(spoken)
        )
    return rows.c.sys_id.in_(spoken)


def _moment(value: datetime | None) -> str | None:
    return value.strftime("%Y-%m-%d %H:%M:%S") if value is not None else None


@functools.lru_cache(maxsize=256)
def _statement(shape: _Shape) -> Prepared:
    return Prepared(_paged(shape, {}))


def _paged(shape: _Shape, wheres: Mapping[Kind, ColumnElement[bool] | None]) -> sa.Select[Any]:
    """The page of the customers of a shape (and how many there are in all, beside each
    row: a page past the end has no rows, and nothing to say how many there are then).
    Values are named parameters: ``ws``, ``point<n>``, ``created_from``, ``created_to``,
    ``departments``, ``limit`` and ``offset``."""
    parts = [_part(shape, kind, rank, wheres.get(kind)) for kind, rank in shape.kinds]
    union = sa.union_all(*parts).subquery("customers")
    column = {
        Order.KEY: union.c.key,
        Order.KIND: union.c.rank,
        Order.NAME: sa.func.lower(sa.func.coalesce(union.c.name, "")),
    }[shape.order]
    first = column.desc() if shape.descending else column.asc()
    by_key = shape.descending and shape.order is Order.KEY
    tie = union.c.key.desc() if by_key else union.c.key.asc()
    return (
        sa.select(union.c.kind, union.c.sys_id, sa.func.count().over().label("total"))
        .order_by(first, tie)
        .limit(sa.bindparam("limit", type_=sa.Integer))
        .offset(sa.bindparam("offset", type_=sa.Integer))
    )


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


async def signed_in(unit: Unit, actor: Actor, sign_in: str) -> list[Customer]:
    """The customers whose own sign-in (a consumer's ``user``) this is."""
    actor.require(Operation.QUERY, PEOPLE)
    return await _load(
        unit,
        actor,
        [(Kind.PERSON, r["sys_id"]) for r in await _many(unit, actor, PEOPLE, "user", [sign_in])],
    )


async def _restricted(unit: Unit, actor: Actor, kind: Kind) -> ColumnElement[bool] | None:
    """The caller's row restriction on a kind's table, if it has one."""
    chosen = await records.selection(unit, actor, kind.table, EMPTY)
    return sa.false() if chosen.none else chosen.where


def _part(
    shape: _Shape, kind: Kind, rank: int, where: ColumnElement[bool] | None
) -> sa.Select[Any]:
    """The customers of one kind that meet the criteria: (kind, sys_id, key, name, rank)."""
    rows = sa_table(kind.value)
    ws = sa.bindparam("ws", type_=sa.Integer)
    conditions: list[ColumnElement[bool]] = [rows.c.workspace_id == ws]
    if where is not None:
        conditions.append(where)
    for index, contact in enumerate(shape.reached):
        value = sa.bindparam(f"point{index}", type_=sa.String)
        conditions.append(rows.c.sys_id.in_(_reached(kind, ws, contact, value)))
    if shape.created_from:
        conditions.append(rows.c.sys_created_on >= sa.bindparam("created_from", type_=sa.DateTime))
    if shape.created_to:
        conditions.append(rows.c.sys_created_on <= sa.bindparam("created_to", type_=sa.DateTime))
    if shape.departments:
        conditions.append(rows.c.department.in_(sa.bindparam("departments", expanding=True)))
    return sa.select(
        sa.literal(kind.value).label("kind"),
        rows.c.sys_id,
        (rows.c.id * 10 + kind.digit).label("key"),
        rows.c.name,
        sa.literal(rank).label("rank"),
    ).where(*conditions)


def _reached(
    kind: Kind, ws: ColumnElement[int], contact: ContactKind, value: ColumnElement[str]
) -> sa.Select[Any]:
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
    if not actor.access.rows(table):  # nothing to add to the lookup: its compiled statement
        actor.require(Operation.QUERY, table)
        found = await store.with_values(
            unit.tx, table, workspace_id=actor.workspace_id, field=name, values=wanted
        )
        return sorted(found, key=lambda record: str(record["sys_id"]))
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
