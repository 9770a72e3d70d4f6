"""The knowledge tree: bases (which may sit in another base or in a category), categories
(in a base, or in another category, or at the top) and the articles under them.

An article is under its base and, when it has one, under its category too. The tree is
read whole (bases and categories are few; articles are read by ``articles``), and walking
it never loops, whatever parents the Table API was given.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from frontdesk.domain.access import Actor
from frontdesk.domain.records import service as records
from frontdesk.domain.services import Unit
from frontdesk.errors import NotFound, Thing
from frontdesk.query.ast import EMPTY, Condition
from frontdesk.store import records as store
from frontdesk.store.tables import REGISTRY

BASES, CATEGORIES = REGISTRY["kb_knowledge_base"], REGISTRY["kb_category"]
# More than any library has; a tree this size is read in one query per table.
_WHOLE = 100_000
_ACTIVE = EMPTY.also(Condition("active", "=", "=", "true", 0))


@dataclass(frozen=True, slots=True)
class Base:
    id: int
    sys_id: str
    name: str
    external: bool
    parent: str | None
    category: str | None


@dataclass(frozen=True, slots=True)
class Category:
    id: int
    sys_id: str
    name: str
    base: str | None
    parent: str | None


def _ref(value: Any) -> str | None:
    return str(value) if value else None


@dataclass(slots=True)
class Tree:
    bases: dict[str, Base] = field(default_factory=dict)
    categories: dict[str, Category] = field(default_factory=dict)

    def base(self, number: int) -> Base:
        found = next((b for b in self.bases.values() if b.id == number), None)
        if found is None:
            raise NotFound(Thing.KNOWLEDGE_BASE, str(number))
        return found

    def category(self, number: int) -> Category:
        found = next((c for c in self.categories.values() if c.id == number), None)
        if found is None:
            raise NotFound(Thing.CATEGORY, str(number))
        return found

    def top_bases(self) -> list[Base]:
        return [b for b in self.bases.values() if not self._placed(b)]

    def top_categories(self) -> list[Category]:
        return [
            c
            for c in self.categories.values()
            if c.parent not in self.categories and c.base not in self.bases
        ]

    def _placed(self, base: Base) -> bool:
        return base.parent in self.bases or base.category in self.categories

    def bases_in(self, node: Base | Category) -> list[Base]:
        if isinstance(node, Base):
            return [b for b in self.bases.values() if b.parent == node.sys_id]
        return [b for b in self.bases.values() if b.category == node.sys_id and not b.parent]

    def categories_in(self, node: Base | Category) -> list[Category]:
        if isinstance(node, Base):
            return [
                c
                for c in self.categories.values()
                if c.base == node.sys_id and c.parent not in self.categories
            ]
        return [c for c in self.categories.values() if c.parent == node.sys_id]

    def below(self, nodes: Iterable[Base | Category]) -> tuple[list[Base], list[Category]]:
        """Every base and category under ``nodes`` (not ``nodes`` themselves), each once."""
        seen: set[str] = {node.sys_id for node in nodes}
        bases: list[Base] = []
        categories: list[Category] = []
        waiting: list[Base | Category] = list(nodes)
        while waiting:
            node = waiting.pop()
            for base in self.bases_in(node):
                if base.sys_id not in seen:
                    seen.add(base.sys_id)
                    waiting.append(base)
                    bases.append(base)
            for category in self.categories_in(node):
                if category.sys_id not in seen:
                    seen.add(category.sys_id)
                    waiting.append(category)
                    categories.append(category)
        return sorted(bases, key=_id), sorted(categories, key=_id)


def _id(node: Base | Category) -> int:
    return node.id


async def _rows(unit: Unit, actor: Actor, table: Any) -> list[Mapping[str, Any]]:
    page = await records.query(unit, actor, table, _ACTIVE, limit=_WHOLE, offset=0, count=False)
    return sorted(page.records, key=lambda row: int(row["id"]))


def _base(row: Mapping[str, Any]) -> Base:
    return Base(
        int(row["id"]),
        row["sys_id"],
        row["title"] or "",
        bool(row["external"]),
        _ref(row["parent"]),
        _ref(row["parent_category"]),
    )


async def base(unit: Unit, actor: Actor, number: int) -> Base:
    """The active base ``number``, read alone (not the whole tree)."""
    found = await store.sys_id_of(unit.tx, BASES, workspace_id=actor.workspace_id, key=number)
    if found is not None:
        query = _ACTIVE.also(Condition("sys_id", "=", "=", found, 0))
        page = await records.query(unit, actor, BASES, query, limit=1, offset=0, count=False)
        if page.records:
            return _base(page.records[0])
    raise NotFound(Thing.KNOWLEDGE_BASE, str(number))


async def load(unit: Unit, actor: Actor) -> Tree:
    tree = Tree()
    for row in await _rows(unit, actor, BASES):
        tree.bases[row["sys_id"]] = _base(row)
    for row in await _rows(unit, actor, CATEGORIES):
        tree.categories[row["sys_id"]] = Category(
            int(row["id"]),
            row["sys_id"],
            row["label"] or "",
            _ref(row["kb_knowledge_base"]),
            _ref(row["parent"]),
        )
    return tree
