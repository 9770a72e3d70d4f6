"""Tokenizer: split an encoded query into segments and each condition into field, operator, value.

Field names are lowercase (``[a-z0-9_.]``, custom ones ``u_…``) and operators are
uppercase words or symbols, so the operator is the earliest position where one starts,
longest spelling first (``NOT IN`` before ``IN``, ``>=`` before ``>``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum, auto

# Every spelling clients send, mapped to the operator it means.
OPERATORS: dict[str, str] = {
    "=": "=",
    "!=": "!=",
    "<": "<",
    "<=": "<=",
    ">": ">",
    ">=": ">=",
    "LIKE": "LIKE",
    "CONTAINS": "LIKE",
    "NOT LIKE": "NOT LIKE",
    "NOTLIKE": "NOT LIKE",
    "DOES NOT CONTAIN": "NOT LIKE",
    "NOT_CONTAINS": "NOT LIKE",
    "STARTSWITH": "STARTSWITH",
    "ENDSWITH": "ENDSWITH",
    "IN": "IN",
    "NOT IN": "NOT IN",
    "ISEMPTY": "ISEMPTY",
    "EMPTY": "ISEMPTY",
    "ISNOTEMPTY": "ISNOTEMPTY",
    "NOTEMPTY": "ISNOTEMPTY",
    "ANYTHING": "ANYTHING",
    "EMPTYSTRING": "EMPTYSTRING",
    "BETWEEN": "BETWEEN",
    "SAMEAS": "SAMEAS",
    "NSAMEAS": "NSAMEAS",
    "GT_FIELD": "GT_FIELD",
    "LT_FIELD": "LT_FIELD",
    "GT_OR_EQUALS_FIELD": "GT_OR_EQUALS_FIELD",
    "LT_OR_EQUALS_FIELD": "LT_OR_EQUALS_FIELD",
    "ON": "ON",
    "NOTON": "NOTON",
    "DATEPART": "DATEPART",
    "RELATIVEGT": "RELATIVEGT",
    "RELATIVELT": "RELATIVELT",
    "RELATIVEEE": "RELATIVEEE",
    "RELATIVEGE": "RELATIVEGE",
    "RELATIVELE": "RELATIVELE",
    "MORETHAN": "MORETHAN",
    "LESSTHAN": "LESSTHAN",
    "DYNAMIC": "DYNAMIC",
    "IN_HIERARCHY": "IN_HIERARCHY",
    "IN_HIERARCHY_DYNAMIC": "IN_HIERARCHY_DYNAMIC",
    "VALCHANGES": "VALCHANGES",
    "CHANGESFROM": "CHANGESFROM",
    "CHANGESTO": "CHANGESTO",
    "DOESNOTHAVE": "DOESNOTHAVE",
    "EXCLUDING": "EXCLUDING",
    "INSTANCEOF": "INSTANCEOF",
}

# Spellings grouped by first character, longest first.
_BY_FIRST: dict[str, list[str]] = {}
for _spelling in sorted(OPERATORS, key=len, reverse=True):
    _BY_FIRST.setdefault(_spelling[0], []).append(_spelling)

FIELD = re.compile(r"[A-Za-z_$][A-Za-z0-9_.$]*\Z")
TEXT_QUERY = "123TEXTQUERY321="
TEXT_INDEX_GROUP = "123TEXTINDEXGROUP321="


class Kind(Enum):
    CONDITION = auto()
    OR = auto()  # marker: the next token joins the previous clause
    NQ = auto()  # marker: the next token starts a new group
    EQ = auto()
    ORDERBY = auto()
    ORDERBYDESC = auto()
    GROUPBY = auto()
    RLQUERY = auto()
    ENDRLQUERY = auto()
    SUBQUERY = auto()
    ENDSUBQUERY = auto()
    JOIN = auto()
    TEXTQUERY = auto()
    OPAQUE = auto()
    UNPARSED = auto()  # not syntax: ``text`` is the segment, ``value`` why


@dataclass(frozen=True, slots=True)
class Token:
    kind: Kind
    position: int
    text: str = ""  # field (ORDERBY…), raw head (RLQUERY/JOIN/SUBQUERY), value (TEXTQUERY)
    field: str = ""
    operator: str = ""
    spelling: str = ""
    value: str = ""


def unparsed(text: str, position: int, reason: str) -> Token:
    return Token(Kind.UNPARSED, position, text=text, value=reason)


def tokenize(query: str) -> list[Token]:
    """Never fails: a segment that is not syntax becomes an ``UNPARSED`` token."""
    tokens: list[Token] = []
    position = 0
    for segment in query.split("^"):
        if segment:
            tokens.extend(_segment(segment, position))
        position += len(segment) + 1
    return tokens


def _segment(segment: str, position: int) -> list[Token]:
    if segment == "EQ":
        return [Token(Kind.EQ, position)]
    if segment.startswith("ORDERBYDESC"):
        return [_order(Kind.ORDERBYDESC, segment, 11, position)]
    if segment.startswith("ORDERBY"):
        return [_order(Kind.ORDERBY, segment, 7, position)]
    if segment.startswith("GROUPBY"):
        return [_order(Kind.GROUPBY, segment, 7, position)]
    if segment.startswith("NQ"):
        return [Token(Kind.NQ, position), *_segment(segment[2:], position + 2)]
    if segment.startswith("OR") and len(segment) > 2:
        return [Token(Kind.OR, position), *_segment(segment[2:], position + 2)]
    if segment == "ENDRLQUERY":
        return [Token(Kind.ENDRLQUERY, position)]
    if segment.startswith("RLQUERY"):
        return [Token(Kind.RLQUERY, position, text=segment[7:])]
    if segment == "ENDSUBQUERY":
        return [Token(Kind.ENDSUBQUERY, position)]
    if segment.startswith("SUBQUERY"):
        return [Token(Kind.SUBQUERY, position, text=segment[8:])]
    if segment.startswith("JOIN"):
        return _join(segment, position)
    if segment.startswith(TEXT_QUERY):
        return [Token(Kind.TEXTQUERY, position, text=segment[len(TEXT_QUERY) :])]
    if segment.startswith(TEXT_INDEX_GROUP):
        return [Token(Kind.OPAQUE, position, text=segment)]
    return [condition(segment, position)]


def _order(kind: Kind, segment: str, keyword: int, position: int) -> Token:
    field = segment[keyword:]
    if not FIELD.match(field):
        return unparsed(segment, position + keyword, "expected a field name to order by")
    return Token(kind, position + keyword, text=field)


def _join(segment: str, position: int) -> list[Token]:
    head, bang, rest = segment.partition("!")
    if not bang:
        return [unparsed(segment, position, "JOIN needs '!' after the joined fields")]
    tokens = [Token(Kind.JOIN, position, text=head[4:])]
    if rest:
        tokens.extend(_segment(rest, position + len(head) + 1))
    return tokens


def condition(segment: str, position: int) -> Token:
    """Split ``<field><operator><value>`` (or say why it cannot be split)."""
    for index in range(1, len(segment)):
        for spelling in _BY_FIRST.get(segment[index], ()):
            if segment.startswith(spelling, index):
                field = segment[:index]
                if not FIELD.match(field):
                    return unparsed(segment, position, f"{field!r} is not a field name")
                return Token(
                    Kind.CONDITION,
                    position,
                    field=field,
                    operator=OPERATORS[spelling],
                    spelling=spelling,
                    value=segment[index + len(spelling) :],
                )
    return unparsed(segment, position, f"no operator in condition {segment!r}")
