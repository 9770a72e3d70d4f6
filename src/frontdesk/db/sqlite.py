"""SQLite, the embedded default: one file, WAL, one writer and readers that never wait.

- **Writes** run on one connection per process, inline on the event loop, serialised by a
  lock (a unit of work holds it from ``BEGIN IMMEDIATE`` to ``COMMIT``).
- **Reads** run without a transaction (each statement sees committed data, as on
  PostgreSQL) on a connection of their own, also inline: a point read takes microseconds,
  and a thread hop per statement would cost more than the statement. A read statement gets
  ``patience`` seconds on the event loop; one still running then (a ``LIKE`` over a million
  rows, a deep page) is interrupted and run again on one of a few reader connections in
  worker threads, where SQLite works without the GIL. So a slow read delays others by at
  most ``patience`` (docs/decisions/0018-sqlite-readers.md).
- A statement that reads a **virtual table** (the FTS5 search indexes) goes to a reader
  thread at once: a virtual table does its work inside one virtual-machine step, which the
  progress handler cannot interrupt (a common trigram is a 250 ms step).
- So does a statement whose text was slow the last time it ran (a report's count, a
  filtered total), instead of paying ``patience`` again before each run; it is run inline
  again once it was quick in its thread.
"""

from __future__ import annotations

import asyncio
import functools
import sqlite3
import threading
import time
from collections import OrderedDict
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from types import TracebackType
from typing import Any

import orjson
import sqlalchemy as sa

from frontdesk.db.database import Database, Transaction, json_dumps
from frontdesk.db.url import DatabaseURL

PRAGMAS = (
    "journal_mode=WAL",
    "foreign_keys=ON",
    "busy_timeout=10000",
    "cache_size=-131072",
    "temp_store=MEMORY",
    "mmap_size=1073741824",
)
# How many rows of each index ANALYZE looks at (when a database is opened).
ANALYSIS_LIMIT = 1000
# How many virtual-machine steps pass between two looks at the clock.
STEPS = 1000
INTERRUPTED = "interrupted"
# How many statements that were slow the last time are sent to a reader thread at once.
SLOW_STATEMENTS = 256
VIRTUAL_TABLES = (
    "SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL%'"
)


def connect(path: Path, synchronous: str) -> sqlite3.Connection:
    connection = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    for pragma in (*PRAGMAS, f"synchronous={synchronous}"):
        connection.execute(f"PRAGMA {pragma}")
    return connection


class _Readers:
    """The reader connections: one used inline on the event loop, with a deadline, and one
    per worker thread for what outlives the deadline."""

    def __init__(self, path: Path, synchronous: str, threads: int, patience: float) -> None:
        self.patience = patience
        self._deadline = float("inf")
        self.inline = connect(path, synchronous)
        self.inline.set_progress_handler(self._impatient, STEPS)
        self._path, self._synchronous = path, synchronous
        self._local = threading.local()
        self._made: list[sqlite3.Connection] = []
        self._made_lock = threading.Lock()
        self._pool = ThreadPoolExecutor(threads, thread_name_prefix="sqlite-reader")
        self._virtual_tables = frozenset(row[0] for row in self.inline.execute(VIRTUAL_TABLES))
        # Statements are few and their text repeats: decide once for each.
        self._virtual = functools.lru_cache(maxsize=4096)(self._reads_virtual_table)
        # Statements that outlived the deadline last time they ran, the most recent last.
        self._slow: OrderedDict[str, None] = OrderedDict()

    def _reads_virtual_table(self, sql: str) -> bool:
        return any(name in sql for name in self._virtual_tables)

    def _impatient(self) -> int:
        return 1 if time.perf_counter() > self._deadline else 0

    def _threads_connection(self) -> sqlite3.Connection:
        found: sqlite3.Connection | None = getattr(self._local, "connection", None)
        if found is None:
            found = self._local.connection = connect(self._path, self._synchronous)
            with self._made_lock:
                self._made.append(found)
        return found

    def _in_thread(self, sql: str, args: Sequence[Any], fetch: bool) -> tuple[Any, float]:
        start = time.perf_counter()
        cursor = self._threads_connection().execute(sql, args)
        found = cursor.fetchall() if fetch else cursor.rowcount
        return found, time.perf_counter() - start

    async def run(self, sql: str, args: Sequence[Any], *, fetch: bool) -> Any:
        """Inline while it is quick; in a worker thread once it is not, or at once if it
        reads a virtual table or was slow the last time it ran."""
        if not self._virtual(sql) and sql not in self._slow:
            self._deadline = time.perf_counter() + self.patience
            try:
                cursor = self.inline.execute(sql, args)
                return cursor.fetchall() if fetch else cursor.rowcount
            except sqlite3.OperationalError as error:
                if str(error) != INTERRUPTED:
                    raise
            finally:
                self._deadline = float("inf")
        loop = asyncio.get_running_loop()
        found, took = await loop.run_in_executor(self._pool, self._in_thread, sql, args, fetch)
        self._remember(sql, slow=took > self.patience)
        return found

    def _remember(self, sql: str, *, slow: bool) -> None:
        if not slow:
            self._slow.pop(sql, None)
            return
        self._slow[sql] = None
        self._slow.move_to_end(sql)
        if len(self._slow) > SLOW_STATEMENTS:
            self._slow.popitem(last=False)

    def close(self) -> None:
        self._pool.shutdown(wait=True)
        for connection in (self.inline, *self._made):
            connection.close()


