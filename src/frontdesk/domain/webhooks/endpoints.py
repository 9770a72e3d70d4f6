"""A workspace's webhook endpoint: where events go, the secret they are signed with, the
areas whose events it wants; whether it is failing or was disabled for failing."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from frontdesk.domain import clock
from frontdesk.domain.services import Unit
from frontdesk.domain.webhooks import addresses, repository


@dataclass(frozen=True, slots=True)
class Endpoint:
    id: int
    url: str
    secret: str | None
    areas: tuple[int, ...] | None  # None: every area
    failing_since: datetime | None
    disabled_on: datetime | None

    def wants(self, area_id: int | None) -> bool:
        return self.disabled_on is None and (self.areas is None or area_id in self.areas)


def _endpoint(row: dict[str, object]) -> Endpoint:
    areas = row["areas"]
    return Endpoint(
        int(str(row["id"])),
        str(row["url"]),
        str(row["secret"]) if row["secret"] else None,
        tuple(int(a) for a in areas) if isinstance(areas, list) else None,
        row["failing_since"] if isinstance(row["failing_since"], datetime) else None,
        row["disabled_on"] if isinstance(row["disabled_on"], datetime) else None,
    )


async def get_or_none(unit: Unit, workspace_id: int) -> Endpoint | None:
    row = await repository.endpoint(unit.tx, workspace_id=workspace_id)
    return _endpoint(row) if row is not None else None


async def set_endpoint(
    unit: Unit,
    workspace_id: int,
    *,
    url: str,
    secret: str | None,
    areas: Sequence[int] | None,
    allow_private: bool,
) -> Endpoint:
    """Set (or replace) the workspace's endpoint; setting it enables it again."""
    await addresses.check(url, allow_private=allow_private)
    now = clock.now()
    values = {
        "url": url,
        "secret": secret or None,
        "areas": list(areas) if areas else None,
        "created_on": now,
        "updated_on": now,
        "failing_since": None,
        "disabled_on": None,
    }
    await repository.save_endpoint(unit.tx, workspace_id=workspace_id, values=values)
    saved = await get_or_none(unit, workspace_id)
    assert saved is not None
    return saved
