"""Cention logio: agents' sign-ins (the OAuth password grant) and sign-outs (revocation,
expiry) read back by system group, in CSV and JSON, streamed a page at a time."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

import httpx
import pytest

from frontdesk.domain import clock
from frontdesk.domain.access import system
from frontdesk.domain.auth import api_tokens, oauth
from frontdesk.domain.errands import agents
from frontdesk.domain.presence import events, repository, sessions
from frontdesk.domain.services import Services
from frontdesk.domain.workspace import Workspace
from frontdesk.domain.workspaces import service as workspaces
from frontdesk.store.presence_tables import presence_event
from tests import factories
from tests.factories import path

pytestmark = pytest.mark.anyio
SECRET = "app-secret"


def unix(at: datetime) -> int:
    return int(at.replace(tzinfo=UTC).timestamp())


async def logio_token(services: Services, workspace: Workspace, group: str, *labels: str) -> str:
    async with services.write() as unit:
        made = await api_tokens.create(
            unit,
            workspace,
            name=f"t{uuid.uuid4().hex[:8]}",
            labels=list(labels or ("Access to logio API",)),
            system_group=group,
        )
    return made.token


async def agent(services: Services, workspace: Workspace, group: str) -> factories.User:
    person = await factories.user(services, workspace, user_name=f"agent.{uuid.uuid4().hex[:6]}")
    async with services.write() as unit:
        await agents.save(unit, workspace.id, agents.Agent(person.sys_id, group))
    return person


@pytest.fixture
async def application(services: Services, workspace: Workspace) -> str:
    async with services.write() as unit:
        made = await oauth.register_client(
            unit, system(workspace.id), name="agent desk", secret_hash=services.hasher.hash(SECRET)
        )
    return str(made["client_id"])


async def sign_in(
    client: httpx.AsyncClient, workspace: Workspace, application: str, person: factories.User
) -> dict[str, str]:
    response = await client.post(
        path(workspace, "/oauth_token.do"),
        data={"grant_type": "password", "client_id": application, "client_secret": SECRET,
              "username": person.user_name, "password": person.password},
    )  # fmt: skip
    assert response.status_code == 200, response.text
    tokens: dict[str, str] = response.json()
    return tokens


async def refresh(
    client: httpx.AsyncClient, workspace: Workspace, application: str, token: str
) -> httpx.Response:
    return await client.post(
        path(workspace, "/oauth_token.do"),
        data={"grant_type": "refresh_token", "refresh_token": token, "client_id": application,
              "client_secret": SECRET},
    )  # fmt: skip


async def logio(
    client: httpx.AsyncClient, workspace: Workspace, token: str, query: str = ""
) -> httpx.Response:
    return await client.get(
        path(workspace, f"/capi/custom/logio{query}"), headers={"Authorization": f"Bearer {token}"}
    )


async def test_sign_ins_and_sign_outs_by_system_group(
    client: httpx.AsyncClient, services: Services, workspace: Workspace, application: str
) -> None:
    ann, bob = await agent(services, workspace, "A"), await agent(services, workspace, "A")
    other = await agent(services, workspace, "B")
    ann_tokens = await sign_in(client, workspace, application, ann)
    await sign_in(client, workspace, application, bob)
    await sign_in(client, workspace, application, other)
    bearer = {"Authorization": f"Bearer {ann_tokens['access_token']}"}
    users = path(workspace, "/api/now/table/sys_user")
    assert (await client.get(users, headers=bearer)).status_code == 403  # signed in, no role
    revoked = await client.get(
        path(workspace, f"/oauth_revoke_token.do?token={ann_tokens['access_token']}")
    )
    assert revoked.status_code == 200
    assert (await client.get(users, headers=bearer)).status_code == 401
    # The session's refresh token went with it.
    renewed = await refresh(client, workspace, application, ann_tokens["refresh_token"])
    assert renewed.status_code == 400

    token = await logio_token(services, workspace, "A")
    csv = await logio(client, workspace, token)
    assert csv.status_code == 200
    assert csv.headers["content-type"].startswith("text/csv")
    lines = csv.text.split("\n")
    assert lines[-1] == ""  # every record ends with a unix newline, no header
    records = [line.split(",") for line in lines[:-1]]
    assert [(r[0], r[1], r[3]) for r in records] == [
        ("1", ann.user_name, "Login"),
        ("2", bob.user_name, "Login"),
        ("3", ann.user_name, "Logout"),
    ]
    now = unix(clock.now())
    assert all(now - 60 <= int(r[2]) <= now for r in records)

    as_json = await logio(client, workspace, token, f"?format=json&name={ann.user_name}")
    assert as_json.headers["content-type"] == "application/json"
    assert "\n" not in as_json.text
    assert [(r["id"], r["name"], r["action"]) for r in as_json.json()] == [
        (1, ann.user_name, "Login"),
        (2, ann.user_name, "Logout"),
    ]
    assert as_json.json()[0]["timestamp"] == int(records[0][2])
    later = await logio(client, workspace, token, f"?format=json&from={now + 3600}")
    assert later.json() == []
    earlier = await logio(client, workspace, token, f"?from={now - 7200}&to={now - 3600}")
    assert earlier.text == ""
    group_b = await logio(client, workspace, await logio_token(services, workspace, "B"))
    assert [line.split(",")[1] for line in group_b.text.split()] == [other.user_name]


async def test_expiry_and_refresh(
    client: httpx.AsyncClient,
    services: Services,
    workspace: Workspace,
    application: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    ann = await agent(services, workspace, "A")
    tokens = await sign_in(client, workspace, application, ann)
    token = await logio_token(services, workspace, "A")
    started = clock.now()
    hour = started + timedelta(hours=1)
    monkeypatch.setattr(clock, "now", lambda: hour)
    # The access token (30 minutes) expired unused: the session ended when it did.
    first = (await logio(client, workspace, token, "?format=json")).json()
    login = first[0]["timestamp"]
    assert unix(started) - 1 <= login <= unix(started)
    assert [(r["action"], r["timestamp"] - login) for r in first] == [
        ("Login", 0),
        ("Logout", 1800),
    ]
    assert (await logio(client, workspace, token, "?format=json")).json() == first  # once
    # Refreshing later is a new sign-in.
    renewed = await refresh(client, workspace, application, tokens["refresh_token"])
    assert renewed.status_code == 200
    # Refreshing an open session keeps it: no new records.
    again = await refresh(client, workspace, application, renewed.json()["refresh_token"])
    assert again.status_code == 200
    after = (await logio(client, workspace, token, "?format=json")).json()
    assert [(r["action"], r["timestamp"]) for r in after] == [
        ("Login", login),
        ("Logout", login + 1800),
        ("Login", unix(hour)),
    ]
    # Signing out with the refresh token ends it.
    await client.post(
        path(workspace, "/oauth_revoke_token.do"), data={"token": again.json()["refresh_token"]}
    )
    final = (await logio(client, workspace, token, "?format=json")).json()
    assert [r["action"] for r in final] == ["Login", "Logout", "Login", "Logout"]


async def test_pages_stream_in_order(
    client: httpx.AsyncClient, services: Services, workspace: Workspace
) -> None:
    start = clock.now() - timedelta(days=1)
    rows = [
        {"workspace_id": workspace.id, "user_name": f"agent{i % 7}", "system_group": "A",
         "signed_in": i % 2 == 0, "at": start + timedelta(seconds=i // 3)}
        for i in range(2 * events.PAGE + 17)
    ]  # fmt: skip
    async with services.write() as unit:
        await repository.add_events(unit.tx, rows)
    token = await logio_token(services, workspace, "A")
    lines = (await logio(client, workspace, token)).text.split("\n")[:-1]
    assert len(lines) == len(rows)
    got = [line.split(",") for line in lines]
    assert [int(r[0]) for r in got] == list(range(1, len(rows) + 1))
    stamps = [int(r[2]) for r in got]
    assert stamps == sorted(stamps)
    assert stamps[0] == unix(start)
    named = (await logio(client, workspace, token, "?format=json&name=agent3")).json()
    assert len(named) == sum(1 for r in rows if r["user_name"] == "agent3")
    assert [r["id"] for r in named] == list(range(1, len(named) + 1))


async def test_refusals_are_plain_text(
    client: httpx.AsyncClient, services: Services, workspace: Workspace
) -> None:
    token = await logio_token(services, workspace, "A")
    unclaimed = await logio_token(services, workspace, "A", "Get attachment")
    async with services.write() as unit:
        other = await workspaces.create(unit, f"other{uuid.uuid4().hex[:6]}")
    cases = [
        ({}, "", 401),
        ({"Authorization": "Bearer nonsense"}, "", 401),
        (
            {"Authorization": f"Bearer {unclaimed}"},
            "",
            403,
        ),
        ({"Authorization": f"Bearer {token}"}, "?from=yesterday", 400),
        ({"Authorization": f"Bearer {token}"}, "?to=1e9", 400),
        ({"Authorization": f"Bearer {token}"}, "?format=xml", 400),
        ({"Authorization": f"Bearer {token}"}, "?name=a%00b", 400),
    ]
    for headers, query, status in cases:
        response = await client.get(path(workspace, f"/capi/custom/logio{query}"), headers=headers)
        assert response.status_code == status, (query, response.text)
        assert response.headers["content-type"].startswith("text/plain")
        assert response.text.strip()
    elsewhere = await client.get(
        path(other, "/capi/custom/logio"), headers={"Authorization": f"Bearer {token}"}
    )
    assert elsewhere.status_code == 401
    huge = await logio(client, workspace, token, f"?from=-5&to={10**30}")
    assert huge.status_code == 200


async def test_a_user_who_is_no_agent_is_in_the_default_group(
    services: Services, workspace: Workspace
) -> None:
    async with services.write() as unit:
        await sessions.begin(
            unit, workspace.id, "u1", "solo", sessions.Pair("a" * 64, None, clock.now())
        )
    async with services.read() as unit:
        found = await unit.tx.fetch(
            presence_event.select().where(presence_event.c.workspace_id == workspace.id)
        )
    assert [(r["user_name"], r["system_group"], r["signed_in"]) for r in found.mappings()] == [
        ("solo", agents.DEFAULT_GROUP, True)
    ]


async def test_names_are_quoted(
    client: httpx.AsyncClient, services: Services, workspace: Workspace
) -> None:
    name = 'Ann "Q", Lee\u0108'
    at = clock.now() - timedelta(hours=1)
    row = {"workspace_id": workspace.id, "user_name": name, "system_group": "A", "at": at}
    async with services.write() as unit:
        await repository.add_events(unit.tx, [{**row, "signed_in": True}])
    token = await logio_token(services, workspace, "A")
    as_json = (await logio(client, workspace, token, "?format=json")).json()
    assert as_json == [{"id": 1, "name": name, "timestamp": unix(at), "action": "Login"}]
    as_csv = (await logio(client, workspace, token)).text
    assert as_csv == f'1,"Ann ""Q"", Lee\u0108",{unix(at)},Login\n'
