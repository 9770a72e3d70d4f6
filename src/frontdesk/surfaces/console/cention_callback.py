"""Administration → API → Callback, as Cention's console has it (the endpoint answered
errands are POSTed to, its secret, its areas), and what Cention's console lacks: the
delivery log, with every attempt's status and latency, the next retry, a redeliver button,
and the endpoint flagged when it is failing or was disabled for failing."""

from __future__ import annotations

from starlette.responses import Response
from starlette.routing import Route

from frontdesk.domain.errands import service as errands
from frontdesk.domain.webhooks import endpoints, outbox
from frontdesk.errors import Invalid, NotFound
from frontdesk.surfaces.console.visit import Visit, signed
from frontdesk.surfaces.context import settings_of

PATH = "/console/cention/callback"
PAGE = 50


async def _page(visit: Visit, status: int = 200, **values: object) -> Response:
    before = visit.request.query_params.get("before", "")
    older = int(before) if before.isdecimal() and len(before) < 19 else None
    async with visit.services.read() as unit:
        endpoint = await endpoints.get_or_none(unit, visit.workspace.id)
        summary = await outbox.summary(unit, visit.workspace.id)
        log = await outbox.log(unit, visit.workspace.id, before=older, limit=PAGE)
    shown = {"problem": "", "form": {}, **values}
    return visit.render(
        "cention_callback.html", status, endpoint=endpoint, summary=summary, log=log,
        more=log[-1].id if len(log) == PAGE else None, **shown,
    )  # fmt: skip


@signed(admin=True)
async def callback(visit: Visit) -> Response:
    return await _page(visit)


@signed(admin=True)
async def save(visit: Visit) -> Response:
    given = visit.given
    names = [a.strip() for a in given.get("areas", "").split(",") if a.strip()]
    try:
        async with visit.services.write() as unit:
            areas = await errands.area_ids(unit, visit.workspace.id, names) if names else None
            await endpoints.set_endpoint(
                unit,
                visit.workspace.id,
                url=given.get("url", "").strip(),
                secret=given.get("secret", "").strip() or None,
                areas=areas,
                allow_private=settings_of(visit.request).callback_allow_private,
            )
    except Invalid as error:
        return await _page(visit, 400, problem=error.detail or error.describe(), form=given)
    except NotFound as error:
        return await _page(visit, 400, problem=f"No area {error.key}.", form=given)
    return visit.redirect("/cention/callback")


@signed(admin=True)
async def redeliver(visit: Visit) -> Response:
    given = visit.given.get("delivery", "")
    if not given.isdecimal() or len(given) > 18:
        return await _page(visit, 404, problem=f"No delivery {given}.")
    try:
        async with visit.services.write() as unit:
            await outbox.redeliver(unit, visit.workspace.id, int(given))
    except NotFound:
        return await _page(visit, 404, problem=f"No delivery {given}.")
    return visit.redirect("/cention/callback")


def routes() -> list[Route]:
    return [
        Route(PATH, callback, methods=["GET"]),
        Route(PATH, save, methods=["POST"]),
        Route(PATH + "/redeliver", redeliver, methods=["POST"]),
    ]
