"""The request journal: each workspace's recent API calls (method, path, status, latency,
caller and, while an administrator asks for them, the bodies), for the console's
integrators (docs/decisions/0031-customer-360-and-the-request-journal.md).

It is a bounded ring per workspace in this process's memory: recording a call is a few
dictionary and deque operations after its response has been sent, with no I/O and no
lock. Bodies are kept only while capture is on for the workspace, each cut at
``BODY_LIMIT`` bytes, and never those of the token endpoints (passwords, client secrets
and tokens). The console's own pages are not API calls and are not recorded.
"""

from __future__ import annotations

import itertools
import time
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from frontdesk.domain.cache import TtlCache
from frontdesk.domain.workspace import Workspace
from frontdesk.surfaces.routing import workspace_in

SIZE = 500  # calls kept per workspace
BODY_LIMIT = 16 * 1024  # bytes of each body kept
CAPTURE = timedelta(minutes=15)  # how long bodies are kept once asked for
_CALLER = "journal.caller"
_NOT_CALLS = ("/console",)
# Where bodies carry credentials (a password grant's password, a client's secret, tokens).
_SECRET = ("/oauth_token.do", "/oauth_revoke_token.do", "/oauth2/token", "/oauth2/authorize")


@dataclass(frozen=True, slots=True)
class Entry:
    id: int
    at: float  # seconds since the epoch
    method: str
    path: str  # with its query string
    status: int
    milliseconds: float
    caller: str  # who the surface authenticated ("" when nobody was)
    request_body: bytes | None = None  # None: not captured
    response_body: bytes | None = None
    response_type: str = ""

    @property
    def captured(self) -> bool:
        return self.request_body is not None

    @property
    def moment(self) -> datetime:
        """When it was answered, in UTC."""
        return datetime.fromtimestamp(self.at, UTC).replace(tzinfo=None)


@dataclass(frozen=True, slots=True)
class Filter:
    method: str = ""
    status: str = ""  # "2xx", "4xx", … or one status
    path: str = ""  # part of the path
    caller: str = ""  # part of the caller's name

    def keeps(self, entry: Entry) -> bool:
        status = str(entry.status)
        return (
            (not self.method or entry.method == self.method.upper())
            and (not self.status or self.status in (status, f"{status[0]}xx"))
            and (not self.path or self.path.lower() in entry.path.lower())
            and (not self.caller or self.caller.lower() in entry.caller.lower())
        )


# A call as the recorder keeps it (cheap to make): id, time, method, path, query string,
# status, milliseconds, caller, and the bodies and response type when captured.
Kept = tuple[int, float, str, str, bytes, int, float, str, bytes | None, bytes | None, str]


def _entry(kept: Kept) -> Entry:
    number, at, method, path, query, status, took, caller, asked, answered, kind = kept
    shown = path + ("?" + query.decode("latin-1") if query else "")
    return Entry(number, at, method, shown, status, took, caller, asked, answered, kind)


class Journal:
    def __init__(self, size: int = SIZE) -> None:
        self._size = size
        self._rings: dict[int, deque[Kept]] = {}
        self._capture: dict[str | None, float] = {}  # workspace name (None: the root) → until
        self._ids = itertools.count(1)

    def capture(self, workspace: Workspace, on: bool) -> None:
        """Keep bodies of this workspace's calls for ``CAPTURE`` from now (or stop)."""
        names = (workspace.name, None) if workspace.is_default else (workspace.name,)
        for name in names:
            if on:
                self._capture[name] = time.monotonic() + CAPTURE.total_seconds()
            else:
                self._capture.pop(name, None)

    def capturing(self, name: str | None) -> bool:
        until = self._capture.get(name)
        return until is not None and until > time.monotonic()

    def capture_left(self, workspace: Workspace) -> timedelta | None:
        until = self._capture.get(workspace.name)
        left = (until or 0) - time.monotonic()
        return timedelta(seconds=int(left)) if left > 0 else None

    def keep(self, workspace_id: int, kept: Kept) -> None:
        ring = self._rings.get(workspace_id)
        if ring is None:
            ring = self._rings[workspace_id] = deque(maxlen=self._size)
        ring.append(kept)

    def next_id(self) -> int:
        return next(self._ids)

    def entries(self, workspace_id: int, chosen: Filter = Filter()) -> Iterator[Entry]:
        """The workspace's calls that ``chosen`` keeps, newest first."""
        for kept in reversed(self._rings.get(workspace_id, ())):
            entry = _entry(kept)
            if chosen.keeps(entry):
                yield entry

    def entry(self, workspace_id: int, entry_id: int) -> Entry | None:
        return next((e for e in self.entries(workspace_id) if e.id == entry_id), None)


def note_caller(request: Request, caller: str) -> None:
    """Name the request's caller, once its surface has authenticated them."""
    request.scope.setdefault("state", {})[_CALLER] = caller


class _Body:
    def __init__(self) -> None:
        self.parts: list[bytes] = []
        self.size = 0

    def add(self, chunk: bytes) -> None:
        room = BODY_LIMIT - self.size
        if room > 0 and chunk:
            self.parts.append(chunk[:room])
            self.size += min(room, len(chunk))

    def value(self) -> bytes:
        return b"".join(self.parts)


class Recorder:
    """The middleware that writes each API call into the journal after it is answered.

    Its cost is on every call, so it does little: no I/O, no awaiting, a tuple kept; the
    workspace is the one the request's own surface resolved (remembered by
    ``workspaces.resolve``), and a call to a workspace nobody resolved (there is none of
    that name) is nobody's. Capturing bodies takes a slower path of its own."""

    def __init__(
        self, app: ASGIApp, journal: Journal, workspaces: TtlCache[str | None, Workspace]
    ) -> None:
        self.app = app
        self.journal = journal
        self.workspaces = workspaces  # the names the surfaces resolved, remembered

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        name, rest = workspace_in(scope["path"])
        if rest.startswith(_NOT_CALLS):
            await self.app(scope, receive, send)
            return
        if self.journal.capturing(name) and not rest.endswith(_SECRET):
            await self._capturing(scope, receive, send, name)
            return
        started = time.perf_counter()
        status = 500

        async def sending(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, sending)
        finally:
            self._keep(scope, name, status, started, None, None, "")

    async def _capturing(
        self, scope: Scope, receive: Receive, send: Send, name: str | None
    ) -> None:
        started = time.perf_counter()
        status, kind = 500, ""
        asked, answered = _Body(), _Body()

        async def receiving() -> Message:
            message = await receive()
            if message["type"] == "http.request":
                asked.add(message.get("body", b""))
            return message

        async def sending(message: Message) -> None:
            nonlocal status, kind
            if message["type"] == "http.response.start":
                status = message["status"]
                for key, value in message.get("headers", ()):
                    if key == b"content-type":
                        kind = value.decode("latin-1")
            else:
                answered.add(message.get("body", b""))
            await send(message)

        try:
            await self.app(scope, receiving, sending)
        finally:
            self._keep(scope, name, status, started, asked.value(), answered.value(), kind)

    def _keep(
        self,
        scope: Scope,
        name: str | None,
        status: int,
        started: float,
        asked: bytes | None,
        answered: bytes | None,
        kind: str,
    ) -> None:
        took = (time.perf_counter() - started) * 1000
        found = self.workspaces.get(name)
        if found is not None:
            caller = scope.get("state", {}).get(_CALLER, "")
            self.journal.keep(found.id, (
                self.journal.next_id(), time.time(), scope["method"], scope["path"],
                scope.get("query_string", b""), status, took, caller, asked, answered, kind,
            ))  # fmt: skip
