"""Fill a workspace with synthetic consumers, fast: bulk inserts, one transaction.

Each consumer gets a realistic name, a unique email, a mobile phone and an address; the
identity index gets its email and phone, exactly as the record path would write them.
"""

from __future__ import annotations

import random
import uuid
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta
from typing import Any

from frontdesk.db.database import Transaction
from frontdesk.domain import clock
from frontdesk.domain.identity import service as identity
from frontdesk.domain.records import rules
from frontdesk.domain.services import Services
from frontdesk.domain.synthetic.names import FIRST_NAMES, LAST_NAMES, PLACES, STREETS
from frontdesk.domain.workspace import Workspace
from frontdesk.store import numbering, records
from frontdesk.store.schema import contact_point, sa_table
from frontdesk.store.tables import REGISTRY

CONSUMERS = REGISTRY["csm_consumer"]
BATCH = 10_000
CREATED_BY = "generator"


def consumers(
    count: int, *, first_number: int, seed: int, now: datetime
) -> Iterator[dict[str, Any]]:
    pick = random.Random(seed)
    uuid_bits = random.Random(seed + 1)
    for offset in range(count):
        first, last = pick.choice(FIRST_NAMES), pick.choice(LAST_NAMES)
        city, state, zip_code, area = pick.choice(PLACES)
        number = first_number + offset
        created = now - timedelta(seconds=pick.randrange(3 * 365 * 24 * 3600))
        record: dict[str, Any] = {
            "sys_id": uuid.UUID(int=uuid_bits.getrandbits(128), version=4).hex,
            "number": numbering.format_number("CSMR", number),
            "first_name": first,
            "last_name": last,
            "middle_name": None,
            "name": None,
            "email": f"{first}.{last}.{number}@example.com".lower(),
            "mobile_phone": f"+1 ({area}) {pick.randrange(200, 999)}-{pick.randrange(10000):04d}",
            "street": f"{pick.randrange(1, 9999)} {pick.choice(STREETS)}",
            "city": city,
            "state": state,
            "zip": zip_code,
            "country": "USA",
            "active": True,
            "notification": 2,
            "primary": False,
            "sys_created_on": created,
            "sys_created_by": CREATED_BY,
            "sys_updated_on": created,
            "sys_updated_by": CREATED_BY,
            "sys_mod_count": 0,
            "sys_domain": "global",
        }
        rules.prepare(CONSUMERS, record)
        del record["middle_name"]
        yield record


async def generate(
    services: Services,
    workspace: Workspace,
    count: int,
    *,
    seed: int = 1,
    progress: Callable[[int], None] | None = None,
) -> None:
    """Add ``count`` consumers to ``workspace`` in one transaction."""
    async with services.write() as unit:
        tx = unit.tx
        first = await numbering.take(
            tx, workspace_id=workspace.id, table=CONSUMERS.name, count=count
        )
        batch: list[dict[str, Any]] = []
        for record in consumers(count, first_number=first, seed=seed + first, now=clock.now()):
            batch.append(record)
            if len(batch) == BATCH:
                await _flush(tx, workspace, batch)
                if progress:
                    progress(len(batch))
                batch = []
        if batch:
            await _flush(tx, workspace, batch)
            if progress:
                progress(len(batch))
    async with services.read() as unit:  # outside any transaction: VACUUM may not run in one
        await records.analyze(unit.tx, sa_table(CONSUMERS.name), contact_point)


async def _flush(tx: Transaction, workspace: Workspace, batch: list[dict[str, Any]]) -> None:
    await records.insert_many(tx, CONSUMERS, workspace_id=workspace.id, records=batch)
    points: list[dict[str, Any]] = []
    for record in batch:
        owner = (CONSUMERS.name, record["sys_id"])
        points.extend(
            identity.rows(
                workspace.id,
                source=owner,
                owner=owner,
                points=identity.points_of(CONSUMERS, record),
            )
        )
    await identity.add(tx, points)
