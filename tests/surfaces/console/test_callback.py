"""Cention > API > Callback in the console: the endpoint set through the form (a private
address refused unless the operator allows it), and the delivery log as a receiver fails
and then takes an answered errand: every attempt with its status and latency, the next
retry, the endpoint flagged as failing, and the redeliver button."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator

import httpx
import pytest

from frontdesk.app import create_app, sender
from frontdesk.config import Settings
from frontdesk.domain.services import Services
from frontdesk.domain.workspace import Workspace
from tests import factories
from tests.factories import path
from tests.surfaces.cention.test_errands import ALL, Receiver, area, create, receiver, token
from tests.surfaces.console.test_sign_in import signed_in, token_in

pytestmark = pytest.mark.anyio
__all__ = ["area", "receiver"]  # fixtures
PAGE = "/console/cention/callback"


@pytest.fixture
async def private_ok(services: Services, settings: Settings) -> AsyncIterator[httpx.AsyncClient]:
    """A client of an application whose operator allows callbacks to private addresses."""
    allowed = settings.model_copy(update={"callback_allow_private": True})
    transport = httpx.ASGITransport(app=create_app(allowed, services=services))
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as found:
        yield found


def answer(errand: int) -> dict[str, object]:
    return {"data": {"type": "c3_end_errands", "attributes": {"errand_id": errand,
            "answer": {"subject": "Re", "body": "Thanks", "html_body": ""}}}}  # fmt: skip


async def test_the_callback_and_its_delivery_log(
    client: httpx.AsyncClient,
    private_ok: httpx.AsyncClient,
    services: Services,
    settings: Settings,
    workspace: Workspace,
    area: int,
    receiver: str,
) -> None:
    admin = await factories.user(services, workspace, roles=("admin",))
    await signed_in(client, workspace, admin)
    page = await client.get(path(workspace, PAGE))
    assert page.status_code == 200
    assert "Nothing sent yet." in page.text
    csrf = token_in(page.text)
    form = {"csrf": csrf, "url": receiver, "secret": "123456", "areas": "test-services-area"}
    private = await client.post(path(workspace, PAGE), data=form)
    assert private.status_code == 400  # this operator does not allow private addresses
    assert 'role="alert"' in private.text
    nowhere = await client.post(path(workspace, PAGE), data={**form, "areas": "nowhere"})
    assert nowhere.status_code == 400
    assert "No area nowhere" in nowhere.text

    await signed_in(private_ok, workspace, admin)
    allowed = await private_ok.get(path(workspace, PAGE))
    saved = await private_ok.post(
        path(workspace, PAGE), data={**form, "csrf": token_in(allowed.text)}
    )
    assert saved.status_code == 303
    shown = (await private_ok.get(path(workspace, PAGE))).text
    assert f'value="{receiver}"' in shown
    assert f'value="{area}"' in shown

    headers = await token(services, workspace, *ALL, area=str(area))
    errand = await create(private_ok, workspace, headers)
    ended = await private_ok.post(path(workspace, "/capi/json/c3_end_errands"), json=answer(errand),
                                  headers=headers)  # fmt: skip
    assert ended.status_code == 200
    Receiver.failing = True
    delivering = sender(services, settings.model_copy(update={"callback_allow_private": True}))
    try:
        assert await delivering.once() == 1
        log = (await private_ok.get(path(workspace, PAGE))).text
        assert 'id="endpoint-state"' in log
        assert "Failing since" in log
        row = re.search(r'<tr class="state-pending">(.*?)</tr>', log, flags=re.DOTALL)
        assert row is not None, log
        assert f"<td>{errand}</td>" in row.group(1)
        assert re.search(r"\d\d:\d\d:\d\d · 503 · \d+ ms", row.group(1))
        delivery = re.search(r'name="delivery" value="(\d+)"', row.group(1))
        assert delivery is not None
        Receiver.failing = False
        assert await delivering.once() == 0  # the retry is not due yet
        redeliver = {"csrf": token_in(log), "delivery": delivery.group(1)}
        again = await private_ok.post(path(workspace, PAGE + "/redeliver"), data=redeliver)
        assert again.status_code == 303
        assert await delivering.once() == 1
    finally:
        await delivering.close()
    log = (await private_ok.get(path(workspace, PAGE))).text
    assert '<tr class="state-delivered">' in log
    assert len(re.findall(r'class="attempt"', log)) == 2
    assert "Failing since" not in log
    assert len(Receiver.received) == 1
    unknown = {"csrf": token_in(log), "delivery": "99999999"}
    missing = await private_ok.post(path(workspace, PAGE + "/redeliver"), data=unknown)
    assert missing.status_code == 404
