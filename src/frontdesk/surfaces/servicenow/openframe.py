"""The openframe API: ``/api/now/openframe[/v1|/v2]/voice-interaction[/{sys_id}]``.

A telephony provider reports a call when an agent accepts it (POST) and as it goes on
(PATCH). Answers are ``{"result": {"status": "SUCCESS" | "FAILURE", ...}}``: a request the
API cannot carry out is a 400 with ``FAILURE`` and the reason; failures before the API's own
logic (credentials, roles, formats) are ServiceNow's usual error bodies.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from frontdesk.domain.interactions import service as interactions
from frontdesk.domain.interactions.service import Related, Report
from frontdesk.domain.records import values
from frontdesk.errors import (
    Conflict,
    Invalid,
    NotAcceptable,
    NotFound,
    Problem,
    TooLarge,
    UnsupportedMediaType,
)
from frontdesk.surfaces.openapi import Operation, Parameter, Reply, documented
from frontdesk.surfaces.servicenow import schemas
from frontdesk.surfaces.servicenow.access import OPENFRAME_API
from frontdesk.surfaces.servicenow.call import Call, endpoint, failure
from frontdesk.surfaces.servicenow.errors import Refusal, worded
from frontdesk.surfaces.servicenow.formats import Format, body_format, parse_document, respond

TAG = "ServiceNow openframe API"
E164 = re.compile(r"\+[0-9]{7,15}")
SUCCESS = "SUCCESS"
FAILURE = "FAILURE"
STATUS = {"enum": [SUCCESS, FAILURE]}
RESULT = {
    "type": "object",
    "required": ["result"],
    "properties": {
        "result": {
            "type": "object",
            "required": ["status"],
            "properties": {
                "status": STATUS,
                "sysId": schemas.STRING,
                "number": schemas.STRING,
                "message": schemas.STRING,
                "detail": {"type": ["string", "null"]},
            },
        }
    },
}
# What the API reads as absent when it is null: a caller's number (PATCH), the other texts,
# the objects and the lists.
OBJECT = {"type": ["object", "null"]}
TEXT = {"type": ["string", "null"]}
PHONE = {"type": ["string", "null"], "pattern": "^(\\+[0-9]{7,15})?$"}
BODY = {
    "type": "object",
    "required": ["interaction"],
    "properties": {
        "interaction": {
            "type": "object",
            "properties": {
                "userPhoneNumber": PHONE,
                "callbackPhoneNumber": PHONE,
                "clientSessionId": TEXT,
                "inboundId": TEXT,
                "additionalParams": OBJECT,
            },
        },
        "interactionContext": OBJECT,
        "phoneLogs": {"type": ["array", "null"], "items": {"type": "object"}},
        "relatedRecords": {
            "type": ["array", "null"],
            "items": {
                "type": "object",
                "required": ["documentTable", "documentId"],
                "properties": {
                    "documentTable": {"type": "string", "pattern": "\\S"},
                    "documentId": {"type": "string", "pattern": "^[0-9a-fA-F]{32}$"},
                },
            },
        },
    },
}
REFUSED = Reply("FAILURE: the request could not be carried out", schemas.json_or_xml(RESULT))


def refused(request: Request, error: Exception, fmt: Format) -> Response:
    """What the API could not carry out is a 400 ``FAILURE`` with the reason."""
    if (
        not isinstance(error, NotFound | Conflict | Invalid | Refusal)
        or isinstance(error, TooLarge | UnsupportedMediaType | NotAcceptable)  # as every API
        or (isinstance(error, Refusal) and error.status != 400)
    ):
        return failure(request, error, fmt)
    _, message, detail = worded(error)
    return respond(
        {"result": {"status": FAILURE, "message": message, "detail": detail}}, fmt, status=400
    )


def _object(value: Any, name: str) -> Mapping[str, Any]:
    if value is None or value == "":
        return {}
    if not isinstance(value, Mapping):
        raise Invalid(Problem.NOT_OBJECT, field=name, value=value)
    return value


def _items(value: Any, name: str, *, xml: bool) -> list[Mapping[str, Any]]:
    """A list of objects: a JSON array, or in XML repeated elements (with or without a
    wrapping element), or one element."""
    if value is None or value == "":
        return []
    if xml and isinstance(value, Mapping):
        if len(value) == 1 and isinstance(inner := next(iter(value.values())), list | Mapping):
            value = inner  # <phoneLogs><log>…</log><log>…</log></phoneLogs>
        value = value if isinstance(value, list) else [value]
    if not isinstance(value, list) or not all(isinstance(item, Mapping) for item in value):
        raise Invalid(Problem.NOT_OBJECT, field=name, value=value)
    return value


def _text(value: Any, name: str) -> str | None:
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise Invalid(Problem.NOT_TEXT, field=name, value=value)
    return value.strip() or None


def _phone(value: Any, name: str) -> str | None:
    """An E.164 number as written (``+`` and 7 to 15 digits, nothing around them)."""
    if value is None or value == "":
        return None
    if not isinstance(value, str) or not E164.fullmatch(value):
        raise Invalid(Problem.NOT_PHONE_NUMBER, field=name, value=value)
    return value


def _report(document: Mapping[str, Any], *, creating: bool, xml: bool) -> Report:
    interaction = _object(document.get("interaction"), "interaction")
    if not interaction:
        raise Invalid(Problem.MISSING, field="interaction")
    caller = _phone(interaction.get("userPhoneNumber"), "interaction.userPhoneNumber")
    if creating and caller is None:
        raise Invalid(Problem.MISSING, field="interaction.userPhoneNumber")
    related = []
    for item in _items(document.get("relatedRecords"), "relatedRecords", xml=xml):
        table = _text(item.get("documentTable"), "relatedRecords.documentTable")
        sys_id = _text(item.get("documentId"), "relatedRecords.documentId")
        if table is None or sys_id is None:
            missing = "documentTable" if table is None else "documentId"
            raise Invalid(Problem.MISSING, field=f"relatedRecords.{missing}")
        if not values.is_sys_id(sys_id.lower()):
            raise Invalid(Problem.NOT_SYS_ID, field="relatedRecords.documentId", value=sys_id)
        related.append(Related(table, sys_id.lower()))
    return Report(
        fields=_object(interaction.get("additionalParams"), "interaction.additionalParams"),
        caller=caller,
        callback=_phone(interaction.get("callbackPhoneNumber"), "interaction.callbackPhoneNumber"),
        session=_text(interaction.get("clientSessionId"), "interaction.clientSessionId"),
        provider=_text(interaction.get("inboundId"), "interaction.inboundId"),
        context=_object(document.get("interactionContext"), "interactionContext"),
        logs=tuple(_items(document.get("phoneLogs"), "phoneLogs", xml=xml)),
        related=tuple(related),
    )


async def _read(call: Call, *, creating: bool) -> Report:
    fmt = body_format(call.request.headers.get("content-type"))
    document = parse_document(await call.body(), fmt)
    return _report(document, creating=creating, xml=fmt == "xml")


@documented(
    Operation(
        "Create a voice interaction",
        TAG,
        (),
        {
            200: Reply(
                "SUCCESS, with the new interaction's sysId and number", schemas.json_or_xml(RESULT)
            ),
            **schemas.WITH_BODY,
            400: REFUSED,
        },
        body={schemas.JSON: BODY},
        description="The caller is identified by userPhoneNumber (any of a consumer's or "
        "contact's phones, however written) unless relatedRecords names a consumer or contact.",
    )
)
@endpoint(OPENFRAME_API, refused)
async def create_voice_interaction(call: Call) -> Response:
    report = await _read(call, creating=True)
    async with call.write() as unit:
        created = await interactions.open_call(unit, call.actor, report)
    result = {"status": SUCCESS, "sysId": created["sys_id"], "number": created["number"]}
    return respond({"result": result}, call.fmt)


@documented(
    Operation(
        "Update a voice interaction",
        TAG,
        (Parameter("interactionSysId", "path", "The interaction's sys_id", schemas.SYS_ID.schema),),
        {200: Reply("SUCCESS", schemas.json_or_xml(RESULT)), **schemas.WITH_BODY, 400: REFUSED},
        body={schemas.JSON: BODY},
    )
)
@endpoint(OPENFRAME_API, refused)
async def update_voice_interaction(call: Call) -> Response:
    sys_id = call.request.path_params["interactionSysId"]
    report = await _read(call, creating=False)
    async with call.write() as unit:
        await interactions.update_call(unit, call.actor, sys_id, report)
    return respond({"result": {"status": SUCCESS}}, call.fmt)
