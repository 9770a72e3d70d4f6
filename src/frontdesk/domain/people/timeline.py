"""What happened with a person, newest first, on one timeline: their interactions and phone
calls, their cases, their errands with each errand's actions, and the knowledge articles
they viewed.

A page is the newest ``limit`` events up to a moment, merged from one indexed read per
source (each source's newest ``limit + 1``), so a page costs the same however long the
history is. Times are to the second: a page never ends inside a second, so the next page
(``upto`` the oldest second not shown) repeats and skips nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum

from frontdesk.domain.access import Actor
from frontdesk.domain.errands import history
from frontdesk.domain.errands.history import Listed, Step
from frontdesk.domain.people.person import CONSUMERS, Person
from frontdesk.domain.records import service as records
from frontdesk.domain.records.service import Record
from frontdesk.domain.services import Unit
from frontdesk.errors import Operation
from frontdesk.query.parser import parse
from frontdesk.store.registry import TableDef
from frontdesk.store.tables import REGISTRY

LIMIT = 50
ARTICLES = REGISTRY["kb_knowledge"]


class Source(StrEnum):
    INTERACTION = "interaction"
    CALL = "call"
    CASE = "case"
    ERRAND = "errand"
    ARTICLE = "article"


@dataclass(frozen=True, slots=True)
class Event:
    at: datetime
    source: Source
    title: str
    detail: str = ""
    state: str = ""
    reference: str = ""  # the record's sys_id, or the errand's id
    steps: tuple[Step, ...] = ()


@dataclass(slots=True)
class Timeline:
    events: list[Event]
    counts: dict[Source, int] = field(default_factory=dict)
    older: datetime | None = None  # where the next page starts (inclusive); None: no more


def _label(table: TableDef, name: str, record: Record) -> str:
    value = record.get(name)
    found = table.field(name)
    for choice, label in (found.choices if found is not None else ()) or ():
        if str(choice) == str(value):
            return label
    return "" if value is None else str(value)


def _interaction(table: TableDef, record: Record) -> Event:
    kind = _label(table, "type", record)
    return Event(
        record["sys_created_on"], Source.INTERACTION, f"{kind} interaction {record['number']}",
        str(record.get("short_description") or ""), _label(table, "state", record),
        str(record["sys_id"]),
    )  # fmt: skip


def _call(table: TableDef, record: Record) -> Event:
    direction = _label(table, "direction", record) or "A"
    seconds = record.get("duration")
    detail = " · ".join(
        part
        for part in (str(record.get("phone_number") or ""), f"{seconds} s" if seconds else "")
        if part
    )
    title = f"{direction} call {record.get('call_id') or ''}".strip()
    return Event(record["sys_created_on"], Source.CALL, title, detail, "", str(record["sys_id"]))


def _case(table: TableDef, record: Record) -> Event:
    return Event(
        record["sys_created_on"], Source.CASE, f"Case {record['number']}",
        str(record.get("short_description") or ""), _label(table, "state", record),
        str(record["sys_id"]),
    )  # fmt: skip


def _article(table: TableDef, record: Record) -> Event:
    times = int(record.get("times_viewed") or 1)
    detail = f"viewed {times} time{'s' if times != 1 else ''}"
    if record.get("useful"):
        detail += " · found it useful"
    article = str(record.get("article") or "")
    return Event(record["sys_created_on"], Source.ARTICLE, article, detail, "", article)


def _errand(errand: Listed) -> Event:
    title = f"{errand.channel} errand {errand.id}"
    return Event(
        errand.created_on, Source.ERRAND, title, errand.subject, errand.state, str(errand.id),
        errand.steps,
    )  # fmt: skip


@dataclass(frozen=True, slots=True)
class _Tracked:
    source: Source
    table: TableDef
    event: Callable[[TableDef, Record], Event]


_TRACKED = (
    _Tracked(Source.INTERACTION, REGISTRY["interaction"], _interaction),
    _Tracked(Source.CALL, REGISTRY["sn_openframe_phone_log"], _call),
    _Tracked(Source.CASE, REGISTRY["sn_customerservice_case"], _case),
    _Tracked(Source.ARTICLE, REGISTRY["kb_use"], _article),
)


def _tie(tracked: _Tracked, person: Person) -> str | None:
    """The condition that ties a record of ``tracked`` to the person (None: none can be)."""
    if tracked.source is Source.ARTICLE:
        # Articles are viewed by users: a consumer's user, or the contact (a user).
        user = person.record.get("user") if person.table is CONSUMERS else person.sys_id
        return f"user={user}" if user else None
    return f"{'consumer' if person.table is CONSUMERS else 'contact'}={person.sys_id}"


async def _read(
    unit: Unit, actor: Actor, tracked: _Tracked, tie: str, upto: datetime | None, limit: int
) -> tuple[list[Event], int]:
    bound = f"^sys_created_on<={upto:%Y-%m-%d %H:%M:%S}" if upto is not None else ""
    query = parse(f"{tie}{bound}^ORDERBYDESCsys_created_on")
    page = await records.query(
        unit, actor, tracked.table, query, limit=limit, offset=0, count=upto is None
    )
    return [tracked.event(tracked.table, record) for record in page.records], page.total or 0


async def _titled(unit: Unit, actor: Actor, events: list[Event]) -> list[Event]:
    """Article views titled by their articles' short descriptions."""
    wanted = sorted({e.reference for e in events if e.source is Source.ARTICLE and e.reference})
    if not wanted or not actor.allows(Operation.QUERY, ARTICLES):
        return events
    query = parse(f"sys_idIN{','.join(wanted)}")
    page = await records.query(
        unit, actor, ARTICLES, query, limit=len(wanted), offset=0, count=False
    )
    titles = {r["sys_id"]: str(r.get("short_description") or r.get("number")) for r in page.records}
    return [
        Event(e.at, e.source, titles.get(e.reference, e.title), e.detail, e.state, e.reference)
        if e.source is Source.ARTICLE
        else e
        for e in events
    ]


async def of(
    unit: Unit, actor: Actor, person: Person, *, upto: datetime | None = None, limit: int = LIMIT
) -> Timeline:
    """One page of the person's timeline: the newest ``limit`` events at or before ``upto``
    (none: now), and on the first page how many of each kind there are."""
    gathered: list[Event] = []
    counts: dict[Source, int] = {}
    for tracked in _TRACKED:
        tie = _tie(tracked, person)
        if tie is None or not actor.allows(Operation.QUERY, tracked.table):
            continue
        events, counts[tracked.source] = await _read(unit, actor, tracked, tie, upto, limit + 1)
        gathered.extend(events)
    if person.card is not None:
        ws, card = actor.workspace_id, person.card.id
        for errand in await history.of_card(unit, ws, card, upto=upto, limit=limit + 1):
            gathered.append(_errand(errand))
        if upto is None:
            counts[Source.ERRAND] = await history.count(unit, ws, card)
    gathered.sort(key=lambda e: e.at, reverse=True)
    older: datetime | None = None
    if len(gathered) > limit:
        older = gathered[limit].at
        shown = [e for e in gathered[:limit] if e.at > older]
        if not shown:  # more than a page in one second: show it, go on before it
            shown, older = [e for e in gathered if e.at == older], older - timedelta(seconds=1)
        gathered = shown
    return Timeline(await _titled(unit, actor, gathered), counts, older)
