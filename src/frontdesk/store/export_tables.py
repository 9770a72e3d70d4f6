"""Exports: a workspace's presets (which errands, which fields) and the exports made from
them (when, over which days; their rows are produced when asked, never stored)."""

from __future__ import annotations

import sqlalchemy as sa

from frontdesk.store.schema import big_id, metadata, text, timestamp, workspace_column

export_preset = sa.Table(
    "export_preset",
    metadata,
    sa.Column("id", big_id(), primary_key=True, autoincrement=True),
    workspace_column(),
    sa.Column("name", text(100), nullable=False),
    # Channel numbers, area ids and field names; NULL: every one there is.
    sa.Column("channels", sa.JSON, nullable=True),
    sa.Column("areas", sa.JSON, nullable=True),
    sa.Column("fields", sa.JSON, nullable=True),
    sa.Column("created_on", timestamp(), nullable=False),
    sa.UniqueConstraint("workspace_id", "name"),
)

export_run = sa.Table(
    "export_run",
    metadata,
    sa.Column("id", big_id(), primary_key=True, autoincrement=True),
    workspace_column(),
    sa.Column(
        "preset_id",
        big_id(),
        sa.ForeignKey("export_preset.id", ondelete="CASCADE"),
        nullable=False,
    ),
    sa.Column("use_closure_date", sa.Boolean(create_constraint=False), nullable=False),
    sa.Column("from_date", sa.Date, nullable=True),
    sa.Column("to_date", sa.Date, nullable=True),
    sa.Column("created_on", timestamp(), nullable=False),
)
