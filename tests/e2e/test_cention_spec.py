"""The Cention spec's requests against ``frontdesk serve --demo`` with the printed token: the
logio curl commands as the spec writes them, then every JSON:API example in the spec's
order, each answer checked against the spec's sample and the JSON:API 1.0 schema."""

from __future__ import annotations

import base64
import shutil
import subprocess
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from tests.e2e.conftest import Server
from tests.surfaces.cention import spec_examples as spec
from tests.surfaces.cention.test_errands import MEDIA, valid

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(shutil.which("curl") is None, reason="needs curl"),
]
# The spec's logio queries, as its curl commands write them.
LOGIO = ("", "?name=joe", "?format=csv", "?from=1554857192&to=1555980452",
         "?from=1554857192&to=1555980452&name=sysadmin&format=csv")  # fmt: skip


def curl(url: str, token: str) -> tuple[int, str]:
    done = subprocess.run(
        ["curl", "-s", "-w", "\n%{http_code}", "-H", f"Authorization: Bearer {token}", url],
        capture_output=True,
        check=True,
        text=True,
    )
    body, _, status = done.stdout.rpartition("\n")
    return int(status), body


class Cention:
    def __init__(self, server: Server, client: httpx.Client) -> None:
        self.base = f"{server.url}/s/demo/capi"
        self.client = client
        client.headers.update(
            {
                "Authorization": f"Bearer {server.credentials['cention_token']}",
                "Content-Type": MEDIA,
            }
        )

    def get(self, path: str, status: int = 200) -> Any:
        response = self.client.get(f"{self.base}/json/{path}")
        assert response.status_code == status, response.text
        assert response.headers["content-type"] == MEDIA
        return valid(response.json())

    def post(self, path: str, document: Any, status: int) -> Any:
        response = self.client.post(f"{self.base}/json/{path}", json=document)
        assert response.status_code == status, response.text
        return valid(response.json())


def test_logio_curls(server: Server) -> None:
    token = server.credentials["cention_token"]
    base = f"{server.url}/s/demo/capi/custom/logio"
    for query in LOGIO:  # the spec's own instants hold none of the demo's records
        assert curl(base + query, token) == (200, "")
    assert curl(f"{base}?from=1554000000&to=1554200000", token) == (200, spec.LOGIO_CSV)
    signed_in = httpx.post(
        f"{server.url}/oauth_token.do",
        data={"grant_type": "password", "username": server.credentials["username"],
              "password": server.credentials["password"],
              "client_id": server.credentials["oauth_client_id"],
              "client_secret": server.credentials["oauth_client_secret"]},
    )  # fmt: skip
    assert signed_in.status_code == 200
    status, body = curl(base, token)  # the last 7 days: the sign-in just made
    number, name, _, action = body.split(",")
    assert (status, number, name, action) == (200, "1", "admin", "Login\n")
    assert curl(f"{base}?name=sysadmin&from=0&format=json", token)[1].count("Log") == 3


@pytest.fixture
def api(server: Server) -> Iterator[Cention]:
    with httpx.Client() as client:
        yield Cention(server, client)


def test_the_json_api_examples_in_order(api: Cention) -> None:
    created = api.post("c3_new_errands", spec.NEW_ERRAND, 201)
    assert created["data"]["type"] == "c3_new_errands"
    assert created["data"]["id"].isdigit()
    assert api.post("c3_end_errands", spec.END_ERRANDS, 200)["data"]["id"] == "4321"
    api.post("c3_end_errands", spec.END_ERRANDS, 409)  # closed already
    # Two calls are open on device 1000, extension 1000: the one just created, then the demo's.
    ended = [api.post("c3_end_obcall", spec.END_OBCALL, 200)["data"]["id"] for _ in range(2)]
    assert ended == [created["data"]["id"], "4322"]
    api.post("c3_end_obcall", spec.END_OBCALL, 404)

    report = api.get("c3_errand_reports/33")
    expected = spec.REPORT_33["data"]["attributes"]
    got = report["data"]["attributes"]
    assert {k: v for k, v in got.items() if k != "sla"} == {
        k: v for k, v in expected.items() if k != "sla"
    }
    assert set(got["sla"]) == set(expected["sla"])  # computed, where the sample shows zeros
    assert api.get("c3_errand_reports/33")["data"]["attributes"]["changed"] is False
    sla = api.get("c3_errand_reports/33?fields%5Bc3_errand_reports%5D=sla")
    assert list(sla["data"]["attributes"]) == ["sla"]

    dirty = api.get("c3_dirty_errand_list")["data"]["attributes"]["errands"]
    assert 33 not in dirty
    assert {2256, 4321} <= set(dirty)
    for number in (*dirty, 35):
        api.get(f"c3_errand_reports/{number}")
    assert api.get("c3_dirty_errand_list")["data"]["attributes"]["errands"] == []
    assert api.post("c3_dirty_errand_list", spec.FORCE_DIRTY, 200) == spec.FORCE_DIRTY_ANSWER
    assert api.get("c3_dirty_errand_list")["data"]["attributes"]["errands"] == [35]

    assert api.get("c3_dirty_facebook_ratings") == spec.DIRTY_RATINGS
    assert api.get("c3_facebook_ratings/3") == spec.RATING_3
    assert api.get("c3_dirty_facebook_ratings")["data"] == [spec.DIRTY_RATINGS["data"][1]]

    assert api.post("c3_contact_cards", spec.CONTACT_CARD, 200) == spec.CONTACT_CARD_ANSWER

    attachment = api.get("c3_response_attachments/1270")
    assert attachment["data"].pop("links")["self"].endswith("/c3_response_attachments/1270")
    assert attachment == spec.ATTACHMENT_1270
    for number, text in ((788, b"Apple Pen Pineapple Pen"), (789, b"Orange Juice!")):
        found = api.get(f"c3_response_attachments/{number}")["data"]["attributes"]["attachment"]
        assert base64.b64decode(found["content"]) == text
    image = api.get("c3_area_archives/12")["data"]["attributes"]["attachment"]
    assert image["content_type"] == "image/png"
    assert base64.b64decode(image["content"]).startswith(b"\x89PNG")
    bare = api.get("c3_area_archives/12?without_content=true")["data"]["attributes"]
    assert "content" not in bare["attachment"]
