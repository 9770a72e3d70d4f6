"""Users and their roles (``sys_user``, ``sys_user_role``, ``sys_user_has_role``)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import anyio.to_thread

from frontdesk.domain.access import Actor
from frontdesk.domain.auth import repository
from frontdesk.domain.records import service as records
from frontdesk.domain.services import Services, Unit
from frontdesk.errors import Conflict, Invalid, NotFound, Problem, Thing
from frontdesk.store.tables import REGISTRY

MIN_PASSWORD = 8
USERS = REGISTRY["sys_user"]
ROLES = REGISTRY["sys_user_role"]
GRANTS = REGISTRY["sys_user_has_role"]
CONSUMERS = REGISTRY["csm_consumer"]
CONSUMER_USERS = REGISTRY["csm_consumer_user"]


async def hashed_password(services: Services, secret: str) -> str:
    """A new password's hash (Argon2, in a worker thread), once it is long enough."""
    if len(secret) < MIN_PASSWORD:
        raise Invalid(
            Problem.OUT_OF_RANGE,
            field="password",
            detail=f"a password needs at least {MIN_PASSWORD} characters",
        )
    return await anyio.to_thread.run_sync(services.hasher.hash, secret)


async def create(
    unit: Unit,
    actor: Actor,
    *,
    user_name: str,
    password_hash: str | None,
    roles: Iterable[str] = (),
    fields: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """Create a user (hash the password beforehand, outside the transaction)."""
    ws = actor.workspace_id
    if await repository.login(unit.tx, workspace_id=ws, user_name=user_name) is not None:
        raise Conflict(Thing.USER, user_name)
    user = await records.insert(unit, actor, USERS, {**(fields or {}), "user_name": user_name})
    if password_hash:
        await set_password_hash(unit, ws, user["sys_id"], password_hash)
    for role in roles:
        await grant(unit, actor, user["sys_id"], role)
    return user


async def find(unit: Unit, workspace_id: int, user_name: str) -> dict[str, Any]:
    found = await repository.login(unit.tx, workspace_id=workspace_id, user_name=user_name)
    if found is None:
        raise NotFound(Thing.USER, user_name)
    return found


async def set_password_hash(unit: Unit, workspace_id: int, sys_id: str, hashed: str) -> None:
    await repository.set_password_hash(
        unit.tx, workspace_id=workspace_id, sys_id=sys_id, hashed=hashed
    )
    unit.forget(USERS.caches, workspace_id)


async def ensure_role(unit: Unit, actor: Actor, name: str) -> str:
    found = await repository.role_sys_id(unit.tx, workspace_id=actor.workspace_id, name=name)
    if found is not None:
        return found
    role = await records.insert(unit, actor, ROLES, {"name": name})
    return str(role["sys_id"])


async def grant(unit: Unit, actor: Actor, user_sys_id: str, role_name: str) -> None:
    role = await ensure_role(unit, actor, role_name)
    ws = actor.workspace_id
    if await repository.grant_sys_id(unit.tx, workspace_id=ws, user=user_sys_id, role=role) is None:
        await records.insert(unit, actor, GRANTS, {"user": user_sys_id, "role": role})


async def revoke(unit: Unit, actor: Actor, user_sys_id: str, role_name: str) -> None:
    ws = actor.workspace_id
    role = await repository.role_sys_id(unit.tx, workspace_id=ws, name=role_name)
    grant_id = role and await repository.grant_sys_id(
        unit.tx, workspace_id=ws, user=user_sys_id, role=role
    )
    if grant_id:
        await records.delete(unit, actor, GRANTS, grant_id)


async def role_names(unit: Unit, workspace_id: int, user_sys_id: str) -> frozenset[str]:
    return await repository.role_names(unit.tx, workspace_id=workspace_id, user_sys_id=user_sys_id)


async def create_consumer_sign_in(
    unit: Unit, actor: Actor, *, consumer_sys_id: str, user_name: str, password_hash: str
) -> dict[str, Any]:
    """A consumer's own sign-in (a ``csm_consumer_user``, the consumer's ``user``); hash
    the password beforehand."""
    ws = actor.workspace_id
    if await repository.login(
        unit.tx, workspace_id=ws, user_name=user_name, table=CONSUMER_USERS.name
    ):
        raise Conflict(Thing.USER, user_name)
    consumer = await records.get(unit, actor, CONSUMERS, consumer_sys_id)
    fields = {name: consumer.get(name) for name in ("first_name", "last_name", "email")}
    made = await records.insert(
        unit,
        actor,
        CONSUMER_USERS,
        {**fields, "user_name": user_name, "consumer": consumer["sys_id"]},
    )
    await repository.set_password_hash(
        unit.tx, workspace_id=ws, sys_id=made["sys_id"], hashed=password_hash,
        table=CONSUMER_USERS.name,
    )  # fmt: skip
    await records.update(unit, actor, CONSUMERS, consumer["sys_id"], {"user": made["sys_id"]})
    return made


async def roles_of(
    unit: Unit, workspace_id: int, user_sys_ids: Iterable[str]
) -> dict[str, frozenset[str]]:
    """Each user's role names (a user with none is not a key)."""
    return await repository.roles_of_users(
        unit.tx, workspace_id=workspace_id, user_sys_ids=list(user_sys_ids)
    )


async def set_roles(unit: Unit, actor: Actor, user_sys_id: str, wanted: Iterable[str]) -> None:
    """Grant the roles of ``wanted`` the user lacks, revoke the ones not in it."""
    held = await role_names(unit, actor.workspace_id, user_sys_id)
    chosen = set(wanted)
    for name in sorted(chosen - held):
        await grant(unit, actor, user_sys_id, name)
    for name in sorted(held - chosen):
        await revoke(unit, actor, user_sys_id, name)
