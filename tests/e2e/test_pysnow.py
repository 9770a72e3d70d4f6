"""pysnow, unmodified, over plain HTTP against ``frontdesk serve``."""

from __future__ import annotations

import warnings
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.e2e.conftest import Server

with warnings.catch_warnings():
    warnings.simplefilter("ignore")  # pysnow (archived) imports deprecated things
    import pysnow

pytestmark = [pytest.mark.e2e, pytest.mark.filterwarnings("ignore::DeprecationWarning")]


@pytest.fixture
def client(server: Server) -> pysnow.Client:
    user, password = server.auth
    return pysnow.Client(
        host=urlsplit(server.url).netloc, use_ssl=False, user=user, password=password
    )


@pytest.fixture
def consumers(client: pysnow.Client) -> pysnow.Resource:
    return client.resource(api_path="/table/csm_consumer")


def test_get_with_a_dict_and_a_query_builder(consumers: pysnow.Resource) -> None:
    assert [r["name"] for r in consumers.get(query={"city": "Plano"}).all()] == ["Harding Asher"]
    query = (
        pysnow.QueryBuilder()
        .field("state")
        .equals("TX")
        .AND()
        .field("active")
        .equals("true")
        .AND()
        .field("name")
        .order_ascending()
    )
    assert [r["name"] for r in consumers.get(query=query).all()] == [
        "Carlos Garcia",
        "Ethan Wilson",
        "Harding Asher",
        "Maria Garcia",
    ]
    one = consumers.get(query={"number": "CSMR0000002"}, fields=["name", "user"]).one()
    assert one["name"] == "Sam Collins"
    assert one["user"]["value"] == "64488cfbdb1b1200b6075200cf9619db"
    assert one["user"]["link"].endswith(
        "/api/now/table/csm_consumer_user/64488cfbdb1b1200b6075200cf9619db"
    )


def test_create_update_delete(consumers: pysnow.Resource) -> None:
    made = consumers.create(payload={"first_name": "Pysnow", "last_name": "Test", "active": True})
    assert made["name"] == "Pysnow Test"
    sys_id = made["sys_id"]
    updated = consumers.update(
        query={"sys_id": sys_id}, payload={"city": "Bergen", "primary": False}
    )
    assert (updated["city"], updated["primary"]) == ("Bergen", "false")
    assert consumers.delete(query={"sys_id": sys_id}) == {"status": "record deleted"}
    assert consumers.get(query={"sys_id": sys_id}).all() == []


# pysnow's upload opens the file and never closes it (open(path, "rb").read()).
@pytest.mark.filterwarnings(
    "ignore::ResourceWarning", "ignore::pytest.PytestUnraisableExceptionWarning"
)
def test_attachments(consumers: pysnow.Resource, tmp_path: Path) -> None:
    harding = "01d8403fdb1b1200b6075200cf961941"
    file = tmp_path / "notes.txt"
    file.write_bytes(b"hello from pysnow")
    attachments = consumers.attachments
    plain = attachments.upload(harding, str(file))
    multipart = attachments.upload(harding, str(file), name="notes2.txt", multipart=True)
    assert (plain["file_name"], plain["size_bytes"]) == ("notes.txt", "17")
    assert multipart["file_name"] == "notes2.txt"
    listed = {a["file_name"] for a in attachments.get(harding)}
    assert {"notes.txt", "notes2.txt"} <= listed
    for made in (plain, multipart):
        assert attachments.delete(made["sys_id"]) == {"status": "record deleted"}
    assert not {"notes.txt", "notes2.txt"} & {a["file_name"] for a in attachments.get(harding)}


@pytest.fixture
def paged(server: Server) -> pysnow.Client:
    user, password = server.auth
    return pysnow.Client(
        host=urlsplit(server.url).netloc,
        use_ssl=False,
        user=user,
        password=password,
        request_params={"sysparm_limit": 7},
    )


def test_the_legacy_client_follows_link_headers(paged: pysnow.Client) -> None:
    found = [
        r["number"]
        for r in paged.query(table="csm_consumer", query={"active": "true"}).get_multiple(
            order_by=["number"]
        )
    ]
    assert len(found) == len(set(found))
    assert found[:3] == ["CSMR0000001", "CSMR0000002", "CSMR0000003"]
    assert len(found) >= 25
