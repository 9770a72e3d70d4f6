"""The Consumer API as its spec shows it, and its failures in ServiceNow's shape."""

from __future__ import annotations

from xml.etree import ElementTree

import httpx
import pytest

from frontdesk.domain.access import system
from frontdesk.domain.records import service as records
from frontdesk.domain.services import Services
from frontdesk.domain.workspace import Workspace
from frontdesk.store.tables import REGISTRY
from tests import factories
from tests.surfaces.servicenow import spec_examples as spec

pytestmark = pytest.mark.anyio
JSON = {"Accept": "application/json"}
NOT_AUTHENTICATED = {
    "error": {
        "message": "User Not Authenticated",
        "detail": "Required to provide Auth information",
    },
    "status": "failure",
}
NOT_FOUND = {
    "error": {
        "message": "No Record found",
        "detail": "Record doesn't exist or ACL restricts the record retrieval",
    },
    "status": "failure",
}


async def test_get_returns_the_documented_record(
    client: httpx.AsyncClient, demo_auth: tuple[str, str]
) -> None:
    response = await client.get(spec.GET_URL, headers=JSON, auth=demo_auth)
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/json"
    assert response.json() == {"result": spec.HARDING}


async def test_list_example_answers_as_documented(
    client: httpx.AsyncClient, demo_auth: tuple[str, str]
) -> None:
    response = await client.get(spec.LIST_URL, headers=JSON, auth=demo_auth)
    assert response.status_code == 200
    body = response.json()
    assert body["result"] == [spec.HARDING, spec.SAM]
    assert body["hasMore"] is True
    links = response.headers["link"]
    assert 'sysparm_offset=4&sysparm_limit=2>;rel="next"' in links
    assert 'sysparm_offset=0&sysparm_limit=2>;rel="prev"' in links
    assert links.startswith("<http://testserver/api/now/consumer?sysparm_query=account%3D86837a")


@pytest.mark.parametrize("version", ["v1", "v2"])
async def test_versioned_paths(
    client: httpx.AsyncClient, demo_auth: tuple[str, str], version: str
) -> None:
    one = await client.get(spec.GET_URL.replace("/now/", f"/now/{version}/"), auth=demo_auth)
    assert one.json() == {"result": spec.HARDING}
    page = await client.get(f"/api/now/{version}/consumer", auth=demo_auth)
    assert len(page.json()["result"]) == 10  # the default limit


async def test_paging_walks_every_consumer_once(
    client: httpx.AsyncClient, demo_auth: tuple[str, str]
) -> None:
    seen: list[str] = []
    url: str | None = "/api/now/consumer?sysparm_limit=7"
    while url:
        response = await client.get(url, auth=demo_auth)
        body = response.json()
        seen += [r["sys_id"] for r in body["result"]]
        nexts = [
            p["url"]
            for p in httpx.Response(200, headers=response.headers).links.values()
            if p.get("rel") == "next"
        ]
        assert bool(nexts) == body["hasMore"]
        url = nexts[0] if nexts else None
    assert len(seen) == len(set(seen)) == 34  # 28 ServiceNow examples, 6 Cention people
    assert seen == sorted(seen)


async def integration_user(services: Services, workspace: Workspace) -> factories.User:
    return await factories.user(
        services, workspace, roles=("csm_ws_integration",), user_name="integration"
    )


async def test_post_creates_the_consumer_and_ignores_unknown_fields(
    client: httpx.AsyncClient, services: Services, workspace: Workspace
) -> None:
    user = await integration_user(services, workspace)
    url = factories.path(workspace, "/api/now/consumer")
    body = {**spec.POST_BODY, "no_such_field": "x"}
    response = await client.post(url, json=body, headers={**JSON, **user.headers})
    assert response.status_code == 201
    sys_id = response.json()["result"]
    assert isinstance(sys_id, str)
    assert len(sys_id) == 32
    made = (await client.get(f"{url}/{sys_id}", headers=user.headers)).json()["result"]
    expected = {k: v for k, v in spec.POST_BODY.items() if k != "name"}
    assert {k: made[k] for k in expected} == expected
    assert made["name"] == "Jane Dell Brown"  # first + middle + last, as the field is defined
    assert made["number"] == "CSMR0000001"
    assert made["sys_created_by"] == "integration"
    assert "no_such_field" not in made
    with_profile = "RLQUERYsn_app_cs_social_social_profile.consumer,>=1^ENDRLQUERY"
    profiles = await client.get(url, params={"sysparm_query": with_profile}, headers=user.headers)
    assert profiles.json()["result"] == []  # no social fields, no social profile


