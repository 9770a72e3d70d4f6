"""Find and create workspaces; resolve names to workspaces on the request path."""

from __future__ import annotations

import re
import secrets
from functools import partial
from typing import Any

from frontdesk.domain import clock
from frontdesk.domain.access import system
from frontdesk.domain.records import service as records
from frontdesk.domain.services import Services, Unit
from frontdesk.domain.workspace import Workspace
from frontdesk.domain.workspaces import repository
from frontdesk.errors import Conflict, Invalid, NotFound, Problem, Thing
from frontdesk.store import counts
from frontdesk.store.tables import REGISTRY

NAME = re.compile(r"[a-z0-9][a-z0-9_-]{0,62}\Z")
INSTANCE_SECRET = "instance_secret"
GROUPS = REGISTRY["sys_user_group"]
# The group every record's sys_domain names (a workspace holds no other domain).
GLOBAL = "global"
GLOBAL_GROUP = {"name": "global", "description": "The global domain"}


def _workspace(row: dict[str, Any]) -> Workspace:
    return Workspace(id=int(row["id"]), name=str(row["name"]), is_default=bool(row["is_default"]))


async def resolve(services: Services, name: str | None) -> Workspace:
    """The named workspace, or the default one for ``None``; ``NotFound`` otherwise.
    Names and the default change rarely: they are remembered briefly."""
    cache = services.workspaces
    found = cache.get(name)
    if found is not None:
        return found
    if name is not None and not NAME.match(name):
        raise NotFound(Thing.WORKSPACE, name)
    async with services.read() as unit:
        row = await (repository.by_name(unit.tx, name) if name else repository.default(unit.tx))
    if row is None:
        raise NotFound(Thing.WORKSPACE, name)
    found = _workspace(row)
    cache.put(name, found)
    return found


async def create(unit: Unit, name: str, *, default: bool = False) -> Workspace:
    if not NAME.match(name):
        raise Invalid(Problem.BAD_NAME, field="name", value=name, thing=Thing.WORKSPACE)
    if await repository.by_name(unit.tx, name) is not None:
        raise Conflict(Thing.WORKSPACE, name)
    workspace_id = await repository.insert(unit.tx, name=name, created_on=clock.now())
    await counts.start(unit.tx, workspace_id=workspace_id)
    await records.insert(
        unit, system(workspace_id), GROUPS, GLOBAL_GROUP, system={"sys_id": GLOBAL}
    )
    if default or await repository.default(unit.tx) is None:
        await repository.make_default(unit.tx, workspace_id)
        default = True
    unit.tx.after_commit(unit.services.workspaces.clear)
    return Workspace(id=workspace_id, name=name, is_default=default)


async def get(unit: Unit, name: str) -> Workspace:
    row = await repository.by_name(unit.tx, name)
    if row is None:
        raise NotFound(Thing.WORKSPACE, name)
    return _workspace(row)


async def get_or_create(unit: Unit, name: str) -> Workspace:
    row = await repository.by_name(unit.tx, name)
    return _workspace(row) if row is not None else await create(unit, name)


async def make_default(unit: Unit, workspace: Workspace) -> None:
    await repository.make_default(unit.tx, workspace.id)
    unit.tx.after_commit(unit.services.workspaces.clear)


async def list_all(unit: Unit) -> list[Workspace]:
    return [_workspace(row) for row in await repository.all_(unit.tx)]


async def instance_secret(unit: Unit) -> bytes:
    """A random secret made once per database (derives the demo credentials, signs tokens).
    It never changes: once read (or its making committed), this process keeps it."""
    known = unit.services.constants
    if INSTANCE_SECRET in known:
        return known[INSTANCE_SECRET]
    value = await repository.get_meta(unit.tx, INSTANCE_SECRET)
    if value is None:
        value = secrets.token_hex(32)
        await repository.put_meta(unit.tx, INSTANCE_SECRET, value)
        made = bytes.fromhex(value)
        unit.tx.after_commit(partial(known.__setitem__, INSTANCE_SECRET, made))
        return made
    known[INSTANCE_SECRET] = bytes.fromhex(value)
    return known[INSTANCE_SECRET]
