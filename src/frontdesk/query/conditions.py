"""One condition on one column, per field type, as a SQLAlchemy expression.

Semantics (research §1.2, KB0715430; docs/decisions/0004-encoded-query-semantics.md):
values compare case-insensitively (ASCII folding, identical on SQLite and PostgreSQL);
``!=``, ``NOT IN``, ``SAMEAS`` and ``NSAMEAS`` never match an empty value (NULL, or a
text ``""``); ``NOT LIKE`` does; booleans treat NULL as false. A condition that cannot
apply to its column raises ``Inapplicable`` and is dropped (or empties the result, by
property).
"""

from __future__ import annotations

import operator
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any, cast

import sqlalchemy as sa
from sqlalchemy.sql.elements import ColumnElement

from frontdesk.query import dates
from frontdesk.query.functions import SqlFunctions
from frontdesk.store.fields import INTEGER_MAX, INTEGER_MIN, Field, FieldType
from frontdesk.store.registry import TableDef
from frontdesk.store.text import fold

Expr = ColumnElement[Any]
Predicate = ColumnElement[bool]

NULL_WORDS = ("", "NULL")
TRUE_WORDS = ("true", "1")
FALSE_WORDS = ("false", "0")
ME = "90d1921e5f510100a9ad2572f2b477fe"  # the "Me" dynamic filter
FIELD_OPERATORS = frozenset(
    {"SAMEAS", "NSAMEAS", "GT_FIELD", "LT_FIELD", "GT_OR_EQUALS_FIELD", "LT_OR_EQUALS_FIELD"}
)
FIELD_COMPARE = {
    "GT_FIELD": ">",
    "LT_FIELD": "<",
    "GT_OR_EQUALS_FIELD": ">=",
    "LT_OR_EQUALS_FIELD": "<=",
}


class Inapplicable(ValueError):
    """The condition is well-formed but cannot apply (unknown field, wrong operator, bad value)."""


def like_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


_COMPARISONS: dict[str, Callable[[Any, Any], Any]] = {
    "=": operator.eq,
    "!=": operator.ne,
    "<": operator.lt,
    "<=": operator.le,
    ">": operator.gt,
    ">=": operator.ge,
}


def compare(left: Expr, op: str, right: Any) -> Predicate:
    function = _COMPARISONS.get(op)
    if function is None:
        raise Inapplicable(f"unknown comparison {op}")
    return cast(Predicate, function(left, right))


@dataclass(frozen=True, slots=True)
class Column:
    """A column the condition talks about, and how to reach a sibling column by name.
    ``table`` and ``rows`` say where it is, when it is a column of a registry table."""

    field: Field
    expr: Expr
    sibling: Callable[[str], Column]
    table: TableDef | None = None
    rows: sa.FromClause | None = None

    @property
    def searchable(self) -> bool:
        return self.table is not None and self.field.name in self.table.searchable


