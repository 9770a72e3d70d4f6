"""Kept row counts stay exact through every kind of write, for every table."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
import sqlalchemy as sa

from frontdesk.domain.access import system
from frontdesk.domain.records import service as records
from frontdesk.domain.services import Services
from frontdesk.domain.synthetic import consumers as synthetic
from frontdesk.domain.workspace import Workspace
from frontdesk.query.parser import parse
from frontdesk.store import counts
from frontdesk.store.schema import sa_table
from frontdesk.store.tables import REGISTRY
from tests import factories

pytestmark = pytest.mark.anyio
CONSUMERS = REGISTRY["csm_consumer"]
MIGRATIONS = (
    Path(__file__).resolve().parents[2] / "src" / "frontdesk" / "db" / "migrations" / "versions"
)


async def actual(services: Services, workspace: Workspace, table: str) -> int:
    rows = sa_table(table)
    async with services.read() as unit:
        return int(
            await unit.tx.scalar(
                sa.select(sa.func.count()).where(rows.c.workspace_id == workspace.id)
            )
        )


async def kept(services: Services, workspace: Workspace, table: str) -> int | None:
    async with services.read() as unit:
        return await counts.get(unit.tx, workspace_id=workspace.id, table=table)


async def test_every_table_starts_counted(services: Services, workspace: Workspace) -> None:
    for name in REGISTRY:
        assert await kept(services, workspace, name) == 0, name


async def test_counts_follow_inserts_deletes_and_bulk_loads(
    services: Services, workspace: Workspace
) -> None:
    made = [await factories.consumer(services, workspace, first_name=f"Qx{i}") for i in range(3)]
    async with services.write() as unit:
        await records.delete(unit, system(workspace.id), CONSUMERS, made[0]["sys_id"])
    await synthetic.generate(services, workspace, 40, seed=3)
    assert (
        await kept(services, workspace, "csm_consumer")
        == await actual(services, workspace, "csm_consumer")
        == 42
    )
    async with services.read() as unit:
        page = await records.query(
            unit, system(workspace.id), CONSUMERS, parse(""), limit=5, offset=0, count=True
        )
        filtered = await records.query(
            unit,
            system(workspace.id),
            CONSUMERS,
            parse("first_nameSTARTSWITHQx"),
            limit=5,
            offset=0,
            count=True,
        )
    assert page.total == 42
    assert filtered.total == 2


async def test_a_rolled_back_write_changes_no_count(
    services: Services, workspace: Workspace
) -> None:
    async def failing() -> None:
        async with services.write() as unit:
            await records.insert(unit, system(workspace.id), CONSUMERS, {"first_name": "Gone"})
            raise RuntimeError("undo")

    with pytest.raises(RuntimeError):
        await failing()
    assert await kept(services, workspace, "csm_consumer") == 0


def test_the_backfill_covers_every_table() -> None:
    path = MIGRATIONS / "0003_record_counts.py"
    spec = importlib.util.spec_from_file_location("backfill", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert set(module.TABLES) == set(REGISTRY)
