"""The JSON:API kit: what it writes validates against the official JSON:API 1.0 schema
(``jsonapi-1.0-schema.json``, as published at jsonapi.org/schema for 1.0 and bundled by
npm's jsonapi-validator 3.0.5), and it negotiates media types as 1.0 and the Go SDK need."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft6Validator

from frontdesk.surfaces.cention import jsonapi
from frontdesk.surfaces.cention.jsonapi import Problem

SCHEMA = json.loads((Path(__file__).parent / "jsonapi-1.0-schema.json").read_text())
VALIDATOR = Draft6Validator(SCHEMA)
CARD = jsonapi.resource(
    "c3_contact_cards",
    13,
    {"c3_id": 13, "contacts": {"name": "Tester Cention", "email": ["tester.c3@cention.se"]}},
)


def valid(document: dict[str, Any]) -> bool:
    return bool(VALIDATOR.is_valid(json.loads(json.dumps(document))))


def test_documents_validate_against_the_official_schema() -> None:
    archive = jsonapi.resource(
        "c3_area_archives", 7, {"name": "logo.png"}, links={"self": "https://x/7"}
    )
    answered = jsonapi.resource(
        "c3_errands",
        2256,
        {"c3_id": 2256},
        relationships={"archives": {"data": [{"type": "c3_area_archives", "id": "7"}]}},
    )
    for document in (
        jsonapi.document(CARD),
        jsonapi.document([CARD, {**CARD, "id": "14"}]),
        jsonapi.document([]),
        jsonapi.document(answered, included=[archive], meta={"api_secret": "s"}),
        jsonapi.document(None, links={"self": "https://x/c3_errands/1"}),
        jsonapi.errors([Problem(400, "bad", pointer="/data/attributes/msg")]),
        jsonapi.errors([Problem(401, "no token"), Problem(403, "no claim", parameter="x")]),
    ):
        assert valid(document), document
    assert CARD["id"] == "13"  # ids are strings (the Go SDK reads data.id as one)
    assert not valid({"data": CARD, "errors": []})  # the schema is not a rubber stamp
    assert not valid({"data": {"type": "x", "id": 1}})
    assert not valid(jsonapi.document([CARD, CARD]))  # a resource twice


def test_an_error_s_status_is_its_code_as_a_string() -> None:
    (error,) = jsonapi.errors([Problem(415, "nope")])["errors"]
    assert error == {"status": "415", "title": "Unsupported Media Type", "detail": "nope"}


@pytest.mark.parametrize(
    ("content_type", "accept", "has_body", "status"),
    [
        (None, None, False, None),  # the Go SDK sends no Accept
        ("application/vnd.api+json", None, False, None),  # and a Content-Type on GET
        ("application/json", None, False, None),  # nothing to read: not looked at
        ("application/vnd.api+json", "application/vnd.api+json", True, None),
        ("application/vnd.api+json", "*/*", True, None),
        ("application/vnd.api+json; charset=utf-8", None, True, 415),
        ("application/json", None, True, 415),
        (None, None, True, 415),
        (None, 'application/vnd.api+json; ext="x"', False, 406),
        (None, 'application/vnd.api+json; ext="x", application/vnd.api+json', False, None),
        (None, "text/html", False, 406),
        (None, "application/*", False, None),
    ],
)
def test_negotiation(
    content_type: str | None, accept: str | None, has_body: bool, status: int | None
) -> None:
    if status is None:
        jsonapi.negotiate(content_type, accept, has_body=has_body)
        return
    with pytest.raises(Problem) as refused:
        jsonapi.negotiate(content_type, accept, has_body=has_body)
    assert refused.value.status == status


def test_sparse_fieldsets() -> None:
    fields = jsonapi.sparse([("fields[c3_contact_cards]", "contacts"), ("page", "2")])
    assert fields == {"c3_contact_cards": ["contacts"]}
    kept = jsonapi.only(CARD, fields, known=["c3_id", "contacts"])
    assert kept["attributes"] == {"contacts": CARD["attributes"]["contacts"]}
    assert jsonapi.only(CARD, {}, known=["c3_id"]) == CARD
    none = jsonapi.only(CARD, jsonapi.sparse([("fields[c3_contact_cards]", "")]), known=[])
    assert none["attributes"] == {}
    with pytest.raises(Problem) as refused:
        jsonapi.only(CARD, {"c3_contact_cards": ["shoe"]}, known=["c3_id", "contacts"])
    assert refused.value.status == 400
    assert "shoe" in refused.value.detail
    assert refused.value.error()["source"] == {"parameter": "fields[c3_contact_cards]"}


def test_the_media_type_is_sent_without_parameters() -> None:
    response = jsonapi.respond(jsonapi.document(CARD), 201, {"Location": "https://x/13"})
    assert response.headers["content-type"] == "application/vnd.api+json"
    assert response.status_code == 201
    assert response.headers["location"] == "https://x/13"
