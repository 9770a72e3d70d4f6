"""record counts: exact row counts per workspace and table, backfilled

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-22 06:35:59.858100
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

# The registry's tables at this revision (frozen: later tables backfill in their own migration).
TABLES = (
    "sys_user",
    "sys_user_role",
    "sys_user_has_role",
    "sys_properties",
    "sys_dictionary",
    "oauth_entity",
    "customer_account",
    "customer_contact",
    "csm_consumer_user",
    "csm_household",
    "csm_consumer",
    "sn_app_cs_social_social_profile",
    "sys_attachment",
)


def upgrade() -> None:
    op.create_table(
        "record_count",
        sa.Column("workspace_id", sa.Integer(), nullable=False),
        sa.Column("table_name", sa.String(length=80), nullable=False),
        sa.Column("row_count", sa.BigInteger(), nullable=False),
        sa.ForeignKeyConstraint(
            ["workspace_id"],
            ["workspace.id"],
            name=op.f("fk_record_count_workspace_id_workspace"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("workspace_id", "table_name", name=op.f("pk_record_count")),
    )
    # Backfill every table that exists at this revision, for every existing workspace.
    counts = sa.table(
        "record_count", sa.column("workspace_id"), sa.column("table_name"), sa.column("row_count")
    )
    workspace = sa.table("workspace", sa.column("id"))
    for name in TABLES:
        rows = sa.table(name, sa.column("workspace_id"))
        counted = (
            sa.select(sa.func.count())
            .select_from(rows)
            .where(rows.c.workspace_id == workspace.c.id)
            .scalar_subquery()
        )
        op.execute(
            counts.insert().from_select(
                ["workspace_id", "table_name", "row_count"],
                sa.select(workspace.c.id, sa.literal(name), counted),
            )
        )


def downgrade() -> None:
    op.drop_table("record_count")
