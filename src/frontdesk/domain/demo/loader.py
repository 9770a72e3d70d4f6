"""Load the demo workspace (idempotent) and say how to sign in to it."""

from __future__ import annotations

import base64
import hashlib
import hmac
from dataclasses import asdict, dataclass

import anyio.to_thread

from frontdesk.db.database import Database, Transaction
from frontdesk.domain.auth import api_tokens, oauth, passwords, users
from frontdesk.domain.auth import repository as auth_store
from frontdesk.domain.demo import servicenow
from frontdesk.domain.principal import Principal
from frontdesk.domain.workspaces import service as workspaces

WORKSPACE = "demo"
ADMIN = "admin"
# Every role the ServiceNow surfaces check.
ADMIN_ROLES = (
    "admin",
    "csm_ws_integration",
    "sn_esm_agent",
    "sn_customerservice_agent",
    "sn_customerservice_manager",
    "sn_openframe_api_user",
    "sn_openframe_user",
    "itil",
    "user_admin",
    "oauth_admin",
)
DEMO_TOKEN_ID = "demo-all-claims"


@dataclass(frozen=True)
class DemoCredentials:
    workspace: str
    username: str
    password: str
    oauth_client_id: str
    oauth_client_secret: str
    cention_token: str

    def as_dict(self) -> dict[str, str]:
        return asdict(self)


def derive(secret: bytes, label: str, length: int = 24) -> str:
    """A secret derived from the instance secret: the same for the same database."""
    digest = hmac.new(secret, f"demo:{label}".encode(), hashlib.sha256).digest()
    return base64.b32encode(digest).decode().lower().rstrip("=")[:length]


async def _hash(secret: str) -> str:
    return await anyio.to_thread.run_sync(passwords.hash_password, secret)


async def load(db: Database) -> DemoCredentials:
    """Create or complete the demo workspace; make it the default. Adds nothing twice."""
    async with db.write() as tx:
        return await _load(tx)


async def _load(tx: Transaction) -> DemoCredentials:
    workspace = await workspaces.get_or_create(tx, WORKSPACE)
    await workspaces.make_default(tx, workspace)
    secret = await workspaces.instance_secret(tx)
    actor = Principal(workspace.id, ADMIN, roles=frozenset({"admin"}))
    password = derive(secret, "admin-password")
    client_id = derive(secret, "oauth-client-id", 32)
    client_secret = derive(secret, "oauth-client-secret", 32)

    admin = await auth_store.login(tx, workspace_id=workspace.id, user_name=ADMIN)
    if admin is None:
        admin = await users.create(
            tx,
            actor,
            user_name=ADMIN,
            password_hash=await _hash(password),
            roles=ADMIN_ROLES,
            fields={
                "first_name": "System",
                "last_name": "Administrator",
                "email": "admin@example.com",
                "title": "Administrator",
            },
        )
    actor = Principal(workspace.id, ADMIN, str(admin["sys_id"]), frozenset(ADMIN_ROLES))
    if await auth_store.client(tx, workspace_id=workspace.id, client_id=client_id) is None:
        await oauth.register_client(
            tx,
            actor,
            name="frontdesk demo client",
            client_id=client_id,
            secret_hash=await _hash(client_secret),
            user_sys_id=str(admin["sys_id"]),
        )
    await servicenow.load(tx, actor)
    token = await api_tokens.issue(
        tx,
        workspace,
        jti=DEMO_TOKEN_ID,
        name="demo: every claim",
        claims={"labels": list(api_tokens.CLAIMS), "errand": {"channel": "form", "area": 1}},
        issued_at=servicenow.EXAMPLE_CONSUMERS[0][1]["sys_created_on"],
    )
    return DemoCredentials(WORKSPACE, ADMIN, password, client_id, client_secret, token.token)
