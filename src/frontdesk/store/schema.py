"""SQLAlchemy tables: generated from the registry, plus frontdesk's own bookkeeping.

Text columns use the "C" collation on PostgreSQL so that comparisons, ``lower()`` and
ordering behave byte-for-byte as on SQLite (docs/decisions/0003-text-comparison.md).
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite

from frontdesk.store.fields import Field, FieldType
from frontdesk.store.registry import TableDef
from frontdesk.store.tables import REGISTRY

metadata = sa.MetaData(
    naming_convention={
        "ix": "ix_%(table_name)s_%(column_0_N_name)s",
        "uq": "uq_%(table_name)s_%(column_0_N_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)


def text(length: int) -> sa.types.TypeEngine[str]:
    return sa.String(length).with_variant(sa.String(length, collation="C"), "postgresql")


def timestamp() -> sa.types.TypeEngine[Any]:
    """UTC, to the second. On SQLite stored as ``YYYY-MM-DD HH:MM:SS``: the format
    SQLite's own date functions return, so stored and computed values compare."""
    return sa.DateTime().with_variant(
        sqlite.DATETIME(  # type: ignore[no-untyped-call]
            storage_format="%(year)04d-%(month)02d-%(day)02d %(hour)02d:%(minute)02d:%(second)02d",
            regexp=r"(\d+)-(\d+)-(\d+) (\d+):(\d+):(\d+)",
        ),
        "sqlite",
    )


def big_id() -> sa.types.TypeEngine[int]:
    # INTEGER PRIMARY KEY is SQLite's rowid alias; BIGINT elsewhere.
    return sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def workspace_column() -> sa.Column[int]:
    """The workspace a row belongs to (its rows go when it goes)."""
    return sa.Column(
        "workspace_id",
        sa.Integer,
        sa.ForeignKey("workspace.id", ondelete="CASCADE"),
        nullable=False,
    )


workspace = sa.Table(
    "workspace",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("name", text(64), nullable=False, unique=True),
    sa.Column("is_default", sa.Boolean(create_constraint=False), nullable=False, default=False),
    sa.Column("created_on", timestamp(), nullable=False),
)

meta = sa.Table(
    "frontdesk_meta",
    metadata,
    sa.Column("key", sa.String(64), primary_key=True),
    sa.Column("value", sa.String(512), nullable=False),
)

number_counter = sa.Table(
    "sys_number_counter",
    metadata,
    workspace_column(),
    sa.Column("table_name", sa.String(80), nullable=False),
    sa.Column("next_value", sa.BigInteger, nullable=False),
    sa.PrimaryKeyConstraint("workspace_id", "table_name"),
)

record_count = sa.Table(
    "record_count",
    metadata,
    workspace_column(),
    sa.Column("table_name", sa.String(80), nullable=False),
    sa.Column("row_count", sa.BigInteger, nullable=False),
    sa.PrimaryKeyConstraint("workspace_id", "table_name"),
)

contact_point = sa.Table(
    "contact_point",
    metadata,
    sa.Column("id", big_id(), primary_key=True, autoincrement=True),
    workspace_column(),
    sa.Column("kind", sa.String(16), nullable=False),
    sa.Column("value", text(255), nullable=False),
    sa.Column("owner_table", sa.String(80), nullable=False),
    sa.Column("owner_sys_id", text(32), nullable=False),
    sa.Column("source_table", sa.String(80), nullable=False),
    sa.Column("source_sys_id", text(32), nullable=False),
    sa.Column("source_field", sa.String(80), nullable=False),
    sa.Index(None, "workspace_id", "kind", "value"),
    sa.Index(None, "workspace_id", "source_table", "source_sys_id"),
    sa.Index(None, "workspace_id", "owner_table", "owner_sys_id"),
)

oauth_token = sa.Table(
    "oauth_token",
    metadata,
    sa.Column("id", big_id(), primary_key=True, autoincrement=True),
    workspace_column(),
    sa.Column("token_hash", sa.String(64), nullable=False, unique=True),
    sa.Column("kind", sa.String(16), nullable=False),
    sa.Column("user_sys_id", text(32), nullable=True),
    sa.Column("client_sys_id", text(32), nullable=True),
    sa.Column("scope", sa.String(255), nullable=False),
    # Where the token may be used, as the issuing surface names it (None: ServiceNow's).
    sa.Column("realm", sa.String(16), nullable=True),
    # An authorization code's: where it must be redeemed, and its PKCE challenge (S256).
    sa.Column("redirect_uri", sa.String(1024), nullable=True),
    sa.Column("code_challenge", sa.String(128), nullable=True),
    sa.Column("created_on", timestamp(), nullable=False),
    sa.Column("expires_at", timestamp(), nullable=False),
    sa.Index(None, "workspace_id", "user_sys_id"),
)

