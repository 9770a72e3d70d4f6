"""``serve --workers 2``: two processes on one port, sharing nothing but the database; writes
from both land, each with its own number."""

from __future__ import annotations

import asyncio

import httpx
import pytest

from tests.e2e.conftest import Server

pytestmark = [pytest.mark.e2e, pytest.mark.anyio, pytest.mark.long]
SERVER_ARGS = ("--workers", "2")


async def test_two_workers_share_the_database(server: Server) -> None:
    async with httpx.AsyncClient(base_url=server.url, auth=server.auth, timeout=60) as client:
        before = (await client.get("/api/now/table/csm_consumer?sysparm_limit=1")).headers

        async def create(index: int) -> httpx.Response:
            return await client.post(
                "/api/now/table/csm_consumer",
                json={"first_name": f"Worker{index}", "last_name": "Test"},
                params={"sysparm_fields": "number"},
            )

        made = await asyncio.gather(*(create(i) for i in range(40)))
        assert [r.status_code for r in made] == [201] * 40
        numbers = {r.json()["result"]["number"] for r in made}
        assert len(numbers) == 40
        after = (await client.get("/api/now/table/csm_consumer?sysparm_limit=1")).headers
    assert int(after["x-total-count"]) == int(before["x-total-count"]) + 40
