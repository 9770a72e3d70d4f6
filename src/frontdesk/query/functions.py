"""SQL that differs between dialects: date parts, date arithmetic, JSON custom fields."""

from __future__ import annotations

from abc import ABC, abstractmethod
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql
from sqlalchemy.sql.elements import ColumnElement

from frontdesk.query.dates import EARLIEST, LATEST, Unsupported
from frontdesk.store.fields import FieldType
from frontdesk.store.schema import search_index, timestamp

if TYPE_CHECKING:
    from frontdesk.query.conditions import Column

DATE_PARTS = ("dayofweek", "dayofmonth", "month", "quarter", "year", "hour", "minute")
# Ten thousand years in each unit: no shift of a stored date needs more, and PostgreSQL
# refuses intervals past its range. Shifted instants stop at EARLIEST and LATEST on both.
_LONGEST = {
    "minute": 10_000 * 366 * 1440,
    "hour": 10_000 * 366 * 24,
    "day": 10_000 * 366,
    "dayofweek": 10_000 * 366,
    "week": 10_000 * 53,
    "month": 120_000,
    "quarter": 40_000,
    "year": 10_000,
}


def capped(amount: int, unit: str) -> int:
    longest = _LONGEST.get(unit)
    if longest is None:
        raise Unsupported(f"unknown unit {unit!r}")
    return max(-longest, min(longest, amount))


class SqlFunctions(ABC):
    """What the compiler asks of a dialect; one subclass per database."""

    @abstractmethod
    def date_part(self, column: ColumnElement[Any], part: str) -> ColumnElement[int]:
        """ISO day of week (Monday 1 … Sunday 7), day of month, month, quarter, year, …"""

    @abstractmethod
    def shift(self, column: ColumnElement[Any], amount: int, unit: str) -> ColumnElement[Any]:
        """``column`` moved by ``amount`` units (a timestamp expression)."""

    @abstractmethod
    def truncate(self, column: ColumnElement[Any], unit: str) -> ColumnElement[Any]:
        """The start of the ``unit`` containing ``column``, comparable between rows."""

    def as_text(self, column: ColumnElement[Any]) -> ColumnElement[str]:
        return sa.cast(column, sa.String)

    def custom_text(self, custom: ColumnElement[Any], name: str) -> ColumnElement[str]:
        """A custom (``u_``) field's value, kept as text in the record's JSON column."""
        return custom[name].as_string()  # type: ignore[no-any-return]

    def custom_value(
        self, custom: ColumnElement[Any], name: str, kind: FieldType
    ) -> ColumnElement[Any]:
        """A custom field typed as declared (stored as canonical text)."""
        text = self.custom_text(custom, name)
        if kind is FieldType.INTEGER:
            return sa.cast(text, sa.Integer)
        if kind in (FieldType.DATETIME, FieldType.DATE):
            return self.text_as_time(text)
        return text

    def text_as_time(self, text: ColumnElement[str]) -> ColumnElement[Any]:
        return sa.cast(text, sa.DateTime)

    def searched(self, column: Column, operator: str, value: str) -> ColumnElement[bool] | None:
        """What a trigram index answers of a LIKE-family condition (a superset of its
        matches), when the database needs to be told; None: nothing to add."""
        return None


_SQLITE_UNITS = {
    "minute": "minutes",
    "hour": "hours",
    "day": "days",
    "dayofweek": "days",
    "month": "months",
    "year": "years",
}
_SQLITE_TRUNCATE = {
    "minute": "%Y-%m-%d %H:%M:00",
    "hour": "%Y-%m-%d %H:00:00",
    "day": "%Y-%m-%d 00:00:00",
    "dayofweek": "%Y-%m-%d 00:00:00",
    "month": "%Y-%m-01 00:00:00",
    "year": "%Y-01-01 00:00:00",
}


# A trigram index can only answer a pattern with three characters in a row, and FTS5's LIKE
# knows no ESCAPE: a value with a wildcard in it is matched by the LIKE alone.
_TRIGRAM = 3
_WILDCARDS = frozenset("%_\\")
_SHAPES = {"LIKE": "%{}%", "NOT LIKE": "%{}%", "STARTSWITH": "{}%", "ENDSWITH": "%{}"}


