"""Kept row counts stay exact through every kind of write, for every table."""

from __future__ import annotations

import importlib.util
import sqlite3
from pathlib import Path

import pytest
import sqlalchemy as sa

from frontdesk.db import migrate
from frontdesk.db.url import parse_database_url
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
        # A new workspace holds one record: its "global" group, which sys_domain names.
        assert await kept(services, workspace, name) == (name == "sys_user_group"), name


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


def test_upgrades_count_every_table_and_keep_what_was_there(tmp_path: Path) -> None:
    """A workspace made at revision 0003, upgraded to the head: every table of the registry
    is counted (0004 adds groups, and the "global" one), and empty text became NULL."""
    url = parse_database_url(f"sqlite:///{tmp_path / 'old.db'}")
    migrate.upgrade(url, "0003")
    with sqlite3.connect(tmp_path / "old.db") as old:
        old.execute(
            "INSERT INTO workspace (name, is_default, created_on) VALUES ('w', 1, '2020-01-01')"
        )
        old.execute(
            "INSERT INTO csm_consumer (workspace_id, sys_id, city, state) VALUES (1, ?, '', 'TX')",
            ("a" * 32,),
        )
        old.execute("INSERT INTO record_count SELECT 1, name, 0 FROM (SELECT 'csm_consumer' name)")
    migrate.upgrade(url)
    with sqlite3.connect(tmp_path / "old.db") as new:
        counted = {name for (name,) in new.execute("SELECT table_name FROM record_count")}
        group = new.execute("SELECT name FROM sys_user_group WHERE sys_id = 'global'").fetchall()
        city, state = new.execute("SELECT city, state FROM csm_consumer").fetchone()
    assert {"csm_consumer", "sys_user_group"} <= counted
    assert group == [("global",)]
    assert (city, state) == (None, "TX")


def _migration(name: str) -> object:
    spec = importlib.util.spec_from_file_location("backfill", MIGRATIONS / name)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_backfills_know_every_table() -> None:
    """0004 counted the tables of its day; 0007, 0009, 0011 and 0012 add their own, counted from
    zero."""
    before = _migration("0004_groups_and_empty_text.py").TABLES  # type: ignore[attr-defined]
    added = {
        *_migration("0007_interactions_and_cards.py").NEW_TABLES,  # type: ignore[attr-defined]
        *_migration("0009_departments.py").NEW_TABLES,  # type: ignore[attr-defined]
        *_migration("0011_ratings_and_threads.py").NEW_TABLES,  # type: ignore[attr-defined]
        *_migration("0012_knowledge_bases.py").NEW_TABLES,  # type: ignore[attr-defined]
    }
    assert set(before) | added == set(REGISTRY)
