"""The console's sign-in: a page that works without JavaScript, a session cookie with the
flags a browser needs, forms refused without their token, a session good in its own
workspace only, and sign-in and sign-out as Cention logio Login and Logout records."""

from __future__ import annotations

import re
from datetime import datetime

import httpx
import pytest

from frontdesk.app import create_app
from frontdesk.config import Settings
from frontdesk.domain.auth import api_tokens
from frontdesk.domain.presence import events
from frontdesk.domain.presence.events import Window
from frontdesk.domain.services import Services
from frontdesk.domain.workspace import Workspace
from frontdesk.domain.workspaces import service as workspaces
from tests import factories
from tests.factories import path

pytestmark = pytest.mark.anyio


def token_in(page: str) -> str:
    found = re.search(r'name="csrf" value="([^"]+)"', page)
    assert found is not None, page
    return found.group(1)


async def signed_in(
    client: httpx.AsyncClient, workspace: Workspace, user: factories.User
) -> httpx.Response:
    form = await client.get(path(workspace, "/console/sign-in"))
    assert form.status_code == 200
    return await client.post(
        path(workspace, "/console/sign-in"),
        data={"csrf": token_in(form.text), "user_name": user.user_name, "password": user.password},
    )


async def logio(services: Services, workspace: Workspace) -> list[tuple[str, bool]]:
    """The workspace's Login (True) and Logout (False) records, as logio reads them."""
    window = Window("default", datetime(1970, 1, 1), datetime(9999, 1, 1), None)
    return [
        (name, signed_in)
        async for page in events.read(services, workspace.id, window)
        for _, name, _, signed_in in page
    ]


async def test_sign_in_and_out(
    client: httpx.AsyncClient, services: Services, workspace: Workspace
) -> None:
    user = await factories.user(services, workspace, roles=("admin",))
    home = await client.get(path(workspace, "/console"))
    assert home.status_code == 303
    assert home.headers["location"] == f"/s/{workspace.name}/console/sign-in"
    form = await client.get(path(workspace, "/console/sign-in"))
    assert '<form method="post"' in form.text
    assert form.headers["content-security-policy"].startswith("default-src 'self'")
    assert 'href="/s/' + workspace.name + '/console/static/console.css"' in form.text
    css = await client.get(path(workspace, "/console/static/console.css"))
    assert css.status_code == 200
    assert css.headers["content-type"].startswith("text/css")

    wrong = await client.post(
        path(workspace, "/console/sign-in"),
        data={"csrf": token_in(form.text), "user_name": user.user_name, "password": "nope"},
    )
    assert wrong.status_code == 401
    assert "wrong" in wrong.text
    assert user.user_name in wrong.text  # kept in the form

    answer = await signed_in(client, workspace, user)
    assert answer.status_code == 303
    cookie = next(v for k, v in answer.headers.multi_items()
                  if k == "set-cookie" and v.startswith("fd_session="))  # fmt: skip
    assert "HttpOnly" in cookie
    assert "SameSite=lax" in cookie
    assert f"Path=/s/{workspace.name}/console" in cookie
    assert "Secure" not in cookie  # plain HTTP here
    home = await client.get(path(workspace, "/console"))
    assert home.status_code == 200
    assert f"Welcome, {user.user_name}" in home.text

    refused = await client.post(path(workspace, "/console/sign-out"), data={"csrf": "forged"})
    assert refused.status_code == 403
    assert (await client.get(path(workspace, "/console"))).status_code == 200  # still in
    out = await client.post(path(workspace, "/console/sign-out"),
                            data={"csrf": token_in(home.text)})  # fmt: skip
    assert out.status_code == 303
    assert (await client.get(path(workspace, "/console"))).status_code == 303
    assert await logio(services, workspace) == [(user.user_name, True), (user.user_name, False)]


async def test_forms_without_their_token_and_other_workspaces_are_refused(
    client: httpx.AsyncClient, services: Services, workspace: Workspace
) -> None:
    user = await factories.user(services, workspace)
    bare = await client.post(
        path(workspace, "/console/sign-in"),
        data={"user_name": user.user_name, "password": user.password},
    )
    assert bare.status_code == 403
    assert await logio(services, workspace) == []
    answer = await signed_in(client, workspace, user)
    session = answer.cookies["fd_session"]
    async with services.write() as unit:
        other = await workspaces.create(unit, workspace.name + "b")
    elsewhere = await client.get(
        path(other, "/console"), headers={"Cookie": f"fd_session={session}"}
    )
    assert elsewhere.status_code == 303  # to sign in there: the session is not of that workspace
    home = await client.get(path(workspace, "/console"))
    forged = await client.post(
        path(other, "/console/sign-out"), data={"csrf": token_in(home.text)},
        headers={"Cookie": f"fd_session={session}"},
    )  # fmt: skip
    assert forged.status_code == 403
    assert (await client.get(path(workspace, "/console"))).status_code == 200


