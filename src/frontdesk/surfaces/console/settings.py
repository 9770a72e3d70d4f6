"""Administration > Settings: the workspace's system properties (``sys_properties``, e.g.
``glide.invalid_query.returns_no_rows``) and its custom ``u_`` fields (``sys_dictionary``),
which the Table and Consumer APIs show."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from starlette.responses import Response
from starlette.routing import Route

from frontdesk.domain.dictionary.service import TYPES
from frontdesk.domain.services import Unit
from frontdesk.domain.settings import service as settings
from frontdesk.errors import Invalid, NotFound
from frontdesk.store.tables import REGISTRY
from frontdesk.surfaces.console.visit import Visit, signed

PATH = "/console/settings"
PROPERTIES, DICTIONARY = settings.PROPERTIES, settings.DICTIONARY


async def _page(visit: Visit, status: int = 200, problem: str = "", **values: object) -> Response:
    found = await visit.listed(PROPERTIES, "ORDERBYname")
    fields = await visit.listed(DICTIONARY, "elementSTARTSWITHu_^ORDERBYname^ORDERBYelement")
    return visit.render(
        "settings.html", status, properties=found, fields=fields, problem=problem,
        tables=sorted(REGISTRY), types=list(TYPES), form=values.get("form", {}),
    )  # fmt: skip


@signed(admin=True)
async def page(visit: Visit) -> Response:
    return await _page(visit)


async def _saved(visit: Visit, save: Callable[[Unit], Awaitable[None]]) -> Response:
    try:
        async with visit.services.write() as unit:
            await save(unit)
    except (Invalid, NotFound) as error:
        return await _page(visit, 400, f"Not saved: {error}.", form=visit.given)
    return visit.redirect("/settings")


@signed(admin=True)
async def set_property(visit: Visit) -> Response:
    name = visit.given.get("name", "").strip()
    if not name:
        return await _page(visit, 400, "A property needs a name.", form=visit.given)
    value = visit.given.get("value", "")
    return await _saved(visit, lambda unit: settings.set_property(unit, visit.actor, name, value))


@signed(admin=True)
async def add_field(visit: Visit) -> Response:
    given = visit.given
    table, name, kind, label, reference = (
        given.get(k, "").strip() for k in ("table", "element", "type", "label", "reference")
    )
    length = given.get("max_length", "").strip() or "255"
    if not length.isdecimal():
        return await _page(visit, 400, "The maximum length is a whole number.", form=given)
    wanted = settings.CustomField(table, name, kind, label, int(length), reference or None)
    if not wanted.acceptable:
        problem = "A field needs a table, a name that starts with u_, and a type."
        return await _page(visit, 400, problem, form=given)
    return await _saved(visit, lambda unit: settings.add_field(unit, visit.actor, wanted))


def routes() -> list[Route]:
    return [
        Route(PATH, page, methods=["GET"]),
        Route(PATH + "/properties", set_property, methods=["POST"]),
        Route(PATH + "/fields", add_field, methods=["POST"]),
    ]