async def test_post_with_social_fields_creates_a_social_profile(
    client: httpx.AsyncClient, services: Services, workspace: Workspace
) -> None:
    user = await integration_user(services, workspace)
    url = factories.path(workspace, "/api/now/consumer")
    social = {
        "social_channel": "Twitter",
        "social_handle": "sol",
        "social_handle_url": "https://twitter.com/sol",
    }
    made = await client.post(url, json={"first_name": "Sol", **social}, headers=user.headers)
    profile = (
        "RLQUERYsn_app_cs_social_social_profile.consumer,>=1^channel=twitter^profile=sol"
        "^profile_url=https://twitter.com/sol^ENDRLQUERY"
    )
    found = await client.get(url, params={"sysparm_query": profile}, headers=user.headers)
    assert [r["sys_id"] for r in found.json()["result"]] == [made.json()["result"]]
    partial = {"first_name": "Half", "social_channel": "Twitter", "social_handle": "half"}
    await client.post(url, json=partial, headers=user.headers)
    found = await client.get(
        url, params={"sysparm_query": profile.replace("sol", "half")}, headers=user.headers
    )
    assert found.json()["result"] == []


async def test_xml(client: httpx.AsyncClient, demo_auth: tuple[str, str]) -> None:
    response = await client.get(spec.GET_URL, headers={"Accept": "application/xml"}, auth=demo_auth)
    assert response.headers["content-type"] == "application/xml"
    assert response.text.startswith('<?xml version="1.0" encoding="UTF-8"?><response><result>')
    result = ElementTree.fromstring(response.content).find("result")
    assert result is not None
    assert {child.tag: child.text or "" for child in result} == spec.HARDING
    assert "<household/>" in response.text
    listed = await client.get(
        "/api/now/consumer?sysparm_limit=3", headers={"Accept": "application/xml"}, auth=demo_auth
    )
    root = ElementTree.fromstring(listed.content)
    assert len(root.findall("result")) == 3
    assert root.findtext("hasMore") == "true"


async def test_custom_fields_are_returned(
    client: httpx.AsyncClient, services: Services, workspace: Workspace
) -> None:
    user = await factories.user(services, workspace, roles=("csm_ws_integration",))
    async with services.write() as unit:
        entry = {"name": "csm_consumer", "element": "u_segment"}
        await records.insert(unit, system(workspace.id), REGISTRY["sys_dictionary"], entry)
    other = await factories.consumer(services, workspace, first_name="Plain")
    url = factories.path(workspace, "/api/now/consumer")
    made = await client.post(
        url, json={"first_name": "C", "u_segment": "vip"}, headers=user.headers
    )
    found = await client.get(f"{url}/{made.json()['result']}", headers=user.headers)
    assert found.json()["result"]["u_segment"] == "vip"
    plain = await client.get(f"{url}/{other['sys_id']}", headers=user.headers)
    assert plain.json()["result"]["u_segment"] == ""
    queried = await client.get(f"{url}?sysparm_query=u_segment=VIP", headers=user.headers)
    assert [r["first_name"] for r in queried.json()["result"]] == ["C"]


async def test_bad_credentials(client: httpx.AsyncClient, demo: object) -> None:
    for auth in (("admin", "wrong"), ("nobody", "x")):
        response = await client.get(spec.GET_URL, auth=auth)
        assert response.status_code == 401
        assert response.json() == NOT_AUTHENTICATED
    missing = await client.get(spec.GET_URL)
    assert missing.status_code == 401
    assert missing.json() == NOT_AUTHENTICATED


async def test_a_user_without_the_role_is_forbidden(
    client: httpx.AsyncClient, services: Services, workspace: Workspace
) -> None:
    agent = await factories.user(services, workspace, roles=("sn_esm_agent",))
    response = await client.get(
        factories.path(workspace, "/api/now/consumer"), headers=agent.headers
    )
    assert response.status_code == 403
    assert response.json() == {
        "error": {
            "message": "User Not Authorized",
            "detail": "The Consumer API requires the role admin or csm_ws_integration",
        },
        "status": "failure",
    }


