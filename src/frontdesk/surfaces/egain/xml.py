"""eGain's documents as XML (research §2.4): the JSON document's members become elements,
``id``, ``rel``, ``href`` and ``date`` become attributes, and a list becomes its element
repeated (``customer``, ``link``). The root is the resource's plural (``customers``), in
eGain's customer namespace."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from xml.sax.saxutils import escape, quoteattr

NAMESPACE = "http://bindings.egain.com/ws/model/v12/gen/interaction/customer"
ATTRIBUTES = frozenset({"id", "rel", "href", "date"})
MEDIA = "application/xml"


def document(root: str, value: Mapping[str, Any]) -> bytes:
    parts = ['<?xml version="1.0" encoding="UTF-8"?>']
    _element(parts, root, value, namespace=True)
    return "".join(parts).encode()


def _element(parts: list[str], name: str, value: Any, *, namespace: bool = False) -> None:
    if isinstance(value, list):
        for item in value:
            _element(parts, name, item)
        return
    opening = name + (f' xmlns="{NAMESPACE}"' if namespace else "")
    if not isinstance(value, Mapping):
        text = "" if value is None else _text(value)
        parts.append(f"<{opening}>{escape(text)}</{name}>" if text else f"<{opening}/>")
        return
    attributes = "".join(
        f" {key}={quoteattr(_text(item))}"
        for key, item in value.items()
        if key in ATTRIBUTES and not isinstance(item, Mapping | list) and item is not None
    )
    children = [(key, item) for key, item in value.items() if key not in ATTRIBUTES]
    if not children:
        parts.append(f"<{opening}{attributes}/>")
        return
    parts.append(f"<{opening}{attributes}>")
    for key, item in children:
        _element(parts, key, item)
    parts.append(f"</{name}>")


def _text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)
