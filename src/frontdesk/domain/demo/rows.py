"""Demo rows at the ids published documents show, when those are free."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import sqlalchemy as sa

from frontdesk.domain.demo import repository
from frontdesk.domain.services import Unit
from frontdesk.store import records as store
from frontdesk.store.tables import REGISTRY


class Rows:
    """Inserts rows at the ids the documents show when free, and remembers which tables
    were given ids (PostgreSQL's sequences must then move past them)."""

    def __init__(self, unit: Unit, workspace_id: int) -> None:
        self.tx = unit.tx
        self.ws = workspace_id
        self.moved: dict[str, sa.Table] = {}

    async def add(
        self, table: sa.Table, values: Mapping[str, Any], *, want: int | None = None
    ) -> int:
        row = {"workspace_id": self.ws, **values}
        if want is not None and not await repository.taken(self.tx, table, want):
            row["id"] = want
            self.moved[table.name] = table
        return await repository.add(self.tx, table, row)

    async def renumber(self, table: sa.Table, sys_id: str, want: int) -> int:
        """Give a record (by sys_id) the id the documents show, when free."""
        if await repository.taken(self.tx, table, want):
            return await repository.id_of(self.tx, table, workspace_id=self.ws, sys_id=sys_id)
        await repository.renumber(self.tx, table, workspace_id=self.ws, sys_id=sys_id, key=want)
        self.moved[table.name] = table
        return want

    async def sys_id(self, table: sa.Table, key: int) -> str:
        found = await store.sys_id_of(self.tx, REGISTRY[table.name], workspace_id=self.ws, key=key)
        assert found is not None, f"{table.name} {key} was just made"
        return found

    async def make_room(self, table: sa.Table, want: int, *, keeping: str) -> None:
        """Move this workspace's row at ``want`` (loaded before, by another part of the
        demo), unless it is ``keeping``, to a new id, so that the row the documents show
        there can have it."""
        there = await store.sys_id_of(self.tx, REGISTRY[table.name], workspace_id=self.ws, key=want)
        if there is not None and there != keeping:
            key = await repository.largest(self.tx, table) + 1
            await repository.renumber(self.tx, table, workspace_id=self.ws, sys_id=there, key=key)
            self.moved[table.name] = table

    async def settle(self) -> None:
        await repository.move_sequences(self.tx, self.moved.values())
