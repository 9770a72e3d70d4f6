"""Who is authenticated: a user (or an OAuth client application) in one workspace.

``roles`` are the role records granted to the user, as data: the domain never reads a
particular one; a surface's access policy does.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Principal:
    workspace_id: int
    user_name: str
    user_sys_id: str | None = None
    roles: frozenset[str] = field(default_factory=frozenset)
    # Set when the caller authenticated as an OAuth client application (client_credentials).
    client_id: str | None = None
    # The user's own time zone (an IANA name), for values shown to them; None: UTC.
    time_zone: str | None = None
    # Where the token it signed in with may be used (``Applicant.realm``); None for a
    # password and for the ServiceNow surface's own tokens.
    realm: str | None = None
