"""The ServiceNow surface reads who a request is from its ``Authorization`` header."""

from __future__ import annotations

import asyncio
import base64
import os
import time

import httpx
import pytest

from frontdesk.domain.services import Services
from frontdesk.domain.workspace import Workspace
from frontdesk.errors import Unauthenticated
from frontdesk.surfaces.servicenow.auth import caller
from tests import factories

pytestmark = pytest.mark.anyio


def basic(user_name: str, password: str) -> str:
    return "Basic " + base64.b64encode(f"{user_name}:{password}".encode()).decode()


async def test_basic_credentials(services: Services, workspace: Workspace) -> None:
    user = await factories.user(services, workspace, roles=("itil",))
    found = await caller(services, workspace.id, basic(user.user_name, user.password))
    assert (found.user_sys_id, found.roles) == (user.sys_id, frozenset({"itil"}))
    with pytest.raises(Unauthenticated):
        await caller(services, workspace.id, basic(user.user_name, "wrong"))


@pytest.mark.parametrize(
    "header",
    [
        None,
        "",
        "Basic",
        "Basic !!!",
        "Basic " + base64.b64encode(b"nocolon").decode(),
        "Bearer ",
        "Digest x",
    ],
)
async def test_malformed_credentials(
    services: Services, workspace: Workspace, header: str | None
) -> None:
    with pytest.raises(Unauthenticated):
        await caller(services, workspace.id, header)


def _from(app: object, address: str) -> httpx.AsyncClient:
    transport = httpx.ASGITransport(app=app, client=(address, 50000))  # type: ignore[arg-type]
    return httpx.AsyncClient(transport=transport, base_url="http://testserver")


async def test_a_guessed_password_is_throttled_and_costs_no_hash_twice(
    app: object, services: Services, workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    user = await factories.user(services, workspace, roles=("csm_ws_integration",))
    hashed: list[str] = []
    real = services.hasher.verify

    def verify(stored: str | None, given: str) -> bool:
        hashed.append(given)
        return real(stored, given)

    monkeypatch.setattr(services.hasher, "verify", verify)
    path = factories.path(workspace, "/api/now/table/csm_consumer")
    wrong = {"Authorization": basic(user.user_name, "wrong")}
    async with _from(app, "10.9.9.9") as attacker, _from(app, "10.1.1.1") as owner:
        statuses = [(await attacker.get(path, headers=wrong)).status_code for _ in range(5)]
        assert statuses == [401] * 5
        assert hashed == ["wrong"]  # a credential that just failed fails again without a hash
        refused = await attacker.get(path, headers=wrong)
        assert refused.status_code == 429
        assert int(refused.headers["retry-after"]) >= 1
        assert refused.json()["status"] == "failure"
        assert refused.json()["error"]["message"] == "Too Many Requests"
        assert (await attacker.get(path, headers=user.headers)).status_code == 429
        assert (await owner.get(path, headers=user.headers)).status_code == 200


async def test_no_more_hashes_run_at_once_than_allowed(
    app: object, services: Services, workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    running, most = 0, 0
    real = services.hasher.verify

    def counting(stored: str | None, given: str) -> bool:
        nonlocal running, most
        running += 1
        most = max(most, running)
        try:
            time.sleep(0.02)
            return real(stored, given)
        finally:
            running -= 1

    monkeypatch.setattr(services.hasher, "verify", counting)
    path = factories.path(workspace, "/api/now/table/csm_consumer")

    async def guess(index: int) -> int:
        headers = {"Authorization": basic(f"nobody{index}", f"guess{index}")}
        async with _from(app, f"10.2.{index // 250}.{index % 250}") as client:
            return (await client.get(path, headers=headers)).status_code

    statuses = await asyncio.gather(*(guess(i) for i in range(24)))
    assert set(statuses) == {401}
    assert 1 <= most <= (os.cpu_count() or 2)
