"""Who is acting: an authenticated user (or the system) in one workspace."""

from __future__ import annotations

from dataclasses import dataclass, field

from frontdesk.errors import Forbidden

ADMIN = "admin"


@dataclass(frozen=True, slots=True)
class Principal:
    workspace_id: int
    user_name: str
    user_sys_id: str | None = None
    roles: frozenset[str] = field(default_factory=frozenset)
    # Set when the caller authenticated as an OAuth client application (client_credentials).
    client_id: str | None = None

    @property
    def is_admin(self) -> bool:
        return ADMIN in self.roles

    def has_any(self, roles: frozenset[str] | set[str]) -> bool:
        return self.is_admin or not self.roles.isdisjoint(roles)

    def require(self, roles: frozenset[str] | set[str], what: str) -> None:
        if not self.has_any(roles):
            needed = " or ".join(sorted({ADMIN, *roles}))
            raise Forbidden("User Not Authorized", detail=f"{what} requires the role {needed}")


def system(workspace_id: int, user_name: str = "system") -> Principal:
    """The actor of CLI commands and data loading."""
    return Principal(workspace_id=workspace_id, user_name=user_name, roles=frozenset({ADMIN}))
