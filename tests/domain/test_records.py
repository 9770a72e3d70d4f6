"""The one write path: coercion, defaults, derived names, references, custom fields, access."""

from __future__ import annotations

from datetime import datetime

import pytest

from frontdesk.domain.access import Actor, system
from frontdesk.domain.principal import Principal
from frontdesk.domain.records import service as records
from frontdesk.domain.services import Services
from frontdesk.domain.workspace import Workspace
from frontdesk.errors import Conflict, Forbidden, Invalid, NotFound, Operation
from frontdesk.query.ast import EMPTY, Condition, Term
from frontdesk.store.registry import TableDef
from frontdesk.store.tables import REGISTRY
from frontdesk.surfaces.servicenow.access import RoleAccess
from tests import factories

pytestmark = pytest.mark.anyio
CONSUMERS = REGISTRY["csm_consumer"]


async def insert(
    services: Services,
    workspace: Workspace,
    values: dict[str, object],
    table: str = "csm_consumer",
) -> dict[str, object]:
    async with services.write() as unit:
        return await records.insert(unit, system(workspace.id), REGISTRY[table], values)


async def test_values_are_coerced_the_lenient_way(services: Services, workspace: Workspace) -> None:
    made = await insert(
        services,
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
    services: Services, workspace: Workspace, values: dict[str, object], field: str
) -> None:
    with pytest.raises(Invalid) as caught:
        await insert(services, workspace, values)
    assert caught.value.field == field


async def test_defaults_numbers_and_system_fields(services: Services, workspace: Workspace) -> None:
    made = await insert(
        services, workspace, {"first_name": "Jane", "middle_name": "Dell", "last_name": "Brown"}
    )
    assert made["name"] == "Jane Dell Brown"
    assert (made["active"], made["primary"], made["notification"]) == (True, False, 2)
    assert made["number"] == "CSMR0000001"
    assert made["sys_mod_count"] == 0
    assert made["sys_domain"] == "global"
    assert isinstance(made["sys_created_on"], datetime)
    assert len(str(made["sys_id"])) == 32


async def test_updates_count_and_rederive(services: Services, workspace: Workspace) -> None:
    made = await insert(services, workspace, {"first_name": "Jane", "last_name": "Brown"})
    async with services.write() as unit:
        updated = await records.update(
            unit,
            system(workspace.id, "editor"),
            CONSUMERS,
            str(made["sys_id"]),
            {"last_name": "Smith", "sys_mod_count": 99, "number": "CSMR0000050"},
        )
    assert updated["name"] == "Jane Smith"
    assert updated["sys_mod_count"] == 1
    assert updated["sys_updated_by"] == "editor"
    assert updated["number"] == "CSMR0000050"


async def test_a_client_may_choose_its_sys_id_once(
    services: Services, workspace: Workspace
) -> None:
    made = await insert(services, workspace, {"sys_id": "ABCDEF0123456789ABCDEF0123456789"})
    assert made["sys_id"] == "abcdef0123456789abcdef0123456789"
    with pytest.raises(Conflict):
        await insert(services, workspace, {"sys_id": "abcdef0123456789abcdef0123456789"})


async def test_references_by_display_value(services: Services, workspace: Workspace) -> None:
    household = await insert(services, workspace, {"name": "Garcia Household"}, "csm_household")
    made = await insert(services, workspace, {"household": "garcia household"})
    assert made["household"] == household["sys_id"]
    kept = await insert(services, workspace, {"household": "4"})
    assert kept["household"] == "4"


async def test_custom_fields(services: Services, workspace: Workspace) -> None:
    entry = {"name": "csm_consumer", "element": "u_tier", "internal_type": "integer"}
    await insert(services, workspace, {**entry, "default_value": "1"}, "sys_dictionary")
    made = await insert(services, workspace, {"u_tier": "3", "u_unknown": "dropped"})
    assert made["u_tier"] == "3"
    assert "u_unknown" not in made
    defaulted = await insert(services, workspace, {})
    assert defaulted["u_tier"] == "1"
    with pytest.raises(Invalid):
        await insert(services, workspace, {"u_tier": "many"})


