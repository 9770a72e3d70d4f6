"""The whitelisted gs.* helpers, evaluated at a fixed moment; nothing else is executed."""

from __future__ import annotations

from datetime import datetime

import pytest

from frontdesk.query import dates

NOW = datetime(2026, 11, 22, 15, 30, 45)  # a Sunday
SESSION = dates.Session(NOW, "abc", "admin")


@pytest.mark.parametrize(
    ("script", "expected"),
    [
        ("javascript:gs.beginningOfToday()", datetime(2026, 11, 22, 0, 0, 0)),
        ("javascript:gs.endOfToday()", datetime(2026, 11, 22, 23, 59, 59)),
        ("javascript:gs.beginningOfYesterday()", datetime(2026, 11, 21)),
        ("javascript:gs.beginningOfThisWeek()", datetime(2026, 11, 16)),
        ("javascript:gs.endOfThisWeek()", datetime(2026, 11, 22, 23, 59, 59)),
        ("javascript:gs.beginningOfLastMonth()", datetime(2026, 10, 1)),
        ("javascript:gs.endOfLastMonth()", datetime(2026, 10, 31, 23, 59, 59)),
        ("javascript:gs.beginningOfThisQuarter()", datetime(2026, 10, 1)),
        ("javascript:gs.endOfNextQuarter()", datetime(2027, 3, 31, 23, 59, 59)),
        ("javascript:gs.beginningOfLastYear()", datetime(2025, 1, 1)),
        ("javascript:gs.beginningOfLast7Days()", datetime(2026, 11, 15)),
        ("javascript:gs.beginningOfLast15Minutes()", datetime(2026, 11, 22, 15, 15, 45)),
        ("javascript:gs.beginningOfCurrentHour()", datetime(2026, 11, 22, 15, 0, 0)),
        ("javascript:gs.daysAgo(2)", datetime(2026, 11, 20, 15, 30, 45)),
        ("javascript:gs.daysAgoStart(0)", datetime(2026, 11, 22)),
        ("javascript:gs.daysAgoEnd(1)", datetime(2026, 11, 21, 23, 59, 59)),
        ("javascript:gs.hoursAgoStart(1)", datetime(2026, 11, 22, 14, 0, 0)),
        ("javascript:gs.minutesAgo(30)", datetime(2026, 11, 22, 15, 0, 45)),
        ("javascript:gs.monthsAgoStart(11)", datetime(2025, 12, 1)),
        ("javascript:gs.quartersAgoEnd(1)", datetime(2026, 9, 30, 23, 59, 59)),
        ("javascript:gs.yearsAgo(1)", datetime(2025, 11, 22, 15, 30, 45)),
        ("javascript:gs.dateGenerate('2015-10-07','00:00:00')", datetime(2015, 10, 7)),
        ("javascript:gs.dateGenerate('2015-10-07','end')", datetime(2015, 10, 7, 23, 59, 59)),
        ('javascript:gs.dateGenerate("2020-01-01 10:11:12")', datetime(2020, 1, 1, 10, 11, 12)),
        ('javascript:gs.dateGenerate("2020-01-01", "start")', datetime(2020, 1, 1)),
        ("javascript:gs.now()", NOW),
        ("javascript:gs.getUserID()", "abc"),
        ("javascript:gs.getUserName()", "admin"),
    ],
)
def test_helpers(script: str, expected: object) -> None:
    assert dates.evaluate(script, SESSION) == expected


@pytest.mark.parametrize(
    "script",
    [
        "javascript:gs.eval('1')",
        "javascript:new GlideRecord('sys_user')",
        "javascript:'active=true^' + gs.getUserID()",
        "javascript:gs.daysAgo(x)",
        "javascript:gs.dateGenerate('not a date')",
        "javascript:gs.beginningOfLast7Weeks()",
    ],
)
def test_anything_else_is_refused(script: str) -> None:
    with pytest.raises(dates.Unsupported):
        dates.evaluate(script, SESSION)


def test_months_clamp_to_the_last_day() -> None:
    assert dates.add_months(datetime(2026, 3, 31), -1) == datetime(2026, 2, 28)
    assert dates.add_months(datetime(2024, 1, 31), 1) == datetime(2024, 2, 29)


def test_date_part() -> None:
    assert dates.date_part("javascript:gs.datePart('dayofweek','monday','GE')") == (
        "dayofweek",
        1,
        ">=",
    )
    assert dates.date_part("javascript:gs.datePart('month','december','LT')") == ("month", 12, "<")
