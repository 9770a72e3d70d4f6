"""Connections and units of work for SQLite (embedded) and PostgreSQL (the scale path).

A unit of work is ``async with db.write() as tx:`` (or ``db.read()``): it commits when the
block ends normally and rolls back when it raises. Only this module commits.

SQLite runs on one connection per process, inline on the event loop, serialised by a
lock: statements on a local file take microseconds, and an extra thread hop per
statement would cost more than the statement. PostgreSQL runs on an asyncpg pool.
"""

from __future__ import annotations

import asyncio
import sqlite3
from abc import ABC, abstractmethod
from collections.abc import AsyncIterator, Callable, Mapping, Sequence
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from typing import Any

import orjson
import sqlalchemy as sa
from sqlalchemy.engine import Dialect
from sqlalchemy.ext.asyncio import create_async_engine
from sqlalchemy.sql.elements import ClauseElement

from frontdesk.db.statements import Params, Plan, Prepared, make_plan
from frontdesk.db.url import DatabaseURL
from frontdesk.errors import Invalid, Problem

Statement = ClauseElement | Prepared
_PING = Prepared(sa.select(sa.literal(1)))


def _json_dumps(value: Any) -> str:
    return orjson.dumps(value).decode()


class Result:
    """Rows as tuples, with the column names once."""

    __slots__ = ("columns", "rows")

    def __init__(self, columns: tuple[str, ...], rows: list[tuple[Any, ...]]) -> None:
        self.columns = columns
        self.rows = rows

    def mappings(self) -> list[dict[str, Any]]:
        columns = self.columns
        return [dict(zip(columns, row, strict=True)) for row in self.rows]

    def first(self) -> dict[str, Any] | None:
        if not self.rows:
            return None
        return dict(zip(self.columns, self.rows[0], strict=True))

    def scalar(self) -> Any:
        return self.rows[0][0] if self.rows else None

    def scalars(self) -> list[Any]:
        return [row[0] for row in self.rows]


class Transaction(ABC):
    """One unit of work. Statements run in order; nothing is visible to others until commit."""

    def __init__(self, database: Database, dialect: Dialect) -> None:
        self.database = database
        self.dialect = dialect
        self._after_commit: list[Callable[[], None]] = []

    def plan(self, statement: Statement) -> Plan:
        if isinstance(statement, Prepared):
            return statement.plan(self.dialect)
        return make_plan(statement, self.dialect)

    def after_commit(self, callback: Callable[[], None]) -> None:
        """Run ``callback`` once this unit of work has committed (e.g. to drop a cache)."""
        self._after_commit.append(callback)

    def _committed(self) -> None:
        for callback in self._after_commit:
            callback()

    async def _run(
        self, statement: Statement, params: Params | None
    ) -> tuple[Plan, Sequence[Sequence[Any]]]:
        plan = self.plan(statement)
        sql, args = plan.bind(params)
        return plan, await self._fetch(sql, args)

    async def fetch(self, statement: Statement, params: Params | None = None) -> Result:
        plan, rows = await self._run(statement, params)
        return Result(plan.columns, plan.convert_rows(rows))

    async def first(
        self, statement: Statement, params: Params | None = None
    ) -> dict[str, Any] | None:
        plan, rows = await self._run(statement, params)
        if not rows:
            return None
        return dict(zip(plan.columns, plan.convert_rows(rows[:1])[0], strict=True))

    async def scalar(self, statement: Statement, params: Params | None = None) -> Any:
        return (await self.fetch(statement, params)).scalar()

    async def execute(self, statement: Statement, params: Params | None = None) -> int:
        """Run a statement that returns no rows; the number of rows it touched."""
        sql, args = self.plan(statement).bind(params)
        return await self._execute(sql, args)

    async def execute_many(self, statement: Statement, rows: Sequence[Params]) -> None:
        if not rows:
            return
        plan = self.plan(statement)
        sql = plan.sql
        batch = [plan.bind(row)[1] for row in rows]
        await self._execute_many(sql, batch)

    async def insert_many(self, table: sa.Table, rows: Sequence[Mapping[str, Any]]) -> None:
        """Bulk insert rows that all carry the same keys (the fastest path each driver has)."""
        if not rows:
            return
        columns = list(rows[0])
        await self.execute_many(
            Prepared(sa.insert(table).values({c: sa.bindparam(c) for c in columns})), rows
        )

    @abstractmethod
    async def _fetch(self, sql: str, args: list[Any]) -> Sequence[Sequence[Any]]: ...

    @abstractmethod
    async def _execute(self, sql: str, args: list[Any]) -> int: ...

    @abstractmethod
    async def _execute_many(self, sql: str, batch: list[list[Any]]) -> None: ...


class Database(ABC):
    """The store's connection(s); hands out units of work."""

    def __init__(self, url: DatabaseURL, dialect: Dialect) -> None:
        self.url = url
        self.dialect = dialect

    @property
    def backend(self) -> str:
        return self.url.backend

    @abstractmethod
    async def open(self) -> None: ...

    @abstractmethod
    async def close(self) -> None: ...

    async def ping(self) -> None:
        """Raise unless the database answers."""
        async with self.read() as tx:
            await tx.scalar(_PING)

    @abstractmethod
    def read(self) -> AbstractAsyncContextManager[Transaction]:
        """``async with db.read() as tx``: statements see committed data; nothing to commit."""

    @abstractmethod
    def write(self) -> AbstractAsyncContextManager[Transaction]:
        """``async with db.write() as tx``: commits at the end, rolls back on error."""


