"""Customer 360: find a person by name, email or phone, and see them as every service does
(the ServiceNow record, the eGain customer, the Cention contact card) with everything that
happened with them on one timeline, newest first, a page at a time."""

from __future__ import annotations

from datetime import datetime

from starlette.responses import Response
from starlette.routing import Route

from frontdesk.domain.people import person as people
from frontdesk.domain.people import timeline
from frontdesk.errors import Forbidden, NotFound
from frontdesk.surfaces.console.visit import Visit, refused, signed

PATH = "/console/people"
# Where other services answer for the same person (below the workspace's root).
EGAIN_CUSTOMERS = "/core/customermgr/v3/customer"
PAGE = timeline.LIMIT  # events a page shows


def _forbidden(visit: Visit) -> Response:
    detail = "Your roles do not let you see customers."
    return refused(visit.request, 403, "Refused", detail)


@signed()
async def search(visit: Visit) -> Response:
    text = visit.request.query_params.get("q", "").strip()
    try:
        async with visit.services.read() as unit:
            found = await people.find(unit, visit.actor, text) if text else []
    except Forbidden:
        return _forbidden(visit)
    return visit.render("people.html", q=text, found=found)


def _upto(given: str | None) -> datetime | None:
    """The page's ``upto`` (``YYYY-MM-DDTHH:MM:SS``); ``ValueError`` when it is not one."""
    if not given:
        return None
    return datetime.strptime(given, "%Y-%m-%dT%H:%M:%S")


@signed()
async def one(visit: Visit) -> Response:
    params = visit.request.path_params
    try:
        upto = _upto(visit.request.query_params.get("upto"))
    except ValueError:
        detail = "upto must be a time as YYYY-MM-DDTHH:MM:SS (UTC)."
        return refused(visit.request, 400, "Not a time", detail)
    try:
        async with visit.services.read() as unit:
            person = await people.get(unit, visit.actor, params["table"], params["sys_id"])
            events = await timeline.of(unit, visit.actor, person, upto=upto, limit=PAGE)
    except Forbidden:
        return _forbidden(visit)
    except NotFound:
        return refused(visit.request, 404, "Not found", "There is no such person here.")
    root = visit.request.scope.get("root_path", "")
    return visit.render(
        "person.html", person=person, timeline=events, upto=upto, root=root,
        egain=EGAIN_CUSTOMERS,
    )  # fmt: skip


def routes() -> list[Route]:
    return [
        Route(PATH, search, methods=["GET"]),
        Route(PATH + "/{table}/{sys_id}", one, methods=["GET"]),
    ]
