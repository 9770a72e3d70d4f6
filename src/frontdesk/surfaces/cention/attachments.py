"""``c3_response_attachments/{id}`` and ``c3_area_archives/{id}``: an errand's attachment or
an area's archived image, content as padded standard base64 (the Go SDK decodes it with
``base64.StdEncoding``); ``without_content`` leaves the content out."""

from __future__ import annotations

import base64
from typing import Any

from starlette.responses import Response

from frontdesk.domain.errands import service as errands
from frontdesk.domain.errands.service import Stored
from frontdesk.surfaces.cention import jsonapi
from frontdesk.surfaces.cention.access import ATTACHMENT, LIBRARY
from frontdesk.surfaces.cention.call import Call, endpoint

RESPONSE_ATTACHMENTS, AREA_ARCHIVES = "c3_response_attachments", "c3_area_archives"


def shown(
    key: int,
    content_type: str,
    name: str,
    content: bytes | None,
    content_id: str | None = None,
) -> dict[str, Any]:
    """A file as the ``attachment`` attribute shows it; its content as padded standard
    base64, unless ``content`` is None (``without_content``)."""
    attachment: dict[str, Any] = {"c3_id": key, "content_type": content_type, "name": name}
    if content is not None:
        attachment["content"] = base64.b64encode(content).decode()
    if content_id:
        attachment["content_id"] = content_id
    return attachment


def _answer(call: Call, kind: str, stored: Stored) -> Response:
    content = None if call.flag("without_content") else stored.content
    attachment = shown(stored.id, stored.content_type, stored.name, content, stored.content_id)
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
