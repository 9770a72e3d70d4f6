"""The library (the Cention spec's "Library JSONAPI"): libraries, external libraries and
categories with their whole subtree in ``included``; questions, their attachments and the
area archives their HTML embeds. A library is a knowledge base, a category a knowledge
category, a question an article (decision 0028); ids are their row numbers.

Links are objects (``{"href": ...}``), as the spec's samples print them. ``data_url=true``
puts each embedded archive's image into the question's HTML as a base64 data URL.
"""

from __future__ import annotations

import base64
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from starlette.responses import Response

from frontdesk.domain.errands import service as errands
from frontdesk.domain.errands.service import Stored
from frontdesk.domain.knowledge import articles, tree
from frontdesk.domain.knowledge.articles import Article, File, Part
from frontdesk.domain.knowledge.tree import Base, Category, Tree
from frontdesk.errors import NotFound
from frontdesk.surfaces.cention import attachments, jsonapi
from frontdesk.surfaces.cention.access import LIBRARY
from frontdesk.surfaces.cention.call import Call, endpoint
from frontdesk.surfaces.cention.jsonapi import Problem

LIBRARIES, EXTERNAL = "c3_libraries", "c3_external_libraries"
CATEGORIES, QUESTIONS = "c3_library_categories", "c3_library_questions"
ATTACHMENTS, ARCHIVES = "c3_library_attachments", "c3_area_archives"
# A page of questions, unless the client asks for fewer (page[limit]).
PAGE = 1000
_PARTS = {part.value: part for part in Part}


def _href(call: Call, kind: str, key: int | str, *rest: str) -> dict[str, str]:
    return {"href": "/".join((call.link(kind, key), *rest))}


def _linkage(kind: str, keys: Iterable[int]) -> dict[str, Any]:
    return {"data": [{"type": kind, "id": str(key)} for key in keys]}


@dataclass
class Shelf:
    """What one answer shows: the tree, the articles read, their files, and (with
    ``data_url``) the data URLs of the images they embed."""

    call: Call
    tree: Tree
    articles: list[Article] = field(default_factory=list)
    files: dict[str, list[File]] = field(default_factory=dict)
    images: dict[int, str] = field(default_factory=dict)

    async def read(self, found: Sequence[Article]) -> None:
        self.articles = list(found)
        self.files = await articles.files(self.call.unit, self.call.actor, found)
        if self.call.flag("data_url"):
            wanted = {key for article in found for key in article.embedded()}
            for key in sorted(wanted):
                image = await _image(self.call, key)
                if image is not None:
                    content = base64.b64encode(image.content).decode()
                    self.images[key] = f"data:{image.content_type};base64,{content}"

    def library(self, base: Base, kind: str = LIBRARIES) -> dict[str, Any]:
        shown: dict[str, Any] = {"c3_id": base.id, "name": base.name}
        if kind == LIBRARIES:
            shown["external"] = base.external
        in_it = [a.id for a in self.articles if a.base == base.sys_id]
        return self._node(kind, base.id, shown, base, in_it)

    def category(self, category: Category) -> dict[str, Any]:
        shown = {"c3_id": category.id, "name": category.name}
        in_it = [a.id for a in self.articles if a.category == category.sys_id]
        return self._node(CATEGORIES, category.id, shown, category, in_it)

    def _node(
        self, kind: str, key: int, shown: dict[str, Any], node: Base | Category, in_it: list[int]
    ) -> dict[str, Any]:
        related = {
            "libraries": _linkage(LIBRARIES, (b.id for b in self.tree.bases_in(node))),
            "categories": _linkage(CATEGORIES, (c.id for c in self.tree.categories_in(node))),
            "questions": _linkage(QUESTIONS, in_it),
        }
        kept = {name: value for name, value in related.items() if value["data"]}
        return jsonapi.resource(kind, key, shown, relationships=kept)

    def question(self, article: Article, *, linked: bool = True) -> dict[str, Any]:
        call = self.call
        shown = {
            "answer": articles.with_images(article.answer, self.images),
            "c3_id": article.id,
            "question": articles.with_images(article.question, self.images),
            "subject": article.subject,
        }
        related: dict[str, Any] = {}
        files = self.files.get(article.sys_id) or []
        if files:
            related["attachments"] = _linkage(ATTACHMENTS, (f.id for f in files)) | {
                "links": {
                    "related": _href(call, QUESTIONS, article.id, "attachments"),
                    "self": _href(call, QUESTIONS, article.id, "relationships", "attachments"),
                }
            }
        embedded = article.embedded()
        if embedded:
            related["embedded_archives"] = _linkage(ARCHIVES, embedded)
        links = {"self": _href(call, QUESTIONS, article.id)} if linked else None
        return jsonapi.resource(QUESTIONS, article.id, shown, relationships=related, links=links)

    def attachment(self, file: File, content: bytes | None = None) -> dict[str, Any]:
        return _file(self.call, ATTACHMENTS, file.id, file.content_type, file.name, content)

    def attachments(self) -> list[dict[str, Any]]:
        every = (f for article in self.articles for f in self.files.get(article.sys_id) or [])
        return [self.attachment(f) for f in sorted(every, key=lambda f: f.id)]


