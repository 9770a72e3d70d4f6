"""Import a library tree from a JSON document (``docs/library-import.md``): libraries (each
with sub-libraries, categories and questions), categories (each with sub-categories,
libraries and questions) and questions with their attachments and embedded images.

Everything is made through the records service (so the Table API sees it, numbered and
counted), attachments through the attachment service; an image a question's HTML names as
``src="cid:<name>"`` is archived and named by its ``c3_area_archives/<id>`` address.
"""

from __future__ import annotations

import base64
import binascii
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from frontdesk.domain.access import Actor
from frontdesk.domain.attachments import service as attachments
from frontdesk.domain.attachments.service import Upload
from frontdesk.domain.errands import service as errands
from frontdesk.domain.knowledge.articles import ARTICLES
from frontdesk.domain.knowledge.tree import BASES, CATEGORIES
from frontdesk.domain.records import service as records
from frontdesk.domain.services import Unit
from frontdesk.errors import Invalid, Problem

_CID = re.compile(r"""(\bsrc\s*=\s*)(["'])cid:([^"']+)\2""")


@dataclass
class Imported:
    """What an import made: the row ids, by kind, in the order made."""

    libraries: list[int] = field(default_factory=list)
    categories: list[int] = field(default_factory=list)
    questions: list[int] = field(default_factory=list)
    attachments: list[int] = field(default_factory=list)
    images: list[int] = field(default_factory=list)


def _refuse(where: str, why: str) -> Invalid:
    return Invalid(Problem.MALFORMED, field=where, detail=f"{where}: {why}")


def _object(value: Any, where: str) -> Mapping[str, Any]:
    if not isinstance(value, dict):
        raise _refuse(where, "must be an object")
    return value


def _list(value: Any, where: str) -> list[Any]:
    if value is None:
        return []
    if not isinstance(value, list):
        raise _refuse(where, "must be a list")
    return value


def _text(item: Mapping[str, Any], name: str, where: str, *, required: bool = False) -> str:
    value = item.get(name)
    if value is None and not required:
        return ""
    if not isinstance(value, str) or (required and not value.strip()):
        raise _refuse(f"{where}.{name}", "must be text" + (", not empty" if required else ""))
    return value


def _flag(item: Mapping[str, Any], name: str, where: str) -> bool:
    value = item.get(name, False)
    if not isinstance(value, bool):
        raise _refuse(f"{where}.{name}", "must be true or false")
    return value


@dataclass(frozen=True, slots=True)
class _File:
    name: str
    content_type: str
    content: bytes


def _file(item: Any, where: str) -> _File:
    found = _object(item, where)
    try:
        content = base64.b64decode(_text(found, "content", where), validate=True)
    except (binascii.Error, ValueError):
        raise _refuse(f"{where}.content", "must be base64") from None
    kind = _text(found, "content_type", where) or "application/octet-stream"
    return _File(_text(found, "name", where, required=True), kind, content)


class _Importer:
    def __init__(self, unit: Unit, actor: Actor) -> None:
        self.unit, self.actor = unit, actor
        self.made = Imported()

    async def library(
        self, item: Any, where: str, *, parent: str | None, category: str | None
    ) -> None:
        found = _object(item, where)
        values = {
            "title": _text(found, "name", where, required=True),
            "description": _text(found, "description", where),
            "external": _flag(found, "external", where),
            "parent": parent,
            "parent_category": category,
        }
        made = await records.insert(self.unit, self.actor, BASES, values)
        self.made.libraries.append(int(made["id"]))
        await self.children(found, where, base=made["sys_id"], library=made["sys_id"])

    async def category(
        self, item: Any, where: str, *, base: str | None, parent: str | None
    ) -> None:
        found = _object(item, where)
        values = {
            "label": _text(found, "name", where, required=True),
            "kb_knowledge_base": base,
            "parent": parent,
        }
        made = await records.insert(self.unit, self.actor, CATEGORIES, values)
        self.made.categories.append(int(made["id"]))
        await self.children(found, where, base=base, category=made["sys_id"])

    async def children(
        self,
        found: Mapping[str, Any],
        where: str,
        *,
        base: str | None,
        library: str | None = None,
        category: str | None = None,
    ) -> None:
        for i, child in enumerate(_list(found.get("libraries"), f"{where}.libraries")):
            await self.library(child, f"{where}.libraries[{i}]", parent=library, category=category)
        for i, child in enumerate(_list(found.get("categories"), f"{where}.categories")):
            await self.category(child, f"{where}.categories[{i}]", base=base, parent=category)
        for i, child in enumerate(_list(found.get("questions"), f"{where}.questions")):
            await self.question(child, f"{where}.questions[{i}]", base=base, category=category)

    async def question(
        self, item: Any, where: str, *, base: str | None, category: str | None
    ) -> None:
        found = _object(item, where)
        images: dict[str, int] = {}
        for i, image in enumerate(_list(found.get("images"), f"{where}.images")):
            file = _file(image, f"{where}.images[{i}]")
            images[file.name] = await errands.add_archive(
                self.unit, self.actor.workspace_id, file.name, file.content_type, file.content
            )
            self.made.images.append(images[file.name])

        def placed(html: str, name: str) -> str:
            def swap(match: re.Match[str]) -> str:
                key = images.get(match.group(3))
                if key is None:
                    raise _refuse(f"{where}.{name}", f"names no image {match.group(3)!r}")
                return f"{match.group(1)}{match.group(2)}c3_area_archives/{key}{match.group(2)}"

            return _CID.sub(swap, html)

        values = {
            "short_description": _text(found, "subject", where, required=True),
            "question": placed(_text(found, "question", where), "question"),
            "text": placed(_text(found, "answer", where), "answer"),
            "top_list": _flag(found, "top_list", where),
            "kb_knowledge_base": base,
            "kb_category": category,
        }
        made = await records.insert(self.unit, self.actor, ARTICLES, values)
        self.made.questions.append(int(made["id"]))
        for i, attached in enumerate(_list(found.get("attachments"), f"{where}.attachments")):
            file = _file(attached, f"{where}.attachments[{i}]")
            upload = Upload(
                ARTICLES.name, made["sys_id"], file.name, file.content_type, file.content
            )
            stored = await attachments.attach(self.unit, self.actor, upload)
            self.made.attachments.append(int(stored["id"]))


async def load(unit: Unit, actor: Actor, document: Any) -> Imported:
    """Import ``document`` (a parsed JSON value) in the caller's unit of work: all of it, or
    (on the first fault, an ``Invalid`` naming where it is) nothing."""
    found = _object(document, "$")
    importer = _Importer(unit, actor)
    await importer.children(found, "$", base=None)
    return importer.made
