"""Exports: presets made by the domain (as the command and the console make them) and
``POST c3_trigger_exports``: whole UTC days, both ends included, by arrival or closure;
the preset's channels, areas and fields; rows across pages; refusals as JSON:API errors."""

from __future__ import annotations

import copy
from datetime import datetime
from typing import Any

import httpx
import pytest

from frontdesk.domain import clock
from frontdesk.domain.errands import service as errands
from frontdesk.domain.exports import service as exports
from frontdesk.domain.services import Services
from frontdesk.domain.workspace import Workspace
from frontdesk.errors import Conflict, Invalid
from tests.factories import path
from tests.surfaces.cention.test_errands import ALL, area, create, token, valid
from tests.surfaces.cention.test_errands import NEW_ERRAND as SPEC_ERRAND

pytestmark = pytest.mark.anyio
__all__ = ["area"]  # a fixture
TRIGGER = "/capi/json/c3_trigger_exports"
AREA = "test-services-area"


def trigger(preset: int | str, **attributes: Any) -> dict[str, Any]:
    return {
        "data": {
            "type": "c3_trigger_exports",
            "attributes": attributes,
            "relationships": {"export": {"data": {"type": "c3_exports", "id": str(preset)}}},
        }
    }


def errand(subject: str, channel: str | None = None) -> dict[str, Any]:
    document: dict[str, Any] = copy.deepcopy(SPEC_ERRAND)
    document["data"]["attributes"]["msg"]["subject"] = subject
    document["data"]["attributes"]["msg"]["message_id"] = subject
    if channel:
        document["data"]["attributes"]["channel"] = channel
    return document


class Clock:
    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.at = datetime(2019, 1, 1)
        monkeypatch.setattr(clock, "now", lambda: self.at)


