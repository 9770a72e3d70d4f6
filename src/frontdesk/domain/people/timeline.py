"""What happened with a person, newest first, on one timeline: their interactions and phone
calls, their cases, their errands with each errand's actions, and the knowledge articles
they viewed.

A page is the newest ``limit`` events up to a moment, merged from one indexed read per
source (each source's newest ``limit + 1``), so a page costs the same however long the
history is. Times are to the second: a page never ends inside a second, so the next page
(``upto`` the oldest second not shown) repeats and skips nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any

from frontdesk.domain.access import Actor
from frontdesk.domain.errands import history
from frontdesk.domain.errands.history import Listed, Step
from frontdesk.domain.people.person import CONSUMERS, Person
from frontdesk.domain.records import service as records
from frontdesk.domain.records import views
from frontdesk.domain.records.service import Record
from frontdesk.domain.services import Unit
from frontdesk.errors import Operation
from frontdesk.query.parser import parse
from frontdesk.store.registry import TableDef
from frontdesk.store.tables import REGISTRY

LIMIT = 50


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
    steps: tuple[Step, ...] = ()


@dataclass(slots=True)
class Timeline:
    events: list[Event]
    counts: dict[Source, int] = field(default_factory=dict)
    older: datetime | None = None  # where the next page starts (inclusive); None: no more


# A record, and its fields as the caller reads them (a choice as its label, a reference as
# its record's display value).
Shown = Mapping[str, Any]


def _text(shown: Shown, name: str) -> str:
    value = shown.get(name)
    return "" if value is None else str(value)


def _interaction(record: Record, shown: Shown) -> Event:
    title = f"{_text(shown, 'type')} interaction {_text(shown, 'number')}"
    return Event(
        record["sys_created_on"], Source.INTERACTION, title, _text(shown, "short_description"),
        _text(shown, "state"),
    )  # fmt: skip


def _call(record: Record, shown: Shown) -> Event:
    seconds = record.get("duration")
    parts = (_text(shown, "phone_number"), f"{seconds} s" if seconds else "")
    title = f"{_text(shown, 'direction') or 'A'} call {_text(shown, 'call_id')}".strip()
    detail = " · ".join(part for part in parts if part)
    return Event(record["sys_created_on"], Source.CALL, title, detail)


def _case(record: Record, shown: Shown) -> Event:
    return Event(
        record["sys_created_on"], Source.CASE, f"Case {_text(shown, 'number')}",
        _text(shown, "short_description"), _text(shown, "state"),
    )  # fmt: skip


def _article(record: Record, shown: Shown) -> Event:
    times = int(record.get("times_viewed") or 1)
    detail = f"viewed {times} time{'s' if times != 1 else ''}"
    if record.get("useful"):
        detail += " · found it useful"
    # Its short description, when the caller may read it; else its sys_id.
    title = _text(shown, "article") or str(record.get("article") or "")
    return Event(record["sys_created_on"], Source.ARTICLE, title, detail)


def _errand(errand: Listed) -> Event:
    title = f"{errand.channel} errand {errand.id}"
    return Event(
        errand.created_on, Source.ERRAND, title, errand.subject, errand.state, errand.steps
    )


@dataclass(frozen=True, slots=True)
class _Tracked:
    source: Source
    table: TableDef
    shown: tuple[str, ...]  # the fields its events show, as the caller reads them
    event: Callable[[Record, Shown], Event]


_TRACKED = (
    _Tracked(Source.INTERACTION, REGISTRY["interaction"],
             ("type", "number", "short_description", "state"), _interaction),
    _Tracked(Source.CALL, REGISTRY["sn_openframe_phone_log"],
             ("direction", "call_id", "phone_number"), _call),
    _Tracked(Source.CASE, REGISTRY["sn_customerservice_case"],
             ("number", "short_description", "state"), _case),
    _Tracked(Source.ARTICLE, REGISTRY["kb_use"], ("article",), _article),
)  # fmt: skip


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
    table = tracked.table
    page = await records.query(unit, actor, table, query, limit=limit, offset=0, count=upto is None)
    view = await views.view(unit, actor, table, page.records, fields=tracked.shown, display=True)
    assert view.displays is not None
    names = [column.name for column in view.columns]
    events = [
        tracked.event(record, dict(zip(names, row, strict=True)))
        for record, row in zip(page.records, view.displays, strict=True)
    ]
    return events, page.total or 0


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
    return Timeline(gathered, counts, older)
