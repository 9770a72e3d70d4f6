"""eGain's actors as access policies: a client application, a user with actions and
departments, a customer. Each may read the customer directory; none writes through it."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from frontdesk.errors import Forbidden, Operation
from frontdesk.query.ast import Condition, Term
from frontdesk.store.registry import TableDef

# The action a user needs for customer search, and the role record that grants it.
VIEW_AGENT_CONSOLE = "View Agent Console"
ACTIONS = {VIEW_AGENT_CONSOLE: "view_agent_console"}
# What an agent who searches customers holds (the demo's agent).
AGENT_ROLES = tuple(ACTIONS.values())
# The directory's tables: customers, their contacts and social profiles, departments, and
# the activities (interactions) customers are searched by.
DIRECTORY = frozenset(
    {
        "interaction",
        "csm_consumer",
        "customer_account",
        "csm_household",
        "customer_contact",
        "sn_app_cs_social_social_profile",
        "cmn_department",
    }
)
# Where eGain tokens may be used: the tenant's user side (-U) and customer side (-C).
USERS_REALM = "egain-U"
CUSTOMERS_REALM = "egain-C"
# Where customers' own sign-ins are: consumers' users.
CUSTOMER_SIGN_INS = "csm_consumer_user"


class Kind(StrEnum):
    CLIENT = "client_application"
    USER = "user"
    CUSTOMER = "customer"


# A customer is a consumer; the other tables of customers hold nobody a customer may see.
NOBODY: tuple[Term, ...] = (Condition("sys_id", "ISEMPTY", "ISEMPTY", "", 0),)


@dataclass(frozen=True, slots=True)
class EgainAccess:
    kind: Kind
    actions: frozenset[str] = frozenset()  # the user's actions, by eGain's names
    sign_in: str | None = None  # a customer's own sign-in: they see themself alone

    def denial(self, operation: Operation, table: TableDef) -> Forbidden | None:
        if operation.writes or table.name not in DIRECTORY:
            return Forbidden(operation, table.name, rule="directory_read_only")
        if self.kind is Kind.USER and VIEW_AGENT_CONSOLE not in self.actions:
            return Forbidden(operation, table.name, rule=VIEW_AGENT_CONSOLE)
        return None

    def rows(self, table: TableDef) -> tuple[Term, ...]:
        if self.kind is not Kind.CUSTOMER:
            return ()
        if table.name == "csm_consumer":
            return (Condition("user", "=", "=", self.sign_in or "", 0),)
        return NOBODY if table.name in ("customer_account", "csm_household") else ()


def actions_of(roles: frozenset[str]) -> frozenset[str]:
    """The eGain actions a user's roles grant."""
    return frozenset(name for name, role in ACTIONS.items() if role in roles)
