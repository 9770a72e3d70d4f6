"""Numbers are unique under concurrency and never reuse a number given explicitly."""

from __future__ import annotations

import asyncio

import pytest

from frontdesk.domain.access import system
from frontdesk.domain.records import service as records
from frontdesk.domain.services import Services
from frontdesk.domain.workspace import Workspace
from frontdesk.store.tables import REGISTRY
from tests import factories

pytestmark = pytest.mark.anyio
CONSUMERS = REGISTRY["csm_consumer"]


async def test_numbers_count_up_per_workspace(services: Services, workspace: Workspace) -> None:
    first = await factories.consumer(services, workspace, first_name="A")
    second = await factories.consumer(services, workspace, first_name="B")
    assert (first["number"], second["number"]) == ("CSMR0000001", "CSMR0000002")


async def test_an_explicit_number_is_never_handed_out_again(
    services: Services, workspace: Workspace
) -> None:
    async with services.write() as unit:
        await records.insert(unit, system(workspace.id), CONSUMERS, {"number": "CSMR0000041"})
    made = await factories.consumer(services, workspace, first_name="Next")
    assert made["number"] == "CSMR0000042"


async def test_concurrent_inserts_never_share_a_number(
    services: Services, workspace: Workspace
) -> None:
    async def insert(index: int) -> str:
        async with services.write() as unit:
            made = await records.insert(
                unit, system(workspace.id), CONSUMERS, {"first_name": f"P{index}"}
            )
            await asyncio.sleep(0)  # let the others interleave while this transaction is open
            return str(made["number"])

    numbers = await asyncio.gather(*(insert(i) for i in range(20)))
    assert sorted(numbers) == [f"CSMR{n:07d}" for n in range(1, 21)]