async def test_failed_sign_ins_are_throttled(
    client: httpx.AsyncClient, services: Services, workspace: Workspace
) -> None:
    user = await factories.user(services, workspace)
    form = await client.get(path(workspace, "/console/sign-in"))
    statuses = []
    for _ in range(12):
        answer = await client.post(
            path(workspace, "/console/sign-in"),
            data={"csrf": token_in(form.text), "user_name": user.user_name, "password": "x"},
        )
        statuses.append(answer.status_code)
    assert statuses[0] == 401
    assert statuses[-1] == 429
    assert "try again in" in answer.text


async def test_unknown_pages_and_methods(client: httpx.AsyncClient, workspace: Workspace) -> None:
    assert (await client.get(path(workspace, "/console/nothing"))).status_code == 404
    put = await client.put(path(workspace, "/console/sign-in"))
    assert put.status_code == 405
    assert put.headers["allow"] == "GET, HEAD, POST"
    assert (await client.get("/s/no-such-workspace/console")).status_code == 404
    assert (await client.get(path(workspace, "/console/static/../x"))).status_code == 404


async def test_an_administrator_makes_a_cention_token_that_works(
    client: httpx.AsyncClient, services: Services, workspace: Workspace
) -> None:
    admin = await factories.user(services, workspace, roles=("admin",))
    await signed_in(client, workspace, admin)
    home = await client.get(path(workspace, "/console"))
    assert "/cention/tokens" in home.text
    page = await client.get(path(workspace, "/console/cention/tokens"))
    assert page.status_code == 200
    assert "No tokens yet." in page.text
    csrf = token_in(page.text)
    url = path(workspace, "/console/cention/tokens")
    nothing = await client.post(url, data={"csrf": csrf, "name": "bot"})  # no claim
    assert nothing.status_code == 400
    forged = await client.post(url, data={"name": "bot", "claim:Access to library": "on"})
    assert forged.status_code == 403
    made = await client.post(url, data={"csrf": csrf, "name": "bot", "area": "1",
                                        "claim:Access to library": "on"})  # fmt: skip
    assert made.status_code == 201
    found = re.search(r'<textarea id="new-token" readonly rows="4">([^<]+)</textarea>', made.text)
    assert found is not None
    secret = found.group(1)
    api = path(workspace, "/capi/json/c3_libraries")
    answer = await client.get(api, headers={"Authorization": f"Bearer {secret}"})
    assert answer.status_code == 200, answer.text
    listed = await client.get(url)
    assert "bot" in listed.text
    assert secret not in listed.text  # shown once only
    again = await client.post(url, data={"csrf": csrf, "name": "bot",
                                         "claim:Access to library": "on"})  # fmt: skip
    assert again.status_code == 409
    revoked = await client.post(url + "/revoke", data={"csrf": csrf, "name": "bot"})
    assert revoked.status_code == 303
    assert (await client.get(api, headers={"Authorization": f"Bearer {secret}"})).status_code == 401
    assert "revoked" in (await client.get(url)).text


async def test_an_agent_is_refused_administration_pages(
    client: httpx.AsyncClient, services: Services, workspace: Workspace
) -> None:
    agent = await factories.user(services, workspace, roles=("itil",))
    await signed_in(client, workspace, agent)
    home = await client.get(path(workspace, "/console"))
    assert home.status_code == 200
    assert "/cention/tokens" not in home.text
    refused = await client.get(path(workspace, "/console/cention/tokens"))
    assert refused.status_code == 403
    posted = await client.post(
        path(workspace, "/console/cention/tokens"),
        data={"csrf": token_in(home.text), "name": "x", "claim:Access to library": "on"},
    )
    assert posted.status_code == 403
    async with services.read() as unit:
        assert await api_tokens.listed(unit, workspace) == []


async def test_the_cookie_is_secure_over_https(
    services: Services, settings: Settings, workspace: Workspace
) -> None:
    public = settings.model_copy(update={"public_url": "https://frontdesk.example"})
    transport = httpx.ASGITransport(app=create_app(public, services=services))
    async with httpx.AsyncClient(transport=transport, base_url="https://testserver") as client:
        user = await factories.user(services, workspace)
        answer = await signed_in(client, workspace, user)
    assert answer.status_code == 303
    cookie = next(v for k, v in answer.headers.multi_items()
                  if k == "set-cookie" and v.startswith("fd_session="))  # fmt: skip
    assert "Secure" in cookie