@pytest.mark.parametrize(
    ("method", "url", "kwargs", "status", "message"),
    [
        ("GET", "/api/now/consumer/ffffffffffffffffffffffffffffffff", {}, 404, "No Record found"),
        ("GET", "/api/now/consumer?sysparm_offset=-1", {}, 400, "Invalid value for sysparm_offset"),
        ("GET", "/api/now/consumer?sysparm_limit=ten", {}, 400, "Invalid value for sysparm_limit"),
        ("GET", "/api/now/consumer?sysparm_limit=1.5", {}, 400, "Invalid value for sysparm_limit"),
        (
            "POST",
            "/api/now/consumer",
            {"content": b"{not json", "headers": {"Content-Type": "application/json"}},
            400,
            "Exception while reading request",
        ),
        (
            "POST",
            "/api/now/consumer",
            {"content": b"[1, 2]"},
            400,
            "Exception while reading request",
        ),
        ("POST", "/api/now/consumer", {"content": b""}, 400, "Exception while reading request"),
        (
            "POST",
            "/api/now/consumer",
            {"json": {"notification": "often"}},
            400,
            "Invalid value for field notification",
        ),
        ("POST", "/api/now/consumer", {"json": {"sys_id": "nope"}}, 400, "Invalid sys_id"),
        (
            "POST",
            "/api/now/consumer",
            {"content": b"<request/>", "headers": {"Content-Type": "application/xml"}},
            415,
            "Unsupported Media Type",
        ),
        ("GET", spec.GET_URL, {"headers": {"Accept": "text/html"}}, 406, "Not Acceptable"),
    ],
)
async def test_bad_input_gets_a_clear_4xx(
    client: httpx.AsyncClient,
    demo_auth: tuple[str, str],
    method: str,
    url: str,
    kwargs: dict[str, object],
    status: int,
    message: str,
) -> None:
    response = await client.request(method, url, auth=demo_auth, **kwargs)  # type: ignore[arg-type]
    assert response.status_code == status
    body = response.json()
    assert body["status"] == "failure"
    assert body["error"]["message"] == message
    assert body["error"]["detail"]


@pytest.mark.parametrize("query", ["active", "RLQUERYx.y,>=1", "active=true^name"])
async def test_a_part_that_is_not_a_query_is_ignored(
    client: httpx.AsyncClient, demo_auth: tuple[str, str], query: str
) -> None:
    """Issue 7: as the platform ignores an invalid part, never a 400."""
    everyone = await client.get("/api/now/consumer", params={"sysparm_limit": 50}, auth=demo_auth)
    response = await client.get(
        "/api/now/consumer", params={"sysparm_query": query, "sysparm_limit": 50}, auth=demo_auth
    )
    assert response.status_code == 200
    assert response.json() == everyone.json()


async def test_an_oversized_body_is_refused(
    client: httpx.AsyncClient, demo_auth: tuple[str, str]
) -> None:
    big = b'{"notes": "' + b"x" * (11 * 1024 * 1024) + b'"}'
    response = await client.post("/api/now/consumer", content=big, auth=demo_auth)
    assert response.status_code == 413
    assert response.json()["error"]["message"] == "Exception while reading request"
    assert "Max allowed: 10485760 bytes" in response.json()["error"]["detail"]


async def test_workspaces_never_see_each_other(
    client: httpx.AsyncClient, services: Services, workspace: Workspace
) -> None:
    mine = await factories.user(services, workspace, roles=("csm_ws_integration",))
    made = await factories.consumer(services, workspace, first_name="Private")
    from frontdesk.domain.workspaces import service as workspaces

    async with services.write() as unit:
        other = await workspaces.create(unit, f"{workspace.name}b")
    theirs = await factories.user(services, other, roles=("csm_ws_integration",))
    own = await client.get(
        factories.path(workspace, f"/api/now/consumer/{made['sys_id']}"), headers=mine.headers
    )
    assert own.json()["result"]["first_name"] == "Private"
    across = await client.get(
        factories.path(other, f"/api/now/consumer/{made['sys_id']}"), headers=theirs.headers
    )
    assert across.status_code == 404
    listed = await client.get(factories.path(other, "/api/now/consumer"), headers=theirs.headers)
    assert listed.json() == {"result": [], "hasMore": False}
    # a user of one workspace is nobody in another
    wrong = await client.get(factories.path(other, "/api/now/consumer"), headers=mine.headers)
    assert wrong.status_code == 401
    unknown = await client.get("/s/no-such-workspace/api/now/consumer", headers=mine.headers)
    assert unknown.status_code == 404
