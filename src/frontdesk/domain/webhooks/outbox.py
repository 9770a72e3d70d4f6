"""The outbox: deliveries written in the transaction that made their event, claimed by a
worker (``FOR UPDATE SKIP LOCKED`` on PostgreSQL, so several servers share the work),
and settled after each attempt: delivered, retried later with exponential backoff, or
given up after a day and a bit. An endpoint failing for a day is disabled.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

import sqlalchemy as sa

from frontdesk.domain import clock
from frontdesk.domain.services import Unit
from frontdesk.domain.webhooks import endpoints
from frontdesk.store.outbox_tables import webhook_attempt, webhook_delivery, webhook_endpoint

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
    endpoint = await endpoints.get(unit, workspace_id)
    if endpoint is None or not endpoint.wants(area_id):
        return False
    now = clock.now()
    await unit.tx.execute(
        sa.insert(webhook_delivery).values(
            workspace_id=workspace_id,
            endpoint_id=endpoint.id,
            message_id=f"msg_{uuid.uuid4().hex}",
            event=event,
            subject_id=subject_id,
            base_url=base_url,
            state=PENDING,
            attempts=0,
            next_attempt_at=now,
            created_on=now,
        )
    )
    unit.tx.after_commit(unit.services.outbox.set)
    return True


_COLUMNS = (
    webhook_delivery.c.id,
    webhook_delivery.c.workspace_id,
    webhook_delivery.c.message_id,
    webhook_delivery.c.event,
    webhook_delivery.c.subject_id,
    webhook_delivery.c.base_url,
    webhook_delivery.c.body,
    webhook_delivery.c.attempts,
    webhook_delivery.c.created_on,
    webhook_endpoint.c.id.label("endpoint_id"),
    webhook_endpoint.c.url,
    webhook_endpoint.c.secret,
)


async def claim(unit: Unit, *, limit: int) -> list[Delivery]:
    """Due deliveries of enabled endpoints, leased to this worker."""
    now = clock.now()
    due = (
        sa.select(webhook_delivery.c.id)
        .where(webhook_delivery.c.state == PENDING, webhook_delivery.c.next_attempt_at <= now)
        .order_by(webhook_delivery.c.next_attempt_at, webhook_delivery.c.id)
        .limit(limit)
    )
    if unit.tx.dialect.name == "postgresql":
        due = due.with_for_update(skip_locked=True)
    ids = [int(i) for i in (await unit.tx.fetch(due)).scalars()]
    if not ids:
        return []
    rows = await unit.tx.fetch(
        sa.select(*_COLUMNS)
        .select_from(
            webhook_delivery.join(
                webhook_endpoint, webhook_endpoint.c.id == webhook_delivery.c.endpoint_id
            )
        )
        .where(webhook_delivery.c.id.in_(ids), webhook_endpoint.c.disabled_on.is_(None))
        .order_by(webhook_delivery.c.id)
    )
    found = [Delivery(**row) for row in rows.mappings()]
    await unit.tx.execute(
        sa.update(webhook_delivery)
        .where(webhook_delivery.c.id.in_([d.id for d in found]))
        .values(next_attempt_at=now + LEASE)
    )
    return found


def wait_after(attempts: int) -> timedelta:
    return timedelta(seconds=min(2 ** max(attempts - 1, 0), LONGEST_WAIT))


async def settle(unit: Unit, delivery: Delivery, body: str, outcome: Outcome) -> None:
    """Log the attempt and move the delivery (and its endpoint's health) on."""
    now = clock.now()
    attempts = delivery.attempts + 1
    await unit.tx.execute(
        sa.insert(webhook_attempt).values(
            workspace_id=delivery.workspace_id,
            delivery_id=delivery.id,
            at=now,
            status=outcome.status,
            latency_ms=outcome.latency_ms,
            error=outcome.error[:500] if outcome.error else None,
        )
    )
    values: dict[str, object] = {"attempts": attempts, "body": body, "last_status": outcome.status}
    endpoint = sa.update(webhook_endpoint).where(webhook_endpoint.c.id == delivery.endpoint_id)
    if outcome.delivered:
        values |= {"state": DELIVERED, "delivered_on": now}
        await unit.tx.execute(endpoint.values(failing_since=None))
    else:
        if now - delivery.created_on >= GIVE_UP_AFTER:
            values["state"] = FAILED
        values["next_attempt_at"] = now + wait_after(attempts)
        await unit.tx.execute(
            endpoint.where(webhook_endpoint.c.failing_since.is_(None)).values(failing_since=now)
        )
        await unit.tx.execute(
            endpoint.where(
                webhook_endpoint.c.failing_since <= now - DISABLE_AFTER,
                webhook_endpoint.c.disabled_on.is_(None),
            ).values(disabled_on=now)
        )
    await unit.tx.execute(
        sa.update(webhook_delivery).where(webhook_delivery.c.id == delivery.id).values(**values)
    )


@dataclass(frozen=True, slots=True)
class Summary:
    pending: int
    delivered: int
    failed: int
    attempts: int


async def summary(unit: Unit, workspace_id: int) -> Summary:
    counts = dict(
        (
            await unit.tx.fetch(
                sa.select(webhook_delivery.c.state, sa.func.count())
                .where(webhook_delivery.c.workspace_id == workspace_id)
                .group_by(webhook_delivery.c.state)
            )
        ).rows
    )
    attempts = await unit.tx.scalar(
        sa.select(sa.func.count())
        .select_from(webhook_attempt)
        .where(webhook_attempt.c.workspace_id == workspace_id)
    )
    return Summary(
        int(counts.get(PENDING, 0)),
        int(counts.get(DELIVERED, 0)),
        int(counts.get(FAILED, 0)),
        int(attempts or 0),
    )
