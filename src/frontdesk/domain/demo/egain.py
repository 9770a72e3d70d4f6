"""The demo's eGain side: departments, an agent with the search action, a client
application, and the customers the spec's example pages through — six reachable at phone
``14082343456102`` (so that page 4 of size 1 has a previous and a next page), John Tierney
of research §2.3 among them — with corporate customers in two departments.

The demo workspace has customer departmentalization off; a second workspace
(``DEPARTMENTS_WORKSPACE``) holds the same people with it on, where the agent works in one
department only.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from frontdesk.domain.access import Actor
from frontdesk.domain.auth import oauth, users
from frontdesk.domain.auth import repository as auth_store
from frontdesk.domain.demo.customer_service import demo_id
from frontdesk.domain.demo.servicenow import insert_missing
from frontdesk.domain.services import Unit
from frontdesk.store.tables import REGISTRY

AGENT = "egain.agent"
CUSTOMER = "john.tierney"
# Where the demo application's authorization codes go (the sign-in page's flow).
REDIRECT = "http://127.0.0.1:8400/callback"
DEPARTMENTS_WORKSPACE = "departments"
SERVICE = demo_id("department-service")
SALES = demo_id("department-sales")
PHONE = "+1 (408) 234-3456 x102"  # 14082343456102 as eGain's example searches it
JOHN = demo_id("egain-john-tierney")


@dataclass(frozen=True, slots=True)
class Secrets:
    client_id: str
    client_secret: str
    agent_password: str
    customer_password: str  # John Tierney's own sign-in
    # Hashes a secret for storing (only what is created is hashed).
    hashed: Callable[[str], Awaitable[str]]


def _records() -> Iterator[tuple[str, dict[str, Any]]]:
    for sys_id, name in ((SERVICE, "Service"), (SALES, "Sales")):
        yield "cmn_department", {"sys_id": sys_id, "name": name}
    household = demo_id("egain-tierney-household")
    yield (
        "csm_household",
        {"sys_id": household, "name": "Tierney household", "department": SERVICE},
    )
    yield (
        "csm_consumer",
        {
            "sys_id": JOHN,
            "prefix": "Mr.",
            "first_name": "John",
            "middle_name": "Russel",
            "last_name": "Tierney",
            "email": "john.russel@customer.com",
            "home_phone": PHONE,
            "street": "345 E Midfield Rd",
            "city": "Mountain View",
            "state": "Ca",
            "zip": "98704",
            "country": "USA",
            "household": household,
            "department": SERVICE,
        },
    )
    yield (
        "sn_app_cs_social_social_profile",
        {
            "sys_id": demo_id("egain-john-twitter"),
            "consumer": JOHN,
            "channel": "Twitter",
            "profile": "1234",
            "source": "demo",
        },
    )
    yield (
        "csm_consumer",
        {
            "sys_id": demo_id("egain-mary-tierney"),
            "first_name": "Mary",
            "last_name": "Tierney",
            "email": "mary.tierney@customer.com",
            "mobile_phone": "14082343456102",
            "department": SALES,
        },
    )
    companies = (
        ("Corp_Cust1", SERVICE, ("Ann Lee", "Bo Park")),
        ("Corp_Cust2", SALES, ("Cy Ode", "Di Ray")),
        ("Corp_Cust3", SALES, ("Ed Fox",)),
    )
    for name, department, people in companies:
        account = demo_id(f"egain-{name}")
        yield (
            "customer_account",
            {"sys_id": account, "name": name, "department": department},
        )
        for index, person in enumerate(people):
            first, last = person.split(" ")
            yield (
                "customer_contact",
                {
                    "sys_id": demo_id(f"egain-{name}-{person}"),
                    "first_name": first,
                    "last_name": last,
                    "email": f"{first.lower()}.{last.lower()}@{name.lower()}.example.com",
                    # The first contact of each company shares John's office line.
                    "phone": PHONE if index == 0 else f"+1 408 555 01{index:02d}",
                    "account": account,
                },
            )


async def load(
    unit: Unit,
    actor: Actor,
    secrets: Secrets,
    *,
    agent_roles: Iterable[str],
    agent_departments: tuple[str, ...],
) -> None:
    """The records, the agent (own department first, then the others they work in) and the
    client application, in the actor's workspace (adding nothing twice)."""
    for table, fields in _records():
        await insert_missing(unit, actor, REGISTRY[table], fields)
    ws = actor.workspace_id
    agent = await auth_store.login(unit.tx, workspace_id=ws, user_name=AGENT)
    if agent is None:
        own, *others = agent_departments
        agent = await users.create(
            unit,
            actor,
            user_name=AGENT,
            password_hash=await secrets.hashed(secrets.agent_password),
            roles=agent_roles,
            fields={"first_name": "Eve", "last_name": "Agent", "department": own},
        )
        for department in others:
            await insert_missing(
                unit,
                actor,
                REGISTRY["sys_user_foreign_department"],
                {
                    "sys_id": demo_id(f"agent-{ws}-{department}"),
                    "user": agent["sys_id"],
                    "department": department,
                },
            )
    known = await auth_store.login(
        unit.tx, workspace_id=ws, user_name=CUSTOMER, table="csm_consumer_user"
    )
    if known is None:
        await users.create_consumer_sign_in(
            unit,
            actor,
            consumer_sys_id=JOHN,
            user_name=CUSTOMER,
            password_hash=await secrets.hashed(secrets.customer_password),
        )
    client = await auth_store.client(unit.tx, workspace_id=ws, client_id=secrets.client_id)
    if client is None:
        await oauth.register_client(
            unit,
            actor,
            name="frontdesk demo eGain application",
            client_id=secrets.client_id,
            redirect_url=REDIRECT,
            secret_hash=await secrets.hashed(secrets.client_secret),
        )
