"""The request journal: a workspace's API calls (not the console's pages), newest first, with
method, path, status, latency and caller; filtered; bodies only while capture is on;
another workspace's calls never shown; a bounded ring."""

from __future__ import annotations

import re

import httpx
import pytest

from frontdesk.domain.services import Services
from frontdesk.domain.workspace import Workspace
from frontdesk.domain.workspaces import service as workspaces
from frontdesk.surfaces.journal import Filter, Journal
from tests import factories
from tests.factories import path
from tests.surfaces.console.test_sign_in import signed_in, token_in

pytestmark = pytest.mark.anyio
PAGE = "/console/journal"


def rows(page: str) -> list[tuple[str, str, str, str]]:
    """(method, path, status, caller) of each listed call."""
    found = re.findall(
        r"<td>(\w+)</td>\s*<td class=\"path\"><code>([^<]*)</code></td>\s*"
        r"<td><span class=\"badge \w+\">(\d+)</span></td>\s*<td[^>]*>[^<]*</td>\s*<td>([^<]*)</td>",
        page,
    )
    return [(m, p.replace("&amp;", "&"), s, c) for m, p, s, c in found]


async def test_calls_are_listed_filtered_and_captured(
    client: httpx.AsyncClient, services: Services, workspace: Workspace
) -> None:
    admin = await factories.user(services, workspace, roles=("admin",))
    async with services.write() as unit:
        other = await workspaces.create(unit, f"{workspace.name}-j")
    stranger = await factories.user(services, other, roles=("admin",))
    consumers = path(workspace, "/api/now/table/csm_consumer")
    one = await client.get(consumers, params={"sysparm_limit": 1}, headers=admin.headers)
    assert one.status_code == 200
    nope = await client.get(path(workspace, "/api/now/table/nope"), headers=admin.headers)
    assert nope.status_code in (400, 404)
    assert (await client.get(consumers)).status_code == 401
    await client.get(path(other, "/api/now/table/csm_consumer"), headers=stranger.headers)

    await signed_in(client, workspace, admin)
    page = await client.get(path(workspace, PAGE))
    assert page.status_code == 200
    listed = rows(page.text)
    base = f"/s/{workspace.name}/api/now/table"
    assert listed == [
        ("GET", f"{base}/csm_consumer", "401", ""),
        ("GET", f"{base}/nope", listed[1][2], admin.user_name),
        ("GET", f"{base}/csm_consumer?sysparm_limit=1", "200", admin.user_name),
    ]  # newest first; no console page, nothing of the other workspace
    assert re.search(r"<td class=\"attempt\">\d+\.\d ms</td>", page.text)
    assert "bodies</a>" not in page.text  # capture is off

    failing = await client.get(path(workspace, PAGE), params={"status": "4xx"})
    assert [row[2] for row in rows(failing.text)] == ["401", listed[1][2]]
    succeeded = await client.get(path(workspace, PAGE), params={"status": "200"})
    assert rows(succeeded.text) == [listed[2]]
    by_caller = await client.get(path(workspace, PAGE), params={"caller": admin.user_name[-4:]})
    assert len(rows(by_caller.text)) == 2
    by_path = await client.get(path(workspace, PAGE), params={"path": "NOPE", "method": "get"})
    assert rows(by_path.text) == [listed[1]]
    deleted = await client.get(path(workspace, PAGE), params={"method": "DELETE"})
    assert "match these filters" in deleted.text

    forged = await client.post(path(workspace, PAGE + "/capture"), data={"capture": "on"})
    assert forged.status_code == 403
    csrf = token_in(page.text)
    switch = path(workspace, PAGE + "/capture")
    switched = await client.post(switch, data={"capture": "on", "csrf": csrf})
    assert switched.status_code == 303
    made = await client.post(consumers, json={"first_name": "Journal"}, headers=admin.headers)
    assert made.status_code == 201
    grant = {"grant_type": "password", "username": admin.user_name, "password": admin.password,
             "client_id": "nobody", "client_secret": "its secret"}  # fmt: skip
    await client.post(path(workspace, "/oauth_token.do"), data=grant)
    page = await client.get(path(workspace, PAGE))
    assert "Bodies are being kept" in page.text
    assert "/oauth_token.do</code>" in page.text
    assert page.text.count("bodies</a>") == 1  # not the token request's: it holds a password
    found = re.search(r'href="([^"]+/journal/(\d+))">bodies</a>', page.text)
    assert found is not None
    shown = await client.get(found.group(1))
    assert shown.status_code == 200
    assert "&#34;first_name&#34;:&#34;Journal&#34;" in shown.text  # the request, escaped
    assert made.json()["result"]["sys_id"] in shown.text  # the response
    off = await client.post(switch, data={"capture": "off", "csrf": csrf})
    assert off.status_code == 303
    await client.get(consumers, headers=admin.headers)
    page = await client.get(path(workspace, PAGE))
    assert "Bodies are not kept" in page.text
    assert page.text.count("bodies</a>") == 1  # only the call made while capture was on
    assert (await client.get(path(workspace, PAGE + "/999999999"))).status_code == 404
    assert (await client.get(path(workspace, PAGE + "/x"))).status_code == 404


async def test_an_agent_may_not_read_the_journal(
    client: httpx.AsyncClient, services: Services, workspace: Workspace
) -> None:
    agent = await factories.user(services, workspace)
    await signed_in(client, workspace, agent)
    assert (await client.get(path(workspace, PAGE))).status_code == 403


def test_the_ring_keeps_the_newest() -> None:
    journal = Journal(size=3)
    for number in range(5):
        journal.keep(7, (journal.next_id(), 0.0, "GET", f"/{number}", b"", 200, 1.0, "",
                         None, None, ""))  # fmt: skip
    assert [e.path for e in journal.entries(7)] == ["/4", "/3", "/2"]
    assert [e.path for e in journal.entries(7, Filter(path="/3"))] == ["/3"]
    assert list(journal.entries(8)) == []
