"""Administration > Settings: the workspace's system properties (``sys_properties``, e.g.
``glide.invalid_query.returns_no_rows``) and its custom ``u_`` fields (``sys_dictionary``),
which the Table and Consumer APIs show."""

from __future__ import annotations

from starlette.responses import Response
from starlette.routing import Route

from frontdesk.domain.dictionary.service import TYPES
from frontdesk.domain.records import service as records
from frontdesk.errors import Invalid, NotFound
from frontdesk.query.ast import EMPTY
from frontdesk.store.tables import REGISTRY
from frontdesk.surfaces.console.visit import Visit, signed

PATH = "/console/settings"
PROPERTIES = REGISTRY["sys_properties"]
DICTIONARY = REGISTRY["sys_dictionary"]


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


async def _upsert(
    visit: Visit, table_name: str, match: dict[str, str], values: dict[str, object]
) -> Response:
    table = REGISTRY[table_name]
    found_by = EMPTY.also(*(records.equals(table, k, v) for k, v in match.items()))
    try:
        async with visit.services.write() as unit:
            await records.upsert(unit, visit.actor, table, found_by, values)
    except (Invalid, NotFound) as error:
        return await _page(visit, 400, f"Not saved: {error}.", form=visit.given)
    return visit.redirect("/settings")


@signed(admin=True)
async def set_property(visit: Visit) -> Response:
    name = visit.given.get("name", "").strip()
    if not name:
        return await _page(visit, 400, "A property needs a name.", form=visit.given)
    value = visit.given.get("value", "")
    return await _upsert(visit, PROPERTIES.name, {"name": name}, {"name": name, "value": value})


@signed(admin=True)
async def add_field(visit: Visit) -> Response:
    given = visit.given
    table, name, kind = (given.get(k, "").strip() for k in ("table", "element", "type"))
    length = given.get("max_length", "").strip() or "255"
    if table not in REGISTRY or not name.startswith("u_") or kind not in TYPES:
        problem = "A field needs a table, a name that starts with u_, and a type."
        return await _page(visit, 400, problem, form=given)
    if not length.isdecimal():
        return await _page(visit, 400, "The maximum length is a whole number.", form=given)
    values: dict[str, object] = {
        "name": table, "element": name, "column_label": given.get("label", "").strip() or name,
        "internal_type": kind, "max_length": int(length),
        "reference": given.get("reference", "").strip() or None, "active": True,
    }  # fmt: skip
    return await _upsert(visit, DICTIONARY.name, {"name": table, "element": name}, values)


def routes() -> list[Route]:
    return [
        Route(PATH, page, methods=["GET"]),
        Route(PATH + "/properties", set_property, methods=["POST"]),
        Route(PATH + "/fields", add_field, methods=["POST"]),
    ]