# --------------------------------------------------------------------------- SQLite


class _SQLiteTransaction(Transaction):
    def __init__(self, database: Database, connection: sqlite3.Connection) -> None:
        super().__init__(database, database.dialect)
        self._connection = connection

    async def _fetch(self, sql: str, args: list[Any]) -> Sequence[Sequence[Any]]:
        return self._connection.execute(sql, args).fetchall()

    async def _execute(self, sql: str, args: list[Any]) -> int:
        return self._connection.execute(sql, args).rowcount

    async def _execute_many(self, sql: str, batch: list[list[Any]]) -> None:
        self._connection.executemany(sql, batch)


class SQLiteDatabase(Database):
    def __init__(self, url: DatabaseURL, *, synchronous: str = "FULL") -> None:
        engine = sa.create_engine(
            url.sqlalchemy_url, json_serializer=_json_dumps, json_deserializer=orjson.loads
        )
        super().__init__(url, engine.dialect)
        engine.dispose()
        self._synchronous = synchronous
        self._connection: sqlite3.Connection | None = None
        self._lock = asyncio.Lock()

    async def open(self) -> None:
        if self._connection is not None:
            return
        path = self.url.sqlite_path
        path.parent.mkdir(parents=True, exist_ok=True)
        connection = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        for pragma in (
            "journal_mode=WAL",
            "foreign_keys=ON",
            f"synchronous={self._synchronous}",
            "busy_timeout=10000",
            "cache_size=-131072",
            "temp_store=MEMORY",
            "mmap_size=1073741824",
        ):
            connection.execute(f"PRAGMA {pragma}")
        self._connection = connection

    async def close(self) -> None:
        if self._connection is not None:
            self._connection.execute("PRAGMA optimize")
            self._connection.close()
            self._connection = None

    def _open_connection(self) -> sqlite3.Connection:
        if self._connection is None:
            raise RuntimeError("database is not open")
        return self._connection

    def read(self) -> _SQLiteUnit:
        # Like PostgreSQL reads: no BEGIN/COMMIT, each statement sees committed data; the
        # lock still keeps this process's writes out (docs/decisions/0002-execution-layer.md).
        return _SQLiteUnit(self, self._open_connection(), self._lock, None)

    def write(self) -> _SQLiteUnit:
        return _SQLiteUnit(self, self._open_connection(), self._lock, "BEGIN IMMEDIATE")


class _SQLiteUnit:
    """``async with``: take the lock, begin (writes), commit or roll back, release."""

    __slots__ = ("_begin", "_connection", "_database", "_lock", "_tx")

    def __init__(
        self,
        database: Database,
        connection: sqlite3.Connection,
        lock: asyncio.Lock,
        begin: str | None,
    ) -> None:
        self._database = database
        self._connection = connection
        self._lock = lock
        self._begin = begin
        self._tx: _SQLiteTransaction | None = None

    async def __aenter__(self) -> Transaction:
        await self._lock.acquire()
        try:
            if self._begin:
                self._connection.execute(self._begin)
        except BaseException:
            self._lock.release()
            raise
        self._tx = _SQLiteTransaction(self._database, self._connection)
        return self._tx

    async def __aexit__(self, kind: type[BaseException] | None, *_: object) -> None:
        try:
            if self._begin:
                self._finish(commit=kind is None)
        finally:
            self._lock.release()
        if kind is None and self._tx is not None:
            self._tx._committed()

    def _finish(self, *, commit: bool) -> None:
        """COMMIT or ROLLBACK. A COMMIT that fails (a deferred constraint, a full disk) leaves
        the shared connection inside the transaction: roll it back before anyone else uses it."""
        connection = self._connection
        if not commit:
            connection.execute("ROLLBACK")
            return
        try:
            connection.execute("COMMIT")
        except BaseException:
            if connection.in_transaction:
                connection.execute("ROLLBACK")
            raise


# --------------------------------------------------------------------------- PostgreSQL


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
        return int(tail) if tail.isdigit() else 0

    async def _execute_many(self, sql: str, batch: list[list[Any]]) -> None:
        try:
            await self._connection.executemany(sql, batch)
        except _unstorable() as exc:
            raise Invalid(Problem.NOT_TEXT, detail=str(exc)) from exc

    async def insert_many(self, table: sa.Table, rows: Sequence[Mapping[str, Any]]) -> None:
        if not rows:
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
            url.sqlalchemy_url, json_serializer=_json_dumps, json_deserializer=orjson.loads
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


def open_database(url: DatabaseURL, *, synchronous: str = "FULL", pool_size: int = 20) -> Database:
    """The right Database for a URL (not yet opened)."""
    if url.backend == "sqlite":
        return SQLiteDatabase(url, synchronous=synchronous)
    return PostgresDatabase(url, pool_size=pool_size)
