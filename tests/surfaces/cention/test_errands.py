"""Cention errands end to end through the ASGI app: the spec's requests, the reports and
dirty list they feed, contact cards, attachments, and the answered-errand callback
received by a real local HTTP server and checked as the Go SDK checks it."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import threading
import uuid
from collections.abc import AsyncIterator, Iterator
from datetime import datetime
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path
from typing import Any, ClassVar

import httpx
import pytest
import sqlalchemy as sa
from jsonschema import Draft6Validator

from frontdesk.app import sender
from frontdesk.config import Settings
from frontdesk.domain.auth import api_tokens
from frontdesk.domain.errands import service as errands
from frontdesk.domain.services import Services
from frontdesk.domain.webhooks import endpoints
from frontdesk.domain.workspace import Workspace
from frontdesk.domain.workspaces import service as workspaces
from frontdesk.store.outbox_tables import webhook_delivery
from tests.factories import path
from tests.surfaces.cention import spec_examples as spec

pytestmark = pytest.mark.anyio
SCHEMA = Draft6Validator(
    json.loads((Path(__file__).parent / "jsonapi-1.0-schema.json").read_text())
)
MEDIA = "application/vnd.api+json"
ALL = list(api_tokens.CLAIMS)
# The spec's create request, without the phone call of its integration data.
NEW_ERRAND = {
    "data": {
        "type": "c3_new_errands",
        "attributes": {
            k: v for k, v in spec.NEW_ERRAND["data"]["attributes"].items() if k != "integrationData"
        },
    }
}


def valid(document: Any) -> Any:
    errors = [e.message for e in SCHEMA.iter_errors(document)]
    assert errors == [], errors
    return document


async def token(
    services: Services,
    workspace: Workspace,
    *labels: str,
    area: str | None = None,
    channel: str | None = None,
) -> dict[str, str]:
    async with services.write() as unit:
        made = await api_tokens.create(
            unit,
            workspace,
            name=f"t{uuid.uuid4().hex[:8]}",
            labels=list(labels),
            area=area,
            channel=channel,
        )
    return {"Authorization": f"Bearer {made.token}", "Content-Type": MEDIA}


@pytest.fixture
async def area(services: Services, workspace: Workspace) -> int:
    async with services.write() as unit:
        return await errands.add_area(
            unit, workspace.id, "test-services-area", organisation="cention-org"
        )


@pytest.fixture
async def headers(services: Services, workspace: Workspace, area: int) -> dict[str, str]:
    return await token(services, workspace, *ALL, area=str(area))


async def chunked(document: Any) -> AsyncIterator[bytes]:
    text = json.dumps(document).encode() + b"\n"  # Go's json.Encoder ends with a newline
    for start in range(0, len(text), 64):
        yield text[start : start + 64]


async def create(
    client: httpx.AsyncClient,
    workspace: Workspace,
    headers: dict[str, str],
    document: Any = NEW_ERRAND,
) -> int:
    answer = await client.post(
        path(workspace, "/capi/json/c3_new_errands"), content=chunked(document), headers=headers
    )
    assert answer.status_code == 201, answer.text
    body = valid(answer.json())
    assert body["data"]["type"] == "c3_new_errands"
    assert isinstance(body["data"]["id"], str)
    assert answer.headers["content-type"] == MEDIA
    assert answer.headers["location"].endswith(f"/capi/json/c3_new_errands/{body['data']['id']}")
    return int(body["data"]["id"])


async def test_a_created_errand_is_reported_dirty_until_read(
    client: httpx.AsyncClient, workspace: Workspace, headers: dict[str, str], area: int
) -> None:
    errand = await create(client, workspace, headers)
    dirty = await client.get(path(workspace, "/capi/json/c3_dirty_errand_list"), headers=headers)
    assert valid(dirty.json())["data"] == {
        "type": "c3_dirty_errand_list",
        "id": "0",
        "attributes": {"errands": [errand]},
    }
    report = await client.get(
        path(workspace, f"/capi/json/c3_errand_reports/{errand}"), headers=headers
    )
    attributes = valid(report.json())["data"]["attributes"]
    assert attributes["c3_id"] == errand
    assert attributes["changed"] is True
    basic = attributes["basic"]["data"]
    assert (
        basic["fromAddress"],
        basic["fromName"],
        basic["areaName"],
        basic["organisationName"],
    ) == ("david.liew@test.se", "David Liew", "test-services-area", "cention-org")
    assert (basic["serviceName"], basic["attachments"], basic["answered"]) == ("Email", "2", False)
    created = attributes["actions"][0]
    assert created["note"].startswith(f"Errand {errand} was created by {created['origin']} ")
    assert created["note"].endswith(" through the API at " + created["time"] + ".")
    again = await client.get(path(workspace, "/capi/json/c3_dirty_errand_list"), headers=headers)
    assert again.json()["data"]["attributes"]["errands"] == []
    sla = await client.get(
        path(workspace, f"/capi/json/c3_errand_reports/{errand}?fields%5Bc3_errand_reports%5D=sla"),
        headers=headers,
    )
    assert list(valid(sla.json())["data"]["attributes"]) == ["sla"]
    forced = await client.post(
        path(workspace, "/capi/json/c3_dirty_errand_list"),
        json={"data": {"type": "c3_dirty_errand_list", "attributes": {"errands": [errand]}}},
        headers=headers,
    )
    assert forced.json() == {"data": {"type": "c3_dirty_errand_list", "id": "0"}}
    listed = await client.get(path(workspace, "/capi/json/c3_dirty_errand_list"), headers=headers)
    assert listed.json()["data"]["attributes"]["errands"] == [errand]


async def test_the_sender_is_one_contact_card(
    client: httpx.AsyncClient, services: Services, workspace: Workspace, headers: dict[str, str]
) -> None:
    card: dict[str, Any] = {
        "data": {
            "type": "c3_contact_cards",
            "attributes": {
                "contacts": {
                    "email": ["tester.c3@cention.se", "tester.c3.2@cention.se"],
                    "facebook": ["12345@facebook.com"],
                    "name": "Tester Cention",
                }
            },
        }
    }
    made = await client.post(
        path(workspace, "/capi/json/c3_contact_cards"), json=card, headers=headers
    )
    assert made.status_code == 201, made.text
    data = valid(made.json())["data"]
    assert data["attributes"] == {
        "c3_id": int(data["id"]),
        "contacts": card["data"]["attributes"]["contacts"],
    }
    more = {
        "data": {
            "type": "c3_contact_cards",
            "attributes": {
                "contacts": {
                    "email": ["TESTER.C3.2@cention.se", "third@cention.se"],
                    "name": "Tester Cention",
                }
            },
        }
    }
    appended = await client.post(
        path(workspace, "/capi/json/c3_contact_cards"), json=more, headers=headers
    )
    assert appended.status_code == 200
    assert appended.json()["data"]["id"] == data["id"]
    assert appended.json()["data"]["attributes"]["contacts"]["email"][-1] == "third@cention.se"
    document = json.loads(json.dumps(NEW_ERRAND))
    document["data"]["attributes"]["msg"]["from"] = "third@cention.se"
    errand = await create(client, workspace, headers, document)
    async with services.read() as unit:
        report = await errands.details(unit, workspace.id, errand)
    assert report.errand["card_id"] == int(data["id"])


@pytest.mark.parametrize(
    ("change", "status", "pointer"),
    [
        (
            lambda d: d["data"]["attributes"]["msg"]["attachments"][0].update(content="@@@"),
            400,
            "/data/attributes/msg/attachments/0/content",
        ),
        (
            lambda d: d["data"]["attributes"].update(
                integrationData={"integrationName": "aventa", "deviceId": 1}
            ),
            400,
            "/data/attributes/integrationData/extensionId",
        ),
        (lambda d: d["data"].update(type="c3_errands"), 409, "/data/type"),
        (lambda d: d["data"]["attributes"].pop("msg"), 400, "/data/attributes/msg"),
    ],
)
async def test_bad_documents_are_json_api_errors(
    client: httpx.AsyncClient,
    workspace: Workspace,
    headers: dict[str, str],
    change: Any,
    status: int,
    pointer: str,
) -> None:
    document = json.loads(json.dumps(NEW_ERRAND))
    change(document)
    answer = await client.post(
        path(workspace, "/capi/json/c3_new_errands"), json=document, headers=headers
    )
    assert answer.status_code == status
    body = valid(answer.json())
    assert "data" not in body  # the SDK takes any JSON with data for a created errand
    assert body["errors"][0]["status"] == str(status)
    assert body["errors"][0]["source"] == {"pointer": pointer}


async def test_tokens_media_types_and_claims(
    client: httpx.AsyncClient, services: Services, workspace: Workspace, headers: dict[str, str]
) -> None:
    url = path(workspace, "/capi/json/c3_new_errands")
    body = json.dumps(NEW_ERRAND)
    async with services.write() as unit:
        other = await workspaces.create(unit, workspace.name + "b")
    theirs = await token(services, other, *ALL)
    cases = [
        ({**headers, "Content-Type": MEDIA + "; charset=utf-8"}, 415),
        ({**headers, "Content-Type": "application/json"}, 415),
        ({**headers, "Accept": MEDIA + "; ext=x"}, 406),
        ({"Content-Type": MEDIA}, 401),
        ({**headers, "Authorization": "Bearer nonsense"}, 401),
        (theirs, 401),
        (await token(services, workspace, "Access to errand data"), 403),
    ]
    for given, status in cases:
        answer = await client.post(url, content=body, headers=given)
        assert answer.status_code == status, (given, answer.text)
        assert "data" not in valid(answer.json())
    report = await client.get(
        path(workspace, "/capi/json/c3_errand_reports/1"),
        headers=await token(services, workspace, "Create Errand"),
    )
    assert report.status_code == 403


class Receiver(BaseHTTPRequestHandler):
    received: ClassVar[list[tuple[dict[str, str], bytes]]] = []
    failing: ClassVar[bool] = False

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers["Content-Length"]))
        if Receiver.failing:
            self.send_response(503)
        else:
            Receiver.received.append(({k.lower(): v for k, v in self.headers.items()}, body))
            self.send_response(200)
        self.end_headers()
        self.wfile.write(b'{"status":"ok"}\n')

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture
def receiver() -> Iterator[str]:
    Receiver.received = []
    server = HTTPServer(("127.0.0.1", 0), Receiver)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/callback"
    server.shutdown()
    server.server_close()


async def test_an_answered_errand_is_called_back_as_the_sdk_expects(
    client: httpx.AsyncClient,
    services: Services,
    settings: Settings,
    workspace: Workspace,
    headers: dict[str, str],
    area: int,
    receiver: str,
) -> None:
    async with services.write() as unit:
        await endpoints.set_endpoint(
            unit, workspace.id, url=receiver, secret="123456", areas=[area], allow_private=True
        )
    errand = await create(client, workspace, headers)
    end = {
        "data": {
            "type": "c3_end_errands",
            "attributes": {
                "errand_id": errand,
                "answer": {
                    "user_type": "cention",
                    "user_id": "1234",
                    "subject": "Answer subject",
                    "body": "Thanks",
                    "html_body": "",
                },
            },
        }
    }
    Receiver.failing = True
    delivering = sender(services, settings.model_copy(update={"callback_allow_private": True}))
    try:
        ended = await client.post(
            path(workspace, "/capi/json/c3_end_errands"), json=end, headers=headers
        )
        assert ended.status_code == 200, ended.text
        assert await delivering.once() == 1  # refused: retried later
        again = await client.post(
            path(workspace, "/capi/json/c3_end_errands"), json=end, headers=headers
        )
        assert again.status_code == 409
        Receiver.failing = False
        async with services.write() as unit:  # the retry is due now
            await unit.tx.execute(
                sa.update(webhook_delivery).values(next_attempt_at=datetime(2000, 1, 1))
            )
        assert await delivering.once() == 1
    finally:
        await delivering.close()
    [(sent, raw)] = Receiver.received
    document = valid(json.loads(raw))
    assert document["meta"] == {"api_secret": "123456"}
    assert document["data"]["attributes"] == {"event": 1}
    expected = base64.b64encode(
        hmac.new(
            b"123456",
            f"{sent['webhook-id']}.{sent['webhook-timestamp']}.".encode() + raw,
            hashlib.sha256,
        ).digest()
    )
    assert sent["webhook-signature"] == "v1," + expected.decode()
    [answered] = [n for n in document["included"] if n["type"] == "c3_answer_errands"]
    assert answered["attributes"]["c3_id"] == errand
    assert (
        answered["attributes"]["answer"]["response"]["to"][0]["email_address"]
        == "david.liew@test.se"
    )
    files = [n for n in document["included"] if n["type"] == "c3_response_attachments"]
    assert len(files) == 2
    assert all(isinstance(n["attributes"]["c3_id"], int) for n in files)
    link = files[0]["links"]["self"]
    assert isinstance(link, str)
    assert link.startswith("http://testserver/s/")
    fetched = await client.get(link.removeprefix("http://testserver"), headers=headers)
    attachment = valid(fetched.json())["data"]["attributes"]["attachment"]
    assert base64.b64decode(attachment["content"]) == b"Apple Pen Pineapple Pen"


async def test_an_outbound_call_ends_by_device_and_extension(
    client: httpx.AsyncClient, workspace: Workspace, headers: dict[str, str]
) -> None:
    document = json.loads(json.dumps(NEW_ERRAND))
    document["data"]["attributes"]["integrationData"] = {
        "integrationName": "aventa",
        "referenceId": "1",
        "deviceId": 1000,
        "extensionId": 1000,
        "destNumber": "60374571234",
        "queueName": "EHS",
        "queueNumber": "123",
    }
    errand = await create(client, workspace, headers, document)
    sample = spec.END_OBCALL  # its data.type is c3_end_errands, as the spec prints it
    ended = await client.post(
        path(workspace, "/capi/json/c3_end_obcall"), json=sample, headers=headers
    )
    assert ended.status_code == 200
    assert ended.json()["data"]["id"] == str(errand)
    again = await client.post(
        path(workspace, "/capi/json/c3_end_obcall"), json=sample, headers=headers
    )
    assert again.status_code == 404
