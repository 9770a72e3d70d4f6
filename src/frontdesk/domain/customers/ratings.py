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

import sqlalchemy as sa

from frontdesk.db.statements import Prepared
from frontdesk.domain.access import Actor
from frontdesk.domain.records import service as records
from frontdesk.domain.services import Unit
from frontdesk.errors import NotFound, Thing
from frontdesk.store.schema import sa_table
from frontdesk.store.tables import REGISTRY

RATINGS = REGISTRY["social_rating"]
_TABLE = sa_table(RATINGS.name)
_MINE = (
    _TABLE.c.workspace_id == sa.bindparam("ws"),
    _TABLE.c.channel == sa.bindparam("channel"),
)
_CHANGED = Prepared(
    sa.select(_TABLE.c.id).where(_TABLE.c.changed.is_(True), *_MINE).order_by(_TABLE.c.id)
)
_ONE = Prepared(sa.select(_TABLE).where(_TABLE.c.id == sa.bindparam("id"), *_MINE))
_SEEN = Prepared(sa.update(_TABLE).where(_TABLE.c.id == sa.bindparam("id")).values(changed=False))


@dataclass(frozen=True, slots=True)
class Rating:
    number: int
    rating: int | None
    message: str
    reviewer_id: str
    reviewer_name: str
    rated_on: datetime | None
    changed: bool


async def changed(unit: Unit, workspace_id: int, channel: str) -> list[int]:
    """The numbers of the channel's ratings that changed since they were last fetched."""
    found = await unit.tx.fetch(_CHANGED, {"ws": workspace_id, "channel": channel})
    return [int(number) for number in found.scalars()]


async def fetch(unit: Unit, workspace_id: int, channel: str, number: int) -> Rating:
    """A rating, seen: no longer changed (in a writing unit)."""
    row = await unit.tx.first(_ONE, {"ws": workspace_id, "channel": channel, "id": number})
    if row is None:
        raise NotFound(Thing.RATING, str(number))
    if row["changed"]:
        await unit.tx.execute(_SEEN, {"id": number})
    return Rating(
        number,
        row["rating"],
        str(row["message"] or ""),
        str(row["reviewer_id"] or ""),
        str(row["reviewer_name"] or ""),
        row["rated_on"],
        False,
    )


async def import_ratings(unit: Unit, actor: Actor, rows: Iterable[Mapping[str, Any]]) -> list[int]:
    """Create ratings (fields as the table names them); their numbers."""
    made = []
    for row in rows:
        stored = await records.insert(unit, actor, RATINGS, row)
        made.append(int(stored["id"]))
    return made
