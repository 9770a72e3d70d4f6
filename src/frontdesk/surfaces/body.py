"""Request bodies, read under a size cap (each surface words ``TooLarge`` its own way)."""

from __future__ import annotations

from starlette.requests import Request

from frontdesk.errors import TooLarge


async def read_body(request: Request, limit: int) -> bytes:
    declared = request.headers.get("content-length")
    if declared and declared.isascii() and declared.isdigit() and int(declared) > limit:
        raise TooLarge(limit=limit, size=int(declared))
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise TooLarge(limit=limit)
        chunks.append(chunk)
    return b"".join(chunks)
