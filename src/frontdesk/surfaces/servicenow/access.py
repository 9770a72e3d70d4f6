"""ServiceNow's access model: roles per table and per API (docs/decisions/0007-table-access.md).

A caller's roles become a ``RoleAccess`` policy, which the domain consults. ``admin`` may
do anything; a table's writers may also read it; a table not listed here is ``admin``'s
alone. An API (the Consumer API) may further require a role of its own on every table it
touches.
"""

from __future__ import annotations

from dataclasses import dataclass

from frontdesk.errors import Forbidden, Operation
from frontdesk.store.registry import TableDef

ADMIN = "admin"
CUSTOMER_READERS = frozenset(
    {"csm_ws_integration", "sn_customerservice_agent", "sn_esm_agent", "sn_customerservice_manager"}
)
CUSTOMER_WRITERS = frozenset(
    {"csm_ws_integration", "sn_customerservice_agent", "sn_customerservice_manager"}
)
USER_READERS = frozenset({"user_admin", "itil", *CUSTOMER_READERS})
USER_ADMINS = frozenset({"user_admin"})
OAUTH_ADMINS = frozenset({"oauth_admin"})
OPENFRAME_USERS = frozenset({"sn_openframe_api_user", "sn_openframe_user"})


@dataclass(frozen=True, slots=True)
class TableRoles:
    read: frozenset[str] = frozenset()
    write: frozenset[str] = frozenset()


CUSTOMERS = TableRoles(CUSTOMER_READERS, CUSTOMER_WRITERS)
# What a telephony provider writes through openframe, and agents see.
CALLS = TableRoles(CUSTOMER_READERS | OPENFRAME_USERS, CUSTOMER_WRITERS | OPENFRAME_USERS)
# Customer Central's configuration: agents read it, administrators write it.
CARDS = TableRoles(CUSTOMER_READERS)
TABLES: dict[str, TableRoles] = {
    "sys_user": TableRoles(USER_READERS, USER_ADMINS),
    "sys_user_group": TableRoles(USER_READERS, USER_ADMINS),
    "sys_user_role": TableRoles(USER_ADMINS),
    "sys_user_has_role": TableRoles(USER_ADMINS, USER_ADMINS),
    "cmn_department": TableRoles(USER_READERS, USER_ADMINS),
    "sys_user_foreign_department": TableRoles(USER_READERS, USER_ADMINS),
    "oauth_entity": TableRoles(OAUTH_ADMINS, OAUTH_ADMINS),
    "customer_account": CUSTOMERS,
    "customer_contact": CUSTOMERS,
    "csm_consumer_user": CUSTOMERS,
    "csm_household": CUSTOMERS,
    "csm_consumer": CUSTOMERS,
    "sn_app_cs_social_social_profile": CUSTOMERS,
    "interaction": CALLS,
    "interaction_json_blob": CALLS,
    "interaction_related_record": CALLS,
    "sn_openframe_phone_log": CALLS,
    "sys_cs_provider_application": CALLS,
    "sn_customerservice_case": CUSTOMERS,
    "contract_sla": CUSTOMERS,
    "task_sla": CUSTOMERS,
    "kb_knowledge": CUSTOMERS,
    "kb_use": CUSTOMERS,
    "ast_contract": CUSTOMERS,
    "service_entitlement": CUSTOMERS,
    "sn_customercentral_cust_info_config": CARDS,
    "sn_customercentral_record_config": CARDS,
    "sn_customercentral_list_config": CARDS,
    "sn_customercentral_report_group_config": CARDS,
    "sn_customercentral_report_config": CARDS,
}
NOBODY = TableRoles()
TABLE_RULE = "table_role"


@dataclass(frozen=True, slots=True)
class Api:
    """An API that requires a role of its own, besides the tables' roles."""

    rule: str
    label: str
    roles: frozenset[str]


CONSUMER_API = Api("consumer_api", "The Consumer API", frozenset({"csm_ws_integration"}))
OPENFRAME_API = Api("openframe_api", "The openframe API", OPENFRAME_USERS)
CUSTOMER_CENTRAL_API = Api(
    "customer_central_api", "The Customer Central API", frozenset({"sn_esm_agent"})
)
APIS = {api.rule: api for api in (CONSUMER_API, OPENFRAME_API, CUSTOMER_CENTRAL_API)}

# Every role a surface of this server checks (the demo's admin holds them all).
ROLES = tuple(
    sorted(
        {
            ADMIN,
            *USER_READERS,
            *OAUTH_ADMINS,
            *CONSUMER_API.roles,
            *OPENFRAME_API.roles,
            *CUSTOMER_CENTRAL_API.roles,
        }
    )
)


def needed(roles: frozenset[str]) -> tuple[str, ...]:
    """What would allow it, as ServiceNow lists it: ``admin`` and the roles, sorted."""
    return tuple(sorted({ADMIN, *roles}))


@dataclass(frozen=True, slots=True)
class RoleAccess:
    """A ServiceNow caller: its roles, and the API it came through (if that API has a role)."""

    roles: frozenset[str]
    api: Api | None = None

    def denial(self, operation: Operation, table: TableDef) -> Forbidden | None:
        if ADMIN in self.roles:
            return None
        if self.api is not None and self.roles.isdisjoint(self.api.roles):
            return Forbidden(
                operation, table.name, rule=self.api.rule, needs=needed(self.api.roles)
            )
        found = TABLES.get(table.name, NOBODY)
        allowed = found.write if operation.writes else found.read | found.write
        if self.roles.isdisjoint(allowed):
            return Forbidden(operation, table.name, rule=TABLE_RULE, needs=needed(allowed))
        return None

    def rows(self, table: TableDef) -> tuple[()]:
        return ()
