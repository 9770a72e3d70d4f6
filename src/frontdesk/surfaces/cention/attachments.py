"""``c3_response_attachments/{id}`` and ``c3_area_archives/{id}``: an errand's attachment or
an area's archived image, content as padded standard base64 (the Go SDK decodes it with
``base64.StdEncoding``); ``without_content`` leaves the content out."""

from __future__ import annotations

import base64

from starlette.responses import Response

from frontdesk.domain.errands import service as errands
from frontdesk.domain.errands.service import Stored
from frontdesk.surfaces.cention import jsonapi
from frontdesk.surfaces.cention.access import ATTACHMENT, LIBRARY
from frontdesk.surfaces.cention.call import Call, endpoint

RESPONSE_ATTACHMENTS, AREA_ARCHIVES = "c3_response_attachments", "c3_area_archives"


def _answer(call: Call, kind: str, stored: Stored) -> Response:
    attachment: dict[str, object] = {
        "c3_id": stored.id,
        "content_type": stored.content_type,
        "name": stored.name,
    }
    if not call.flag("without_content"):
        attachment["content"] = base64.b64encode(stored.content).decode()
    if stored.content_id:
        attachment["content_id"] = stored.content_id
    item = jsonapi.resource(
        kind, stored.id, {"attachment": attachment}, links={"self": call.link(kind, stored.id)}
    )
    fields = jsonapi.sparse(call.request.query_params.multi_items())
    return jsonapi.respond(jsonapi.document(jsonapi.only(item, fields, ("attachment",))))


@endpoint(ATTACHMENT)
async def response_attachment(call: Call) -> Response:
    found = await errands.attachment(call.unit, call.workspace.id, call.key("attachment"))
    return _answer(call, RESPONSE_ATTACHMENTS, found)


@endpoint(ATTACHMENT, LIBRARY)
async def area_archive(call: Call) -> Response:
    found = await errands.archive(call.unit, call.workspace.id, call.key("area archive"))
    return _answer(call, AREA_ARCHIVES, found)
