"""Dynamic values: the whitelisted ``javascript:gs.*`` helpers, evaluated (never executed).

Every helper returns a UTC time to the second, as GlideSystem does; weeks start on
Monday; "end" means the last second of the period.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

_CALL = re.compile(r"javascript:\s*gs\.(?P<name>[A-Za-z0-9]+)\((?P<args>.*)\)\s*;?\s*\Z", re.S)
_ARG = re.compile(r"""\s*(?:'(?P<s1>[^']*)'|"(?P<s2>[^"]*)"|(?P<n>[+-]?\d+))\s*(?:,|\Z)""")
_DATETIME = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?\Z")
SECOND = timedelta(seconds=1)
# The instants a date can name; arithmetic beyond them stops at them.
EARLIEST = datetime(1, 1, 1)
LATEST = datetime(9999, 12, 31, 23, 59, 59)


class Unsupported(ValueError):
    """A value this server does not evaluate (not a whitelisted helper, or malformed)."""


@dataclass(frozen=True, slots=True)
class Period:
    start: datetime
    end: datetime


def is_script(text: str) -> bool:
    return text.startswith("javascript:")


def parse_literal(text: str) -> Period | None:
    """``YYYY-MM-DD HH:MM:SS`` is an instant; ``YYYY-MM-DD`` the whole day."""
    match = _DATETIME.match(text.strip())
    if match is None:
        return None
    year, month, day, hour, minute, second = match.groups()
    try:
        if hour is None:
            start = datetime(int(year), int(month), int(day))
            return Period(start, _last_second(start, timedelta(days=1)))
        instant = datetime(
            int(year), int(month), int(day), int(hour), int(minute), int(second or 0)
        )
    except ValueError:
        return None
    return Period(instant, instant)


def call(text: str) -> tuple[str, list[str | int]]:
    match = _CALL.match(text.strip())
    if match is None:
        raise Unsupported(f"not a supported script value: {text}")
    args: list[str | int] = []
    rest = match["args"].strip()
    while rest:
        arg = _ARG.match(rest)
        if arg is None:
            raise Unsupported(f"cannot read the arguments of {text}")
        if arg["n"] is not None:
            args.append(int(arg["n"]))
        else:
            args.append(arg["s1"] if arg["s1"] is not None else arg["s2"])
        rest = rest[arg.end() :].strip()
    return match["name"], args


# ---------------------------------------------------------------- calendar arithmetic


def plus(moment: datetime, delta: timedelta) -> datetime:
    """``moment + delta``, stopping at the earliest and latest instants."""
    try:
        return max(EARLIEST, min(LATEST, moment + delta))
    except OverflowError:
        return LATEST if delta > timedelta(0) else EARLIEST


def _last_second(start: datetime, length: timedelta) -> datetime:
    """The last second of the period of ``length`` that begins at ``start``."""
    following = plus(start, length)
    return LATEST if following == LATEST else following - SECOND


def day_start(moment: datetime) -> datetime:
    return moment.replace(hour=0, minute=0, second=0, microsecond=0)


def add_months(moment: datetime, months: int) -> datetime:
    index = moment.year * 12 + moment.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    if year < EARLIEST.year:
        return EARLIEST
    if year > LATEST.year:
        return LATEST
    last = 31 if month == 12 else (date(year, month + 1, 1) - timedelta(days=1)).day
    return moment.replace(year=year, month=month, day=min(moment.day, last))


