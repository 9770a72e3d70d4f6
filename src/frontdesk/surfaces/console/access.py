"""Who may see what in the console: an administrator sees and changes everything; anyone
else signed in (an agent) reads customers and their conversations, and changes nothing."""

from __future__ import annotations

from dataclasses import dataclass

from frontdesk.domain.access import Actor
from frontdesk.domain.auth.browser import Visitor
from frontdesk.domain.principal import Principal
from frontdesk.errors import Forbidden, Operation
from frontdesk.query.ast import Term
from frontdesk.store.registry import TableDef

# What an agent reads: people, their organisations, and what happened with them.
AGENT_READS = frozenset(
    {
        "csm_consumer",
        "customer_contact",
        "customer_account",
        "interaction",
        "sn_openframe_phone_log",
        "sn_customerservice_case",
        "kb_use",
        "kb_knowledge",
    }
)


@dataclass(frozen=True, slots=True)
class ConsoleAccess:
    administers: bool

    def denial(self, operation: Operation, table: TableDef) -> Forbidden | None:
        if self.administers or (not operation.writes and table.name in AGENT_READS):
            return None
        return Forbidden(operation, table.name, rule="console", needs=("admin",))

    def rows(self, table: TableDef) -> tuple[Term, ...]:
        return ()


def actor(workspace_id: int, visitor: Visitor) -> Actor:
    principal = Principal(workspace_id, visitor.user_name, visitor.user_sys_id, visitor.roles)
    return Actor(principal, ConsoleAccess(visitor.administers))
