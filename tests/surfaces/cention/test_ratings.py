"""Facebook ratings: records the Table API creates and changes, listed while changed and
cleared by fetching, in the spec's shapes."""

from __future__ import annotations

import httpx
import pytest

from frontdesk.domain.services import Services
from frontdesk.domain.workspace import Workspace
from tests import factories
from tests.factories import path
from tests.surfaces.cention.test_errands import token, valid

pytestmark = pytest.mark.anyio
DIRTY = "/capi/json/c3_dirty_facebook_ratings"


async def test_changed_until_fetched(
    client: httpx.AsyncClient, services: Services, workspace: Workspace
) -> None:
    admin = await factories.user(services, workspace, roles=("admin",))
    table = path(workspace, "/api/now/table/social_rating")
    made = await client.post(
        table,
        headers=admin.headers,
        json={"rating": "5", "message": "Hi its a really great page.", "reviewer_id": "2117249628",
              "reviewer_name": "Jessica Elizabeth", "rated_on": "2017-03-15 09:10:20"},
    )  # fmt: skip
    assert made.status_code == 201, made.text
    other = await client.post(table, headers=admin.headers, json={"rating": "3"})
    sys_id = other.json()["result"]["sys_id"]
    assert made.json()["result"]["changed"] == "true"
    headers = await token(services, workspace, "Access to errand data")

    listed = valid((await client.get(path(workspace, DIRTY), headers=headers)).json())
    numbers = [item["id"] for item in listed["data"]]
    assert len(numbers) == 2
    assert {item["type"] for item in listed["data"]} == {"c3_dirty_facebook_ratings"}
    first = await client.get(
        path(workspace, f"/capi/json/c3_facebook_ratings/{numbers[0]}"), headers=headers
    )
    assert first.status_code == 200
    assert valid(first.json()) == {
        "data": {
            "type": "c3_facebook_ratings",
            "id": numbers[0],
            "attributes": {
                "c3_id": int(numbers[0]),
                "data": {
                    "isChanged": False,
                    "message": "Hi its a really great page.",
                    "rating": 5,
                    "ratingId": int(numbers[0]),
                    "reviewerId": 2117249628,
                    "reviewerName": "Jessica Elizabeth",
                    "timestampCreated": 1489569020,
                },
            },
        }
    }
    after = (await client.get(path(workspace, DIRTY), headers=headers)).json()
    assert [item["id"] for item in after["data"]] == [numbers[1]]
    # A change through the Table API marks it changed again, even one that says otherwise.
    for change in ({"rating": "4"}, {"changed": "false"}):
        fetched = await client.get(
            path(workspace, f"/capi/json/c3_facebook_ratings/{numbers[1]}"), headers=headers
        )
        assert fetched.status_code == 200, fetched.text
        assert (await client.get(path(workspace, DIRTY), headers=headers)).json() == {"data": []}
        patched = await client.patch(f"{table}/{sys_id}", headers=admin.headers, json=change)
        assert patched.status_code == 200, patched.text
        again = (await client.get(path(workspace, DIRTY), headers=headers)).json()
        assert [item["id"] for item in again["data"]] == [numbers[1]], change
    sparse = await client.get(
        path(
            workspace,
            f"/capi/json/c3_facebook_ratings/{numbers[1]}?fields[c3_facebook_ratings]=c3_id",
        ),
        headers=headers,
    )
    assert valid(sparse.json())["data"]["attributes"] == {"c3_id": int(numbers[1])}


async def test_refusals(
    client: httpx.AsyncClient, services: Services, workspace: Workspace
) -> None:
    headers = await token(services, workspace, "Access to errand data")
    for url, status in (
        ("/capi/json/c3_facebook_ratings/999", 404),
        ("/capi/json/c3_facebook_ratings/abc", 404),
        ("/capi/json/c3_facebook_ratings/1?fields[c3_facebook_ratings]=nope", 404),
    ):
        response = await client.get(path(workspace, url), headers=headers)
        assert response.status_code == status
        assert "data" not in valid(response.json())
    denied = await client.get(
        path(workspace, DIRTY), headers=await token(services, workspace, "Get attachment")
    )
    assert denied.status_code == 403
    assert valid(denied.json())["errors"][0]["status"] == "403"
