"""The Table API: shapes of research §2.3, every sysparm_*, access, and bad input."""

from __future__ import annotations

from xml.etree import ElementTree

import httpx
import pytest

from frontdesk.domain.services import Services
from frontdesk.domain.workspace import Workspace
from tests import factories

pytestmark = pytest.mark.anyio


@pytest.fixture
async def user(services: Services, workspace: Workspace) -> factories.User:
    return await factories.user(
        services, workspace, roles=("csm_ws_integration",), user_name="integration"
    )


@pytest.fixture
async def people(
    services: Services, workspace: Workspace, user: factories.User
) -> dict[str, dict[str, object]]:
    household = await factories.record(
        services, workspace, "csm_household", name="Garcia Household"
    )
    found = {}
    for first, last, city, notification in [
        ("Harding", "Asher", "Plano", 2),
        ("Sam", "Collins", "San Francisco", 2),
        ("Maria", "Garcia", "Austin", 1),
    ]:
        found[first] = await factories.consumer(
            services,
            workspace,
            first_name=first,
            last_name=last,
            city=city,
            notification=notification,
            household=household["sys_id"] if last == "Garcia" else None,
        )
    found["household"] = household
    return found


def url(workspace: Workspace, rest: str) -> str:
    return factories.path(workspace, f"/api/now/table{rest}")


async def test_list_with_count_links_and_fields(
    client: httpx.AsyncClient,
    workspace: Workspace,
    user: factories.User,
    people: dict[str, dict[str, object]],
) -> None:
    response = await client.get(
        url(workspace, "/csm_consumer"),
        params={
            "sysparm_query": "ORDERBYname",
            "sysparm_limit": "2",
            "sysparm_fields": "name,city,bogus",
        },
        headers=user.headers,
    )
    assert response.status_code == 200
    assert response.json() == {
        "result": [
            {"name": "Harding Asher", "city": "Plano"},
            {"name": "Maria Garcia", "city": "Austin"},
        ]
    }
    assert response.headers["x-total-count"] == "3"
    base = f"http://testserver/s/{workspace.name}/api/now/table/csm_consumer?sysparm_query=ORDERBYname&sysparm_fields=name%2Ccity%2Cbogus"
    assert response.headers["link"] == (
        f'<{base}&sysparm_offset=0&sysparm_limit=2>;rel="first",'
        f'<{base}&sysparm_offset=2&sysparm_limit=2>;rel="next",'
        f'<{base}&sysparm_offset=2&sysparm_limit=2>;rel="last"'
    )
    quiet = await client.get(
        url(workspace, "/csm_consumer"),
        params={
            "sysparm_limit": "2",
            "sysparm_no_count": "True",
            "sysparm_suppress_pagination_header": "TRUE",
        },
        headers=user.headers,
    )
    assert "x-total-count" not in quiet.headers
    assert "link" not in quiet.headers
    one_page = await client.get(url(workspace, "/csm_consumer"), headers=user.headers)
    assert "link" not in one_page.headers  # everything fits


async def test_references_and_display_values(
    client: httpx.AsyncClient,
    workspace: Workspace,
    user: factories.User,
    people: dict[str, dict[str, object]],
) -> None:
    maria, household = people["Maria"], people["household"]
    path = url(workspace, f"/csm_consumer/{maria['sys_id']}")
    fields = {"sysparm_fields": "household,notification,active,household.name"}
    link = f"http://testserver/s/{workspace.name}/api/now/table/csm_household/{household['sys_id']}"
    plain = (await client.get(path, params=fields, headers=user.headers)).json()["result"]
    assert plain == {
        "household": {"link": link, "value": household["sys_id"]},
        "notification": "1",
        "active": "true",
        "household.name": "Garcia Household",
    }
    shown = (
        await client.get(
            path, params={**fields, "sysparm_display_value": "true"}, headers=user.headers
        )
    ).json()
    assert shown["result"]["household"] == {"display_value": "Garcia Household", "link": link}
    assert shown["result"]["notification"] == "Disable"
    both = await client.get(
        path,
        params={**fields, "sysparm_display_value": "all", "sysparm_exclude_reference_link": "true"},
        headers=user.headers,
    )
    assert both.json()["result"] == {
        "household": {"display_value": "Garcia Household", "value": household["sys_id"]},
        "notification": {"display_value": "Disable", "value": "1"},
        "active": {"display_value": "true", "value": "true"},
        "household.name": {"display_value": "Garcia Household", "value": "Garcia Household"},
    }
    bare = await client.get(
        path, params={**fields, "sysparm_exclude_reference_link": "true"}, headers=user.headers
    )
    assert bare.json()["result"]["household"] == household["sys_id"]
    empty = await client.get(
        url(workspace, f"/csm_consumer/{people['Sam']['sys_id']}"),
        params={"sysparm_fields": "household", "sysparm_display_value": "all"},
        headers=user.headers,
    )
    assert empty.json()["result"]["household"] == {"display_value": "", "value": ""}


