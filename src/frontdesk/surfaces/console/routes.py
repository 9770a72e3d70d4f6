"""The console's routes: sign-in and sign-out, the home page and the static assets.

A page a visitor without a session of this workspace asks for sends them to sign in; a
form posted without its token (or with a session of another workspace) is refused. The
session cookie is ``HttpOnly``, ``SameSite=Lax``, ``Secure`` over HTTPS, and scoped to this
workspace's console path.
"""

from __future__ import annotations

from importlib.resources import files

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from frontdesk.domain.auth import browser
from frontdesk.domain.workspace import Workspace
from frontdesk.errors import Throttled, Unauthenticated
from frontdesk.surfaces.console import (
    cention_areas,
    cention_callback,
    cention_exports,
    cention_tokens,
    clients,
    customer_central,
    egain,
    journal,
    pages,
    people,
    settings,
    users,
)
from frontdesk.surfaces.console import workspace as workspace_tools
from frontdesk.surfaces.console.visit import (
    SESSION,
    Visit,
    form_of,
    guarded,
    refused,
    signed,
)
from frontdesk.surfaces.context import origin, services_of, workspace_of
from frontdesk.surfaces.routing import Surface, allow_header

PREFIXES = ("/console",)
FORM = "fd_form"
_ASSETS = {"console.css": "text/css; charset=utf-8"}


def _cookie(
    request: Request, response: Response, name: str, value: str, max_age: int | None = None
) -> None:
    response.set_cookie(
        name,
        value,
        max_age=max_age,
        path=pages.base(request),
        httponly=True,
        samesite="lax",
        secure=origin(request).startswith("https:"),
    )


@signed()
async def home(visit: Visit) -> Response:
    return visit.render("home.html")


def _sign_in_page(
    request: Request, workspace: Workspace, status: int = 200, problem: str = "", user: str = ""
) -> Response:
    token = request.cookies.get(FORM) or browser.new_token()
    response = pages.page(
        request, "sign_in.html", status, csrf=token, workspace=workspace.name, problem=problem,
        user_name=user,
    )  # fmt: skip
    _cookie(request, response, FORM, token)
    return response


@guarded
async def sign_in_form(request: Request) -> Response:
    workspace = await workspace_of(request)
    token = request.cookies.get(SESSION, "")
    if await browser.visitor(services_of(request), workspace.id, token) is not None:
        return pages.redirect(request, "")
    return _sign_in_page(request, workspace)


@guarded
async def sign_in(request: Request) -> Response:
    workspace = await workspace_of(request)
    given = await form_of(request)
    if not browser.same(given.get("csrf", ""), request.cookies.get(FORM, "")):
        return refused(
            request, 403, "Refused", "The form was not this console's (its token is missing)."
        )
    user = given.get("user_name", "").strip()
    try:
        token, _ = await browser.sign_in(
            services_of(request), workspace.id, user, given.get("password", ""),
            address=request.client.host if request.client else None,
        )  # fmt: skip
    except Unauthenticated:
        return _sign_in_page(request, workspace, 401, "The user name or password is wrong.", user)
    except Throttled as error:
        problem = f"Too many failed sign-ins: try again in {error.retry_after} seconds."
        return _sign_in_page(request, workspace, 429, problem, user)
    response = pages.redirect(request, "")
    _cookie(request, response, SESSION, token, max_age=int(browser.LIFETIME.total_seconds()))
    response.delete_cookie(FORM, path=pages.base(request))
    return response


@signed()
async def sign_out(visit: Visit) -> Response:
    await browser.sign_out(visit.services, visit.workspace.id, visit.request.cookies[SESSION])
    response = visit.redirect("/sign-in")
    response.delete_cookie(SESSION, path=pages.base(visit.request))
    return response


async def asset(request: Request) -> Response:
    name = str(request.path_params["name"])
    kind = _ASSETS.get(name)
    if kind is None:
        return await not_found(request)
    body = files("frontdesk.surfaces.console").joinpath("static", name).read_bytes()
    return Response(body, media_type=kind, headers={"Cache-Control": "max-age=3600"})


async def not_found(request: Request) -> Response:
    return refused(request, 404, "Not found", f"The console has no page {request.url.path}.")


async def wrong_method(request: Request, allowed: frozenset[str]) -> Response:
    shown = allow_header(allowed)
    response = refused(request, 405, "Not allowed", f"{request.method} is not taken here.")
    response.headers["Allow"] = shown
    return response


def surface() -> Surface:
    return Surface(
        name="console",
        prefixes=PREFIXES,
        routes=[
            Route("/console", home, methods=["GET"]),
            Route("/console/sign-in", sign_in_form, methods=["GET"]),
            Route("/console/sign-in", sign_in, methods=["POST"]),
            Route("/console/sign-out", sign_out, methods=["POST"]),
            Route("/console/static/{name}", asset, methods=["GET"]),
            *cention_tokens.routes(),
            *cention_callback.routes(),
            *cention_exports.routes(),
            *people.routes(),
            *users.routes(),
            *clients.routes(),
            *egain.routes(),
            *customer_central.routes(),
            *settings.routes(),
            *cention_areas.routes(),
            *journal.routes(),
            *workspace_tools.routes(),
        ],
        not_found=not_found,
        wrong_method=wrong_method,
    )
