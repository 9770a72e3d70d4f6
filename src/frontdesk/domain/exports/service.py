"""Export presets (a name; the channels, areas and fields an export of it shows: none named
means every one) and the exports made of them: every errand that arrived (or, by closure
date, closed) in a span of whole UTC days, both ends included, as rows of the preset's
fields. Rows come a page at a time, each page its own read, in the order of the day and
id (an index range, never an offset), so an export of any size takes the same memory.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from frontdesk.domain import clock
from frontdesk.domain.errands import channels as channel_names
from frontdesk.domain.errands import service as errands
from frontdesk.domain.errands.service import Action
from frontdesk.domain.exports import repository
from frontdesk.domain.services import Services, Unit
from frontdesk.errors import Conflict, Invalid, NotFound, Problem, Thing

# An export's fields, in the order a row shows them.
FIELDS = (
    "errand_id", "from_address", "to_address", "subject", "question", "answer",
    "errand_notes", "timestamp_arrived", "timestamp_opened", "timestamp_answered",
    "timestamp_closed", "agent_id", "agent_name", "area_id", "area_name", "tag_names",
    "client_id", "priority", "satisfaction_meter_answer_1", "satisfaction_meter_answer_2",
    "satisfaction_meter_answer_3", "satisfaction_meter_answer_4",
    "satisfaction_meter_answer_5", "channel", "area_external_id",
)  # fmt: skip
PAGE = 2000
_EARLIEST, _LATEST = datetime(1970, 1, 1), datetime(9999, 12, 31)
# An errand was opened when an agent first opened it, or (never opened on its own) answered.
_OPENING = (Action.OPENED.value, Action.ANSWERED.value)
# Fields that need more than the errand's own row (read for a page at once).
_MESSAGES = frozenset({"question", "answer"})


@dataclass(frozen=True, slots=True)
class Preset:
    id: int
    name: str
    channels: tuple[int, ...] | None
    areas: tuple[int, ...] | None
    fields: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Span:
    """Which errands an export holds: by arrival or closure day, from ``first`` to ``last``
    (UTC days, both included; none: no bound)."""

    by_closure: bool = False
    first: date | None = None
    last: date | None = None

    def __post_init__(self) -> None:
        if self.first and self.last and self.first > self.last:
            raise Invalid(Problem.OUT_OF_RANGE, detail="The first day is after the last.")

    @property
    def since(self) -> datetime:
        return repository.day_start(self.first) if self.first else _EARLIEST

    @property
    def until(self) -> datetime:
        return repository.day_start(self.last) + timedelta(days=1) if self.last else _LATEST


def _preset(row: dict[str, Any]) -> Preset:
    def ids(value: Any) -> tuple[int, ...] | None:
        return tuple(int(v) for v in value) if value is not None else None

    fields = row["fields"]
    return Preset(
        int(row["id"]),
        row["name"],
        ids(row["channels"]),
        ids(row["areas"]),
        tuple(fields) if fields is not None else FIELDS,
    )


async def create(
    unit: Unit,
    workspace_id: int,
    name: str,
    *,
    channels: Sequence[str] = (),
    areas: Sequence[str] = (),
    fields: Sequence[str] = (),
) -> int:
    """A new preset; its id. Channels by name or number, areas by id or name."""
    if not name.strip():
        raise Invalid(Problem.MISSING, field="name")
    if await repository.preset_named(unit.tx, workspace_id=workspace_id, name=name):
        raise Conflict(Thing.EXPORT_PRESET, name)
    numbers = []
    for given in channels:
        channel = channel_names.find(given)
        if channel is None:
            raise Invalid(Problem.BAD_NAME, field="channel", detail=f"No channel {given!r}.")
        numbers.append(channel.number)
    unknown = [f for f in fields if f not in FIELDS]
    if unknown:
        raise Invalid(Problem.BAD_NAME, field="field", detail=f"No field {', '.join(unknown)}.")
    values = {
        "workspace_id": workspace_id,
        "name": name,
        "channels": sorted(set(numbers)) if channels else None,
        "areas": sorted(set(await errands.area_ids(unit, workspace_id, areas))) if areas else None,
        "fields": [f for f in FIELDS if f in fields] if fields else None,
        "created_on": clock.now(),
    }
    return await repository.add_preset(unit.tx, values)


async def preset(unit: Unit, workspace_id: int, number: int) -> Preset:
    found = await repository.preset(unit.tx, workspace_id=workspace_id, number=number)
    if found is None:
        raise NotFound(Thing.EXPORT_PRESET, str(number))
    return _preset(found)


async def presets(unit: Unit, workspace_id: int) -> list[Preset]:
    return [_preset(row) for row in await repository.presets(unit.tx, workspace_id=workspace_id)]


async def begin(unit: Unit, workspace_id: int, chosen: Preset, span: Span) -> int:
    """Record an export of ``chosen`` over ``span``; its id."""
    values = {
        "workspace_id": workspace_id,
        "preset_id": chosen.id,
        "use_closure_date": span.by_closure,
        "from_date": span.first,
        "to_date": span.last,
        "created_on": clock.now(),
    }
    return await repository.add_run(unit.tx, values)


def _moment(value: datetime | None) -> str | None:
    return value.strftime("%Y-%m-%d %H:%M:%S") if value else None


async def rows(
    services: Services, workspace_id: int, chosen: Preset, span: Span
) -> AsyncIterator[list[dict[str, Any]]]:
    """The export's rows, a page at a time."""
    after: tuple[datetime, int] = (span.since, 0)
    while True:
        async with services.read() as unit:
            found = await repository.errands(
                unit.tx,
                workspace_id=workspace_id,
                by_closure=span.by_closure,
                until=span.until,
                after=after,
                channels=chosen.channels,
                areas=chosen.areas,
                limit=PAGE,
            )
            if not found:
                return
            extra = await _extra(unit, chosen.fields, [int(row["id"]) for row in found])
        yield [_row(row, extra, chosen.fields) for row in found]
        if len(found) < PAGE:
            return
        after = (found[-1]["day"], int(found[-1]["id"]))


