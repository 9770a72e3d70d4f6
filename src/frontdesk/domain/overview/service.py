"""A customer overview: the cards configured for a context (a customer table and a target
table), each about one customer: the customer's own fields, lists of their records, and
reports over them.

A card's records are its own filter, tied to the customer by its ``relationship`` and
limited to the context's last ``days_of_data`` days. Filters are composed as ServiceNow
shows them (research §4.2): ``<filter>^EQ^<relationship>^ORDERBYDESCsys_created_on^
sys_created_on>=<since>`` for reports, without ``^EQ`` for lists. Values are computed on
demand, in the database.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any

from frontdesk.domain import clock
from frontdesk.domain.access import Actor
from frontdesk.domain.records import reports, views
from frontdesk.domain.records import service as records
from frontdesk.domain.records.service import Record
from frontdesk.domain.services import Unit
from frontdesk.errors import NotFound, Thing
from frontdesk.query import dates
from frontdesk.query.ast import Query
from frontdesk.query.parser import parse
from frontdesk.store.aggregates import Function
from frontdesk.store.card_tables import (
    CUST_INFO_CONFIG,
    LIST_CONFIG,
    RECORD_CONFIG,
    REPORT_CONFIG,
    REPORT_GROUP_CONFIG,
)
from frontdesk.store.registry import TableDef
from frontdesk.store.tables import REGISTRY

MANY = 1000
CONTEXT_TABLES = frozenset({"csm_consumer", "customer_contact"})
_SCRIPT = re.compile(r"javascript:gs\.\w+\([^)^]*\)")


class Kind(StrEnum):
    RECORD = RECORD_CONFIG.name
    LIST = LIST_CONFIG.name
    REPORT = REPORT_CONFIG.name
    REPORT_GROUP = REPORT_GROUP_CONFIG.name


@dataclass(slots=True)
class Card:
    kind: Kind
    config: Record
    query: str = ""  # the composed filter (lists and reports)
    members: list[Card] = field(default_factory=list)  # a group's reports
    fields: list[tuple[str, Any]] = field(default_factory=list)  # a record card's (label, value)
    rows: list[dict[str, Any]] | None = None  # a list's first records, as display values
    total: int | None = None
    report: reports.Report | None = None
    labels: dict[Any, Any] = field(default_factory=dict)  # a report's group labels


@dataclass(frozen=True, slots=True)
class Overview:
    context: Record
    customer: Record
    cards: list[Card]
    has_more: bool


async def overview(
    unit: Unit,
    actor: Actor,
    context_table: str,
    customer_id: str,
    target_table: str,
    *,
    before: datetime | None = None,
    start: int = 0,
    end: int | None = None,
    computed: bool = False,
) -> Overview:
    """The cards of the context (``context_table``, ``target_table``) for one customer,
    those created before ``before``, from index ``start`` to ``end`` (inclusive)."""
    context = await _context(unit, actor, context_table, target_table)
    people = REGISTRY[context_table]
    customer = await records.get(unit, actor, people, customer_id)
    cards = await _cards(unit, actor, context["sys_id"], before)
    last = len(cards) if end is None else min(end + 1, len(cards))
    chosen = cards[start:last]
    since = clock.now() - timedelta(days=int(context.get("days_of_data") or 30))
    session = dates.Session(clock.now(), actor.user_sys_id, actor.user_name)
    for card in chosen:
        await _fill(unit, actor, card, people, customer, since, session, computed)
    return Overview(context, customer, chosen, last < len(cards))


async def _context(unit: Unit, actor: Actor, context_table: str, target_table: str) -> Record:
    if context_table not in CONTEXT_TABLES:
        raise NotFound(Thing.TABLE, context_table, field="context")
    found = await _active(
        unit, actor, CUST_INFO_CONFIG, context_table=context_table, target_table=target_table
    )
    if not found:
        raise NotFound(Thing.RECORD, f"{context_table}/{target_table}", table=CUST_INFO_CONFIG.name)
    return found[0]


async def _cards(unit: Unit, actor: Actor, context: str, before: datetime | None) -> list[Card]:
    found: list[Card] = []
    for kind in (Kind.RECORD, Kind.LIST, Kind.REPORT, Kind.REPORT_GROUP):
        for config in await _active(unit, actor, REGISTRY[kind.value], context=context):
            created = config.get("sys_created_on")
            if before and created and created >= before:
                continue
            if kind is Kind.REPORT and config.get("report_group"):
                continue  # shown inside its group
            found.append(Card(kind, config))
    found.sort(key=lambda card: (card.config.get("order") or 0, card.config["sys_created_on"]))
    for card in found:
        if card.kind is Kind.REPORT_GROUP:
            members = await _active(unit, actor, REPORT_CONFIG, report_group=card.config["sys_id"])
            members.sort(key=lambda m: (m.get("order") or 0, m["sys_created_on"]))
            card.members = [Card(Kind.REPORT, m) for m in members]
    return found


async def _active(unit: Unit, actor: Actor, table: TableDef, **equal: str) -> list[Record]:
    """The active configuration records of ``table`` with these values."""
    query = records.matching(active="true", **equal)
    page = await records.query(unit, actor, table, query, limit=MANY, offset=0, count=False)
    return page.records


def composed(
    own: str | None,
    relationship: str | None,
    customer: Mapping[str, Any],
    since: datetime,
    session: dates.Session,
    *,
    report: bool,
) -> str:
    """A card's filter as ServiceNow composes it, helpers (``javascript:gs.…()``) shown as
    the values they have now."""
    own = _SCRIPT.sub(lambda m: _helper(m.group(0), session), own or "")
    tie = re.sub(r"\{(\w+)\}", lambda m: _text(customer.get(m.group(1))), relationship or "")
    if report:  # a report's own filter, then ^EQ: "^<tie>" when it has none
        head = f"{own}^EQ^{tie}" if own else f"^{tie}"
    else:
        head = "^".join(part for part in (own, tie) if part)
    stamp = since.strftime("%Y-%m-%d %H:%M:%S")
    return f"{head}^ORDERBYDESCsys_created_on^sys_created_on>={stamp}"


def _helper(text: str, session: dates.Session) -> str:
    try:
        value = dates.evaluate(text, session)
    except (dates.Unsupported, ValueError, OverflowError):
        return text
    return value.strftime("%Y-%m-%d %H:%M:%S") if isinstance(value, datetime) else value


def _text(value: Any) -> str:
    return "" if value is None else str(value)


async def _fill(
    unit: Unit,
    actor: Actor,
    card: Card,
    people: TableDef,
    customer: Record,
    since: datetime,
    session: dates.Session,
    computed: bool,
) -> None:
    config = card.config
    if card.kind is Kind.RECORD:
        card.fields = await _record_fields(unit, actor, config, people, customer)
        return
    for member in card.members:
        await _fill(unit, actor, member, people, customer, since, session, computed)
    if card.kind is Kind.REPORT_GROUP:
        return
    report = card.kind is Kind.REPORT
    card.query = composed(
        config.get("filter"), config.get("relationship"), customer, since, session, report=report
    )
    source = REGISTRY.get(str(config.get("source_id" if report else "source_table") or ""))
    if not computed or source is None:
        return
    query = parse(card.query)
    if report:
        await _report(unit, actor, card, source, query)
    else:
        await _list(unit, actor, card, source, query)


async def _record_fields(
    unit: Unit, actor: Actor, config: Record, table: TableDef, customer: Record
) -> list[tuple[str, Any]]:
    names = [n.strip() for n in str(config.get("fields") or "").split(",") if n.strip()]
    shown = await views.view(unit, actor, table, [customer], fields=names, display=True)
    assert shown.displays is not None
    return [
        (column.field.label, value)
        for column, value in zip(shown.columns, shown.displays[0], strict=True)
    ]


async def _list(unit: Unit, actor: Actor, card: Card, source: TableDef, query: Query) -> None:
    limit = max(0, int(card.config.get("list_limit") or 0))
    page = await records.query(unit, actor, source, query, limit=limit, offset=0, count=True)
    names = [n.strip() for n in str(card.config.get("list_fields") or "").split(",") if n.strip()]
    shown = await views.view(unit, actor, source, page.records, fields=names or None, display=True)
    assert shown.displays is not None
    card.rows = [
        {"sys_id": record["sys_id"]}
        | {column.name: value for column, value in zip(shown.columns, row, strict=True)}
        for record, row in zip(page.records, shown.displays, strict=True)
    ]
    card.total = page.total


async def _report(unit: Unit, actor: Actor, card: Card, source: TableDef, query: Query) -> None:
    config = card.config
    groups = str(config.get("number_of_groups") or "").strip().lower()
    limit = int(groups) if groups.isascii() and groups.isdigit() and int(groups) > 0 else None
    function = Function(str(config.get("aggregate_function") or "COUNT"))
    card.report = await reports.report(
        unit,
        actor,
        source,
        query,
        function=function,
        field=config.get("aggregate_field") or None,
        group_by=config.get("group_by") or None,
        groups=limit,
    )
    key = source.field(str(config.get("group_by") or ""))
    if key is not None and card.report.groups:
        found = [{key.name: value} for value, _ in card.report.groups]
        shown = await views.view(unit, actor, source, found, fields=[key.name], display=True)
        assert shown.displays is not None
        card.labels = {
            value: row[0]
            for (value, _), row in zip(card.report.groups, shown.displays, strict=True)
        }
