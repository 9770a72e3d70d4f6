"""Administration > eGain: departments (each user's are set on their page), and customer
departmentalization (customers are seen only by the users of their department)."""

from __future__ import annotations

from starlette.responses import Response
from starlette.routing import Route

from frontdesk.domain.customers import departments
from frontdesk.domain.properties import service as properties
from frontdesk.domain.settings import service as settings
from frontdesk.store.tables import REGISTRY
from frontdesk.surfaces.console.visit import Visit, signed

PATH = "/console/egain"
DEPARTMENTS = REGISTRY["cmn_department"]
NAME = properties.CUSTOMER_DEPARTMENTALIZATION


async def _page(visit: Visit, status: int = 200, problem: str = "") -> Response:
    found = await visit.listed(DEPARTMENTS, "ORDERBYname")
    async with visit.services.read() as unit:
        departmentalized = await properties.flag(unit, visit.workspace.id, NAME)
    return visit.render(
        "egain.html", status, departments=found, departmentalized=departmentalized,
        problem=problem, setting=NAME,
    )  # fmt: skip


@signed(admin=True)
async def page(visit: Visit) -> Response:
    return await _page(visit)


@signed(admin=True)
async def add_department(visit: Visit) -> Response:
    name = visit.given.get("name", "").strip()
    if not name:
        return await _page(visit, 400, "A department needs a name.")
    async with visit.services.write() as unit:
        await departments.create(unit, visit.actor, name)
    return visit.redirect("/egain")


@signed(admin=True)
async def departmentalize(visit: Visit) -> Response:
    value = "true" if visit.given.get("departmentalized") == "on" else "false"
    async with visit.services.write() as unit:
        await settings.set_property(unit, visit.actor, NAME, value)
    return visit.redirect("/egain")


def routes() -> list[Route]:
    return [
        Route(PATH, page, methods=["GET"]),
        Route(PATH + "/departments", add_department, methods=["POST"]),
        Route(PATH + "/departmentalization", departmentalize, methods=["POST"]),
    ]