@dataclass
class _Extra:
    questions: dict[int, str]
    answers: dict[int, str]
    tags: dict[int, list[str]]
    opened: dict[int, datetime]


async def _extra(unit: Unit, fields: Sequence[str], ids: list[int]) -> _Extra:
    extra = _Extra({}, {}, {}, {})
    if _MESSAGES & set(fields):
        for errand_id, outbound, body, html_body in await repository.messages(unit.tx, ids):
            text = body or html_body or ""
            if outbound:
                extra.answers[errand_id] = text  # the last answer
            else:
                extra.questions.setdefault(errand_id, text)  # the first message
    if "tag_names" in fields:
        for errand_id, name in await repository.tags(unit.tx, ids):
            extra.tags.setdefault(errand_id, []).append(name)
    if "timestamp_opened" in fields:
        for errand_id, at in await repository.first_actions(unit.tx, ids, _OPENING):
            extra.opened[errand_id] = at
    return extra


def _row(row: dict[str, Any], extra: _Extra, fields: Sequence[str]) -> dict[str, Any]:
    number = int(row["id"])
    every: dict[str, Any] = {
        "errand_id": str(number),
        "from_address": row["from_address"] or "",
        "to_address": row["to_address"] or "",
        "subject": row["subject"] or "",
        "question": extra.questions.get(number, ""),
        "answer": extra.answers.get(number, ""),
        "errand_notes": "",  # frontdesk keeps no agent notes
        "timestamp_arrived": _moment(row["created_on"]),
        "timestamp_opened": _moment(extra.opened.get(number)),
        "timestamp_answered": _moment(row["answered_on"]),
        "timestamp_closed": _moment(row["closed_on"]),
        "agent_id": row["agent_id"],
        "agent_name": row["agent_name"] or "",
        "area_id": row["area_id"],
        "area_name": row["area_name"] or "",
        "tag_names": ",".join(extra.tags.get(number, ())),
        "client_id": row["card_id"],
        "priority": "",  # no errand has a priority
        "channel": channel_names.by_number(int(row["channel"])).name,
        "area_external_id": "",
    }
    return {name: every.get(name) for name in fields}
