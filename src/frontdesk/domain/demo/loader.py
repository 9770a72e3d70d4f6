"""Load the demo workspace (idempotent) and say how to sign in to it."""

from __future__ import annotations

import base64
import hashlib
import hmac
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from typing import Any

import anyio.to_thread

from frontdesk.domain.access import Actor, system
from frontdesk.domain.auth import api_tokens, oauth, users
from frontdesk.domain.auth import repository as auth_store
from frontdesk.domain.demo import cention, customer_service, egain, servicenow
from frontdesk.domain.principal import Principal
from frontdesk.domain.properties.service import CUSTOMER_DEPARTMENTALIZATION
from frontdesk.domain.services import Services, Unit
from frontdesk.domain.workspaces import service as workspaces
from frontdesk.store.tables import REGISTRY

WORKSPACE = "demo"
ADMIN = "admin"
DEMO_TOKEN_ID = "demo-all-claims"


@dataclass(frozen=True)
class DemoCredentials:
    workspace: str
    username: str
    password: str
    oauth_client_id: str
    oauth_client_secret: str
    cention_token: str
    # eGain's sign-ins (token URLs as paths, relative to the server).
    egain: dict[str, Any] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def derive(secret: bytes, label: str, length: int = 24) -> str:
    """A secret derived from the instance secret: the same for the same database."""
    digest = hmac.new(secret, f"demo:{label}".encode(), hashlib.sha256).digest()
    return base64.b32encode(digest).decode().lower().rstrip("=")[:length]


async def load(
    services: Services, *, admin_roles: Iterable[str], agent_roles: Iterable[str] = ()
) -> DemoCredentials:
    """Create or complete the demo workspace; make it the default. Adds nothing twice.
    The admin user gets ``admin_roles`` (every role the surfaces know), the eGain agent
    ``agent_roles`` (the actions customer search needs)."""
    async with services.write() as unit:
        return await _load(unit, tuple(admin_roles), tuple(agent_roles))


async def _load(
    unit: Unit, admin_roles: tuple[str, ...], agent_roles: tuple[str, ...]
) -> DemoCredentials:
    hasher = unit.services.hasher

    async def hashed(secret: str) -> str:
        return await anyio.to_thread.run_sync(hasher.hash, secret)

    workspace = await workspaces.get_or_create(unit, WORKSPACE)
    await workspaces.make_default(unit, workspace)
    secret = await workspaces.instance_secret(unit)
    actor = system(workspace.id, ADMIN)
    password = derive(secret, "admin-password")
    client_id = derive(secret, "oauth-client-id", 32)
    client_secret = derive(secret, "oauth-client-secret", 32)

    admin = await auth_store.login(unit.tx, workspace_id=workspace.id, user_name=ADMIN)
    if admin is None:
        admin = await users.create(
            unit,
            actor,
            user_name=ADMIN,
            password_hash=await hashed(password),
            roles=admin_roles,
            fields={
                "first_name": "System",
                "last_name": "Administrator",
                "email": "admin@example.com",
                "title": "Administrator",
            },
        )
    actor = Actor(Principal(workspace.id, ADMIN, str(admin["sys_id"])), actor.access)
    if await auth_store.client(unit.tx, workspace_id=workspace.id, client_id=client_id) is None:
        await oauth.register_client(
            unit,
            actor,
            name="frontdesk demo client",
            client_id=client_id,
            secret_hash=await hashed(client_secret),
            user_sys_id=str(admin["sys_id"]),
        )
    await servicenow.load(unit, actor)
    await customer_service.load(unit, actor)
    area = await cention.load(unit, actor)
    token = await api_tokens.issue(
        unit,
        workspace,
        jti=DEMO_TOKEN_ID,
        name="demo: every claim",
        claims={"labels": list(api_tokens.CLAIMS), "errand": {"channel": "form", "area": area}},
        issued_at=servicenow.EXAMPLE_CONSUMERS[0][1]["sys_created_on"],
    )
    egain_secrets = egain.Secrets(
        client_id=derive(secret, "egain-client-id", 32),
        client_secret=derive(secret, "egain-client-secret", 32),
        agent_password=derive(secret, "egain-agent-password"),
        customer_password=derive(secret, "egain-customer-password"),
        hashed=hashed,
    )
    await egain.load(
        unit,
        actor,
        egain_secrets,
        agent_roles=agent_roles,
        agent_departments=(egain.SERVICE, egain.SALES),
    )
    await _departments_workspace(unit, egain_secrets, agent_roles)
    signs_in = {
        "user_token_url": f"/system/auth/{WORKSPACE}-U/oauth2/token",
        "customer_token_url": f"/system/auth/{WORKSPACE}-C/oauth2/token",
        "client_id": egain_secrets.client_id,
        "client_secret": egain_secrets.client_secret,
        "redirect_uri": egain.REDIRECT,
        "user": {"username": egain.AGENT, "password": egain_secrets.agent_password},
        "customer": {"username": egain.CUSTOMER, "password": egain_secrets.customer_password},
    }
    return DemoCredentials(
        WORKSPACE, ADMIN, password, client_id, client_secret, token.token, signs_in
    )


async def _departments_workspace(
    unit: Unit, secrets: egain.Secrets, agent_roles: tuple[str, ...]
) -> None:
    """The same eGain people in a workspace with customer departmentalization on, where
    the agent works in the Service department only."""
    workspace = await workspaces.get_or_create(unit, egain.DEPARTMENTS_WORKSPACE)
    actor = system(workspace.id, ADMIN)
    await servicenow.insert_missing(
        unit,
        actor,
        REGISTRY["sys_properties"],
        {
            "sys_id": customer_service.demo_id("departmentalization"),
            "name": CUSTOMER_DEPARTMENTALIZATION,
            "value": "true",
        },
    )
    await egain.load(
        unit, actor, secrets, agent_roles=agent_roles, agent_departments=(egain.SERVICE,)
    )
