"""A person's errands, newest first, each with what happened to it (its actions): what a
customer's timeline shows of the contact centre."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from frontdesk.domain.errands import channels, repository
from frontdesk.domain.services import Unit

# Later than any errand: the start of the first page.
_END = datetime(9999, 1, 1)


@dataclass(frozen=True, slots=True)
class Step:
    kind: str  # created, opened, answered, closed
    at: datetime
    by: str | None  # the user's name; None: the system


@dataclass(frozen=True, slots=True)
class Listed:
    id: int
    channel: str
    subject: str
    state: str  # open, answered or closed
    created_on: datetime
    steps: tuple[Step, ...]


def _state(row: dict[str, object]) -> str:
    if row["answered"]:
        return "answered"
    return "closed" if row["closed"] else "open"


async def of_card(
    unit: Unit, workspace_id: int, card_id: int, *, upto: datetime | None, limit: int
) -> list[Listed]:
    """Up to ``limit`` of the card's errands created at or before ``upto``, newest first."""
    rows = await repository.of_card(
        unit.tx, workspace_id=workspace_id, card_id=card_id, upto=upto or _END, limit=limit
    )
    steps: dict[int, list[Step]] = {}
    ids = [int(row["id"]) for row in rows]
    for action in await repository.actions_of(unit.tx, errand_ids=ids):
        step = Step(str(action["kind"]), action["at"], action["user_name"])
        steps.setdefault(int(action["errand_id"]), []).append(step)
    return [
        Listed(
            id=int(row["id"]),
            channel=channels.by_number(int(row["channel"])).name,
            subject=str(row["subject"] or ""),
            state=_state(row),
            created_on=row["created_on"],
            steps=tuple(steps.get(int(row["id"]), ())),
        )
        for row in rows
    ]


async def count(unit: Unit, workspace_id: int, card_id: int) -> int:
    return await repository.count_of_card(unit.tx, workspace_id=workspace_id, card_id=card_id)
