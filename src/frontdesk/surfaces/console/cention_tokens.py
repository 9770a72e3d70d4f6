"""Administration → API → Access Tokens, as Cention's console has it: the workspace's
tokens (never their secrets), a form to create one with its claims and its area and
channel binding (the new token is shown once, on the answer to that form), and revoking."""

from __future__ import annotations

from starlette.responses import Response
from starlette.routing import Route

from frontdesk.domain.auth import api_tokens
from frontdesk.errors import Conflict, NotFound
from frontdesk.surfaces.console.visit import Visit, signed

PATH = "/console/cention/tokens"


async def _page(visit: Visit, status: int = 200, **values: object) -> Response:
    async with visit.services.read() as unit:
        tokens = await api_tokens.listed(unit, visit.workspace)
    shown = {"made": None, "problem": "", "form": {}, **values}
    return visit.render(
        "cention_tokens.html", status, tokens=tokens, claims=api_tokens.CLAIMS, **shown
    )


@signed(admin=True)
async def tokens(visit: Visit) -> Response:
    return await _page(visit)


@signed(admin=True)
async def create(visit: Visit) -> Response:
    given = visit.given
    labels = [label for label in api_tokens.CLAIMS if given.get(f"claim:{label}") == "on"]
    name = given.get("name", "").strip()
    if not name or not labels:
        problem = "A token needs a name and at least one claim."
        return await _page(visit, 400, problem=problem, form=given)
    try:
        async with visit.services.write() as unit:
            made = await api_tokens.create(
                unit,
                visit.workspace,
                name=name,
                labels=labels,
                area=given.get("area", "").strip() or None,
                channel=given.get("channel", "").strip() or None,
                system_group=given.get("system_group", "").strip() or None,
            )
    except Conflict:
        return await _page(visit, 409, problem=f"A live token is named {name} already.", form=given)
    return await _page(visit, 201, made=made)


@signed(admin=True)
async def revoke(visit: Visit) -> Response:
    name = visit.given.get("name", "")
    try:
        async with visit.services.write() as unit:
            await api_tokens.revoke(unit, visit.workspace, name)
    except NotFound:
        return await _page(visit, 404, problem=f"No live token is named {name}.")
    return visit.redirect("/cention/tokens")


def routes() -> list[Route]:
    return [
        Route(PATH, tokens, methods=["GET"]),
        Route(PATH, create, methods=["POST"]),
        Route(PATH + "/revoke", revoke, methods=["POST"]),
    ]
