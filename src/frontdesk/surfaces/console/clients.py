"""Administration > OAuth client applications (one serves both ServiceNow's and eGain's
token endpoints): the list, a form to register one (its secret shown once, on the answer),
and turning one off or on."""

from __future__ import annotations

import secrets

from starlette.responses import Response
from starlette.routing import Route

from frontdesk.domain.auth import oauth, users
from frontdesk.domain.records import service as records
from frontdesk.errors import Invalid, NotFound
from frontdesk.store.tables import REGISTRY
from frontdesk.surfaces.console.visit import Visit, signed

PATH = "/console/clients"
CLIENTS = REGISTRY["oauth_entity"]
USERS = REGISTRY["sys_user"]


async def _page(visit: Visit, status: int = 200, **values: object) -> Response:
    found = await visit.listed(CLIENTS, "ORDERBYname")
    people = await visit.listed(USERS, "ORDERBYuser_name")
    names = {str(p["sys_id"]): str(p["user_name"]) for p in people}
    shown = {"made": None, "secret": "", "problem": "", "form": {}, **values}
    return visit.render(
        "clients.html", status, clients=found, users=names,
        egain_user=f"{visit.workspace.name}-U", **shown,
    )  # fmt: skip


@signed(admin=True)
async def listed(visit: Visit) -> Response:
    return await _page(visit)


@signed(admin=True)
async def create(visit: Visit) -> Response:
    given = visit.given
    name = given.get("name", "").strip()
    if not name:
        return await _page(visit, 400, problem="An application needs a name.", form=given)
    secret = secrets.token_urlsafe(24)
    hashed = await users.hashed_password(visit.services, secret)
    try:
        async with visit.services.write() as unit:
            made = await oauth.register_client(
                unit, visit.actor, name=name, secret_hash=hashed,
                user_sys_id=given.get("user") or None,
                redirect_url=given.get("redirect_url", "").strip() or None,
            )  # fmt: skip
    except (Invalid, NotFound) as error:
        return await _page(visit, 400, problem=f"Not registered: {error}.", form=given)
    return await _page(visit, 201, made=made, secret=secret)


@signed(admin=True)
async def switch(visit: Visit) -> Response:
    sys_id = str(visit.request.path_params["sys_id"])
    active = visit.given.get("active") == "true"
    try:
        async with visit.services.write() as unit:
            await records.update(unit, visit.actor, CLIENTS, sys_id, {"active": active})
    except NotFound:
        return await _page(visit, 404, problem="There is no such application here.")
    return visit.redirect("/clients")


def routes() -> list[Route]:
    return [
        Route(PATH, listed, methods=["GET"]),
        Route(PATH, create, methods=["POST"]),
        Route(PATH + "/{sys_id}/active", switch, methods=["POST"]),
    ]
