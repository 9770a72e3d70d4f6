"""JSON and XML, in and out, as the Table API speaks them (research §2.3)."""

from __future__ import annotations

from typing import Any, Literal
from xml.etree.ElementTree import Element
from xml.sax.saxutils import escape

import orjson
from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring
from starlette.responses import Response

from frontdesk.errors import NotAcceptable, UnsupportedMediaType
from frontdesk.surfaces.servicenow.errors import READ_FAILURE, Refusal

Format = Literal["json", "xml"]
JSON = "application/json"
XML = "application/xml"
PROLOG = b'<?xml version="1.0" encoding="UTF-8"?>'


_JSON_ACCEPTS = frozenset({"", "*/*", "application/json", "application/json, */*"})


def negotiate(accept: str | None) -> Format:
    """What to answer in: JSON unless the client asks for XML only; 406 if neither."""
    if not accept or accept in _JSON_ACCEPTS:
        return "json"
    types = [part.split(";", 1)[0].strip().lower() for part in accept.split(",")]
    if any(t in ("application/json", "*/*", "application/*", "text/json") for t in types):
        return "json"
    if any(t in ("application/xml", "text/xml") for t in types):
        return "xml"
    if any(t.endswith("+json") for t in types):
        return "json"
    raise NotAcceptable(accept, offered=(JSON, XML))


def body_format(content_type: str | None, *, xml_allowed: bool = True) -> Format:
    media = (content_type or "").split(";", 1)[0].strip().lower()
    if media in ("", "application/json", "text/json") or media.endswith("+json"):
        return "json"
    if xml_allowed and media in ("application/xml", "text/xml"):
        return "xml"
    raise UnsupportedMediaType(media, accepted=(JSON, XML) if xml_allowed else (JSON,))


def parse_record(raw: bytes, fmt: Format) -> dict[str, Any]:
    """A request body holding one record's fields."""
    if not raw.strip():
        raise Refusal(READ_FAILURE, "The request body is empty")
    if fmt == "xml":
        return _xml_record(raw)
    try:
        data = orjson.loads(raw)
    except orjson.JSONDecodeError as exc:
        raise Refusal(READ_FAILURE, f"Invalid JSON: {exc}") from None
    if isinstance(data, list) and data and isinstance(data[0], dict):
        data = data[0]  # only one record per request; the rest are ignored
    if not isinstance(data, dict):
        raise Refusal(READ_FAILURE, "The request body must be a JSON object")
    return data


def parse_document(raw: bytes, fmt: Format) -> dict[str, Any]:
    """A request body holding a structured document (objects within objects, lists): a
    JSON object, or XML whose repeated elements become lists."""
    if not raw.strip():
        raise Refusal(READ_FAILURE, "The request body is empty")
    if fmt == "xml":
        try:
            root = fromstring(raw, forbid_dtd=True)
        except (DefusedXmlException, SyntaxError, ValueError) as exc:
            raise Refusal(READ_FAILURE, f"Invalid XML: {exc}") from None
        return _element(root, 1, repeated=True)
    try:
        data = orjson.loads(raw)
    except orjson.JSONDecodeError as exc:
        raise Refusal(READ_FAILURE, f"Invalid JSON: {exc}") from None
    if not isinstance(data, dict):
        raise Refusal(READ_FAILURE, "The request body must be a JSON object")
    return data


# A record is flat: <request><entry><field><value>…: a few levels are all it ever needs.
MAX_XML_DEPTH = 16


def _xml_record(raw: bytes) -> dict[str, Any]:
    try:
        root = fromstring(raw, forbid_dtd=True)
    except (DefusedXmlException, SyntaxError, ValueError) as exc:
        raise Refusal(READ_FAILURE, f"Invalid XML: {exc}") from None
    entry = root.find("entry")
    return _element(entry if entry is not None else root, 1)


def _element(element: Element, depth: int, *, repeated: bool = False) -> dict[str, Any]:
    """An element's children by tag; with ``repeated``, a tag given more than once holds
    the list of its values (otherwise the last one counts)."""
    if depth > MAX_XML_DEPTH:
        raise Refusal(READ_FAILURE, f"Invalid XML: nested more than {MAX_XML_DEPTH} levels deep")
    found: dict[str, Any] = {}
    for child in element:
        value = _value(child, depth + 1, repeated)
        if repeated and child.tag in found:
            known = found[child.tag]
            found[child.tag] = [*known, value] if isinstance(known, list) else [known, value]
        else:
            found[child.tag] = value
    return found


def _value(element: Element, depth: int, repeated: bool = False) -> Any:
    if len(element):
        return _element(element, depth, repeated=repeated)
    return element.text or ""


# ----------------------------------------------------------------------------- output


def to_xml(value: Any, tag: str = "result") -> bytes:
    parts: list[str] = []
    _write(parts, tag, value)
    return "".join(parts).encode()


def _write(parts: list[str], tag: str, value: Any) -> None:
    if isinstance(value, list):
        for item in value:
            _write(parts, tag, item)
    elif isinstance(value, dict):
        parts.append(f"<{tag}>")
        for key, item in value.items():
            _write(parts, key, item)
        parts.append(f"</{tag}>")
    elif value is None or value == "":
        parts.append(f"<{tag}/>")
    else:
        text = (
            value
            if isinstance(value, str)
            else str(value).lower()
            if isinstance(value, bool)
            else str(value)
        )
        parts.append(f"<{tag}>{escape(text)}</{tag}>")


def document(payload: dict[str, Any], fmt: Format) -> bytes:
    if fmt == "json":
        return orjson.dumps(payload)
    inner = b"".join(to_xml(value, key) for key, value in payload.items())
    return PROLOG + b"<response>" + inner + b"</response>"


def respond(
    payload: dict[str, Any] | None,
    fmt: Format,
    *,
    status: int = 200,
    headers: dict[str, str] | None = None,
) -> Response:
    if payload is None:
        return Response(status_code=status, headers=headers)
    media = JSON if fmt == "json" else XML
    return Response(document(payload, fmt), status_code=status, headers=headers, media_type=media)
