"""The openframe API as its spec shows it: a call created, then updated, with its phone
logs, context variables and related records; the caller identified by phone; failures as
``FAILURE`` bodies, never a 500."""

from __future__ import annotations

import copy
from typing import Any

import httpx
import pytest

from tests.surfaces.servicenow import spec_examples as spec

pytestmark = pytest.mark.anyio
URL = spec.OPENFRAME_URL
AGENT = spec.AGENT
SAM = "a0488cfbdb1b1200b6075200cf9619db"
LOGS = spec.PHONE_LOGS
CONTEXT = spec.INTERACTION_CONTEXT
RELATED = spec.RELATED_RECORDS
POST = spec.OPENFRAME_POST
PATCH = spec.OPENFRAME_PATCH


async def _rows(
    client: httpx.AsyncClient, auth: tuple[str, str], table: str, query: str
) -> list[dict[str, Any]]:
    response = await client.get(
        f"/api/now/table/{table}", params={"sysparm_query": query}, auth=auth
    )
    assert response.status_code == 200, response.text
    rows: list[dict[str, Any]] = response.json()["result"]
    return rows


async def test_the_spec_examples_create_then_update_a_call(
    client: httpx.AsyncClient, demo_auth: tuple[str, str]
) -> None:
    created = await client.post(URL, json=POST, auth=demo_auth)
    assert created.status_code == 200
    result = created.json()["result"]
    assert result["status"] == "SUCCESS"
    assert result["number"].startswith("IMS")
    assert len(result["sysId"]) == 32
    sys_id = result["sysId"]

    updated = await client.patch(f"{URL}/{sys_id}", json=PATCH, auth=demo_auth)
    assert (updated.status_code, updated.json()) == (200, {"result": {"status": "SUCCESS"}})

    (interaction,) = await _rows(client, demo_auth, "interaction", f"sys_id={sys_id}")
    assert interaction["short_description"] == "New Poonam outbound call"
    assert interaction["consumer"]["value"] == RELATED[0]["documentId"]  # named, not dialled
    assert interaction["caller_phone_number"] == "+14089965744"
    assert interaction["client_session_id"] == "a545t65678"
    assert (interaction["type"], interaction["active"]) == ("phone", "true")
    assert interaction["channel_metadata_table"] == "sn_openframe_phone_log"
    # The same three call legs, updated rather than added; both spellings of the table.
    for table in ("sn_openframe_phone_log", "sn_open_frame_phone_log"):
        logs = await _rows(client, demo_auth, table, f"interaction={sys_id}")
        assert sorted(log["call_id"] for log in logs) == sorted(log["call_id"] for log in LOGS)
    (blob,) = await _rows(client, demo_auth, "interaction_json_blob", f"interaction={sys_id}")
    assert blob["value"] == '{"devicetype":"genesys","requester_session_language":"en-US"}'
    related = await _rows(client, demo_auth, "interaction_related_record", f"interaction={sys_id}")
    assert {r["document_id"] for r in related} == {r["documentId"] for r in RELATED}


async def test_the_caller_is_found_by_any_of_their_phones_however_written(
    client: httpx.AsyncClient, demo_auth: tuple[str, str]
) -> None:
    # Sam's home phone is stored as "+1 415 555 0134".
    body = {"interaction": {"userPhoneNumber": "+14155550134"}}
    created = await client.post(URL, json=body, auth=demo_auth)
    sys_id = created.json()["result"]["sysId"]
    closing = {
        "interaction": {"additionalParams": {"state": "closed_complete"}},
        "phoneLogs": [{"call_id": "new-leg", "agent": AGENT}],
        "interactionContext": {"queue": "billing"},
    }
    updated = await client.patch(f"{URL}/{sys_id}", json=closing, auth=demo_auth)
    assert updated.json()["result"]["status"] == "SUCCESS"
    (interaction,) = await _rows(client, demo_auth, "interaction", f"sys_id={sys_id}")
    assert interaction["consumer"]["value"] == SAM
    assert (interaction["state"], interaction["active"]) == ("closed_complete", "false")
    assert interaction["closed_at"]
    (log,) = await _rows(client, demo_auth, "sn_openframe_phone_log", f"interaction={sys_id}")
    assert log["consumer"]["value"] == SAM


