"""The ServiceNow surface: every route (unversioned and under ``v1``/``v2``, the busiest
first), its middleware, and its answers for an unknown path or a wrong method."""

from __future__ import annotations

from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from frontdesk.errors import NotAcceptable
from frontdesk.surfaces.routing import Surface, allow_header
from frontdesk.surfaces.servicenow import (
    attachment,
    batch,
    consumer,
    customer_central,
    oauth,
    openframe,
    schemas,
    table,
)
from frontdesk.surfaces.servicenow.errors import UNKNOWN_URI, body
from frontdesk.surfaces.servicenow.formats import Format, negotiate, respond
from frontdesk.surfaces.servicenow.override import MethodOverride

VERSIONS = ("", "/v1", "/v2")
PREFIXES = ("/api/", "/oauth_token.do", "/oauth_revoke_token.do")
NOT_ALLOWED = "Method not Supported"
CUSTINFO = "{context}/{instance}/{target}"


def routes() -> list[Route]:
    found: list[Route] = []
    for version in VERSIONS:
        base = f"/api/now{version}/consumer"
        found += [
            Route(base + "/{sys_id}", consumer.get_consumer, methods=["GET"]),
            Route(base, consumer.list_consumers, methods=["GET"]),
            Route(base, consumer.create_consumer, methods=["POST"]),
        ]
    for version in VERSIONS:
        base = f"/api/now{version}/table/{{table}}"
        found += [
            Route(base + "/{sys_id}", table.get_record, methods=["GET"]),
            Route(base + "/{sys_id}", table.update_record, methods=["PUT", "PATCH"]),
            Route(base + "/{sys_id}", table.delete_record, methods=["DELETE"]),
            Route(base, table.list_records, methods=["GET"]),
            Route(base, table.create_record, methods=["POST"]),
        ]
    for version in ("", "/v1"):
        base = f"/api/now{version}/attachment"
        found += [
            Route(base + "/file", attachment.upload_file, methods=["POST"]),
            Route(base + "/upload", attachment.upload_multipart, methods=["POST"]),
            Route(base + "/{sys_id}/file", attachment.download, methods=["GET"]),
            Route(base + "/{sys_id}", attachment.get_attachment, methods=["GET"]),
            Route(base + "/{sys_id}", attachment.delete_attachment, methods=["DELETE"]),
            Route(base, attachment.list_attachments, methods=["GET"]),
        ]
    for version in VERSIONS:
        base = f"/api/now/openframe{version}/voice-interaction"
        found += [
            Route(base, openframe.create_voice_interaction, methods=["POST"]),
            Route(
                base + "/{interactionSysId}", openframe.update_voice_interaction, methods=["PATCH"]
            ),
        ]
    for version in VERSIONS:
        path = f"/api/sn_customercentral{version}/cust_central/custinfo/{CUSTINFO}"
        found.append(Route(path, customer_central.custinfo, methods=["GET"]))
    found += [
        Route("/api/now/v1/batch", batch.batch, methods=["POST"]),
        Route("/api/now/batch", batch.batch, methods=["POST"]),
        Route("/oauth_token.do", oauth.token, methods=["POST"]),
        Route("/oauth_revoke_token.do", oauth.revoke, methods=["GET", "POST"]),
    ]
    return found


def _format(request: Request) -> Format:
    try:
        return negotiate(request.headers.get("accept"))
    except NotAcceptable:
        return "json"


async def not_found(request: Request) -> Response:
    return respond(body(UNKNOWN_URI, None), _format(request), status=400)


async def wrong_method(request: Request, allowed: frozenset[str]) -> Response:
    allow = allow_header(allowed)
    detail = f"{request.method} is not supported here; use {allow}"
    return respond(
        body(NOT_ALLOWED, detail), _format(request), status=405, headers={"Allow": allow}
    )


def surface() -> Surface:
    return Surface(
        name="servicenow",
        prefixes=PREFIXES,
        routes=routes(),
        not_found=not_found,
        wrong_method=wrong_method,
        middleware=(Middleware(MethodOverride),),
        schemas=schemas.SCHEMAS,
    )
