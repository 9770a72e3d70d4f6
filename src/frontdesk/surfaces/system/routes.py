"""frontdesk's own surface: ``/healthz``, ``/openapi.json`` and ``/docs``, and the answer for
a path no surface owns (RFC 9457 problem details)."""

from __future__ import annotations

from importlib.resources import files

import orjson
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.routing import Route

from frontdesk import __version__
from frontdesk.domain.services import Services
from frontdesk.domain.workspaces import service as workspaces
from frontdesk.surfaces.openapi import (
    SWAGGER_UI,
    Operation,
    Parameter,
    Reply,
    document,
    documented,
)
from frontdesk.surfaces.routing import Surface, allow_header

PROBLEM = "application/problem+json"
PREFIXES = ("/healthz", "/openapi.json", "/docs")
TAG = "frontdesk"
HEALTH = {
    "type": "object",
    "required": ["status"],
    "properties": {
        "status": {"enum": ["ok", "unavailable"]},
        "version": {"type": "string"},
        "database": {"enum": ["sqlite", "postgresql"]},
        "detail": {"type": "string"},
    },
}


def problem(
    status: int, title: str, detail: str, headers: dict[str, str] | None = None
) -> Response:
    body = {"type": "about:blank", "title": title, "status": status, "detail": detail}
    return Response(orjson.dumps(body), status_code=status, media_type=PROBLEM, headers=headers)


@documented(
    Operation(
        "Ready to serve",
        TAG,
        responses={
            200: Reply("Ready", {"application/json": HEALTH}),
            503: Reply("Not ready", {"application/json": HEALTH}),
        },
        authenticated=False,
    )
)
async def healthz(request: Request) -> Response:
    services: Services = request.app.state.services
    try:
        await services.db.ping()
    except Exception as exc:
        body = {"status": "unavailable", "detail": type(exc).__name__}
        return Response(orjson.dumps(body), status_code=503, media_type="application/json")
    body = {"status": "ok", "version": __version__, "database": services.db.backend}
    return Response(orjson.dumps(body), media_type="application/json")


@documented(
    Operation(
        "This document",
        TAG,
        responses={200: Reply("OpenAPI 3.1", {"application/json": {"type": "object"}})},
        authenticated=False,
    )
)
async def openapi(request: Request) -> Response:
    services: Services = request.app.state.services
    async with services.read() as unit:
        names = [w.name for w in await workspaces.list_all(unit)]
    found = document(
        request.app.state.surfaces, title="frontdesk", version=__version__, workspaces=names
    )
    return Response(orjson.dumps(found), media_type="application/json")


@documented(
    Operation(
        "The API browser",
        TAG,
        responses={200: Reply("Swagger UI", {"text/html": None})},
        authenticated=False,
    )
)
async def docs(request: Request) -> Response:
    return HTMLResponse(SWAGGER_UI.format(title="frontdesk API", url="openapi.json"))


ASSETS = files("swagger_ui") / "static"
SERVED = {
    "swagger-ui.css": "text/css",
    "swagger-ui-bundle.js": "text/javascript",
    "favicon-32x32.png": "image/png",
}


@documented(
    Operation(
        "The API browser's own files",
        TAG,
        (Parameter("asset", "path", "A file of Swagger UI", {"enum": sorted(SERVED)}),),
        responses={
            200: Reply("The file", {media: None for media in set(SERVED.values())}),
            404: Reply("No such file", {PROBLEM: None}),
        },
        authenticated=False,
    )
)
async def docs_asset(request: Request) -> Response:
    name = request.path_params["asset"]
    media = SERVED.get(name)
    if media is None:
        return await not_found(request)
    content = (ASSETS / name).read_bytes()
    return Response(content, media_type=media, headers={"Cache-Control": "max-age=86400"})


async def not_found(request: Request) -> Response:
    return problem(404, "Not Found", f"nothing is served at {request.url.path}")


async def wrong_method(request: Request, allowed: frozenset[str]) -> Response:
    allow = allow_header(allowed)
    detail = f"{request.method} is not allowed here; use {allow}"
    return problem(405, "Method Not Allowed", detail, {"Allow": allow})


def surface() -> Surface:
    return Surface(
        name="frontdesk",
        prefixes=PREFIXES,
        routes=[
            Route("/healthz", healthz, methods=["GET"]),
            Route("/openapi.json", openapi, methods=["GET"]),
            Route("/docs", docs, methods=["GET"]),
            Route("/docs/{asset}", docs_asset, methods=["GET"]),
        ],
        not_found=not_found,
        wrong_method=wrong_method,
        in_workspace=False,
    )
