"""The console in a real browser (Playwright driving Debian's chromium, no download):
signing in, with JavaScript and without; a form posted without its token refused; a
Cention token made on its page and used against the API. Screenshots of each page are
written to ``FRONTDESK_SCREENSHOTS`` (default: the test's temporary directory)."""

from __future__ import annotations

import os
import shutil
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx
import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from tests.e2e.conftest import Server
from tests.surfaces.cention.test_errands import MEDIA

CHROMIUM = shutil.which("chromium")
# The callback test's receiver is on this machine.
SERVER_ENVIRONMENT = {"FRONTDESK_CALLBACK_ALLOW_PRIVATE": "true"}
pytestmark = [
    pytest.mark.e2e,
    pytest.mark.long,
    pytest.mark.browser,
    pytest.mark.skipif(
        CHROMIUM is None,
        reason="chromium is not installed (apt-get install chromium): "
        "the console's browser tests did not run",
    ),
]


@pytest.fixture
def browser() -> Iterator[Browser]:
    """One per test: Playwright's synchronous API keeps an event loop running while it is
    open, and the next database's server fixture needs none running."""
    with sync_playwright() as playwright:
        found = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield found
        found.close()


@pytest.fixture
def shots(tmp_path: Path) -> Path:
    where = Path(os.environ.get("FRONTDESK_SCREENSHOTS", tmp_path))
    where.mkdir(parents=True, exist_ok=True)
    return where


def sign_in(page: Page, server: Server) -> None:
    page.goto(f"{server.url}/console")
    assert page.url.endswith("/console/sign-in")
    page.fill("input[name=user_name]", server.credentials["username"])
    page.fill("input[name=password]", server.credentials["password"])
    page.click("button[type=submit]")
    page.wait_for_url("**/console")


def test_sign_in_and_a_cention_token(server: Server, browser: Browser, shots: Path) -> None:
    context = browser.new_context(viewport={"width": 1200, "height": 800})
    page = context.new_page()
    page.goto(f"{server.url}/console")
    page.screenshot(path=shots / f"sign-in-{server.database[:6]}.png")
    page.fill("input[name=user_name]", server.credentials["username"])
    page.fill("input[name=password]", "not the password")
    page.click("button[type=submit]")
    assert "wrong" in page.inner_text("[role=alert]")
    page.fill("input[name=password]", server.credentials["password"])
    page.click("button[type=submit]")
    page.wait_for_url("**/console")
    assert f"Welcome, {server.credentials['username']}" in page.inner_text("h1")

    page.click("text=Access Tokens")
    page.fill("#create-token input[name=name]", "browser-bot")
    page.check("input[name='claim:Access to library']")
    page.click("text=Create token")
    secret = page.input_value("#new-token")
    page.screenshot(path=shots / f"token-made-{server.database[:6]}.png", full_page=True)
    answer = httpx.get(
        f"{server.url}/s/demo/capi/json/c3_libraries",
        headers={"Authorization": f"Bearer {secret}"},
    )
    assert answer.status_code == 200, answer.text
    page.goto(f"{server.url}/console/cention/tokens")
    assert secret not in page.content()  # shown once

    # The browser's own session, posting without the form's token: refused, nothing made.
    forged = page.request.post(
        f"{server.url}/console/cention/tokens",
        form={"name": "forged", "claim:Access to library": "on"},
    )
    assert forged.status == 403
    page.reload()
    assert "forged" not in page.inner_text("table")
    page.click("text=Sign out")
    page.wait_for_url("**/console/sign-in")
    context.close()


def test_without_javascript(server: Server, browser: Browser, shots: Path) -> None:
    """Every page's core task with JavaScript off; a screenshot of each page."""
    context = browser.new_context(
        java_script_enabled=False, viewport={"width": 1200, "height": 800}
    )
    page = context.new_page()
    sign_in(page, server)
    page.click("text=Access Tokens")
    assert page.url.endswith("/console/cention/tokens")
    page.goto(f"{server.url}/console")
    page.fill("#q", "sam.collins@mailinator.com")
    page.press("#q", "Enter")
    page.click("#found >> text=Sam Collins")
    assert "Case CS" in page.inner_text("#timeline")
    page.goto(f"{server.url}/console/egain")
    page.fill("#create-department input[name=name]", "Browser department")
    page.click("#create-department button[type=submit]")
    assert "Browser department" in page.inner_text("#departments")
    page.goto(f"{server.url}/console/journal")
    page.select_option("select[name=status]", "2xx")
    page.click("#journal-filter button[type=submit]")
    assert "status=2xx" in page.url
    names = ("users", "clients", "egain", "settings", "journal", "workspace", "cention/exports",
             "cention/areas")  # fmt: skip
    for name in names:
        page.goto(f"{server.url}/console/{name}")
        assert page.locator("h1").count() == 1, name
        shot = f"{name.replace('/', '-')}-{server.database[:6]}.png"
        page.screenshot(path=shots / shot, full_page=True)
    context.close()