def _file(
    call: Call, kind: str, key: int, content_type: str, name: str, content: bytes | None
) -> dict[str, Any]:
    """A library attachment or an embedded archive: the file, and its number again."""
    attachment = attachments.shown(key, content_type, name, content)
    return jsonapi.resource(
        kind, key, {"attachment": attachment, "c3_id": key}, links={"self": _href(call, kind, key)}
    )


async def _image(call: Call, key: int) -> Stored | None:
    """The area archive ``key`` (none when an address names one that is gone)."""
    try:
        return await errands.archive(call.unit, call.workspace.id, key)
    except NotFound:
        return None


async def _tree_answer(
    call: Call, loaded: Tree, nodes: Sequence[Base | Category], kind: str, *, one: bool
) -> Response:
    """``nodes`` as ``kind`` with every library, category, question and attachment below
    them in ``included``."""
    shelf = Shelf(call, loaded)
    bases, categories = shelf.tree.below(nodes)
    every_base = [n for n in nodes if isinstance(n, Base)] + bases
    every_category = [n for n in nodes if isinstance(n, Category)] + categories
    found = await articles.under(
        call.unit,
        call.actor,
        (b.sys_id for b in every_base),
        (c.sys_id for c in every_category),
    )
    await shelf.read(found)
    data = [shelf.library(n, kind) if isinstance(n, Base) else shelf.category(n) for n in nodes]
    included = [
        *shelf.attachments(),
        *(shelf.question(a) for a in shelf.articles),
        *(shelf.library(b) for b in bases),
        *(shelf.category(c) for c in categories),
    ]
    return jsonapi.respond(jsonapi.document(data[0] if one else data, included=included))


@endpoint(LIBRARY)
async def libraries(call: Call) -> Response:
    loaded = await tree.load(call.unit, call.actor)
    return await _tree_answer(call, loaded, loaded.top_bases(), LIBRARIES, one=False)


@endpoint(LIBRARY)
async def library(call: Call) -> Response:
    loaded = await tree.load(call.unit, call.actor)
    return await _tree_answer(call, loaded, [loaded.base(call.key("library"))], LIBRARIES, one=True)


@endpoint(LIBRARY)
async def external_libraries(call: Call) -> Response:
    loaded = await tree.load(call.unit, call.actor)
    shown = [b for b in loaded.bases.values() if b.external]
    return await _tree_answer(call, loaded, sorted(shown, key=lambda b: b.id), EXTERNAL, one=False)


@endpoint(LIBRARY)
async def external_library(call: Call) -> Response:
    loaded = await tree.load(call.unit, call.actor)
    number = call.key("external library")
    found = next((b for b in loaded.bases.values() if b.id == number and b.external), None)
    if found is None:
        raise Problem(404, f"No external library {number}.")
    return await _tree_answer(call, loaded, [found], EXTERNAL, one=True)


@endpoint(LIBRARY)
async def categories(call: Call) -> Response:
    loaded = await tree.load(call.unit, call.actor)
    return await _tree_answer(call, loaded, loaded.top_categories(), CATEGORIES, one=False)


