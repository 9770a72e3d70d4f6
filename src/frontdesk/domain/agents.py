"""Agents: users who work in a system group, reachable on a phone device and extension.

A user without an agent row works in the ``default`` group.
"""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa

from frontdesk.db.database import Transaction
from frontdesk.db.statements import Prepared
from frontdesk.domain.services import Unit
from frontdesk.errors import Conflict, Thing
from frontdesk.store.errand_tables import agent

DEFAULT_GROUP = "default"

_GROUP = Prepared(
    sa.select(agent.c.system_group).where(
        agent.c.workspace_id == sa.bindparam("ws"), agent.c.user_sys_id == sa.bindparam("user")
    )
)
_PHONE = Prepared(
    sa.select(agent.c.user_sys_id).where(
        agent.c.workspace_id == sa.bindparam("ws"),
        agent.c.device_id == sa.bindparam("device"),
        agent.c.extension_id == sa.bindparam("extension"),
    )
)


@dataclass(frozen=True, slots=True)
class Agent:
    user_sys_id: str
    system_group: str = DEFAULT_GROUP
    device_id: int | None = None
    extension_id: int | None = None


async def group_of(tx: Transaction, *, workspace_id: int, user_sys_id: str) -> str:
    found = await tx.scalar(_GROUP, {"ws": workspace_id, "user": user_sys_id})
    return str(found) if found is not None else DEFAULT_GROUP


async def save(unit: Unit, workspace_id: int, person: Agent) -> int:
    """Make a user an agent, or change their group and phone; the agent's number."""
    if person.device_id is not None and person.extension_id is not None:
        holder = await unit.tx.scalar(
            _PHONE,
            {"ws": workspace_id, "device": person.device_id, "extension": person.extension_id},
        )
        if holder is not None and holder != person.user_sys_id:
            raise Conflict(Thing.CALL, "another agent has this device and extension")
    values = {
        "system_group": person.system_group,
        "device_id": person.device_id,
        "extension_id": person.extension_id,
    }
    where = (agent.c.workspace_id == workspace_id, agent.c.user_sys_id == person.user_sys_id)
    number = await unit.tx.scalar(sa.select(agent.c.id).where(*where))
    if number is not None:
        await unit.tx.execute(sa.update(agent).where(*where).values(values))
        return int(number)
    await unit.tx.execute(
        sa.insert(agent).values(workspace_id=workspace_id, user_sys_id=person.user_sys_id, **values)
    )
    return int(await unit.tx.scalar(sa.select(agent.c.id).where(*where)))