def test_a_callback_and_its_delivery_log(server: Server, browser: Browser, shots: Path) -> None:
    received: list[bytes] = []

    class Receiver(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            received.append(self.rfile.read(int(self.headers["Content-Length"])))
            self.send_response(200)
            self.end_headers()

        def log_message(self, *args: object) -> None:
            pass

    listener = ThreadingHTTPServer(("127.0.0.1", 0), Receiver)
    threading.Thread(target=listener.serve_forever, daemon=True).start()
    context = browser.new_context(viewport={"width": 1200, "height": 800})
    page = context.new_page()
    try:
        sign_in(page, server)
        page.click("text=Callback")
        page.fill("#callback input[name=url]", f"http://127.0.0.1:{listener.server_port}/cb")
        page.fill("#callback input[name=secret]", "123456")
        page.click("#callback button[type=submit]")
        page.wait_for_url("**/console/cention/callback")
        token = server.credentials["cention_token"]
        message = {"from": "browser@example.com", "subject": "From the browser", "body": "Hi"}
        reply = {"subject": "Re", "body": "Answered", "user_type": "", "user_id": ""}
        document = {"data": {"type": "c3_new_errands",
                             "attributes": {"msg": message, "answer": reply}}}  # fmt: skip
        made = httpx.post(
            f"{server.url}/s/demo/capi/json/c3_new_errands", json=document,
            headers={"Authorization": f"Bearer {token}", "Content-Type": MEDIA},
        )  # fmt: skip
        assert made.status_code == 201, made.text
        errand = made.json()["data"]["id"]
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline and not received:
            time.sleep(0.1)
        assert received, "the server delivered nothing"
        page.reload()
        row = page.locator("#deliveries tbody tr").first
        assert row.get_attribute("class") == "state-delivered"
        assert errand in row.inner_text()
        assert " · 200 · " in row.inner_text()
        page.screenshot(path=shots / f"callback-{server.database[:6]}.png", full_page=True)
        row.locator("text=Redeliver").click()
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline and len(received) < 2:
            time.sleep(0.1)
        assert len(received) == 2
        assert received[0] == received[1]  # the same message, sent again
    finally:
        context.close()
        listener.shutdown()
        listener.server_close()


def test_customer_360_of_a_person_made_through_servicenow(
    server: Server, browser: Browser, shots: Path
) -> None:
    made = httpx.post(
        f"{server.url}/api/now/consumer", auth=server.auth,
        json={"first_name": "Robin", "last_name": "Vale", "email": "Robin.Vale@example.org",
              "mobile_phone": "+44 20 7946 0321"},
    )  # fmt: skip
    assert made.status_code == 201, made.text
    sys_id = made.json()["result"]
    message = {"from": "robin.vale@example.org", "subject": "My order never came", "body": "?"}
    document = {"data": {"type": "c3_new_errands", "attributes": {"msg": message}}}
    errand = httpx.post(
        f"{server.url}/s/demo/capi/json/c3_new_errands", json=document,
        headers={"Authorization": f"Bearer {server.credentials['cention_token']}",
                 "Content-Type": MEDIA},
    )  # fmt: skip
    assert errand.status_code == 201, errand.text
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    page = context.new_page()
    sign_in(page, server)
    page.fill("#q", "robin.vale@example.org")  # the errand's sender
    page.press("#q", "Enter")
    page.wait_for_url("**/console/people?q=*")
    assert page.locator("#found tbody tr").count() == 1
    page.fill("#q", "+44 (20) 7946-0321")  # the phone, written another way
    page.press("#q", "Enter")
    page.wait_for_url("**/console/people?q=*44*")
    page.screenshot(path=shots / f"people-{server.database[:6]}.png", full_page=True)
    page.click("#found >> text=Robin Vale")
    page.wait_for_url(f"**/console/people/csm_consumer/{sys_id}")
    assert page.inner_text("h1") == "Robin Vale"
    assert page.inner_text("#cention-card").strip().isdecimal()  # the card the errand made
    assert "robin.vale@example.org" in page.inner_text(".views")
    assert page.inner_text("#egain-customer").strip().endswith("1")
    first = page.locator("#timeline li").first
    assert f"errand {errand.json()['data']['id']}" in first.inner_text()
    assert "My order never came" in first.inner_text()
    assert "created" in first.inner_text()  # its action
    page.screenshot(path=shots / f"customer-360-{server.database[:6]}.png", full_page=True)
    context.close()


def test_customer_central_preview(server: Server, browser: Browser, shots: Path) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 1000})
    page = context.new_page()
    sign_in(page, server)
    page.click("text=Customer Central")
    page.select_option("select[name=customer]", label="Sam Collins")
    page.click("#choose button[type=submit]")
    preview = page.locator("#preview")
    assert "Case overview" in preview.inner_text()
    assert preview.locator("svg path").count() >= 1  # the donut's slices
    assert preview.locator(".score").count() == 3  # the high-priority group's three scores
    assert "Recent cases" in preview.inner_text()
    page.screenshot(path=shots / f"customer-central-{server.database[:6]}.png", full_page=True)
    context.close()
