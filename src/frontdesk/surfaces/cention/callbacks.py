"""The ``c3_callback_answer_errands`` document POSTed when an errand is answered, as the
spec and the Go SDK's receiver want it: event 1, the errand as ``c3_answer_errands`` in
``included`` with every attachment and area archive beside it, each with an absolute
*string* ``links.self`` (the SDK panics without one), ``c3_id``s as numbers, snake_case
members, and ``meta.api_secret`` when the endpoint has a secret."""

from __future__ import annotations

from typing import Any

import orjson

from frontdesk.domain.errands import channels
from frontdesk.domain.errands import service as errands
from frontdesk.domain.services import Unit
from frontdesk.domain.webhooks.outbox import Delivery
from frontdesk.surfaces.cention.attachments import AREA_ARCHIVES, RESPONSE_ATTACHMENTS
from frontdesk.surfaces.cention.call import link
from frontdesk.surfaces.cention.jsonapi import document, resource

CALLBACK, ERRAND = "c3_callback_answer_errands", "c3_answer_errands"
ANSWER_ERRAND = 1


def _linked(kind: str, key: int, base: str) -> dict[str, Any]:
    return resource(kind, key, {"c3_id": key}, links={"self": link(base, kind, key)})


async def render(unit: Unit, delivery: Delivery) -> str:
    report = await errands.details(unit, delivery.workspace_id, delivery.subject_id)
    e = report.errand
    answer = report.answer or {}
    channel = channels.by_number(int(e["channel"]))
    to = [
        {
            "c3_id": int(e["card_id"] or 0),
            "email_address": e["from_address"] or "",
            "name": e["from_name"] or "",
        }
    ]
    errand = resource(
        ERRAND,
        e["id"],
        {
            "answer": {
                "c3_id": int(answer.get("id") or 0),
                "response": {
                    "body": answer.get("body") or "",
                    "c3_id": int(answer.get("id") or 0),
                    "html_body": answer.get("html_body") or "",
                    "subject": answer.get("subject") or "",
                    "to": to,
                },
            },
            "c3_id": int(e["id"]),
            "service": {"c3_id": channel.number, "name": channel.name, "type": channel.number},
        },
        relationships={
            "attachments": {
                "data": [{"type": RESPONSE_ATTACHMENTS, "id": str(i)} for i in report.attachments]
            },
            "embedded_archives": {
                "data": [{"type": AREA_ARCHIVES, "id": str(i)} for i in report.archives]
            },
        },
    )
    included = [
        *(_linked(RESPONSE_ATTACHMENTS, i, delivery.base_url) for i in report.attachments),
        *(_linked(AREA_ARCHIVES, i, delivery.base_url) for i in report.archives),
        errand,
    ]
    data = resource(
        CALLBACK,
        delivery.id,
        {"event": ANSWER_ERRAND},
        relationships={"errand": {"data": {"type": ERRAND, "id": str(e["id"])}}},
    )
    meta = {"api_secret": delivery.secret} if delivery.secret else None
    return orjson.dumps(document(data, included=included, meta=meta)).decode()
