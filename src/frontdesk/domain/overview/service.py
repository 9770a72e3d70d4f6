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
from functools import partial
from typing import Any

from frontdesk.domain import clock
from frontdesk.domain.access import Actor
from frontdesk.domain.records import reports, views
from frontdesk.domain.records import service as records
from frontdesk.domain.records.service import Record
from frontdesk.domain.services import Unit
from frontdesk.errors import NotFound, Operation, Thing
from frontdesk.query import dates
from frontdesk.query.ast import Clause, Condition, Group, Query
from frontdesk.query.parser import parse
from frontdesk.store.aggregates import Function
from frontdesk.store.card_tables import (
    CARD_TABLES,
    CUST_INFO_CONFIG,
    LIST_CONFIG,
    RECORD_CONFIG,
    REPORT_CONFIG,
    REPORT_GROUP_CONFIG,
    Layout,
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
    config: Mapping[str, Any]
    query: str = ""  # the composed filter (lists and reports)
    members: list[Card] = field(default_factory=list)  # a group's reports
    fields: list[tuple[str, Any]] = field(default_factory=list)  # a record card's (label, value)
    tie: str = ""  # the relationship to the customer, as a filter (lists and reports)
    rows: list[dict[str, Any]] | None = None  # a list's first records, as display values
    total: int | None = None  # how many records a list has
    measured: bool = False  # a report's value or groups were computed
    value: Any = None  # a report's single score
    groups: reports.Groups | None = None  # a grouped report's scores
    labels: dict[Any, Any] = field(default_factory=dict)  # a report's group labels

    @property
    def grouped(self) -> bool:
        """A report shown as groups (a donut, a bar, …) rather than one score."""
        config = self.config
        return bool(config.get("group_by")) and config.get("report_type") != "single_score"


@dataclass(frozen=True, slots=True)
class Overview:
    context: Mapping[str, Any]
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
    layout = await _layout(unit, actor, context_table, target_table)
    context = layout.context
    people = REGISTRY[context_table]
    customer = await records.get(unit, actor, people, customer_id)
    cards = [
        Card(Kind(table.name), config, members=[Card(Kind.REPORT, m) for m in members])
        for table, config, members in layout.cards
        if not (before and config.get("sys_created_on") and config["sys_created_on"] >= before)
    ]
    last = len(cards) if end is None else min(end + 1, len(cards))
    chosen = cards[start:last]
    since = clock.now() - timedelta(days=int(context.get("days_of_data") or 30))
    session = dates.Session(clock.now(), actor.user_sys_id, actor.user_name)
    for card in chosen:
        await _fill(unit, actor, card, people, customer, since, session, computed)
    if computed:
        await _count(unit, actor, chosen, since)
    return Overview(context, customer, chosen, last < len(cards))


async def _layout(unit: Unit, actor: Actor, context_table: str, target_table: str) -> Layout:
    """The context's configuration: kept per process for callers whose access to it has no
    row restriction (it is the same for all of them), read afresh for the others."""
    if context_table not in CONTEXT_TABLES:
        raise NotFound(Thing.TABLE, context_table, field="context")
    for table in CARD_TABLES:
        actor.require(Operation.QUERY, table)
    if any(actor.access.rows(table) for table in CARD_TABLES):
        return await _read_layout(unit, actor, context_table, target_table)
    return await unit.cached(
        unit.services.layouts,
        actor.workspace_id,
        (context_table, target_table),
        partial(_read_layout, unit, actor, context_table, target_table),
    )


async def _read_layout(unit: Unit, actor: Actor, context_table: str, target_table: str) -> Layout:
    found = await _active(
        unit, actor, CUST_INFO_CONFIG, context_table=context_table, target_table=target_table
    )
    if not found:
        raise NotFound(Thing.RECORD, f"{context_table}/{target_table}", table=CUST_INFO_CONFIG.name)
    context = found[0]
    cards: list[tuple[TableDef, Record]] = []
    for table in (RECORD_CONFIG, LIST_CONFIG, REPORT_CONFIG, REPORT_GROUP_CONFIG):
        for config in await _active(unit, actor, table, context=context["sys_id"]):
            if table is not REPORT_CONFIG or not config.get("report_group"):
                cards.append((table, config))  # a group's reports are shown inside it
    cards.sort(key=lambda card: _place(card[1]))
    members: dict[str, list[Record]] = {}
    groups = [config["sys_id"] for table, config in cards if table is REPORT_GROUP_CONFIG]
    if groups:
        grouped = Condition("report_group", "IN", "IN", ",".join(groups), 0)
        for report in sorted(await _active(unit, actor, REPORT_CONFIG, grouped), key=_place):
            members.setdefault(report["report_group"], []).append(report)
    return Layout(
        context,
        tuple((table, config, tuple(members.get(config["sys_id"], ()))) for table, config in cards),
    )


def _place(config: Mapping[str, Any]) -> tuple[int, datetime]:
    """Cards (and a group's reports) are shown by ``order``, then as they were created."""
    return (config.get("order") or 0, config["sys_created_on"])


async def _active(
    unit: Unit, actor: Actor, table: TableDef, *also: Condition, **equal: str
) -> list[Record]:
    """The active configuration records of ``table`` with these values (and conditions)."""
    query = records.matching(active="true", **equal).also(*also)
    page = await records.query(unit, actor, table, query, limit=MANY, offset=0, count=False)
    return page.records


def composed(own: str | None, tie: str, since: datetime, *, report: bool) -> str:
    """A card's filter as ServiceNow composes it from its own filter (``own``, helpers
    expanded) and its relationship to the customer (``tie``)."""
    own = own or ""
    if report:  # a report's own filter, then ^EQ: "^<tie>" when it has none
        head = f"{own}^EQ^{tie}" if own else f"^{tie}"
    else:
        head = "^".join(part for part in (own, tie) if part)
    return f"{head}^ORDERBYDESCsys_created_on^{_window(since)}"


def _window(since: datetime) -> str:
    return f"sys_created_on>={since.strftime('%Y-%m-%d %H:%M:%S')}"


def _expanded(own: str | None, session: dates.Session) -> str:
    """A filter with its helpers (``javascript:gs.…()``) shown as the values they have now."""
    return _SCRIPT.sub(lambda m: _helper(m.group(0), session), own or "")


def _tie(relationship: str | None, customer: Mapping[str, Any]) -> str:
    """A card's relationship to the customer (``consumer={sys_id}``) as a filter."""
    return re.sub(r"\{(\w+)\}", lambda m: _text(customer.get(m.group(1))), relationship or "")


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
    """A card's own parts: a record card's fields; a list's or a report's filter and, when
    computed, a list's rows and a grouped report's groups (single numbers are counted
    together afterwards, by ``_count``)."""
    config = card.config
    if card.kind is Kind.RECORD:
        card.fields = await _record_fields(unit, actor, config, people, customer)
        return
    for member in card.members:
        await _fill(unit, actor, member, people, customer, since, session, computed)
    if card.kind is Kind.REPORT_GROUP:
        return
    report = card.kind is Kind.REPORT
    card.tie = _tie(config.get("relationship"), customer)
    own = _expanded(config.get("filter"), session)
    card.query = composed(own, card.tie, since, report=report)
    source = _source(card)
    if not computed or source is None:
        return
    if not report:
        await _rows(unit, actor, card, source, parse(card.query))
    elif card.grouped:
        await _groups(unit, actor, card, source, _wanted(card))


def _source(card: Card) -> TableDef | None:
    report = card.kind is Kind.REPORT
    return REGISTRY.get(str(card.config.get("source_id" if report else "source_table") or ""))


def _wanted(card: Card) -> reports.Wanted:
    if card.kind is Kind.LIST:
        return reports.Wanted(parse(card.query))
    config = card.config
    function = Function(str(config.get("aggregate_function") or "COUNT"))
    return reports.Wanted(parse(card.query), function, config.get("aggregate_field") or None)


async def _count(unit: Unit, actor: Actor, cards: list[Card], since: datetime) -> None:
    """Every list's total and every single-score report's value, those over one table and
    one customer counted together in one pass over that customer's records in the window
    (a card whose filter reaches beyond them, with ``^NQ``, is counted alone)."""
    passes: dict[tuple[str, str, str], tuple[Query, list[tuple[Card, reports.Wanted]]]] = {}
    for card in (card for top in cards for card in (top, *top.members)):
        source = _source(card)
        if card.kind not in (Kind.LIST, Kind.REPORT) or card.grouped or source is None:
            continue
        wanted = _wanted(card)
        window = parse(f"{card.tie}^{_window(since)}")
        if _within(wanted.query, window):
            key, area = (source.name, "window", card.tie), window
        else:
            key, area = (source.name, "alone", card.query), wanted.query
        passes.setdefault(key, (area, []))[1].append((card, wanted))
    for (name, _, _), (area, counted) in passes.items():
        wanted_ = [wanted for _, wanted in counted]
        if len(wanted_) == 1:  # its own filter is the statement's WHERE, the planner's to use
            area = wanted_[0].query
        found = await reports.values(unit, actor, REGISTRY[name], wanted_, within=area)
        for (card, _), value in zip(counted, found, strict=True):
            if card.kind is Kind.LIST:
                card.total = value
            else:
                card.value, card.measured = value, True


def _within(query: Query, window: Query) -> bool:
    """Whether every record ``query`` selects meets each condition of ``window`` (one
    group of conditions): they are ANDed onto each of its groups, or onto its tail."""
    if len(window.groups) != 1 or window.tail is not None:
        return False
    needed = {_plain(clause) for clause in window.groups[0].clauses()}

    def holds(group: Group) -> bool:
        return needed <= {_plain(clause) for clause in group.clauses()}

    return (query.tail is not None and holds(query.tail)) or all(map(holds, query.groups))


def _plain(clause: Clause) -> tuple[object, ...]:
    """A clause without the positions its terms were written at."""
    return tuple(
        (term.field, term.operator, term.value) if isinstance(term, Condition) else id(term)
        for term in clause.terms
    )


async def _record_fields(
    unit: Unit, actor: Actor, config: Mapping[str, Any], table: TableDef, customer: Record
) -> list[tuple[str, Any]]:
    names = [n.strip() for n in str(config.get("fields") or "").split(",") if n.strip()]
    shown = await views.view(unit, actor, table, [customer], fields=names, display=True)
    assert shown.displays is not None
    return [
        (column.field.label, value)
        for column, value in zip(shown.columns, shown.displays[0], strict=True)
    ]


async def _rows(unit: Unit, actor: Actor, card: Card, source: TableDef, query: Query) -> None:
    """A list's first ``list_limit`` records, as display values."""
    limit = max(0, int(card.config.get("list_limit") or 0))
    page = await records.query(unit, actor, source, query, limit=limit, offset=0, count=False)
    names = [n.strip() for n in str(card.config.get("list_fields") or "").split(",") if n.strip()]
    shown = await views.view(unit, actor, source, page.records, fields=names or None, display=True)
    assert shown.displays is not None
    card.rows = [
        {"sys_id": record["sys_id"]}
        | {column.name: value for column, value in zip(shown.columns, row, strict=True)}
        for record, row in zip(page.records, shown.displays, strict=True)
    ]


async def _groups(
    unit: Unit, actor: Actor, card: Card, source: TableDef, wanted: reports.Wanted
) -> None:
    """A grouped report's scores, the ``number_of_groups`` largest, with their labels."""
    config = card.config
    number = str(config.get("number_of_groups") or "").strip().lower()
    limit = int(number) if number.isascii() and number.isdigit() and int(number) > 0 else None
    group_by = str(config.get("group_by"))
    card.groups = await reports.groups(unit, actor, source, wanted, group_by=group_by, limit=limit)
    card.measured = True
    key = source.field(group_by)
    if key is not None and card.groups.scores:
        found = [{key.name: value} for value, _ in card.groups.scores]
        shown = await views.view(unit, actor, source, found, fields=[key.name], display=True)
        assert shown.displays is not None
        card.labels = {
            value: row[0]
            for (value, _), row in zip(card.groups.scores, shown.displays, strict=True)
        }
