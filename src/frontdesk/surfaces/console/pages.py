"""Rendering: Jinja2 templates from the package, autoescaped, and the console's own
answers (a page, a redirect, a refusal)."""

from __future__ import annotations

from functools import cache
from typing import Any

import jinja2
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response

# No page is cached or framed by another site.
HEADERS = {
    "Cache-Control": "no-store",
    "X-Frame-Options": "DENY",
    "Content-Security-Policy": "default-src 'self'; frame-ancestors 'none'; form-action 'self'",
    "Referrer-Policy": "same-origin",
}


@cache
def _templates() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.PackageLoader("frontdesk.surfaces.console", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
    )


def base(request: Request) -> str:
    """Where this workspace's console is: ``/console`` or ``/s/<workspace>/console``."""
    return f"{request.scope.get('root_path', '')}/console"


def page(
    request: Request,
    template: str,
    status: int = 200,
    headers: dict[str, str] | None = None,
    **values: Any,
) -> Response:
    body = _templates().get_template(template).render(console=base(request), **values)
    return HTMLResponse(body, status_code=status, headers={**HEADERS, **(headers or {})})


def redirect(request: Request, to: str) -> Response:
    """303 to a console page (``to`` is below the console)."""
    return RedirectResponse(base(request) + to, status_code=303, headers=HEADERS)