class _ReadTransaction(Transaction):
    def __init__(self, database: Database, readers: _Readers) -> None:
        super().__init__(database, database.dialect)
        self._readers = readers

    async def _fetch(self, sql: str, args: list[Any]) -> Sequence[Sequence[Any]]:
        rows: Sequence[Sequence[Any]] = await self._readers.run(sql, args, fetch=True)
        return rows

    async def _execute(self, sql: str, args: list[Any]) -> int:
        count: int = await self._readers.run(sql, args, fetch=False)
        return count

    async def _execute_many(self, sql: str, batch: list[list[Any]]) -> None:
        raise RuntimeError("bulk writes belong in a writing unit")


class _WriteTransaction(Transaction):
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
    def __init__(
        self,
        url: DatabaseURL,
        *,
        synchronous: str = "FULL",
        reader_threads: int = 4,
        patience: float = 0.002,
    ) -> None:
        engine = sa.create_engine(
            url.sqlalchemy_url, json_serializer=json_dumps, json_deserializer=orjson.loads
        )
        super().__init__(url, engine.dialect)
        engine.dispose()
        self._synchronous = synchronous
        self._reader_threads = reader_threads
        self._patience = patience
        self._connection: sqlite3.Connection | None = None
        self._readers: _Readers | None = None
        self._lock = asyncio.Lock()

    async def open(self) -> None:
        if self._connection is not None:
            return
        path = self.url.sqlite_path
        path.parent.mkdir(parents=True, exist_ok=True)
        self._connection = connect(path, self._synchronous)
        # The planner's statistics as the tables are now: ones taken when a table was small
        # (the demo's, a fresh test's) make it scan a large one instead of using its index.
        # Sampled (analysis_limit), so opening a large database stays quick.
        self._connection.execute(f"PRAGMA analysis_limit={ANALYSIS_LIMIT}")
        self._connection.execute("ANALYZE")
        self._readers = _Readers(path, self._synchronous, self._reader_threads, self._patience)

    async def close(self) -> None:
        if self._readers is not None:
            self._readers.close()
            self._readers = None
        if self._connection is not None:
            self._connection.execute("PRAGMA optimize")
            self._connection.close()
            self._connection = None

    def read(self) -> _ReadUnit:
        if self._readers is None:
            raise RuntimeError("database is not open")
        return _ReadUnit(_ReadTransaction(self, self._readers))

    def write(self) -> _WriteUnit:
        if self._connection is None:
            raise RuntimeError("database is not open")
        return _WriteUnit(self, self._connection, self._lock)


class _ReadUnit:
    """``async with``: a read needs no lock and no transaction."""

    __slots__ = ("_tx",)

    def __init__(self, tx: _ReadTransaction) -> None:
        self._tx = tx

    async def __aenter__(self) -> Transaction:
        return self._tx

    async def __aexit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        return None


class _WriteUnit:
    """``async with``: take the lock, begin, commit or roll back, release."""

    __slots__ = ("_connection", "_database", "_lock", "_tx")

    def __init__(
        self, database: Database, connection: sqlite3.Connection, lock: asyncio.Lock
    ) -> None:
        self._database = database
        self._connection = connection
        self._lock = lock
        self._tx: _WriteTransaction | None = None

    async def __aenter__(self) -> Transaction:
        await self._lock.acquire()
        try:
            self._connection.execute("BEGIN IMMEDIATE")
        except BaseException:
            self._lock.release()
            raise
        self._tx = _WriteTransaction(self._database, self._connection)
        return self._tx

    async def __aexit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        try:
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
