"""a customer's records read newest first: (workspace, reference, sys_created_on descending)
in place of (workspace, reference)

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-06 00:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

# The references read newest first at this revision (frozen).
CUSTOMER = ("consumer", "contact", "account")
NEWEST_FIRST = {
    "interaction": CUSTOMER,
    "sn_customerservice_case": CUSTOMER,
    "ast_contract": CUSTOMER,
    "service_entitlement": CUSTOMER,
    "task_sla": ("task",),
    "kb_use": ("user",),
}


def upgrade() -> None:
    # SQLite puts NULLs last in a descending order, and has no words for it in an index.
    postgresql = op.get_bind().dialect.name == "postgresql"
    created = "sys_created_on DESC NULLS LAST" if postgresql else "sys_created_on DESC"
    for table, fields in NEWEST_FIRST.items():
        for field in fields:
            op.drop_index(f"ix_{table}__{field}", table_name=table)
            op.create_index(
                f"ix_{table}__{field}__newest",
                table,
                ["workspace_id", sa.literal_column(f'"{field}"'), sa.literal_column(created)],
            )
        op.execute(f"ANALYZE {table}")


def downgrade() -> None:
    for table, fields in NEWEST_FIRST.items():
        for field in fields:
            op.drop_index(f"ix_{table}__{field}__newest", table_name=table)
            op.create_index(f"ix_{table}__{field}", table, ["workspace_id", field])
