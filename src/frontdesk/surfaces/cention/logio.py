"""``GET /s/<workspace>/capi/custom/logio``: agents' Login and Logout records.

Not JSON:API: headerless CSV with unix newlines (the default) or one line of JSON, each
record numbered from 1 in this answer. Only the events of the system group the token was
created in. ``from``/``to`` are unix seconds (default: the last 7 days, until now). The
answer streams a page at a time. A refusal is the status with a plain-text reason.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta

import orjson
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response, StreamingResponse

from frontdesk.domain import clock
from frontdesk.domain.errands.agents import DEFAULT_GROUP
from frontdesk.domain.presence import events
from frontdesk.domain.presence.events import Event, Window
from frontdesk.surfaces.cention import errors
from frontdesk.surfaces.cention.access import LOGIO
from frontdesk.surfaces.cention.call import authorized
from frontdesk.surfaces.cention.jsonapi import Problem
from frontdesk.surfaces.context import services_of, unexpected, workspace_of

log = logging.getLogger("frontdesk.cention")
PATH = "/capi/custom/logio"
WEEK = timedelta(days=7)
FORMATS = {"csv": "text/csv; charset=utf-8", "json": "application/json"}
ACTIONS = ("Logout", "Login")
# The largest instant a timestamp column holds (year 9999).
LAST = int(datetime(9999, 12, 31, 23, 59, 59, tzinfo=UTC).timestamp())


def _instant(request: Request, name: str, default: datetime) -> datetime:
    given = request.query_params.get(name)
    if given is None or given == "":
        return default
    try:
        seconds = int(given)
    except ValueError:
        wanted = f"{name} must be a unix timestamp (whole seconds), not {given!r}."
        raise Problem(400, wanted) from None
    return datetime.fromtimestamp(min(max(seconds, 0), LAST), UTC).replace(tzinfo=None)


def _csv_field(value: str) -> str:
    if any(c in value for c in ',"\r\n'):
        return '"' + value.replace('"', '""') + '"'
    return value


def _csv(page: list[Event]) -> bytes:
    return "".join(
        f"{number},{_csv_field(name)},{seconds},{ACTIONS[signed_in]}\n"
        for number, name, seconds, signed_in in page
    ).encode()


def _json(page: list[Event]) -> bytes:
    quoted: dict[str, str] = {}  # a page holds few agents, each many times
    parts = []
    for number, name, seconds, signed_in in page:
        shown = quoted.get(name)
        if shown is None:
            shown = quoted[name] = orjson.dumps(name).decode()
        parts.append(
            f'{{"id":{number},"name":{shown},"timestamp":{seconds},'
            f'"action":"{ACTIONS[signed_in]}"}}'
        )
    return ",".join(parts).encode()


async def _body(records: AsyncIterator[list[Event]], kind: str) -> AsyncIterator[bytes]:
    if kind == "csv":
        async for page in records:
            yield _csv(page)
        return
    yield b"["
    first = True
    async for page in records:
        yield (b"" if first else b",") + _json(page)
        first = False
    yield b"]"


async def logio(request: Request) -> Response:
    try:
        services = services_of(request)
        workspace = await workspace_of(request)
        async with services.read() as unit:
            token, _ = await authorized(unit, workspace, request, LOGIO)
        kind = request.query_params.get("format") or "csv"
        if kind not in FORMATS:
            raise Problem(400, f"format must be csv or json, not {kind!r}.")
        name = request.query_params.get("name") or None
        if name is not None and "\x00" in name:
            raise Problem(400, "name must not contain a NUL character.")
        now = clock.now()
        window = Window(
            str(token.claims.get("system_group") or DEFAULT_GROUP),
            _instant(request, "from", now - WEEK),
            _instant(request, "to", now),
            name,
        )
        await events.settle(services, workspace.id)
    except Exception as error:
        problem = errors.from_error(error)
        if problem.status >= 500:
            unexpected(log, request)
        return PlainTextResponse(problem.detail + "\n", status_code=problem.status)
    records = events.read(services, workspace.id, window)
    return StreamingResponse(_body(records, kind), media_type=FORMATS[kind])
