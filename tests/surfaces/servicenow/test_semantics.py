"""ServiceNow semantics that real clients rely on (issue 7 §4)."""

from __future__ import annotations

import base64
from datetime import datetime

import httpx
import pytest

from frontdesk.domain.access import system
from frontdesk.domain.auth import users
from frontdesk.domain.records import service as records
from frontdesk.domain.services import Services
from frontdesk.domain.workspace import Workspace
from frontdesk.store import records as store
from frontdesk.store.tables import REGISTRY
from tests import factories

pytestmark = pytest.mark.anyio


@pytest.fixture
async def user(services: Services, workspace: Workspace) -> factories.User:
    return await factories.user(services, workspace, roles=("csm_ws_integration",))


def table(workspace: Workspace, rest: str = "") -> str:
    return factories.path(workspace, f"/api/now/table/csm_consumer{rest}")


async def test_empty_and_null_never_match_a_negation(
    client: httpx.AsyncClient, workspace: Workspace, user: factories.User
) -> None:
    """KB0715430: !=, NOT IN, SAMEAS and NSAMEAS never match an empty or NULL value."""
    for first, city in (("Ann", "x"), ("Bo", ""), ("Cy", None), ("Di", "Oslo")):
        made = await client.post(
            table(workspace),
            json={"first_name": first, "last_name": "T", "city": city, "state": "Oslo"},
            headers=user.headers,
        )
        assert made.status_code == 201
    assert await factories.first_names(client, workspace, user, "last_name=T^city!=x") == ["Di"]
    assert await factories.first_names(client, workspace, user, "cityNOT INx,y") == ["Di"]
    assert await factories.first_names(client, workspace, user, "citySAMEASstate") == ["Di"]
    assert await factories.first_names(client, workspace, user, "cityNSAMEASstate") == ["Ann"]
    assert await factories.first_names(client, workspace, user, "cityISEMPTY") == ["Bo", "Cy"]
    assert await factories.first_names(client, workspace, user, "city=") == ["Bo", "Cy"]
    assert (
        await factories.first_names(client, workspace, user, "cityEMPTYSTRING") == []
    )  # stored as NULL
    assert await factories.first_names(client, workspace, user, "cityNOT LIKEx") == [
        "Bo",
        "Cy",
        "Di",
    ]
    shown = await client.get(
        table(workspace),
        params={"sysparm_query": "first_name=Bo", "sysparm_fields": "city"},
        headers=user.headers,
    )
    assert shown.json()["result"] == [{"city": ""}]


@pytest.mark.parametrize(
    "query", ["state=TX^garbage", "ORDERBY^state=TX", "state=TX^javascript:gs.getUserID()"]
)
async def test_an_invalid_part_is_ignored_or_empties_the_result(
    client: httpx.AsyncClient,
    services: Services,
    workspace: Workspace,
    user: factories.User,
    query: str,
) -> None:
    for first, state in (("Ann", "TX"), ("Bo", "CA")):
        await factories.consumer(services, workspace, first_name=first, state=state)
    assert await factories.first_names(client, workspace, user, query) == ["Ann"]
    async with services.write() as unit:
        await records.insert(
            unit,
            system(workspace.id),
            REGISTRY["sys_properties"],
            {"name": "glide.invalid_query.returns_no_rows", "value": "true"},
        )
    assert await factories.first_names(client, workspace, user, query) == []
    assert await factories.first_names(client, workspace, user, "state=TX") == ["Ann"]


