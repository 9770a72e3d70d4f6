"""Customer Central's report cards drawn as charts (inline SVG, no script): a single score,
a donut (or pie), bars (vertical or horizontal) and a trend (or line), from the values a
card's report computed."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

PALETTE = ("#0b6e4f", "#1f4fa8", "#c2410c", "#7c3aed", "#b45309", "#0e7490", "#be185d", "#4d7c0f")
DONUTS = frozenset({"donut", "pie"})
LINES = frozenset({"line", "trend"})
WIDTH, HEIGHT = 240, 140


@dataclass(frozen=True, slots=True)
class Part:
    label: str
    value: float
    shown: str  # the value as the card shows it
    color: str
    path: str = ""  # a donut's slice
    x: float = 0  # a bar's corner, or a point of a line
    y: float = 0
    w: float = 0  # a bar's size
    h: float = 0


@dataclass(slots=True)
class Chart:
    kind: str  # score, donut, bar, horizontal_bar, line, empty
    score: str = ""
    parts: list[Part] = field(default_factory=list)
    points: str = ""  # a line's polyline points
    width: int = WIDTH
    height: int = HEIGHT


def shown(value: Any, precision: int) -> str:
    if isinstance(value, float):
        return f"{value:,.{precision}f}"
    return f"{value:,}" if isinstance(value, int) else str(value if value is not None else 0)


def _number(value: Any) -> float:
    try:
        return float(value or 0)
    except (TypeError, ValueError):
        return 0.0


def _arc(start: float, end: float, outer: float = 60, inner: float = 36) -> str:
    """A donut's slice from ``start`` to ``end`` (fractions of the circle)."""
    if end - start >= 0.9999:  # a whole ring: two halves (one arc cannot close a circle)
        return _arc(start, start + 0.5, outer, inner) + " " + _arc(start + 0.5, end, outer, inner)
    cx, cy = 70, 70

    def at(fraction: float, radius: float) -> tuple[float, float]:
        angle = 2 * math.pi * fraction - math.pi / 2
        return cx + radius * math.cos(angle), cy + radius * math.sin(angle)

    large = 1 if end - start > 0.5 else 0
    (x1, y1), (x2, y2) = at(start, outer), at(end, outer)
    (x3, y3), (x4, y4) = at(end, inner), at(start, inner)
    return (
        f"M{x1:.2f},{y1:.2f} A{outer},{outer} 0 {large} 1 {x2:.2f},{y2:.2f} "
        f"L{x3:.2f},{y3:.2f} A{inner},{inner} 0 {large} 0 {x4:.2f},{y4:.2f} Z"
    )


def chart(report_type: str, value: Any, groups: list[tuple[str, Any]], precision: int = 2) -> Chart:
    """The chart of a report: its single score, or its groups as (label, score), the
    largest first (as the report computed them)."""
    if report_type == "single_score" or (not groups and value is not None):
        return Chart("score", score=shown(value, precision))
    if not groups:
        return Chart("empty")
    values = [_number(v) for _, v in groups]
    colored = [
        (label, number, shown(raw, precision), PALETTE[i % len(PALETTE)])
        for i, ((label, raw), number) in enumerate(zip(groups, values, strict=True))
    ]
    if report_type in DONUTS:
        total = sum(values) or 1.0
        parts, start = [], 0.0
        for label, number, text, color in colored:
            end = start + number / total
            path = _arc(start, end) if end > start else ""
            parts.append(Part(label, number, text, color, path=path))
            start = end
        return Chart("donut", parts=parts, width=140, height=140)
    largest = max(values) or 1.0
    if report_type == "horizontal_bar":
        row = HEIGHT / len(colored)
        return Chart("horizontal_bar", parts=[
            Part(label, number, text, color, x=0, y=round(i * row + 2, 1),
                 w=round(number / largest * (WIDTH - 40), 1), h=round(row - 4, 1))
            for i, (label, number, text, color) in enumerate(colored)
        ])  # fmt: skip
    if report_type in LINES:
        ordered = sorted(colored, key=lambda part: str(part[0]))  # in its groups' order
        step = WIDTH / max(len(ordered) - 1, 1)
        spots = [
            Part(label, number, text, PALETTE[0], x=round(i * step, 1),
                 y=round(HEIGHT - 10 - number / largest * (HEIGHT - 20), 1))
            for i, (label, number, text, _) in enumerate(ordered)
        ]  # fmt: skip
        return Chart("line", parts=spots, points=" ".join(f"{p.x},{p.y}" for p in spots))
    column = WIDTH / len(colored)
    return Chart("bar", parts=[
        Part(label, number, text, color, x=round(i * column + 3, 1),
             y=round(HEIGHT - number / largest * HEIGHT, 1), w=round(column - 6, 1),
             h=round(number / largest * HEIGHT, 1))
        for i, (label, number, text, color) in enumerate(colored)
    ])  # fmt: skip
