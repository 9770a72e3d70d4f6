"""The Attachment API: upload (raw, multipart, boundary-less), list, stream, delete, limits."""

from __future__ import annotations

import json
from typing import Any

import httpx
import pytest

from frontdesk.domain.services import Services
from frontdesk.domain.workspace import Workspace
from tests import factories

pytestmark = pytest.mark.anyio
PNG = (
    bytes.fromhex("89504e470d0a1a0a0000000d49484452000000030000000208060000009d74a3ea")
    + b"\x00" * 20
)


@pytest.fixture
async def setup(services: Services, workspace: Workspace) -> tuple[factories.User, dict[str, Any]]:
    user = await factories.user(services, workspace, roles=("csm_ws_integration",))
    return user, await factories.consumer(services, workspace, first_name="Files")


async def test_upload_list_download_delete(
    client: httpx.AsyncClient, workspace: Workspace, setup: tuple[factories.User, dict[str, Any]]
) -> None:
    user, consumer = setup
    base = factories.path(workspace, "/api/now/v1/attachment")
    target = {"table_name": "csm_consumer", "table_sys_id": consumer["sys_id"]}
    content = b"hello, world\n" * 50_000  # several chunks
    created = await client.post(
        f"{base}/file",
        params={**target, "file_name": "hello.txt"},
        content=content,
        headers={**user.headers, "Content-Type": "text/plain"},
    )
    assert created.status_code == 201
    record = created.json()["result"]
    assert created.headers["location"].endswith(f"/api/now/attachment/{record['sys_id']}")
    assert (record["file_name"], record["content_type"], record["size_bytes"]) == (
        "hello.txt",
        "text/plain",
        str(len(content)),
    )
    assert record["table_sys_id"] == consumer["sys_id"]
    assert (
        record["download_link"]
        == f"http://testserver/s/{workspace.name}/api/now/attachment/{record['sys_id']}/file"
    )
    picture = await client.post(
        f"{base}/file",
        params={**target, "file_name": "dot.png"},
        content=PNG,
        headers={**user.headers, "Content-Type": "image/png"},
    )
    assert (picture.json()["result"]["image_width"], picture.json()["result"]["image_height"]) == (
        "3",
        "2",
    )

    listed = await client.get(
        base,
        params={"sysparm_query": f"table_sys_id={consumer['sys_id']}^ORDERBYfile_name"},
        headers=user.headers,
    )
    assert listed.headers["x-total-count"] == "2"
    assert [r["file_name"] for r in listed.json()["result"]] == ["dot.png", "hello.txt"]

    download = await client.get(f"{base}/{record['sys_id']}/file", headers=user.headers)
    assert download.status_code == 200
    assert download.content == content
    assert download.headers["content-type"].startswith("text/plain")
    assert json.loads(download.headers["x-attachment-metadata"])["file_name"] == "hello.txt"

    deleted = await client.delete(f"{base}/{record['sys_id']}", headers=user.headers)
    assert deleted.status_code == 204
    assert (await client.get(f"{base}/{record['sys_id']}", headers=user.headers)).status_code == 404
    assert (
        await client.get(f"{base}/{record['sys_id']}/file", headers=user.headers)
    ).status_code == 404


async def test_same_content_is_stored_once_and_kept_while_used(
    client: httpx.AsyncClient, workspace: Workspace, setup: tuple[factories.User, dict[str, Any]]
) -> None:
    user, consumer = setup
    base = factories.path(workspace, "/api/now/attachment")
    params = {"table_name": "csm_consumer", "table_sys_id": consumer["sys_id"]}
    first = (
        await client.post(
            f"{base}/file",
            params={**params, "file_name": "a.bin"},
            content=b"same",
            headers=user.headers,
        )
    ).json()["result"]
    second = (
        await client.post(
            f"{base}/file",
            params={**params, "file_name": "b.bin"},
            content=b"same",
            headers=user.headers,
        )
    ).json()["result"]
    assert first["hash"] == second["hash"]
    await client.delete(f"{base}/{first['sys_id']}", headers=user.headers)
    still = await client.get(f"{base}/{second['sys_id']}/file", headers=user.headers)
    assert still.content == b"same"