class SQLiteFunctions(SqlFunctions):
    def searched(self, column: Column, operator: str, value: str) -> ColumnElement[bool] | None:
        """SQLite's planner cannot use the FTS5 index of a LIKE on the table itself: ask the
        index for the rows (``search_<table>``, migration 0005) and keep the LIKE."""
        if not column.searchable or column.rows is None or column.table is None:
            return None
        if operator == "STARTSWITH" and column.field.indexed:
            return None  # the (workspace, lower(field)) b-tree range is narrower than trigrams
        if len(value) < _TRIGRAM or _WILDCARDS & set(value):
            return None
        index = search_index(column.table)
        if index is None:
            return None
        pattern = _SHAPES[operator].format(value)
        matches = sa.select(index.c.rowid).where(index.c[column.field.name].like(pattern))
        return column.rows.c.id.in_(matches)

    def text_as_time(self, text: ColumnElement[str]) -> ColumnElement[Any]:
        # Stored text is already "YYYY-MM-DD HH:MM:SS": no SQL cast, only the type.
        return sa.type_coerce(text, timestamp())

    def date_part(self, column: ColumnElement[Any], part: str) -> ColumnElement[int]:
        def fmt(pattern: str) -> ColumnElement[int]:
            return sa.cast(sa.func.strftime(pattern, column), sa.Integer)

        match part:
            case "dayofweek":  # %w is 0 = Sunday
                return (fmt("%w") + 6) % 7 + 1
            case "dayofmonth":
                return fmt("%d")
            case "month":
                return fmt("%m")
            case "quarter":
                return (fmt("%m") + 2) // 3
            case "year":
                return fmt("%Y")
            case "hour":
                return fmt("%H")
            case "minute":
                return fmt("%M")
        raise Unsupported(f"unknown date part {part!r}")

    def shift(self, column: ColumnElement[Any], amount: int, unit: str) -> ColumnElement[Any]:
        amount = capped(amount, unit)
        if unit == "quarter":
            amount, unit = amount * 3, "month"
        if unit == "week":
            amount, unit = amount * 7, "day"
        name = _SQLITE_UNITS.get(unit)
        if name is None:
            raise Unsupported(f"unknown unit {unit!r}")
        # SQLite's datetime() is NULL past year 9999 (or before year 0): stop at the edge.
        edge = (LATEST if amount > 0 else EARLIEST).strftime("%Y-%m-%d %H:%M:%S")
        return sa.func.coalesce(sa.func.datetime(column, f"{amount:+d} {name}"), edge)

    def truncate(self, column: ColumnElement[Any], unit: str) -> ColumnElement[Any]:
        pattern = _SQLITE_TRUNCATE.get(unit)
        if pattern is None:
            raise Unsupported(f"unknown unit {unit!r}")
        return sa.func.strftime(pattern, column)


_PG_PARTS = {
    "dayofweek": "isodow",
    "dayofmonth": "day",
    "month": "month",
    "quarter": "quarter",
    "year": "year",
    "hour": "hour",
    "minute": "minute",
}


class PostgresFunctions(SqlFunctions):
    def date_part(self, column: ColumnElement[Any], part: str) -> ColumnElement[int]:
        field = _PG_PARTS.get(part)
        if field is None:
            raise Unsupported(f"unknown date part {part!r}")
        return sa.cast(sa.extract(field, column), sa.Integer)

    def shift(self, column: ColumnElement[Any], amount: int, unit: str) -> ColumnElement[Any]:
        if unit == "dayofweek":
            unit = "day"
        if unit not in ("minute", "hour", "day", "week", "month", "quarter", "year"):
            raise Unsupported(f"unknown unit {unit!r}")
        amount = capped(amount, unit)
        if unit == "quarter":
            amount, unit = amount * 3, "month"
        interval = sa.cast(sa.literal(f"{amount} {unit}"), postgresql.INTERVAL)
        return sa.func.least(sa.func.greatest(column + interval, EARLIEST), LATEST)

    def truncate(self, column: ColumnElement[Any], unit: str) -> ColumnElement[Any]:
        if unit == "dayofweek":
            unit = "day"
        if unit not in ("minute", "hour", "day", "week", "month", "quarter", "year"):
            raise Unsupported(f"unknown unit {unit!r}")
        return sa.func.date_trunc(unit, column)


def functions_for(dialect_name: str) -> SqlFunctions:
    if dialect_name == "postgresql":
        return PostgresFunctions()
    return SQLiteFunctions()
