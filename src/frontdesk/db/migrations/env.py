"""Alembic environment: SQLite through pysqlite, PostgreSQL through asyncpg."""

from __future__ import annotations

import asyncio

import sqlalchemy as sa
from alembic import context
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import create_async_engine

from frontdesk.db.url import DatabaseURL

MIGRATION_LOCK = 0x66726F6E  # an arbitrary advisory-lock key ("fron")


def _run(connection: Connection) -> None:
    if connection.dialect.name == "postgresql":
        # Several processes may start at once against one database; one migrates.
        connection.execute(sa.text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK})
    context.configure(
        connection=connection,
        # Only autogenerate compares with the tables; whoever runs it passes them in
        # (``migrate.revision``), so that this layer never imports the store.
        target_metadata=context.config.attributes.get("target_metadata"),
        # SQLite's FTS5 search indexes are made by hand (0005), not from the tables.
        include_name=lambda name, kind, parent: (
            not (kind == "table" and str(name).startswith("search_"))
        ),
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


async def _run_postgres(url: DatabaseURL) -> None:
    engine = create_async_engine(url.sqlalchemy_url)
    try:
        async with engine.begin() as connection:
            await connection.run_sync(_run)
    finally:
        await engine.dispose()


def main() -> None:
    url: DatabaseURL = context.config.attributes["database_url"]
    if url.backend == "postgresql":
        asyncio.run(_run_postgres(url))
        return
    engine = sa.create_engine(url.sqlalchemy_url)
    try:
        with engine.begin() as connection:
            _run(connection)
    finally:
        engine.dispose()


main()
