"""Plain keyword-only factories for test data."""

from __future__ import annotations

import base64
import uuid
from dataclasses import dataclass
from typing import Any

import httpx

from frontdesk.domain.access import UNRESTRICTED, Actor, system
from frontdesk.domain.auth import users
from frontdesk.domain.principal import Principal
from frontdesk.domain.records import service as records
from frontdesk.domain.services import Services
from frontdesk.domain.workspace import Workspace
from frontdesk.store.tables import REGISTRY


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

    def actor(self) -> Actor:
        """This user, allowed everything (domain tests that are not about access)."""
        return Actor(Principal(self.workspace.id, self.user_name, self.sys_id), UNRESTRICTED)


async def user(
    services: Services,
    workspace: Workspace,
    *,
    roles: tuple[str, ...] = (),
    user_name: str | None = None,
) -> User:
    name = user_name or f"user.{uuid.uuid4().hex[:8]}"
    password = uuid.uuid4().hex
    async with services.write() as unit:
        made = await users.create(
            unit,
            system(workspace.id),
            user_name=name,
            password_hash=services.hasher.hash(password),
            roles=roles,
            fields={"first_name": "Test", "last_name": name},
        )
    return User(name, password, str(made["sys_id"]), workspace)


async def record(
    services: Services, workspace: Workspace, table: str, **values: Any
) -> dict[str, Any]:
    async with services.write() as unit:
        return await records.insert(unit, system(workspace.id), REGISTRY[table], values)


async def consumer(services: Services, workspace: Workspace, **values: Any) -> dict[str, Any]:
    return await record(services, workspace, "csm_consumer", **values)


def path(workspace: Workspace, rest: str) -> str:
    """The URL of ``rest`` in the test's own workspace."""
    return f"/s/{workspace.name}{rest}"


async def first_names(
    client: httpx.AsyncClient, workspace: Workspace, user: User, query: str
) -> list[str]:
    """The first names of the consumers ``query`` finds, through the Table API, in order."""
    response = await client.get(
        path(workspace, "/api/now/table/csm_consumer"),
        params={"sysparm_query": f"{query}^ORDERBYfirst_name", "sysparm_fields": "first_name"},
        headers=user.headers,
    )
    assert response.status_code == 200, response.text
    return [r["first_name"] for r in response.json()["result"]]
