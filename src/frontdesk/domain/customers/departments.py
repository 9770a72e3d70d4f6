"""Departments: found by name, the ones a user works in (their own and the others), and
their names. A user's own departments are who they are, not a record they read: they are
read here without the caller's access policy."""

from __future__ import annotations

from collections.abc import Iterable

from frontdesk.domain.access import Actor
from frontdesk.domain.customers import repository
from frontdesk.domain.records import service as records
from frontdesk.domain.services import Unit
from frontdesk.query.ast import EMPTY
from frontdesk.store.tables import REGISTRY


async def named(unit: Unit, actor: Actor, name: str) -> str | None:
    """The sys_id of the department with this name (in any case), if there is one."""
    return await repository.department_named(unit.tx, actor.workspace_id, name)


async def of_user(unit: Unit, actor: Actor, user_sys_id: str) -> frozenset[str]:
    """The user's own department and the departments they also work in."""
    return await repository.departments_of_user(unit.tx, actor.workspace_id, user_sys_id)


async def names(unit: Unit, actor: Actor, sys_ids: Iterable[str]) -> dict[str, str]:
    """Departments' names by sys_id."""
    return await repository.department_names(unit.tx, actor.workspace_id, sys_ids)


async def create(unit: Unit, actor: Actor, name: str) -> str:
    """A new department (or the one with this name); its sys_id."""
    found = await named(unit, actor, name)
    if found is not None:
        return found
    made = await records.insert(unit, actor, REGISTRY["cmn_department"], {"name": name.strip()})
    return str(made["sys_id"])


async def assign(
    unit: Unit, actor: Actor, user_sys_id: str, own: str, others: Iterable[str] = ()
) -> None:
    """Make ``own`` the user's department, and ``others`` departments they also work in."""
    await records.update(unit, actor, REGISTRY["sys_user"], user_sys_id, {"department": own})
    for department in others:
        await records.insert(
            unit,
            actor,
            REGISTRY["sys_user_foreign_department"],
            {"user": user_sys_id, "department": department},
        )


async def reassign(
    unit: Unit, actor: Actor, user_sys_id: str, own: str | None, others: Iterable[str]
) -> None:
    """Make the user's departments exactly these: ``own`` (None: none) and ``others``."""
    users, foreign = REGISTRY["sys_user"], REGISTRY["sys_user_foreign_department"]
    await records.update(unit, actor, users, user_sys_id, {"department": own or ""})
    query = EMPTY.also(records.equals(foreign, "user", user_sys_id))
    held = await records.query(unit, actor, foreign, query, limit=1000, offset=0, count=False)
    wanted = set(others)
    for row in held.records:
        if row["department"] in wanted:
            wanted.discard(row["department"])
        else:
            await records.delete(unit, actor, foreign, row["sys_id"])
    for department in sorted(wanted):
        await records.insert(unit, actor, foreign, {"user": user_sys_id, "department": department})
