"""ServiceNow demo records: the Consumer API's examples, exactly, and consumers around them.

The spec's list example (``sysparm_limit=2&sysparm_offset=2``) answers Harding Asher then
Sam Collins. In the default order (by sys_id) that holds only if exactly two consumers
sort before Harding (``01d8…``) and none between Harding and Sam (``a048…``); the
other consumers' sys_ids are chosen so.
"""

from __future__ import annotations

import hashlib
from datetime import datetime
from typing import Any

from frontdesk.domain.access import Actor
from frontdesk.domain.records import service as records
from frontdesk.domain.services import Unit
from frontdesk.store import records as store
from frontdesk.store.registry import TableDef
from frontdesk.store.tables import REGISTRY

CONSUMERS = REGISTRY["csm_consumer"]
CONSUMER_USERS = REGISTRY["csm_consumer_user"]
HOUSEHOLDS = REGISTRY["csm_household"]
SOCIAL_PROFILES = REGISTRY["sn_app_cs_social_social_profile"]

HARDING = "01d8403fdb1b1200b6075200cf961941"
# The account the Consumer API's list example filters on: every consumer here belongs to
# it (the openframe example's consumer, loaded with it, does not).
EXAMPLE_ACCOUNT = "86837a386f0331003b3c498f5d3ee4ca"
SAM = "a0488cfbdb1b1200b6075200cf9619db"


def _at(text: str) -> datetime:
    return datetime.strptime(text, "%Y-%m-%d %H:%M:%S")


# (fields, system fields) exactly as the Consumer API spec shows them.
EXAMPLE_CONSUMERS: list[tuple[dict[str, Any], dict[str, Any]]] = [
    (
        {
            "sys_id": HARDING,
            "first_name": "Harding",
            "last_name": "Asher",
            "email": "harding.asher@mailinator.com",
            "gender": "Male",
            "street": "6900 Dallas Pkwy",
            "city": "Plano",
            "state": "TX",
            "zip": "75024",
            "country": "USA",
            "notification": 2,
            "active": True,
            "primary": False,
            "user": "c3d35d82c37122005871d44d81d3ae91",
            "account": EXAMPLE_ACCOUNT,
        },
        {
            "number": "CSMR0000004",
            "sys_created_on": _at("2016-06-16 19:20:13"),
            "sys_created_by": "guest",
            "sys_updated_on": _at("2016-08-12 00:19:12"),
            "sys_updated_by": "prithvi",
            "sys_mod_count": 8,
        },
    ),
    (
        {
            "sys_id": SAM,
            "first_name": "Sam",
            "last_name": "Collins",
            "email": "sam.collins@mailinator.com",
            "gender": "Male",
            "street": "144 2nd St",
            "city": "San Francisco",
            "state": "CA",
            "zip": "94105",
            "country": "USA",
            "notification": 2,
            "active": True,
            "primary": False,
            "user": "64488cfbdb1b1200b6075200cf9619db",
            "account": EXAMPLE_ACCOUNT,
            # Not in the spec's examples: the number his calls come from (openframe).
            "home_phone": "+1 415 555 0134",
        },
        {
            "number": "CSMR0000002",
            "sys_created_on": _at("2016-06-16 19:17:44"),
            "sys_created_by": "guest",
            "sys_updated_on": _at("2016-08-12 00:20:27"),
            "sys_updated_by": "prithvi",
            "sys_mod_count": 13,
        },
    ),
]

EXAMPLE_CONSUMER_USERS = [
    {
        "sys_id": "c3d35d82c37122005871d44d81d3ae91",
        "user_name": "harding.asher",
        "first_name": "Harding",
        "last_name": "Asher",
        "email": "harding.asher@mailinator.com",
        "consumer": HARDING,
    },
    {
        "sys_id": "64488cfbdb1b1200b6075200cf9619db",
        "user_name": "sam.collins",
        "first_name": "Sam",
        "last_name": "Collins",
        "email": "sam.collins@mailinator.com",
        "consumer": SAM,
    },
]

