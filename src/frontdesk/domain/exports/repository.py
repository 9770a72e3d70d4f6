"""SQL for exports: presets, the exports made, and errands a page at a time in the order
of the day they are chosen by (arrival or closure), with what their rows show."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, datetime
from functools import cache
from typing import Any

import sqlalchemy as sa

from frontdesk.db.database import Transaction
from frontdesk.db.statements import Prepared
from frontdesk.store.errand_tables import (
    agent,
    area,
    errand,
    errand_action,
    errand_message,
    errand_tag,
    tag,
)
from frontdesk.store.export_tables import export_preset, export_run
from frontdesk.store.schema import sa_table

_USERS = sa_table("sys_user")
_PRESET = Prepared(
    sa.select(export_preset).where(
        export_preset.c.workspace_id == sa.bindparam("ws"),
        export_preset.c.id == sa.bindparam("id"),
    )
)
_PRESETS = Prepared(
    sa.select(export_preset)
    .where(export_preset.c.workspace_id == sa.bindparam("ws"))
    .order_by(export_preset.c.id)
)
_NAMED = Prepared(
    sa.select(export_preset.c.id).where(
        export_preset.c.workspace_id == sa.bindparam("ws"),
        export_preset.c.name == sa.bindparam("name"),
    )
)


async def preset(tx: Transaction, *, workspace_id: int, number: int) -> dict[str, Any] | None:
    return await tx.first(_PRESET, {"ws": workspace_id, "id": number})


async def presets(tx: Transaction, *, workspace_id: int) -> list[dict[str, Any]]:
    return (await tx.fetch(_PRESETS, {"ws": workspace_id})).mappings()


async def preset_named(tx: Transaction, *, workspace_id: int, name: str) -> int | None:
    found = await tx.scalar(_NAMED, {"ws": workspace_id, "name": name})
    return int(found) if found is not None else None


async def add_preset(tx: Transaction, values: Mapping[str, Any]) -> int:
    return int(await tx.insert_row(export_preset, values, returning="id"))


async def add_run(tx: Transaction, values: Mapping[str, Any]) -> int:
    return int(await tx.insert_row(export_run, values, returning="id"))


@cache
def _page(by_closure: bool, channels: bool, areas: bool) -> Prepared:
    """A page of errands whose day (arrival, or closure) is before ``until``, after the key
    ``(day, id)`` (the first page's is ``(since, 0)``: ids are positive); of the preset's
    channels and areas when it names them. The key is the only lower bound: beside a
    ``day >= since``, SQLite ranges the index from ``since`` for every page."""
    day = errand.c.closed_on if by_closure else errand.c.created_on
    where = [
        errand.c.workspace_id == sa.bindparam("ws"),
        day < sa.bindparam("until", type_=day.type),
        sa.tuple_(day, errand.c.id)
        > sa.tuple_(
            sa.bindparam("after_day", type_=day.type),
            sa.bindparam("after_id", type_=errand.c.id.type),
        ),
    ]
    if channels:
        where.append(errand.c.channel.in_(sa.bindparam("channels", expanding=True)))
    if areas:
        where.append(errand.c.area_id.in_(sa.bindparam("areas", expanding=True)))
    agents = sa.outerjoin(
        errand,
        agent,
        sa.and_(
            agent.c.workspace_id == errand.c.workspace_id,
            agent.c.user_sys_id == errand.c.agent_sys_id,
        ),
    )
    joined = agents.outerjoin(area, area.c.id == errand.c.area_id).outerjoin(
        _USERS,
        sa.and_(
            _USERS.c.workspace_id == errand.c.workspace_id, _USERS.c.sys_id == errand.c.agent_sys_id
        ),
    )
    return Prepared(
        sa.select(
            day.label("day"),
            errand.c.id,
            errand.c.channel,
            errand.c.from_address,
            errand.c.to_address,
            errand.c.subject,
            errand.c.created_on,
            errand.c.answered_on,
            errand.c.closed_on,
            errand.c.card_id,
            errand.c.area_id,
            area.c.name.label("area_name"),
            agent.c.id.label("agent_id"),
            _USERS.c.name.label("agent_name"),
        )
        .select_from(joined)
        .where(*where)
        .order_by(day, errand.c.id)
        .limit(sa.bindparam("limit"))
    )


async def errands(
    tx: Transaction,
    *,
    workspace_id: int,
    by_closure: bool,
    until: datetime,
    after: tuple[datetime, int],
    channels: Sequence[int] | None,
    areas: Sequence[int] | None,
    limit: int,
) -> list[dict[str, Any]]:
    params: dict[str, Any] = {
        "ws": workspace_id,
        "until": until,
        "after_day": after[0],
        "after_id": after[1],
        "limit": limit,
    }
    if channels is not None:
        params["channels"] = list(channels)
    if areas is not None:
        params["areas"] = list(areas)
    statement = _page(by_closure, channels is not None, areas is not None)
    return (await tx.fetch(statement, params)).mappings()


_MESSAGES = Prepared(
    sa.select(
        errand_message.c.errand_id,
        errand_message.c.outbound,
        errand_message.c.body,
        errand_message.c.html_body,
    )
    .where(errand_message.c.errand_id.in_(sa.bindparam("ids", expanding=True)))
    .order_by(errand_message.c.id)
)
_TAGS = Prepared(
    sa.select(errand_tag.c.errand_id, tag.c.name)
    .select_from(sa.join(errand_tag, tag, tag.c.id == errand_tag.c.tag_id))
    .where(errand_tag.c.errand_id.in_(sa.bindparam("ids", expanding=True)))
    .order_by(errand_tag.c.errand_id, tag.c.name)
)
_OPENED = Prepared(
    sa.select(errand_action.c.errand_id, sa.func.min(errand_action.c.at))
    .where(
        errand_action.c.errand_id.in_(sa.bindparam("ids", expanding=True)),
        errand_action.c.kind.in_(sa.bindparam("kinds", expanding=True)),
    )
    .group_by(errand_action.c.errand_id)
)


async def messages(tx: Transaction, ids: Sequence[int]) -> list[tuple[Any, ...]]:
    return (await tx.fetch(_MESSAGES, {"ids": list(ids)})).rows


async def tags(tx: Transaction, ids: Sequence[int]) -> list[tuple[Any, ...]]:
    return (await tx.fetch(_TAGS, {"ids": list(ids)})).rows


async def first_actions(
    tx: Transaction, ids: Sequence[int], kinds: Sequence[str]
) -> list[tuple[Any, ...]]:
    return (await tx.fetch(_OPENED, {"ids": list(ids), "kinds": list(kinds)})).rows


def day_start(day: date) -> datetime:
    return datetime(day.year, day.month, day.day)
