"""The ``Link`` header: first/prev/next/last pages, as a real instance writes it.

Absolute URLs; the original parameters in their order, with ``sysparm_offset`` and
``sysparm_limit`` appended last; ``<url>;rel="next"`` entries joined by ``,``. The last
offset is ``floor((total-1)/limit)*limit``; prev/next only when they exist; no header
when everything fits on one page.
"""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode

from starlette.datastructures import URL


def _url(url: URL, offset: int, limit: int) -> str:
    kept = [
        (k, v)
        for k, v in parse_qsl(url.query, keep_blank_values=True)
        if k not in ("sysparm_offset", "sysparm_limit")
    ]
    query = urlencode([*kept, ("sysparm_offset", str(offset)), ("sysparm_limit", str(limit))])
    return str(url.replace(query=query))


def link_header(
    url: URL, *, offset: int, limit: int, total: int | None, has_more: bool
) -> str | None:
    """``total`` is the match count when it was counted; otherwise ``last`` is left out."""
    if limit <= 0 or (offset == 0 and not has_more):
        return None
    links = [(0, "first")]
    if offset > 0:
        links.append((max(offset - limit, 0), "prev"))
    if has_more:
        links.append((offset + limit, "next"))
    if total is not None and total > 0:
        links.append(((total - 1) // limit * limit, "last"))
    return ",".join(f'<{_url(url, at, limit)}>;rel="{rel}"' for at, rel in links)
