"""Find and create workspaces; remember names → ids for the request path."""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass
from typing import Any

from frontdesk.db.database import Database, Transaction
from frontdesk.domain import clock
from frontdesk.domain.cache import TtlCache
from frontdesk.domain.workspaces import repository
from frontdesk.errors import Conflict, Invalid, NotFound
from frontdesk.store import counts

NAME = re.compile(r"[a-z0-9][a-z0-9_-]{0,62}\Z")
INSTANCE_SECRET = "instance_secret"


@dataclass(frozen=True, slots=True)
class Workspace:
    id: int
    name: str
    is_default: bool


def _workspace(row: dict[str, Any]) -> Workspace:
    return Workspace(id=int(row["id"]), name=str(row["name"]), is_default=bool(row["is_default"]))


class Workspaces:
    """Workspace lookups with a short-lived cache (names and the default change rarely)."""

    def __init__(self, ttl: float = 5.0) -> None:
        self._cache: TtlCache[str | None, Workspace] = TtlCache(ttl)

    async def resolve(self, db: Database, name: str | None) -> Workspace:
        """The named workspace, or the default one for ``None``; ``NotFound`` otherwise."""
        found = self._cache.get(name)
        if found is not None:
            return found
        async with db.read() as tx:
            row = await (repository.by_name(tx, name) if name else repository.default(tx))
        if row is None:
            raise NotFound(
                f"No workspace {name!r}" if name else "No default workspace",
                detail=None if name else "create one: frontdesk workspace create <name> --default",
            )
        found = _workspace(row)
        self._cache.put(name, found)
        return found

    def forget(self) -> None:
        self._cache.clear()


async def create(tx: Transaction, name: str, *, default: bool = False) -> Workspace:
    if not NAME.match(name):
        raise Invalid(
            f"Invalid workspace name {name!r}",
            field="name",
            detail="use lower-case letters, digits, '-' and '_' (at most 63)",
        )
    if await repository.by_name(tx, name) is not None:
        raise Conflict(f"Workspace {name!r} already exists")
    workspace_id = await repository.insert(tx, name=name, created_on=clock.now())
    await counts.start(tx, workspace_id=workspace_id)
    if default or await repository.default(tx) is None:
        await repository.make_default(tx, workspace_id)
        default = True
    return Workspace(id=workspace_id, name=name, is_default=default)


async def get(tx: Transaction, name: str) -> Workspace:
    row = await repository.by_name(tx, name)
    if row is None:
        raise NotFound(f"No workspace {name!r}")
    return _workspace(row)


async def get_or_create(tx: Transaction, name: str) -> Workspace:
    row = await repository.by_name(tx, name)
    return _workspace(row) if row is not None else await create(tx, name)


async def make_default(tx: Transaction, workspace: Workspace) -> None:
    await repository.make_default(tx, workspace.id)


async def list_all(tx: Transaction) -> list[Workspace]:
    return [_workspace(row) for row in await repository.all_(tx)]


async def instance_secret(tx: Transaction) -> bytes:
    """A random secret made once per database (derives the demo credentials, signs tokens)."""
    value = await repository.get_meta(tx, INSTANCE_SECRET)
    if value is None:
        value = secrets.token_hex(32)
        await repository.put_meta(tx, INSTANCE_SECRET, value)
    return bytes.fromhex(value)
