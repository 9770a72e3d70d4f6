"""SQL for attachment content: blobs (one per workspace and SHA-256) and their chunks."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa

from frontdesk.db.database import Transaction
from frontdesk.db.statements import Prepared
from frontdesk.store.schema import attachment_blob, attachment_chunk, dialect_insert, sa_table

_attachments = sa_table("sys_attachment")
_BLOB = Prepared(
    sa.select(attachment_blob.c.id, attachment_blob.c.size).where(
        attachment_blob.c.workspace_id == sa.bindparam("ws"),
        attachment_blob.c.sha256 == sa.bindparam("sha256"),
    )
)
_CHUNK = Prepared(
    sa.select(attachment_chunk.c.data).where(
        attachment_chunk.c.blob_id == sa.bindparam("blob"),
        attachment_chunk.c.seq == sa.bindparam("seq"),
    )
)
_USERS = Prepared(
    sa.select(sa.func.count()).where(
        _attachments.c.workspace_id == sa.bindparam("ws"),
        _attachments.c.hash == sa.bindparam("sha256"),
    )
)


async def blob(tx: Transaction, *, workspace_id: int, sha256: str) -> tuple[int, int] | None:
    """(blob id, size) of stored content, if any."""
    found = await tx.first(_BLOB, {"ws": workspace_id, "sha256": sha256})
    return (int(found["id"]), int(found["size"])) if found else None


async def add_blob(
    tx: Transaction, *, workspace_id: int, sha256: str, chunks: list[bytes], created_on: datetime
) -> int:
    """Store content once per workspace. Two uploads of the same new content at once both
    succeed: the second waits for the first's commit and uses its blob."""
    statement = (
        dialect_insert(tx.dialect.name, attachment_blob)
        .values(
            workspace_id=workspace_id,
            sha256=sha256,
            size=sum(map(len, chunks)),
            created_on=created_on,
        )
        .on_conflict_do_nothing(
            index_elements=[attachment_blob.c.workspace_id, attachment_blob.c.sha256]
        )
        .returning(attachment_blob.c.id)
    )
    made = await tx.scalar(statement)
    if made is None:
        found = await blob(tx, workspace_id=workspace_id, sha256=sha256)
        assert found is not None  # the conflicting blob has committed
        return found[0]
    blob_id = int(made)
    await tx.insert_many(
        attachment_chunk,
        [{"blob_id": blob_id, "seq": seq, "data": data} for seq, data in enumerate(chunks)],
    )
    return blob_id


async def chunk(tx: Transaction, *, blob_id: int, seq: int) -> bytes | None:
    found = await tx.scalar(_CHUNK, {"blob": blob_id, "seq": seq})
    return bytes(found) if found is not None else None


async def users_of(tx: Transaction, *, workspace_id: int, sha256: str) -> int:
    return int(await tx.scalar(_USERS, {"ws": workspace_id, "sha256": sha256}))


async def drop_blob(tx: Transaction, *, workspace_id: int, sha256: str) -> None:
    await tx.execute(
        sa.delete(attachment_blob).where(
            attachment_blob.c.workspace_id == workspace_id, attachment_blob.c.sha256 == sha256
        )
    )
