"""Input values → stored values, per field type, with ServiceNow's lenient habits.

Clients send strings (``"true"``, ``"2"``), JSON scalars (pysnow sends booleans), or a
field object read back from a response (``{"value": …, "display_value": …}``). Text
longer than its field is cut to the field's length, as the platform does. Empty text is
stored as NULL: the platform shows both as ``""`` and no condition tells them apart
(docs/decisions/0016-empty-values-and-time-zones.md).
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from functools import cache
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from frontdesk.errors import Invalid, Problem
from frontdesk.query.dates import parse_literal
from frontdesk.store.fields import INTEGER_MAX, INTEGER_MIN, Field, FieldType

SYS_ID = re.compile(r"[0-9a-f]{32}\Z")
TIMESTAMP = "%Y-%m-%d %H:%M:%S"


def unwrap(value: Any) -> Any:
    if isinstance(value, dict):
        return value.get("value", value.get("display_value"))
    return value


def lookup_key(value: str) -> bool:
    """Whether ``value`` could be a stored key (at most 32 characters, no NUL): anything
    else matches no record, and is not worth a query."""
    return len(value) <= 32 and "\x00" not in value


def is_sys_id(value: Any) -> bool:
    return isinstance(value, str) and SYS_ID.match(value) is not None


def sys_id(value: Any) -> str:
    """A client-supplied sys_id: 32 hexadecimal characters (stored lower-case)."""
    text = str(unwrap(value) or "").strip().lower()
    if not SYS_ID.match(text):
        raise Invalid(Problem.NOT_SYS_ID, field="sys_id", value=value)
    return text


def coerce(field: Field, raw: Any) -> Any:
    value = unwrap(raw)
    if value is None:
        return None
    if isinstance(value, (list, dict)):
        raise _invalid(field, value, Problem.NOT_SINGLE)
    match field.type:
        case FieldType.INTEGER:
            return _integer(field, value)
        case FieldType.BOOLEAN:
            return _boolean(field, value)
        case FieldType.DATETIME:
            return _datetime(field, value)
        case FieldType.DATE:
            moment = _datetime(field, value)
            return moment.date() if moment is not None else None
        case FieldType.REFERENCE | FieldType.SYS_ID:
            text = _text(field, value, cut=False).strip()
            return text.lower() if is_sys_id(text.lower()) else (text or None)
    return _text(field, value) or None


def _invalid(field: Field, value: Any, problem: Problem) -> Invalid:
    return Invalid(problem, field=field.name, value=value)


def _text(field: Field, value: Any, *, cut: bool = True) -> str:
    if isinstance(value, bool):
        text = "true" if value else "false"
    elif isinstance(value, (str, int, float)):
        text = str(value)
    else:
        raise _invalid(field, value, Problem.NOT_TEXT)
    if "\x00" in text:  # no database column can hold it (PostgreSQL refuses it outright)
        raise _invalid(field, value, Problem.NOT_TEXT)
    if cut and field.max_length and len(text) > field.max_length:
        text = text[: field.max_length]
    return text


def _integer(field: Field, value: Any) -> int | None:
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, int):
        return _in_range(field, value, value)
    text = str(value).strip()
    if not text:
        return None
    if text.isascii() and text.lstrip("+-").isdigit():
        return _in_range(field, int(text), value)
    try:
        number = float(text)
    except ValueError:
        raise _invalid(field, value, Problem.NOT_WHOLE_NUMBER) from None
    if not number.is_integer():
        raise _invalid(field, value, Problem.NOT_WHOLE_NUMBER)
    return _in_range(field, int(number), value)


def _in_range(field: Field, number: int, given: Any) -> int:
    if not INTEGER_MIN <= number <= INTEGER_MAX:
        raise _invalid(field, given, Problem.OUT_OF_RANGE)
    return number


def _boolean(field: Field, value: Any) -> bool | None:
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in ("true", "1", "yes"):
        return True
    if text in ("false", "0", "no"):
        return False
    if not text:
        return None
    raise _invalid(field, value, Problem.NOT_BOOLEAN)


def _datetime(field: Field, value: Any) -> datetime | None:
    if isinstance(value, datetime):
        return value.replace(microsecond=0)
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day)
    text = str(value).strip()
    if not text:
        return None
    found = parse_literal(text)
    if found is not None:
        return found.start
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise _invalid(field, value, Problem.NOT_DATETIME) from None
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC).replace(tzinfo=None)
    return moment.replace(microsecond=0)


@cache
def zone(name: str | None) -> ZoneInfo | None:
    """A user's time zone (an IANA name such as ``Asia/Tokyo``); None for UTC or unknown."""
    if not name or name in ("UTC", "GMT"):
        return None
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return None


def local(moment: datetime, where: ZoneInfo | None) -> datetime:
    """A stored (UTC) time as the wall-clock time of ``where``."""
    if where is None:
        return moment
    return moment.replace(tzinfo=UTC).astimezone(where).replace(tzinfo=None)


def universal(moment: datetime, where: ZoneInfo | None) -> datetime:
    """A wall-clock time of ``where`` as the UTC time it is stored as."""
    if where is None:
        return moment
    return moment.replace(tzinfo=where).astimezone(UTC).replace(tzinfo=None)


def choice_value(field: Field, raw: Any) -> Any:
    """A choice given by its label (``Enable``) → its stored value (``2``)."""
    given = unwrap(raw)
    if not isinstance(given, str):
        return raw
    labels = {label.lower(): stored for stored, label in field.choices}
    return labels.get(given.strip().lower(), raw)


def custom_text(value: Any) -> str | None:
    """Custom fields are stored as text, in the form they are rendered in."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime):
        return value.strftime(TIMESTAMP)
    return str(value)
