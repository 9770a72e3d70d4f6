"""The Batch API: ``POST /api/now/v1/batch`` (research §2.4).

Each inner request runs through this application, in order, as its own unit of work, as
the batch's caller (inner requests need no credentials of their own). Bodies travel in
base64; ``batch_request_id`` comes back as a string; requests left when the time budget
runs out are listed in ``unserviced_requests`` by id, for the client to send again.
"""

from __future__ import annotations

import base64
import binascii
import re
import time
from dataclasses import dataclass
from http import HTTPStatus
from typing import Any
from urllib.parse import unquote, urlsplit

import orjson
from starlette.responses import Response
from starlette.types import Message

from frontdesk.surfaces.openapi import Operation, Reply, documented
from frontdesk.surfaces.servicenow import schemas
from frontdesk.surfaces.servicenow.call import Call, endpoint
from frontdesk.surfaces.servicenow.errors import READ_FAILURE, Refusal, body_of
from frontdesk.surfaces.servicenow.formats import respond

BUDGET_SECONDS = 30.0
MAX_ITEM_BYTES = 5 * 1024 * 1024
INNER = "frontdesk.batch"  # scope key marking an inner request
RELATIVE = re.compile(r"(/s/[^/?]+)?/api/")


@dataclass(frozen=True)
class Inner:
    id: str
    method: str
    url: str
    headers: list[tuple[bytes, bytes]]
    body: bytes
    exclude_headers: bool


def _items(payload: Any) -> tuple[str, list[dict[str, Any]]]:
    if not isinstance(payload, dict) or not isinstance(payload.get("rest_requests"), list):
        raise Refusal(READ_FAILURE, "expected {batch_request_id, rest_requests: [...]}")
    return str(payload.get("batch_request_id", "")), payload["rest_requests"]


def _inner(item: Any, authorization: str | None) -> Inner | str:
    """An inner request, or why it cannot run (it then fails alone)."""
    if not isinstance(item, dict) or not isinstance(item.get("url"), str) or not item.get("id"):
        return "each request needs an id, a method and a relative url"
    url = str(item["url"])
    if not RELATIVE.match(url):
        return f"url must be a path under /api/ (or /s/<workspace>/api/), not {url!r}"
    headers = _headers(item.get("headers"))
    if isinstance(headers, str):
        return headers
    if authorization:
        headers.append((b"authorization", authorization.encode("latin-1")))
    body = item.get("body")
    if body is not None and not isinstance(body, str):
        return "body must be a base64 string"
    try:
        content = base64.b64decode(body or "", validate=True)
    except (binascii.Error, ValueError):
        return "body is not base64"
    if len(content) > MAX_ITEM_BYTES:
        return f"body is over {MAX_ITEM_BYTES} bytes"
    return Inner(
        str(item["id"]),
        str(item.get("method") or "GET").upper(),
        url,
        headers,
        content,
        bool(item.get("exclude_response_headers")),
    )


def _headers(given: Any) -> list[tuple[bytes, bytes]] | str:
    """An inner request's headers as ASGI wants them, or why they cannot be."""
    if given is None:
        return []
    if not isinstance(given, list) or not all(isinstance(h, dict) for h in given):
        return "headers must be a list of {name, value} objects"
    found: list[tuple[bytes, bytes]] = []
    for header in given:
        name, value = str(header.get("name", "")).lower(), str(header.get("value", ""))
        if name in ("authorization", "content-length", "host"):
            continue
        try:
            found.append((name.encode("latin-1"), value.encode("latin-1")))
        except UnicodeEncodeError:
            return f"header {name!r} is not latin-1 text, as HTTP headers must be"
    return found


