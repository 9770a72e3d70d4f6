"""attachments

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22 06:24:31.746495
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import sqlite

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "attachment_blob",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column("workspace_id", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("size", sa.BigInteger(), nullable=False),
        sa.Column(
            "created_on", sa.DateTime().with_variant(sqlite.DATETIME(), "sqlite"), nullable=False
        ),
        sa.ForeignKeyConstraint(
            ["workspace_id"],
            ["workspace.id"],
            name=op.f("fk_attachment_blob_workspace_id_workspace"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_attachment_blob")),
        sa.UniqueConstraint(
            "workspace_id", "sha256", name=op.f("uq_attachment_blob_workspace_id_sha256")
        ),
    )
    op.create_table(
        "sys_attachment",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column("workspace_id", sa.Integer(), nullable=False),
        sa.Column(
            "sys_id",
            sa.String(length=32).with_variant(sa.String(length=32, collation="C"), "postgresql"),
            nullable=False,
        ),
        sa.Column(
            "sys_created_on", sa.DateTime().with_variant(sqlite.DATETIME(), "sqlite"), nullable=True
        ),
        sa.Column(
            "sys_created_by",
            sa.String(length=40).with_variant(sa.String(length=40, collation="C"), "postgresql"),
            nullable=True,
        ),
        sa.Column(
            "sys_updated_on", sa.DateTime().with_variant(sqlite.DATETIME(), "sqlite"), nullable=True
        ),
        sa.Column(
            "sys_updated_by",
            sa.String(length=40).with_variant(sa.String(length=40, collation="C"), "postgresql"),
            nullable=True,
        ),
        sa.Column("sys_mod_count", sa.Integer(), nullable=True),
        sa.Column(
            "sys_domain",
            sa.String(length=32).with_variant(sa.String(length=32, collation="C"), "postgresql"),
            nullable=True,
        ),
        sa.Column(
            "sys_tags",
            sa.String(length=4000).with_variant(
                sa.String(length=4000, collation="C"), "postgresql"
            ),
            nullable=True,
        ),
        sa.Column(
            "table_name",
            sa.String(length=80).with_variant(sa.String(length=80, collation="C"), "postgresql"),
            nullable=True,
        ),
        sa.Column(
            "table_sys_id",
            sa.String(length=32).with_variant(sa.String(length=32, collation="C"), "postgresql"),
            nullable=True,
        ),
        sa.Column(
            "file_name",
            sa.String(length=100).with_variant(sa.String(length=100, collation="C"), "postgresql"),
            nullable=True,
        ),
        sa.Column(
            "content_type",
            sa.String(length=100).with_variant(sa.String(length=100, collation="C"), "postgresql"),
            nullable=True,
        ),
        sa.Column("size_bytes", sa.Integer(), nullable=True),
        sa.Column("size_compressed", sa.Integer(), nullable=True),
        sa.Column("compressed", sa.Boolean(), nullable=True),
        sa.Column(
            "hash",
            sa.String(length=64).with_variant(sa.String(length=64, collation="C"), "postgresql"),
            nullable=True,
        ),
        sa.Column("image_width", sa.Integer(), nullable=True),
        sa.Column("image_height", sa.Integer(), nullable=True),
        sa.Column(
            "average_image_color",
            sa.String(length=32).with_variant(sa.String(length=32, collation="C"), "postgresql"),
            nullable=True,
        ),
        sa.Column(
            "encryption_context",
            sa.String(length=32).with_variant(sa.String(length=32, collation="C"), "postgresql"),
            nullable=True,
        ),
        sa.Column(
            "state",
            sa.String(length=40).with_variant(sa.String(length=40, collation="C"), "postgresql"),
            nullable=True,
        ),
        sa.Column("custom", sa.JSON(), nullable=True),
        sa.ForeignKeyConstraint(
            ["workspace_id"],
            ["workspace.id"],
            name=op.f("fk_sys_attachment_workspace_id_workspace"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sys_attachment")),
    )
    op.create_index(
        "ix_sys_attachment__sys_created_on",
        "sys_attachment",
        ["workspace_id", "sys_created_on"],
        unique=False,
    )
    op.create_index(
        "ix_sys_attachment__sys_updated_on",
        "sys_attachment",
        ["workspace_id", "sys_updated_on"],
        unique=False,
    )
    op.create_index(
        "ix_sys_attachment__table_name",
        "sys_attachment",
        ["workspace_id", sa.literal_column("lower(table_name)")],
        unique=False,
    )
    op.create_index(
        "ix_sys_attachment__table_sys_id",
        "sys_attachment",
        ["workspace_id", "table_sys_id"],
        unique=False,
    )
    op.create_index(
        "uq_sys_attachment__sys_id", "sys_attachment", ["workspace_id", "sys_id"], unique=True
    )
    op.create_table(
        "attachment_chunk",
        sa.Column("blob_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(
            ["blob_id"],
            ["attachment_blob.id"],
            name=op.f("fk_attachment_chunk_blob_id_attachment_blob"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("blob_id", "seq", name=op.f("pk_attachment_chunk")),
    )


def downgrade() -> None:
    op.drop_table("attachment_chunk")
    op.drop_index("uq_sys_attachment__sys_id", table_name="sys_attachment")
    op.drop_index("ix_sys_attachment__table_sys_id", table_name="sys_attachment")
    op.drop_index("ix_sys_attachment__table_name", table_name="sys_attachment")
    op.drop_index("ix_sys_attachment__sys_updated_on", table_name="sys_attachment")
    op.drop_index("ix_sys_attachment__sys_created_on", table_name="sys_attachment")
    op.drop_table("sys_attachment")
    op.drop_table("attachment_blob")
