"""JSON:API 1.0 for Cention's ``capi/json`` endpoints (research §3): the media type and its
negotiation, resource objects with string ids, documents, error documents whose
``status`` is the numeric code as a string, and sparse fieldsets.

Negotiation follows 1.0 and what the Cention Go SDK sends: no ``Accept`` at all is fine,
and a ``Content-Type`` on a request without a body (the SDK's GETs) is not looked at.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from http import HTTPStatus
from typing import Any

import orjson
from starlette.responses import Response

MEDIA = "application/vnd.api+json"
_ANY = frozenset({"*/*", "application/*"})


@dataclass
class Problem(Exception):
    """One JSON:API error: its HTTP status, a title, what went wrong, and where (a JSON
    pointer into the request document, or a query parameter)."""

    status: int
    detail: str
    pointer: str | None = None
    parameter: str | None = None
    headers: Mapping[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        super().__init__(self.status, self.detail)

    def error(self) -> dict[str, Any]:
        found: dict[str, Any] = {
            "status": str(self.status),
            "title": HTTPStatus(self.status).phrase,
            "detail": self.detail,
        }
        if self.pointer is not None:
            found["source"] = {"pointer": self.pointer}
        elif self.parameter is not None:
            found["source"] = {"parameter": self.parameter}
        return found


def _types(header: str) -> list[tuple[str, str]]:
    """(media type, its parameters) for each item of a header."""
    found = []
    for part in header.split(","):
        kind, _, parameters = part.partition(";")
        if kind.strip():
            found.append((kind.strip().lower(), parameters.strip()))
    return found


def negotiate(content_type: str | None, accept: str | None, *, has_body: bool) -> None:
    """Refuse what JSON:API 1.0 refuses: a body whose media type is not JSON:API, or is
    JSON:API with parameters (415); an ``Accept`` that offers JSON:API only with parameters,
    or offers neither JSON:API nor anything (406)."""
    if has_body:
        given = _types(content_type or "")
        kind, parameters = given[0] if given else ("", "")
        if kind != MEDIA:
            shown = content_type or "none"
            raise Problem(415, f"The body must be {MEDIA}, not {shown}.")
        if parameters:
            raise Problem(415, f"{MEDIA} takes no media type parameters (got {parameters!r}).")
    if not accept or not accept.strip():
        return
    offered = _types(accept)
    ours = [parameters for kind, parameters in offered if kind == MEDIA]
    if ours and all(ours):
        raise Problem(406, f"Every {MEDIA} in Accept has media type parameters.")
    if not ours and not any(kind in _ANY for kind, _ in offered):
        raise Problem(406, f"Accept must allow {MEDIA}.")


def resource(
    kind: str,
    key: int | str,
    attributes: Mapping[str, Any],
    *,
    relationships: Mapping[str, Any] | None = None,
    links: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """A resource object; its id is a string, as JSON:API (and the Go SDK) want."""
    found: dict[str, Any] = {"type": kind, "id": str(key), "attributes": dict(attributes)}
    if relationships:
        found["relationships"] = dict(relationships)
    if links:
        found["links"] = dict(links)
    return found


def document(
    data: Mapping[str, Any] | Sequence[Mapping[str, Any]] | None,
    *,
    included: Sequence[Mapping[str, Any]] | None = None,
    links: Mapping[str, Any] | None = None,
    meta: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    found: dict[str, Any] = {"data": data}
    if included is not None:
        found["included"] = list(included)
    if links:
        found["links"] = dict(links)
    if meta:
        found["meta"] = dict(meta)
    return found


def errors(problems: Iterable[Problem]) -> dict[str, Any]:
    return {"errors": [problem.error() for problem in problems]}


def sparse(query: Iterable[tuple[str, str]]) -> dict[str, list[str]]:
    """``fields[<type>]=a,b`` by type (an empty value: no fields at all)."""
    found: dict[str, list[str]] = {}
    for name, value in query:
        if name.startswith("fields[") and name.endswith("]"):
            found[name[7:-1]] = [item.strip() for item in value.split(",") if item.strip()]
    return found


def only(
    item: Mapping[str, Any], fields: Mapping[str, list[str]], known: Iterable[str]
) -> dict[str, Any]:
    """``item`` (a resource object) with only the fields asked for its type; a field the
    type does not have is a 400 naming it."""
    wanted = fields.get(str(item["type"]))
    if wanted is None:
        return dict(item)
    names = set(known)
    unknown = [name for name in wanted if name not in names]
    if unknown:
        raise Problem(
            400,
            f"{item['type']} has no field {', '.join(unknown)}",
            parameter=f"fields[{item['type']}]",
        )
    kept = dict(item)
    for part in ("attributes", "relationships"):
        if part in kept:
            kept[part] = {k: v for k, v in kept[part].items() if k in wanted}
    return kept


def respond(
    body: Mapping[str, Any], status: int = 200, headers: Mapping[str, str] | None = None
) -> Response:
    """A JSON:API document, with the media type and no parameters."""
    return Response(
        orjson.dumps(body), status_code=status, media_type=MEDIA, headers=dict(headers or {})
    )


def refuse(problem: Problem) -> Response:
    return respond(errors([problem]), problem.status, problem.headers)
