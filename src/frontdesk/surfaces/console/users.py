"""Administration > Users and roles: the workspace's users with their roles and eGain
departments; a form to make one; and each user's page, where an administrator grants and
revokes roles (eGain's user actions among them), sets their departments and their
password."""

from __future__ import annotations

from starlette.responses import Response
from starlette.routing import Route

from frontdesk.domain.auth import users
from frontdesk.domain.customers import departments
from frontdesk.domain.records import service as records
from frontdesk.errors import Conflict, Invalid, NotFound
from frontdesk.query.parser import parse
from frontdesk.store.tables import REGISTRY
from frontdesk.surfaces.console.visit import Visit, refused, signed

PATH = "/console/users"
SHOWN = 500  # users a page lists
USERS = REGISTRY["sys_user"]
DEPARTMENTS = REGISTRY["cmn_department"]


def known_roles(visit: Visit) -> tuple[tuple[str, str], ...]:
    """(role, what it allows) for every role the server's APIs check."""
    found: tuple[tuple[str, str], ...] = visit.request.app.state.roles
    return found


async def _departments(visit: Visit) -> list[tuple[str, str]]:
    found = await visit.listed(DEPARTMENTS, "ORDERBYname")
    return [(str(r["sys_id"]), str(r.get("name") or "")) for r in found]


async def _page(visit: Visit, status: int = 200, **values: object) -> Response:
    async with visit.services.read() as unit:
        page = await records.query(
            unit, visit.actor, USERS, parse("ORDERBYuser_name"), limit=SHOWN, offset=0, count=True
        )
        held = await users.roles_of(unit, visit.workspace.id, [u["sys_id"] for u in page.records])
    named = dict(await _departments(visit))
    shown = {"problem": "", "form": {}, **values}
    return visit.render(
        "users.html", status, people=page.records, held=held, total=page.total, most=SHOWN,
        roles=known_roles(visit), departments=named, **shown,
    )  # fmt: skip


@signed(admin=True)
async def listed(visit: Visit) -> Response:
    return await _page(visit)


def _chosen_roles(visit: Visit) -> list[str]:
    known = {name for name, _ in known_roles(visit)}
    return [name for name in _ticked(visit.given, "role:") if name in known]


@signed(admin=True)
async def create(visit: Visit) -> Response:
    given = visit.given
    name = given.get("user_name", "").strip()
    if not name:
        return await _page(visit, 400, problem="A user needs a user name.", form=given)
    try:
        hashed = await users.hashed_password(visit.services, given.get("password", ""))
        async with visit.services.write() as unit:
            fields = {k: given.get(k, "").strip() for k in ("first_name", "last_name", "email")}
            await users.create(
                unit, visit.actor, user_name=name, password_hash=hashed,
                roles=_chosen_roles(visit), fields=fields,
            )  # fmt: skip
    except Conflict:
        return await _page(visit, 409, problem=f"A user is named {name} already.", form=given)
    except Invalid as error:
        return await _page(visit, 400, problem=f"Not saved: {error.detail or error}.", form=given)
    return visit.redirect("/users")


async def _user_page(visit: Visit, status: int = 200, problem: str = "") -> Response:
    sys_id = str(visit.request.path_params["sys_id"])
    try:
        async with visit.services.read() as unit:
            person = await records.get(unit, visit.actor, USERS, sys_id)
            held = await users.role_names(unit, visit.workspace.id, sys_id)
            working = await departments.of_user(unit, visit.actor, sys_id)
    except NotFound:
        return refused(visit.request, 404, "Not found", "There is no such user here.")
    roles = list(known_roles(visit))
    unknown = held - {role for role, _ in roles}
    roles += [(name, "a role no API of this server checks") for name in sorted(unknown)]
    return visit.render(
        "user.html", status, person=person, held=held, roles=roles, problem=problem,
        departments=await _departments(visit), working=working,
    )  # fmt: skip


@signed(admin=True)
async def one(visit: Visit) -> Response:
    return await _user_page(visit)


def _ticked(given: dict[str, str], prefix: str) -> list[str]:
    """The names of the ticked checkboxes named ``<prefix><name>``."""
    return [k.removeprefix(prefix) for k, v in given.items() if k.startswith(prefix) and v == "on"]


@signed(admin=True)
async def save(visit: Visit) -> Response:
    sys_id = str(visit.request.path_params["sys_id"])
    given = visit.given
    wanted = _ticked(given, "role:")
    own = given.get("department", "") or None
    others = [d for d in _ticked(given, "also:") if d != own]
    password = given.get("password", "")
    try:
        hashed = await users.hashed_password(visit.services, password) if password else None
        async with visit.services.write() as unit:
            await records.get(unit, visit.actor, USERS, sys_id)
            await users.set_roles(unit, visit.actor, sys_id, wanted)
            await departments.reassign(unit, visit.actor, sys_id, own, others)
            if hashed is not None:
                await users.set_password_hash(unit, visit.workspace.id, sys_id, hashed)
    except NotFound:
        return refused(visit.request, 404, "Not found", "There is no such user here.")
    except Invalid as error:
        return await _user_page(visit, 400, f"Not saved: {error.detail or error}.")
    return visit.redirect(f"/users/{sys_id}")


def routes() -> list[Route]:
    return [
        Route(PATH, listed, methods=["GET"]),
        Route(PATH, create, methods=["POST"]),
        Route(PATH + "/{sys_id}", one, methods=["GET"]),
        Route(PATH + "/{sys_id}", save, methods=["POST"]),
    ]
