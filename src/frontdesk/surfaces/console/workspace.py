"""Tools > Workspace: download a snapshot of everything the workspace holds, restore one
(everything replaced, your session with it), and reset the workspace (emptied of all but
who may use it)."""

from __future__ import annotations

import io
import tempfile
from collections.abc import AsyncIterator
from typing import IO

from starlette.datastructures import UploadFile
from starlette.responses import Response, StreamingResponse
from starlette.routing import Route

from frontdesk.domain import clock
from frontdesk.domain.workspaces import snapshots
from frontdesk.errors import Conflict, Invalid
from frontdesk.surfaces.console import pages
from frontdesk.surfaces.console.visit import Visit, signed

PATH = "/console/workspace"
_SPOOL = 8 * 1024 * 1024  # a snapshot this large is kept in memory, a larger one on disk
_CHUNK = 64 * 1024


def _page(visit: Visit, status: int = 200, **values: object) -> Response:
    shown = {"problem": "", "done": "", **values}
    return visit.render("workspace.html", status, kept=snapshots.ACCESS, **shown)


@signed(admin=True)
async def tools(visit: Visit) -> Response:
    return _page(visit)


async def _chunks(spool: IO[bytes]) -> AsyncIterator[bytes]:
    with spool:
        while chunk := spool.read(_CHUNK):
            yield chunk


@signed(admin=True)
async def snapshot(visit: Visit) -> Response:
    """The snapshot, taken whole (one instant) into a spool, then sent from it."""
    spool = tempfile.SpooledTemporaryFile(max_size=_SPOOL)  # noqa: SIM115 (closed by _chunks)
    async with visit.services.write() as unit:
        async for line in snapshots.take(unit, visit.workspace):
            spool.write(line.encode("utf-8"))
    spool.seek(0)
    name = f"{visit.workspace.name}-{clock.now():%Y%m%dT%H%M%SZ}.jsonl"
    return StreamingResponse(
        _chunks(spool),
        media_type="application/x-ndjson; charset=utf-8",
        headers={**pages.HEADERS, "Content-Disposition": f'attachment; filename="{name}"'},
    )


@signed(admin=True)
async def restore(visit: Visit) -> Response:
    given = (await visit.request.form()).get("snapshot")
    if not isinstance(given, UploadFile) or not given.filename:
        return _page(visit, 400, problem="Choose a snapshot file to restore.")
    lines = io.TextIOWrapper(given.file, encoding="utf-8", errors="strict")
    try:
        async with visit.services.write() as unit:
            done = await snapshots.restore(unit, visit.workspace, lines)
    except UnicodeDecodeError:
        return _page(visit, 400, problem="That file is not a snapshot: it is not UTF-8 text.")
    except Invalid as error:
        problem = (
            f"That file is not a snapshot this server can restore ({error.field}: {error.detail})."
        )
        return _page(visit, 400, problem=problem)
    except Conflict as error:
        problem = (
            f"The snapshot's {error.table} id {error.key} belongs to another workspace of this "
            "server's database: restore it into a database of its own."
        )
        return _page(visit, 409, problem=problem)
    # Sessions were among the rows replaced: this one goes on if the snapshot holds it.
    detail = (
        f"Restored {done.rows} rows in {done.tables} tables. Users and sessions are now the "
        "snapshot's: if yours was not in it, sign in again."
    )
    return pages.page(visit.request, "restored.html", title="Restored", detail=detail, workspace="")


@signed(admin=True)
async def reset(visit: Visit) -> Response:
    if visit.given.get("confirm", "").strip() != visit.workspace.name:
        problem = f"To reset it, type the workspace's name, {visit.workspace.name}."
        return _page(visit, 400, problem=problem)
    async with visit.services.write() as unit:
        await snapshots.reset(unit, visit.workspace)
    return _page(
        visit, done="The workspace was reset: every record is gone but its users and credentials."
    )


def routes() -> list[Route]:
    return [
        Route(PATH, tools, methods=["GET"]),
        Route(PATH + "/snapshot", snapshot, methods=["GET"]),
        Route(PATH + "/restore", restore, methods=["POST"]),
        Route(PATH + "/reset", reset, methods=["POST"]),
    ]
