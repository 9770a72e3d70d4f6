"""SQL for errands, their messages, attachments, archives, tags and actions."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any

import sqlalchemy as sa

from frontdesk.db.database import Transaction
from frontdesk.db.statements import Prepared
from frontdesk.store.errand_tables import (
    agent,
    area,
    area_archive,
    errand,
    errand_action,
    errand_archive,
    errand_attachment,
    errand_message,
    errand_tag,
    organisation,
    tag,
)
from frontdesk.store.schema import sa_table

_USERS = sa_table("sys_user")


def _user_of(column: sa.Column[Any]) -> sa.ColumnElement[bool]:
    """Joins the user ``column`` (a sys_id) names, in the column's own workspace."""
    return sa.and_(_USERS.c.workspace_id == column.table.c.workspace_id, _USERS.c.sys_id == column)


def _one(table: sa.Table, *columns: Any) -> Prepared:
    return Prepared(
        sa.select(*columns).where(
            table.c.workspace_id == sa.bindparam("ws"), table.c.id == sa.bindparam("id")
        )
    )


_AREA_BY_ID = _one(area, area.c.id)
_AREA_BY_NAME = Prepared(
    sa.select(area.c.id).where(
        area.c.workspace_id == sa.bindparam("ws"), area.c.name == sa.bindparam("name")
    )
)
_ERRAND = Prepared(
    sa.select(
        errand,
        area.c.name.label("area_name"),
        organisation.c.id.label("organisation_id"),
        organisation.c.name.label("organisation_name"),
        _USERS.c.name.label("agent_name"),
        agent.c.id.label("agent_number"),
    )
    .select_from(
        errand.outerjoin(area, area.c.id == errand.c.area_id)
        .outerjoin(organisation, organisation.c.id == area.c.organisation_id)
        .outerjoin(
            _USERS,
            _user_of(errand.c.agent_sys_id),
        )
        .outerjoin(
            agent,
            sa.and_(
                agent.c.workspace_id == errand.c.workspace_id,
                agent.c.user_sys_id == errand.c.agent_sys_id,
            ),
        )
    )
    .where(errand.c.workspace_id == sa.bindparam("ws"), errand.c.id == sa.bindparam("id"))
)
_ACTIONS = Prepared(
    sa.select(errand_action)
    .where(errand_action.c.errand_id == sa.bindparam("id"))
    .order_by(errand_action.c.id)
)
_MESSAGES = Prepared(
    sa.select(errand_message)
    .where(errand_message.c.errand_id == sa.bindparam("id"))
    .order_by(errand_message.c.id)
)
_ATTACHMENT_IDS = Prepared(
    sa.select(errand_attachment.c.id)
    .where(errand_attachment.c.errand_id == sa.bindparam("id"))
    .order_by(errand_attachment.c.id)
)
_ARCHIVE_IDS = Prepared(
    sa.select(errand_archive.c.archive_id)
    .where(errand_archive.c.errand_id == sa.bindparam("id"))
    .order_by(errand_archive.c.archive_id)
)
_TAGS = Prepared(
    sa.select(tag.c.id, tag.c.name)
    .select_from(errand_tag.join(tag, tag.c.id == errand_tag.c.tag_id))
    .where(errand_tag.c.errand_id == sa.bindparam("id"))
    .order_by(tag.c.id)
)
_ATTACHMENT = _one(errand_attachment, errand_attachment)
_ARCHIVE = _one(area_archive, area_archive)
_DIRTY = Prepared(
    sa.select(errand.c.id)
    .where(errand.c.workspace_id == sa.bindparam("ws"), errand.c.dirty)
    .order_by(errand.c.id)
)
_CALL = Prepared(
    sa.select(errand.c.id)
    .where(
        errand.c.workspace_id == sa.bindparam("ws"),
        errand.c.device_id == sa.bindparam("device"),
        errand.c.extension_id == sa.bindparam("extension"),
        errand.c.closed == sa.false(),
    )
    .order_by(errand.c.id.desc())
    .limit(1)
)
_AGENT_BY_NUMBER = Prepared(
    sa.select(agent.c.user_sys_id, _USERS.c.name)
    .select_from(
        agent.join(
            _USERS,
            _user_of(agent.c.user_sys_id),
        )
    )
    .where(agent.c.workspace_id == sa.bindparam("ws"), agent.c.id == sa.bindparam("id"))
)


async def area_id(tx: Transaction, *, workspace_id: int, given: str) -> int | None:
    """An area by its id, else by its name."""
    if given.isdecimal():
        found = await tx.scalar(_AREA_BY_ID, {"ws": workspace_id, "id": int(given)})
        if found is not None:
            return int(found)
    found = await tx.scalar(_AREA_BY_NAME, {"ws": workspace_id, "name": given})
    return int(found) if found is not None else None


