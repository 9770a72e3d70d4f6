"""The outbox: deliveries written in the transaction that made their event, claimed by a
worker (``FOR UPDATE SKIP LOCKED`` on PostgreSQL, so several servers share the work),
and settled after each attempt: delivered, retried later with exponential backoff, or
given up after a day and a bit. An endpoint failing for a day is disabled.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from frontdesk.domain import clock
from frontdesk.domain.services import Unit
from frontdesk.domain.webhooks import endpoints, repository
from frontdesk.errors import NotFound, Thing

PENDING, DELIVERED, FAILED = "pending", "delivered", "failed"
# A claimed delivery is not claimed again for this long (its sender may have died).
LEASE = timedelta(seconds=60)
# Retries wait 1, 2, 4 ... seconds, at most an hour; a delivery is given up after this.
LONGEST_WAIT = 3600
GIVE_UP_AFTER = timedelta(hours=26)
DISABLE_AFTER = timedelta(hours=24)


@dataclass(frozen=True, slots=True)
class Delivery:
    id: int
    workspace_id: int
    message_id: str
    event: str
    subject_id: int
    base_url: str
    body: str | None
    attempts: int
    created_on: datetime
    endpoint_id: int
    url: str
    secret: str | None


@dataclass(frozen=True, slots=True)
class Outcome:
    status: int | None  # the HTTP status, None when no answer came
    latency_ms: int
    error: str | None = None

    @property
    def delivered(self) -> bool:
        return self.status is not None and 200 <= self.status < 300


async def enqueue(
    unit: Unit,
    workspace_id: int,
    *,
    event: str,
    subject_id: int,
    area_id: int | None,
    base_url: str,
) -> bool:
    """Queue ``event`` for the workspace's endpoint, if it wants the area's events."""
    endpoint = await endpoints.get_or_none(unit, workspace_id)
    if endpoint is None or not endpoint.wants(area_id):
        return False
    now = clock.now()
    await repository.add_delivery(
        unit.tx,
        {
            "workspace_id": workspace_id,
            "endpoint_id": endpoint.id,
            "message_id": f"msg_{uuid.uuid4().hex}",
            "event": event,
            "subject_id": subject_id,
            "base_url": base_url,
            "state": PENDING,
            "attempts": 0,
            "next_attempt_at": now,
            "created_on": now,
        },
    )
    unit.tx.after_commit(unit.services.outbox.set)
    return True


async def claim(unit: Unit, *, limit: int) -> list[Delivery]:
    """Due deliveries of enabled endpoints, leased to this worker."""
    now = clock.now()
    rows = await repository.due(unit.tx, state=PENDING, now=now, limit=limit)
    found = [Delivery(**row) for row in rows]
    await repository.change_deliveries(unit.tx, [d.id for d in found], next_attempt_at=now + LEASE)
    return found


def wait_after(attempts: int) -> timedelta:
    return timedelta(seconds=min(2 ** max(attempts - 1, 0), LONGEST_WAIT))


async def settle(unit: Unit, delivery: Delivery, body: str, outcome: Outcome) -> None:
    """Log the attempt and move the delivery (and its endpoint's health) on."""
    now = clock.now()
    attempts = delivery.attempts + 1
    await repository.add_attempt(
        unit.tx,
        {
            "workspace_id": delivery.workspace_id,
            "delivery_id": delivery.id,
            "at": now,
            "status": outcome.status,
            "latency_ms": outcome.latency_ms,
            "error": outcome.error[:500] if outcome.error else None,
        },
    )
    values: dict[str, object] = {"attempts": attempts, "body": body, "last_status": outcome.status}
    if outcome.delivered:
        values |= {"state": DELIVERED, "delivered_on": now}
        await repository.endpoint_succeeded(unit.tx, endpoint_id=delivery.endpoint_id)
    else:
        if now - delivery.created_on >= GIVE_UP_AFTER:
            values["state"] = FAILED
        values["next_attempt_at"] = now + wait_after(attempts)
        await repository.endpoint_failed(
            unit.tx,
            endpoint_id=delivery.endpoint_id,
            now=now,
            disable_before=now - DISABLE_AFTER,
        )
    await repository.change_deliveries(unit.tx, [delivery.id], **values)


@dataclass(frozen=True, slots=True)
class Summary:
    pending: int
    delivered: int
    failed: int
    attempts: int


async def summary(unit: Unit, workspace_id: int) -> Summary:
    states, attempts = await repository.counts(unit.tx, workspace_id=workspace_id)
    return Summary(
        states.get(PENDING, 0), states.get(DELIVERED, 0), states.get(FAILED, 0), attempts
    )


@dataclass(frozen=True, slots=True)
class Attempt:
    at: datetime
    status: int | None
    latency_ms: int
    error: str | None


@dataclass(frozen=True, slots=True)
class Logged:
    """A delivery as its log shows it: what, its state, and every attempt at it."""

    id: int
    event: str
    subject_id: int
    state: str
    created_on: datetime
    delivered_on: datetime | None
    next_attempt_at: datetime | None  # when it is tried next (pending only)
    last_status: int | None
    attempts: tuple[Attempt, ...]


async def log(
    unit: Unit, workspace_id: int, *, before: int | None = None, limit: int = 50
) -> list[Logged]:
    """The workspace's deliveries, newest first (below the id ``before``), with their
    attempts."""
    rows = await repository.logged(
        unit.tx, workspace_id=workspace_id, before=before or 2**62, limit=limit
    )
    tried: dict[int, list[Attempt]] = {int(row["id"]): [] for row in rows}
    for row in await repository.attempts(unit.tx, list(tried)):
        tried[int(row["delivery_id"])].append(
            Attempt(row["at"], row["status"], int(row["latency_ms"]), row["error"])
        )
    return [
        Logged(
            int(row["id"]),
            str(row["event"]),
            int(row["subject_id"]),
            str(row["state"]),
            row["created_on"],
            row["delivered_on"],
            row["next_attempt_at"] if row["state"] == PENDING else None,
            row["last_status"],
            tuple(tried[int(row["id"])]),
        )
        for row in rows
    ]


async def redeliver(unit: Unit, workspace_id: int, delivery_id: int) -> None:
    """Send a delivery again now (delivered, failed or waiting for its next retry), with
    the same message id, so that a receiver that has it can tell."""
    if not await repository.again(
        unit.tx, workspace_id=workspace_id, delivery_id=delivery_id, now=clock.now()
    ):
        raise NotFound(Thing.DELIVERY, str(delivery_id))
