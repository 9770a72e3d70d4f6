"""``X-HTTP-Method-Override``: a POST that asks to be another method is routed as that method."""

from __future__ import annotations

from starlette.types import ASGIApp, Receive, Scope, Send

ALLOWED = frozenset({"GET", "PUT", "PATCH", "DELETE", "HEAD"})


class MethodOverride:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["method"] == "POST":
            for name, value in scope["headers"]:
                if name == b"x-http-method-override":
                    method = value.decode("latin-1").strip().upper()
                    if method in ALLOWED:
                        scope = {**scope, "method": method}
                    break
        await self.app(scope, receive, send)
