"""Record values as ServiceNow writes them: every value a string, ``""`` for empty, UTC
``YYYY-MM-DD HH:MM:SS`` for times."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, datetime
from typing import Any


def text(value: Any) -> str:
    if type(value) is str:
        return value
    if value is None:
        return ""
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, datetime):
        return value.isoformat(" ", "seconds")
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def plain(record: Mapping[str, Any], names: Iterable[str]) -> dict[str, str]:
    """Every field as a plain string (references as bare sys_ids): the Consumer API's shape."""
    shown = dict.fromkeys(names, "")
    for name, value in record.items():
        if value is not None and name in shown:
            shown[name] = value if type(value) is str else text(value)
    return shown


def cell(value: Any, shown: Any, *, mode: str, link: str | None) -> Any:
    """One Table API field in a ``sysparm_display_value`` mode (``false``, ``true``, ``all``);
    ``link`` is the referenced record's URL for a non-empty reference whose links are wanted."""
    if mode == "all":
        both = {"display_value": text(shown), "value": text(value)}
        if link:
            both["link"] = link
        return both
    if mode == "true":
        return {"display_value": text(shown), "link": link} if link else text(shown)
    return {"link": link, "value": text(value)} if link else text(value)