async def add_area(
    tx: Transaction, *, workspace_id: int, name: str, organisation_id: int | None, at: datetime
) -> int:
    return int(
        await tx.scalar(
            sa.insert(area)
            .values(
                workspace_id=workspace_id, name=name, organisation_id=organisation_id, created_on=at
            )
            .returning(area.c.id)
        )
    )


async def area_named(tx: Transaction, *, workspace_id: int, name: str) -> int | None:
    found = await tx.scalar(_AREA_BY_NAME, {"ws": workspace_id, "name": name})
    return int(found) if found is not None else None


async def organisation_named(tx: Transaction, *, workspace_id: int, name: str) -> int | None:
    found = await tx.scalar(
        sa.select(organisation.c.id).where(
            organisation.c.workspace_id == workspace_id, organisation.c.name == name
        )
    )
    return int(found) if found is not None else None


async def add_organisation(tx: Transaction, *, workspace_id: int, name: str, at: datetime) -> int:
    return int(
        await tx.scalar(
            sa.insert(organisation)
            .values(workspace_id=workspace_id, name=name, created_on=at)
            .returning(organisation.c.id)
        )
    )


async def add(tx: Transaction, values: dict[str, Any]) -> int:
    return int(await tx.insert_row(errand, values, returning="id"))


async def change(tx: Transaction, *, workspace_id: int, errand_id: int, **values: Any) -> None:
    await tx.execute(
        sa.update(errand)
        .where(errand.c.workspace_id == workspace_id, errand.c.id == errand_id)
        .values(**values)
    )


async def add_message(tx: Transaction, values: dict[str, Any]) -> int:
    return int(await tx.insert_row(errand_message, values, returning="id"))


async def add_attachments(tx: Transaction, rows: Sequence[dict[str, Any]]) -> None:
    await tx.insert_many(errand_attachment, rows)


async def add_archive(tx: Transaction, values: dict[str, Any]) -> int:
    return int(await tx.insert_row(area_archive, values, returning="id"))


async def add_action(tx: Transaction, values: dict[str, Any]) -> None:
    await tx.insert_row(errand_action, values)


async def get(tx: Transaction, *, workspace_id: int, errand_id: int) -> dict[str, Any] | None:
    return await tx.first(_ERRAND, {"ws": workspace_id, "id": errand_id})


async def actions(tx: Transaction, *, errand_id: int) -> list[dict[str, Any]]:
    return (await tx.fetch(_ACTIONS, {"id": errand_id})).mappings()


async def messages(tx: Transaction, *, errand_id: int) -> list[dict[str, Any]]:
    return (await tx.fetch(_MESSAGES, {"id": errand_id})).mappings()


async def attachment_ids(tx: Transaction, *, errand_id: int) -> list[int]:
    return [int(i) for i in (await tx.fetch(_ATTACHMENT_IDS, {"id": errand_id})).scalars()]


async def archive_ids(tx: Transaction, *, errand_id: int) -> list[int]:
    return [int(i) for i in (await tx.fetch(_ARCHIVE_IDS, {"id": errand_id})).scalars()]


async def tags(tx: Transaction, *, errand_id: int) -> list[tuple[int, str]]:
    return [(int(i), str(n)) for i, n in (await tx.fetch(_TAGS, {"id": errand_id})).rows]


async def attachment(
    tx: Transaction, *, workspace_id: int, attachment_id: int
) -> dict[str, Any] | None:
    return await tx.first(_ATTACHMENT, {"ws": workspace_id, "id": attachment_id})


async def archive(tx: Transaction, *, workspace_id: int, archive_id: int) -> dict[str, Any] | None:
    return await tx.first(_ARCHIVE, {"ws": workspace_id, "id": archive_id})


async def dirty(tx: Transaction, *, workspace_id: int) -> list[int]:
    return [int(i) for i in (await tx.fetch(_DIRTY, {"ws": workspace_id})).scalars()]


async def existing(tx: Transaction, *, workspace_id: int, ids: Iterable[int]) -> set[int]:
    wanted = sorted(set(ids))
    if not wanted:
        return set()
    statement = sa.select(errand.c.id).where(
        errand.c.workspace_id == workspace_id, errand.c.id.in_(wanted)
    )
    return {int(i) for i in (await tx.fetch(statement)).scalars()}


async def mark(tx: Transaction, *, workspace_id: int, ids: Iterable[int], dirty: bool) -> None:
    wanted = sorted(set(ids))
    if wanted:
        await tx.execute(
            sa.update(errand)
            .where(errand.c.workspace_id == workspace_id, errand.c.id.in_(wanted))
            .values(dirty=dirty)
        )


async def open_call(
    tx: Transaction, *, workspace_id: int, device: int, extension: int
) -> int | None:
    found = await tx.scalar(_CALL, {"ws": workspace_id, "device": device, "extension": extension})
    return int(found) if found is not None else None


async def agent_by_number(
    tx: Transaction, *, workspace_id: int, number: int
) -> dict[str, Any] | None:
    return await tx.first(_AGENT_BY_NUMBER, {"ws": workspace_id, "id": number})


