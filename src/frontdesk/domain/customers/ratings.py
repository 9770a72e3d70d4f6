"""Social ratings: reviews customers leave on the organisation's social pages.

They are records (``social_rating``): the Table API and ``import_ratings`` create and
change them, and every write marks one changed until a reader fetches it. A reader lists
the changed ones (by their number, the row id, served by the flag's index) and fetches
each, which clears its flag.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from frontdesk.domain.access import Actor
from frontdesk.domain.customers import rating_repository as repository
from frontdesk.domain.records import service as records
from frontdesk.domain.services import Unit
from frontdesk.errors import NotFound, Thing
from frontdesk.store.tables import REGISTRY

RATINGS = REGISTRY["social_rating"]


@dataclass(frozen=True, slots=True)
class Rating:
    number: int
    rating: int | None
    message: str
    reviewer_id: str
    reviewer_name: str
    rated_on: datetime | None


async def changed(unit: Unit, workspace_id: int, channel: str) -> list[int]:
    """The numbers of the channel's ratings that changed since they were last fetched."""
    return await repository.changed(unit.tx, workspace_id=workspace_id, channel=channel)


async def fetch(unit: Unit, workspace_id: int, channel: str, number: int) -> Rating:
    """A rating, seen: no longer changed (in a writing unit)."""
    row = await repository.rating(
        unit.tx, workspace_id=workspace_id, channel=channel, number=number
    )
    if row is None:
        raise NotFound(Thing.RATING, str(number))
    if row["changed"]:
        await repository.seen(unit.tx, number=number)
    return Rating(
        number,
        row["rating"],
        str(row["message"] or ""),
        str(row["reviewer_id"] or ""),
        str(row["reviewer_name"] or ""),
        row["rated_on"],
    )


async def import_ratings(unit: Unit, actor: Actor, rows: Iterable[Mapping[str, Any]]) -> list[int]:
    """Create ratings (fields as the table names them); their numbers."""
    made = []
    for row in rows:
        stored = await records.insert(unit, actor, RATINGS, row)
        made.append(int(stored["id"]))
    return made