async def test_name_value_filters(
    client: httpx.AsyncClient,
    workspace: Workspace,
    user: factories.User,
    people: dict[str, dict[str, object]],
) -> None:
    async def names(params: dict[str, str]) -> list[str]:
        response = await client.get(
            url(workspace, "/csm_consumer"),
            params={**params, "sysparm_query": "ORDERBYname"},
            headers=user.headers,
        )
        return [r["name"] for r in response.json()["result"]]

    assert await names({"city": "plano"}) == ["Harding Asher"]
    assert await names({"notification": "Disable"}) == ["Maria Garcia"]  # a choice by its label
    assert await names({"household": "Garcia Household"}) == [
        "Maria Garcia"
    ]  # a reference by display
    assert await names({"notification": "2", "city": "Austin"}) == []


async def test_v1_empty_is_404_and_v2_is_200(
    client: httpx.AsyncClient, workspace: Workspace, user: factories.User
) -> None:
    query = {"sysparm_query": "city=Nowhere"}
    v1 = await client.get(
        factories.path(workspace, "/api/now/v1/table/csm_consumer"),
        params=query,
        headers=user.headers,
    )
    assert v1.status_code == 404
    assert v1.json()["error"]["message"] == "No Record found"
    v2 = await client.get(
        factories.path(workspace, "/api/now/v2/table/csm_consumer"),
        params=query,
        headers=user.headers,
    )
    assert (v2.status_code, v2.json()) == (200, {"result": []})


async def test_create_update_delete(
    client: httpx.AsyncClient, workspace: Workspace, user: factories.User
) -> None:
    created = await client.post(
        url(workspace, "/csm_consumer"),
        json={"first_name": "Ann", "last_name": "Lee", "active": True, "notification": 1},
        params={"sysparm_fields": "sys_id,name,number,active,notification"},
        headers=user.headers,
    )
    assert created.status_code == 201
    record = created.json()["result"]
    assert record["name"] == "Ann Lee"
    assert (record["active"], record["notification"], record["number"]) == (
        "true",
        "1",
        "CSMR0000001",
    )
    location = created.headers["location"]
    assert (
        location
        == f"http://testserver/s/{workspace.name}/api/now/table/csm_consumer/{record['sys_id']}"
    )
    for method in ("PUT", "PATCH"):
        changed = await client.request(
            method, location, json={"city": method}, headers=user.headers
        )
        assert changed.status_code == 200
        assert changed.json()["result"]["city"] == method
    assert changed.json()["result"]["sys_mod_count"] == "2"
    silent = await client.patch(
        location, json={"city": "Quiet"}, headers={**user.headers, "X-no-response-body": "true"}
    )
    assert (silent.status_code, silent.content) == (200, b"")
    deleted = await client.delete(location, headers=user.headers)
    assert (deleted.status_code, deleted.content) == (204, b"")
    gone = await client.get(location, headers=user.headers)
    assert gone.status_code == 404


async def test_input_display_values(
    client: httpx.AsyncClient,
    workspace: Workspace,
    user: factories.User,
    people: dict[str, dict[str, object]],
) -> None:
    as_labels = {"sysparm_input_display_value": "true", "sysparm_fields": "notification,household"}
    made = await client.post(
        url(workspace, "/csm_consumer"),
        params=as_labels,
        json={"first_name": "Lab", "notification": "Disable", "household": "Garcia Household"},
        headers=user.headers,
    )
    assert made.json()["result"]["notification"] == "1"
    assert made.json()["result"]["household"]["value"] == people["household"]["sys_id"]
    raw = await client.post(
        url(workspace, "/csm_consumer"),
        params={"sysparm_fields": "notification"},
        json={"first_name": "Raw", "notification": "1"},
        headers=user.headers,
    )
    assert raw.json()["result"]["notification"] == "1"
    location = made.headers["location"]
    changed = await client.patch(
        location, params=as_labels, json={"notification": "enable"}, headers=user.headers
    )
    assert changed.json()["result"]["notification"] == "2"


async def test_method_override_and_head(
    client: httpx.AsyncClient, workspace: Workspace, user: factories.User
) -> None:
    made = await factories.consumer(client._transport.app.state.services, workspace, first_name="O")  # type: ignore[attr-defined]
    path = url(workspace, f"/csm_consumer/{made['sys_id']}")
    overridden = await client.post(
        path, json={"city": "Override"}, headers={**user.headers, "X-HTTP-Method-Override": "PATCH"}
    )
    assert overridden.status_code == 200
    assert overridden.json()["result"]["city"] == "Override"
    head = await client.head(url(workspace, "/csm_consumer"), headers=user.headers)
    assert head.status_code == 200
    assert head.headers["x-total-count"] == "1"


