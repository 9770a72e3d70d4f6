"""``c3_new_errands`` (create), ``c3_end_errands`` (answer and close) and ``c3_end_obcall``
(end an outbound call): read the document, call the domain, answer 201 with the errand.

Attribute names are the spec's (snake_case, ``integrationData`` camelCase); the SDK's old
``htmlBody`` is read too. A token's "Create Errand" binding decides the channel and area.
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Mapping
from typing import Any

import orjson
from starlette.responses import Response

from frontdesk.domain.errands import channels
from frontdesk.domain.errands import service as errands
from frontdesk.surfaces.cention import jsonapi
from frontdesk.surfaces.cention.access import CREATE_ERRAND
from frontdesk.surfaces.cention.call import Call, endpoint
from frontdesk.surfaces.cention.jsonapi import Problem

NEW, END, END_CALL = "c3_new_errands", "c3_end_errands", "c3_end_obcall"
# The aventa integration's mandatory members (the spec's table), and their JSON types.
AVENTA = {
    "integrationName": str,
    "deviceId": int,
    "extensionId": int,
    "destNumber": str,
    "queueName": str,
    "queueNumber": str,
}


def _object(value: Any, pointer: str, *, required: bool = False) -> Mapping[str, Any]:
    if value is None and not required:
        return {}
    if not isinstance(value, dict):
        raise Problem(400, f"{pointer} must be an object.", pointer=pointer)
    return value


def _text(holder: Mapping[str, Any], name: str, pointer: str) -> str:
    value = holder.get(name)
    if value is None:
        return ""
    if not isinstance(value, str):
        raise Problem(400, f"{pointer}/{name} must be a string.", pointer=f"{pointer}/{name}")
    return value


def _whole(holder: Mapping[str, Any], name: str, pointer: str) -> int:
    value = holder.get(name)
    if isinstance(value, bool) or not isinstance(value, int):
        raise Problem(400, f"{pointer}/{name} must be a whole number.", pointer=f"{pointer}/{name}")
    return value


def _files(value: Any, pointer: str) -> tuple[errands.File, ...]:
    if value is None:
        return ()
    if not isinstance(value, list):
        raise Problem(400, f"{pointer} must be a list.", pointer=pointer)
    found = []
    for index, item in enumerate(value):
        where = f"{pointer}/{index}"
        item = _object(item, where, required=True)
        try:
            content = base64.b64decode(_text(item, "content", where), validate=True)
        except (binascii.Error, ValueError):
            raise Problem(
                400, f"{where}/content is not base64.", pointer=f"{where}/content"
            ) from None
        found.append(
            errands.File(
                _text(item, "name", where) or "attachment",
                _text(item, "content_type", where) or "application/octet-stream",
                content,
                _text(item, "content_id", where) or None,
            )
        )
    return tuple(found)


def _message(value: Any, pointer: str) -> errands.Message:
    msg = _object(value, pointer, required=True)
    html = _text(msg, "html_body", pointer) or _text(msg, "htmlBody", pointer)
    return errands.Message(
        message_id=_text(msg, "message_id", pointer),
        name=_text(msg, "name", pointer),
        address=_text(msg, "from", pointer),
        subject=_text(msg, "subject", pointer),
        body=_text(msg, "body", pointer),
        html_body=html,
        attachments=_files(msg.get("attachments"), f"{pointer}/attachments"),
    )


def _answer(value: Any, pointer: str) -> errands.Answer:
    given = _object(value, pointer, required=True)
    html = _text(given, "html_body", pointer) or _text(given, "htmlBody", pointer)
    return errands.Answer(
        errands.Closer(_text(given, "user_type", pointer), _text(given, "user_id", pointer)),
        subject=_text(given, "subject", pointer),
        body=_text(given, "body", pointer),
        html_body=html,
        attachments=_files(given.get("attachments"), f"{pointer}/attachments"),
    )


def _call(value: Any, pointer: str) -> errands.Call | None:
    """The agent's phone an aventa integration names (its mandatory fields checked)."""
    if value is None:
        return None
    given = _object(value, pointer)
    name = given.get("integrationName")
    if name != "aventa":
        raise Problem(
            400,
            f'{pointer}/integrationName must be "aventa" (the one integration supported).',
            pointer=f"{pointer}/integrationName",
        )
    for member, kind in AVENTA.items():
        value = given.get(member)
        if value is None:
            raise Problem(
                400, f"{pointer}/{member} is mandatory for aventa.", pointer=f"{pointer}/{member}"
            )
        if kind is int:
            _whole(given, member, pointer)
        elif not isinstance(value, kind):
            raise Problem(
                400, f"{pointer}/{member} must be a string.", pointer=f"{pointer}/{member}"
            )
    return errands.Call(given["deviceId"], given["extensionId"])


