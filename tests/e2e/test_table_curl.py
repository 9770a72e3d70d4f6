"""The Table API over curl, against ``frontdesk serve``: the bodies and headers of research §2.3."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest

from tests.e2e.conftest import Server

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(shutil.which("curl") is None, reason="needs curl"),
]


def curl(server: Server, *args: str, auth: bool = True) -> tuple[int, dict[str, str], str]:
    """Status, headers (lower-case names) and body of one curl call."""
    credentials = ["--user", ":".join(server.auth)] if auth else []
    done = subprocess.run(
        ["curl", "-s", "-D", "-", *credentials, *args], capture_output=True, check=True
    )
    head, _, body = done.stdout.decode().partition("\r\n\r\n")
    lines = head.split("\r\n")
    headers = {k.lower(): v.strip() for k, _, v in (line.partition(":") for line in lines[1:])}
    return int(lines[0].split()[1]), headers, body


def test_list_get_create_update_delete(server: Server) -> None:
    table = f"{server.url}/api/now/table/csm_consumer"
    status, headers, body = curl(
        server, f"{table}?sysparm_limit=10&sysparm_fields=number&sysparm_query=ORDERBYnumber"
    )
    assert status == 200
    assert headers["x-total-count"] == "34"  # 28 ServiceNow examples, 6 Cention people
    assert headers["link"] == (
        f'<{table}?sysparm_fields=number&sysparm_query=ORDERBYnumber&sysparm_offset=0&sysparm_limit=10>;rel="first",'
        f'<{table}?sysparm_fields=number&sysparm_query=ORDERBYnumber&sysparm_offset=10&sysparm_limit=10>;rel="next",'
        f'<{table}?sysparm_fields=number&sysparm_query=ORDERBYnumber&sysparm_offset=30&sysparm_limit=10>;rel="last"'
    )
    assert json.loads(body)["result"][0] == {"number": "CSMR0000001"}

    status, headers, body = curl(
        server,
        "-X",
        "POST",
        table,
        "-H",
        "Content-Type: application/json",
        "-H",
        "Accept: application/json",
        "-d",
        json.dumps({"first_name": "Curl", "last_name": "User", "household": ""}),
    )
    assert status == 201
    created = json.loads(body)["result"]
    assert headers["location"] == f"{table}/{created['sys_id']}"
    assert created["sys_domain"] == {
        "link": f"{server.url}/api/now/table/sys_user_group/global",
        "value": "global",
    }
    assert created["household"] == ""
    assert (created["active"], created["sys_mod_count"]) == ("true", "0")

    status, _, body = curl(
        server,
        "-X",
        "PUT",
        headers["location"],
        "-H",
        "Content-Type: application/json",
        "-d",
        '{"city": "Bergen"}',
    )
    assert (status, json.loads(body)["result"]["city"]) == (200, "Bergen")
    status, _, body = curl(server, "-X", "DELETE", headers["location"])
    assert (status, body) == (204, "")
    status, _, body = curl(server, headers["location"])
    assert status == 404
    assert json.loads(body) == {
        "error": {
            "message": "No Record found",
            "detail": "Record doesn't exist or ACL restricts the record retrieval",
        },
        "status": "failure",
    }


def test_errors(server: Server) -> None:
    status, _, body = curl(server, f"{server.url}/api/now/table/no_such_table")
    assert (status, json.loads(body)) == (
        400,
        {"error": {"message": "Invalid table no_such_table", "detail": None}, "status": "failure"},
    )
    status, headers, body = curl(server, f"{server.url}/api/now/table/csm_consumer", auth=False)
    assert status == 401
    assert json.loads(body) == {
        "error": {
            "message": "User Not Authenticated",
            "detail": "Required to provide Auth information",
        },
        "status": "failure",
    }
    assert headers["www-authenticate"] == 'Basic realm="Service-now"'


def test_xml(server: Server) -> None:
    table = f"{server.url}/api/now/table/csm_consumer?sysparm_fields=name,household&sysparm_query="
    status, headers, body = curl(
        server, table + "name=Maria%20Garcia", "-H", "Accept: application/xml"
    )
    assert status == 200
    assert headers["content-type"] == "application/xml"
    assert body.startswith(
        '<?xml version="1.0" encoding="UTF-8"?><response><result><name>Maria Garcia</name>'
    )
    household = "4f1d6c2a9b8e4d7f8a3c5e6b7d8f9a01"
    assert f"<household><link>{server.url}/api/now/table/csm_household/{household}</link>" in body
    assert f"<value>{household}</value></household>" in body
    _, _, empty = curl(server, table + "name=Harding%20Asher", "-H", "Accept: application/xml")
    assert "<household/>" in empty
