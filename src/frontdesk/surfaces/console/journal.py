"""Tools > Request journal: this workspace's recent API calls, newest first, filtered by
method, status, path and caller; the bodies of each call while capture is on (switched on
here for a while, and off)."""

from __future__ import annotations

from itertools import islice

from starlette.responses import Response
from starlette.routing import Route

from frontdesk.surfaces.console.visit import Visit, refused, signed
from frontdesk.surfaces.journal import Filter, Journal

PATH = "/console/journal"
SHOWN = 200  # calls a page lists
METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE")
STATUSES = ("2xx", "3xx", "4xx", "5xx")


def _journal(visit: Visit) -> Journal | None:
    found: Journal | None = visit.request.app.state.journal
    return found


def _off(visit: Visit) -> Response:
    detail = "This server keeps no journal: its operator set FRONTDESK_JOURNAL=false."
    return refused(visit.request, 404, "The journal is off", detail)


@signed(admin=True)
async def calls(visit: Visit) -> Response:
    journal = _journal(visit)
    if journal is None:
        return _off(visit)
    given = visit.request.query_params
    chosen = Filter(
        method=given.get("method", "").strip().upper(),
        status=given.get("status", "").strip().lower(),
        path=given.get("path", "").strip(),
        caller=given.get("caller", "").strip(),
    )
    shown = list(islice(journal.entries(visit.workspace.id, chosen), SHOWN))
    return visit.render(
        "journal.html", entries=shown, chosen=chosen, methods=METHODS, statuses=STATUSES,
        capture=journal.capture_left(visit.workspace), most=SHOWN,
    )  # fmt: skip


@signed(admin=True)
async def capture(visit: Visit) -> Response:
    journal = _journal(visit)
    if journal is None:
        return _off(visit)
    journal.capture(visit.workspace, visit.given.get("capture") == "on")
    return visit.redirect("/journal")


@signed(admin=True)
async def one(visit: Visit) -> Response:
    journal = _journal(visit)
    if journal is None:
        return _off(visit)
    given = str(visit.request.path_params["id"])
    entry = journal.entry(visit.workspace.id, int(given)) if given.isdecimal() else None
    if entry is None:
        detail = "The journal no longer holds that call (it keeps the newest ones only)."
        return refused(visit.request, 404, "Not found", detail)
    return visit.render(
        "journal_entry.html", entry=entry,
        request_body=_text(entry.request_body), response_body=_text(entry.response_body),
    )  # fmt: skip


def _text(body: bytes | None) -> str | None:
    if body is None:
        return None
    return body.decode("utf-8", errors="replace")


def routes() -> list[Route]:
    return [
        Route(PATH, calls, methods=["GET"]),
        Route(PATH + "/capture", capture, methods=["POST"]),
        Route(PATH + "/{id}", one, methods=["GET"]),
    ]
