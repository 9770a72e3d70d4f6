"""initial schema

Revision ID: 0001
Revises: (none)
Create Date: 2026-11-22 05:51:03.348880
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import sqlite

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "frontdesk_meta",
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("value", sa.String(length=512), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_frontdesk_meta")),
    )
    op.create_table(
        "workspace",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column(
            "name",
            sa.String(length=64).with_variant(sa.String(length=64, collation="C"), "postgresql"),
            nullable=False,
        ),
        sa.Column("is_default", sa.Boolean(), nullable=False),
        sa.Column(
            "created_on", sa.DateTime().with_variant(sqlite.DATETIME(), "sqlite"), nullable=False
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_workspace")),
        sa.UniqueConstraint("name", name=op.f("uq_workspace_name")),
    )
    op.create_table(
        "api_token",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column("workspace_id", sa.Integer(), nullable=False),
        sa.Column("jti", sa.String(length=64), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("claims", sa.JSON(), nullable=False),
        sa.Column(
            "created_on", sa.DateTime().with_variant(sqlite.DATETIME(), "sqlite"), nullable=False
        ),
        sa.Column(
            "revoked_on", sa.DateTime().with_variant(sqlite.DATETIME(), "sqlite"), nullable=True
        ),
        sa.ForeignKeyConstraint(
            ["workspace_id"],
            ["workspace.id"],
            name=op.f("fk_api_token_workspace_id_workspace"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_api_token")),
        sa.UniqueConstraint("jti", name=op.f("uq_api_token_jti")),
    )
    op.create_table(
        "contact_point",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column("workspace_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column(
            "value",
            sa.String(length=255).with_variant(sa.String(length=255, collation="C"), "postgresql"),
            nullable=False,
        ),
        sa.Column("owner_table", sa.String(length=80), nullable=False),
        sa.Column(
            "owner_sys_id",
            sa.String(length=32).with_variant(sa.String(length=32, collation="C"), "postgresql"),
            nullable=False,
        ),
        sa.Column("source_table", sa.String(length=80), nullable=False),
        sa.Column(
            "source_sys_id",
            sa.String(length=32).with_variant(sa.String(length=32, collation="C"), "postgresql"),
            nullable=False,
        ),
        sa.Column("source_field", sa.String(length=80), nullable=False),
        sa.ForeignKeyConstraint(
            ["workspace_id"],
            ["workspace.id"],
            name=op.f("fk_contact_point_workspace_id_workspace"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_contact_point")),
    )
    op.create_index(
        op.f("ix_contact_point_workspace_id_kind_value"),
        "contact_point",
        ["workspace_id", "kind", "value"],
        unique=False,
    )
    op.create_index(
        op.f("ix_contact_point_workspace_id_owner_table_owner_sys_id"),
        "contact_point",
        ["workspace_id", "owner_table", "owner_sys_id"],
        unique=False,
    )
    op.create_index(
        op.f("ix_contact_point_workspace_id_source_table_source_sys_id"),
        "contact_point",
        ["workspace_id", "source_table", "source_sys_id"],
        unique=False,
    )
    op.create_table(
        "csm_consumer",
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
            "number",
            sa.String(length=40).with_variant(sa.String(length=40, collation="C"), "postgresql"),
            nullable=True,
        ),
        sa.Column("active", sa.Boolean(), nullable=True),
        sa.Column(
            "business_phone",
            sa.String(length=40).with_variant(sa.String(length=40, collation="C"), "postgresql"),
            nullable=True,
        ),
        sa.Column(
            "city",
            sa.String(length=100).with_variant(sa.String(length=100, collation="C"), "postgresql"),
            nullable=True,
        ),
        sa.Column(
            "country",
            sa.String(length=40).with_variant(sa.String(length=40, collation="C"), "postgresql"),
            nullable=True,
        ),
        sa.Column(
            "date_format",
            sa.String(length=40).with_variant(sa.String(length=40, collation="C"), "postgresql"),
            nullable=True,
        ),
        sa.Column(
            "email",
            sa.String(length=100).with_variant(sa.String(length=100, collation="C"), "postgresql"),
            nullable=True,
        ),
        sa.Column(
            "fax",
            sa.String(length=40).with_variant(sa.String(length=40, collation="C"), "postgresql"),
            nullable=True,
        ),
        sa.Column(
            "first_name",
            sa.String(length=50).with_variant(sa.String(length=50, collation="C"), "postgresql"),
            nullable=True,
        ),
        sa.Column(
            "gender",
            sa.String(length=40).with_variant(sa.String(length=40, collation="C"), "postgresql"),
            nullable=True,
        ),
        sa.Column(
            "home_phone",
            sa.String(length=40).with_variant(sa.String(length=40, collation="C"), "postgresql"),
            nullable=True,
        ),
        sa.Column(
            "household",
            sa.String(length=32).with_variant(sa.String(length=32, collation="C"), "postgresql"),
            nullable=True,
        ),
        sa.Column(
            "last_name",
            sa.String(length=50).with_variant(sa.String(length=50, collation="C"), "postgresql"),
            nullable=True,
        ),
        sa.Column(
            "middle_name",
            sa.String(length=50).with_variant(sa.String(length=50, collation="C"), "postgresql"),
            nullable=True,
        ),
        sa.Column(
            "mobile_phone",
            sa.String(length=40).with_variant(sa.String(length=40, collation="C"), "postgresql"),
            nullable=True,
        ),
        sa.Column(
            "name",
            sa.String(length=152).with_variant(sa.String(length=152, collation="C"), "postgresql"),
            nullable=True,
        ),
        sa.Column(
            "notes",
            sa.String(length=4000).with_variant(
                sa.String(length=4000, collation="C"), "postgresql"
            ),
            nullable=True,
        ),
        sa.Column("notification", sa.Integer(), nullable=True),
        sa.Column(
            "photo",
            sa.String(length=255).with_variant(sa.String(length=255, collation="C"), "postgresql"),
            nullable=True,
        ),
        sa.Column(
            "preferred_language",
            sa.String(length=3).with_variant(sa.String(length=3, collation="C"), "postgresql"),
            nullable=True,
        ),
        sa.Column(
            "prefix",
            sa.String(length=40).with_variant(sa.String(length=40, collation="C"), "postgresql"),
            nullable=True,
        ),
        sa.Column("primary", sa.Boolean(), nullable=True),
        sa.Column(
            "state",
            sa.String(length=100).with_variant(sa.String(length=100, collation="C"), "postgresql"),
            nullable=True,
        ),
        sa.Column(
            "street",
            sa.String(length=255).with_variant(sa.String(length=255, collation="C"), "postgresql"),
            nullable=True,
        ),
        sa.Column(
            "suffix",
            sa.String(length=40).with_variant(sa.String(length=40, collation="C"), "postgresql"),
            nullable=True,
        ),
        sa.Column(
            "time_format",
            sa.String(length=40).with_variant(sa.String(length=40, collation="C"), "postgresql"),
            nullable=True,
        ),
        sa.Column(
            "time_zone",
            sa.String(length=40).with_variant(sa.String(length=40, collation="C"), "postgresql"),
            nullable=True,
        ),
        sa.Column(
            "title",
            sa.String(length=60).with_variant(sa.String(length=60, collation="C"), "postgresql"),
            nullable=True,
        ),
        sa.Column(
            "user",
            sa.String(length=32).with_variant(sa.String(length=32, collation="C"), "postgresql"),
            nullable=True,
        ),
        sa.Column(
            "zip",
            sa.String(length=40).with_variant(sa.String(length=40, collation="C"), "postgresql"),
            nullable=True,
        ),
        sa.Column("custom", sa.JSON(), nullable=True),
        sa.ForeignKeyConstraint(
            ["workspace_id"],
            ["workspace.id"],
            name=op.f("fk_csm_consumer_workspace_id_workspace"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_csm_consumer")),
    )
    op.create_index(
        "ix_csm_consumer__email",
        "csm_consumer",
        ["workspace_id", sa.literal_column("lower(email)")],
        unique=False,
    )
    op.create_index(
        "ix_csm_consumer__first_name",
        "csm_consumer",
        ["workspace_id", sa.literal_column("lower(first_name)")],
        unique=False,
    )
    op.create_index(
        "ix_csm_consumer__household", "csm_consumer", ["workspace_id", "household"], unique=False
    )
    op.create_index(
        "ix_csm_consumer__last_name",
        "csm_consumer",
        ["workspace_id", sa.literal_column("lower(last_name)")],
        unique=False,
    )
    op.create_index(
        "ix_csm_consumer__name",
        "csm_consumer",
        ["workspace_id", sa.literal_column("lower(name)")],
        unique=False,
    )
    op.create_index(
        "ix_csm_consumer__number",
        "csm_consumer",
        ["workspace_id", sa.literal_column("lower(number)")],
        unique=False,
    )
    op.create_index(
        "ix_csm_consumer__sys_created_on",
        "csm_consumer",
        ["workspace_id", "sys_created_on"],
        unique=False,
    )
    op.create_index(
        "ix_csm_consumer__sys_updated_on",
        "csm_consumer",
        ["workspace_id", "sys_updated_on"],
        unique=False,
    )
    op.create_index("ix_csm_consumer__user", "csm_consumer", ["workspace_id", "user"], unique=False)
    op.create_index(
        "uq_csm_consumer__sys_id", "csm_consumer", ["workspace_id", "sys_id"], unique=True
    )
    op.create_table(
        "csm_consumer_user",
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
            "user_name",
            sa.String(length=40).with_variant(sa.String(length=40, collation="C"), "postgresql"),
            nullable=True,
        ),
        sa.Column(
            "first_name",
            sa.String(length=50).with_variant(sa.String(length=50, collation="C"), "postgresql"),
            nullable=True,
        ),
        sa.Column(
            "last_name",
            sa.String(length=50).with_variant(sa.String(length=50, collation="C"), "postgresql"),
            nullable=True,
        ),
        sa.Column(
            "name",
            sa.String(length=151).with_variant(sa.String(length=151, collation="C"), "postgresql"),
            nullable=True,
        ),
        sa.Column(
            "email",
            sa.String(length=100).with_variant(sa.String(length=100, collation="C"), "postgresql"),
            nullable=True,
        ),
        sa.Column(
            "mobile_phone",
            sa.String(length=40).with_variant(sa.String(length=40, collation="C"), "postgresql"),
            nullable=True,
        ),
        sa.Column(
            "consumer",
            sa.String(length=32).with_variant(sa.String(length=32, collation="C"), "postgresql"),
            nullable=True,
        ),
        sa.Column("active", sa.Boolean(), nullable=True),
        sa.Column(
            "time_zone",
            sa.String(length=40).with_variant(sa.String(length=40, collation="C"), "postgresql"),
            nullable=True,
        ),
        sa.Column(
            "preferred_language",
            sa.String(length=3).with_variant(sa.String(length=3, collation="C"), "postgresql"),
            nullable=True,
        ),
        sa.Column("custom", sa.JSON(), nullable=True),
        sa.ForeignKeyConstraint(
            ["workspace_id"],
            ["workspace.id"],
            name=op.f("fk_csm_consumer_user_workspace_id_workspace"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_csm_consumer_user")),
    )
    op.create_index(
        "ix_csm_consumer_user__consumer",
        "csm_consumer_user",
        ["workspace_id", "consumer"],
        unique=False,
    )
    op.create_index(
        "ix_csm_consumer_user__email",
        "csm_consumer_user",
        ["workspace_id", sa.literal_column("lower(email)")],
        unique=False,
    )
    op.create_index(
        "ix_csm_consumer_user__name",
        "csm_consumer_user",
        ["workspace_id", sa.literal_column("lower(name)")],
        unique=False,
    )
    op.create_index(
        "ix_csm_consumer_user__sys_created_on",
        "csm_consumer_user",
        ["workspace_id", "sys_created_on"],
        unique=False,
    )
    op.create_index(
        "ix_csm_consumer_user__sys_updated_on",
        "csm_consumer_user",
        ["workspace_id", "sys_updated_on"],
        unique=False,
    )
    op.create_index(
        "ix_csm_consumer_user__user_name",
        "csm_consumer_user",
        ["workspace_id", sa.literal_column("lower(user_name)")],
        unique=False,
    )
    op.create_index(
        "uq_csm_consumer_user__sys_id", "csm_consumer_user", ["workspace_id", "sys_id"], unique=True
    )
    op.create_table(
        "csm_household",
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
            "number",
            sa.String(length=40).with_variant(sa.String(length=40, collation="C"), "postgresql"),
            nullable=True,
        ),
        sa.Column(
            "name",
            sa.String(length=100).with_variant(sa.String(length=100, collation="C"), "postgresql"),
            nullable=True,
        ),
        sa.Column(
            "head_of_household",
            sa.String(length=32).with_variant(sa.String(length=32, collation="C"), "postgresql"),
            nullable=True,
        ),
        sa.Column(
            "street",
            sa.String(length=255).with_variant(sa.String(length=255, collation="C"), "postgresql"),
            nullable=True,
        ),
        sa.Column(
            "city",
            sa.String(length=100).with_variant(sa.String(length=100, collation="C"), "postgresql"),
            nullable=True,
        ),
        sa.Column(
            "state",
            sa.String(length=100).with_variant(sa.String(length=100, collation="C"), "postgresql"),
            nullable=True,
        ),
        sa.Column(
            "zip",
            sa.String(length=40).with_variant(sa.String(length=40, collation="C"), "postgresql"),
            nullable=True,
        ),
        sa.Column(
            "country",
            sa.String(length=40).with_variant(sa.String(length=40, collation="C"), "postgresql"),
            nullable=True,
        ),
        sa.Column("custom", sa.JSON(), nullable=True),
        sa.ForeignKeyConstraint(
            ["workspace_id"],
            ["workspace.id"],
            name=op.f("fk_csm_household_workspace_id_workspace"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_csm_household")),
    )
    op.create_index(
        "ix_csm_household__head_of_household",
        "csm_household",
        ["workspace_id", "head_of_household"],
        unique=False,
    )
    op.create_index(
        "ix_csm_household__name",
        "csm_household",
        ["workspace_id", sa.literal_column("lower(name)")],
        unique=False,
    )
    op.create_index(
        "ix_csm_household__number",
        "csm_household",
        ["workspace_id", sa.literal_column("lower(number)")],
        unique=False,
    )
    op.create_index(
        "ix_csm_household__sys_created_on",
        "csm_household",
        ["workspace_id", "sys_created_on"],
        unique=False,
    )
    op.create_index(
        "ix_csm_household__sys_updated_on",
        "csm_household",
        ["workspace_id", "sys_updated_on"],
        unique=False,
    )
    op.create_index(
        "uq_csm_household__sys_id", "csm_household", ["workspace_id", "sys_id"], unique=True
    )
    op.create_table(
        "customer_account",
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
            "number",
            sa.String(length=40).with_variant(sa.String(length=40, collation="C"), "postgresql"),
            nullable=True,
        ),
        sa.Column(
            "name",
            sa.String(length=100).with_variant(sa.String(length=100, collation="C"), "postgresql"),
            nullable=True,
        ),
        sa.Column(
            "phone",
            sa.String(length=40).with_variant(sa.String(length=40, collation="C"), "postgresql"),
            nullable=True,
        ),
        sa.Column(
            "fax_phone",
            sa.String(length=40).with_variant(sa.String(length=40, collation="C"), "postgresql"),
            nullable=True,
        ),
        sa.Column(
            "street",
            sa.String(length=255).with_variant(sa.String(length=255, collation="C"), "postgresql"),
            nullable=True,
        ),
        sa.Column(
            "city",
            sa.String(length=100).with_variant(sa.String(length=100, collation="C"), "postgresql"),
            nullable=True,
        ),
        sa.Column(
            "state",
            sa.String(length=100).with_variant(sa.String(length=100, collation="C"), "postgresql"),
            nullable=True,
        ),
        sa.Column(
            "zip",
            sa.String(length=40).with_variant(sa.String(length=40, collation="C"), "postgresql"),
            nullable=True,
        ),
        sa.Column(
            "country",
            sa.String(length=40).with_variant(sa.String(length=40, collation="C"), "postgresql"),
            nullable=True,
        ),
        sa.Column(
            "website",
            sa.String(length=1024).with_variant(
                sa.String(length=1024, collation="C"), "postgresql"
            ),
            nullable=True,
        ),
        sa.Column(
            "stock_symbol",
            sa.String(length=40).with_variant(sa.String(length=40, collation="C"), "postgresql"),
            nullable=True,
        ),
        sa.Column(
            "stock_price",
            sa.String(length=40).with_variant(sa.String(length=40, collation="C"), "postgresql"),
            nullable=True,
        ),
        sa.Column(
            "notes",
            sa.String(length=4000).with_variant(
                sa.String(length=4000, collation="C"), "postgresql"
            ),
            nullable=True,
        ),
        sa.Column("customer", sa.Boolean(), nullable=True),
        sa.Column("partner", sa.Boolean(), nullable=True),
        sa.Column("active", sa.Boolean(), nullable=True),
        sa.Column(
            "primary_contact",
            sa.String(length=32).with_variant(sa.String(length=32, collation="C"), "postgresql"),
            nullable=True,
        ),
        sa.Column(
            "parent",
            sa.String(length=32).with_variant(sa.String(length=32, collation="C"), "postgresql"),
            nullable=True,
        ),
        sa.Column("custom", sa.JSON(), nullable=True),
        sa.ForeignKeyConstraint(
            ["workspace_id"],
            ["workspace.id"],
            name=op.f("fk_customer_account_workspace_id_workspace"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_customer_account")),
    )
    op.create_index(
        "ix_customer_account__name",
        "customer_account",
        ["workspace_id", sa.literal_column("lower(name)")],
        unique=False,
    )
    op.create_index(
        "ix_customer_account__number",
        "customer_account",
        ["workspace_id", sa.literal_column("lower(number)")],
        unique=False,
    )
    op.create_index(
        "ix_customer_account__parent", "customer_account", ["workspace_id", "parent"], unique=False
    )
    op.create_index(
        "ix_customer_account__primary_contact",
        "customer_account",
        ["workspace_id", "primary_contact"],
        unique=False,
    )
    op.create_index(
        "ix_customer_account__sys_created_on",
        "customer_account",
        ["workspace_id", "sys_created_on"],
        unique=False,
    )
    op.create_index(
        "ix_customer_account__sys_updated_on",
        "customer_account",
        ["workspace_id", "sys_updated_on"],
        unique=False,
    )
    op.create_index(
        "uq_customer_account__sys_id", "customer_account", ["workspace_id", "sys_id"], unique=True
    )
    op.create_table(
        "customer_contact",
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
            "user_name",
            sa.String(length=40).with_variant(sa.String(length=40, collation="C"), "postgresql"),
            nullable=True,
        ),
        sa.Column(
            "first_name",
            sa.String(length=50).with_variant(sa.String(length=50, collation="C"), "postgresql"),
            nullable=True,
        ),
        sa.Column(
            "last_name",
            sa.String(length=50).with_variant(sa.String(length=50, collation="C"), "postgresql"),
            nullable=True,
        ),
        sa.Column(
            "name",
            sa.String(length=151).with_variant(sa.String(length=151, collation="C"), "postgresql"),
            nullable=True,
        ),
        sa.Column(
            "email",
            sa.String(length=100).with_variant(sa.String(length=100, collation="C"), "postgresql"),
            nullable=True,
        ),
        sa.Column(
            "phone",
            sa.String(length=40).with_variant(sa.String(length=40, collation="C"), "postgresql"),
            nullable=True,
        ),
        sa.Column(
            "mobile_phone",
            sa.String(length=40).with_variant(sa.String(length=40, collation="C"), "postgresql"),
            nullable=True,
        ),
        sa.Column(
            "home_phone",
            sa.String(length=40).with_variant(sa.String(length=40, collation="C"), "postgresql"),
            nullable=True,
        ),
        sa.Column(
            "title",
            sa.String(length=60).with_variant(sa.String(length=60, collation="C"), "postgresql"),
            nullable=True,
        ),
        sa.Column(
            "account",
            sa.String(length=32).with_variant(sa.String(length=32, collation="C"), "postgresql"),
            nullable=True,
        ),
        sa.Column("active", sa.Boolean(), nullable=True),
        sa.Column(
            "time_zone",
            sa.String(length=40).with_variant(sa.String(length=40, collation="C"), "postgresql"),
            nullable=True,
        ),
        sa.Column(
            "preferred_language",
            sa.String(length=3).with_variant(sa.String(length=3, collation="C"), "postgresql"),
            nullable=True,
        ),
        sa.Column("notification", sa.Integer(), nullable=True),
        sa.Column(
            "street",
            sa.String(length=255).with_variant(sa.String(length=255, collation="C"), "postgresql"),
            nullable=True,
        ),
        sa.Column(
            "city",
            sa.String(length=100).with_variant(sa.String(length=100, collation="C"), "postgresql"),
            nullable=True,
        ),
        sa.Column(
            "state",
            sa.String(length=100).with_variant(sa.String(length=100, collation="C"), "postgresql"),
            nullable=True,
        ),
        sa.Column(
            "zip",
            sa.String(length=40).with_variant(sa.String(length=40, collation="C"), "postgresql"),
            nullable=True,
        ),
        sa.Column(
            "country",
            sa.String(length=40).with_variant(sa.String(length=40, collation="C"), "postgresql"),
            nullable=True,
        ),
        sa.Column("custom", sa.JSON(), nullable=True),
        sa.ForeignKeyConstraint(
            ["workspace_id"],
            ["workspace.id"],
            name=op.f("fk_customer_contact_workspace_id_workspace"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_customer_contact")),
    )
    op.create_index(
        "ix_customer_contact__account",
        "customer_contact",
        ["workspace_id", "account"],
        unique=False,
    )
    op.create_index(
        "ix_customer_contact__email",
        "customer_contact",
        ["workspace_id", sa.literal_column("lower(email)")],
        unique=False,
    )
    op.create_index(
        "ix_customer_contact__name",
        "customer_contact",
        ["workspace_id", sa.literal_column("lower(name)")],
        unique=False,
    )
    op.create_index(
        "ix_customer_contact__sys_created_on",
        "customer_contact",
        ["workspace_id", "sys_created_on"],
        unique=False,
    )
    op.create_index(
        "ix_customer_contact__sys_updated_on",
        "customer_contact",
        ["workspace_id", "sys_updated_on"],
        unique=False,
    )
    op.create_index(
        "ix_customer_contact__user_name",
        "customer_contact",
        ["workspace_id", sa.literal_column("lower(user_name)")],
        unique=False,
    )
    op.create_index(
        "uq_customer_contact__sys_id", "customer_contact", ["workspace_id", "sys_id"], unique=True
    )
    op.create_table(
        "oauth_entity",
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
            "name",
            sa.String(length=100).with_variant(sa.String(length=100, collation="C"), "postgresql"),
            nullable=True,
        ),
        sa.Column(
            "client_id",
            sa.String(length=100).with_variant(sa.String(length=100, collation="C"), "postgresql"),
            nullable=True,
        ),
        sa.Column("client_secret", sa.String(length=255), nullable=True),
        sa.Column(
            "type",
            sa.String(length=40).with_variant(sa.String(length=40, collation="C"), "postgresql"),
            nullable=True,
        ),
        sa.Column("active", sa.Boolean(), nullable=True),
        sa.Column("access_token_lifespan", sa.Integer(), nullable=True),
        sa.Column("refresh_token_lifespan", sa.Integer(), nullable=True),
        sa.Column(
            "redirect_url",
            sa.String(length=1024).with_variant(
                sa.String(length=1024, collation="C"), "postgresql"
            ),
            nullable=True,
        ),
        sa.Column(
            "user",
            sa.String(length=32).with_variant(sa.String(length=32, collation="C"), "postgresql"),
            nullable=True,
        ),
        sa.Column(
            "comments",
            sa.String(length=4000).with_variant(
                sa.String(length=4000, collation="C"), "postgresql"
            ),
            nullable=True,
        ),
        sa.Column("custom", sa.JSON(), nullable=True),
        sa.ForeignKeyConstraint(
            ["workspace_id"],
            ["workspace.id"],
            name=op.f("fk_oauth_entity_workspace_id_workspace"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_oauth_entity")),
    )
    op.create_index(
        "ix_oauth_entity__client_id",
        "oauth_entity",
        ["workspace_id", sa.literal_column("lower(client_id)")],
        unique=False,
    )
    op.create_index(
        "ix_oauth_entity__sys_created_on",
        "oauth_entity",
        ["workspace_id", "sys_created_on"],
        unique=False,
    )
    op.create_index(
        "ix_oauth_entity__sys_updated_on",
        "oauth_entity",
        ["workspace_id", "sys_updated_on"],
        unique=False,
    )
    op.create_index("ix_oauth_entity__user", "oauth_entity", ["workspace_id", "user"], unique=False)
    op.create_index(
        "uq_oauth_entity__sys_id", "oauth_entity", ["workspace_id", "sys_id"], unique=True
    )
    op.create_table(
        "oauth_token",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column("workspace_id", sa.Integer(), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column(
            "user_sys_id",
            sa.String(length=32).with_variant(sa.String(length=32, collation="C"), "postgresql"),
            nullable=True,
        ),
        sa.Column(
            "client_sys_id",
            sa.String(length=32).with_variant(sa.String(length=32, collation="C"), "postgresql"),
            nullable=True,
        ),
        sa.Column("scope", sa.String(length=255), nullable=False),
        sa.Column(
            "created_on", sa.DateTime().with_variant(sqlite.DATETIME(), "sqlite"), nullable=False
        ),
        sa.Column(
            "expires_at", sa.DateTime().with_variant(sqlite.DATETIME(), "sqlite"), nullable=False
        ),
        sa.ForeignKeyConstraint(
            ["workspace_id"],
            ["workspace.id"],
            name=op.f("fk_oauth_token_workspace_id_workspace"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_oauth_token")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_oauth_token_token_hash")),
    )
    op.create_index(
        op.f("ix_oauth_token_workspace_id_user_sys_id"),
        "oauth_token",
        ["workspace_id", "user_sys_id"],
        unique=False,
    )
    op.create_table(
        "sn_app_cs_social_social_profile",
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
            "account",
            sa.String(length=32).with_variant(sa.String(length=32, collation="C"), "postgresql"),
            nullable=True,
        ),
        sa.Column(
            "channel",
            sa.String(length=40).with_variant(sa.String(length=40, collation="C"), "postgresql"),
            nullable=True,
        ),
        sa.Column(
            "contact",
            sa.String(length=32).with_variant(sa.String(length=32, collation="C"), "postgresql"),
            nullable=True,
        ),
        sa.Column(
            "consumer",
            sa.String(length=32).with_variant(sa.String(length=32, collation="C"), "postgresql"),
            nullable=True,
        ),
        sa.Column(
            "profile",
            sa.String(length=100).with_variant(sa.String(length=100, collation="C"), "postgresql"),
            nullable=True,
        ),
        sa.Column(
            "profile_url",
            sa.String(length=1024).with_variant(
                sa.String(length=1024, collation="C"), "postgresql"
            ),
            nullable=True,
        ),
        sa.Column(
            "social_id",
            sa.String(length=100).with_variant(sa.String(length=100, collation="C"), "postgresql"),
            nullable=True,
        ),
        sa.Column(
            "source",
            sa.String(length=40).with_variant(sa.String(length=40, collation="C"), "postgresql"),
            nullable=True,
        ),
        sa.Column("custom", sa.JSON(), nullable=True),
        sa.ForeignKeyConstraint(
            ["workspace_id"],
            ["workspace.id"],
            name=op.f("fk_sn_app_cs_social_social_profile_workspace_id_workspace"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sn_app_cs_social_social_profile")),
    )
    op.create_index(
        "ix_sn_app_cs_social_social_profile__account",
        "sn_app_cs_social_social_profile",
        ["workspace_id", "account"],
        unique=False,
    )
    op.create_index(
        "ix_sn_app_cs_social_social_profile__consumer",
        "sn_app_cs_social_social_profile",
        ["workspace_id", "consumer"],
        unique=False,
    )
    op.create_index(
        "ix_sn_app_cs_social_social_profile__contact",
        "sn_app_cs_social_social_profile",
        ["workspace_id", "contact"],
        unique=False,
    )
    op.create_index(
        "ix_sn_app_cs_social_social_profile__profile",
        "sn_app_cs_social_social_profile",
        ["workspace_id", sa.literal_column("lower(profile)")],
        unique=False,
    )
    op.create_index(
        "ix_sn_app_cs_social_social_profile__sys_created_on",
        "sn_app_cs_social_social_profile",
        ["workspace_id", "sys_created_on"],
        unique=False,
    )
    op.create_index(
        "ix_sn_app_cs_social_social_profile__sys_updated_on",
        "sn_app_cs_social_social_profile",
        ["workspace_id", "sys_updated_on"],
        unique=False,
    )
    op.create_index(
        "uq_sn_app_cs_social_social_profile__sys_id",
        "sn_app_cs_social_social_profile",
        ["workspace_id", "sys_id"],
        unique=True,
    )
    op.create_table(
        "sys_dictionary",
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
            "name",
            sa.String(length=80).with_variant(sa.String(length=80, collation="C"), "postgresql"),
            nullable=True,
        ),
        sa.Column(
            "element",
            sa.String(length=80).with_variant(sa.String(length=80, collation="C"), "postgresql"),
            nullable=True,
        ),
        sa.Column(
            "column_label",
            sa.String(length=80).with_variant(sa.String(length=80, collation="C"), "postgresql"),
            nullable=True,
        ),
        sa.Column(
            "internal_type",
            sa.String(length=40).with_variant(sa.String(length=40, collation="C"), "postgresql"),
            nullable=True,
        ),
        sa.Column("max_length", sa.Integer(), nullable=True),
        sa.Column(
            "reference",
            sa.String(length=80).with_variant(sa.String(length=80, collation="C"), "postgresql"),
            nullable=True,
        ),
        sa.Column(
            "default_value",
            sa.String(length=512).with_variant(sa.String(length=512, collation="C"), "postgresql"),
            nullable=True,
        ),
        sa.Column("mandatory", sa.Boolean(), nullable=True),
        sa.Column("read_only", sa.Boolean(), nullable=True),
        sa.Column("active", sa.Boolean(), nullable=True),
        sa.Column("custom", sa.JSON(), nullable=True),
        sa.ForeignKeyConstraint(
            ["workspace_id"],
            ["workspace.id"],
            name=op.f("fk_sys_dictionary_workspace_id_workspace"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sys_dictionary")),
    )
    op.create_index(
        "ix_sys_dictionary__name",
        "sys_dictionary",
        ["workspace_id", sa.literal_column("lower(name)")],
        unique=False,
    )
    op.create_index(
        "ix_sys_dictionary__sys_created_on",
        "sys_dictionary",
        ["workspace_id", "sys_created_on"],
        unique=False,
    )
    op.create_index(
        "ix_sys_dictionary__sys_updated_on",
        "sys_dictionary",
        ["workspace_id", "sys_updated_on"],
        unique=False,
    )
    op.create_index(
        "uq_sys_dictionary__sys_id", "sys_dictionary", ["workspace_id", "sys_id"], unique=True
    )
    op.create_table(
        "sys_number_counter",
        sa.Column("workspace_id", sa.Integer(), nullable=False),
        sa.Column("table_name", sa.String(length=80), nullable=False),
        sa.Column("next_value", sa.BigInteger(), nullable=False),
        sa.ForeignKeyConstraint(
            ["workspace_id"],
            ["workspace.id"],
            name=op.f("fk_sys_number_counter_workspace_id_workspace"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("workspace_id", "table_name", name=op.f("pk_sys_number_counter")),
    )
    op.create_table(
        "sys_properties",
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
            "name",
            sa.String(length=100).with_variant(sa.String(length=100, collation="C"), "postgresql"),
            nullable=True,
        ),
        sa.Column(
            "value",
            sa.String(length=4000).with_variant(
                sa.String(length=4000, collation="C"), "postgresql"
            ),
            nullable=True,
        ),
        sa.Column(
            "description",
            sa.String(length=512).with_variant(sa.String(length=512, collation="C"), "postgresql"),
            nullable=True,
        ),
        sa.Column(
            "type",
            sa.String(length=40).with_variant(sa.String(length=40, collation="C"), "postgresql"),
            nullable=True,
        ),
        sa.Column(
            "suffix",
            sa.String(length=100).with_variant(sa.String(length=100, collation="C"), "postgresql"),
            nullable=True,
        ),
        sa.Column("is_private", sa.Boolean(), nullable=True),
        sa.Column("ignore_cache", sa.Boolean(), nullable=True),
        sa.Column("custom", sa.JSON(), nullable=True),
        sa.ForeignKeyConstraint(
            ["workspace_id"],
            ["workspace.id"],
            name=op.f("fk_sys_properties_workspace_id_workspace"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sys_properties")),
    )
    op.create_index(
        "ix_sys_properties__name",
        "sys_properties",
        ["workspace_id", sa.literal_column("lower(name)")],
        unique=False,
    )
    op.create_index(
        "ix_sys_properties__sys_created_on",
        "sys_properties",
        ["workspace_id", "sys_created_on"],
        unique=False,
    )
    op.create_index(
        "ix_sys_properties__sys_updated_on",
        "sys_properties",
        ["workspace_id", "sys_updated_on"],
        unique=False,
    )
    op.create_index(
        "uq_sys_properties__sys_id", "sys_properties", ["workspace_id", "sys_id"], unique=True
    )
    op.create_table(
        "sys_user",
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
            "user_name",
            sa.String(length=40).with_variant(sa.String(length=40, collation="C"), "postgresql"),
            nullable=True,
        ),
        sa.Column(
            "first_name",
            sa.String(length=50).with_variant(sa.String(length=50, collation="C"), "postgresql"),
            nullable=True,
        ),
        sa.Column(
            "last_name",
            sa.String(length=50).with_variant(sa.String(length=50, collation="C"), "postgresql"),
            nullable=True,
        ),
        sa.Column(
            "name",
            sa.String(length=151).with_variant(sa.String(length=151, collation="C"), "postgresql"),
            nullable=True,
        ),
        sa.Column(
            "email",
            sa.String(length=100).with_variant(sa.String(length=100, collation="C"), "postgresql"),
            nullable=True,
        ),
        sa.Column(
            "phone",
            sa.String(length=40).with_variant(sa.String(length=40, collation="C"), "postgresql"),
            nullable=True,
        ),
        sa.Column(
            "mobile_phone",
            sa.String(length=40).with_variant(sa.String(length=40, collation="C"), "postgresql"),
            nullable=True,
        ),
        sa.Column(
            "title",
            sa.String(length=60).with_variant(sa.String(length=60, collation="C"), "postgresql"),
            nullable=True,
        ),
        sa.Column(
            "department",
            sa.String(length=40).with_variant(sa.String(length=40, collation="C"), "postgresql"),
            nullable=True,
        ),
        sa.Column(
            "manager",
            sa.String(length=32).with_variant(sa.String(length=32, collation="C"), "postgresql"),
            nullable=True,
        ),
        sa.Column("active", sa.Boolean(), nullable=True),
        sa.Column("locked_out", sa.Boolean(), nullable=True),
        sa.Column("web_service_access_only", sa.Boolean(), nullable=True),
        sa.Column("internal_integration_user", sa.Boolean(), nullable=True),
        sa.Column("user_password", sa.String(length=255), nullable=True),
        sa.Column(
            "time_zone",
            sa.String(length=40).with_variant(sa.String(length=40, collation="C"), "postgresql"),
            nullable=True,
        ),
        sa.Column(
            "preferred_language",
            sa.String(length=3).with_variant(sa.String(length=3, collation="C"), "postgresql"),
            nullable=True,
        ),
        sa.Column("notification", sa.Integer(), nullable=True),
        sa.Column(
            "last_login_time",
            sa.DateTime().with_variant(sqlite.DATETIME(), "sqlite"),
            nullable=True,
        ),
        sa.Column("custom", sa.JSON(), nullable=True),
        sa.ForeignKeyConstraint(
            ["workspace_id"],
            ["workspace.id"],
            name=op.f("fk_sys_user_workspace_id_workspace"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sys_user")),
    )
    op.create_index(
        "ix_sys_user__email",
        "sys_user",
        ["workspace_id", sa.literal_column("lower(email)")],
        unique=False,
    )
    op.create_index("ix_sys_user__manager", "sys_user", ["workspace_id", "manager"], unique=False)
    op.create_index(
        "ix_sys_user__name",
        "sys_user",
        ["workspace_id", sa.literal_column("lower(name)")],
        unique=False,
    )
    op.create_index(
        "ix_sys_user__sys_created_on", "sys_user", ["workspace_id", "sys_created_on"], unique=False
    )
    op.create_index(
        "ix_sys_user__sys_updated_on", "sys_user", ["workspace_id", "sys_updated_on"], unique=False
    )
    op.create_index(
        "ix_sys_user__user_name",
        "sys_user",
        ["workspace_id", sa.literal_column("lower(user_name)")],
        unique=False,
    )
    op.create_index("uq_sys_user__sys_id", "sys_user", ["workspace_id", "sys_id"], unique=True)
    op.create_table(
        "sys_user_has_role",
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
            "user",
            sa.String(length=32).with_variant(sa.String(length=32, collation="C"), "postgresql"),
            nullable=True,
        ),
        sa.Column(
            "role",
            sa.String(length=32).with_variant(sa.String(length=32, collation="C"), "postgresql"),
            nullable=True,
        ),
        sa.Column(
            "state",
            sa.String(length=40).with_variant(sa.String(length=40, collation="C"), "postgresql"),
            nullable=True,
        ),
        sa.Column("inherited", sa.Boolean(), nullable=True),
        sa.Column("custom", sa.JSON(), nullable=True),
        sa.ForeignKeyConstraint(
            ["workspace_id"],
            ["workspace.id"],
            name=op.f("fk_sys_user_has_role_workspace_id_workspace"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sys_user_has_role")),
    )
    op.create_index(
        "ix_sys_user_has_role__role", "sys_user_has_role", ["workspace_id", "role"], unique=False
    )
    op.create_index(
        "ix_sys_user_has_role__sys_created_on",
        "sys_user_has_role",
        ["workspace_id", "sys_created_on"],
        unique=False,
    )
    op.create_index(
        "ix_sys_user_has_role__sys_updated_on",
        "sys_user_has_role",
        ["workspace_id", "sys_updated_on"],
        unique=False,
    )
    op.create_index(
        "ix_sys_user_has_role__user", "sys_user_has_role", ["workspace_id", "user"], unique=False
    )
    op.create_index(
        "uq_sys_user_has_role__sys_id", "sys_user_has_role", ["workspace_id", "sys_id"], unique=True
    )
    op.create_table(
        "sys_user_role",
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
            "name",
            sa.String(length=100).with_variant(sa.String(length=100, collation="C"), "postgresql"),
            nullable=True,
        ),
        sa.Column(
            "description",
            sa.String(length=1000).with_variant(
                sa.String(length=1000, collation="C"), "postgresql"
            ),
            nullable=True,
        ),
        sa.Column(
            "suffix",
            sa.String(length=100).with_variant(sa.String(length=100, collation="C"), "postgresql"),
            nullable=True,
        ),
        sa.Column("elevated_privilege", sa.Boolean(), nullable=True),
        sa.Column("custom", sa.JSON(), nullable=True),
        sa.ForeignKeyConstraint(
            ["workspace_id"],
            ["workspace.id"],
            name=op.f("fk_sys_user_role_workspace_id_workspace"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sys_user_role")),
    )
    op.create_index(
        "ix_sys_user_role__name",
        "sys_user_role",
        ["workspace_id", sa.literal_column("lower(name)")],
        unique=False,
    )
    op.create_index(
        "ix_sys_user_role__sys_created_on",
        "sys_user_role",
        ["workspace_id", "sys_created_on"],
        unique=False,
    )
    op.create_index(
        "ix_sys_user_role__sys_updated_on",
        "sys_user_role",
        ["workspace_id", "sys_updated_on"],
        unique=False,
    )
    op.create_index(
        "uq_sys_user_role__sys_id", "sys_user_role", ["workspace_id", "sys_id"], unique=True
    )


def downgrade() -> None:
    op.drop_index("uq_sys_user_role__sys_id", table_name="sys_user_role")
    op.drop_index("ix_sys_user_role__sys_updated_on", table_name="sys_user_role")
    op.drop_index("ix_sys_user_role__sys_created_on", table_name="sys_user_role")
    op.drop_index("ix_sys_user_role__name", table_name="sys_user_role")
    op.drop_table("sys_user_role")
    op.drop_index("uq_sys_user_has_role__sys_id", table_name="sys_user_has_role")
    op.drop_index("ix_sys_user_has_role__user", table_name="sys_user_has_role")
    op.drop_index("ix_sys_user_has_role__sys_updated_on", table_name="sys_user_has_role")
    op.drop_index("ix_sys_user_has_role__sys_created_on", table_name="sys_user_has_role")
    op.drop_index("ix_sys_user_has_role__role", table_name="sys_user_has_role")
    op.drop_table("sys_user_has_role")
    op.drop_index("uq_sys_user__sys_id", table_name="sys_user")
    op.drop_index("ix_sys_user__user_name", table_name="sys_user")
    op.drop_index("ix_sys_user__sys_updated_on", table_name="sys_user")
    op.drop_index("ix_sys_user__sys_created_on", table_name="sys_user")
    op.drop_index("ix_sys_user__name", table_name="sys_user")
    op.drop_index("ix_sys_user__manager", table_name="sys_user")
    op.drop_index("ix_sys_user__email", table_name="sys_user")
    op.drop_table("sys_user")
    op.drop_index("uq_sys_properties__sys_id", table_name="sys_properties")
    op.drop_index("ix_sys_properties__sys_updated_on", table_name="sys_properties")
    op.drop_index("ix_sys_properties__sys_created_on", table_name="sys_properties")
    op.drop_index("ix_sys_properties__name", table_name="sys_properties")
    op.drop_table("sys_properties")
    op.drop_table("sys_number_counter")
    op.drop_index("uq_sys_dictionary__sys_id", table_name="sys_dictionary")
    op.drop_index("ix_sys_dictionary__sys_updated_on", table_name="sys_dictionary")
    op.drop_index("ix_sys_dictionary__sys_created_on", table_name="sys_dictionary")
    op.drop_index("ix_sys_dictionary__name", table_name="sys_dictionary")
    op.drop_table("sys_dictionary")
    op.drop_index(
        "uq_sn_app_cs_social_social_profile__sys_id", table_name="sn_app_cs_social_social_profile"
    )
    op.drop_index(
        "ix_sn_app_cs_social_social_profile__sys_updated_on",
        table_name="sn_app_cs_social_social_profile",
    )
    op.drop_index(
        "ix_sn_app_cs_social_social_profile__sys_created_on",
        table_name="sn_app_cs_social_social_profile",
    )
    op.drop_index(
        "ix_sn_app_cs_social_social_profile__profile", table_name="sn_app_cs_social_social_profile"
    )
    op.drop_index(
        "ix_sn_app_cs_social_social_profile__contact", table_name="sn_app_cs_social_social_profile"
    )
    op.drop_index(
        "ix_sn_app_cs_social_social_profile__consumer", table_name="sn_app_cs_social_social_profile"
    )
    op.drop_index(
        "ix_sn_app_cs_social_social_profile__account", table_name="sn_app_cs_social_social_profile"
    )
    op.drop_table("sn_app_cs_social_social_profile")
    op.drop_index(op.f("ix_oauth_token_workspace_id_user_sys_id"), table_name="oauth_token")
    op.drop_table("oauth_token")
    op.drop_index("uq_oauth_entity__sys_id", table_name="oauth_entity")
    op.drop_index("ix_oauth_entity__user", table_name="oauth_entity")
    op.drop_index("ix_oauth_entity__sys_updated_on", table_name="oauth_entity")
    op.drop_index("ix_oauth_entity__sys_created_on", table_name="oauth_entity")
    op.drop_index("ix_oauth_entity__client_id", table_name="oauth_entity")
    op.drop_table("oauth_entity")
    op.drop_index("uq_customer_contact__sys_id", table_name="customer_contact")
    op.drop_index("ix_customer_contact__user_name", table_name="customer_contact")
    op.drop_index("ix_customer_contact__sys_updated_on", table_name="customer_contact")
    op.drop_index("ix_customer_contact__sys_created_on", table_name="customer_contact")
    op.drop_index("ix_customer_contact__name", table_name="customer_contact")
    op.drop_index("ix_customer_contact__email", table_name="customer_contact")
    op.drop_index("ix_customer_contact__account", table_name="customer_contact")
    op.drop_table("customer_contact")
    op.drop_index("uq_customer_account__sys_id", table_name="customer_account")
    op.drop_index("ix_customer_account__sys_updated_on", table_name="customer_account")
    op.drop_index("ix_customer_account__sys_created_on", table_name="customer_account")
    op.drop_index("ix_customer_account__primary_contact", table_name="customer_account")
    op.drop_index("ix_customer_account__parent", table_name="customer_account")
    op.drop_index("ix_customer_account__number", table_name="customer_account")
    op.drop_index("ix_customer_account__name", table_name="customer_account")
    op.drop_table("customer_account")
    op.drop_index("uq_csm_household__sys_id", table_name="csm_household")
    op.drop_index("ix_csm_household__sys_updated_on", table_name="csm_household")
    op.drop_index("ix_csm_household__sys_created_on", table_name="csm_household")
    op.drop_index("ix_csm_household__number", table_name="csm_household")
    op.drop_index("ix_csm_household__name", table_name="csm_household")
    op.drop_index("ix_csm_household__head_of_household", table_name="csm_household")
    op.drop_table("csm_household")
    op.drop_index("uq_csm_consumer_user__sys_id", table_name="csm_consumer_user")
    op.drop_index("ix_csm_consumer_user__user_name", table_name="csm_consumer_user")
    op.drop_index("ix_csm_consumer_user__sys_updated_on", table_name="csm_consumer_user")
    op.drop_index("ix_csm_consumer_user__sys_created_on", table_name="csm_consumer_user")
    op.drop_index("ix_csm_consumer_user__name", table_name="csm_consumer_user")
    op.drop_index("ix_csm_consumer_user__email", table_name="csm_consumer_user")
    op.drop_index("ix_csm_consumer_user__consumer", table_name="csm_consumer_user")
    op.drop_table("csm_consumer_user")
    op.drop_index("uq_csm_consumer__sys_id", table_name="csm_consumer")
    op.drop_index("ix_csm_consumer__user", table_name="csm_consumer")
    op.drop_index("ix_csm_consumer__sys_updated_on", table_name="csm_consumer")
    op.drop_index("ix_csm_consumer__sys_created_on", table_name="csm_consumer")
    op.drop_index("ix_csm_consumer__number", table_name="csm_consumer")
    op.drop_index("ix_csm_consumer__name", table_name="csm_consumer")
    op.drop_index("ix_csm_consumer__last_name", table_name="csm_consumer")
    op.drop_index("ix_csm_consumer__household", table_name="csm_consumer")
    op.drop_index("ix_csm_consumer__first_name", table_name="csm_consumer")
    op.drop_index("ix_csm_consumer__email", table_name="csm_consumer")
    op.drop_table("csm_consumer")
    op.drop_index(
        op.f("ix_contact_point_workspace_id_source_table_source_sys_id"), table_name="contact_point"
    )
    op.drop_index(
        op.f("ix_contact_point_workspace_id_owner_table_owner_sys_id"), table_name="contact_point"
    )
    op.drop_index(op.f("ix_contact_point_workspace_id_kind_value"), table_name="contact_point")
    op.drop_table("contact_point")
    op.drop_table("api_token")
    op.drop_table("workspace")
    op.drop_table("frontdesk_meta")
