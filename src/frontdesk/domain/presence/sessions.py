"""Interactive sessions: a person signed in with their password until they sign out or
their access token expires. Each start is a Login event, each end a Logout.

A session is the pair of tokens one sign-in issued. Refreshing an open session moves it
to the new pair and its new expiry; refreshing one that has expired ends it (Logout at
its expiry) and starts another (Login now). Expired sessions nobody refreshed are ended
by ``sweep`` before their events are read, each at the moment it expired.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from frontdesk.domain import clock
from frontdesk.domain.errands import agents
from frontdesk.domain.presence import repository
from frontdesk.domain.services import Unit

SWEEP_PAGE = 1000


@dataclass(frozen=True, slots=True)
class Pair:
    """The tokens of one sign-in, by their SHA-256, and when the access token expires."""

    access_hash: str
    refresh_hash: str | None
    expires_at: datetime


async def begin(
    unit: Unit, workspace_id: int, user_sys_id: str, user_name: str, pair: Pair
) -> None:
    now = clock.now()
    group = await agents.group_of(unit, workspace_id, user_sys_id)
    await repository.add_sign_in(
        unit.tx,
        {
            "workspace_id": workspace_id,
            "user_sys_id": user_sys_id,
            "user_name": user_name,
            "system_group": group,
            "access_hash": pair.access_hash,
            "refresh_hash": pair.refresh_hash,
            "started_at": now,
            "expires_at": pair.expires_at,
        },
    )
    await repository.add_event(
        unit.tx,
        workspace_id=workspace_id,
        user_name=user_name,
        system_group=group,
        signed_in=True,
        at=now,
    )


@dataclass(frozen=True, slots=True)
class Signed:
    """Who an open session is."""

    user_sys_id: str
    user_name: str


async def current(unit: Unit, workspace_id: int, access_hash: str) -> Signed | None:
    """The person whose open, unexpired session ``access_hash`` names; None otherwise."""
    found = await repository.by_token(
        unit.tx, workspace_id=workspace_id, kind="access_hash", digest=access_hash
    )
    if found is None or found["ended_at"] is not None or found["expires_at"] <= clock.now():
        return None
    return Signed(str(found["user_sys_id"]), str(found["user_name"]))


async def renew(unit: Unit, workspace_id: int, refresh_hash: str, pair: Pair) -> None:
    """The session ``refresh_hash`` belongs to now holds ``pair`` (nothing, when that
    token came from no interactive sign-in)."""
    found = await repository.by_token(
        unit.tx, workspace_id=workspace_id, kind="refresh_hash", digest=refresh_hash
    )
    if found is None:
        return
    if found["ended_at"] is None and found["expires_at"] > clock.now():
        values = {
            "access_hash": pair.access_hash,
            "refresh_hash": pair.refresh_hash,
            "expires_at": pair.expires_at,
        }
        await repository.renew(unit.tx, id=found["id"], values=values)
        return
    await _end(unit, workspace_id, found, found["expires_at"])
    await begin(unit, workspace_id, found["user_sys_id"], found["user_name"], pair)


async def end(unit: Unit, workspace_id: int, token_hash: str) -> tuple[str, str | None] | None:
    """Sign out the session either of whose tokens is ``token_hash``: a Logout now (or
    when it expired, if it already had). The session's token hashes, to drop; None when
    the token belongs to no session."""
    for kind in ("access_hash", "refresh_hash"):
        found = await repository.by_token(
            unit.tx, workspace_id=workspace_id, kind=kind, digest=token_hash
        )
        if found is not None:
            await _end(unit, workspace_id, found, min(clock.now(), found["expires_at"]))
            return found["access_hash"], found["refresh_hash"]
    return None


async def _end(unit: Unit, workspace_id: int, session: dict[str, object], at: datetime) -> None:
    if session["ended_at"] is not None:
        return
    if await repository.end(unit.tx, id=int(str(session["id"])), at=at):
        await repository.add_event(
            unit.tx,
            workspace_id=workspace_id,
            user_name=str(session["user_name"]),
            system_group=str(session["system_group"]),
            signed_in=False,
            at=at,
        )


async def sweep(unit: Unit, workspace_id: int) -> int:
    """End the workspace's sessions that have expired, each with a Logout at its expiry;
    how many."""
    now = clock.now()
    ended = 0
    while True:
        expired = await repository.open_expired(
            unit.tx, workspace_id=workspace_id, now=now, limit=SWEEP_PAGE
        )
        for session in expired:
            await _end(unit, workspace_id, session | {"ended_at": None}, session["expires_at"])
        ended += len(expired)
        if len(expired) < SWEEP_PAGE:
            return ended
