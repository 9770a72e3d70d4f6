"""Departments: found by name, the ones a user works in (their own and the others), and
their names. A user's own departments are who they are, not a record they read: they are
read here without the caller's access policy."""

from __future__ import annotations

from collections.abc import Iterable

import sqlalchemy as sa

from frontdesk.domain.access import Actor
from frontdesk.domain.records import service as records
from frontdesk.domain.services import Unit
from frontdesk.store.schema import sa_table
from frontdesk.store.tables import REGISTRY
from frontdesk.store.text import fold

_departments = sa_table("cmn_department")
_users = sa_table("sys_user")
_foreign = sa_table("sys_user_foreign_department")


async def named(unit: Unit, actor: Actor, name: str) -> str | None:
    """The sys_id of the department with this name (in any case), if there is one."""
    statement = (
        sa.select(_departments.c.sys_id)
        .where(
            _departments.c.workspace_id == actor.workspace_id,
            sa.func.lower(_departments.c.name) == fold(name.strip()),
        )
        .order_by(_departments.c.sys_id)
        .limit(1)
    )
    found = await unit.tx.scalar(statement)
    return str(found) if found else None


async def of_user(unit: Unit, actor: Actor, user_sys_id: str) -> frozenset[str]:
    """The user's own department and the departments they also work in."""
    ws = actor.workspace_id
    own = sa.select(_users.c.department.label("department")).where(
        _users.c.workspace_id == ws, _users.c.sys_id == user_sys_id
    )
    others = sa.select(_foreign.c.department.label("department")).where(
        _foreign.c.workspace_id == ws, _foreign.c.user == user_sys_id
    )
    rows = (await unit.tx.fetch(sa.union(own, others))).rows
    return frozenset(str(department) for (department,) in rows if department)


async def names(unit: Unit, actor: Actor, sys_ids: Iterable[str]) -> dict[str, str]:
    """Departments' names by sys_id."""
    wanted = sorted(set(sys_ids))
    if not wanted:
        return {}
    statement = sa.select(_departments.c.sys_id, _departments.c.name).where(
        _departments.c.workspace_id == actor.workspace_id, _departments.c.sys_id.in_(wanted)
    )
    return {str(sys_id): str(name or "") for sys_id, name in (await unit.tx.fetch(statement)).rows}


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