async def test_an_export_of_whole_utc_days(
    client: httpx.AsyncClient,
    services: Services,
    workspace: Workspace,
    area: int,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    headers = await token(services, workspace, *ALL, area=str(area))
    now = Clock(monkeypatch)
    made: dict[str, int] = {}
    arrivals = (("before", "2018-12-31 23:59:59"), ("first", "2019-01-01 00:00:00"),
                ("last", "2019-01-31 23:59:59"), ("after", "2019-02-01 00:00:00"))  # fmt: skip
    for subject, at in arrivals:
        now.at = datetime.fromisoformat(at)
        made[subject] = await create(client, workspace, headers, errand(subject))
    now.at = datetime(2019, 2, 1, 8, 30)
    end = {"data": {"type": "c3_end_errands", "attributes": {"errand_id": made["before"],
           "answer": {"subject": "Re: before", "body": "Answered.", "html_body": ""}}}}  # fmt: skip
    ended = await client.post(path(workspace, "/capi/json/c3_end_errands"), json=end,
                              headers=headers)  # fmt: skip
    assert ended.status_code == 200, ended.text
    async with services.write() as unit:
        every = await exports.create(unit, workspace.id, "every errand")

    async def run(**attributes: Any) -> list[dict[str, Any]]:
        answer = await client.post(
            path(workspace, TRIGGER), json=trigger(every, **attributes), headers=headers
        )
        assert answer.status_code == 201, answer.text
        assert answer.headers["content-type"] == "application/vnd.api+json"
        body = valid(answer.json())
        data = body["data"]
        assert data["type"] == "c3_trigger_exports"
        assert data["attributes"]["c3_id"] == int(data["id"])
        assert data["relationships"]["export"]["data"] == {"type": "c3_exports", "id": str(every)}
        content: list[dict[str, Any]] = data["attributes"]["content"]
        return content

    january = await run(errand_from_date="2019/01/01", errand_to_date="2019/01/31")
    assert [row["subject"] for row in january] == ["first", "last"]
    row = january[0]
    assert list(row) == list(exports.FIELDS)
    assert row["errand_id"] == str(made["first"])
    assert row["from_address"] == "david.liew@test.se"
    assert row["timestamp_arrived"] == "2019-01-01 00:00:00"
    assert row["question"].startswith("Test message body")
    assert (row["channel"], row["area_name"], row["area_id"]) == ("Email", AREA, area)
    assert row["timestamp_closed"] is None
    assert [r["subject"] for r in await run(errand_from_date="2019/02/01")] == ["after"]
    assert [r["subject"] for r in await run(errand_to_date="2018/12/31")] == ["before"]
    assert len(await run()) == 4
    closed = await run(use_closure_date=True, errand_from_date="2019/02/01",
                       errand_to_date="2019/02/01")  # fmt: skip
    assert [(r["subject"], r["answer"]) for r in closed] == [("before", "Answered.")]
    assert closed[0]["timestamp_closed"] == "2019-02-01 08:30:00"
    assert closed[0]["timestamp_opened"] == "2019-02-01 08:30:00"  # answered: opened by then
    assert await run(use_closure_date=True, errand_to_date="2019/01/31") == []


async def test_a_preset_chooses_channels_areas_and_fields(
    client: httpx.AsyncClient,
    services: Services,
    workspace: Workspace,
    area: int,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    async with services.write() as unit:
        other = await errands.add_area(unit, workspace.id, "other-area")
    here = await token(services, workspace, *ALL, area=str(area))
    there = await token(services, workspace, *ALL, area=str(other), channel="chat")
    for n in range(5):
        await create(client, workspace, here, errand(f"email {n}"))
    await create(client, workspace, there, errand("chat"))
    async with services.write() as unit:
        chats = await exports.create(unit, workspace.id, "chats", channels=["chat"])
        emails_here = await exports.create(unit, workspace.id, "emails here", channels=["1"],
                                           areas=["test-services-area"],
                                           fields=["subject", "errand_id"])  # fmt: skip
        with pytest.raises(Conflict):
            await exports.create(unit, workspace.id, "chats")
        for wrong in ({"channels": ["pigeon"]}, {"fields": ["mood"]}):
            with pytest.raises(Invalid):
                await exports.create(unit, workspace.id, "wrong", **wrong)
    monkeypatch.setattr(exports, "PAGE", 2)  # three pages for the five emails

    async def content(preset: int) -> list[dict[str, Any]]:
        answer = await client.post(path(workspace, TRIGGER), json=trigger(preset), headers=here)
        assert answer.status_code == 201, answer.text
        found: list[dict[str, Any]] = valid(answer.json())["data"]["attributes"]["content"]
        return found

    assert [(r["subject"], r["channel"], r["area_name"]) for r in await content(chats)] == [
        ("chat", "Chat", "other-area")
    ]
    rows = await content(emails_here)
    assert [list(r) for r in rows] == [["errand_id", "subject"]] * 5  # in the export's order
    assert [r["subject"] for r in rows] == [f"email {n}" for n in range(5)]


async def test_refusals_are_json_api_errors(
    client: httpx.AsyncClient, services: Services, workspace: Workspace
) -> None:
    async with services.write() as unit:
        preset = await exports.create(unit, workspace.id, "every errand")
    headers = await token(services, workspace, "Access to export API")
    library_only = await token(services, workspace, "Access to library")
    url = path(workspace, TRIGGER)
    refused = await client.post(url, json=trigger(preset), headers=library_only)
    assert refused.status_code == 403
    assert "Access to export API" in valid(refused.json())["errors"][0]["detail"]
    wrong_type = trigger(preset)
    wrong_type["data"]["type"] = "c3_exports"
    wrong_link = trigger(preset)
    wrong_link["data"]["relationships"]["export"]["data"]["type"] = "c3_errands"
    for document, status, pointer in (
        (trigger(preset, errand_from_date="2019-01-01"), 400, "/data/attributes/errand_from_date"),
        (trigger(preset, errand_to_date="2019/02/30"), 400, "/data/attributes/errand_to_date"),
        (trigger(preset, errand_to_date=20190101), 400, "/data/attributes/errand_to_date"),
        (trigger(preset, errand_from_date="2019/02/02", errand_to_date="2019/02/01"), 400,
         "/data/attributes/errand_from_date"),
        (trigger(preset, use_closure_date="yes"), 400, "/data/attributes/use_closure_date"),
        (trigger(999999), 404, None),
        (trigger("x"), 404, "/data/relationships/export/data/id"),
        (trigger("\u00b2"), 404, "/data/relationships/export/data/id"),  # a digit, not decimal
        ({"data": {"type": "c3_trigger_exports"}}, 400, "/data/relationships/export/data"),
        (wrong_type, 409, "/data/type"),
        (wrong_link, 409, "/data/relationships/export/data/type"),
        ({"data": []}, 400, "/data"),
    ):  # fmt: skip
        answer = await client.post(url, json=document, headers=headers)
        assert answer.status_code == status, (document, answer.text)
        problem = valid(answer.json())["errors"][0]
        assert problem.get("source", {}).get("pointer") == pointer, problem
    garbled = await client.post(url, content=b"{not json", headers=headers)
    assert garbled.status_code == 400
    # A preset named in a list of one, as the spec's field table has it.
    listed = trigger(preset)
    listed["data"]["relationships"]["export"]["data"] = [{"type": "c3_exports", "id": str(preset)}]
    assert (await client.post(url, json=listed, headers=headers)).status_code == 201
