"""SQL for webhook endpoints, deliveries and attempts."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import sqlalchemy as sa

from frontdesk.db.database import Transaction
from frontdesk.db.statements import Prepared
from frontdesk.store.outbox_tables import webhook_attempt, webhook_delivery, webhook_endpoint

_ENDPOINT = Prepared(
    sa.select(webhook_endpoint).where(webhook_endpoint.c.workspace_id == sa.bindparam("ws"))
)
_DELIVERY = (
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


async def endpoint(tx: Transaction, *, workspace_id: int) -> dict[str, Any] | None:
    return await tx.first(_ENDPOINT, {"ws": workspace_id})


async def save_endpoint(tx: Transaction, *, workspace_id: int, values: dict[str, Any]) -> None:
    """Insert or replace the workspace's endpoint (``created_on`` kept on a replace)."""
    changed = await tx.execute(
        sa.update(webhook_endpoint)
        .where(webhook_endpoint.c.workspace_id == workspace_id)
        .values({k: v for k, v in values.items() if k != "created_on"})
    )
    if changed == 0:
        await tx.execute(sa.insert(webhook_endpoint).values(workspace_id=workspace_id, **values))


async def add_delivery(tx: Transaction, values: dict[str, Any]) -> None:
    await tx.insert_row(webhook_delivery, values)


async def due(tx: Transaction, *, state: str, now: datetime, limit: int) -> list[dict[str, Any]]:
    """Deliveries in ``state`` due by ``now``, of enabled endpoints, oldest first; on
    PostgreSQL locked, skipping those another worker holds."""
    statement = (
        sa.select(*_DELIVERY)
        .select_from(
            webhook_delivery.join(
                webhook_endpoint, webhook_endpoint.c.id == webhook_delivery.c.endpoint_id
            )
        )
        .where(
            webhook_delivery.c.state == state,
            webhook_delivery.c.next_attempt_at <= now,
            webhook_endpoint.c.disabled_on.is_(None),
        )
        .order_by(webhook_delivery.c.next_attempt_at, webhook_delivery.c.id)
        .limit(limit)
    )
    if tx.dialect.name == "postgresql":
        statement = statement.with_for_update(skip_locked=True, of=webhook_delivery)
    return (await tx.fetch(statement)).mappings()


async def change_deliveries(tx: Transaction, ids: list[int], **values: Any) -> None:
    if ids:
        await tx.execute(
            sa.update(webhook_delivery).where(webhook_delivery.c.id.in_(ids)).values(**values)
        )


async def add_attempt(tx: Transaction, values: dict[str, Any]) -> None:
    await tx.insert_row(webhook_attempt, values)


async def endpoint_failed(
    tx: Transaction, *, endpoint_id: int, now: datetime, disable_before: datetime
) -> None:
    """Mark the endpoint failing (since now, if it was not), and disabled if it has been
    failing since before ``disable_before``."""
    endpoint = sa.update(webhook_endpoint).where(webhook_endpoint.c.id == endpoint_id)
    await tx.execute(
        endpoint.where(webhook_endpoint.c.failing_since.is_(None)).values(failing_since=now)
    )
    await tx.execute(
        endpoint.where(
            webhook_endpoint.c.failing_since <= disable_before,
            webhook_endpoint.c.disabled_on.is_(None),
        ).values(disabled_on=now)
    )


async def endpoint_succeeded(tx: Transaction, *, endpoint_id: int) -> None:
    await tx.execute(
        sa.update(webhook_endpoint)
        .where(webhook_endpoint.c.id == endpoint_id)
        .values(failing_since=None)
    )


async def counts(tx: Transaction, *, workspace_id: int) -> tuple[dict[str, int], int]:
    """The workspace's deliveries by state, and its attempts."""
    states = await tx.fetch(
        sa.select(webhook_delivery.c.state, sa.func.count())
        .where(webhook_delivery.c.workspace_id == workspace_id)
        .group_by(webhook_delivery.c.state)
    )
    attempts = await tx.scalar(
        sa.select(sa.func.count())
        .select_from(webhook_attempt)
        .where(webhook_attempt.c.workspace_id == workspace_id)
    )
    return {str(s): int(n) for s, n in states.rows}, int(attempts or 0)


_LOGGED = Prepared(
    sa.select(
        webhook_delivery.c.id,
        webhook_delivery.c.event,
        webhook_delivery.c.subject_id,
        webhook_delivery.c.state,
        webhook_delivery.c.attempts,
        webhook_delivery.c.created_on,
        webhook_delivery.c.delivered_on,
        webhook_delivery.c.next_attempt_at,
        webhook_delivery.c.last_status,
    )
    .where(
        webhook_delivery.c.workspace_id == sa.bindparam("ws"),
        webhook_delivery.c.id < sa.bindparam("before"),
    )
    .order_by(webhook_delivery.c.id.desc())
    .limit(sa.bindparam("limit"))
)
_ATTEMPTS = Prepared(
    sa.select(
        webhook_attempt.c.delivery_id,
        webhook_attempt.c.at,
        webhook_attempt.c.status,
        webhook_attempt.c.latency_ms,
        webhook_attempt.c.error,
    )
    .where(webhook_attempt.c.delivery_id.in_(sa.bindparam("ids", expanding=True)))
    .order_by(webhook_attempt.c.id)
)


async def logged(
    tx: Transaction, *, workspace_id: int, before: int, limit: int
) -> list[dict[str, Any]]:
    """The workspace's deliveries with ids below ``before``, newest first."""
    found = await tx.fetch(_LOGGED, {"ws": workspace_id, "before": before, "limit": limit})
    return found.mappings()


async def attempts(tx: Transaction, ids: list[int]) -> list[dict[str, Any]]:
    return (await tx.fetch(_ATTEMPTS, {"ids": ids})).mappings() if ids else []


async def again(tx: Transaction, *, workspace_id: int, delivery_id: int, now: datetime) -> bool:
    """Make a delivery due now (pending); whether the workspace has it."""
    changed = await tx.execute(
        sa.update(webhook_delivery)
        .where(
            webhook_delivery.c.workspace_id == workspace_id,
            webhook_delivery.c.id == delivery_id,
        )
        .values(state="pending", next_attempt_at=now)
    )
    return changed > 0
