"""Field declarations: what a column is, independent of how any vendor renders it."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any


class FieldType(StrEnum):
    STRING = "string"
    INTEGER = "integer"
    BOOLEAN = "boolean"
    DATETIME = "glide_date_time"
    DATE = "glide_date"
    REFERENCE = "reference"
    CHOICE = "choice"
    EMAIL = "email"
    PHONE = "phone_number"
    URL = "url"
    IMAGE = "user_image"
    PASSWORD = "password"
    SYS_ID = "GUID"

    @property
    def is_text(self) -> bool:
        return self in _TEXT


_TEXT = frozenset(
    {
        FieldType.STRING,
        FieldType.CHOICE,
        FieldType.EMAIL,
        FieldType.PHONE,
        FieldType.URL,
        FieldType.IMAGE,
    }
)


class ContactKind(StrEnum):
    """What a field contributes to the identity index (DESIGN.md, "one customer")."""

    EMAIL = "email"
    PHONE = "phone"
    SOCIAL = "social"


# What an integer field holds (a 32-bit integer column on PostgreSQL).
INTEGER_MIN = -(2**31)
INTEGER_MAX = 2**31 - 1


@dataclass(frozen=True, slots=True)
class Field:
    name: str
    type: FieldType
    label: str
    max_length: int | None = None
    reference: str | None = None
    default: Any = None
    writable: bool = True
    # Never rendered, never queryable (password hashes).
    hidden: bool = False
    # Looked up by clients: gets a (workspace, value) index.
    indexed: bool = False
    choices: tuple[tuple[str, str], ...] = ()
    contact: ContactKind | None = None
    # Declared by a workspace (``u_`` fields in sys_dictionary), stored in the JSON column.
    custom: bool = False

    @property
    def is_reference(self) -> bool:
        return self.type is FieldType.REFERENCE


def _label(name: str) -> str:
    return name.replace("_", " ").capitalize()


def string(name: str, max_length: int = 40, **kw: Any) -> Field:
    return Field(name, FieldType.STRING, kw.pop("label", _label(name)), max_length, **kw)


def email(name: str, max_length: int = 100, **kw: Any) -> Field:
    return Field(name, FieldType.EMAIL, kw.pop("label", _label(name)), max_length, **kw)


def phone(name: str, max_length: int = 40, **kw: Any) -> Field:
    return Field(name, FieldType.PHONE, kw.pop("label", _label(name)), max_length, **kw)


def url(name: str, max_length: int = 1024, **kw: Any) -> Field:
    return Field(name, FieldType.URL, kw.pop("label", _label(name)), max_length, **kw)


def choice(
    name: str, choices: tuple[tuple[str, str], ...], max_length: int = 40, **kw: Any
) -> Field:
    return Field(
        name, FieldType.CHOICE, kw.pop("label", _label(name)), max_length, choices=choices, **kw
    )


def integer(name: str, **kw: Any) -> Field:
    return Field(name, FieldType.INTEGER, kw.pop("label", _label(name)), 40, **kw)


def boolean(name: str, default: bool | None = None, **kw: Any) -> Field:
    return Field(name, FieldType.BOOLEAN, kw.pop("label", _label(name)), 40, default=default, **kw)


def datetime_(name: str, **kw: Any) -> Field:
    return Field(name, FieldType.DATETIME, kw.pop("label", _label(name)), 40, **kw)


def date(name: str, **kw: Any) -> Field:
    return Field(name, FieldType.DATE, kw.pop("label", _label(name)), 40, **kw)


def reference(name: str, table: str, **kw: Any) -> Field:
    return Field(
        name, FieldType.REFERENCE, kw.pop("label", _label(name)), 32, reference=table, **kw
    )


def image(name: str, **kw: Any) -> Field:
    return Field(name, FieldType.IMAGE, kw.pop("label", _label(name)), 255, **kw)


def password(name: str, **kw: Any) -> Field:
    return Field(
        name,
        FieldType.PASSWORD,
        kw.pop("label", _label(name)),
        255,
        hidden=True,
        writable=False,
        **kw,
    )


# The ServiceNow system fields every table carries, in the order they are declared.
SYSTEM_FIELDS: tuple[Field, ...] = (
    Field("sys_id", FieldType.SYS_ID, "Sys ID", 32, writable=False),
    Field("sys_created_on", FieldType.DATETIME, "Created", 40, writable=False, indexed=True),
    Field("sys_created_by", FieldType.STRING, "Created by", 40, writable=False),
    Field("sys_updated_on", FieldType.DATETIME, "Updated", 40, writable=False, indexed=True),
    Field("sys_updated_by", FieldType.STRING, "Updated by", 40, writable=False),
    Field("sys_mod_count", FieldType.INTEGER, "Updates", 40, writable=False),
    Field(
        "sys_domain",
        FieldType.REFERENCE,
        "Domain",
        32,
        reference="sys_user_group",
        default="global",
        writable=False,
    ),
    Field("sys_tags", FieldType.STRING, "Tags", 4000, writable=False),
)
SYSTEM_FIELD_NAMES = frozenset(f.name for f in SYSTEM_FIELDS)
