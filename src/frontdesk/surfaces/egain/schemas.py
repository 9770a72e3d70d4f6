"""JSON Schemas of eGain's documents, for /openapi.json."""

from __future__ import annotations

from frontdesk.surfaces.openapi import Parameter, Reply, Schema

JSON = "application/json"
STRING: Schema = {"type": "string"}
LINK: Schema = {
    "type": "object",
    "required": ["rel", "href"],
    "properties": {"rel": STRING, "href": STRING},
}
LINKS: Schema = {"type": "array", "items": LINK}
ENUMERATION: Schema = {
    "type": "object",
    "required": ["value"],
    "properties": {"value": STRING, "displayValue": STRING},
}
ERROR: Schema = {
    "type": "object",
    "required": ["code", "developerMessage"],
    "properties": {
        "code": {"type": "string", "pattern": "^[1-5][0-9]{2}-[0-9]{3}$"},
        "developerMessage": {"type": "string", "maxLength": 2048},
        "userMessage": {"type": "string", "maxLength": 1024},
        "details": {
            "type": "array",
            "maxItems": 30,
            "items": {
                "type": "object",
                "required": ["key"],
                "properties": {"key": STRING, "value": STRING},
            },
        },
    },
}
CUSTOMER: Schema = {
    "type": "object",
    "required": ["link", "id", "customerName", "type", "contacts"],
    "properties": {
        "link": LINKS,
        "id": {"type": "string", "pattern": "^[0-9]+$"},
        "customerName": STRING,
        "type": ENUMERATION,
        "lastModified": {"type": ["string", "null"]},
        "department": {"type": "object"},
        "contacts": {
            "type": "object",
            "required": ["contact"],
            "properties": {"contact": {"type": "array", "items": {"type": "object"}}},
        },
    },
}
CUSTOMERS: Schema = {
    "type": "object",
    "required": ["customer"],
    "properties": {
        "link": LINKS,
        "customer": {"type": "array", "items": CUSTOMER},
        "paginationInfo": {"type": "object", "required": ["count"]},
    },
}


def failure(description: str) -> Reply:
    return Reply(description, {JSON: ERROR})


COMMON = {
    400: failure("A parameter, a value or a combination is not supported"),
    401: failure("No valid token (401-104 none, 401-101 invalid or expired)"),
    403: failure("The actor may not do this (403-178)"),
    404: failure("No such tenant"),
    406: failure("An Accept-Language outside the 15 locales (406-100) or an Accept without JSON"),
    429: failure("Too many failed sign-ins"),
}
HEADERS = (
    Parameter("Accept-Language", "header", "One of the 15 locales (default en-US)"),
    Parameter("X-egain-error-message", "header", "yes: errors carry a userMessage"),
)
PAGE = {"type": "string", "pattern": "^[0-9]+$"}
# A list of customers, in JSON or (Accept: application/xml) XML.
DOCUMENT = {JSON: CUSTOMERS, "application/xml": None}
