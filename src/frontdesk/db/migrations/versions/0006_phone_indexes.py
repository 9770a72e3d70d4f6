"""b-tree indexes on the phones people are reached by, of the rows that have them: an
equality lookup is not a scan

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-23 17:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

# The contact phones of the registry at this revision (frozen).
PHONES = {
    "customer_account": ("phone",),
    "customer_contact": ("phone", "mobile_phone", "home_phone"),
    "csm_consumer": ("business_phone", "home_phone", "mobile_phone"),
}


def upgrade() -> None:
    for table, fields in PHONES.items():
        for field in fields:
            op.create_index(
                f"ix_{table}__{field}",
                table,
                ["workspace_id", sa.literal_column(f"lower({field})")],
                unique=False,
                sqlite_where=sa.text(f"{field} IS NOT NULL"),
                postgresql_where=sa.text(f"{field} IS NOT NULL"),
            )
        # Without statistics for the new indexes a planner takes them for selective and
        # prefers them to the trigram index for a LIKE (350 ms instead of 10 at a million).
        op.execute(f"ANALYZE {table}")


def downgrade() -> None:
    for table, fields in PHONES.items():
        for field in fields:
            op.drop_index(f"ix_{table}__{field}", table_name=table)
