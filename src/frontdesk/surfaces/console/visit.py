"""One console request: its workspace, the signed-in visitor, the form token their forms
carry, and the checks every page makes (signed in here; an administrator for an
administration page; a posted form with its token). Failures are pages, never tracebacks.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from functools import wraps
from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from frontdesk.domain.access import Actor
from frontdesk.domain.auth import browser
from frontdesk.domain.auth.browser import Visitor
from frontdesk.domain.records import service as records
from frontdesk.domain.records.service import Record
from frontdesk.domain.services import Services
from frontdesk.domain.workspace import Workspace
from frontdesk.errors import NotFound
from frontdesk.query.parser import parse
from frontdesk.store.registry import TableDef
from frontdesk.surfaces.console import access, pages
from frontdesk.surfaces.context import services_of, unexpected, workspace_of

log = logging.getLogger("frontdesk.console")
SESSION = "fd_session"
Handler = Callable[[Request], Awaitable[Response]]


def refused(request: Request, status: int, title: str, detail: str) -> Response:
    return pages.page(request, "refused.html", status, title=title, detail=detail, workspace="")


def guarded(handler: Handler) -> Handler:
    """Answer an unknown workspace and any failure as a page, never a traceback."""

    @wraps(handler)
    async def run(request: Request) -> Response:
        try:
            return await handler(request)
        except NotFound:
            return refused(request, 404, "Not found", "There is no such workspace.")
        except Exception:
            reference = unexpected(log, request)
            detail = f"The console failed to show this page (reference {reference})."
            return refused(request, 500, "Something went wrong", detail)
        finally:
            await request.close()  # a posted form's files

    return run


async def form_of(request: Request) -> dict[str, str]:
    found = await request.form()
    return {k: v for k, v in found.items() if isinstance(v, str)}


@dataclass
class Visit:
    request: Request
    services: Services
    workspace: Workspace
    visitor: Visitor
    given: dict[str, str] = field(default_factory=dict)

    @property
    def csrf(self) -> str:
        return self.visitor.form_token

    @property
    def actor(self) -> Actor:
        return access.actor(self.workspace.id, self.visitor)

    async def listed(self, table: TableDef, encoded: str, limit: int = 1000) -> list[Record]:
        """Up to ``limit`` records of ``table`` an encoded query selects, as the visitor
        may see them."""
        async with self.services.read() as unit:
            page = await records.query(
                unit, self.actor, table, parse(encoded), limit=limit, offset=0, count=False
            )
        return page.records

    def render(self, template: str, status: int = 200, **values: Any) -> Response:
        return pages.page(
            self.request, template, status, signed=self.visitor, csrf=self.csrf,
            workspace=self.workspace.name, **values,
        )  # fmt: skip

    def redirect(self, to: str) -> Response:
        return pages.redirect(self.request, to)


def signed(*, admin: bool = False) -> Callable[[Callable[[Visit], Awaitable[Response]]], Handler]:
    """A page for a visitor signed in to this workspace (an administrator, when ``admin``);
    a POST must carry the session's form token."""

    def wrap(handler: Callable[[Visit], Awaitable[Response]]) -> Handler:
        @guarded
        @wraps(handler)
        async def run(request: Request) -> Response:
            workspace = await workspace_of(request)
            services = services_of(request)
            token = request.cookies.get(SESSION, "")
            visitor = await browser.visitor(services, workspace.id, token)
            if visitor is None:
                if request.method == "GET":
                    return pages.redirect(request, "/sign-in")
                return refused(request, 403, "Refused", "You are not signed in here.")
            if admin and not visitor.administers:
                detail = "This page is for the workspace's administrators."
                return refused(request, 403, "Refused", detail)
            visit = Visit(request, services, workspace, visitor)
            if request.method == "POST":
                visit.given = await form_of(request)
                if not browser.same(visit.given.get("csrf", ""), visit.csrf):
                    detail = "This form is not from your session here (its token is missing)."
                    return refused(request, 403, "Refused", detail)
            return await handler(visit)

        return run

    return wrap