async def test_table_roles(services: Services, workspace: Workspace) -> None:
    agent = Actor(Principal(workspace.id, "agent"), RoleAccess(frozenset({"sn_esm_agent"})))
    nobody = Actor(Principal(workspace.id, "nobody"), RoleAccess(frozenset()))
    made = await insert(services, workspace, {"first_name": "A"})
    async with services.write() as unit:
        assert (await records.get(unit, agent, CONSUMERS, str(made["sys_id"])))["first_name"] == "A"
        with pytest.raises(Forbidden):
            await records.update(unit, agent, CONSUMERS, str(made["sys_id"]), {"first_name": "B"})
        with pytest.raises(Forbidden):
            await records.get(unit, nobody, CONSUMERS, str(made["sys_id"]))
        with pytest.raises(Forbidden):
            await records.get(unit, agent, REGISTRY["sys_properties"], "0" * 32)


async def test_missing_records(services: Services, workspace: Workspace) -> None:
    async with services.write() as unit:
        for call in (
            records.get(unit, system(workspace.id), CONSUMERS, "f" * 32),
            records.update(unit, system(workspace.id), CONSUMERS, "f" * 32, {}),
            records.delete(unit, system(workspace.id), CONSUMERS, "f" * 32),
        ):
            with pytest.raises(NotFound):
                await call


async def test_records_stay_in_their_workspace(services: Services, workspace: Workspace) -> None:
    from frontdesk.domain.workspaces import service as workspaces

    made = await factories.consumer(services, workspace, first_name="Mine")
    async with services.write() as unit:
        other = await workspaces.create(unit, f"{workspace.name}o")
    async with services.read() as unit:
        with pytest.raises(NotFound):
            await records.get(unit, system(other.id), CONSUMERS, made["sys_id"])


class OnlyPlano:
    """A policy that lets its caller see the consumers of Plano alone."""

    def __init__(self, field: str = "city") -> None:
        self.field = field

    def denial(self, operation: Operation, table: TableDef) -> Forbidden | None:
        return None

    def rows(self, table: TableDef) -> tuple[Term, ...]:
        return (Condition(self.field, "=", "=", "Plano", 0),) if table is CONSUMERS else ()


async def test_a_policy_restricts_rows_on_every_path(
    services: Services, workspace: Workspace
) -> None:
    plano = await insert(services, workspace, {"first_name": "P", "city": "Plano"})
    austin = await insert(services, workspace, {"first_name": "A", "city": "Austin"})
    actor = Actor(Principal(workspace.id, "p"), OnlyPlano())
    async with services.write() as unit:
        page = await records.query(unit, actor, CONSUMERS, EMPTY, limit=10, offset=0, count=True)
        assert [r["sys_id"] for r in page.records] == [plano["sys_id"]]
        assert page.total == 1
        assert (await records.get(unit, actor, CONSUMERS, str(plano["sys_id"])))["city"] == "Plano"
        for call in (
            records.get(unit, actor, CONSUMERS, str(austin["sys_id"])),
            records.update(unit, actor, CONSUMERS, str(austin["sys_id"]), {"city": "X"}),
            records.delete(unit, actor, CONSUMERS, str(austin["sys_id"])),
        ):
            with pytest.raises(NotFound):
                await call
    async with services.read() as unit:
        kept = await records.get(unit, system(workspace.id), CONSUMERS, str(austin["sys_id"]))
    assert kept["city"] == "Austin"


async def test_a_restriction_that_cannot_apply_fails_closed(
    services: Services, workspace: Workspace
) -> None:
    await insert(services, workspace, {"first_name": "P", "city": "Plano"})
    actor = Actor(Principal(workspace.id, "p"), OnlyPlano(field="no_such_field"))
    async with services.read() as unit:
        with pytest.raises(RuntimeError, match="does not apply"):
            await records.query(unit, actor, CONSUMERS, EMPTY, limit=10, offset=0, count=False)
