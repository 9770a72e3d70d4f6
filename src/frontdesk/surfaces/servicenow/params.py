"""``sysparm_*`` parameters: numbers that must be numbers, booleans in any case."""

from __future__ import annotations

import re

from starlette.datastructures import QueryParams

from frontdesk.errors import Invalid, Problem
from frontdesk.query.ast import Query
from frontdesk.query.parser import parse

# No page is larger than this; clients page beyond it (Link headers say how).
MAX_LIMIT = 100_000
# What the databases can skip (a signed 64-bit integer).
MAX_OFFSET = 2**63 - 1
_NUMBER = re.compile(r"-?[0-9]+\Z")
# What Java's String.trim() removes: control characters and the space, nothing beyond.
_BLANK = "".join(map(chr, range(0x21)))


def first(params: QueryParams, name: str) -> str | None:
    """A parameter's first value, as a servlet reads it (Starlette's ``get`` gives the last)."""
    found = params.getlist(name)
    return found[0] if found else None


def integer(params: QueryParams, name: str, default: int, maximum: int | None = None) -> int:
    """A whole number of ASCII digits (``²`` is a digit to Python, not to us), given once;
    blank is the default."""
    given = params.getlist(name)
    if len(given) > 1:
        raise Invalid(Problem.NOT_SINGLE, parameter=name, value=given)
    raw = given[0] if given else None
    if raw is None or raw.strip(_BLANK) == "":
        return default
    text = raw.strip(_BLANK)
    if not _NUMBER.match(text):
        raise Invalid(Problem.NOT_WHOLE_NUMBER, parameter=name, value=raw)
    value = int(text)
    if value < 0:
        raise Invalid(Problem.NEGATIVE, parameter=name, value=raw)
    if maximum is not None and value > maximum:
        raise Invalid(Problem.OUT_OF_RANGE, parameter=name, value=raw)
    return value


def limit(params: QueryParams, default: int) -> int:
    return min(integer(params, "sysparm_limit", default), MAX_LIMIT)


def offset(params: QueryParams) -> int:
    return integer(params, "sysparm_offset", 0, MAX_OFFSET)


def boolean(params: QueryParams, name: str, default: bool = False) -> bool:
    """``true``/``false`` in any case (pysnow sends Python's ``True``/``False``)."""
    raw = first(params, name)
    if raw is None or raw.strip(_BLANK) == "":
        return default
    return raw.strip(_BLANK).lower() in ("true", "1", "yes")


def encoded_query(params: QueryParams) -> Query:
    return parse(first(params, "sysparm_query") or "")
