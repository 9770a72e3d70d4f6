"""Attach, list, read and delete files. Access follows the record a file is attached to:
writing that record's table to attach or delete, reading it to list or download."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from frontdesk.db.database import Transaction
from frontdesk.domain import clock
from frontdesk.domain.attachments import images, repository
from frontdesk.domain.principal import Principal
from frontdesk.domain.records import service as records
from frontdesk.errors import Invalid, NotFound
from frontdesk.query.ast import Condition, Query
from frontdesk.store import records as store
from frontdesk.store.registry import REGISTRY, TableDef, find_table

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


def _target(table_name: str) -> TableDef:
    table = find_table(table_name)
    if table is None or table is ATTACHMENTS:
        raise Invalid(
            f"Invalid table {table_name}", field="table_name", detail="table_name must be a table"
        )
    return table


async def attach(tx: Transaction, actor: Principal, upload: Upload) -> dict[str, Any]:
    if not upload.file_name:
        raise Invalid("Missing file_name", field="file_name", detail="file_name is required")
    table = _target(upload.table_name)
    records.require_write(actor, table, "attach files to")
    await records.get(tx, actor, table, upload.table_sys_id)  # it must exist
    ws = actor.workspace_id
    digest = hashlib.sha256(upload.content).hexdigest()
    if await repository.blob(tx, workspace_id=ws, sha256=digest) is None:
        chunks = [upload.content[i : i + CHUNK] for i in range(0, len(upload.content), CHUNK)] or [
            b""
        ]
        await repository.add_blob(
            tx, workspace_id=ws, sha256=digest, chunks=chunks, created_on=clock.now()
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
    return await records.insert(tx, actor, ATTACHMENTS, values, authorized=True)


def _restricted(encoded: Query, actor: Principal) -> Query:
    """Keep to attachments of tables the caller may read."""
    if actor.is_admin:
        return encoded
    names = [
        t.name for t in REGISTRY.values() if t is not ATTACHMENTS and records.can_read(actor, t)
    ]
    return encoded.also(Condition("table_name", "IN", "IN", ",".join(names) or "-", 0))


async def list_attachments(
    tx: Transaction, actor: Principal, encoded: Query, *, limit: int, offset: int, count: bool
) -> records.Page:
    restricted = _restricted(encoded, actor)
    return await records.query(
        tx, actor, ATTACHMENTS, restricted, limit=limit, offset=offset, count=count, authorized=True
    )


async def get(tx: Transaction, actor: Principal, sys_id: str) -> dict[str, Any]:
    found = await store.get(tx, ATTACHMENTS, workspace_id=actor.workspace_id, sys_id=sys_id.lower())
    table = find_table(str(found["table_name"])) if found else None
    if found is None or table is None or not records.can_read(actor, table):
        raise NotFound(records.NO_RECORD, detail=records.NO_RECORD_DETAIL)
    return found


async def content(tx: Transaction, actor: Principal, attachment: Mapping[str, Any]) -> Content:
    found = await repository.blob(
        tx, workspace_id=actor.workspace_id, sha256=str(attachment["hash"])
    )
    if found is None:
        raise NotFound(
            "Attachment content not found", detail=f"{attachment['sys_id']} has no content"
        )
    blob_id, size = found
    return Content(blob_id, size, max(1, -(-size // CHUNK)))


async def chunk(tx: Transaction, content: Content, seq: int) -> bytes:
    data = await repository.chunk(tx, blob_id=content.blob_id, seq=seq)
    if data is None:
        raise NotFound("Attachment content changed", detail="the file was deleted while being read")
    return data


async def delete(tx: Transaction, actor: Principal, sys_id: str) -> None:
    attachment = await get(tx, actor, sys_id)
    records.require_write(actor, _target(str(attachment["table_name"])), "delete attachments of")
    await records.delete(tx, actor, ATTACHMENTS, str(attachment["sys_id"]), authorized=True)
    digest = str(attachment["hash"])
    if await repository.users_of(tx, workspace_id=actor.workspace_id, sha256=digest) == 0:
        await repository.drop_blob(tx, workspace_id=actor.workspace_id, sha256=digest)