async def test_date_times_are_shown_in_the_users_time_zone(
    client: httpx.AsyncClient, services: Services, workspace: Workspace
) -> None:
    tokyo = await factories.user(services, workspace, roles=("csm_ws_integration",))
    async with services.write() as unit:
        await records.update(
            unit, system(workspace.id), users.USERS, tokyo.sys_id, {"time_zone": "Asia/Tokyo"}
        )
    made = await factories.consumer(services, workspace, first_name="Harding")
    async with services.write() as unit:
        await store.update(
            unit.tx,
            REGISTRY["csm_consumer"],
            workspace_id=workspace.id,
            sys_id=made["sys_id"],
            values={"sys_created_on": datetime(2016, 6, 16, 19, 20, 13)},
        )
    fields = {"sysparm_fields": "sys_created_on", "sysparm_display_value": "all"}
    path = table(workspace, f"/{made['sys_id']}")
    shown = await client.get(path, params=fields, headers=tokyo.headers)
    assert shown.json()["result"]["sys_created_on"] == {
        "display_value": "2016-06-17 04:20:13",
        "value": "2016-06-16 19:20:13",
    }
    utc = await factories.user(services, workspace, roles=("csm_ws_integration",))
    plain = await client.get(path, params=fields, headers=utc.headers)
    assert plain.json()["result"]["sys_created_on"]["display_value"] == "2016-06-16 19:20:13"


async def test_input_display_values_are_read_in_the_users_time_zone(
    client: httpx.AsyncClient, services: Services, workspace: Workspace
) -> None:
    tokyo = await factories.user(services, workspace, roles=("admin",))
    async with services.write() as unit:
        await records.update(
            unit, system(workspace.id), users.USERS, tokyo.sys_id, {"time_zone": "Asia/Tokyo"}
        )
    written = await client.post(
        factories.path(workspace, "/api/now/table/sys_user"),
        params={"sysparm_input_display_value": "true", "sysparm_fields": "last_login_time"},
        json={"user_name": "later", "last_login_time": "2016-06-17 04:20:13"},
        headers=tokyo.headers,
    )
    assert written.json()["result"]["last_login_time"] == "2016-06-16 19:20:13"
    raw = await client.post(
        factories.path(workspace, "/api/now/table/sys_user"),
        params={"sysparm_fields": "last_login_time"},
        json={"user_name": "raw", "last_login_time": "2016-06-17 04:20:13"},
        headers=tokyo.headers,
    )
    assert raw.json()["result"]["last_login_time"] == "2016-06-17 04:20:13"


async def test_a_batch_item_without_headers_has_an_empty_list(
    client: httpx.AsyncClient, workspace: Workspace, user: factories.User
) -> None:
    item = {
        "id": "1",
        "method": "GET",
        "url": f"/s/{workspace.name}/api/now/table/csm_consumer",
        "exclude_response_headers": True,
    }
    response = await client.post(
        factories.path(workspace, "/api/now/v1/batch"),
        json={"batch_request_id": "b", "rest_requests": [item]},
        headers=user.headers,
    )
    (answer,) = response.json()["serviced_requests"]
    assert answer["headers"] == []
    assert base64.b64decode(answer["body"]) == b'{"result":[]}'


async def test_text_plain_on_a_write_is_415(
    client: httpx.AsyncClient, workspace: Workspace, user: factories.User
) -> None:
    response = await client.post(
        table(workspace),
        content=b'{"first_name": "Plain"}',
        headers={**user.headers, "Content-Type": "text/plain"},
    )
    assert response.status_code == 415
    assert response.json()["error"]["message"] == "Unsupported Media Type"


async def test_sys_domain_links_to_the_global_group(
    client: httpx.AsyncClient, services: Services, workspace: Workspace, user: factories.User
) -> None:
    made = await factories.consumer(services, workspace, first_name="D")
    record = await client.get(
        table(workspace, f"/{made['sys_id']}"),
        params={"sysparm_fields": "sys_domain", "sysparm_display_value": "all"},
        headers=user.headers,
    )
    domain = record.json()["result"]["sys_domain"]
    assert domain["value"] == "global"
    assert domain["display_value"] == "global"
    group = await client.get(domain["link"], headers=user.headers)
    assert group.status_code == 200
    assert group.json()["result"]["name"] == "global"