api_token = sa.Table(
    "api_token",
    metadata,
    sa.Column("id", big_id(), primary_key=True, autoincrement=True),
    workspace_column(),
    sa.Column("jti", sa.String(64), nullable=False, unique=True),
    sa.Column("name", sa.String(100), nullable=False),
    sa.Column("claims", sa.JSON, nullable=False),
    sa.Column("created_on", timestamp(), nullable=False),
    sa.Column("revoked_on", timestamp(), nullable=True),
)


attachment_blob = sa.Table(
    "attachment_blob",
    metadata,
    sa.Column("id", big_id(), primary_key=True, autoincrement=True),
    workspace_column(),
    sa.Column("sha256", sa.String(64), nullable=False),
    sa.Column("size", sa.BigInteger, nullable=False),
    sa.Column("created_on", timestamp(), nullable=False),
    sa.UniqueConstraint("workspace_id", "sha256"),
)

attachment_chunk = sa.Table(
    "attachment_chunk",
    metadata,
    sa.Column(
        "blob_id",
        big_id(),
        sa.ForeignKey("attachment_blob.id", ondelete="CASCADE"),
        nullable=False,
    ),
    sa.Column("seq", sa.Integer, nullable=False),
    sa.Column("data", sa.LargeBinary, nullable=False),
    sa.PrimaryKeyConstraint("blob_id", "seq"),
)


def _column_type(field: Field) -> sa.types.TypeEngine[Any]:
    match field.type:
        case FieldType.INTEGER:
            return sa.Integer()
        case FieldType.BOOLEAN:
            return sa.Boolean(create_constraint=False)
        case FieldType.DATETIME:
            return timestamp()
        case FieldType.DATE:
            return sa.Date()
        case FieldType.PASSWORD:
            return sa.String(255)
        case _:
            return text(field.max_length or 255)


def _build(table: TableDef) -> sa.Table:
    columns: list[sa.Column[Any]] = [
        sa.Column("id", big_id(), primary_key=True, autoincrement=True),
        workspace_column(),
    ]
    for field in table.all_fields():
        columns.append(sa.Column(field.name, _column_type(field), nullable=field.name != "sys_id"))
    columns.append(sa.Column("custom", sa.JSON, nullable=True))
    result = sa.Table(table.name, metadata, *columns)
    sa.Index(f"uq_{table.name}__sys_id", result.c.workspace_id, result.c.sys_id, unique=True)
    for field in table.all_fields():
        if field.name in table.newest_first:
            _newest_first(result, field.name)
            continue
        if field.name == "sys_domain" or not (field.indexed or field.is_reference):
            continue
        column = result.c[field.name]
        expression = sa.func.lower(column) if field.type.is_text else column
        # Most people have one or two of their phones: a phone's index holds only the rows
        # that have it, so that its statistics do not make it look useless.
        where = column.is_not(None) if field.type is FieldType.PHONE else None
        sa.Index(
            f"ix_{table.name}__{field.name}",
            result.c.workspace_id,
            expression,
            sqlite_where=where,
            postgresql_where=where,
        )
    return result


def _newest_first(table: sa.Table, name: str) -> None:
    """(workspace, reference, sys_created_on descending, NULLs last): the order a page of
    one referenced record's rows is read in. SQLite puts NULLs last in a descending
    order anyway, and has no words for it in an index."""
    index = f"ix_{table.name}__{name}__newest"
    created = table.c.sys_created_on
    columns = (table.c.workspace_id, table.c[name])
    sa.Index(index, *columns, created.desc().nulls_last()).ddl_if(dialect="postgresql")
    sa.Index(index, *columns, created.desc()).ddl_if(dialect="sqlite")


TABLES: dict[str, sa.Table] = {name: _build(table) for name, table in REGISTRY.items()}


def sa_table(name: str) -> sa.Table:
    return TABLES[name]


def search_index(table: TableDef) -> sa.TableClause | None:
    """SQLite's FTS5 trigram index of a table's searchable fields (an external-content
    table kept by triggers; migration 0005), for the compiler to ask by rowid."""
    if not table.searchable:
        return None
    return sa.table(f"search_{table.name}", sa.column("rowid"), *map(sa.column, table.searchable))


def dialect_insert(dialect: str, table: sa.Table) -> postgresql.Insert | sqlite.Insert:
    """An INSERT that can say ``ON CONFLICT`` (both databases spell it the same)."""
    return postgresql.insert(table) if dialect == "postgresql" else sqlite.insert(table)


# Frontdesk's own tables declared beside their nouns register on ``metadata`` too: import
# them, so that whoever reads ``metadata`` (migrations, their test) sees every table.
from frontdesk.store import errand_tables as errand_tables  # noqa: E402
from frontdesk.store import export_tables as export_tables  # noqa: E402
from frontdesk.store import outbox_tables as outbox_tables  # noqa: E402
from frontdesk.store import presence_tables as presence_tables  # noqa: E402
