"""The eGain spec's example search, sent with curl to ``frontdesk serve --demo`` with the
demo's client application and user tokens."""

from __future__ import annotations

import json
import shutil
import subprocess
from typing import Any

import pytest

from tests.e2e.conftest import Server

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(shutil.which("curl") is None, reason="needs curl"),
]
EXAMPLE = "/core/customermgr/v3/customer?phone=14082343456102&$sort=type&$order=desc"


def curl(*args: str) -> tuple[int, str]:
    done = subprocess.run(
        ["curl", "-s", "-g", "-w", "\n%{http_code}", *args],
        capture_output=True,
        check=True,
        text=True,
    )
    body, _, status = done.stdout.rpartition("\n")
    return int(status), body


def token(server: Server, **form: str) -> str:
    egain: dict[str, Any] = server.credentials["egain"]
    fields = {"client_id": egain["client_id"], "client_secret": egain["client_secret"], **form}
    data = [
        arg for name, value in fields.items() for arg in ("--data-urlencode", f"{name}={value}")
    ]
    status, body = curl(f"{server.url}{egain['user_token_url']}", *data)
    assert status == 200, body
    found: str = json.loads(body)["access_token"]
    return found


@pytest.mark.parametrize("actor", ["client application", "user"])
def test_the_spec_example(server: Server, actor: str) -> None:
    egain: dict[str, Any] = server.credentials["egain"]
    if actor == "user":
        bearer = token(server, grant_type="password", **egain["user"])
    else:
        bearer = token(server, grant_type="client_credentials")
    headers = (
        "--header",
        "Accept: application/json",
        "--header",
        f"Authorization: Bearer {bearer}",
    )
    status, body = curl(f"{server.url}{EXAMPLE}&$pagenum=4&$pagesize=1", *headers)
    assert status == 200
    page = json.loads(body)
    assert page["paginationInfo"] == {"count": 6, "pagenum": 4, "pagesize": 1}
    assert {link["rel"] for link in page["link"]} == {"self", "previous", "next"}
    status, body = curl(f"{server.url}{EXAMPLE}", *headers)
    assert [c["type"]["value"] for c in json.loads(body)["customer"]][:3] == [
        "individual",
        "individual",
        "group",
    ]
