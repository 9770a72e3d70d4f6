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

from frontdesk.db.statements import Prepared
from frontdesk.domain.access import Actor
from frontdesk.domain.customers import departments, repository
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

    @property
    def reach(self) -> repository.Reach:
        return _REACH[self]


_DIGITS = {Kind.PERSON: 1, Kind.ORGANIZATION: 2, Kind.GROUP: 3}
_BY_DIGIT = {digit: kind for kind, digit in _DIGITS.items()}
_REACH = {
    Kind.PERSON: repository.Reach("csm_consumer", 1, "csm_consumer", None),
    Kind.ORGANIZATION: repository.Reach("customer_account", 2, "customer_contact", "account"),
    Kind.GROUP: repository.Reach("csm_household", 3, "csm_consumer", "household"),
}
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
    department: str | None = None  # its department's name


@dataclass(frozen=True, slots=True)
class Found:
    customers: list[Customer]
    total: int  # how many customers meet the criteria (0 for a page past the end)


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
    wheres: dict[str, ColumnElement[bool] | None] = {}
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
        through = await _through(unit, actor, kind, criteria)
        parts = [part for part in (selected.where, *through) if part is not None]
        wheres[kind.value] = sa.and_(*parts) if parts else None
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
    shape = repository.Shape(
        tuple((Kind(table).reach, ranks[Kind(table)]) for table in wheres),
        tuple(contact for contact, _ in points),
        criteria.created_from is not None,
        criteria.created_to is not None,
        criteria.departments is not None,
        order.value,
        descending,
    )
    if any(where is not None for where in wheres.values()):  # a name: a statement of its own
        statement: Prepared | sa.Select[Any] = repository.paged(shape, wheres)
    else:
        statement = repository.statement(shape)
    rows = await repository.page(unit.tx, statement, values)
    if not rows:
        return Found([], 0)
    chosen = [(Kind(table), sys_id) for table, sys_id, _ in rows]
    return Found(await _load(unit, actor, chosen), rows[0][2])


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
    found: list[ColumnElement[bool]] = []
    reach, ws = kind.reach, actor.workspace_id
    contacts = [a for a in criteria.attributes if a.holder is Holder.CONTACT]
    if contacts and reach.link is not None:
        query = EMPTY.also(*(_equal(a) for a in contacts))
        chosen = await records.selection(unit, actor, REGISTRY[reach.people], query)
        found.append(repository.through(reach, ws, reach.people, reach.link, chosen.where,
                                        none=chosen.none))  # fmt: skip
    if criteria.activity is not None:
        found.append(await _active(unit, actor, kind, criteria.activity))
    return found


async def _active(unit: Unit, actor: Actor, kind: Kind, activity: Activity) -> ColumnElement[bool]:
    """The customers of ``kind`` with such an interaction, or such an errand: a person by
    its consumer (or contact card), an organisation by its account, a group by its
    members'."""
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
    interacted = repository.through(
        kind.reach,
        actor.workspace_id,
        INTERACTIONS.name,
        link,
        chosen.where,
        none=chosen.none,
        of_people=kind is Kind.GROUP,
    )
    if kind is Kind.ORGANIZATION:  # errands come from people
        return interacted
    wrote = repository.wrote(
        kind.reach,
        actor.workspace_id,
        activity=activity.kind,
        direction=activity.direction,
        start=activity.start,
        end=activity.end,
        of_people=kind is Kind.GROUP,
    )
    return sa.or_(interacted, wrote)


def _moment(value: datetime | None) -> str | None:
    return value.strftime("%Y-%m-%d %H:%M:%S") if value is not None else None


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
        where = await _restricted(unit, actor, kind)
        for record_id, sys_id in await repository.keyed(
            unit.tx, kind.value, actor.workspace_id, ids, where
        ):
            found[key_of(kind, record_id)] = (kind, sys_id)
    chosen = [found[key] for key in dict.fromkeys(keys) if key in found]
    return await _load(unit, actor, chosen)


async def _restricted(unit: Unit, actor: Actor, kind: Kind) -> ColumnElement[bool] | None:
    """The caller's row restriction on a kind's table, if it has one."""
    chosen = await records.selection(unit, actor, kind.table, EMPTY)
    return sa.false() if chosen.none else chosen.where


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
    named = await departments.names(
        unit, actor, {str(c.record["department"]) for c in customers if c.record.get("department")}
    )
    for customer in customers:
        customer.department = named.get(str(customer.record.get("department") or ""))
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