async def add_archive_link(tx: Transaction, *, errand_id: int, archive_id: int) -> None:
    await tx.insert_row(errand_archive, {"errand_id": errand_id, "archive_id": archive_id})


_AGENT_GROUP = Prepared(
    sa.select(agent.c.system_group).where(
        agent.c.workspace_id == sa.bindparam("ws"), agent.c.user_sys_id == sa.bindparam("user")
    )
)
_AGENT_ON_PHONE = Prepared(
    sa.select(agent.c.user_sys_id).where(
        agent.c.workspace_id == sa.bindparam("ws"),
        agent.c.device_id == sa.bindparam("device"),
        agent.c.extension_id == sa.bindparam("extension"),
    )
)


async def agent_group(tx: Transaction, *, workspace_id: int, user_sys_id: str) -> str | None:
    found = await tx.scalar(_AGENT_GROUP, {"ws": workspace_id, "user": user_sys_id})
    return str(found) if found is not None else None


async def agent_on_phone(
    tx: Transaction, *, workspace_id: int, device_id: int, extension_id: int
) -> str | None:
    params = {"ws": workspace_id, "device": device_id, "extension": extension_id}
    found = await tx.scalar(_AGENT_ON_PHONE, params)
    return str(found) if found is not None else None


async def save_agent(
    tx: Transaction, *, workspace_id: int, user_sys_id: str, values: dict[str, Any]
) -> int:
    """Insert or change the user's agent row; its id."""
    where = (agent.c.workspace_id == workspace_id, agent.c.user_sys_id == user_sys_id)
    number = await tx.scalar(sa.select(agent.c.id).where(*where))
    if number is not None:
        await tx.execute(sa.update(agent).where(*where).values(values))
        return int(number)
    values = {"workspace_id": workspace_id, "user_sys_id": user_sys_id, **values}
    return int(await tx.insert_row(agent, values, returning="id"))


_OF_CARD = Prepared(
    sa.select(
        errand.c.id,
        errand.c.channel,
        errand.c.subject,
        errand.c.answered,
        errand.c.closed,
        errand.c.created_on,
    )
    .where(
        errand.c.workspace_id == sa.bindparam("ws"),
        errand.c.card_id == sa.bindparam("card"),
        errand.c.created_on <= sa.bindparam("upto"),
    )
    .order_by(errand.c.created_on.desc(), errand.c.id.desc())
    .limit(sa.bindparam("limit"))
)
_COUNT_OF_CARD = Prepared(
    sa.select(sa.func.count()).where(
        errand.c.workspace_id == sa.bindparam("ws"), errand.c.card_id == sa.bindparam("card")
    )
)


async def of_card(
    tx: Transaction, *, workspace_id: int, card_id: int, upto: datetime, limit: int
) -> list[dict[str, Any]]:
    """A card's errands created at or before ``upto``, newest first."""
    params = {"ws": workspace_id, "card": card_id, "upto": upto, "limit": limit}
    return (await tx.fetch(_OF_CARD, params)).mappings()


async def count_of_card(tx: Transaction, *, workspace_id: int, card_id: int) -> int:
    return int(await tx.scalar(_COUNT_OF_CARD, {"ws": workspace_id, "card": card_id}) or 0)


async def actions_of(tx: Transaction, *, errand_ids: Sequence[int]) -> list[dict[str, Any]]:
    """The actions of these errands, each errand's in order, with the acting user's name."""
    if not errand_ids:
        return []
    statement = (
        sa.select(
            errand_action.c.errand_id,
            errand_action.c.kind,
            errand_action.c.at,
            _USERS.c.name.label("user_name"),
        )
        .select_from(
            errand_action.outerjoin(
                _USERS,
                _user_of(errand_action.c.user_sys_id),
            )
        )
        .where(errand_action.c.errand_id.in_(sorted(set(errand_ids))))
        .order_by(errand_action.c.errand_id, errand_action.c.id)
    )
    return (await tx.fetch(statement)).mappings()


async def areas(tx: Transaction, *, workspace_id: int) -> list[dict[str, Any]]:
    """The workspace's areas with their organisations' names, by name."""
    statement = (
        sa.select(area.c.id, area.c.name, organisation.c.name.label("organisation"))
        .select_from(area.outerjoin(organisation, organisation.c.id == area.c.organisation_id))
        .where(area.c.workspace_id == workspace_id)
        .order_by(area.c.name, area.c.id)
    )
    return (await tx.fetch(statement)).mappings()


async def agents(tx: Transaction, *, workspace_id: int) -> list[dict[str, Any]]:
    """The workspace's agents with their user names, by agent number."""
    statement = (
        sa.select(agent, _USERS.c.user_name)
        .select_from(
            agent.outerjoin(
                _USERS,
                _user_of(agent.c.user_sys_id),
            )
        )
        .where(agent.c.workspace_id == workspace_id)
        .order_by(agent.c.id)
    )
    return (await tx.fetch(statement)).mappings()
