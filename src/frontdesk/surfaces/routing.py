"""What a surface exports, and how the application hands each request to one.

A surface owns some path prefixes (ServiceNow: ``/api/`` and ``/oauth_token.do``). Its
router tries its routes in order; a path none of them matches, and a method no route at
that path takes, are answered by the surface itself, in its vendor's shape, with an
``Allow`` header naming every method the path takes.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Match, Route
from starlette.types import ASGIApp, Receive, Scope, Send

NotFoundHandler = Callable[[Request], Awaitable[Response]]
WrongMethodHandler = Callable[[Request, frozenset[str]], Awaitable[Response]]


class SurfaceRouter:
    """Routes in order; the surface's own answers for an unknown path or a wrong method.

    The first route whose path matches owns that path: later routes with the same path
    template may take other methods, and a method none of them takes is a 405 naming
    them all. (So ``/attachment/file`` is not also ``/attachment/{sys_id}``.)
    """

    def __init__(
        self,
        routes: Sequence[Route],
        *,
        not_found: NotFoundHandler,
        wrong_method: WrongMethodHandler,
    ) -> None:
        self.routes = list(routes)
        self._not_found = not_found
        self._wrong_method = wrong_method

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        template: str | None = None
        allowed: set[str] = set()
        for route in self.routes:
            if template is not None and route.path != template:
                continue
            match, child = route.matches(scope)
            if match is Match.NONE:
                continue
            template = route.path
            if match is Match.FULL:
                scope.update(child)
                await route.handle(scope, receive, send)
                return
            allowed |= route.methods or set()
        request = Request(scope, receive)
        if template is not None:
            response = await self._wrong_method(request, frozenset(allowed))
        else:
            response = await self._not_found(request)
        await response(scope, receive, send)


@dataclass(frozen=True)
class Surface:
    """A vendor's API: the paths it owns, its routes, and its own middleware."""

    name: str
    prefixes: tuple[str, ...]
    routes: Sequence[Route]
    not_found: NotFoundHandler
    wrong_method: WrongMethodHandler
    middleware: Sequence[Middleware] = ()
    # Served at the root (the default workspace) and under /s/<workspace>/. Cention, which
    # names the workspace in every URL, is served under /s/<workspace>/ only.
    at_root: bool = True
    in_workspace: bool = True
    # JSON Schemas the surface's operations refer to (``#/components/schemas/<name>``).
    schemas: Mapping[str, Any] = field(default_factory=dict)
    app: ASGIApp = field(init=False, repr=False, compare=False)
    _bare: frozenset[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        app: ASGIApp = SurfaceRouter(
            self.routes, not_found=self.not_found, wrong_method=self.wrong_method
        )
        for layer in reversed(self.middleware):
            app = layer.cls(app, *layer.args, **layer.kwargs)
        object.__setattr__(self, "app", app)
        object.__setattr__(self, "_bare", frozenset(p.rstrip("/") for p in self.prefixes))

    def owns(self, path: str) -> bool:
        return path.startswith(self.prefixes) or path in self._bare


def route_path(scope: Scope) -> str:
    """The request's path below the mount it came through (``/s/<workspace>`` stripped)."""
    path: str = scope["path"]
    root = scope.get("root_path", "")
    if root and path.startswith(root) and path[len(root) : len(root) + 1] in ("/", ""):
        return path[len(root) :]
    return path


def allow_header(methods: frozenset[str]) -> str:
    return ", ".join(sorted(methods))


def workspace_in(path: str) -> tuple[str | None, str]:
    """The workspace a path names (``/s/<workspace>/…``; None: the default one) and the
    rest of the path."""
    if not path.startswith("/s/"):
        return None, path
    name, slash, rest = path[3:].partition("/")
    return (name, slash + rest) if name else (None, path)


class Dispatch:
    """Hands every request to the surface that owns its path, at the root (the default
    workspace) or under ``/s/<workspace>``; ``fallback`` answers the rest. Any path at all,
    a newline in it included, gets one of those answers."""

    def __init__(self, surfaces: Sequence[Surface], fallback: ASGIApp) -> None:
        self._root = [s for s in surfaces if s.at_root]
        self._workspace = [s for s in surfaces if s.in_workspace]
        self._fallback = fallback

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self._fallback(scope, receive, send)
            return
        path = route_path(scope)
        surfaces = self._root
        name, rest = workspace_in(path)
        if name is not None:
            root = scope.get("root_path", "") + path[: len(path) - len(rest)]
            params = {**scope.get("path_params", {}), "workspace": name}
            scope = {**scope, "root_path": root, "path_params": params}
            path, surfaces = rest, self._workspace
        for surface in surfaces:
            if surface.owns(path):
                await surface.app(scope, receive, send)
                return
        await self._fallback(scope, receive, send)