async def test_xml_in_and_out(
    client: httpx.AsyncClient, workspace: Workspace, user: factories.User
) -> None:
    body = b"<request><entry><first_name>Xml</first_name><city>Oslo</city></entry></request>"
    created = await client.post(
        url(workspace, "/csm_consumer"),
        content=body,
        headers={**user.headers, "Content-Type": "application/xml", "Accept": "application/xml"},
    )
    assert created.status_code == 201
    result = ElementTree.fromstring(created.content).find("result")
    assert result is not None
    assert result.findtext("city") == "Oslo"
    assert result.find("user") is not None
    assert result.findtext("sys_domain/value") == "global"
    assert result.findtext("sys_domain/link", "").endswith("/api/now/table/sys_user_group/global")


async def test_access_by_table(
    client: httpx.AsyncClient, services: Services, workspace: Workspace
) -> None:
    agent = await factories.user(services, workspace, roles=("sn_esm_agent",))
    readable = await client.get(url(workspace, "/csm_consumer"), headers=agent.headers)
    assert readable.status_code == 200
    write = await client.post(
        url(workspace, "/csm_consumer"), json={"first_name": "No"}, headers=agent.headers
    )
    assert write.status_code == 403
    assert write.json()["error"]["message"] == "Insufficient rights to create records"
    secret = await client.get(url(workspace, "/sys_properties"), headers=agent.headers)
    assert secret.status_code == 403
    assert secret.json() == {
        "error": {
            "message": "Insufficient rights to query records",
            "detail": "reading sys_properties requires the role admin",
        },
        "status": "failure",
    }
    admin = await factories.user(services, workspace, roles=("admin",))
    users = (
        await client.get(
            url(workspace, "/sys_user"),
            params={"sysparm_fields": "user_name,user_password"},
            headers=admin.headers,
        )
    ).json()
    assert all(set(u) == {"user_name"} for u in users["result"])  # password hashes never leave


XML_BOMB = (
    b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>'
    b"<request><first_name>&lol2;</first_name></request>"
)


@pytest.mark.parametrize(
    ("method", "path", "kwargs", "status", "message"),
    [
        ("GET", "/nope", {}, 400, "Invalid table nope"),
        ("POST", "/nope", {"json": {}}, 400, "Invalid table nope"),
        ("GET", "/csm_consumer?sysparm_offset=-5", {}, 400, "Invalid value for sysparm_offset"),
        ("GET", "/csm_consumer?sysparm_limit=x", {}, 400, "Invalid value for sysparm_limit"),
        (
            "POST",
            "/csm_consumer",
            {"content": b"{", "headers": {"Content-Type": "application/json"}},
            400,
            "Exception while reading request",
        ),
        (
            "POST",
            "/csm_consumer",
            {"content": b"<a><b>", "headers": {"Content-Type": "application/xml"}},
            400,
            "Exception while reading request",
        ),
        (
            "POST",
            "/csm_consumer",
            {"content": XML_BOMB, "headers": {"Content-Type": "application/xml"}},
            400,
            "Exception while reading request",
        ),
        (
            "POST",
            "/csm_consumer",
            {"content": b"a=b", "headers": {"Content-Type": "application/x-www-form-urlencoded"}},
            415,
            "Unsupported Media Type",
        ),
        ("PATCH", "/csm_consumer/" + "f" * 32, {"json": {"city": "x"}}, 404, "No Record found"),
        ("DELETE", "/csm_consumer/" + "f" * 32, {}, 404, "No Record found"),
        (
            "POST",
            "/csm_consumer",
            {"json": {"active": "sometimes"}},
            400,
            "Invalid value for field active",
        ),
    ],
)
async def test_bad_input(
    client: httpx.AsyncClient,
    workspace: Workspace,
    user: factories.User,
    method: str,
    path: str,
    kwargs: dict[str, object],
    status: int,
    message: str,
) -> None:
    extra = {k: v for k, v in kwargs.items() if k != "headers"}
    headers = {**user.headers, **kwargs.get("headers", {})}  # type: ignore[dict-item]
    response = await client.request(method, url(workspace, path), headers=headers, **extra)  # type: ignore[arg-type]
    assert response.status_code == status
    assert response.json()["status"] == "failure"
    assert response.json()["error"]["message"] == message


async def test_unknown_fields_are_ignored(
    client: httpx.AsyncClient, workspace: Workspace, user: factories.User
) -> None:
    created = await client.post(
        url(workspace, "/csm_consumer"),
        json={"first_name": "U", "shoe_size": 44},
        headers=user.headers,
    )
    assert created.status_code == 201
    assert "shoe_size" not in created.json()["result"]
    listed = await client.get(
        url(workspace, "/csm_consumer"), params={"shoe_size": "44"}, headers=user.headers
    )
    assert len(listed.json()["result"]) == 1  # an unknown name=value filter is ignored
