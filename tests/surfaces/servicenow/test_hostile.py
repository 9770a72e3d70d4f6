"""Hostile input never answers 500, and harms nothing stored (issue 7 §1's reproducers)."""

from __future__ import annotations

import asyncio
import base64
import uuid
from typing import Any

import httpx
import pytest

from frontdesk.domain.services import Services
from frontdesk.domain.workspace import Workspace
from tests import factories

pytestmark = pytest.mark.anyio
HUGE = "99999999999999999999"


@pytest.fixture
async def user(services: Services, workspace: Workspace) -> factories.User:
    return await factories.user(services, workspace, roles=("csm_ws_integration",))


@pytest.fixture
async def people(services: Services, workspace: Workspace) -> list[dict[str, object]]:
    return [
        await factories.consumer(services, workspace, first_name=name, city="Plano")
        for name in ("Ann", "Bo")
    ]


def table(workspace: Workspace, rest: str = "") -> str:
    return factories.path(workspace, f"/api/now/table/csm_consumer{rest}")


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("sysparm_limit=%C2%B2", "Invalid value for sysparm_limit"),
        ("sysparm_offset=%D9%A3", "Invalid value for sysparm_offset"),
        ("sysparm_offset=9223372036854775808", "Invalid value for sysparm_offset"),
    ],
)
async def test_numbers_that_are_not_ours(
    client: httpx.AsyncClient, workspace: Workspace, user: factories.User, query: str, message: str
) -> None:
    response = await client.get(table(workspace) + "?" + query, headers=user.headers)
    assert response.status_code == 400
    assert response.json()["error"]["message"] == message


async def test_the_largest_offset_is_an_empty_page(
    client: httpx.AsyncClient, workspace: Workspace, user: factories.User, people: list[object]
) -> None:
    response = await client.get(
        table(workspace), params={"sysparm_offset": str(2**63 - 1)}, headers=user.headers
    )
    assert (response.status_code, response.json()) == (200, {"result": []})


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        (f"sys_mod_count>{HUGE}", []),
        (f"sys_mod_count<{HUGE}", ["Ann", "Bo"]),
        (f"sys_mod_count>-{HUGE}", ["Ann", "Bo"]),
        (f"sys_mod_count={HUGE}", []),
        (f"sys_mod_count!={HUGE}", ["Ann", "Bo"]),
        (f"sys_mod_countBETWEEN0@{HUGE}", ["Ann", "Bo"]),
        (f"sys_mod_countBETWEEN{HUGE}@{HUGE}1", []),
        (f"sys_mod_countIN0,{HUGE}", ["Ann", "Bo"]),
        (f"sys_mod_countIN{HUGE}", []),
        (f"sys_mod_countNOT IN{HUGE}", ["Ann", "Bo"]),
    ],
)
async def test_numbers_past_64_bits_in_conditions(
    client: httpx.AsyncClient,
    workspace: Workspace,
    user: factories.User,
    people: list[object],
    query: str,
    expected: list[str],
) -> None:
    assert await factories.first_names(client, workspace, user, query) == expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("sys_created_on>javascript:gs.daysAgo(1000000)", ["Ann", "Bo"]),
        ("sys_created_on<javascript:gs.daysAgo(1000000)", []),
        ("sys_created_on<javascript:gs.yearsAgo(9000)", []),
        ("sys_created_onRELATIVEGT@hour@ago@99999999999", ["Ann", "Bo"]),
        ("sys_created_onRELATIVELT@year@ahead@99999999999", ["Ann", "Bo"]),
        ("sys_created_on>javascript:gs.monthsAgoStart(999999)", ["Ann", "Bo"]),
        ("sys_created_on<javascript:gs.dateGenerate('9999-12-31','23:59:59')", ["Ann", "Bo"]),
        ("sys_created_on<javascript:gs.dateGenerate('9999-12-31','end')", ["Ann", "Bo"]),
        ("sys_created_onON9999-12-31", []),
        ("sys_created_onMORETHANsys_updated_on@year@after@99999999999", []),
    ],
)
async def test_dates_out_of_range(
    client: httpx.AsyncClient,
    workspace: Workspace,
    user: factories.User,
    people: list[object],
    query: str,
    expected: list[str],
) -> None:
    assert await factories.first_names(client, workspace, user, query) == expected


async def test_an_integer_value_out_of_range_is_refused_and_harms_nothing(
    client: httpx.AsyncClient,
    workspace: Workspace,
    user: factories.User,
    people: list[dict[str, Any]],
) -> None:
    path = table(workspace, f"/{people[0]['sys_id']}")
    refused = await client.patch(path, json={"notification": HUGE}, headers=user.headers)
    assert refused.status_code == 400
    assert refused.json()["error"]["message"] == "Invalid value for field notification"
    kept = await client.get(path, params={"sysparm_fields": "notification"}, headers=user.headers)
    assert kept.json()["result"] == {"notification": "2"}


async def test_a_number_past_the_counter_is_kept_as_given(
    client: httpx.AsyncClient, workspace: Workspace, user: factories.User
) -> None:
    fields = {"sysparm_fields": "number"}
    made = await client.post(
        table(workspace), params=fields, json={"number": f"CSMR{HUGE}"}, headers=user.headers
    )
    assert made.status_code == 201
    assert made.json()["result"]["number"] == f"CSMR{HUGE}"
    after = await client.post(table(workspace), params=fields, json={}, headers=user.headers)
    assert after.json()["result"]["number"] == "CSMR0000001"


