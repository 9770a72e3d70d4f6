"""trigram indexes for the fields people search: pg_trgm GIN on PostgreSQL, FTS5 on SQLite

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-23 16:00:00
"""

from __future__ import annotations

from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

# The searchable fields of the registry at this revision (frozen).
SEARCHABLE = {
    "sys_user": ("user_name", "name", "email"),
    "sys_user_group": ("name",),
    "customer_account": ("name", "number", "phone"),
    "customer_contact": ("name", "email", "phone", "mobile_phone", "home_phone"),
    "csm_consumer_user": ("user_name", "name", "email"),
    "csm_household": ("name", "number"),
    "csm_consumer": (
        "name",
        "first_name",
        "last_name",
        "email",
        "mobile_phone",
        "business_phone",
        "home_phone",
        "number",
    ),
}


def _postgresql(table: str, fields: tuple[str, ...]) -> None:
    columns = ", ".join(f"lower({field}) gin_trgm_ops" for field in fields)
    op.execute(f"CREATE INDEX ix_{table}__search ON {table} USING gin ({columns})")


def _sqlite(table: str, fields: tuple[str, ...]) -> None:
    index = f"search_{table}"
    names = ", ".join(fields)
    new = ", ".join(f"new.{field}" for field in fields)
    old = ", ".join(f"old.{field}" for field in fields)
    op.execute(
        f"CREATE VIRTUAL TABLE {index} USING fts5({names}, content='{table}', "
        "content_rowid='id', tokenize='trigram case_sensitive 0')"
    )
    op.execute(
        f"CREATE TRIGGER {index}_insert AFTER INSERT ON {table} BEGIN "
        f"INSERT INTO {index}(rowid, {names}) VALUES (new.id, {new}); END"
    )
    op.execute(
        f"CREATE TRIGGER {index}_delete AFTER DELETE ON {table} BEGIN "
        f"INSERT INTO {index}({index}, rowid, {names}) VALUES ('delete', old.id, {old}); END"
    )
    op.execute(
        f"CREATE TRIGGER {index}_update AFTER UPDATE OF {names} ON {table} BEGIN "
        f"INSERT INTO {index}({index}, rowid, {names}) VALUES ('delete', old.id, {old}); "
        f"INSERT INTO {index}(rowid, {names}) VALUES (new.id, {new}); END"
    )
    op.execute(f"INSERT INTO {index}({index}) VALUES ('rebuild')")


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        for table, fields in SEARCHABLE.items():
            _postgresql(table, fields)
        return
    for table, fields in SEARCHABLE.items():
        _sqlite(table, fields)


def downgrade() -> None:
    postgresql = op.get_bind().dialect.name == "postgresql"
    for table in SEARCHABLE:
        if postgresql:
            op.execute(f"DROP INDEX ix_{table}__search")
            continue
        for event in ("insert", "delete", "update"):
            op.execute(f"DROP TRIGGER search_{table}_{event}")
        op.execute(f"DROP TABLE search_{table}")
