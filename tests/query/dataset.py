"""A small, awkward set of consumers that every query test runs against."""

from __future__ import annotations

import hashlib
from datetime import datetime
from typing import Any

from frontdesk.domain.access import Actor
from frontdesk.domain.records import service as records
from frontdesk.domain.services import Services
from frontdesk.domain.workspace import Workspace
from frontdesk.store.tables import REGISTRY

NOW = datetime(2026, 11, 22, 12, 0, 0)
HOUSEHOLD = "0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a"

# name → (fields, created)
PEOPLE: dict[str, tuple[dict[str, Any], datetime]] = {
    "Harding Asher": (
        {
            "first_name": "Harding",
            "last_name": "Asher",
            "email": "harding.asher@mailinator.com",
            "city": "Plano",
            "state": "TX",
            "mobile_phone": "+1 (972) 555-0100",
            "gender": "Male",
        },
        datetime(2016, 6, 16, 19, 20, 13),
    ),
    "Sam Collins": (
        {
            "first_name": "Sam",
            "last_name": "Collins",
            "email": "sam.collins@mailinator.com",
            "city": "San Francisco",
            "state": "CA",
            "u_loyalty": "gold",
        },
        datetime(2016, 6, 16, 19, 17, 44),
    ),
    "Jane Dell Brown": (
        {
            "first_name": "Jane",
            "middle_name": "Dell",
            "last_name": "Brown",
            "city": "San Marcos",
            "state": "CA",
            "notification": 1,
            "active": False,
            "title": "Director",
        },
        datetime(2020, 1, 5, 10, 0, 0),
    ),
    "Zoë Ångström": (
        {
            "first_name": "Zoë",
            "last_name": "Ångström",
            "email": "ZOE@Example.com",
            "notification": None,
            "active": None,
            "u_loyalty": "silver",
        },
        datetime(2023, 3, 1, 0, 0, 0),
    ),
    "maria garcia": (
        {
            "first_name": "maria",
            "last_name": "garcia",
            "email": "maria@example.com",
            "city": "Austin",
            "state": "TX",
            "household": HOUSEHOLD,
        },
        datetime(2021, 7, 4, 8, 30, 0),
    ),
    "Ann_% Percent": (
        {
            "first_name": "Ann_%",
            "last_name": "Percent",
            "email": "ann@example.com",
            "city": "100% Town",
            "state": "NV",
        },
        datetime(2022, 2, 3, 23, 59, 59),
    ),
}


def sys_id_of(name: str) -> str:
    return hashlib.md5(name.encode()).hexdigest()


async def load(services: Services, workspace: Workspace, actor: Actor) -> dict[str, str]:
    """Insert the dataset; returns name → sys_id."""
    ids: dict[str, str] = {}
    async with services.write() as unit:
        await records.insert(
            unit,
            actor,
            REGISTRY["sys_dictionary"],
            {
                "name": "csm_consumer",
                "element": "u_loyalty",
                "internal_type": "string",
                "max_length": 20,
            },
        )
    async with services.write() as unit:
        await records.insert(
            unit,
            actor,
            REGISTRY["csm_household"],
            {"sys_id": HOUSEHOLD, "name": "Garcia Household"},
        )
        for name, (fields, created) in PEOPLE.items():
            values = {"sys_id": sys_id_of(name), **fields}
            if name == "Jane Dell Brown":
                values["user"] = actor.user_sys_id
            made = await records.insert(
                unit,
                actor,
                REGISTRY["csm_consumer"],
                values,
                system={"sys_created_on": created, "sys_updated_on": created},
            )
            ids[name] = made["sys_id"]
        await records.insert(
            unit,
            actor,
            REGISTRY["sn_app_cs_social_social_profile"],
            {"consumer": ids["Harding Asher"], "channel": "twitter", "profile": "harding"},
        )
    return ids