def _data(document: Mapping[str, Any], *types: str) -> Mapping[str, Any]:
    data = document["data"]
    if data.get("type") not in types:
        raise Problem(409, f"data.type must be {' or '.join(types)}.", pointer="/data/type")
    return _object(data.get("attributes"), "/data/attributes", required=True)


def _binding(call: Call) -> tuple[channels.Channel, str | None]:
    bound = call.token.claims.get("errand") or {}
    channel = channels.find(bound.get("channel"))
    if channel is None:
        raise Problem(
            400, f"The token's channel {bound.get('channel')!r} is not one this server has."
        )
    area = bound.get("area")
    return channel, str(area) if area not in (None, "") else None


def _origin(call: Call) -> errands.Origin:
    return errands.Origin(call.token.name, call.base)


def _created(call: Call, kind: str, errand_id: int) -> Response:
    body = jsonapi.document({"type": kind, "id": str(errand_id)})
    return jsonapi.respond(body, 201, {"Location": call.link(kind, errand_id)})


@endpoint(CREATE_ERRAND, writes=True)
async def create(call: Call) -> Response:
    attributes = _data(await call.document(), NEW)
    channel, area = _binding(call)
    extradata = attributes.get("extradata")
    cuid = attributes.get("cuid")
    if cuid is not None and not isinstance(cuid, str):
        raise Problem(
            400, "/data/attributes/cuid must be a string.", pointer="/data/attributes/cuid"
        )
    integration = attributes.get("integrationData")
    new = errands.NewErrand(
        channel=channel,
        message=_message(attributes.get("msg"), "/data/attributes/msg"),
        area=area,
        answer=_answer(attributes["answer"], "/data/attributes/answer")
        if attributes.get("answer") is not None
        else None,
        extradata=orjson.dumps(extradata).decode() if extradata is not None else None,
        integration=_object(integration, "/data/attributes/integrationData")
        if integration is not None
        else None,
        watemplate=_object(attributes.get("watemplate"), "/data/attributes/watemplate") or None,
        cuid=cuid,
        call=_call(integration, "/data/attributes/integrationData"),
    )
    errand_id = await errands.create(call.unit, call.actor, new, _origin(call))
    return _created(call, NEW, errand_id)


@endpoint(CREATE_ERRAND, writes=True)
async def end(call: Call) -> Response:
    attributes = _data(await call.document(), END)
    errand_id = _whole(attributes, "errand_id", "/data/attributes")
    answer = _answer(attributes.get("answer") or {}, "/data/attributes/answer")
    await errands.end(call.unit, call.actor, errand_id, answer, _origin(call))
    return jsonapi.respond(jsonapi.document({"type": END, "id": str(errand_id)}))


@endpoint(CREATE_ERRAND, writes=True)
async def end_call(call: Call) -> Response:
    # The spec's own sample names its type c3_end_errands: both are accepted.
    attributes = _data(await call.document(), END_CALL, END)
    if attributes.get("integrationName") != "aventa":
        raise Problem(
            400,
            '/data/attributes/integrationName must be "aventa".',
            pointer="/data/attributes/integrationName",
        )
    phone = errands.Call(
        _whole(attributes, "deviceId", "/data/attributes"),
        _whole(attributes, "extensionId", "/data/attributes"),
    )
    errand_id = await errands.end_call(call.unit, call.actor, phone, _origin(call))
    return jsonapi.respond(jsonapi.document({"type": END_CALL, "id": str(errand_id)}))
