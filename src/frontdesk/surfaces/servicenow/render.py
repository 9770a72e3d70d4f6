"""Record values as ServiceNow writes them: every value a string, ``""`` for empty, UTC
``YYYY-MM-DD HH:MM:SS`` for times."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
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


def table_rows(
    columns: Sequence[tuple[str, str | None]],
    values: Sequence[Sequence[Any]],
    displays: Sequence[Sequence[Any]] | None,
    *,
    mode: str,
    links: str | None,
) -> list[dict[str, Any]]:
    """Table API records in a ``sysparm_display_value`` mode (``false``, ``true``, ``all``).

    ``columns`` are (name, referenced table or None); ``links`` is the Table API base URL
    when reference links are wanted.
    """
    found: list[dict[str, Any]] = []
    for index, row in enumerate(values):
        shown = displays[index] if displays is not None else row
        record: dict[str, Any] = {}
        for (name, reference), value, display in zip(columns, row, shown, strict=True):
            link = f"{links}/{reference}/{value}" if links and reference and value else None
            if mode == "all":
                both = {"display_value": text(display), "value": text(value)}
                if link:
                    both["link"] = link
                record[name] = both
            elif mode == "true":
                record[name] = (
                    {"display_value": text(display), "link": link} if link else text(display)
                )
            else:
                record[name] = {"link": link, "value": text(value)} if link else text(value)
        found.append(record)
    return found
