"""Administration > Cention > Areas and agents: the areas errands arrive in (and their
organisations), and the agents (a user's system group, and the phone device and extension
calls reach them on)."""

from __future__ import annotations

from starlette.responses import Response
from starlette.routing import Route

from frontdesk.domain.auth import users
from frontdesk.domain.errands import agents
from frontdesk.domain.errands import service as errands
from frontdesk.errors import Conflict, NotFound
from frontdesk.surfaces.console.visit import Visit, signed

PATH = "/console/cention/areas"


async def _page(visit: Visit, status: int = 200, problem: str = "") -> Response:
    async with visit.services.read() as unit:
        areas = await errands.areas(unit, visit.workspace.id)
        found = await agents.listed(unit, visit.workspace.id)
    return visit.render(
        "cention_areas.html", status, areas=areas, agents=found, problem=problem,
        default_group=agents.DEFAULT_GROUP,
    )  # fmt: skip


@signed(admin=True)
async def page(visit: Visit) -> Response:
    return await _page(visit)


@signed(admin=True)
async def add_area(visit: Visit) -> Response:
    name = visit.given.get("name", "").strip()
    organisation = visit.given.get("organisation", "").strip() or None
    if not name:
        return await _page(visit, 400, "An area needs a name.")
    async with visit.services.write() as unit:
        await errands.add_area(unit, visit.workspace.id, name, organisation=organisation)
    return visit.redirect("/cention/areas")


def _number(given: str) -> int | None:
    """A device or extension id (empty: none; ``ValueError`` for anything else)."""
    text = given.strip()
    if not text:
        return None
    if not text.isdecimal() or len(text) > 18:
        raise ValueError(text)
    return int(text)


@signed(admin=True)
async def set_agent(visit: Visit) -> Response:
    given = visit.given
    name = given.get("user_name", "").strip()
    try:
        device, extension = _number(given.get("device", "")), _number(given.get("extension", ""))
    except ValueError as error:
        return await _page(visit, 400, f"A device or extension is a whole number, not {error}.")
    group = given.get("system_group", "").strip() or agents.DEFAULT_GROUP
    try:
        async with visit.services.write() as unit:
            person = await users.find(unit, visit.workspace.id, name)
            made = agents.Agent(str(person["sys_id"]), group, device, extension)
            await agents.save(unit, visit.workspace.id, made)
    except NotFound:
        return await _page(visit, 404, f"No user is named {name}.")
    except Conflict:
        return await _page(visit, 409, "Another agent has this device and extension.")
    return visit.redirect("/cention/areas")


def routes() -> list[Route]:
    return [
        Route(PATH, page, methods=["GET"]),
        Route(PATH, add_area, methods=["POST"]),
        Route(PATH + "/agents", set_agent, methods=["POST"]),
    ]
