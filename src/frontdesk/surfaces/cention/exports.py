"""``POST c3_trigger_exports`` (the spec's "Export JSONAPI"): run a preset export and
answer the generated export, its rows in ``content``. The preset is named in
``relationships.export`` (type ``c3_exports``, as Cention's published trigger sample has
it); ``errand_from_date`` and ``errand_to_date`` (``2019/01/01``) are whole UTC days, both
included; ``use_closure_date`` chooses errands by the day they closed.

The answer is streamed: the document's head, the rows a page at a time, its tail.
"""

from __future__ import annotations

import re
from collections.abc import AsyncIterator, Mapping
from datetime import date
from typing import Any

import orjson
from starlette.responses import Response, StreamingResponse

from frontdesk.domain.exports import service as exports
from frontdesk.domain.exports.service import Preset, Span
from frontdesk.errors import Invalid
from frontdesk.surfaces.cention import jsonapi
from frontdesk.surfaces.cention.access import EXPORT
from frontdesk.surfaces.cention.call import Call, endpoint
from frontdesk.surfaces.cention.jsonapi import Problem

TRIGGER, EXPORTS = "c3_trigger_exports", "c3_exports"
_DAY = re.compile(r"(\d{4})/(\d{2})/(\d{2})")


def _day(attributes: Mapping[str, Any], name: str) -> date | None:
    given = attributes.get(name)
    if given is None or given == "":
        return None
    pointer = f"/data/attributes/{name}"
    matched = _DAY.fullmatch(given) if isinstance(given, str) else None
    if matched is None:
        raise Problem(400, f"{name} must be a date written 2019/01/01.", pointer=pointer)
    try:
        return date(*map(int, matched.groups()))
    except ValueError:
        raise Problem(
            400, f"{name} is not a day of the calendar: {given}.", pointer=pointer
        ) from None


def _preset_id(data: Mapping[str, Any]) -> int:
    pointer = "/data/relationships/export/data"
    relationships = data.get("relationships")
    export = relationships.get("export") if isinstance(relationships, dict) else None
    linked = export.get("data") if isinstance(export, dict) else None
    if isinstance(linked, list) and len(linked) == 1:
        linked, pointer = linked[0], pointer + "/0"
    if not isinstance(linked, dict):
        raise Problem(
            400, f"relationships.export must name one preset export ({EXPORTS}).", pointer=pointer
        )
    if linked.get("type") != EXPORTS:
        raise Problem(
            409, f"The export named must be of type {EXPORTS}.", pointer=pointer + "/type"
        )
    key = linked.get("id")
    if not isinstance(key, str) or not key.isdecimal() or len(key) > 18:
        raise Problem(404, f"No export {key}.", pointer=pointer + "/id")
    return int(key)


def _span(data: Mapping[str, Any]) -> tuple[Span, dict[str, Any]]:
    attributes = data.get("attributes", {})
    if not isinstance(attributes, dict):
        raise Problem(400, "attributes must be an object.", pointer="/data/attributes")
    closure = attributes.get("use_closure_date", False)
    if not isinstance(closure, bool):
        raise Problem(
            400,
            "use_closure_date must be true or false.",
            pointer="/data/attributes/use_closure_date",
        )
    first = _day(attributes, "errand_from_date")
    last = _day(attributes, "errand_to_date")
    try:
        span = Span(closure, first, last)
    except Invalid:
        pointer = "/data/attributes/errand_from_date"
        raise Problem(400, "errand_from_date is after errand_to_date.", pointer=pointer) from None
    shown = {
        "use_closure_date": closure,
        "errand_from_date": attributes.get("errand_from_date") or "",
        "errand_to_date": attributes.get("errand_to_date") or "",
    }
    return span, shown


async def _body(
    call: Call, run: int, chosen: Preset, span: Span, shown: dict[str, Any]
) -> AsyncIterator[bytes]:
    head = {"c3_id": run, **shown}
    yield (
        b'{"data":{"type":"' + TRIGGER.encode() + b'","id":"' + str(run).encode() + b'",'
        b'"attributes":' + orjson.dumps(head)[:-1] + b',"content":['
    )
    first = True
    async for page in exports.rows(call.services, call.workspace.id, chosen, span):
        rows = orjson.dumps(page)[1:-1]  # the page's rows without its brackets
        yield rows if first else b"," + rows
        first = False
    linked = {"export": {"data": {"type": EXPORTS, "id": str(chosen.id)}}}
    yield b']},"relationships":' + orjson.dumps(linked) + b"}}"


@endpoint(EXPORT, writes=True)
async def trigger(call: Call) -> Response:
    document = await call.document()
    data = document["data"]
    if data.get("type") != TRIGGER:
        raise Problem(409, f"The resource must be of type {TRIGGER}.", pointer="/data/type")
    span, shown = _span(data)
    chosen = await exports.preset(call.unit, call.workspace.id, _preset_id(data))
    run = await exports.begin(call.unit, call.workspace.id, chosen, span)
    return StreamingResponse(
        _body(call, run, chosen, span, shown), status_code=201, media_type=jsonapi.MEDIA
    )
