"""Every request the Consumer API spec shows, sent with curl to ``frontdesk serve --demo``."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest

from tests.e2e.conftest import Server
from tests.surfaces.servicenow import spec_examples as spec

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(shutil.which("curl") is None, reason="needs curl"),
]


def curl(server: Server, *args: str) -> tuple[int, dict[str, object]]:
    user, password = server.auth
    done = subprocess.run(
        ["curl", "-s", "-w", "\n%{http_code}", "--user", f"{user}:{password}", *args],
        capture_output=True,
        check=True,
        text=True,
    )
    body, _, status = done.stdout.rpartition("\n")
    return int(status), json.loads(body)


def test_get_consumer(server: Server) -> None:
    status, body = curl(
        server,
        f"{server.url}{spec.GET_URL}",
        "--request",
        "GET",
        "--header",
        "Accept:application/json",
    )
    assert status == 200
    assert body == {"result": spec.HARDING}


def test_list_consumers(server: Server) -> None:
    status, body = curl(
        server,
        f"{server.url}{spec.LIST_URL}",
        "--request",
        "GET",
        "--header",
        "Accept:application/json",
    )
    assert status == 200
    assert body["result"] == [spec.HARDING, spec.SAM]


def test_create_consumer(server: Server) -> None:
    status, body = curl(
        server,
        "-X",
        "POST",
        f"{server.url}/api/now/consumer",
        "-H",
        "Accept: application/json",
        "-H",
        "Content-Type: application/json",
        "-d",
        json.dumps(spec.POST_BODY),
    )
    assert status == 201
    sys_id = body["result"]
    assert isinstance(sys_id, str)
    status, made = curl(server, f"{server.url}/api/now/consumer/{sys_id}")
    assert status == 200
    record = made["result"]
    assert isinstance(record, dict)
    assert record["email"] == ""
    assert record["mobile_phone"] == "(555)555-1235"
