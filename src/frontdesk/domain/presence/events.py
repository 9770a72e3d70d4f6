"""Login and Logout events, read back in time order for one system group.

A read is a stream of pages, each one keyed statement after the last row of the one
before (``(at, id)``, served by an index), so a year of events for thousands of agents
holds one page in memory. Expired sessions are ended first, so their Logouts are there.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, datetime

from frontdesk.domain import clock
from frontdesk.domain.presence import repository, sessions
from frontdesk.domain.services import Services

PAGE = 5000


@dataclass(frozen=True, slots=True)
class Window:
    """Which events: a system group's, between two instants (inclusive, UTC), of one
    login name or of everybody."""

    system_group: str
    since: datetime
    until: datetime
    name: str | None = None


# One event: its number in the read (from 1), the login name, unix seconds, signed in.
Event = tuple[int, str, int, bool]


async def settle(services: Services, workspace_id: int) -> None:
    """End the sessions that have expired (a write only when there are some)."""
    async with services.read() as unit:
        stale = await repository.open_expired(
            unit.tx, workspace_id=workspace_id, now=clock.now(), limit=1
        )
    if stale:
        async with services.write() as unit:
            await sessions.sweep(unit, workspace_id)


async def read(services: Services, workspace_id: int, window: Window) -> AsyncIterator[list[Event]]:
    """The window's events, a page at a time."""
    params: dict[str, object] = {
        "ws": workspace_id,
        "group": window.system_group,
        "until": window.until,
        # Every id is positive: (at, id) > (since, 0) is at >= since.
        "after_at": window.since,
        "after_id": 0,
        "limit": PAGE,
    }
    if window.name is not None:
        params["name"] = window.name
    number = 0
    while True:
        async with services.read() as unit:
            rows = await repository.events(unit.tx, params)
        if not rows:
            return
        page = [(number + i, row[2], row[1], bool(row[3])) for i, row in enumerate(rows, 1)]
        number += len(rows)
        yield page
        if len(rows) < PAGE:
            return
        last_id, last_seconds = rows[-1][0], rows[-1][1]
        params["after_at"] = datetime.fromtimestamp(last_seconds, UTC).replace(tzinfo=None)
        params["after_id"] = last_id
