"""The openframe and Customer Central specs' requests, sent with curl to
``frontdesk serve --demo`` as the specs write them."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from typing import Any

import pytest

from tests.e2e.conftest import Server
from tests.surfaces.servicenow import spec_examples as spec

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(shutil.which("curl") is None, reason="needs curl"),
]
POONAM = "59e788fbdb1b1200b6075200cf9619d2"


def curl(server: Server, *args: str) -> tuple[int, str]:
    user, password = server.auth
    done = subprocess.run(
        ["curl", "-s", "-w", "\n%{http_code}", "--user", f"{user}:{password}", *args],
        capture_output=True,
        check=True,
        text=True,
    )
    body, _, status = done.stdout.rpartition("\n")
    return int(status), body


def send(server: Server, method: str, path: str, body: object | None = None) -> Any:
    data = ("--data", json.dumps(body)) if body is not None else ()
    status, text = curl(
        server,
        f"{server.url}{path}",
        "--request",
        method,
        "--header",
        "Accept:application/json",
        *(("--header", "Content-Type:application/json") if body is not None else ()),
        *data,
    )
    return status, json.loads(text)


def rows(server: Server, table: str, query: str) -> list[dict[str, Any]]:
    status, body = send(server, "GET", f"/api/now/table/{table}?sysparm_query={query}")
    assert status == 200
    found: list[dict[str, Any]] = body["result"]
    return found


def test_a_call_is_created_then_updated_as_the_spec_shows(server: Server) -> None:
    status, body = send(server, "POST", spec.OPENFRAME_URL, spec.OPENFRAME_POST)
    assert status == 200
    result = body["result"]
    assert result["status"] == "SUCCESS"
    assert re.fullmatch(r"IMS\d{7}", result["number"])
    sys_id = result["sysId"]
    assert re.fullmatch(r"[0-9a-f]{32}", sys_id)

    status, body = send(server, "PATCH", f"{spec.OPENFRAME_URL}/{sys_id}", spec.OPENFRAME_PATCH)
    assert (status, body) == (200, {"result": {"status": "SUCCESS"}})

    status, body = send(server, "GET", f"/api/now/table/interaction/{sys_id}")
    interaction = body["result"]
    assert interaction["number"] == result["number"]
    assert interaction["short_description"] == "New Poonam outbound call"
    assert interaction["consumer"]["value"] == POONAM  # named by a related record
    assert interaction["assigned_to"]["value"] == spec.AGENT
    for table in ("sn_openframe_phone_log", "sn_open_frame_phone_log"):
        logs = rows(server, table, f"interaction={sys_id}")
        assert sorted(log["call_id"] for log in logs) == ["1997654", "2323223", "33535353"]
    related = rows(server, "interaction_related_record", f"interaction={sys_id}")
    assert sorted(r["document_id"] for r in related) == sorted(
        r["documentId"] for r in spec.RELATED_RECORDS
    )


def test_a_call_answers_in_xml_when_asked(server: Server) -> None:
    status, text = curl(
        server,
        f"{server.url}{spec.OPENFRAME_URL}",
        "--request",
        "POST",
        "--header",
        "Accept:application/xml",
        "--header",
        "Content-Type:application/json",
        "--data",
        json.dumps(spec.OPENFRAME_POST),
    )
    assert status == 200
    assert "<status>SUCCESS</status>" in text
    assert re.search(r"<number>IMS\d{7}</number>", text)


def test_sam_collins_cards_are_the_spec_example(server: Server) -> None:
    status, body = send(server, "GET", spec.CUSTOMER_CENTRAL_URL)
    assert status == 200
    assert spec.without_moments(body) == spec.customer_central_example()


def test_failures_are_documented_bodies(server: Server) -> None:
    status, body = send(server, "POST", spec.OPENFRAME_URL, {"interaction": {}})
    assert status == 400
    assert body["result"]["status"] == "FAILURE"
    unknown = spec.CUSTOMER_CENTRAL_URL.replace("/interaction", "/nothing")
    status, body = send(server, "GET", unknown)
    assert status == 400
    assert body["status"] == "failure"
