"""Request bodies, read under a size cap (a surface renders ``TooLarge`` its own way)."""

from __future__ import annotations

from starlette.requests import Request

from frontdesk.errors import TooLarge


def _too_large(size: int | None, limit: int) -> TooLarge:
    shown = f"content-length = {size}" if size is not None else "a body"
    return TooLarge(
        f"Rejected large REST payload with {shown}. Max allowed: {limit} bytes.",
        limit=limit,
        size=size,
    )


async def read_body(request: Request, limit: int) -> bytes:
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > limit:
        raise _too_large(int(declared), limit)
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise _too_large(None, limit)
        chunks.append(chunk)
    return b"".join(chunks)
