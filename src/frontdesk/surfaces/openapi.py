"""The OpenAPI document, built from what each route declares about itself."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from starlette.routing import BaseRoute, Mount, Route

Endpoint = Callable[..., Any]


@dataclass(frozen=True)
class Parameter:
    name: str
    where: str = "query"  # query | path | header
    description: str = ""
    schema: dict[str, Any] = field(default_factory=lambda: {"type": "string"})
    required: bool = False

    def document(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "in": self.where,
            "description": self.description,
            "required": self.required or self.where == "path",
            "schema": self.schema,
        }


@dataclass(frozen=True)
class Operation:
    summary: str
    tag: str
    parameters: Sequence[Parameter] = ()
    responses: dict[int, str] = field(default_factory=lambda: {200: "OK"})
    body: str | None = None  # media type of the request body, when it has one
    description: str = ""


def documented(operation: Operation) -> Callable[[Endpoint], Endpoint]:
    """Attach an ``Operation`` to an endpoint (read back when the document is built)."""

    def attach(endpoint: Endpoint) -> Endpoint:
        endpoint.__openapi__ = operation  # type: ignore[attr-defined]
        return endpoint

    return attach


def _walk(routes: Iterable[BaseRoute], prefix: str = "") -> Iterable[tuple[str, Route]]:
    for route in routes:
        if isinstance(route, Mount):
            if "{" in route.path:  # the /s/{workspace} alias of the same routes
                continue
            yield from _walk(route.routes, prefix + route.path)
        elif isinstance(route, Route):
            yield prefix + route.path, route


def document(routes: Iterable[BaseRoute], *, title: str, version: str) -> dict[str, Any]:
    paths: dict[str, dict[str, Any]] = {}
    for path, route in _walk(routes):
        operation: Operation | None = getattr(route.endpoint, "__openapi__", None)
        if operation is None:
            continue
        for method in sorted(route.methods or ()):
            if method == "HEAD":
                continue
            entry: dict[str, Any] = {
                "summary": operation.summary,
                "tags": [operation.tag],
                "parameters": [p.document() for p in operation.parameters],
                "responses": {
                    str(code): {"description": text} for code, text in operation.responses.items()
                },
            }
            if operation.description:
                entry["description"] = operation.description
            if operation.body and method in ("POST", "PUT", "PATCH"):
                entry["requestBody"] = {"content": {operation.body: {"schema": {"type": "object"}}}}
            paths.setdefault(path, {})[method.lower()] = entry
    return {
        "openapi": "3.1.0",
        "info": {"title": title, "version": version},
        "paths": dict(sorted(paths.items())),
        "components": {
            "securitySchemes": {
                "basic": {"type": "http", "scheme": "basic"},
                "bearer": {"type": "http", "scheme": "bearer"},
            }
        },
        "security": [{"basic": []}, {"bearer": []}],
    }


SWAGGER_UI = """<!doctype html>
<html><head><meta charset="utf-8"><title>{title}</title>
<link rel="stylesheet" href="https://cdn.jsdelivr.net/npm/swagger-ui-dist@5/swagger-ui.css">
</head><body><div id="ui"></div>
<script src="https://cdn.jsdelivr.net/npm/swagger-ui-dist@5/swagger-ui-bundle.js"></script>
<script>SwaggerUIBundle({{url: "{url}", dom_id: "#ui"}});</script>
</body></html>"""
