"""Access policies. A surface turns its caller (roles, an eGain actor, a Cention token's
claims) into a policy; the domain asks it questions and never knows a vendor's rules.

- ``denial(operation, table)``: why ``operation`` on ``table``'s records is refused, or
  ``None`` when it is allowed;
- ``rows(table)``: conditions every record of ``table`` that the caller sees must meet
  (none: every record), ANDed onto queries and checked on reads and writes by key.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from frontdesk.domain.principal import Principal
from frontdesk.errors import Forbidden, Operation
from frontdesk.query.ast import Term
from frontdesk.store.registry import TableDef


class Access(Protocol):
    def denial(self, operation: Operation, table: TableDef) -> Forbidden | None: ...

    def rows(self, table: TableDef) -> tuple[Term, ...]: ...


class Unrestricted:
    """Everything, every record: the command line, data loading, the system itself."""

    def denial(self, operation: Operation, table: TableDef) -> Forbidden | None:
        return None

    def rows(self, table: TableDef) -> tuple[Term, ...]:
        return ()


UNRESTRICTED = Unrestricted()


@dataclass(frozen=True, slots=True)
class Actor:
    """Who acts, in which workspace, under which policy: what every domain service takes."""

    principal: Principal
    access: Access

    @property
    def workspace_id(self) -> int:
        return self.principal.workspace_id

    @property
    def user_name(self) -> str:
        return self.principal.user_name

    @property
    def user_sys_id(self) -> str | None:
        return self.principal.user_sys_id

    def allows(self, operation: Operation, table: TableDef) -> bool:
        return self.access.denial(operation, table) is None

    def require(self, operation: Operation, table: TableDef) -> None:
        refused = self.access.denial(operation, table)
        if refused is not None:
            raise refused


def system(workspace_id: int, user_name: str = "system") -> Actor:
    """The actor of command-line commands and data loading."""
    return Actor(Principal(workspace_id, user_name), UNRESTRICTED)
