"""Attach, list, read and delete files. Access follows the record a file is attached to:
writing that record's table to attach or delete, reading it to list or download."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from frontdesk.domain import clock
from frontdesk.domain.access import Access, Actor
from frontdesk.domain.attachments import images, repository
from frontdesk.domain.records import service as records
from frontdesk.domain.services import Unit
from frontdesk.errors import Forbidden, Invalid, NotFound, Operation, Problem, Thing
from frontdesk.query.ast import Condition, Query, Term
from frontdesk.store.registry import TableDef
from frontdesk.store.tables import REGISTRY

ATTACHMENTS = REGISTRY["sys_attachment"]
CHUNK = 256 * 1024


@dataclass(frozen=True)
class Upload:
    table_name: str
    table_sys_id: str
    file_name: str
    content_type: str
    content: bytes
    encryption_context: str | None = None


@dataclass(frozen=True)
class Content:
    """Where a file's bytes are: read them chunk by chunk with ``chunk``."""

    blob_id: int
    size: int
    chunks: int


@dataclass(frozen=True, slots=True)
class _ThroughTheirRecords:
    """A caller's policy, with attachment records governed by the tables they belong to:
    the caller sees the attachments of the tables it may read. (Attaching and detaching
    are checked against the target's table before the attachment record is touched.)"""

    inner: Access

    def denial(self, operation: Operation, table: TableDef) -> Forbidden | None:
        return None if table is ATTACHMENTS else self.inner.denial(operation, table)

    def rows(self, table: TableDef) -> tuple[Term, ...]:
        if table is not ATTACHMENTS:
            return self.inner.rows(table)
        others = [t for t in REGISTRY.values() if t is not ATTACHMENTS]
        readable = [t.name for t in others if self.inner.denial(Operation.QUERY, t) is None]
        if len(readable) == len(others):
            return ()
        return (Condition("table_name", "IN", "IN", ",".join(readable) or "-", 0),)


def _through(actor: Actor) -> Actor:
    return Actor(actor.principal, _ThroughTheirRecords(actor.access))


def _target(table_name: str) -> TableDef:
    table = records.table(table_name, field="table_name")
    if table is ATTACHMENTS:
        raise NotFound(Thing.TABLE, table_name, field="table_name")
    return table


async def attach(unit: Unit, actor: Actor, upload: Upload) -> dict[str, Any]:
    if not upload.file_name:
        raise Invalid(Problem.MISSING, field="file_name")
    table = _target(upload.table_name)
    actor.require(Operation.ATTACH, table)
    await records.get(unit, actor, table, upload.table_sys_id)  # it must exist
    ws = actor.workspace_id
    digest = hashlib.sha256(upload.content).hexdigest()
    if await repository.blob(unit.tx, workspace_id=ws, sha256=digest) is None:
        chunks = [upload.content[i : i + CHUNK] for i in range(0, len(upload.content), CHUNK)] or [
            b""
        ]
        await repository.add_blob(
            unit.tx, workspace_id=ws, sha256=digest, chunks=chunks, created_on=clock.now()
        )
    size = (
        images.dimensions(upload.content[:65536])
        if upload.content_type.startswith("image/")
        else None
    )
    values: dict[str, Any] = {
        "table_name": table.name,
        "table_sys_id": upload.table_sys_id.lower(),
        "file_name": upload.file_name,
        "content_type": upload.content_type,
        "size_bytes": len(upload.content),
        "size_compressed": len(upload.content),
        "hash": digest,
        "encryption_context": upload.encryption_context,
    }
    if size is not None:
        values["image_width"], values["image_height"] = size
    return await records.insert(unit, _through(actor), ATTACHMENTS, values)


async def list_attachments(
    unit: Unit, actor: Actor, encoded: Query, *, limit: int, offset: int, count: bool
) -> records.Page:
    return await records.query(
        unit, _through(actor), ATTACHMENTS, encoded, limit=limit, offset=offset, count=count
    )


async def get(unit: Unit, actor: Actor, sys_id: str) -> dict[str, Any]:
    return await records.get(unit, _through(actor), ATTACHMENTS, sys_id)


async def content(unit: Unit, actor: Actor, attachment: Mapping[str, Any]) -> Content:
    found = await repository.blob(
        unit.tx, workspace_id=actor.workspace_id, sha256=str(attachment["hash"])
    )
    if found is None:
        raise NotFound(Thing.CONTENT, str(attachment["sys_id"]), table=ATTACHMENTS.name)
    blob_id, size = found
    return Content(blob_id, size, max(1, -(-size // CHUNK)))


async def chunk(unit: Unit, content: Content, seq: int) -> bytes:
    data = await repository.chunk(unit.tx, blob_id=content.blob_id, seq=seq)
    if data is None:  # deleted while being read
        raise NotFound(Thing.CONTENT, str(content.blob_id))
    return data


async def whole(unit: Unit, actor: Actor, attachment: Mapping[str, Any]) -> bytes:
    """All of a file's content at once (for an API that answers it inline, not streamed)."""
    found = await content(unit, actor, attachment)
    return b"".join([await chunk(unit, found, seq) for seq in range(found.chunks)])


async def delete(unit: Unit, actor: Actor, sys_id: str) -> None:
    attachment = await get(unit, actor, sys_id)
    actor.require(Operation.DETACH, _target(str(attachment["table_name"])))
    await records.delete(unit, _through(actor), ATTACHMENTS, str(attachment["sys_id"]))
    digest = str(attachment["hash"])
    if await repository.users_of(unit.tx, workspace_id=actor.workspace_id, sha256=digest) == 0:
        await repository.drop_blob(unit.tx, workspace_id=actor.workspace_id, sha256=digest)