@endpoint(LIBRARY)
async def category(call: Call) -> Response:
    loaded = await tree.load(call.unit, call.actor)
    found = loaded.category(call.key("library category"))
    return await _tree_answer(call, loaded, [found], CATEGORIES, one=True)


async def _questions(call: Call, base: str | None) -> Response:
    query = call.request.query_params
    option = query.get("q_filter[option]", "all").strip().lower() or "all"
    if option not in _PARTS:
        raise Problem(
            400,
            "q_filter[option] must be 'all', 'question' or 'answer'.",
            parameter="q_filter[option]",
        )
    limit = call.number("page[limit]", PAGE, most=PAGE)
    offset = call.number("page[offset]", 0, most=10**9)
    found, more = await articles.search(
        call.unit,
        call.actor,
        base=base,
        top_list=True if call.flag("filter[toplist]") else None,
        phrase=query.get("q_filter[phrase]", "").strip() or None,
        part=_PARTS[option],
        limit=limit,
        offset=offset,
    )
    shelf = Shelf(call, tree.Tree())
    await shelf.read(found)
    links: dict[str, Any] = {"self": {"href": str(call.request.url)}}
    if more:
        following = call.request.url.include_query_params(
            **{"page[offset]": offset + limit, "page[limit]": limit}
        )
        links["next"] = str(following)  # JSON:API 1.0: a pagination link is a URL
    body = jsonapi.document(
        [shelf.question(a) for a in found], included=shelf.attachments(), links=links
    )
    return jsonapi.respond(body)


@endpoint(LIBRARY)
async def questions(call: Call) -> Response:
    return await _questions(call, None)


@endpoint(LIBRARY)
async def library_questions(call: Call) -> Response:
    found = await tree.base(call.unit, call.actor, call.key("library"))
    return await _questions(call, found.sys_id)


async def _article(call: Call) -> tuple[Shelf, Article]:
    found = await articles.one(call.unit, call.actor, call.key("library question"))
    shelf = Shelf(call, tree.Tree())
    await shelf.read([found])
    return shelf, found


@endpoint(LIBRARY)
async def question(call: Call) -> Response:
    shelf, found = await _article(call)
    body = jsonapi.document(
        shelf.question(found, linked=False),
        included=shelf.attachments(),
        links={"self": _href(call, QUESTIONS, found.id)},
    )
    return jsonapi.respond(body)


@endpoint(LIBRARY)
async def question_attachments(call: Call) -> Response:
    shelf, found = await _article(call)
    bare = call.flag("without_content")
    data = []
    for listed in shelf.files.get(found.sys_id) or []:
        content = None if bare else await articles.content(call.unit, call.actor, listed)
        data.append(shelf.attachment(listed, content))
    links = {"self": _href(call, QUESTIONS, found.id, "attachments")}
    return jsonapi.respond(jsonapi.document(data, links=links))


@endpoint(LIBRARY)
async def question_relationship(call: Call) -> Response:
    shelf, found = await _article(call)
    files = shelf.files.get(found.sys_id) or []
    body = _linkage(ATTACHMENTS, (f.id for f in files)) | {
        "links": {
            "self": _href(call, QUESTIONS, found.id, "relationships", "attachments"),
            "related": _href(call, QUESTIONS, found.id, "attachments"),
        }
    }
    return jsonapi.respond(body)


@endpoint(LIBRARY)
async def embedded_archives(call: Call) -> Response:
    _, found = await _article(call)
    bare = call.flag("without_content")
    data = []
    for key in found.embedded():
        image = await _image(call, key)
        if image is not None:
            content = None if bare else image.content
            data.append(_file(call, ARCHIVES, image.id, image.content_type, image.name, content))
    links = {"self": _href(call, QUESTIONS, found.id, "embedded_archives")}
    return jsonapi.respond(jsonapi.document(data, links=links))


@endpoint(LIBRARY)
async def attachment(call: Call) -> Response:
    file, content = await articles.file(call.unit, call.actor, call.key("library attachment"))
    shelf = Shelf(call, tree.Tree())
    item = shelf.attachment(file, None if call.flag("without_content") else content)
    links = item.pop("links")
    return jsonapi.respond(jsonapi.document(item, links=links))
