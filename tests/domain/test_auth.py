"""Credentials: verified once, remembered briefly, forgotten when they change."""

from __future__ import annotations

import pytest

from frontdesk.domain.access import system
from frontdesk.domain.auth import credentials, oauth, users
from frontdesk.domain.services import Services
from frontdesk.domain.workspace import Workspace
from frontdesk.errors import Unauthenticated
from tests import factories

pytestmark = pytest.mark.anyio
SCOPE = "useraccount"


async def test_a_password_verifies_once_then_is_remembered(
    services: Services, workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    user = await factories.user(services, workspace, roles=("itil",))
    calls: list[str] = []
    real = services.hasher.verify

    def verify(stored: str | None, given: str) -> bool:
        calls.append(given)
        return real(stored, given)

    monkeypatch.setattr(services.hasher, "verify", verify)
    first = await credentials.password(services, workspace.id, user.user_name, user.password)
    second = await credentials.password(services, workspace.id, user.user_name, user.password)
    assert first == second
    assert first.roles == frozenset({"itil"})
    assert calls == [user.password]
    with pytest.raises(Unauthenticated):
        await credentials.password(services, workspace.id, user.user_name, "wrong")


async def test_changes_are_seen_at_once(services: Services, workspace: Workspace) -> None:
    user = await factories.user(services, workspace, roles=("itil",))
    await credentials.password(services, workspace.id, user.user_name, user.password)
    async with services.write() as unit:
        await users.grant(unit, system(workspace.id), user.sys_id, "csm_ws_integration")
    assert (
        "csm_ws_integration"
        in (await credentials.password(services, workspace.id, user.user_name, user.password)).roles
    )
    async with services.write() as unit:
        await users.set_password_hash(unit, workspace.id, user.sys_id, services.hasher.hash("new"))
    with pytest.raises(Unauthenticated):
        await credentials.password(services, workspace.id, user.user_name, user.password)
    assert (
        await credentials.password(services, workspace.id, user.user_name, "new")
    ).user_sys_id == user.sys_id


async def test_inactive_users_cannot_sign_in(services: Services, workspace: Workspace) -> None:
    from frontdesk.domain.records import service as records
    from frontdesk.store.tables import REGISTRY

    user = await factories.user(services, workspace)
    async with services.write() as unit:
        await records.update(
            unit, system(workspace.id), REGISTRY["sys_user"], user.sys_id, {"active": "false"}
        )
    with pytest.raises(Unauthenticated):
        await credentials.password(services, workspace.id, user.user_name, user.password)


async def test_oauth_grants(services: Services, workspace: Workspace) -> None:
    user = await factories.user(services, workspace, roles=("csm_ws_integration",))
    async with services.write() as unit:
        client = await oauth.register_client(
            unit,
            system(workspace.id),
            name="app",
            secret_hash=services.hasher.hash("s3cret"),
            user_sys_id=user.sys_id,
        )
    client_id = str(client["client_id"])
    app = oauth.Applicant(client_id, "s3cret", SCOPE)
    tokens = await oauth.password_grant(
        services, workspace.id, app, username=user.user_name, password=user.password
    )
    assert tokens.refresh_token
    principal = await credentials.token(services, workspace.id, tokens.access_token)
    assert principal.user_sys_id == user.sys_id
    renewed = await oauth.refresh_grant(
        services, workspace.id, app, refresh_token=tokens.refresh_token
    )
    assert renewed.access_token != tokens.access_token
    with pytest.raises(oauth.GrantError) as used:
        await oauth.refresh_grant(services, workspace.id, app, refresh_token=tokens.refresh_token)
    assert used.value.code == "invalid_grant"
    machine = await oauth.client_credentials_grant(services, workspace.id, app)
    assert machine.refresh_token is None
    assert (
        await credentials.token(services, workspace.id, machine.access_token)
    ).user_name == user.user_name
    with pytest.raises(oauth.GrantError) as bad:
        await oauth.client_credentials_grant(
            services, workspace.id, oauth.Applicant(client_id, "nope", SCOPE)
        )
    assert bad.value.code == "invalid_client"
    with pytest.raises(oauth.GrantError) as wrong_user:
        await oauth.password_grant(
            services, workspace.id, app, username=user.user_name, password="x"
        )
    assert wrong_user.value.code == "invalid_grant"
