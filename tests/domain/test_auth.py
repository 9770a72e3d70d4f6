"""Credentials: verified once, remembered briefly, forgotten when they change."""

from __future__ import annotations

import base64

import pytest

from frontdesk.db.database import Database
from frontdesk.domain.auth import credentials, oauth, passwords, users
from frontdesk.domain.principal import system
from frontdesk.domain.workspaces.service import Workspace
from frontdesk.errors import Unauthenticated
from tests import factories

pytestmark = pytest.mark.anyio


def basic(user_name: str, password: str) -> str:
    return "Basic " + base64.b64encode(f"{user_name}:{password}".encode()).decode()


async def test_a_password_verifies_once_then_is_remembered(
    db: Database, workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    user = await factories.user(db, workspace, roles=("itil",))
    calls: list[str] = []
    real = passwords.verify
    monkeypatch.setattr(
        passwords, "verify", lambda stored, given: calls.append(given) or real(stored, given)
    )
    header = basic(user.user_name, user.password)
    first = await credentials.authenticate(db, workspace.id, header)
    second = await credentials.authenticate(db, workspace.id, header)
    assert first == second
    assert first.roles == frozenset({"itil"})
    assert calls == [user.password]
    with pytest.raises(Unauthenticated):
        await credentials.authenticate(db, workspace.id, basic(user.user_name, "wrong"))


@pytest.mark.parametrize(
    "header",
    [
        None,
        "",
        "Basic",
        "Basic !!!",
        "Basic " + base64.b64encode(b"nocolon").decode(),
        "Bearer ",
        "Digest x",
    ],
)
async def test_malformed_credentials(
    db: Database, workspace: Workspace, header: str | None
) -> None:
    with pytest.raises(Unauthenticated):
        await credentials.authenticate(db, workspace.id, header)


async def test_changes_are_seen_at_once(db: Database, workspace: Workspace) -> None:
    user = await factories.user(db, workspace, roles=("itil",))
    header = basic(user.user_name, user.password)
    await credentials.authenticate(db, workspace.id, header)
    async with db.write() as tx:
        await users.grant(tx, system(workspace.id), user.sys_id, "csm_ws_integration")
    assert "csm_ws_integration" in (await credentials.authenticate(db, workspace.id, header)).roles
    async with db.write() as tx:
        await users.set_password_hash(tx, workspace.id, user.sys_id, passwords.hash_password("new"))
    with pytest.raises(Unauthenticated):
        await credentials.authenticate(db, workspace.id, header)
    assert (
        await credentials.authenticate(db, workspace.id, basic(user.user_name, "new"))
    ).user_sys_id == user.sys_id


async def test_inactive_users_cannot_sign_in(db: Database, workspace: Workspace) -> None:
    from frontdesk.domain.records import service as records
    from frontdesk.store.registry import REGISTRY

    user = await factories.user(db, workspace)
    async with db.write() as tx:
        await records.update(
            tx, system(workspace.id), REGISTRY["sys_user"], user.sys_id, {"active": "false"}
        )
    with pytest.raises(Unauthenticated):
        await credentials.authenticate(db, workspace.id, basic(user.user_name, user.password))


async def test_oauth_grants(db: Database, workspace: Workspace) -> None:
    user = await factories.user(db, workspace, roles=("csm_ws_integration",))
    async with db.write() as tx:
        client = await oauth.register_client(
            tx,
            system(workspace.id),
            name="app",
            secret_hash=passwords.hash_password("s3cret"),
            user_sys_id=user.sys_id,
        )
    client_id = str(client["client_id"])
    tokens = await oauth.password_grant(
        db,
        workspace.id,
        client_id=client_id,
        client_secret="s3cret",
        username=user.user_name,
        password=user.password,
    )
    assert tokens.refresh_token
    principal = await credentials.authenticate(db, workspace.id, f"Bearer {tokens.access_token}")
    assert principal.user_sys_id == user.sys_id
    renewed = await oauth.refresh_grant(
        db,
        workspace.id,
        client_id=client_id,
        client_secret="s3cret",
        refresh_token=tokens.refresh_token,
    )
    assert renewed.access_token != tokens.access_token
    with pytest.raises(oauth.GrantError) as used:
        await oauth.refresh_grant(
            db,
            workspace.id,
            client_id=client_id,
            client_secret="s3cret",
            refresh_token=tokens.refresh_token,
        )
    assert used.value.code == "invalid_grant"
    machine = await oauth.client_credentials_grant(
        db, workspace.id, client_id=client_id, client_secret="s3cret"
    )
    assert machine.refresh_token is None
    assert (
        await credentials.authenticate(db, workspace.id, f"Bearer {machine.access_token}")
    ).user_name == user.user_name
    with pytest.raises(oauth.GrantError) as bad:
        await oauth.client_credentials_grant(
            db, workspace.id, client_id=client_id, client_secret="nope"
        )
    assert bad.value.code == "invalid_client"
    with pytest.raises(oauth.GrantError) as wrong_user:
        await oauth.password_grant(
            db,
            workspace.id,
            client_id=client_id,
            client_secret="s3cret",
            username=user.user_name,
            password="x",
        )
    assert wrong_user.value.code == "invalid_grant"
