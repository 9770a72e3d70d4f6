"""Customer 360 in the console: a person made through the Consumer API is found by name,
email and phone, and seen as every service sees them (the consumer, the eGain customer,
the Cention contact card the errand from their email made), with their interactions,
calls, cases and errands (with actions) on one timeline, newest first, paged without
repeating or skipping an event; another workspace's person is not found."""

from __future__ import annotations

import copy
import re
from datetime import datetime
from typing import Any

import httpx
import pytest

from frontdesk.domain.services import Services
from frontdesk.domain.workspace import Workspace
from frontdesk.domain.workspaces import service as workspaces
from frontdesk.surfaces.console import people
from tests import factories
from tests.factories import path
from tests.surfaces.cention.test_errands import ALL, NEW_ERRAND, area, create, token
from tests.surfaces.cention.test_exports import Clock
from tests.surfaces.console.test_sign_in import signed_in

pytestmark = pytest.mark.anyio
__all__ = ["area"]  # fixtures
PAGE = "/console/people"


def titles(page: str) -> list[str]:
    return re.findall(r"<strong>([^<]+)</strong>", page.split('id="timeline"', 1)[-1])


async def made(
    client: httpx.AsyncClient, workspace: Workspace, admin: factories.User, rest: str, **body: Any
) -> dict[str, Any]:
    answer = await client.post(path(workspace, rest), json=body, headers=admin.headers)
    assert answer.status_code == 201, answer.text
    result: dict[str, Any] | str = answer.json()["result"]
    if isinstance(result, str):  # the Consumer API answers with the sys_id alone
        got = await client.get(path(workspace, f"{rest}/{result}"), headers=admin.headers)
        result = got.json()["result"]
    assert isinstance(result, dict)
    return result


async def test_one_person_everywhere_on_one_timeline(
    client: httpx.AsyncClient,
    services: Services,
    workspace: Workspace,
    area: int,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    now = Clock(monkeypatch)
    now.at = datetime(2026, 3, 1, 10, 0, 0)
    admin = await factories.user(services, workspace, roles=("admin",))
    person = await made(client, workspace, admin, "/api/now/consumer", first_name="Lynn",
                        last_name="Okafor", email="Lynn.Okafor@example.com",
                        mobile_phone="+1 (408) 234-3456")  # fmt: skip
    headers = await token(services, workspace, *ALL, area=str(area))
    document: dict[str, Any] = copy.deepcopy(NEW_ERRAND)
    document["data"]["attributes"]["msg"]["from"] = "lynn.okafor@example.com"
    document["data"]["attributes"]["msg"]["subject"] = "Where is my parcel?"
    first = await create(client, workspace, headers, document)
    now.at = datetime(2026, 3, 1, 10, 0, 1)
    interaction = await made(client, workspace, admin, "/api/now/table/interaction",
                             consumer=person["sys_id"], short_description="A refund?")  # fmt: skip
    now.at = datetime(2026, 3, 1, 10, 0, 2)
    case = await made(client, workspace, admin, "/api/now/table/sn_customerservice_case",
                      consumer=person["sys_id"], short_description="Refund")  # fmt: skip
    document["data"]["attributes"]["msg"]["subject"] = "Still waiting"
    second = await create(client, workspace, headers, document)
    now.at = datetime(2026, 3, 1, 10, 0, 3)
    await made(client, workspace, admin, "/api/now/table/sn_openframe_phone_log",
               consumer=person["sys_id"], call_id="call-7", direction="inbound",
               phone_number="+14082343456", duration=95)  # fmt: skip
    stranger = await factories.consumer(services, workspace, first_name="Lynne", last_name="Other")
    async with services.write() as unit:
        elsewhere = await workspaces.create(unit, f"{workspace.name}-b")
    hidden = await factories.consumer(services, elsewhere, first_name="Lynn", last_name="Hidden")

    agent = await factories.user(services, workspace)  # no role: an agent
    assert (await signed_in(client, workspace, agent)).status_code == 303
    link = f"/people/csm_consumer/{person['sys_id']}"
    for query in ("LYNN.okafor@example.com", "14082343456", "+1 408 234 3456", "okaf"):
        found = await client.get(path(workspace, PAGE), params={"q": query})
        assert found.status_code == 200
        assert link in found.text, query
        assert stranger["sys_id"] not in found.text
    named = await client.get(path(workspace, PAGE), params={"q": "lynn"})
    assert link in named.text
    assert stranger["sys_id"] in named.text
    assert hidden["sys_id"] not in named.text
    nobody = await client.get(path(workspace, PAGE), params={"q": "nobody@example.com"})
    assert "Nobody matches" in nobody.text

    shown = await client.get(path(workspace, "/console" + link))
    assert shown.status_code == 200
    assert person["number"] in shown.text
    assert re.search(r'id="egain-customer">\d+1</dd>', shown.text)  # a person's key ends in 1
    assert "lynn.okafor@example.com" in shown.text  # the contact card, from the errand
    counts = re.findall(r'"badge">([^<]+)<', shown.text)
    assert counts == ["1 interaction", "1 call", "1 case", "2 errands"]  # no user: no articles
    assert titles(shown.text) == [
        "Inbound call call-7",
        f"Case {case['number']}",  # in one second, ServiceNow's records come first
        f"Email errand {second}",
        f"Phone interaction {interaction['number']}",
        f"Email errand {first}",
    ]
    assert "Where is my parcel?" in shown.text
    assert "created 2026-03-01 10:00" in shown.text

    monkeypatch.setattr(people, "PAGE", 2)
    seen: list[str] = []
    pages = 0
    at = path(workspace, "/console" + link)
    while at:
        answer = await client.get(at)
        assert answer.status_code == 200
        seen.extend(titles(answer.text))
        older = re.search(r'class="older" rel="next" href="([^"]+)"', answer.text)
        at = path(workspace, "/console" + link) + older.group(1) if older else ""
        pages += 1
    assert pages == 3  # never ending a page inside a second
    assert seen == titles(shown.text)

    outside = await client.get(path(workspace, f"/console/people/csm_consumer/{hidden['sys_id']}"))
    assert outside.status_code == 404
    for wrong in ("/console/people/sys_user/" + agent.sys_id, "/console" + link + "?upto=soon"):
        assert (await client.get(path(workspace, wrong))).status_code in (400, 404)


async def test_a_contact_of_an_account(
    client: httpx.AsyncClient, services: Services, workspace: Workspace
) -> None:
    admin = await factories.user(services, workspace, roles=("admin",))
    account = await made(client, workspace, admin, "/api/now/table/customer_account",
                         name="Okafor Ltd")  # fmt: skip
    contact = await made(client, workspace, admin, "/api/now/table/customer_contact",
                         first_name="Uche", last_name="Okafor", account=account["sys_id"],
                         email="uche@okafor.example")  # fmt: skip
    case = await made(client, workspace, admin, "/api/now/table/sn_customerservice_case",
                      contact=contact["sys_id"], short_description="Invoice")  # fmt: skip
    await signed_in(client, workspace, await factories.user(services, workspace))
    found = await client.get(path(workspace, PAGE), params={"q": "UCHE@okafor.example"})
    link = f"/people/customer_contact/{contact['sys_id']}"
    assert link in found.text
    shown = await client.get(path(workspace, "/console" + link))
    assert shown.status_code == 200
    assert re.search(r'id="egain-customer">\d+2</dd>', shown.text)  # the organisation's key
    assert "corporate" in shown.text
    assert "No contact card" in shown.text
    assert titles(shown.text) == [f"Case {case['number']}"]