# Everyone else: first, last, city, state, zip, mobile phone.
OTHERS = [
    ("Maria", "Garcia", "Austin", "TX", "78701", "+1 (512) 555-0101"),
    ("James", "Smith", "Denver", "CO", "80202", "+1 (303) 555-0102"),
    ("Aiko", "Tanaka", "Seattle", "WA", "98101", "+1 (206) 555-0103"),
    ("Olivia", "Brown", "Boston", "MA", "02108", "+1 (617) 555-0104"),
    ("Liam", "Johnson", "Chicago", "IL", "60601", "+1 (312) 555-0105"),
    ("Sofia", "Rossi", "Miami", "FL", "33101", "+1 (305) 555-0106"),
    ("Noah", "Williams", "Portland", "OR", "97201", "+1 (503) 555-0107"),
    ("Emma", "Jones", "Atlanta", "GA", "30301", "+1 (404) 555-0108"),
    ("Lucas", "Miller", "Phoenix", "AZ", "85001", "+1 (602) 555-0109"),
    ("Ava", "Davis", "San Diego", "CA", "92101", "+1 (619) 555-0110"),
    ("Ethan", "Wilson", "Dallas", "TX", "75201", "+1 (214) 555-0111"),
    ("Mia", "Moore", "Nashville", "TN", "37201", "+1 (615) 555-0112"),
    ("Mason", "Taylor", "Columbus", "OH", "43201", "+1 (614) 555-0113"),
    ("Isabella", "Anderson", "Raleigh", "NC", "27601", "+1 (919) 555-0114"),
    ("Logan", "Thomas", "Minneapolis", "MN", "55401", "+1 (612) 555-0115"),
    ("Amelia", "Jackson", "Detroit", "MI", "48201", "+1 (313) 555-0116"),
    ("Elijah", "White", "Salt Lake City", "UT", "84101", "+1 (801) 555-0117"),
    ("Harper", "Harris", "Kansas City", "MO", "64101", "+1 (816) 555-0118"),
    ("Carlos", "Garcia", "Austin", "TX", "78701", "+1 (512) 555-0119"),
    ("Chloe", "Martin", "Pittsburgh", "PA", "15201", "+1 (412) 555-0120"),
    ("Daniel", "Lee", "San Jose", "CA", "95101", "+1 (408) 555-0121"),
    ("Grace", "Walker", "Richmond", "VA", "23218", "+1 (804) 555-0122"),
    ("Henry", "Hall", "Omaha", "NE", "68101", "+1 (402) 555-0123"),
]
GARCIA_HOUSEHOLD = "4f1d6c2a9b8e4d7f8a3c5e6b7d8f9a01"


def other_sys_id(index: int) -> str:
    """Deterministic sys_ids: two sort before Harding's, the rest after Sam's."""
    digest = hashlib.md5(f"frontdesk-demo-consumer-{index}".encode()).hexdigest()
    lead = "00" if index == 0 else "01a" if index == 1 else "bcdef"[index % 5]
    return lead + digest[len(lead) :]


def _others() -> list[tuple[dict[str, Any], dict[str, Any]]]:
    found = []
    numbers = [1, 3, *range(5, 5 + len(OTHERS) - 2)]
    for index, (first, last, city, state, zip_code, mobile) in enumerate(OTHERS):
        created = datetime(2016, 6, 1 + index % 28, 9, index, 0)
        fields: dict[str, Any] = {
            "sys_id": other_sys_id(index),
            "first_name": first,
            "last_name": last,
            "email": f"{first}.{last}@example.com".lower(),
            "mobile_phone": mobile,
            "city": city,
            "state": state,
            "zip": zip_code,
            "country": "USA",
        }
        fields["account"] = EXAMPLE_ACCOUNT
        if last == "Garcia":
            fields["household"] = GARCIA_HOUSEHOLD
        system = {
            "number": f"CSMR{numbers[index]:07d}",
            "sys_created_on": created,
            "sys_created_by": "admin",
            "sys_updated_on": created,
            "sys_updated_by": "admin",
        }
        found.append((fields, system))
    return found


async def insert_missing(
    unit: Unit,
    actor: Actor,
    table: TableDef,
    fields: dict[str, Any],
    system: dict[str, Any] | None = None,
) -> None:
    ws = actor.workspace_id
    if not await store.exists(unit.tx, table, workspace_id=ws, sys_id=fields["sys_id"]):
        await records.insert(unit, actor, table, fields, system=system)


async def load(unit: Unit, actor: Actor) -> None:
    await insert_missing(
        unit,
        actor,
        HOUSEHOLDS,
        {"sys_id": GARCIA_HOUSEHOLD, "name": "Garcia Household", "city": "Austin", "state": "TX"},
        {"number": "HOLD0000001"},
    )
    for fields in EXAMPLE_CONSUMER_USERS:
        await insert_missing(unit, actor, CONSUMER_USERS, fields)
    for fields, system in [*EXAMPLE_CONSUMERS, *_others()]:
        await insert_missing(unit, actor, CONSUMERS, fields, system)
    await insert_missing(
        unit,
        actor,
        SOCIAL_PROFILES,
        {
            "sys_id": "5a0c1e2d3f4b4a6c8e9d0f1a2b3c4d5e",
            "consumer": other_sys_id(0),
            "channel": "twitter",
            "profile": "mariagarcia",
            "profile_url": "https://twitter.com/mariagarcia",
            "source": "demo",
        },
    )
