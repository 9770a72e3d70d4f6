"""What the ServiceNow surface's OpenAPI document says: schemas, parameters, common replies."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from frontdesk.store.tables import REGISTRY
from frontdesk.surfaces.openapi import Parameter, Reply, Schema

JSON = "application/json"
XML = "application/xml"


def ref(name: str) -> Schema:
    return {"$ref": f"#/components/schemas/{name}"}


STRING: Schema = {"type": "string"}
ERROR = ref("ServiceNowError")
SCHEMAS: dict[str, Any] = {
    "ServiceNowError": {
        "type": "object",
        "required": ["error", "status"],
        "properties": {
            "error": {
                "type": "object",
                "required": ["message", "detail"],
                "properties": {
                    "message": STRING,
                    "detail": {"type": ["string", "null"]},
                },
            },
            "status": {"const": "failure"},
        },
    },
    # A Table API value: a string, or (references, display values) an object.
    "Value": {
        "anyOf": [
            STRING,
            {
                "type": "object",
                "properties": {"value": STRING, "display_value": STRING, "link": STRING},
                "additionalProperties": False,
            },
        ]
    },
    "Record": {"type": "object", "additionalProperties": ref("Value")},
    # Every value a string: Consumer API records and attachment metadata.
    "PlainRecord": {"type": "object", "additionalProperties": STRING},
    "Records": {
        "type": "object",
        "required": ["result"],
        "properties": {"result": {"type": "array", "items": ref("Record")}},
    },
    "OneRecord": {
        "type": "object",
        "required": ["result"],
        "properties": {"result": ref("Record")},
    },
    "PlainRecords": {
        "type": "object",
        "required": ["result"],
        "properties": {"result": {"type": "array", "items": ref("PlainRecord")}},
    },
    "OnePlainRecord": {
        "type": "object",
        "required": ["result"],
        "properties": {"result": ref("PlainRecord")},
    },
    # What a client may send as a record's fields: an object (unknown fields are ignored,
    # a field may be given as the {"value": …} object a read returned), or a list whose
    # first item is that object (the rest are ignored, as the platform does).
    "Fields": {
        "anyOf": [
            {"type": "object"},
            {"type": "array", "minItems": 1, "prefixItems": [{"type": "object"}]},
        ]
    },
}


def json_or_xml(schema: Schema) -> Mapping[str, Schema | None]:
    return {JSON: schema, XML: None}


def failure(description: str) -> Reply:
    return Reply(description, json_or_xml(ERROR))


# Every authenticated ServiceNow operation may answer these.
COMMON: dict[int, Reply] = {
    401: failure("Not authenticated"),
    403: failure("The caller's roles do not allow it"),
    404: failure("No such workspace"),
    406: failure("Accept names no format this API answers in"),
    429: failure("Too many failed sign-ins: wait Retry-After seconds"),
}
# ... and those that read a body these.
WITH_BODY: dict[int, Reply] = {
    **COMMON,
    413: failure("The body is over the size cap"),
    415: failure("The body's Content-Type is not one this API reads"),
}

TABLE = Parameter(
    "table", "path", "Table name, e.g. csm_consumer", {"type": "string", "enum": list(REGISTRY)}
)
SYS_ID = Parameter(
    "sys_id", "path", "The record's sys_id", {"type": "string", "pattern": "^[0-9a-fA-F]{32}$"}
)
# true in any case (pysnow sends True); anything else is false.
BOOLEAN: Schema = {"type": "string", "examples": ["true", "false"]}
# ASCII digits, trimmed as a servlet trims (control characters and spaces); blank means the
# default. Larger limits are served as 100,000 records (Link headers page on).
WHOLE: Schema = {"type": "string", "pattern": "^[\\x00-\\x20]*(-0+|[0-9]+)?[\\x00-\\x20]*$"}
LIMIT: Schema = {"anyOf": [{"type": "integer", "minimum": 0}, WHOLE]}
OFFSET: Schema = {"anyOf": [{"type": "integer", "minimum": 0, "maximum": 2**63 - 1}, WHOLE]}
