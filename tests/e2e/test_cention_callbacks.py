"""No callback is lost: errands answered while the receiver is down, the server killed
(``kill -9``) and started again, and every callback arrives once the receiver is up,
signed, with the document the Go SDK checks."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import signal
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, ClassVar

import httpx
import pytest
from typer.testing import CliRunner

from frontdesk.cli.main import app
from tests.conftest import POSTGRES_ENV, drop_postgres, migrated_postgres, migrated_sqlite
from tests.e2e.conftest import demo_credentials, free_port, start, stop
from tests.surfaces.cention import spec_examples as spec
from tests.surfaces.cention.test_errands import MEDIA

pytestmark = [pytest.mark.e2e, pytest.mark.long]
SECRET = "123456"


class Receiver(BaseHTTPRequestHandler):
    received: ClassVar[list[tuple[dict[str, str], bytes]]] = []

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers["Content-Length"]))
        Receiver.received.append(({k.lower(): v for k, v in self.headers.items()}, body))
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture(params=["sqlite", "postgresql"])
def database(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        yield migrated_sqlite(tmp_path / "frontdesk.db")
        return
    base = os.environ.get(POSTGRES_ENV)
    if not base:
        pytest.skip("PostgreSQL not configured")
    url, name = migrated_postgres(base)
    yield url.url.render_as_string(hide_password=False)
    drop_postgres(base, name)


def _answered(number: int) -> Any:
    document = json.loads(json.dumps(spec.NEW_ERRAND))
    attributes = document["data"]["attributes"]
    del attributes["integrationData"]
    attributes["msg"]["from"] = f"restart{number}@example.com"
    attributes["answer"] = {"subject": "Re", "body": f"Answer {number}", "user_type": "",
                            "user_id": ""}  # fmt: skip
    return document


def test_callbacks_survive_a_down_receiver_and_a_killed_server(
    database: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FRONTDESK_CALLBACK_ALLOW_PRIVATE", "true")
    port = free_port()
    process, url = start(database, tmp_path)
    try:
        token = demo_credentials(database)["cention_token"]
        endpoint = f"http://127.0.0.1:{port}/callback"
        made = CliRunner().invoke(
            app, ["cention", "callback", "set", "--endpoint", endpoint, "--secret", SECRET,
                  "--database", database],
        )  # fmt: skip
        assert made.exit_code == 0, made.output
        headers = {"Authorization": f"Bearer {token}", "Content-Type": MEDIA}
        answered = set()
        with httpx.Client(base_url=f"{url}/s/demo/capi/json", headers=headers) as client:
            for number in range(4):
                created = client.post("/c3_new_errands", json=_answered(number))
                assert created.status_code == 201, created.text
                answered.add(created.json()["data"]["id"])
            closed = client.post("/c3_end_errands", json=spec.END_ERRANDS)
            assert closed.status_code == 200, closed.text
            answered.add("4321")
            time.sleep(0.5)  # the receiver is down: attempts fail and are retried later
        os.kill(process.pid, signal.SIGKILL)
        process.wait()
    finally:
        stop(process)
    Receiver.received = []
    receiver = ThreadingHTTPServer(("127.0.0.1", port), Receiver)
    threading.Thread(target=receiver.serve_forever, daemon=True).start()
    process, url = start(database, tmp_path)
    try:
        deadline = time.monotonic() + 90  # a delivery in flight at the kill waits out its lease
        while time.monotonic() < deadline and len(Receiver.received) < len(answered):
            time.sleep(0.1)
    finally:
        stop(process)
        receiver.shutdown()
        receiver.server_close()
    documents = {}
    for sent, body in Receiver.received:
        signed = f"{sent['webhook-id']}.{sent['webhook-timestamp']}.{body.decode()}".encode()
        expected = hmac.new(SECRET.encode(), signed, hashlib.sha256).digest()
        assert sent["webhook-signature"] == "v1," + base64.b64encode(expected).decode()
        document = json.loads(body)
        assert document["meta"] == {"api_secret": SECRET}
        documents[document["data"]["relationships"]["errand"]["data"]["id"]] = document
    assert set(documents) == answered  # every one, none lost
    assert len(Receiver.received) == len(answered)  # and none twice
    shown = CliRunner().invoke(app, ["cention", "callback", "show", "--database", database])
    deliveries = json.loads(shown.stdout)["deliveries"]
    assert deliveries["delivered"] == len(answered)
    assert deliveries["attempts"] > len(answered)  # the ones made while the receiver was down
    for document in documents.values():  # as the Go SDK reads them
        for item in document["included"]:
            assert isinstance(item["attributes"]["c3_id"], int)
            if item["type"] != "c3_answer_errands":
                assert isinstance(item["links"]["self"], str)
