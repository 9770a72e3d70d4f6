"""Agents: users who work in a system group, reachable on a phone device and extension.

A user without an agent row works in the ``default`` group.
"""

from __future__ import annotations

from dataclasses import dataclass

from frontdesk.domain.errands import repository
from frontdesk.domain.services import Unit
from frontdesk.errors import Conflict, Thing

DEFAULT_GROUP = "default"


@dataclass(frozen=True, slots=True)
class Agent:
    user_sys_id: str
    system_group: str = DEFAULT_GROUP
    device_id: int | None = None
    extension_id: int | None = None


async def group_of(unit: Unit, workspace_id: int, user_sys_id: str) -> str:
    found = await repository.agent_group(
        unit.tx, workspace_id=workspace_id, user_sys_id=user_sys_id
    )
    return found if found is not None else DEFAULT_GROUP


async def save(unit: Unit, workspace_id: int, person: Agent) -> int:
    """Make a user an agent, or change their group and phone; the agent's number."""
    if person.device_id is not None and person.extension_id is not None:
        holder = await repository.agent_on_phone(
            unit.tx,
            workspace_id=workspace_id,
            device_id=person.device_id,
            extension_id=person.extension_id,
        )
        if holder is not None and holder != person.user_sys_id:
            raise Conflict(Thing.CALL, "another agent has this device and extension")
    values = {
        "system_group": person.system_group,
        "device_id": person.device_id,
        "extension_id": person.extension_id,
    }
    return await repository.save_agent(
        unit.tx, workspace_id=workspace_id, user_sys_id=person.user_sys_id, values=values
    )


@dataclass(frozen=True, slots=True)
class Listed:
    number: int
    user_name: str
    person: Agent


async def listed(unit: Unit, workspace_id: int) -> list[Listed]:
    """The workspace's agents, by number."""
    found = []
    for row in await repository.agents(unit.tx, workspace_id=workspace_id):
        person = Agent(
            str(row["user_sys_id"]), str(row["system_group"]), row["device_id"], row["extension_id"]
        )
        found.append(Listed(int(row["id"]), str(row["user_name"] or ""), person))
    return found
