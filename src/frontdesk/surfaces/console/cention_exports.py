"""Export presets, which ``POST c3_trigger_exports`` names: the list (what each exports)
and a form to make one (no channel, area or field chosen: every one)."""

from __future__ import annotations

from starlette.responses import Response
from starlette.routing import Route

from frontdesk.domain.errands import channels
from frontdesk.domain.exports import service as exports
from frontdesk.errors import Conflict, Invalid, NotFound
from frontdesk.surfaces.console.visit import Visit, signed

PATH = "/console/cention/exports"


async def _page(visit: Visit, status: int = 200, **values: object) -> Response:
    async with visit.services.read() as unit:
        presets = await exports.presets(unit, visit.workspace.id)
    shown = {"problem": "", "form": {}, **values}
    names = {c.number: c.name for c in channels.CHANNELS}
    return visit.render(
        "cention_exports.html", status, presets=presets, channels=channels.CHANNELS,
        channel_names=names, fields=exports.FIELDS, every_field=exports.FIELDS, **shown,
    )  # fmt: skip


@signed(admin=True)
async def presets(visit: Visit) -> Response:
    return await _page(visit)


@signed(admin=True)
async def create(visit: Visit) -> Response:
    given = visit.given
    chosen = [str(c.number) for c in channels.CHANNELS if given.get(f"channel:{c.number}") == "on"]
    fields = [f for f in exports.FIELDS if given.get(f"field:{f}") == "on"]
    areas = [a.strip() for a in given.get("areas", "").split(",") if a.strip()]
    name = given.get("name", "").strip()
    try:
        async with visit.services.write() as unit:
            await exports.create(
                unit, visit.workspace.id, name, channels=chosen, areas=areas, fields=fields
            )
    except Conflict:
        return await _page(visit, 409, problem=f"A preset is named {name} already.", form=given)
    except NotFound as error:
        return await _page(visit, 400, problem=f"No area {error.key}.", form=given)
    except Invalid as error:
        problem = error.detail or "A preset needs a name."
        return await _page(visit, 400, problem=problem, form=given)
    return visit.redirect("/cention/exports")


def routes() -> list[Route]:
    return [Route(PATH, presets, methods=["GET"]), Route(PATH, create, methods=["POST"])]