async def test_multipart_uploads(
    client: httpx.AsyncClient, workspace: Workspace, setup: tuple[factories.User, dict[str, Any]]
) -> None:
    user, consumer = setup
    upload = factories.path(workspace, "/api/now/attachment/upload")
    form = await client.post(
        upload,
        data={"table_name": "csm_consumer", "table_sys_id": str(consumer["sys_id"])},
        files={"uploadFile": ("notes.csv", b"a,b\n1,2\n", "text/csv")},
        headers=user.headers,
    )
    assert form.status_code == 201
    assert (form.json()["result"]["file_name"], form.json()["result"]["content_type"]) == (
        "notes.csv",
        "text/csv",
    )
    # pysnow's "multipart": the bare file, a content type without a boundary, names in the query
    bare = await client.post(
        upload,
        params={
            "table_name": "csm_consumer",
            "table_sys_id": consumer["sys_id"],
            "file_name": "raw.json",
        },
        content=b"{}",
        headers={**user.headers, "Content-Type": "multipart/form-data"},
    )
    assert bare.status_code == 201
    assert bare.json()["result"]["content_type"] == "application/json"


@pytest.mark.parametrize(
    ("params", "status", "message"),
    [
        ({"table_name": "nope", "file_name": "x"}, 400, "Invalid table nope"),
        (
            {"table_name": "csm_consumer", "file_name": "x", "table_sys_id": "f" * 32},
            404,
            "No Record found",
        ),
        ({"table_name": "csm_consumer"}, 400, "Missing table_sys_id"),
    ],
)
async def test_bad_uploads(
    client: httpx.AsyncClient,
    workspace: Workspace,
    setup: tuple[factories.User, dict[str, Any]],
    params: dict[str, str],
    status: int,
    message: str,
) -> None:
    user, consumer = setup
    query = {"table_sys_id": str(consumer["sys_id"]), **params}
    if "table_sys_id" in params:
        query["table_sys_id"] = params["table_sys_id"]
    if message == "Missing table_sys_id":
        query.pop("table_sys_id")
    response = await client.post(
        factories.path(workspace, "/api/now/attachment/file"),
        params=query,
        content=b"x",
        headers=user.headers,
    )
    assert response.status_code == status
    assert response.json()["error"]["message"] == message


async def test_an_upload_over_the_cap(
    client: httpx.AsyncClient,
    workspace: Workspace,
    setup: tuple[factories.User, dict[str, Any]],
    app: object,
) -> None:
    user, consumer = setup
    limit = app.state.settings.max_attachment_bytes  # type: ignore[attr-defined]
    response = await client.post(
        factories.path(workspace, "/api/now/attachment/file"),
        params={
            "table_name": "csm_consumer",
            "table_sys_id": consumer["sys_id"],
            "file_name": "big.bin",
        },
        content=b"\0" * (limit + 1),
        headers=user.headers,
    )
    assert response.status_code == 413
    assert response.json()["error"]["message"] == "Exception while reading request"
    listed = await client.get(
        factories.path(workspace, "/api/now/attachment"), headers=user.headers
    )
    assert listed.json()["result"] == []


async def test_attachments_follow_their_record_access(
    client: httpx.AsyncClient,
    services: Services,
    workspace: Workspace,
    setup: tuple[factories.User, dict[str, Any]],
) -> None:
    user, consumer = setup
    base = factories.path(workspace, "/api/now/attachment")
    made = await client.post(
        f"{base}/file",
        params={
            "table_name": "csm_consumer",
            "table_sys_id": consumer["sys_id"],
            "file_name": "p.txt",
        },
        content=b"private",
        headers=user.headers,
    )
    nobody = await factories.user(services, workspace, roles=("itil",))
    assert (await client.get(base, headers=nobody.headers)).json()["result"] == []
    assert (
        await client.get(f"{base}/{made.json()['result']['sys_id']}/file", headers=nobody.headers)
    ).status_code == 404
    reader = await factories.user(services, workspace, roles=("sn_esm_agent",))
    assert len((await client.get(base, headers=reader.headers)).json()["result"]) == 1
    assert (
        await client.delete(f"{base}/{made.json()['result']['sys_id']}", headers=reader.headers)
    ).status_code == 403
