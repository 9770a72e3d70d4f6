"""The Cention spec's requests against ``frontdesk serve --demo`` with the printed token: the
logio curl commands as the spec writes them, then every JSON:API example in the spec's
order, each answer checked against the spec's sample and the JSON:API 1.0 schema."""

from __future__ import annotations

import base64
import json
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


def _here(server: Server, sample: Any) -> Any:
    """A sample with the spec's host replaced by the demo's."""
    text = json.dumps(sample).replace("https://test.example.com", f"{server.url}/s/demo")
    return json.loads(text)


def _covers(ours: Any, sample: Any, *, unlike: tuple[str, ...] = ()) -> None:
    """``ours`` is the sample's resource: its attributes (but ``unlike``), links, and every
    linkage the sample shows (the demo's tree holds the samples' nodes, and more)."""
    assert (ours["type"], ours["id"]) == (sample["type"], sample["id"])
    for name, value in sample["attributes"].items():
        if name not in unlike:
            assert ours["attributes"][name] == value, (ours["id"], name)
    assert ours.get("links") == sample.get("links")
    for name, related in sample.get("relationships", {}).items():
        mine = ours["relationships"][name]
        assert {json.dumps(d) for d in related["data"]} <= {json.dumps(d) for d in mine["data"]}
        assert mine.get("links") == related.get("links")


def test_the_library_examples(server: Server, api: Cention) -> None:
    every = api.get("c3_libraries")
    sample = _here(server, spec.LIBRARIES)
    # Library 3 is external in the demo, as the single external library sample needs.
    _covers(every["data"][0], sample["data"][0], unlike=("external",))
    kept = {(item["type"], item["id"]): item for item in every["included"]}
    for item in sample["included"]:
        _covers(kept[item["type"], item["id"]], item)

    external = api.get("c3_external_libraries/3")
    _covers(external["data"], _here(server, spec.EXTERNAL_LIBRARY_3)["data"])
    assert "external" not in external["data"]["attributes"]
    assert {("c3_libraries", "4"), ("c3_library_questions", "2")} <= {
        (item["type"], item["id"]) for item in external["included"]
    }
    assert [d["id"] for d in api.get("c3_external_libraries")["data"]] == ["3"]

    categories = api.get("c3_library_categories")
    sample = _here(server, spec.CATEGORIES)
    _covers(categories["data"][0], sample["data"][0])
    (help_me,) = [item for item in categories["included"] if item["id"] == "5"]
    _covers(help_me, sample["included"][0], unlike=("answer",))  # "done 2" in the first sample
    assert api.get("c3_library_categories/3")["data"]["attributes"]["name"] == "old_libraries"

    assert api.get("c3_library_questions/4") == _here(server, spec.QUESTION_4)
    assert api.get("c3_library_attachments/1270") == _here(server, spec.LIBRARY_ATTACHMENT_1270)
    found = api.get("c3_library_questions?q_filter%5Bphrase%5D=help%20me")["data"]
    assert [item["attributes"]["subject"] for item in found] == ["help me!"]
    top = api.get("c3_library_questions?filter%5Btoplist%5D=true")["data"]
    assert {item["id"] for item in top} == {"2", "5"}
    assert {item["id"] for item in api.get("c3_libraries/4/questions")["data"]} >= {"4", "5"}
    attachments = api.get("c3_library_questions/4/attachments?without_content=true")["data"]
    assert [item["id"] for item in attachments] == ["2020"]
    (image,) = api.get("c3_library_questions/6/embedded_archives")["data"]
    inlined = api.get("c3_library_questions/6?data_url=true")["data"]["attributes"]["answer"]
    assert f'src="data:image/png;base64,{image["attributes"]["attachment"]["content"]}"' in inlined
    assert api.get(f"c3_area_archives/{image['id']}")["data"]["id"] == image["id"]


def test_the_export_trigger(api: Cention) -> None:
    def trigger(**attributes: Any) -> list[dict[str, Any]]:
        preset = {"export": {"data": {"type": "c3_exports", "id": "1"}}}  # the demo's
        kind = "c3_trigger_exports"
        document = {"data": {"type": kind, "attributes": attributes, "relationships": preset}}
        answer = api.post("c3_trigger_exports", document, 201)
        content: list[dict[str, Any]] = answer["data"]["attributes"]["content"]
        return content

    every = trigger()
    assert {"33", "2256", "4321"} <= {row["errand_id"] for row in every}
    (report,) = trigger(errand_from_date="2015/07/16", errand_to_date="2015/07/16")
    assert (report["errand_id"], report["subject"], report["tag_names"]) == (
        "33",
        "test",
        "Test High Tag",
    )
    assert report["timestamp_arrived"].startswith("2015-07-16")
    closed = trigger(use_closure_date=True, errand_from_date="2015/07/17",
                     errand_to_date="2015/07/17")  # fmt: skip
    assert [row["errand_id"] for row in closed] == ["33"]
    api.post("c3_trigger_exports", {"data": {"type": "c3_trigger_exports"}}, 400)
