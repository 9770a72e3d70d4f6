"""Units of work over a database: SQLite (embedded, ``db/sqlite.py``) or PostgreSQL (the
scale path, ``db/postgres.py``).

A unit of work is ``async with db.write() as tx:`` (or ``db.read()``): it commits when the
block ends normally and rolls back when it raises. Only the database modules commit.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Mapping, Sequence
from contextlib import AbstractAsyncContextManager
from typing import Any

import orjson
import sqlalchemy as sa
from sqlalchemy.engine import Dialect
from sqlalchemy.sql.elements import ClauseElement

from frontdesk.db.statements import Params, Plan, Prepared, inserting, make_plan
from frontdesk.db.url import DatabaseURL

Statement = ClauseElement | Prepared
_PING = Prepared(sa.select(sa.literal(1)))


def json_dumps(value: Any) -> str:
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
        await self.execute_many(inserting(table, tuple(rows[0])), rows)

    async def insert_row(
        self,
        table: sa.Table,
        values: Mapping[str, Any],
        *,
        returning: str | None = None,
        conflict: tuple[str, ...] | None = None,
    ) -> Any:
        """Insert one row (a statement compiled once per set of columns); the value of
        column ``returning`` when asked (None when a ``conflict`` left the row out)."""
        dialect = self.dialect.name if conflict is not None else ""
        statement = inserting(table, tuple(values), returning, conflict, dialect)
        if returning is None:
            await self.execute(statement, values)
            return None
        return await self.scalar(statement, values)

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


def open_database(url: DatabaseURL, *, synchronous: str = "FULL", pool_size: int = 20) -> Database:
    """The right Database for a URL (not yet opened)."""
    if url.backend == "sqlite":
        from frontdesk.db.sqlite import SQLiteDatabase

        return SQLiteDatabase(url, synchronous=synchronous)
    from frontdesk.db.postgres import PostgresDatabase

    return PostgresDatabase(url, pool_size=pool_size)