async def test_xml_nested_a_thousand_levels(
    client: httpx.AsyncClient, workspace: Workspace, user: factories.User
) -> None:
    body = b"<request>" + b"<a>" * 1000 + b"x" + b"</a>" * 1000 + b"</request>"
    response = await client.post(
        table(workspace),
        content=body,
        headers={**user.headers, "Content-Type": "application/xml"},
    )
    assert response.status_code == 400
    assert response.json()["error"]["message"] == "Exception while reading request"


@pytest.mark.parametrize(
    "bad",
    [
        {"body": {"not": "a string"}},
        {"body": 12},
        {"headers": {"name": "Accept", "value": "application/json"}},
        {"headers": ["Accept: application/json"]},
        {"headers": [{"name": "X-Note", "value": "\u20ac"}]},
        {"headers": [{"name": "X-\u20ac", "value": "x"}]},
    ],
)
async def test_a_bad_inner_request_fails_alone(
    client: httpx.AsyncClient, workspace: Workspace, user: factories.User, bad: dict[str, object]
) -> None:
    url = f"/s/{workspace.name}/api/now/table/csm_consumer?sysparm_limit=1"
    good = {"id": "good", "method": "GET", "url": url}
    response = await client.post(
        f"/s/{workspace.name}/api/now/v1/batch",
        json={"batch_request_id": "1", "rest_requests": [{**good, "id": "bad", **bad}, good]},
        headers=user.headers,
    )
    assert response.status_code == 200
    answers = {a["id"]: a["status_code"] for a in response.json()["serviced_requests"]}
    assert answers == {"bad": 400, "good": 200}


async def test_nul_characters(
    client: httpx.AsyncClient,
    workspace: Workspace,
    user: factories.User,
    people: list[dict[str, Any]],
) -> None:
    path = table(workspace, f"/{people[0]['sys_id']}")
    refused = await client.patch(path, json={"city": "Pla\u0000no"}, headers=user.headers)
    assert refused.status_code == 400
    assert await factories.first_names(client, workspace, user, "city=Pla\u0000no") == ["Ann", "Bo"]
    assert await factories.first_names(client, workspace, user, "cityLIKE\u0000") == ["Ann", "Bo"]
    assert (await client.get(table(workspace, "/abc%00"), headers=user.headers)).status_code == 404
    filtered = await client.get(
        table(workspace), params={"city": "Pla\u0000no"}, headers=user.headers
    )
    assert filtered.status_code == 200
    nobody = base64.b64encode(b"ad\x00min:x").decode()
    assert (
        await client.get(table(workspace), headers={"Authorization": f"Basic {nobody}"})
    ).status_code == 401
    assert (await client.get("/s/ws%00x/api/now/table/csm_consumer")).status_code == 404
    kept = await client.get(path, params={"sysparm_fields": "city"}, headers=user.headers)
    assert kept.json()["result"] == {"city": "Plano"}


async def test_concurrent_inserts_of_one_sys_id(
    client: httpx.AsyncClient, workspace: Workspace, user: factories.User
) -> None:
    chosen = uuid.uuid4().hex

    async def insert(index: int) -> int:
        response = await client.post(
            table(workspace),
            json={"sys_id": chosen, "first_name": f"P{index}"},
            headers=user.headers,
        )
        if response.status_code == 400:
            assert response.json()["error"]["message"] == "Operation Failed"
        return response.status_code

    statuses = await asyncio.gather(*(insert(i) for i in range(20)))
    assert sorted(statuses) == [201] + [400] * 19
    listed = await client.get(table(workspace), headers=user.headers)
    assert [r["sys_id"] for r in listed.json()["result"]] == [chosen]
    assert listed.headers["x-total-count"] == "1"


async def test_concurrent_uploads_of_the_same_new_content(
    client: httpx.AsyncClient,
    workspace: Workspace,
    user: factories.User,
    people: list[dict[str, Any]],
) -> None:
    content = uuid.uuid4().bytes * 1000

    async def upload(index: int) -> int:
        response = await client.post(
            factories.path(workspace, "/api/now/attachment/file"),
            params={
                "table_name": "csm_consumer",
                "table_sys_id": str(people[0]["sys_id"]),
                "file_name": f"same{index}.bin",
            },
            content=content,
            headers={**user.headers, "Content-Type": "application/octet-stream"},
        )
        return response.status_code

    assert await asyncio.gather(*(upload(i) for i in range(20))) == [201] * 20
    listed = await client.get(
        factories.path(workspace, "/api/now/attachment"), headers=user.headers
    )
    files = listed.json()["result"]
    assert len(files) == 20
    download = await client.get(
        factories.path(workspace, f"/api/now/attachment/{files[0]['sys_id']}/file"),
        headers=user.headers,
    )
    assert download.content == content


async def test_a_repeated_parameter_is_read_as_its_first_value_or_refused(
    client: httpx.AsyncClient, workspace: Workspace, user: factories.User, people: list[object]
) -> None:
    fields = await client.get(
        table(workspace) + "?sysparm_fields=first_name&sysparm_fields=city", headers=user.headers
    )
    assert {frozenset(r) for r in fields.json()["result"]} == {frozenset({"first_name"})}
    for twice in ("sysparm_limit=1&sysparm_limit=", "sysparm_offset=0&sysparm_offset=1"):
        refused = await client.get(table(workspace) + "?" + twice, headers=user.headers)
        assert refused.status_code == 400
        assert "given more than once" in refused.json()["error"]["detail"]


@pytest.mark.parametrize("limit", ["\u00852", "+2", " 2 x", "2\u00a0"])
async def test_a_number_is_only_ascii_digits_trimmed_as_a_servlet_trims(
    client: httpx.AsyncClient, workspace: Workspace, user: factories.User, limit: str
) -> None:
    response = await client.get(
        table(workspace), params={"sysparm_limit": limit}, headers=user.headers
    )
    assert response.status_code == 400
