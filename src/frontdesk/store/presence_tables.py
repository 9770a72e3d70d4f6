"""Agents' sign-ins and sign-outs.

A ``sign_in`` is an interactive session (an access token a person got with their
password) until it is revoked or expires; ``presence_event`` holds each Login and
Logout, read in time order for a system group (and optionally one login name).
"""

from __future__ import annotations

import sqlalchemy as sa

from frontdesk.store.schema import big_id, metadata, text, timestamp, workspace_column

sign_in = sa.Table(
    "sign_in",
    metadata,
    sa.Column("id", big_id(), primary_key=True, autoincrement=True),
    workspace_column(),
    sa.Column("user_sys_id", text(32), nullable=False),
    sa.Column("user_name", text(100), nullable=False),
    sa.Column("system_group", text(100), nullable=False),
    sa.Column("access_hash", sa.String(64), nullable=False),
    sa.Column("refresh_hash", sa.String(64), nullable=True),
    sa.Column("started_at", timestamp(), nullable=False),
    sa.Column("expires_at", timestamp(), nullable=False),
    sa.Column("ended_at", timestamp(), nullable=True),
    # Open sessions, by when they expire (the sweep that logs expired ones out).
    sa.Index(
        "ix_sign_in_open",
        "expires_at",
        sqlite_where=sa.text("ended_at IS NULL"),
        postgresql_where=sa.text("ended_at IS NULL"),
    ),
    sa.Index(None, "workspace_id", "access_hash"),
    sa.Index(None, "workspace_id", "refresh_hash"),
)

presence_event = sa.Table(
    "presence_event",
    metadata,
    sa.Column("id", big_id(), primary_key=True, autoincrement=True),
    workspace_column(),
    sa.Column("user_name", text(100), nullable=False),
    sa.Column("system_group", text(100), nullable=False),
    sa.Column("signed_in", sa.Boolean(create_constraint=False), nullable=False),
    sa.Column("at", timestamp(), nullable=False),
    sa.Index(None, "workspace_id", "system_group", "at", "id"),
    sa.Index(None, "workspace_id", "system_group", "user_name", "at", "id"),
)
