"""Tools > Workspace: a snapshot downloaded, the workspace reset (its users and tokens still
work), the snapshot restored (the same records with the same ids; new ones after them);
a file that is not a snapshot and a snapshot of another workspace's rows refused, nothing
harmed."""

from __future__ import annotations

import json

import httpx
import pytest

from frontdesk.domain.errands import service as errands
from frontdesk.domain.services import Services
from frontdesk.domain.workspace import Workspace
from frontdesk.domain.workspaces import service as workspaces
from tests import factories
from tests.factories import path
from tests.surfaces.cention.test_errands import ALL, area, create, token
from tests.surfaces.console.test_sign_in import signed_in, token_in

pytestmark = pytest.mark.anyio
__all__ = ["area"]  # fixtures
PAGE = "/console/workspace"


async def names(
    client: httpx.AsyncClient, workspace: Workspace, admin: factories.User
) -> list[str]:
    answer = await client.get(
        path(workspace, "/api/now/table/csm_consumer"),
        params={"sysparm_query": "ORDERBYfirst_name", "sysparm_fields": "first_name"},
        headers=admin.headers,
    )
    assert answer.status_code == 200, answer.text
    assert answer.headers["x-total-count"] == str(len(answer.json()["result"]))
    return [r["first_name"] for r in answer.json()["result"]]


async def test_snapshot_reset_and_restore(
    client: httpx.AsyncClient, services: Services, workspace: Workspace, area: int
) -> None:
    admin = await factories.user(services, workspace, roles=("admin",))
    consumers = path(workspace, "/api/now/table/csm_consumer")
    kept = await client.post(consumers, json={"first_name": "Kept"}, headers=admin.headers)
    headers = await token(services, workspace, *ALL, area=str(area))
    errand = await create(client, workspace, headers)
    await signed_in(client, workspace, admin)
    page = await client.get(path(workspace, PAGE))
    assert page.status_code == 200
    csrf = token_in(page.text)

    taken = await client.get(path(workspace, PAGE + "/snapshot"))
    assert taken.status_code == 200
    assert taken.headers["content-disposition"].startswith("attachment; filename=")
    lines = taken.text.splitlines()
    assert json.loads(lines[0])["workspace"] == workspace.name
    assert any(kept.json()["result"]["sys_id"] in line for line in lines)

    await client.post(consumers, json={"first_name": "Later"}, headers=admin.headers)
    unconfirmed = await client.post(path(workspace, PAGE + "/reset"), data={"csrf": csrf})
    assert unconfirmed.status_code == 400
    assert await names(client, workspace, admin) == ["David", "Kept", "Later"]  # the sender too
    reset = await client.post(
        path(workspace, PAGE + "/reset"), data={"csrf": csrf, "confirm": workspace.name}
    )
    assert reset.status_code == 200
    assert "was reset" in reset.text
    assert await names(client, workspace, admin) == []  # the admin still signs in
    report = path(workspace, f"/capi/json/c3_errand_reports/{errand}")
    assert (await client.get(report, headers=headers)).status_code == 404  # the token works

    restored = await client.post(
        path(workspace, PAGE + "/restore"),
        data={"csrf": csrf},
        files={"snapshot": ("snapshot.jsonl", taken.content, "application/x-ndjson")},
    )
    assert restored.status_code == 200, restored.text
    assert f"Restored {len(lines) - 1} rows" in restored.text
    home = await client.get(path(workspace, "/console"))
    assert home.status_code == 200  # the snapshot was taken signed in: it holds the session
    assert await names(client, workspace, admin) == ["David", "Kept"]
    again = await client.get(report, headers=headers)
    assert again.status_code == 200
    assert again.json()["data"]["id"] == str(errand)
    later = await client.post(consumers, json={"first_name": "After"}, headers=admin.headers)
    assert later.status_code == 201  # new ids go after the restored ones
    assert int(later.json()["result"]["number"][4:]) > int(kept.json()["result"]["number"][4:])
    assert await create(client, workspace, headers) > errand


async def test_what_is_not_restored(
    client: httpx.AsyncClient, services: Services, workspace: Workspace
) -> None:
    admin = await factories.user(services, workspace, roles=("admin",))
    await client.post(
        path(workspace, "/api/now/table/csm_consumer"),
        json={"first_name": "Stays"},
        headers=admin.headers,
    )
    async with services.write() as unit:
        other = await workspaces.create(unit, f"{workspace.name}-w")
    stranger = await factories.user(services, other, roles=("admin",))
    await signed_in(client, other, stranger)
    theirs = await client.get(path(other, PAGE + "/snapshot"))
    assert theirs.status_code == 200

    await signed_in(client, workspace, admin)
    csrf = token_in((await client.get(path(workspace, PAGE))).text)
    async with services.write() as unit:
        theirs_area = await errands.add_area(unit, other.id, "theirs", organisation="them")
    head = theirs.content.splitlines()[0]
    stamp = '"created_on":"2026-01-01T00:00:00"'
    hostile = [
        ('{"t":"tag","r":{"id":"x","name":"a"}}', "must be a whole number"),
        ('{"t":"tag","r":{"id":999999990}}', "tag.name must have a value"),
        ('{"t":"area_archive","r":{"area_id":' + str(theirs_area) + ',"name":"a",'
         '"content_type":"text/plain","content":"YQ==",' + stamp + "}}",
         "area_archive.area_id"),
        ('{"t":"csm_consumer","r":{"sys_id":"' + "a" * 40 + '"}}', "longer than 32"),
        ('{"t":"tag","r":{"name":"twice"}}\n{"t":"tag","r":{"name":"twice"}}',
         "the database refused a row of tag"),
    ]  # fmt: skip
    for row, said in hostile:
        answer = await client.post(
            path(workspace, PAGE + "/restore"),
            data={"csrf": csrf},
            files={"snapshot": ("s.jsonl", head + b"\n" + row.encode(), "application/x-ndjson")},
        )
        assert answer.status_code in (400, 409), answer.text
        assert said in answer.text, (row, answer.text)
    for content, status, said in (
        (b"hello\n", 400, "line 1"),
        (theirs.content[:40], 400, "line 1"),
        (b"\xff\xfe", 400, "not UTF-8"),
        (theirs.content, 409, "belongs to another workspace"),
    ):
        answer = await client.post(
            path(workspace, PAGE + "/restore"),
            data={"csrf": csrf},
            files={"snapshot": ("s.jsonl", content, "application/x-ndjson")},
        )
        assert answer.status_code == status, answer.text
        assert said in answer.text
    none = await client.post(path(workspace, PAGE + "/restore"), data={"csrf": csrf})
    assert none.status_code == 400
    forged = await client.post(
        path(workspace, PAGE + "/restore"),
        files={"snapshot": ("s.jsonl", theirs.content, "application/x-ndjson")},
    )
    assert forged.status_code == 403
    assert await names(client, workspace, admin) == ["Stays"]  # nothing harmed
