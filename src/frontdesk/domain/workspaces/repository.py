"""SQL for workspaces and the instance's own settings."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import sqlalchemy as sa

from frontdesk.db.database import Transaction
from frontdesk.db.statements import Prepared
from frontdesk.store.schema import meta, workspace

_BY_NAME = Prepared(sa.select(workspace).where(workspace.c.name == sa.bindparam("name")))
_DEFAULT = Prepared(
    sa.select(workspace)
    .where(workspace.c.is_default == sa.true())
    .order_by(workspace.c.id)
    .limit(1)
)
_META = Prepared(sa.select(meta.c.value).where(meta.c.key == sa.bindparam("key")))


async def by_name(tx: Transaction, name: str) -> dict[str, Any] | None:
    return await tx.first(_BY_NAME, {"name": name})


async def default(tx: Transaction) -> dict[str, Any] | None:
    return await tx.first(_DEFAULT)


async def all_(tx: Transaction) -> list[dict[str, Any]]:
    return (await tx.fetch(sa.select(workspace).order_by(workspace.c.id))).mappings()


async def insert(tx: Transaction, *, name: str, created_on: datetime) -> int:
    statement = (
        sa.insert(workspace)
        .values(name=name, is_default=False, created_on=created_on)
        .returning(workspace.c.id)
    )
    return int(await tx.scalar(statement))


async def make_default(tx: Transaction, workspace_id: int) -> None:
    await tx.execute(sa.update(workspace).values(is_default=workspace.c.id == workspace_id))


async def get_meta(tx: Transaction, key: str) -> str | None:
    value = await tx.scalar(_META, {"key": key})
    return str(value) if value is not None else None


async def put_meta(tx: Transaction, key: str, value: str) -> None:
    await tx.execute(sa.insert(meta).values(key=key, value=value))