async def test_an_xml_body_is_read_with_its_repeated_elements(
    client: httpx.AsyncClient, demo_auth: tuple[str, str]
) -> None:
    xml = (
        "<request><interaction><userPhoneNumber>+14155550134</userPhoneNumber></interaction>"
        "<phoneLogs><call_id>1</call_id></phoneLogs><phoneLogs><call_id>2</call_id></phoneLogs>"
        "</request>"
    )
    created = await client.post(
        URL, content=xml, headers={"Content-Type": "application/xml"}, auth=demo_auth
    )
    assert created.status_code == 200
    sys_id = created.json()["result"]["sysId"]
    logs = await _rows(client, demo_auth, "sn_openframe_phone_log", f"interaction={sys_id}")
    assert sorted(log["call_id"] for log in logs) == ["1", "2"]


def _without_caller() -> dict[str, Any]:
    body: dict[str, Any] = copy.deepcopy(POST)
    del body["interaction"]["userPhoneNumber"]
    return body


@pytest.mark.parametrize(
    ("method", "path", "body", "message"),
    [
        ("POST", URL, _without_caller(), "Missing interaction.userPhoneNumber"),
        ("POST", URL, {"interaction": {"userPhoneNumber": "303-506-536"}}, "Invalid phone number"),
        ("POST", URL, {"interaction": {"userPhoneNumber": "+123456"}}, "Invalid phone number"),
        ("POST", URL, {"interaction": {}}, "Missing interaction"),
        ("POST", URL, {"phoneLogs": []}, "Missing interaction"),
        ("PATCH", f"{URL}/{'0' * 32}", PATCH, "No Record found"),
        ("PATCH", f"{URL}/{'0' * 32}", {"interaction": {}}, "Missing interaction"),
        (
            "POST",
            "/api/now/openframe/v1/voice-interaction",
            {
                "interaction": {
                    "userPhoneNumber": "+1303506536",
                    "additionalParams": {"sys_id": "x"},
                }
            },
            "Field sys_id is read-only",
        ),
        (
            "POST",
            URL,
            {"interaction": {"userPhoneNumber": "+1303506536"}, "phoneLogs": [1]},
            "Invalid value for field phoneLogs",
        ),
        (  # only XML wraps its repeated elements
            "POST",
            URL,
            {"interaction": {"userPhoneNumber": "+1303506536"}, "phoneLogs": {"log": [{}]}},
            "Invalid value for field phoneLogs",
        ),
        (
            "POST",
            URL,
            {
                "interaction": {"userPhoneNumber": "+1303506536"},
                "relatedRecords": [{"documentTable": "nope", "documentId": "0" * 32}],
            },
            "Invalid table nope",
        ),
    ],
)
async def test_what_cannot_be_done_is_a_failure(
    client: httpx.AsyncClient,
    demo_auth: tuple[str, str],
    method: str,
    path: str,
    body: dict[str, Any],
    message: str,
) -> None:
    before = len(await _rows(client, demo_auth, "interaction", ""))
    response = await client.request(method, path, json=body, auth=demo_auth)
    assert response.status_code == 400
    result = response.json()["result"]
    assert result["status"] == "FAILURE"
    assert result["message"].startswith(message)
    assert "sysId" not in result
    assert len(await _rows(client, demo_auth, "interaction", "")) == before


async def test_the_openframe_roles_are_required(
    client: httpx.AsyncClient, demo_auth: tuple[str, str]
) -> None:
    response = await client.post(URL, json=POST)
    assert response.status_code == 401
    assert response.json()["status"] == "failure"
