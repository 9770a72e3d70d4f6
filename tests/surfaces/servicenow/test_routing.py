"""Unknown paths and wrong methods under ServiceNow's prefixes answer in ServiceNow's shape."""

from __future__ import annotations

import httpx
import pytest

from frontdesk.domain.workspace import Workspace
from tests import factories

pytestmark = pytest.mark.anyio
UNKNOWN = {
    "error": {"message": "Requested URI does not represent any resource", "detail": None},
    "status": "failure",
}


@pytest.fixture(params=["", "/s/{workspace}"])
def prefix(request: pytest.FixtureRequest, workspace: Workspace) -> str:
    return str(request.param).format(workspace=workspace.name)


@pytest.mark.parametrize("path", ["/api/now/nothing", "/api/now/table", "/api/x", "/api"])
async def test_an_unknown_path_is_servicenows_400(
    client: httpx.AsyncClient, admin: factories.User, prefix: str, path: str
) -> None:
    response = await client.get(prefix + path, headers=admin.headers)
    assert response.status_code == 400
    assert response.headers["content-type"] == "application/json"
    assert response.json() == UNKNOWN


@pytest.mark.parametrize(
    ("method", "path", "allow"),
    [
        ("DELETE", "/api/now/table/csm_consumer", "GET, HEAD, POST"),
        ("POST", "/api/now/table/csm_consumer/" + "a" * 32, "DELETE, GET, HEAD, PATCH, PUT"),
        ("PUT", "/api/now/consumer", "GET, HEAD, POST"),
        ("DELETE", "/api/now/v2/consumer/" + "a" * 32, "GET, HEAD"),
        ("GET", "/oauth_token.do", "POST"),
        ("GET", "/api/now/v1/batch", "POST"),
        ("PATCH", "/api/now/attachment/" + "a" * 32, "DELETE, GET, HEAD"),
    ],
)
async def test_a_wrong_method_is_servicenows_405_with_every_allowed_method(
    client: httpx.AsyncClient,
    admin: factories.User,
    prefix: str,
    method: str,
    path: str,
    allow: str,
) -> None:
    response = await client.request(method, prefix + path, headers=admin.headers)
    assert response.status_code == 405
    assert response.headers["allow"] == allow
    body = response.json()
    assert body["status"] == "failure"
    assert body["error"]["message"] == "Method not Supported"
    assert allow in body["error"]["detail"]


async def test_errors_follow_the_accept_header(
    client: httpx.AsyncClient, admin: factories.User
) -> None:
    response = await client.get(
        "/api/now/nothing", headers={**admin.headers, "Accept": "application/xml"}
    )
    assert response.status_code == 400
    assert response.headers["content-type"] == "application/xml"
    assert b"<message>Requested URI does not represent any resource</message>" in response.content


async def test_method_override_is_servicenows_alone(
    client: httpx.AsyncClient, admin: factories.User, workspace: Workspace
) -> None:
    overridden = {**admin.headers, "X-HTTP-Method-Override": "GET"}
    listed = await client.post(
        factories.path(workspace, "/api/now/v2/consumer"), headers=overridden
    )
    assert listed.status_code == 200
    assert (await client.post("/healthz", headers=overridden)).status_code == 405


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("/api/now/nothing%0A", "Requested URI does not represent any resource"),
        ("/api/%0A", "Requested URI does not represent any resource"),
        ("/api/now/table/a%0Ab", "Invalid table a\nb"),
    ],
)
async def test_a_newline_in_the_path_is_still_servicenows(
    client: httpx.AsyncClient, admin: factories.User, workspace: Workspace, path: str, message: str
) -> None:
    response = await client.get(factories.path(workspace, path), headers=admin.headers)
    assert response.status_code == 400
    assert response.json()["error"]["message"] == message
