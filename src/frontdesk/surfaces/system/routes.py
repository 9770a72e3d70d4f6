"""``/healthz``, ``/openapi.json`` and ``/docs``."""

from __future__ import annotations

import orjson
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.routing import Route

from frontdesk import __version__
from frontdesk.db.database import Database
from frontdesk.surfaces.openapi import SWAGGER_UI, Operation, document, documented


@documented(Operation("Ready to serve", "frontdesk", responses={200: "Ready", 503: "Not ready"}))
async def healthz(request: Request) -> Response:
    db: Database = request.app.state.db
    try:
        await db.ping()
    except Exception as exc:
        body = {"status": "unavailable", "detail": type(exc).__name__}
        return Response(orjson.dumps(body), status_code=503, media_type="application/json")
    body = {"status": "ok", "version": __version__, "database": db.backend}
    return Response(orjson.dumps(body), media_type="application/json")


async def openapi(request: Request) -> Response:
    found = document(request.app.routes, title="frontdesk", version=__version__)
    return Response(orjson.dumps(found), media_type="application/json")


async def docs(request: Request) -> Response:
    return HTMLResponse(SWAGGER_UI.format(title="frontdesk API", url="/openapi.json"))


ROUTES = [
    Route("/healthz", healthz, methods=["GET"]),
    Route("/openapi.json", openapi, methods=["GET"]),
    Route("/docs", docs, methods=["GET"]),
]