class Conditions:
    """Builds predicates; one instance per compiled query."""

    def __init__(self, functions: SqlFunctions, session: dates.Session) -> None:
        self.functions = functions
        self.session = session

    # ------------------------------------------------------------------ entry

    def build(self, column: Column, operator: str, value: str) -> Predicate:
        if operator in ("VALCHANGES", "CHANGESFROM", "CHANGESTO"):
            raise Inapplicable(f"{operator} applies to change conditions, not to queries")
        if operator == "ANYTHING":
            return sa.true()
        kind = column.field.type
        if kind in (FieldType.DATETIME, FieldType.DATE):
            return self.time(column, operator, value)
        if kind is FieldType.INTEGER:
            return self.integer(column, operator, value)
        if kind is FieldType.BOOLEAN:
            return self.boolean(column, operator, value)
        if kind is FieldType.PASSWORD:
            raise Inapplicable("password fields cannot be queried")
        return self.text(column, operator, value)

    # ------------------------------------------------------------------ values

    def scalar(self, value: str) -> str:
        """A text value, with script helpers evaluated."""
        if not dates.is_script(value):
            return value
        try:
            result = dates.evaluate(value, self.session)
        except dates.Unsupported as exc:
            raise Inapplicable(str(exc)) from exc
        if isinstance(result, datetime):
            return result.strftime("%Y-%m-%d %H:%M:%S")
        return result

    def moment(self, value: str) -> dates.Period:
        value = value.strip()
        if dates.is_script(value):
            try:
                result = dates.evaluate(value, self.session)
            except dates.Unsupported as exc:
                raise Inapplicable(str(exc)) from exc
            if isinstance(result, datetime):
                return dates.Period(result, result)
            value = result
        found = dates.parse_literal(value)
        if found is None:
            raise Inapplicable(f"{value!r} is not a date and time")
        return found

    # ------------------------------------------------------------------ text

    def text(self, column: Column, operator: str, raw: str) -> Predicate:
        ident = column.field.type in (FieldType.SYS_ID, FieldType.REFERENCE)
        col = column.expr
        # Identifiers are stored lower-case and indexed as they are; text is indexed on lower().
        key = col if ident else sa.func.lower(col)
        empty = sa.or_(col.is_(None), col == "")
        present = sa.and_(col.is_not(None), col != "")

        def having(test: Predicate) -> Predicate:
            """A test only a value passes, with ``IS NOT NULL`` said outright: an index of
            only the rows that have a value (a phone's) can serve it then."""
            return test if ident else sa.and_(col.is_not(None), test)

        match operator:
            case "=" | "!=":
                value = self.scalar(raw)
                if value in NULL_WORDS:
                    return empty if operator == "=" else present
                if operator == "=":
                    return having(key == fold(value))
                return sa.and_(present, key != fold(value))
            case "LIKE" | "NOT LIKE" | "STARTSWITH" | "ENDSWITH":
                value = fold(self.scalar(raw))
                served = self.functions.searched(column, operator, value)
                found = self.pattern(sa.func.lower(col), operator, value, served)
                return found if operator == "NOT LIKE" else having(found)
            case "IN" | "NOT IN":
                values = [fold(v) for v in self.scalar(raw).split(",")]
                if operator == "IN":
                    return having(key.in_(values))
                return sa.and_(present, key.not_in(values))
            case "ISEMPTY":
                return empty
            case "ISNOTEMPTY":
                return present
            case "EMPTYSTRING":  # empty text is stored as NULL: only a value from before 0004
                return col == ""
            case "<" | "<=" | ">" | ">=":
                return having(compare(key, operator, fold(self.scalar(raw))))
            case "BETWEEN":
                low, high = self.pair(raw)
                return having(key.between(fold(self.scalar(low)), fold(self.scalar(high))))
            case _ if operator in FIELD_OPERATORS:
                other = self.other(column, raw)
                other_key = other.expr if ident else sa.func.lower(other.expr)
                both = sa.and_(present, other.expr.is_not(None), other.expr != "")
                return sa.and_(both, self.field_compare(operator, key, other_key, col, other.expr))
            case "DYNAMIC":
                if column.field.type is not FieldType.REFERENCE or raw != ME:
                    raise Inapplicable(f"unknown dynamic filter {raw!r}")
                return col == (self.session.user_sys_id or "")
        raise Inapplicable(f"{operator} does not apply to {column.field.type} fields")

    def pattern(
        self, key: Expr, operator: str, value: str, served: Predicate | None = None
    ) -> Predicate:
        """``key`` against a LIKE-family ``value``. ``served`` is what an index can answer
        (a superset of the matches); the LIKE itself stays, so every database agrees."""
        escaped = like_escape(value)
        if operator == "STARTSWITH":
            match = key.like(f"{escaped}%", escape="\\")
            if not value:
                return match
            # A range the (workspace, lower(field)) index can serve, whatever the plan.
            upper = value[:-1] + chr(ord(value[-1]) + 1) if ord(value[-1]) < 0x10FFFF else None
            bounds = [key >= value] + ([key < upper] if upper else [])
            return sa.and_(*bounds, *([served] if served is not None else []), match)
        if operator == "ENDSWITH":
            match = key.like(f"%{escaped}", escape="\\")
            return sa.and_(served, match) if served is not None else match
        contains: Predicate = key.like(f"%{escaped}%", escape="\\")
        if served is not None:
            contains = sa.and_(served, contains)
        if operator == "NOT LIKE":
            return sa.or_(key.is_(None), sa.not_(contains))
        return contains

    def pair(self, raw: str) -> tuple[str, str]:
        low, at, high = raw.partition("@")
        if not at:
            raise Inapplicable("BETWEEN needs two values: <from>@<to>")
        return low, high

    def other(self, column: Column, raw: str) -> Column:
        """The sibling field a field-to-field operator compares with (``<name>[@unit…]``)."""
        name = raw.split("@", 1)[0]
        other = column.sibling(name)
        if _family(column.field.type) != _family(other.field.type):
            raise Inapplicable(f"{name} cannot be compared with {column.field.name}")
        return other

    def field_compare(
        self, operator: str, key: Expr, other_key: Expr, col: Expr, other: Expr
    ) -> Predicate:
        both = sa.and_(col.is_not(None), other.is_not(None))
        if operator == "SAMEAS":
            return sa.and_(both, key == other_key)
        if operator == "NSAMEAS":
            return sa.and_(both, key != other_key)
        return sa.and_(both, compare(key, FIELD_COMPARE[operator], other_key))

    # ------------------------------------------------------------------ integer

    def number(self, raw: str) -> int:
        value = self.scalar(raw).strip()
        try:
            return int(value)
        except ValueError:
            try:
                as_float = float(value)
            except ValueError:
                raise Inapplicable(f"{value!r} is not a number") from None
            if not as_float.is_integer():
                raise Inapplicable(f"{value!r} is not a whole number") from None
            return int(as_float)

    def whole(self, col: Expr, operator: str, value: int) -> Predicate:
        """``col <op> value`` for an integer column, decided here when ``value`` is beyond
        what the column can hold (the database would refuse to bind it)."""
        if INTEGER_MIN <= value <= INTEGER_MAX:
            test = compare(col, operator, value)
            return sa.and_(col.is_not(None), test) if operator == "!=" else test
        above = value > INTEGER_MAX
        present = col.is_not(None)
        match operator:
            case "=":
                return sa.false()
            case "!=":
                return present
            case "<" | "<=":
                return present if above else sa.false()
        return sa.false() if above else present

    def integer(self, column: Column, operator: str, raw: str) -> Predicate:
        col = column.expr
        match operator:
            case "=" | "!=":
                if raw.strip() in NULL_WORDS:
                    return col.is_(None) if operator == "=" else col.is_not(None)
                return self.whole(col, operator, self.number(raw))
            case "<" | "<=" | ">" | ">=":
                return self.whole(col, operator, self.number(raw))
            case "IN" | "NOT IN":
                numbers = [self.number(v) for v in raw.split(",") if v.strip()]
                values = [n for n in numbers if INTEGER_MIN <= n <= INTEGER_MAX]
                if operator == "IN":
                    return col.in_(values) if values else sa.false()
                return sa.and_(col.is_not(None), col.not_in(values))
            case "BETWEEN":
                low, high = self.pair(raw)
                bottom = max(self.number(low), INTEGER_MIN)
                top = min(self.number(high), INTEGER_MAX)
                return col.between(bottom, top) if bottom <= top else sa.false()
            case "ISEMPTY" | "EMPTYSTRING":
                return col.is_(None)
            case "ISNOTEMPTY":
                return col.is_not(None)
            case "LIKE" | "NOT LIKE" | "STARTSWITH" | "ENDSWITH":
                return self.pattern(self.functions.as_text(col), operator, fold(self.scalar(raw)))
            case _ if operator in FIELD_OPERATORS:
                other = self.other(column, raw)
                return self.field_compare(operator, col, other.expr, col, other.expr)
        raise Inapplicable(f"{operator} does not apply to integer fields")

    # ------------------------------------------------------------------ boolean

    def truth(self, raw: str) -> bool | None:
        value = self.scalar(raw).strip().lower()
        if value in TRUE_WORDS:
            return True
        if value in FALSE_WORDS:
            return False
        if value in ("", "null"):
            return None
        raise Inapplicable(f"{raw!r} is not true or false")

    def is_truth(self, col: Expr, value: bool | None) -> Predicate:
        if value is None:
            return col.is_(None)
        if value:
            return col == sa.true()
        return sa.or_(col == sa.false(), col.is_(None))

    def boolean(self, column: Column, operator: str, raw: str) -> Predicate:
        col = column.expr
        match operator:
            case "=":
                return self.is_truth(col, self.truth(raw))
            case "!=":
                value = self.truth(raw)
                if value is None:
                    return col.is_not(None)
                return self.is_truth(col, not value)
            case "IN" | "NOT IN":
                tests = [self.is_truth(col, self.truth(v)) for v in raw.split(",")]
                either = sa.or_(*tests)
                return either if operator == "IN" else sa.and_(col.is_not(None), sa.not_(either))
            case "ISEMPTY":
                return col.is_(None)
            case "ISNOTEMPTY":
                return col.is_not(None)
            case "SAMEAS" | "NSAMEAS":
                other = self.other(column, raw)
                return self.field_compare(operator, col, other.expr, col, other.expr)
        raise Inapplicable(f"{operator} does not apply to true/false fields")

    # ------------------------------------------------------------------ date and time

    def time(self, column: Column, operator: str, raw: str) -> Predicate:
        col = column.expr
        match operator:
            case "=":
                if raw.strip() in NULL_WORDS:
                    return col.is_(None)
                found = self.moment(raw)
                if found.start == found.end:
                    return col == found.start
                return col.between(found.start, found.end)
            case "!=":
                if raw.strip() in NULL_WORDS:
                    return col.is_not(None)
                found = self.moment(raw)
                inside = col.between(found.start, found.end)
                return sa.and_(col.is_not(None), sa.not_(inside))
            case "<" | ">=":
                return compare(col, operator, self.moment(raw).start)
            case "<=" | ">":
                return compare(col, operator, self.moment(raw).end)
            case "BETWEEN":
                low, high = self.pair(raw)
                return col.between(self.moment(low).start, self.moment(high).end)
            case "IN" | "NOT IN":
                moments = [self.moment(v) for v in raw.split(",") if v.strip()]
                either = sa.or_(*(col.between(m.start, m.end) for m in moments))
                return either if operator == "IN" else sa.and_(col.is_not(None), sa.not_(either))
            case "ON" | "NOTON":
                found = self.on(raw)
                inside = col.between(found.start, found.end)
                return inside if operator == "ON" else sa.and_(col.is_not(None), sa.not_(inside))
            case "DATEPART":
                return self.date_part(col, raw)
            case "RELATIVEGT" | "RELATIVELT" | "RELATIVEEE" | "RELATIVEGE" | "RELATIVELE":
                return self.relative(col, operator, raw)
            case "MORETHAN" | "LESSTHAN":
                return self.distance(column, operator, raw)
            case _ if operator in FIELD_OPERATORS:
                return self.time_fields(column, operator, raw)
            case "ISEMPTY" | "EMPTYSTRING":
                return col.is_(None)
            case "ISNOTEMPTY":
                return col.is_not(None)
            case "LIKE" | "NOT LIKE" | "STARTSWITH" | "ENDSWITH":
                return self.pattern(self.functions.as_text(col), operator, fold(self.scalar(raw)))
        raise Inapplicable(f"{operator} does not apply to date fields")

    def on(self, raw: str) -> dates.Period:
        parts = raw.split("@")
        if len(parts) >= 3:
            return dates.Period(self.moment(parts[1]).start, self.moment(parts[2]).end)
        label = parts[0]
        named = dates.LABELS.get(label.strip().lower())
        if named is not None:
            return dates.named_period(named, self.session.now)
        found = self.moment(label)
        return dates.Period(found.start, found.end)

    def date_part(self, col: Expr, raw: str) -> Predicate:
        script = raw.split("@", 1)[-1]
        try:
            part, number, comparison = dates.date_part(script)
            return compare(self.functions.date_part(col, part), comparison, number)
        except dates.Unsupported as exc:
            raise Inapplicable(str(exc)) from exc

    def unit_spec(self, raw: str, directions: tuple[str, str]) -> tuple[str, str, int]:
        parts = raw.split("@")
        if len(parts) != 4:
            raise Inapplicable(f"expected <…>@<unit>@<{'|'.join(directions)}>@<count>, not {raw!r}")
        _, unit, direction, count = parts
        if direction not in directions or not count.strip().lstrip("-").isdecimal():
            raise Inapplicable(f"cannot read {raw!r}")
        return unit, direction, int(count)

    def relative(self, col: Expr, operator: str, raw: str) -> Predicate:
        unit, direction, count = self.unit_spec(raw, ("ago", "ahead"))
        try:
            moment = dates.shift(self.session.now, -count if direction == "ago" else count, unit)
            bucket = dates.period(moment, unit)
        except dates.Unsupported as exc:
            raise Inapplicable(str(exc)) from exc
        match operator[8:]:
            case "EE":
                return col.between(bucket.start, bucket.end)
            case "GT":
                return col > moment
            case "GE":
                return col >= moment
            case "LT":
                return col < moment
        return col <= moment

    def distance(self, column: Column, operator: str, raw: str) -> Predicate:
        unit, direction, count = self.unit_spec(raw, ("before", "after"))
        other = self.other(column, raw)
        col, ref = column.expr, other.expr
        try:
            if direction == "before":
                edge = self.functions.shift(ref, -count, unit)
                test = col < edge if operator == "MORETHAN" else sa.and_(col >= edge, col <= ref)
            else:
                edge = self.functions.shift(ref, count, unit)
                test = col > edge if operator == "MORETHAN" else sa.and_(col <= edge, col >= ref)
        except dates.Unsupported as exc:
            raise Inapplicable(str(exc)) from exc
        return sa.and_(col.is_not(None), ref.is_not(None), test)

    def time_fields(self, column: Column, operator: str, raw: str) -> Predicate:
        other = self.other(column, raw)
        col, ref = column.expr, other.expr
        _, at, unit = raw.partition("@")
        if at and operator in ("SAMEAS", "NSAMEAS"):
            try:
                col_key, ref_key = (
                    self.functions.truncate(col, unit),
                    self.functions.truncate(ref, unit),
                )
            except dates.Unsupported as exc:
                raise Inapplicable(str(exc)) from exc
            return self.field_compare(operator, col_key, ref_key, col, ref)
        return self.field_compare(operator, col, ref, col, ref)


def _family(kind: FieldType) -> str:
    if kind.is_text or kind in (FieldType.SYS_ID, FieldType.REFERENCE):
        return "text"
    if kind in (FieldType.DATE, FieldType.DATETIME):
        return "time"
    return kind.value
