"""The migrated schema is exactly what the registry declares, on both databases."""

from __future__ import annotations

import warnings

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy.ext.asyncio import create_async_engine

from frontdesk.db.migrate import head_revision
from frontdesk.db.url import DatabaseURL
from frontdesk.store.schema import metadata

pytestmark = pytest.mark.anyio


def _differences(connection: sa.Connection) -> list[object]:
    context = MigrationContext.configure(connection, opts={"compare_type": True})
    assert context.get_current_revision() == head_revision()
    with warnings.catch_warnings():
        # SQLite's expression indexes cannot be reflected (SQLAlchemy says so, and skips them).
        warnings.filterwarnings("ignore", "Skipped unsupported reflection", sa.exc.SAWarning)
        warnings.filterwarnings("ignore", "autogenerate skipping metadata-specified expression")
        found = compare_metadata(context, metadata)
    # Expression indexes (lower(...)) cannot be compared by reflection; they are checked below.
    # SQLite's FTS5 search indexes (and their shadow tables) are not SQLAlchemy tables.
    return [
        d
        for d in found
        if not (isinstance(d, tuple) and d[0] in ("add_index", "remove_index"))
        and not (
            isinstance(d, tuple) and d[0] == "remove_table" and d[1].name.startswith("search_")
        )
    ]


def _expression_indexes(connection: sa.Connection) -> set[str]:
    if connection.dialect.name == "sqlite":
        sql = "SELECT name FROM sqlite_master WHERE type = 'index'"
    else:
        sql = "SELECT indexname FROM pg_indexes WHERE schemaname = current_schema()"
    return {str(name) for (name,) in connection.execute(sa.text(sql))}


async def test_schema_matches_the_registry(
    backend: str, database_urls: dict[str, DatabaseURL]
) -> None:
    url = database_urls[backend]
    if backend == "sqlite":
        engine = sa.create_engine(url.sqlalchemy_url)
        with engine.connect() as connection:
            assert _differences(connection) == []
            indexes = _expression_indexes(connection)
        engine.dispose()
    else:
        async_engine = create_async_engine(url.sqlalchemy_url)
        async with async_engine.connect() as connection:
            assert await connection.run_sync(_differences) == []
            indexes = await connection.run_sync(_expression_indexes)
        await async_engine.dispose()
    expected = {i.name for table in metadata.tables.values() for i in table.indexes}
    assert expected - indexes == set()
    assert {
        "ix_csm_consumer__email",
        "ix_csm_consumer__number",
        "ix_csm_consumer__mobile_phone",
        "uq_csm_consumer__sys_id",
    } <= indexes
