"""Units of work: commit on success, roll back on error, callbacks only after commit."""

from __future__ import annotations

import asyncio
import sqlite3
import time

import pytest
import sqlalchemy as sa

from frontdesk.db.database import Database
from frontdesk.domain.services import Services
from frontdesk.domain.workspace import Workspace
from frontdesk.store.schema import attachment_chunk, sa_table, search_index
from frontdesk.store.tables import REGISTRY
from tests import factories

pytestmark = pytest.mark.anyio
CONSUMERS = sa_table("csm_consumer")


async def count(db: Database, workspace: Workspace) -> int:
    async with db.read() as tx:
        return int(
            await tx.scalar(
                sa.select(sa.func.count()).where(CONSUMERS.c.workspace_id == workspace.id)
            )
        )


async def test_an_error_rolls_back_the_whole_unit(
    db: Database, services: Services, workspace: Workspace
) -> None:
    await factories.consumer(services, workspace, first_name="Kept")
    called: list[str] = []

    async def failing_unit() -> None:
        async with db.write() as tx:
            await tx.execute(
                sa.insert(CONSUMERS).values(workspace_id=workspace.id, sys_id="a" * 32)
            )
            tx.after_commit(lambda: called.append("no"))
            raise RuntimeError("boom")

    with pytest.raises(RuntimeError):
        await failing_unit()
    assert await count(db, workspace) == 1
    assert called == []


async def test_after_commit_runs_once_committed(db: Database, workspace: Workspace) -> None:
    called: list[int] = []
    async with db.write() as tx:
        await tx.execute(sa.insert(CONSUMERS).values(workspace_id=workspace.id, sys_id="b" * 32))
        tx.after_commit(lambda: called.append(1))
        assert called == []
    assert called == [1]
    assert await count(db, workspace) == 1


async def test_expanding_parameters_keep_their_types(
    db: Database, services: Services, workspace: Workspace
) -> None:
    made = await factories.consumer(services, workspace, first_name="Ann")
    statement = sa.select(CONSUMERS.c.sys_id).where(
        CONSUMERS.c.workspace_id == workspace.id,
        CONSUMERS.c.sys_id.in_([made["sys_id"], "c" * 32]),
        CONSUMERS.c.sys_created_on <= made["sys_created_on"],
    )
    async with db.read() as tx:
        assert (await tx.fetch(statement)).scalars() == [made["sys_id"]]
    assert REGISTRY["csm_consumer"].field("sys_created_on") is not None


async def test_a_failed_commit_leaves_the_connection_usable(
    db: Database, workspace: Workspace, backend: str
) -> None:
    """A COMMIT that fails (here a deferred foreign key) must not leave SQLite's one shared
    connection inside the transaction for the next unit to trip over."""
    if backend != "sqlite":
        pytest.skip("PostgreSQL rolls a failed COMMIT back itself")

    async def orphan_chunk() -> None:
        async with db.write() as tx:
            await tx.execute(sa.text("PRAGMA defer_foreign_keys = ON"))
            await tx.execute(
                sa.insert(attachment_chunk).values(blob_id=987654321, seq=0, data=b"orphan")
            )

    with pytest.raises(sqlite3.IntegrityError, match="FOREIGN KEY"):
        await orphan_chunk()
    async with db.write() as tx:
        await tx.execute(sa.insert(CONSUMERS).values(workspace_id=workspace.id, sys_id="d" * 32))
    assert await count(db, workspace) == 1


SPIN = sa.text(
    "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < :n) "
    "SELECT count(*) FROM c"
)


async def test_a_slow_read_does_not_hold_up_the_others(db: Database, backend: str) -> None:
    async def slow() -> tuple[int, float]:
        started = time.perf_counter()
        async with db.read() as tx:
            found = int(await tx.scalar(SPIN, {"n": 3_000_000}))
        return found, time.perf_counter() - started

    async def quick() -> float:
        started = time.perf_counter()
        async with db.read() as tx:
            assert await tx.scalar(sa.select(sa.literal(1))) == 1
        return time.perf_counter() - started

    running = asyncio.create_task(slow())
    await asyncio.sleep(0.01)
    waits = []
    while not running.done():
        waits.append(await quick())
        await asyncio.sleep(0.005)
    found, took = await running
    assert found == 3_000_000
    assert len(waits) >= 5
    assert max(waits) < took / 5, (max(waits), took)


async def test_a_read_of_a_virtual_table_never_runs_on_the_event_loop(
    db: Database, backend: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """FTS5 does its work in one virtual-machine step, which no progress handler interrupts
    (a common trigram over a million names is a 250 ms step): such reads go to a thread."""
    if backend != "sqlite":
        pytest.skip("PostgreSQL statements never run on the event loop")
    from frontdesk.db import sqlite as module

    threaded: list[str] = []
    original = module._Readers._in_thread

    def in_thread(self: module._Readers, sql: str, args: list[object], fetch: bool) -> object:
        threaded.append(sql)
        return original(self, sql, args, fetch)

    monkeypatch.setattr(module._Readers, "_in_thread", in_thread)
    search = search_index(REGISTRY["csm_consumer"])
    assert search is not None
    async with db.read() as tx:
        await tx.fetch(sa.select(search.c.rowid).where(search.c.name.like("%ann%")))
        await tx.fetch(sa.select(CONSUMERS.c.id).where(CONSUMERS.c.name.like("%ann%")).limit(1))
    assert len(threaded) == 1
    assert "search_csm_consumer" in threaded[0]


async def test_reads_see_what_was_committed_at_once(db: Database, workspace: Workspace) -> None:
    async with db.write() as tx:
        await tx.execute(sa.insert(CONSUMERS).values(workspace_id=workspace.id, sys_id="e" * 32))
    assert await count(db, workspace) == 1