def period(moment: datetime, unit: str) -> Period:
    """The calendar period of ``unit`` containing ``moment``."""
    start: datetime
    match unit:
        case "minute":
            start = moment.replace(second=0, microsecond=0)
            return Period(start, _last_second(start, timedelta(minutes=1)))
        case "hour":
            start = moment.replace(minute=0, second=0, microsecond=0)
            return Period(start, _last_second(start, timedelta(hours=1)))
        case "day" | "dayofweek":
            start = day_start(moment)
            return Period(start, _last_second(start, timedelta(days=1)))
        case "week":
            start = plus(day_start(moment), -timedelta(days=moment.weekday()))
            return Period(start, _last_second(start, timedelta(days=7)))
        case "month":
            start = day_start(moment).replace(day=1)
            return Period(start, _months_end(start, 1))
        case "quarter":
            start = day_start(moment).replace(day=1, month=(moment.month - 1) // 3 * 3 + 1)
            return Period(start, _months_end(start, 3))
        case "year":
            start = day_start(moment).replace(month=1, day=1)
            return Period(start, _months_end(start, 12))
    raise Unsupported(f"unknown unit {unit!r}")


def _months_end(start: datetime, months: int) -> datetime:
    following = add_months(start, months)
    return LATEST if following == LATEST else following - SECOND


def shift(moment: datetime, amount: int, unit: str) -> datetime:
    """``moment`` moved by ``amount`` units (negative: into the past), stopping at the
    earliest and latest instants a date can name."""
    try:
        match unit:
            case "second" | "minute" | "hour" | "day" | "dayofweek" | "week":
                return plus(moment, _step(unit) * amount)
            case "month":
                return add_months(moment, amount)
            case "quarter":
                return add_months(moment, 3 * amount)
            case "year":
                return add_months(moment, 12 * amount)
    except OverflowError:
        return LATEST if amount > 0 else EARLIEST
    raise Unsupported(f"unknown unit {unit!r}")


def _step(unit: str) -> timedelta:
    return {
        "second": SECOND,
        "minute": timedelta(minutes=1),
        "hour": timedelta(hours=1),
        "day": timedelta(days=1),
        "dayofweek": timedelta(days=1),
        "week": timedelta(weeks=1),
    }[unit]


# ---------------------------------------------------------------- named periods

# beginningOf<Name> / endOf<Name>: (unit, offset in units) of a calendar period.
_CALENDAR: dict[str, tuple[str, int]] = {
    "Today": ("day", 0),
    "Tomorrow": ("day", 1),
    "Yesterday": ("day", -1),
    "ThisWeek": ("week", 0),
    "LastWeek": ("week", -1),
    "NextWeek": ("week", 1),
    "ThisMonth": ("month", 0),
    "LastMonth": ("month", -1),
    "NextMonth": ("month", 1),
    "ThisQuarter": ("quarter", 0),
    "LastQuarter": ("quarter", -1),
    "NextQuarter": ("quarter", 1),
    "ThisYear": ("year", 0),
    "LastYear": ("year", -1),
    "NextYear": ("year", 1),
    "CurrentHour": ("hour", 0),
    "LastHour": ("hour", -1),
    "CurrentMinute": ("minute", 0),
    "OneYearAgo": ("day", 0),  # special-cased below: the same day a year ago
}
# beginningOfLast<N><Unit>: from the start of that many units ago until now.
_SPAN = re.compile(r"(Last|Next)(\d+)(Days|Months|Quarters|Hours|Minutes)\Z")
_SPAN_UNITS = {
    "Days": "day",
    "Months": "month",
    "Quarters": "quarter",
    "Hours": "hour",
    "Minutes": "minute",
}

# Labels the condition builder writes before ``@`` in ON/NOTON values.
LABELS: dict[str, str] = {
    "today": "Today",
    "yesterday": "Yesterday",
    "tomorrow": "Tomorrow",
    "this week": "ThisWeek",
    "last week": "LastWeek",
    "next week": "NextWeek",
    "this month": "ThisMonth",
    "last month": "LastMonth",
    "next month": "NextMonth",
    "this quarter": "ThisQuarter",
    "last quarter": "LastQuarter",
    "next quarter": "NextQuarter",
    "this year": "ThisYear",
    "last year": "LastYear",
    "next year": "NextYear",
    "current hour": "CurrentHour",
    "last hour": "LastHour",
    "current minute": "CurrentMinute",
}


def named_period(name: str, now: datetime) -> Period:
    if name == "OneYearAgo":
        return period(add_months(now, -12), "day")
    if name in _CALENDAR:
        unit, offset = _CALENDAR[name]
        return period(shift(now, offset, unit), unit)
    span = _SPAN.match(name)
    if span is None:
        raise Unsupported(f"unknown period {name!r}")
    direction, count, unit_name = span.groups()
    unit = _SPAN_UNITS[unit_name]
    if direction == "Last":
        fine = unit in ("hour", "minute")
        start = shift(now, -int(count), unit)
        return Period(
            start if fine else day_start(start), period(now, "day").end if not fine else now
        )
    end = shift(now, int(count), unit)
    return Period(day_start(now), period(end, "day").end)


# ---------------------------------------------------------------- the evaluator


@dataclass(frozen=True, slots=True)
class Session:
    """What a helper may know about the caller."""

    now: datetime
    user_sys_id: str | None = None
    user_name: str | None = None


Value = datetime | str


def evaluate(text: str, session: Session) -> Value:
    """The value of a whitelisted helper call, or ``Unsupported``."""
    name, args = call(text)
    now = session.now
    if name.startswith("beginningOf") or name.startswith("endOf"):
        begin = name.startswith("beginningOf")
        found = named_period(name.removeprefix("beginningOf").removeprefix("endOf"), now)
        return found.start if begin else found.end
    handler = _FUNCTIONS.get(name)
    if handler is None:
        raise Unsupported(f"gs.{name}() is not a supported helper")
    return handler(session, args)


def _int(args: list[str | int], index: int = 0, default: int = 0) -> int:
    if len(args) <= index:
        return default
    value = args[index]
    if isinstance(value, int):
        return value
    try:
        return int(value)
    except ValueError as exc:
        raise Unsupported(f"expected a number, not {value!r}") from exc


def _ago(unit: str, edge: str | None) -> Callable[[Session, list[str | int]], Value]:
    def helper(session: Session, args: list[str | int]) -> Value:
        moment = shift(session.now, -_int(args), unit)
        if edge is None:
            return moment
        found = period(moment, unit)
        return found.start if edge == "start" else found.end

    return helper


def _date_generate(session: Session, args: list[str | int]) -> Value:
    if not args or not isinstance(args[0], str):
        raise Unsupported("gs.dateGenerate() needs a date")
    day = parse_literal(args[0])
    if day is None:
        raise Unsupported(f"gs.dateGenerate(): not a date: {args[0]!r}")
    if len(args) < 2:
        return day.start
    when = args[1]
    if when == "start":
        return day_start(day.start)
    if when == "end":
        return _last_second(day_start(day.start), timedelta(days=1))
    clock = parse_literal(f"{args[0][:10]} {when}")
    if clock is None:
        raise Unsupported(f"gs.dateGenerate(): not a time: {when!r}")
    return clock.start


def _user_id(session: Session, args: list[str | int]) -> Value:
    return session.user_sys_id or ""


def _user_name(session: Session, args: list[str | int]) -> Value:
    return session.user_name or ""


def _now(session: Session, args: list[str | int]) -> Value:
    return session.now


_FUNCTIONS: dict[str, Callable[[Session, list[str | int]], Value]] = {
    "now": _now,
    "nowDateTime": _now,
    "nowNoTZ": _now,
    "dateGenerate": _date_generate,
    "getUserID": _user_id,
    "getUserName": _user_name,
}
for _unit, _prefix in (
    ("day", "days"),
    ("hour", "hours"),
    ("minute", "minutes"),
    ("month", "months"),
    ("quarter", "quarters"),
    ("year", "years"),
):
    _FUNCTIONS[f"{_prefix}Ago"] = _ago(_unit, None)
    _FUNCTIONS[f"{_prefix}AgoStart"] = _ago(_unit, "start")
    _FUNCTIONS[f"{_prefix}AgoEnd"] = _ago(_unit, "end")


# gs.datePart('dayofweek', 'monday', 'GE'): the part, the value, the comparison.
DAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTH_NAMES = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
DATE_PART_OPERATORS = {"EE": "=", "GE": ">=", "GT": ">", "LE": "<=", "LT": "<", "NE": "!="}


def date_part(text: str) -> tuple[str, int, str]:
    """``javascript:gs.datePart('dayofweek','monday','GE')`` → ("dayofweek", 1, ">=")."""
    name, args = call(text)
    if name != "datePart" or len(args) != 3:
        raise Unsupported(f"not a gs.datePart() call: {text}")
    part, raw, operator = (str(a) for a in args)
    part = part.lower()
    comparison = DATE_PART_OPERATORS.get(operator.upper())
    if comparison is None:
        raise Unsupported(f"unknown datePart comparison {operator!r}")
    value = raw.lower()
    number: int
    if part == "dayofweek" and value in DAY_NAMES:
        number = DAY_NAMES.index(value) + 1
    elif part == "month" and value in MONTH_NAMES:
        number = MONTH_NAMES.index(value) + 1
    elif value.lstrip("-").isdecimal():
        number = int(value)
    else:
        raise Unsupported(f"unknown {part} value {raw!r}")
    return part, number, comparison
