"""The API's origin is safe behind a proxy (issue 7 §3): downloads are never active content,
and links never point where the Host header says unless the operator vouched for it."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest

from frontdesk.app import create_app
from frontdesk.config import Settings
from frontdesk.domain.services import Services
from frontdesk.domain.workspace import Workspace
from tests import factories

pytestmark = pytest.mark.anyio


@pytest.fixture
async def user(services: Services, workspace: Workspace) -> factories.User:
    return await factories.user(services, workspace, roles=("csm_ws_integration",))


async def upload(
    client: httpx.AsyncClient,
    workspace: Workspace,
    user: factories.User,
    target: dict[str, object],
    name: str,
    media: str,
    content: bytes,
) -> httpx.Response:
    made = await client.post(
        factories.path(workspace, "/api/now/attachment/file"),
        params={
            "table_name": "csm_consumer",
            "table_sys_id": str(target["sys_id"]),
            "file_name": name,
        },
        content=content,
        headers={**user.headers, "Content-Type": media},
    )
    assert made.status_code == 201
    return await client.get(made.json()["result"]["download_link"], headers=user.headers)


@pytest.mark.parametrize(
    ("media", "shown"),
    [
        ("text/html", "attachment"),
        ("image/svg+xml", "attachment"),
        ("application/xhtml+xml", "attachment"),
        ("application/javascript", "attachment"),
        ("text/xml", "attachment"),
        ("image/png", "inline"),
        ("text/plain", "inline"),
    ],
)
async def test_downloads_are_never_active_content(
    client: httpx.AsyncClient,
    services: Services,
    workspace: Workspace,
    user: factories.User,
    media: str,
    shown: str,
) -> None:
    target = await factories.consumer(services, workspace, first_name="Files")
    page = b"<html><script>alert(document.cookie)</script></html>"
    download = await upload(client, workspace, user, target, "page.html", media, page)
    assert download.content == page
    assert download.headers["x-content-type-options"] == "nosniff"
    assert download.headers["content-security-policy"].startswith("sandbox")
    assert download.headers["content-disposition"].startswith(shown)


async def test_any_file_name_downloads(
    client: httpx.AsyncClient, services: Services, workspace: Workspace, user: factories.User
) -> None:
    target = await factories.consumer(services, workspace, first_name="Files")
    name = 'Rapport "été" 日本.txt'
    download = await upload(client, workspace, user, target, name, "text/plain", b"ok")
    assert download.status_code == 200
    assert download.headers["content-disposition"] == (
        'inline; filename="Rapport __t__ __.txt"; '
        "filename*=UTF-8''Rapport%20%22%C3%A9t%C3%A9%22%20%E6%97%A5%E6%9C%AC.txt"
    )
    assert (
        '"file_name": "Rapport \\"\\u00e9t\\u00e9\\" \\u65e5\\u672c.txt"'
        in (download.headers["x-attachment-metadata"])
    )


@pytest.fixture
async def public(services: Services, settings: Settings) -> AsyncIterator[httpx.AsyncClient]:
    configured = settings.model_copy(
        update={
            "public_url": "https://desk.example.com/",
            "trusted_hosts": "desk.example.com,*.local",
        }
    )
    transport = httpx.ASGITransport(app=create_app(configured, services=services))
    async with httpx.AsyncClient(transport=transport, base_url="http://desk.example.com") as client:
        yield client


async def test_links_use_the_public_url_and_unknown_hosts_are_refused(
    public: httpx.AsyncClient, services: Services, workspace: Workspace, user: factories.User
) -> None:
    household = await factories.record(services, workspace, "csm_household", name="H")
    await factories.consumer(services, workspace, first_name="A", household=household["sys_id"])
    await factories.consumer(services, workspace, first_name="B")
    path = factories.path(workspace, "/api/now/table/csm_consumer")
    listed = await public.get(
        path,
        params={
            "sysparm_limit": 1,
            "sysparm_query": "ORDERBYfirst_name",
            "sysparm_fields": "household",
        },
        headers={**user.headers, "Host": "api.local"},
    )
    assert listed.status_code == 200
    base = f"https://desk.example.com/s/{workspace.name}/api/now/table"
    assert listed.json()["result"][0]["household"]["link"] == (
        f"{base}/csm_household/{household['sys_id']}"
    )
    assert listed.headers["link"].startswith(f"<{base}/csm_consumer?")
    made = await public.post(path, json={"first_name": "C"}, headers=user.headers)
    assert made.headers["location"].startswith(f"{base}/csm_consumer/")
    evil = await public.get(path, headers={**user.headers, "Host": "evil.example"})
    assert evil.status_code == 400
    assert evil.headers["content-type"] == "application/problem+json"
    assert "evil.example" in evil.json()["detail"]
