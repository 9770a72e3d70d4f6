"""The eGain surface: its routes, and its answers for an unknown path or a wrong method."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from frontdesk.surfaces.egain import authorize, customers, errors, oauth
from frontdesk.surfaces.egain.call import failure
from frontdesk.surfaces.egain.errors import Refusal
from frontdesk.surfaces.routing import Surface, allow_header

PREFIXES = ("/core/customermgr/", "/system/auth/")


def routes() -> list[Route]:
    return [
        Route(customers.BASE, customers.search, methods=["GET"]),
        Route(customers.BASE + "/{ids}", customers.by_ids, methods=["GET"]),
        Route("/system/auth/{tenant}/oauth2/token", oauth.token, methods=["POST"]),
        Route(
            "/system/auth/{tenant}/oauth2/authorize", authorize.authorize, methods=["GET", "POST"]
        ),
    ]


async def not_found(request: Request) -> Response:
    return failure(request, Refusal(errors.NO_SUCH_PATH, "The requested resource does not exist."))


async def wrong_method(request: Request, allowed: frozenset[str]) -> Response:
    response = failure(
        request,
        Refusal(
            errors.WRONG_METHOD,
            f"{request.method} is not supported here; use {allow_header(allowed)}.",
        ),
    )
    response.headers["Allow"] = allow_header(allowed)
    return response


def surface() -> Surface:
    return Surface(
        name="egain",
        prefixes=PREFIXES,
        routes=routes(),
        not_found=not_found,
        wrong_method=wrong_method,
    )
