"""Webhooks: where a workspace wants events sent, the outbox of deliveries (written in the
transaction that made the event) and every attempt at one."""

from __future__ import annotations

import sqlalchemy as sa

from frontdesk.store.schema import big_id, metadata, text, timestamp, workspace_column

webhook_endpoint = sa.Table(
    "webhook_endpoint",
    metadata,
    sa.Column("id", big_id(), primary_key=True, autoincrement=True),
    workspace_column(),
    sa.Column("url", sa.String(2048), nullable=False),
    sa.Column("secret", sa.String(255), nullable=True),
    # The areas whose events it wants (ids); NULL: every area.
    sa.Column("areas", sa.JSON, nullable=True),
    sa.Column("created_on", timestamp(), nullable=False),
    sa.Column("updated_on", timestamp(), nullable=False),
    # Failing since (the first failed attempt after a success); disabled when it kept failing.
    sa.Column("failing_since", timestamp(), nullable=True),
    sa.Column("disabled_on", timestamp(), nullable=True),
    sa.UniqueConstraint("workspace_id"),
)

webhook_delivery = sa.Table(
    "webhook_delivery",
    metadata,
    sa.Column("id", big_id(), primary_key=True, autoincrement=True),
    workspace_column(),
    sa.Column(
        "endpoint_id",
        big_id(),
        sa.ForeignKey("webhook_endpoint.id", ondelete="CASCADE"),
        nullable=False,
    ),
    sa.Column("message_id", sa.String(64), nullable=False, unique=True),
    sa.Column("event", sa.String(32), nullable=False),
    sa.Column("subject_id", sa.BigInteger, nullable=False),
    # The server's own address when the event happened (links in the payload point there).
    sa.Column("base_url", sa.String(1024), nullable=False),
    # What is sent: made at the first attempt, and the same at every retry.
    sa.Column("body", sa.Text, nullable=True),
    sa.Column("state", sa.String(12), nullable=False),
    sa.Column("attempts", sa.Integer, nullable=False),
    sa.Column("next_attempt_at", timestamp(), nullable=False),
    sa.Column("created_on", timestamp(), nullable=False),
    sa.Column("delivered_on", timestamp(), nullable=True),
    sa.Column("last_status", sa.Integer, nullable=True),
    sa.Index(
        "ix_webhook_delivery_due",
        "next_attempt_at",
        sqlite_where=sa.text("state = 'pending'"),
        postgresql_where=sa.text("state = 'pending'"),
    ),
    sa.Index(None, "workspace_id", "id"),
)

webhook_attempt = sa.Table(
    "webhook_attempt",
    metadata,
    sa.Column("id", big_id(), primary_key=True, autoincrement=True),
    workspace_column(),
    sa.Column(
        "delivery_id",
        big_id(),
        sa.ForeignKey("webhook_delivery.id", ondelete="CASCADE"),
        nullable=False,
    ),
    sa.Column("at", timestamp(), nullable=False),
    sa.Column("status", sa.Integer, nullable=True),
    sa.Column("latency_ms", sa.Integer, nullable=False),
    sa.Column("error", text(500), nullable=True),
    sa.Index(None, "delivery_id"),
)
