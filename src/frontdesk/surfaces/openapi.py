"""The OpenAPI document, built from what each route declares about itself.

Every route of every surface is documented at the paths it is served on: at the root and
under ``/s/{workspace}`` (with the workspaces that exist as the parameter's values), HEAD
beside every GET. Operations declare their parameters, request bodies and replies with
JSON Schemas precise enough for a generator (schemathesis) to build valid requests and
to check every answer.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from starlette.routing import Route

Endpoint = Callable[..., Any]
Schema = Mapping[str, Any]
TEXT: Schema = {"type": "string"}
WORKSPACE_PREFIX = "/s/{workspace}"


@dataclass(frozen=True)
class Parameter:
    name: str
    where: str = "query"  # query | path | header
    description: str = ""
    schema: Schema = field(default_factory=lambda: TEXT)
    required: bool = False

    def document(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "in": self.where,
            "description": self.description,
            "required": self.required or self.where == "path",
            "schema": dict(self.schema),
        }


@dataclass(frozen=True)
class Reply:
    """One status an operation answers with: what it means, and its body per media type."""

    description: str
    content: Mapping[str, Schema | None] = field(default_factory=dict)
    headers: Mapping[str, str] = field(default_factory=dict)  # name → description


@dataclass(frozen=True)
class Operation:
    summary: str
    tag: str
    parameters: Sequence[Parameter] = ()
    responses: Mapping[int, Reply] = field(default_factory=lambda: {200: Reply("OK")})
    body: Mapping[str, Schema] | None = None  # media type → schema of the request body
    description: str = ""
    authenticated: bool = True


def documented(operation: Operation) -> Callable[[Endpoint], Endpoint]:
    """Attach an ``Operation`` to an endpoint (read back when the document is built)."""

    def attach(endpoint: Endpoint) -> Endpoint:
        endpoint.__openapi__ = operation  # type: ignore[attr-defined]
        return endpoint

    return attach


class Documented(Protocol):
    """What the document needs of a surface."""

    @property
    def routes(self) -> Sequence[Route]: ...

    @property
    def at_root(self) -> bool: ...

    @property
    def in_workspace(self) -> bool: ...

    @property
    def schemas(self) -> Mapping[str, Schema]: ...


def _reply(reply: Reply, *, head: bool) -> dict[str, Any]:
    entry: dict[str, Any] = {"description": reply.description}
    if reply.content and not head:
        entry["content"] = {
            media: ({"schema": dict(schema)} if schema is not None else {})
            for media, schema in reply.content.items()
        }
    if reply.headers:
        entry["headers"] = {
            name: {"description": text, "schema": {"type": "string"}}
            for name, text in reply.headers.items()
        }
    return entry


def _operation_id(method: str, path: str) -> str:
    return method.lower() + re.sub(r"[^a-zA-Z0-9]+", "_", path).rstrip("_")


def _entry(
    operation: Operation, method: str, path: str, workspace: Parameter | None
) -> dict[str, Any]:
    head = method == "HEAD"
    parameters = [p.document() for p in operation.parameters]
    if workspace is not None:
        parameters.insert(0, workspace.document())
    entry: dict[str, Any] = {
        "operationId": _operation_id(method, path),
        "summary": operation.summary,
        "tags": [operation.tag],
        "parameters": parameters,
        "responses": {
            str(code): _reply(reply, head=head) for code, reply in operation.responses.items()
        },
    }
    if operation.description:
        entry["description"] = operation.description
    if not operation.authenticated:
        entry["security"] = []
    if operation.body and method in ("POST", "PUT", "PATCH"):
        entry["requestBody"] = {
            "required": True,
            "content": {media: {"schema": dict(s)} for media, s in operation.body.items()},
        }
    return entry


def _routes(surfaces: Iterable[Documented]) -> Iterable[tuple[str, Route, bool]]:
    for surface in surfaces:
        for route in surface.routes:
            if surface.at_root:
                yield route.path, route, False
            if surface.in_workspace:
                yield WORKSPACE_PREFIX + route.path, route, True


def document(
    surfaces: Sequence[Documented], *, title: str, version: str, workspaces: Sequence[str]
) -> dict[str, Any]:
    workspace = Parameter(
        "workspace",
        "path",
        "A workspace other than the default one",
        {"type": "string", "enum": list(workspaces)} if workspaces else TEXT,
    )
    paths: dict[str, dict[str, Any]] = {}
    for path, route, prefixed in _routes(surfaces):
        operation: Operation | None = getattr(route.endpoint, "__openapi__", None)
        if operation is None:
            continue
        for method in sorted(route.methods or ()):
            entry = _entry(operation, method, path, workspace if prefixed else None)
            paths.setdefault(path, {})[method.lower()] = entry
    schemas: dict[str, Any] = {}
    for surface in surfaces:
        schemas.update(surface.schemas)
    return {
        "openapi": "3.1.0",
        "info": {"title": title, "version": version},
        "paths": dict(sorted(paths.items())),
        "components": {
            "schemas": schemas,
            "securitySchemes": {
                "basic": {"type": "http", "scheme": "basic"},
                "bearer": {"type": "http", "scheme": "bearer"},
            },
        },
        "security": [{"basic": []}, {"bearer": []}],
    }


# The API browser: Swagger UI 5 (it reads OpenAPI 3.1), its files served by this server
# from the swagger-ui-py package, so /docs works offline. Relative URLs: /docs is at the root.
SWAGGER_UI = """<!doctype html>
<html><head><meta charset="utf-8"><title>{title}</title>
<link rel="stylesheet" href="docs/swagger-ui.css">
<link rel="icon" type="image/png" href="docs/favicon-32x32.png">
</head><body><div id="ui"></div>
<script src="docs/swagger-ui-bundle.js"></script>
<script>SwaggerUIBundle({{url: "{url}", dom_id: "#ui"}});</script>
</body></html>"""
