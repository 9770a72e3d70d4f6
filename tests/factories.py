"""Plain keyword-only factories for test data."""

from __future__ import annotations

import base64
import uuid
from dataclasses import dataclass
from typing import Any

from frontdesk.db.database import Database
from frontdesk.domain.auth import passwords, users
from frontdesk.domain.principal import Principal, system
from frontdesk.domain.records import service as records
from frontdesk.domain.workspaces.service import Workspace
from frontdesk.store.registry import REGISTRY


@dataclass(frozen=True)
class User:
    user_name: str
    password: str
    sys_id: str
    workspace: Workspace

    @property
    def headers(self) -> dict[str, str]:
        token = base64.b64encode(f"{self.user_name}:{self.password}".encode()).decode()
        return {"Authorization": f"Basic {token}"}

    def principal(self, roles: tuple[str, ...] = ("admin",)) -> Principal:
        return Principal(self.workspace.id, self.user_name, self.sys_id, frozenset(roles))


async def user(
    db: Database, workspace: Workspace, *, roles: tuple[str, ...] = (), user_name: str | None = None
) -> User:
    name = user_name or f"user.{uuid.uuid4().hex[:8]}"
    password = uuid.uuid4().hex
    async with db.write() as tx:
        made = await users.create(
            tx,
            system(workspace.id),
            user_name=name,
            password_hash=passwords.hash_password(password),
            roles=roles,
            fields={"first_name": "Test", "last_name": name},
        )
    return User(name, password, str(made["sys_id"]), workspace)


async def record(db: Database, workspace: Workspace, table: str, **values: Any) -> dict[str, Any]:
    async with db.write() as tx:
        return await records.insert(tx, system(workspace.id), REGISTRY[table], values)


async def consumer(db: Database, workspace: Workspace, **values: Any) -> dict[str, Any]:
    return await record(db, workspace, "csm_consumer", **values)


def path(workspace: Workspace, rest: str) -> str:
    """The URL of ``rest`` in the test's own workspace."""
    return f"/s/{workspace.name}{rest}"
