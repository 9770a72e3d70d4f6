"""Who a person is everywhere (DESIGN.md, "one customer, three views"): the consumer or the
account's contact that holds them, the directory customer other services name them by (a
consumer is a person of their own; a contact is reached through their organisation), and
the contact card the contact centre keeps of them.

People are found by email or phone through the identity index, or by part of their name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from frontdesk.domain.access import Actor
from frontdesk.domain.customers import cards, directory
from frontdesk.domain.customers.cards import Card
from frontdesk.domain.customers.directory import Kind
from frontdesk.domain.identity import service as identity
from frontdesk.domain.records import service as records
from frontdesk.domain.records.service import Record
from frontdesk.domain.services import Unit
from frontdesk.errors import NotFound, Operation, Thing
from frontdesk.query.ast import Clause, Condition, Group, OrderBy, Query
from frontdesk.store.fields import ContactKind
from frontdesk.store.registry import TableDef
from frontdesk.store.tables import REGISTRY

CONSUMERS = REGISTRY["csm_consumer"]
CONTACTS = REGISTRY["customer_contact"]
ACCOUNTS = REGISTRY["customer_account"]
# The tables a person is a record of.
TABLES = {table.name: table for table in (CONSUMERS, CONTACTS)}
# A phone number as people type it: digits, spaces, +, -, (, ), dots and an extension.
_PHONE = re.compile(r"\+?[\d\s().\-]{5,}(\s*(x|ext\.?)\s*\d+)?\Z", re.IGNORECASE)
MANY = 25


@dataclass(frozen=True, slots=True)
class Person:
    table: TableDef
    record: Record
    # The directory customer (its key) that other services name this person by, and
    # whether that customer is the person or their organisation.
    key: int | None
    key_kind: Kind | None
    card: Card | None  # the contact centre's card, if it has one

    @property
    def sys_id(self) -> str:
        return str(self.record["sys_id"])

    @property
    def name(self) -> str:
        return str(self.record.get("name") or "")


async def _maybe(unit: Unit, actor: Actor, table: TableDef, sys_id: str) -> Record | None:
    try:
        return await records.get(unit, actor, table, sys_id)
    except NotFound:
        return None


def _reach(text: str) -> ContactKind | None:
    if "@" in text:
        return ContactKind.EMAIL
    return ContactKind.PHONE if _PHONE.match(text) else None


async def find(unit: Unit, actor: Actor, text: str) -> list[tuple[TableDef, Record]]:
    """The people ``text`` names: an email or a phone (exactly, through the identity index),
    else part of a name (any case); consumers first, then contacts, by name."""
    text = text.strip()
    if not text:
        return []
    kind = _reach(text)
    if kind is not None:
        ws = actor.workspace_id
        owners = await identity.owners(unit.tx, workspace_id=ws, kind=kind, value=text)
        found = []
        for table_name, sys_id in sorted(set(owners)):
            table = TABLES.get(table_name)
            if table is not None and actor.allows(Operation.QUERY, table):
                record = await _maybe(unit, actor, table, sys_id)
                if record is not None:
                    found.append((table, record))
        return found
    people: list[tuple[TableDef, Record]] = []
    named = Clause((Condition("name", "LIKE", "LIKE", text, 0),))
    query = Query((Group((named, OrderBy("name", False, 0))),))
    for table in TABLES.values():
        if actor.allows(Operation.QUERY, table):
            page = await records.query(unit, actor, table, query, limit=MANY, offset=0, count=False)
            people.extend((table, record) for record in page.records)
    return people


async def get(unit: Unit, actor: Actor, table_name: str, sys_id: str) -> Person:
    """A person by their table and sys_id, with their directory customer and card."""
    table = TABLES.get(table_name)
    if table is None:
        raise NotFound(Thing.TABLE, table_name)
    record = await records.get(unit, actor, table, sys_id)
    key: int | None = None
    key_kind: Kind | None = None
    card: Card | None = None
    if table is CONSUMERS:
        key, key_kind = directory.key_of(Kind.PERSON, int(record["id"])), Kind.PERSON
        card = await cards.of_consumer(unit, actor.workspace_id, record["sys_id"])
    elif record.get("account") and actor.allows(Operation.QUERY, ACCOUNTS):
        account = await _maybe(unit, actor, ACCOUNTS, str(record["account"]))
        if account is not None:
            key = directory.key_of(Kind.ORGANIZATION, int(account["id"]))
            key_kind = Kind.ORGANIZATION
    return Person(table, record, key, key_kind, card)
