"""PostgreSQL, the scale path: an asyncpg pool; writes in a transaction, reads without one
(each statement sees committed data; docs/decisions/0002-execution-layer.md)."""

from __future__ import annotations

from collections.abc import AsyncIterator, Mapping, Sequence
from contextlib import asynccontextmanager
from typing import Any

import orjson
import sqlalchemy as sa
from sqlalchemy.ext.asyncio import create_async_engine

from frontdesk.db.database import Database, Transaction, json_dumps
from frontdesk.db.url import DatabaseURL
from frontdesk.errors import Invalid, Problem


def _unstorable() -> tuple[type[Exception], ...]:
    from asyncpg import exceptions

    return (exceptions.CharacterNotInRepertoireError, exceptions.UntranslatableCharacterError)


class _PostgresTransaction(Transaction):
    """Text PostgreSQL cannot hold (a NUL character) is bad input, answered as such: the
    domain refuses it before it gets here, and this is the backstop."""

    def __init__(self, database: Database, connection: Any) -> None:
        super().__init__(database, database.dialect)
        self._connection = connection

    async def _fetch(self, sql: str, args: list[Any]) -> Sequence[Sequence[Any]]:
        try:
            rows: Sequence[Sequence[Any]] = await self._connection.fetch(sql, *args)
        except _unstorable() as exc:
            raise Invalid(Problem.NOT_TEXT, detail=str(exc)) from exc
        return rows

    async def _execute(self, sql: str, args: list[Any]) -> int:
        try:
            status: str = await self._connection.execute(sql, *args)
        except _unstorable() as exc:
            raise Invalid(Problem.NOT_TEXT, detail=str(exc)) from exc
        tail = status.rsplit(" ", 1)[-1]
        return int(tail) if tail.isdecimal() else 0

    async def _execute_many(self, sql: str, batch: list[list[Any]]) -> None:
        try:
            await self._connection.executemany(sql, batch)
        except _unstorable() as exc:
            raise Invalid(Problem.NOT_TEXT, detail=str(exc)) from exc

    async def insert_many(self, table: sa.Table, rows: Sequence[Mapping[str, Any]]) -> None:
        if len(rows) < COPY_FROM:  # COPY's extra round trips cost more than a few INSERTs
            await super().insert_many(table, rows)
            return
        columns = list(rows[0])
        processors = [
            table.c[name].type.dialect_impl(self.dialect).bind_processor(self.dialect)
            for name in columns
        ]
        records = [
            tuple(
                p(row[c]) if p is not None and row[c] is not None else row[c]
                for c, p in zip(columns, processors, strict=True)
            )
            for row in rows
        ]
        await self._connection.copy_records_to_table(table.name, records=records, columns=columns)


# From how many rows a bulk insert is a COPY.
COPY_FROM = 32


async def _nothing_to_reset(connection: Any) -> None:
    """What a connection carries back to the pool needs no reset query (a round trip per
    unit of work): frontdesk sets no session state, takes only transaction-scoped
    advisory locks, opens no cursors outside a transaction and never LISTENs. An open
    transaction is rolled back by the pool before this runs."""


async def _setup_connection(connection: Any) -> None:
    # The same codecs SQLAlchemy's asyncpg dialect installs: JSON travels as text.
    await connection.set_type_codec(
        "json",
        encoder=str.encode,
        decoder=lambda raw: orjson.loads(raw),
        schema="pg_catalog",
        format="binary",
    )
    await connection.set_type_codec(
        "jsonb",
        encoder=lambda text: b"\x01" + text.encode(),
        decoder=lambda raw: orjson.loads(raw[1:]),
        schema="pg_catalog",
        format="binary",
    )


class PostgresDatabase(Database):
    def __init__(self, url: DatabaseURL, *, pool_size: int = 20) -> None:
        engine = create_async_engine(
            url.sqlalchemy_url, json_serializer=json_dumps, json_deserializer=orjson.loads
        )
        super().__init__(url, engine.dialect)
        self._pool_size = pool_size
        self._pool: Any = None

    async def open(self) -> None:
        if self._pool is not None:
            return
        import asyncpg

        self._pool = await asyncpg.create_pool(
            self.url.asyncpg_dsn,
            min_size=min(2, self._pool_size),
            max_size=self._pool_size,
            init=_setup_connection,
            reset=_nothing_to_reset,
            statement_cache_size=1024,
            server_settings={"timezone": "UTC"},
        )

    async def close(self) -> None:
        if self._pool is not None:
            await self._pool.close()
            self._pool = None

    @asynccontextmanager
    async def read(self) -> AsyncIterator[Transaction]:
        # Reads run without BEGIN/COMMIT: each statement sees committed data, and two
        # round trips per request are saved (docs/decisions/0002-execution-layer.md).
        if self._pool is None:
            raise RuntimeError("database is not open")
        async with self._pool.acquire() as connection:
            yield _PostgresTransaction(self, connection)

    @asynccontextmanager
    async def write(self) -> AsyncIterator[Transaction]:
        if self._pool is None:
            raise RuntimeError("database is not open")
        async with self._pool.acquire() as connection:
            tx = _PostgresTransaction(self, connection)
            async with connection.transaction():
                yield tx
        tx._committed()
