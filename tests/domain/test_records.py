"""The one write path: coercion, defaults, derived names, references, custom fields, access."""

from __future__ import annotations

from datetime import datetime

import pytest

from frontdesk.db.database import Database
from frontdesk.domain.principal import Principal, system
from frontdesk.domain.records import service as records
from frontdesk.domain.workspaces.service import Workspace
from frontdesk.errors import Conflict, Forbidden, Invalid, NotFound
from frontdesk.store.registry import REGISTRY
from tests import factories

pytestmark = pytest.mark.anyio
CONSUMERS = REGISTRY["csm_consumer"]


async def insert(
    db: Database, workspace: Workspace, values: dict[str, object], table: str = "csm_consumer"
) -> dict[str, object]:
    async with db.write() as tx:
        return await records.insert(tx, system(workspace.id), REGISTRY[table], values)


async def test_values_are_coerced_the_lenient_way(db: Database, workspace: Workspace) -> None:
    made = await insert(
        db,
        workspace,
        {
            "active": "False",
            "primary": True,
            "notification": "1",
            "first_name": "x" * 80,
            "zip": 75024,
            "user": {"value": "C3D35D82C37122005871D44D81D3AE91", "link": "ignored"},
            "sys_created_by": "forged",
            "no_such_field": "ignored",
        },
    )
    assert made["active"] is False
    assert made["primary"] is True
    assert made["notification"] == 1
    assert made["first_name"] == "x" * 50  # cut to the field's length
    assert made["zip"] == "75024"
    assert made["user"] == "c3d35d82c37122005871d44d81d3ae91"
    assert made["sys_created_by"] == "system"
    assert "no_such_field" not in made


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"notification": "often"}, "notification"),
        ({"active": "maybe"}, "active"),
        ({"sys_id": "not-a-sys-id"}, "sys_id"),
        ({"household": "x" * 40}, "household"),
        ({"first_name": ["a", "b"]}, "first_name"),
    ],
)
async def test_bad_values_are_refused_clearly(
    db: Database, workspace: Workspace, values: dict[str, object], field: str
) -> None:
    with pytest.raises(Invalid) as caught:
        await insert(db, workspace, values)
    assert caught.value.field == field


async def test_defaults_numbers_and_system_fields(db: Database, workspace: Workspace) -> None:
    made = await insert(
        db, workspace, {"first_name": "Jane", "middle_name": "Dell", "last_name": "Brown"}
    )
    assert made["name"] == "Jane Dell Brown"
    assert (made["active"], made["primary"], made["notification"]) == (True, False, 2)
    assert made["number"] == "CSMR0000001"
    assert made["sys_mod_count"] == 0
    assert made["sys_domain"] == "global"
    assert isinstance(made["sys_created_on"], datetime)
    assert len(str(made["sys_id"])) == 32


async def test_updates_count_and_rederive(db: Database, workspace: Workspace) -> None:
    made = await insert(db, workspace, {"first_name": "Jane", "last_name": "Brown"})
    async with db.write() as tx:
        updated = await records.update(
            tx,
            system(workspace.id, "editor"),
            CONSUMERS,
            str(made["sys_id"]),
            {"last_name": "Smith", "sys_mod_count": 99, "number": "CSMR0000050"},
        )
    assert updated["name"] == "Jane Smith"
    assert updated["sys_mod_count"] == 1
    assert updated["sys_updated_by"] == "editor"
    assert updated["number"] == "CSMR0000050"


async def test_a_client_may_choose_its_sys_id_once(db: Database, workspace: Workspace) -> None:
    made = await insert(db, workspace, {"sys_id": "ABCDEF0123456789ABCDEF0123456789"})
    assert made["sys_id"] == "abcdef0123456789abcdef0123456789"
    with pytest.raises(Conflict):
        await insert(db, workspace, {"sys_id": "abcdef0123456789abcdef0123456789"})


async def test_references_by_display_value(db: Database, workspace: Workspace) -> None:
    household = await insert(db, workspace, {"name": "Garcia Household"}, "csm_household")
    made = await insert(db, workspace, {"household": "garcia household"})
    assert made["household"] == household["sys_id"]
    kept = await insert(db, workspace, {"household": "4"})
    assert kept["household"] == "4"


async def test_custom_fields(db: Database, workspace: Workspace) -> None:
    entry = {"name": "csm_consumer", "element": "u_tier", "internal_type": "integer"}
    await insert(db, workspace, {**entry, "default_value": "1"}, "sys_dictionary")
    made = await insert(db, workspace, {"u_tier": "3", "u_unknown": "dropped"})
    assert made["u_tier"] == "3"
    assert "u_unknown" not in made
    defaulted = await insert(db, workspace, {})
    assert defaulted["u_tier"] == "1"
    with pytest.raises(Invalid):
        await insert(db, workspace, {"u_tier": "many"})


async def test_table_roles(db: Database, workspace: Workspace) -> None:
    agent = Principal(workspace.id, "agent", None, frozenset({"sn_esm_agent"}))
    nobody = Principal(workspace.id, "nobody", None, frozenset())
    made = await insert(db, workspace, {"first_name": "A"})
    async with db.write() as tx:
        assert (await records.get(tx, agent, CONSUMERS, str(made["sys_id"])))["first_name"] == "A"
        with pytest.raises(Forbidden):
            await records.update(tx, agent, CONSUMERS, str(made["sys_id"]), {"first_name": "B"})
        with pytest.raises(Forbidden):
            await records.get(tx, nobody, CONSUMERS, str(made["sys_id"]))
        with pytest.raises(Forbidden):
            await records.get(tx, agent, REGISTRY["sys_properties"], "0" * 32)


async def test_missing_records(db: Database, workspace: Workspace) -> None:
    async with db.write() as tx:
        for call in (
            records.get(tx, system(workspace.id), CONSUMERS, "f" * 32),
            records.update(tx, system(workspace.id), CONSUMERS, "f" * 32, {}),
            records.delete(tx, system(workspace.id), CONSUMERS, "f" * 32),
        ):
            with pytest.raises(NotFound):
                await call


async def test_records_stay_in_their_workspace(db: Database, workspace: Workspace) -> None:
    from frontdesk.domain.workspaces import service as workspaces

    made = await factories.consumer(db, workspace, first_name="Mine")
    async with db.write() as tx:
        other = await workspaces.create(tx, f"{workspace.name}o")
    async with db.read() as tx:
        with pytest.raises(NotFound):
            await records.get(tx, system(other.id), CONSUMERS, made["sys_id"])
