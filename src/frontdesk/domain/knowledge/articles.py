"""Knowledge articles as a library shows them: subject, question, answer, top-list flag;
read under bases and categories, one by its number, or searched (subject, question and
answer are served by the trigram index, decision 0019). Only active, published articles
are shown. Their files are attachments of the article record; the images their HTML embeds
are area archives, named by their ``c3_area_archives/<id>`` address in an ``<img src>``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from frontdesk.domain.access import Actor
from frontdesk.domain.attachments import service as attachments
from frontdesk.domain.records import service as records
from frontdesk.domain.services import Unit
from frontdesk.errors import NotFound, Thing
from frontdesk.query.ast import EMPTY, Clause, Condition, Group, OrderBy, Query, Term
from frontdesk.store import records as store
from frontdesk.store.registry import TableDef
from frontdesk.store.tables import REGISTRY

ARTICLES = REGISTRY["kb_knowledge"]
# Every article under a few bases and categories, in one query (more than a library holds).
_ALL = 100_000
_SHOWN = (
    Condition("active", "=", "=", "true", 0),
    Condition("workflow_state", "=", "=", "published", 0),
)
_IN_ORDER = OrderBy("number", False, 0)
# An embedded image: an <img> whose src ends with an area archive's address.
_EMBEDDED = re.compile(r"""(<img\b[^>]*?\bsrc\s*=\s*)(["'])([^"']*?c3_area_archives/(\d+))\2""")


class Part(StrEnum):
    """Which part of an article a phrase is looked for in."""

    ALL = "all"
    QUESTION = "question"  # the subject and the question
    ANSWER = "answer"


_SEARCHED = {
    Part.ALL: ("short_description", "question", "text"),
    Part.QUESTION: ("short_description", "question"),
    Part.ANSWER: ("text",),
}


@dataclass(frozen=True, slots=True)
class Article:
    id: int
    sys_id: str
    subject: str
    question: str
    answer: str
    base: str | None
    category: str | None
    top_list: bool

    def embedded(self) -> list[int]:
        """The area archives its question and answer show, in order, each once."""
        found = (int(m.group(4)) for m in _EMBEDDED.finditer(self.question + self.answer))
        return list(dict.fromkeys(found))


@dataclass(frozen=True, slots=True)
class File:
    """A file attached to an article."""

    id: int
    sys_id: str
    name: str
    content_type: str
    hash: str


def _article(row: Mapping[str, Any]) -> Article:
    return Article(
        int(row["id"]),
        row["sys_id"],
        row["short_description"] or "",
        row["question"] or "",
        row["text"] or "",
        row["kb_knowledge_base"] or None,
        row["kb_category"] or None,
        bool(row["top_list"]),
    )


def _query(*clauses: Iterable[Term]) -> Query:
    items = [Clause((term,)) for term in _SHOWN]
    items += [Clause(tuple(terms)) for terms in clauses]
    return Query((Group((*items, _IN_ORDER)),))


async def _found(
    unit: Unit, actor: Actor, query: Query, *, limit: int, offset: int
) -> tuple[list[Article], bool]:
    page = await records.query(
        unit, actor, ARTICLES, query, limit=limit, offset=offset, count=False
    )
    return [_article(row) for row in page.records], page.has_more


def _in(field: str, keys: Iterable[str]) -> Condition:
    return Condition(field, "IN", "IN", ",".join(keys) or "-", 0)


async def under(
    unit: Unit, actor: Actor, bases: Iterable[str], categories: Iterable[str]
) -> list[Article]:
    """Every article in these bases or categories."""
    query = _query((_in("kb_knowledge_base", bases), _in("kb_category", categories)))
    found = (await _found(unit, actor, query, limit=_ALL, offset=0))[0]
    return sorted(found, key=lambda article: article.id)


async def search(
    unit: Unit,
    actor: Actor,
    *,
    base: str | None = None,
    top_list: bool | None = None,
    phrase: str | None = None,
    part: Part = Part.ALL,
    limit: int,
    offset: int,
) -> tuple[list[Article], bool]:
    """A page of the articles (of ``base``; on the top list or not) where ``phrase`` is in
    ``part``; and whether there are more."""
    clauses: list[tuple[Term, ...]] = []
    if base is not None:
        clauses.append((Condition("kb_knowledge_base", "=", "=", base, 0),))
    if top_list is not None:
        clauses.append((Condition("top_list", "=", "=", str(top_list).lower(), 0),))
    if phrase:
        clauses.append(tuple(Condition(f, "LIKE", "LIKE", phrase, 0) for f in _SEARCHED[part]))
    return await _found(unit, actor, _query(*clauses), limit=limit, offset=offset)


async def _sys_id(unit: Unit, actor: Actor, table: TableDef, number: int, thing: Thing) -> str:
    found = await store.sys_id_of(unit.tx, table, workspace_id=actor.workspace_id, key=number)
    if found is None:
        raise NotFound(thing, str(number))
    return found


async def _shown(unit: Unit, actor: Actor, sys_id: str, missing: NotFound) -> Article:
    query = _query((Condition("sys_id", "=", "=", sys_id, 0),))
    found, _ = await _found(unit, actor, query, limit=1, offset=0)
    if not found:
        raise missing
    return found[0]


async def one(unit: Unit, actor: Actor, number: int) -> Article:
    sys_id = await _sys_id(unit, actor, ARTICLES, number, Thing.ARTICLE)
    return await _shown(unit, actor, sys_id, NotFound(Thing.ARTICLE, str(number)))


def _file(row: Mapping[str, Any]) -> File:
    return File(
        int(row["id"]),
        row["sys_id"],
        row["file_name"] or "",
        row["content_type"] or "application/octet-stream",
        row["hash"],
    )


async def files(unit: Unit, actor: Actor, articles: Iterable[Article]) -> dict[str, list[File]]:
    """The files attached to each of ``articles`` (by the article's sys_id), oldest first."""
    keys = [article.sys_id for article in articles]
    found: dict[str, list[File]] = {key: [] for key in keys}
    if not keys:
        return found
    query = EMPTY.also(
        Condition("table_name", "=", "=", ARTICLES.name, 0), _in("table_sys_id", keys)
    )
    page = await attachments.list_attachments(unit, actor, query, limit=_ALL, offset=0, count=False)
    for row in sorted(page.records, key=lambda r: int(r["id"])):
        found[row["table_sys_id"]].append(_file(row))
    return found


async def file(unit: Unit, actor: Actor, number: int) -> tuple[File, bytes]:
    """An article's file by its number, with its content."""
    sys_id = await _sys_id(unit, actor, attachments.ATTACHMENTS, number, Thing.ATTACHMENT)
    row = await attachments.get(unit, actor, sys_id)
    if row["table_name"] != ARTICLES.name:
        raise NotFound(Thing.ATTACHMENT, str(number))
    # A file of an article not shown is not found either.
    await _shown(unit, actor, row["table_sys_id"], NotFound(Thing.ATTACHMENT, str(number)))
    return _file(row), await attachments.whole(unit, actor, row)


async def content(unit: Unit, actor: Actor, listed: File) -> bytes:
    """The content of a file ``files`` listed."""
    return await attachments.whole(unit, actor, {"hash": listed.hash, "sys_id": listed.sys_id})


def with_images(html: str, images: Mapping[int, str]) -> str:
    """``html`` with each embedded archive's address replaced by its data URL in
    ``images`` (archive id → ``data:...``)."""

    def swap(match: re.Match[str]) -> str:
        data = images.get(int(match.group(4)))
        if data is None:
            return match.group(0)
        return f"{match.group(1)}{match.group(2)}{data}{match.group(2)}"

    return _EMBEDDED.sub(swap, html)
