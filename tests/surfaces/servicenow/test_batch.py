"""The Batch API as pysnc uses it (research §2.4)."""

from __future__ import annotations

import base64
import json

import httpx
import pytest

from frontdesk.domain.services import Services
from frontdesk.domain.workspace import Workspace
from tests import factories

pytestmark = pytest.mark.anyio


def b64(data: object) -> str:
    return base64.b64encode(json.dumps(data).encode()).decode()


def headers_of(item: dict[str, object]) -> dict[str, str]:
    return {h["name"].lower(): h["value"] for h in item["headers"]}  # type: ignore[attr-defined]


async def test_a_batch_runs_each_request(
    client: httpx.AsyncClient, services: Services, workspace: Workspace
) -> None:
    user = await factories.user(services, workspace, roles=("csm_ws_integration",))
    made = await factories.consumer(services, workspace, first_name="Batch", city="Oslo")
    prefix = f"/s/{workspace.name}/api/now/table/csm_consumer"
    body = {
        "batch_request_id": 7,
        "rest_requests": [
            {
                "id": "list",
                "method": "GET",
                "url": f"{prefix}?sysparm_query=city=Oslo&sysparm_fields=first_name",
            },
            {
                "id": "create",
                "method": "POST",
                "url": prefix,
                "body": b64({"first_name": "Made"}),
                "headers": [
                    {"name": "Content-Type", "value": "application/json"},
                    {"name": "Accept", "value": "application/json"},
                ],
            },
            {
                "id": "patch",
                "method": "PATCH",
                "url": f"{prefix}/{made['sys_id']}",
                "body": b64({"city": "Bergen"}),
                "exclude_response_headers": True,
            },
            {"id": "missing", "method": "GET", "url": f"{prefix}/{'f' * 32}"},
            {"id": "bad", "method": "GET", "url": "https://elsewhere.example/api/now/table/x"},
            {
                "id": "nested",
                "method": "POST",
                "url": factories.path(workspace, "/api/now/v1/batch"),
                "body": b64({"rest_requests": []}),
            },
        ],
    }
    response = await client.post(
        factories.path(workspace, "/api/now/v1/batch"), json=body, headers=user.headers
    )
    assert response.status_code == 200
    answer = response.json()
    assert answer["batch_request_id"] == "7"
    assert answer["unserviced_requests"] == []
    items = {item["id"]: item for item in answer["serviced_requests"]}
    assert list(items) == ["list", "create", "patch", "missing", "bad", "nested"]
    listed = items["list"]
    assert listed["status_code"] == 200
    assert headers_of(listed)["x-total-count"] == "1"
    assert json.loads(base64.b64decode(listed["body"])) == {"result": [{"first_name": "Batch"}]}
    assert items["create"]["status_code"] == 201
    assert headers_of(items["create"])["location"].startswith("http://testserver/s/")
    assert items["patch"]["status_code"] == 200
    assert items["patch"]["headers"] == []  # issue 7: an empty list, as the platform answers
    assert json.loads(base64.b64decode(items["patch"]["body"]))["result"]["city"] == "Bergen"
    assert (items["missing"]["status_code"], items["missing"]["error_message"]) == (
        404,
        "No Record found",
    )
    assert items["bad"]["status_code"] == 400
    assert items["nested"]["status_code"] == 400
    assert items["nested"]["error_message"] == "Invalid batch request"


async def test_a_batch_needs_credentials_and_a_body(
    client: httpx.AsyncClient, services: Services, workspace: Workspace
) -> None:
    path = factories.path(workspace, "/api/now/v1/batch")
    assert (await client.post(path, json={"rest_requests": []})).status_code == 401
    user = await factories.user(services, workspace, roles=("csm_ws_integration",))
    for content in (b"not json", b'{"rest_requests": 3}'):
        refused = await client.post(path, content=content, headers=user.headers)
        assert refused.status_code == 400
        assert refused.json()["status"] == "failure"
