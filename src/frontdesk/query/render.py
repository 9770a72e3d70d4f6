"""Render a ``Query`` back to encoded-query text (canonical: no empty segments)."""

from __future__ import annotations

from frontdesk.query.ast import (
    Clause,
    Condition,
    Group,
    GroupBy,
    Item,
    Join,
    Opaque,
    OrderBy,
    Query,
    RelatedList,
    Subquery,
    Term,
    TextSearch,
    Unparsed,
)
from frontdesk.query.tokens import TEXT_QUERY


def render(query: Query) -> str:
    text = "^NQ".join(_group(g) for g in query.groups)
    if query.tail is not None:
        tail = _group(query.tail)
        text = f"{text}^EQ" + (f"^{tail}" if tail else "")
    return text


def _group(group: Group) -> str:
    return "^".join(_item(item) for item in group.items)


def _item(item: Item) -> str:
    match item:
        case Clause():
            return "^OR".join(_term(t) for t in item.terms)
        case OrderBy():
            return ("ORDERBYDESC" if item.descending else "ORDERBY") + item.field
        case GroupBy():
            return "GROUPBY" + item.field
        case Opaque() | Unparsed():
            return item.text


def _term(term: Term) -> str:
    match term:
        case Condition():
            return f"{term.field}{term.spelling}{term.value}"
        case TextSearch():
            return TEXT_QUERY + term.value
        case RelatedList():
            m2m = ",m2m" if term.m2m else ""
            inner = render(term.query)
            inner = f"^{inner}" if inner else ""
            return f"RLQUERY{term.table}.{term.field},{term.count}{m2m}{inner}^ENDRLQUERY"
        case Join():
            head = f"{term.table}.{term.field}={term.other}.{term.other_field}"
            return f"JOIN{head}!{render(term.query)}"
        case Subquery():
            inner = render(term.query)
            inner = f"^{inner}" if inner else ""
            return f"SUBQUERY{term.head}{inner}^ENDSUBQUERY"
