"""eGain's customer document (research §2.3): a customer with its links, type, department
and contacts (``email[]``, ``phone[]`` in eGain's parts, ``postal[]``, ``social[]``),
``displayValue``s in the caller's locale, moments as ``YYYY-MM-DDThh:mm:ss.SSSZ``."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from frontdesk.domain.customers.directory import Customer, Kind
from frontdesk.store.fields import ContactKind
from frontdesk.store.registry import TableDef
from frontdesk.surfaces.egain import messages

BASE = "/core/customermgr/v3/customer"
TYPE_NAMES = {Kind.PERSON: "individual", Kind.ORGANIZATION: "corporate", Kind.GROUP: "group"}
_EXTENSION = re.compile(r"\s*(?:x|ext\.?|extension|#)\s*(\d+)\s*\Z", re.IGNORECASE)


def moment(value: datetime | None) -> str | None:
    if value is None:
        return None
    return value.strftime("%Y-%m-%dT%H:%M:%S.") + f"{value.microsecond // 1000:03d}Z"


def customer(customer: Customer, attributes: frozenset[str], locale: str) -> dict[str, Any]:
    key = str(customer.key)
    record = customer.record
    type_name = TYPE_NAMES[customer.kind]
    shown: dict[str, Any] = {
        "link": [{"rel": "self", "href": f"{BASE}/{key}"}],
        "id": key,
        "cases": {"link": [{"rel": "case", "href": f"/core/casemgr/v3/case?customer={key}"}]},
        "customerName": record.get("name") or "",
        "type": {"value": type_name, "displayValue": messages.display(type_name, locale)},
        "lastModified": moment(record.get("sys_updated_on")),
    }
    department = record.get("department")
    if department:
        shown["department"] = {"id": str(department), "name": customer.department or ""}
    every = "all" in attributes
    if every or "created" in attributes:
        shown["created"] = moment(record.get("sys_created_on"))
    if every or "createdBy" in attributes:
        shown["createdBy"] = record.get("sys_created_by") or ""
    customs = {a.removeprefix("custom.") for a in attributes if a.startswith("custom.")}
    stored = record.get("custom") or {}
    if every or customs:
        shown["custom"] = {
            "attribute": [
                {"name": name, "value": value}
                for name, value in sorted(stored.items())
                if every or name in customs
            ]
        }
    shown["contacts"] = {
        "contact": [
            _contact(table, person, customer.social.get(person["sys_id"], []), locale)
            for table, person in customer.contacts
        ]
    }
    return shown


def _contact(
    table: TableDef, person: Mapping[str, Any], social: Sequence[Mapping[str, Any]], locale: str
) -> dict[str, Any]:
    changed = moment(person.get("sys_updated_on"))
    base = int(person["id"]) * 100

    def point_id(field: str) -> str:
        names = [f.name for f in table.all_fields()]
        return str(base + (names.index(field) if field in names else 99))

    emails = [
        {"emailAddress": person[f.name], "lastModified": changed, "id": point_id(f.name)}
        for f in table.contact_fields()
        if f.contact is ContactKind.EMAIL and person.get(f.name)
    ]
    phones = [
        _phone(f.name, str(person[f.name]), changed, point_id(f.name), locale)
        for f in table.contact_fields()
        if f.contact is ContactKind.PHONE and person.get(f.name)
    ]
    postal = []
    if any(person.get(name) for name in ("street", "city", "state", "zip", "country")):
        postal.append(
            {
                "type": {"value": "home", "displayValue": messages.display("home_address", locale)},
                "address_1": person.get("street") or "",
                "city": person.get("city") or "",
                "state": person.get("state") or "",
                "zip": person.get("zip") or "",
                "country": person.get("country") or "",
                "lastModified": changed,
                "id": point_id("street"),
            }
        )
    return {
        "systemCreated": False,
        "salutation": person.get("prefix") or "",
        "firstName": person.get("first_name") or "",
        "middleName": person.get("middle_name") or "",
        "lastName": person.get("last_name") or "",
        "lastModified": changed,
        "email": emails,
        "phone": phones,
        "postal": postal,
        "website": [],
        "social": [
            {
                "type": {"value": str(profile.get("channel") or "")},
                "socialId": str(profile.get("profile") or ""),
                "lastModified": moment(profile.get("sys_updated_on")),
                "id": str(profile["id"]),
            }
            for profile in social
        ],
    }


PHONE_TYPES = {
    "mobile_phone": "mobile",
    "home_phone": "home",
    "business_phone": "business",
    "phone": "business",
}


def _phone(
    field: str, written: str, changed: str | None, point: str, locale: str
) -> dict[str, Any]:
    """A phone in eGain's parts. A North American number (``+1``, or eleven digits from 1)
    splits into country code, area code and number; any other keeps its digits whole."""
    extension = ""
    found = _EXTENSION.search(written)
    if found is not None:
        extension, written = found.group(1), written[: found.start()]
    digits = re.sub(r"\D", "", written)
    if digits.startswith("00"):
        digits = digits[2:]
    value = PHONE_TYPES.get(field, "other")
    parts = {"phoneNo": digits, "countryCode": "", "areaCode": ""}
    if len(digits) == 11 and digits.startswith("1"):
        parts = {
            "phoneNo": f"{digits[4:7]} {digits[7:]}",
            "countryCode": "1",
            "areaCode": digits[1:4],
        }
    elif len(digits) == 10 and not written.strip().startswith("+"):
        parts = {
            "phoneNo": f"{digits[3:6]} {digits[6:]}",
            "countryCode": "",
            "areaCode": digits[:3],
        }
    return {
        "type": {"value": value, "displayValue": messages.display(value, locale)},
        **parts,
        "extension": extension,
        "lastModified": changed,
        "id": point,
    }