async def _run(call: Call, inner: Inner) -> dict[str, Any]:
    started = time.perf_counter()
    parts = urlsplit(inner.url)
    outer = call.request.scope
    scope = {
        **{
            k: outer[k]
            for k in ("type", "asgi", "http_version", "scheme", "server", "client", "app")
        },
        "method": inner.method,
        "path": unquote(parts.path),
        "raw_path": parts.path.encode(),
        "query_string": parts.query.encode(),
        "root_path": "",
        "headers": [
            (b"host", call.request.headers.get("host", "").encode("latin-1")),
            *inner.headers,
        ],
        "state": {"request_id": f"{outer.get('state', {}).get('request_id', '-')}.{inner.id}"},
        INNER: True,
    }
    messages: list[Message] = []
    sent = False

    async def receive() -> Message:
        nonlocal sent
        if sent:
            return {"type": "http.disconnect"}
        sent = True
        return {"type": "http.request", "body": inner.body, "more_body": False}

    async def send(message: Message) -> None:
        messages.append(message)

    await call.request.app(scope, receive, send)
    start = next(m for m in messages if m["type"] == "http.response.start")
    body = b"".join(m.get("body", b"") for m in messages if m["type"] == "http.response.body")
    status = int(start["status"])
    answer: dict[str, Any] = {
        "id": inner.id,
        "status_code": status,
        "status_text": HTTPStatus(status).phrase,
        "body": base64.b64encode(body).decode(),
        "execution_time": round((time.perf_counter() - started) * 1000),
    }
    answer["headers"] = (
        []
        if inner.exclude_headers
        else [
            {"name": name.decode("latin-1"), "value": value.decode("latin-1")}
            for name, value in start.get("headers", [])
        ]
    )
    if status >= 400:
        try:
            answer["error_message"] = orjson.loads(body)["error"]["message"]
        except (orjson.JSONDecodeError, KeyError, TypeError):
            answer["error_message"] = HTTPStatus(status).phrase
    return answer


def _refused(item_id: str, reason: str) -> dict[str, Any]:
    body = body_of(Refusal("Invalid batch request", reason))
    return {
        "id": item_id,
        "status_code": 400,
        "status_text": "Bad Request",
        "body": base64.b64encode(orjson.dumps(body)).decode(),
        "headers": [{"name": "Content-Type", "value": "application/json"}],
        "execution_time": 0,
        "error_message": reason,
    }


# Each inner request is {id, method, url (a path under /api/now/), headers: [{name, value}],
# body (base64), exclude_response_headers}. One that is not is refused on its own (a 400
# among the answers), so the schema asks no more of the items than that they exist.
REQUEST = {
    "type": "object",
    "required": ["rest_requests"],
    "properties": {
        "batch_request_id": {},
        "rest_requests": {"type": "array", "items": {}},
    },
}
HEADER = {
    "type": "object",
    "required": ["name", "value"],
    "properties": {"name": schemas.STRING, "value": schemas.STRING},
}
ANSWER = {
    "type": "object",
    "required": ["batch_request_id", "serviced_requests", "unserviced_requests"],
    "properties": {
        "batch_request_id": schemas.STRING,
        "serviced_requests": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["id", "status_code", "status_text", "body", "execution_time"],
                "properties": {
                    "id": schemas.STRING,
                    "status_code": {"type": "integer"},
                    "status_text": schemas.STRING,
                    "body": schemas.STRING,
                    "headers": {"type": "array", "items": HEADER},
                    "execution_time": {"type": "integer"},
                    "error_message": schemas.STRING,
                },
            },
        },
        "unserviced_requests": {"type": "array", "items": schemas.STRING},
    },
}


@documented(
    Operation(
        "Run several REST requests in one",
        "ServiceNow Batch API",
        (),
        {
            200: Reply("The answers, their bodies base64", {schemas.JSON: ANSWER}),
            **schemas.WITH_BODY,
            400: schemas.failure("Malformed batch"),
        },
        body={schemas.JSON: REQUEST},
    )
)
@endpoint()
async def batch(call: Call) -> Response:
    if call.request.scope.get(INNER):
        raise Refusal("Invalid batch request", "a batch cannot contain a batch")
    try:
        payload = orjson.loads(await call.body())
    except orjson.JSONDecodeError as exc:
        raise Refusal(READ_FAILURE, f"Invalid JSON: {exc}") from None
    batch_id, items = _items(payload)
    authorization = call.request.headers.get("authorization")
    deadline = time.monotonic() + BUDGET_SECONDS
    serviced: list[dict[str, Any]] = []
    unserviced: list[str] = []
    for item in items:
        inner = _inner(item, authorization)
        item_id = str(item.get("id", "")) if isinstance(item, dict) else ""
        if time.monotonic() > deadline:
            unserviced.append(item_id)
        elif isinstance(inner, str):
            serviced.append(_refused(item_id, inner))
        else:
            serviced.append(await _run(call, inner))
    return respond(
        {
            "batch_request_id": batch_id,
            "serviced_requests": serviced,
            "unserviced_requests": unserviced,
        },
        "json",
    )
