"""Parser: tokens → ``Query``.

Grammar (research §1.1): ``query := group ('^NQ' group)* ['^EQ' tail]``,
``group := item ('^' item)*``, ``clause := term ('^OR' term)*`` — so ``^OR`` binds
tighter than ``^`` and ``^NQ`` loosest; what follows ``^EQ`` applies to every group.
"""

from __future__ import annotations

import re

from frontdesk.errors import QueryError
from frontdesk.query.ast import (
    EMPTY,
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
)
from frontdesk.query.tokens import Kind, Token, tokenize

_RL_HEAD = re.compile(
    r"(?P<table>[a-z0-9_]+)\.(?P<field>[a-z0-9_]+),(?P<count>[<>=!]{1,2}\d+)(?P<m2m>,m2m)?\Z"
)
_JOIN_HEAD = re.compile(
    r"(?P<table>[a-z0-9_]+)\.(?P<field>[a-z0-9_]+)=(?P<other>[a-z0-9_]+)\.(?P<other_field>[a-z0-9_]+)\Z"
)
_STRUCTURAL = {Kind.NQ, Kind.EQ, Kind.ORDERBY, Kind.ORDERBYDESC, Kind.GROUPBY, Kind.JOIN}


def parse(text: str) -> Query:
    """Parse an encoded query; raise ``QueryError`` (with its position) on bad syntax.
    A NUL character can be in no field name and no stored value: it is dropped."""
    text = text.replace("\x00", "")
    if not text:
        return EMPTY
    parser = _Parser(text, tokenize(text))
    query = parser.query(until=None)
    return query


class _Parser:
    def __init__(self, text: str, tokens: list[Token]) -> None:
        self.text = text
        self.tokens = tokens
        self.index = 0

    def error(self, message: str, position: int) -> QueryError:
        return QueryError(message, query=self.text, position=position)

    def peek(self) -> Token | None:
        return self.tokens[self.index] if self.index < len(self.tokens) else None

    def take(self) -> Token:
        token = self.tokens[self.index]
        self.index += 1
        return token

    def query(self, until: Kind | None) -> Query:
        groups: list[list[Item]] = [[]]
        tail: list[Item] | None = None
        while (token := self.peek()) is not None:
            if token.kind is until:
                break
            if token.kind in (Kind.ENDRLQUERY, Kind.ENDSUBQUERY):
                raise self.error(f"{token.kind.name} without its opening", token.position)
            self.take()
            current = tail if tail is not None else groups[-1]
            if token.kind is Kind.EQ:
                if tail is None:
                    tail = []
                continue
            if token.kind is Kind.NQ:
                if tail is not None:
                    raise self.error("^NQ after ^EQ", token.position)
                groups.append([])
                current = groups[-1]
                token = self.take_term_start(token)
            if token.kind is Kind.OR:
                self.extend_clause(current, token)
                continue
            current.append(self.item(token))
        else:
            if until is not None:
                raise self.error(f"missing {until.name}", len(self.text))
        return Query(
            groups=tuple(Group(items=tuple(g)) for g in groups),
            tail=Group(items=tuple(tail)) if tail is not None else None,
        )

    def take_term_start(self, marker: Token) -> Token:
        token = self.peek()
        if token is None:
            raise self.error("^NQ must be followed by a condition", marker.position)
        return self.take()

    def extend_clause(self, items: list[Item], marker: Token) -> None:
        if not items or not isinstance(items[-1], Clause):
            raise self.error("^OR must follow a condition", marker.position)
        if self.peek() is None:
            raise self.error("^OR must be followed by a condition", marker.position)
        term = self.term(self.take())
        items[-1] = Clause(terms=(*items[-1].terms, term))

    def item(self, token: Token) -> Item:
        match token.kind:
            case Kind.ORDERBY | Kind.ORDERBYDESC:
                return OrderBy(token.text, token.kind is Kind.ORDERBYDESC, token.position)
            case Kind.GROUPBY:
                return GroupBy(token.text, token.position)
            case Kind.OPAQUE:
                return Opaque(token.text, token.position)
            case _:
                return Clause(terms=(self.term(token),))

    def term(self, token: Token) -> Term:
        match token.kind:
            case Kind.CONDITION:
                return Condition(
                    token.field, token.operator, token.spelling, token.value, token.position
                )
            case Kind.TEXTQUERY:
                return TextSearch(token.text, token.position)
            case Kind.RLQUERY:
                return self.related_list(token)
            case Kind.SUBQUERY:
                return Subquery(token.text, self.query(until=Kind.ENDSUBQUERY), self.end(token))
            case Kind.JOIN:
                return self.join(token)
            case _:
                raise self.error(f"unexpected {token.kind.name}", token.position)

    def end(self, opening: Token) -> int:
        self.take()  # the END… token, guaranteed by query(until=…)
        return opening.position

    def related_list(self, token: Token) -> RelatedList:
        head = _RL_HEAD.match(token.text)
        if head is None:
            raise self.error(
                "RLQUERY needs <table>.<field>,<count condition>[,m2m]", token.position
            )
        query = self.query(until=Kind.ENDRLQUERY)
        self.end(token)
        return RelatedList(
            table=head["table"],
            field=head["field"],
            count=head["count"],
            m2m=head["m2m"] is not None,
            query=query,
            position=token.position,
        )

    def join(self, token: Token) -> Join:
        head = _JOIN_HEAD.match(token.text)
        if head is None:
            raise self.error("JOIN needs <table>.<field>=<table>.<field>!", token.position)
        # The joined query runs until the next structural token (research §1.1, pysnc).
        start = self.index
        while (nxt := self.peek()) is not None and nxt.kind not in _STRUCTURAL:
            if nxt.kind in (Kind.ENDRLQUERY, Kind.ENDSUBQUERY):
                break
            self.index += 1
        inner = _Parser(self.text, self.tokens[start : self.index]).query(until=None)
        return Join(
            table=head["table"],
            field=head["field"],
            other=head["other"],
            other_field=head["other_field"],
            query=inner,
            position=token.position,
        )
