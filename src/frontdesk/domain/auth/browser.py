"""Browser sessions (the web console's): a user signs in with their password (the same
check, hashing and failure budget as the APIs' password grants) and gets a random session
token, kept by the browser in a cookie and here only as its SHA-256. A session is an
interactive one (``presence.sessions``): its start is a Login, its end a Logout.

Forms carry a token derived from the session's (an HMAC under the instance secret), so a
page of another site cannot post one; before sign-in the form's token is compared with a
cookie of the same value (double submit).
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import timedelta

from frontdesk.domain import clock
from frontdesk.domain.auth import credentials, repository
from frontdesk.domain.presence import sessions
from frontdesk.domain.presence.sessions import Pair
from frontdesk.domain.principal import Principal
from frontdesk.domain.services import Services
from frontdesk.domain.workspaces.service import instance_secret

LIFETIME = timedelta(hours=8)
# The role that may administer the workspace (every page); others see people and
# conversations only.
ADMIN = "admin"


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def new_token() -> str:
    return secrets.token_urlsafe(32)


async def sign_in(
    services: Services, workspace_id: int, user_name: str, password: str, *, address: str | None
) -> tuple[str, Principal]:
    """A new session's token for the user whose password this is (``Unauthenticated``
    otherwise, counted against the user's and the address's failure budget)."""
    user = await credentials.verify_password(
        services, workspace_id, user_name, password, address=address
    )
    token = new_token()
    pair = Pair(_digest(token), None, clock.now() + LIFETIME)
    async with services.write() as unit:
        await sessions.begin(unit, workspace_id, str(user.user_sys_id), user.user_name, pair)
    return token, user


@dataclass(frozen=True, slots=True)
class Visitor:
    """A signed-in person: who, with which roles (as they are now, not at sign-in), and
    the token their session's forms carry."""

    user_sys_id: str
    user_name: str
    roles: frozenset[str]
    form_token: str

    @property
    def administers(self) -> bool:
        return ADMIN in self.roles


async def visitor(services: Services, workspace_id: int, token: str) -> Visitor | None:
    """Who the session ``token`` is in this workspace (None: no open session here)."""
    if not token:
        return None
    async with services.read() as unit:
        found = await sessions.current(unit, workspace_id, _digest(token))
        if found is None:
            return None
        roles = await repository.role_names(
            unit.tx, workspace_id=workspace_id, user_sys_id=found.user_sys_id
        )
        secret = await instance_secret(unit)
    form = hmac.new(secret, f"form:{token}".encode(), hashlib.sha256).hexdigest()
    return Visitor(found.user_sys_id, found.user_name, roles, form)


async def sign_out(services: Services, workspace_id: int, token: str) -> None:
    async with services.write() as unit:
        await sessions.end(unit, workspace_id, _digest(token))


def same(given: str, expected: str) -> bool:
    return bool(given) and hmac.compare_digest(given.encode(), expected.encode())
