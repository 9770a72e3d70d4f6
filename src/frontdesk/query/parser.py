"""Parser: tokens → ``Query``.

Grammar (research §1.1): ``query := group ('^NQ' group)* ['^EQ' tail]``,
``group := item ('^' item)*``, ``clause := term ('^OR' term)*`` — so ``^OR`` binds
tighter than ``^`` and ``^NQ`` loosest; what follows ``^EQ`` applies to every group.

Parsing never fails. What is not syntax (no operator, an ``^OR`` with nothing before it,
an ``RLQUERY`` never closed) becomes an ``Unparsed`` item where it stood, with the reason
and its position: the platform ignores an invalid part of a query (or returns no rows,
under ``glide.invalid_query.returns_no_rows``), and so does the compiler.
"""

from __future__ import annotations

import re

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
    Unparsed,
)
from frontdesk.query.tokens import Kind, Token, tokenize

_RL_HEAD = re.compile(
    r"(?P<table>[a-z0-9_]+)\.(?P<field>[a-z0-9_]+),(?P<count>[<>=!]{1,2}\d+)(?P<m2m>,m2m)?\Z"
)
_JOIN_HEAD = re.compile(
    r"(?P<table>[a-z0-9_]+)\.(?P<field>[a-z0-9_]+)=(?P<other>[a-z0-9_]+)\.(?P<other_field>[a-z0-9_]+)\Z"
)
_STRUCTURAL = {Kind.NQ, Kind.EQ, Kind.ORDERBY, Kind.ORDERBYDESC, Kind.GROUPBY, Kind.JOIN}
_CLOSING = {Kind.ENDRLQUERY: "ENDRLQUERY", Kind.ENDSUBQUERY: "ENDSUBQUERY"}


def parse(text: str) -> Query:
    """Parse an encoded query. A NUL character can be in no field name and no stored value:
    it is dropped."""
    text = text.replace("\x00", "")
    if not text:
        return EMPTY
    return _Parser(text, tokenize(text)).query(until=None)[0]


def _marker(token: Token) -> str:
    return {Kind.OR: "^OR", Kind.NQ: "^NQ", Kind.EQ: "^EQ"}.get(token.kind, token.kind.name)


class _Parser:
    def __init__(self, text: str, tokens: list[Token]) -> None:
        self.text = text
        self.tokens = tokens
        self.index = 0

    def peek(self) -> Token | None:
        return self.tokens[self.index] if self.index < len(self.tokens) else None

    def take(self) -> Token:
        token = self.tokens[self.index]
        self.index += 1
        return token

    def query(self, until: Kind | None) -> tuple[Query, bool]:
        """The query up to ``until`` (or the end), and whether ``until`` was found."""
        groups: list[list[Item]] = [[]]
        tail: list[Item] | None = None
        while (token := self.peek()) is not None:
            if token.kind is until:
                return self.built(groups, tail), True
            self.take()
            current = tail if tail is not None else groups[-1]
            if token.kind in _CLOSING:
                current.append(
                    Unparsed(_CLOSING[token.kind], "without its opening", token.position)
                )
                continue
            if token.kind is Kind.EQ:
                if tail is None:
                    tail = []
                continue
            if token.kind is Kind.NQ:
                if tail is not None:
                    tail.append(Unparsed("NQ", "^NQ after ^EQ", token.position))
                else:
                    groups.append([])
                    current = groups[-1]
                if self.peek() is None:
                    current.append(
                        Unparsed("NQ", "^NQ must be followed by a condition", token.position)
                    )
                    continue
                token = self.take()
            if token.kind is Kind.OR:
                self.extend_clause(current, token)
                continue
            current.append(self.item(token))
        return self.built(groups, tail), until is None

    @staticmethod
    def built(groups: list[list[Item]], tail: list[Item] | None) -> Query:
        return Query(
            groups=tuple(Group(items=tuple(g)) for g in groups),
            tail=Group(items=tuple(tail)) if tail is not None else None,
        )

    def extend_clause(self, items: list[Item], marker: Token) -> None:
        if self.peek() is None:
            items.append(Unparsed("OR", "^OR must be followed by a condition", marker.position))
            return
        term = self.term(self.take())
        if isinstance(term, Unparsed):
            items.append(term)
        elif items and isinstance(items[-1], Clause):
            items[-1] = Clause(terms=(*items[-1].terms, term))
        else:
            items.append(Unparsed("OR", "^OR must follow a condition", marker.position))
            items.append(Clause(terms=(term,)))

    def item(self, token: Token) -> Item:
        match token.kind:
            case Kind.ORDERBY | Kind.ORDERBYDESC:
                return OrderBy(token.text, token.kind is Kind.ORDERBYDESC, token.position)
            case Kind.GROUPBY:
                return GroupBy(token.text, token.position)
            case Kind.OPAQUE:
                return Opaque(token.text, token.position)
        term = self.term(token)
        return term if isinstance(term, Unparsed) else Clause(terms=(term,))

    def term(self, token: Token) -> Term | Unparsed:
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
                query, closed = self.query(until=Kind.ENDSUBQUERY)
                if not closed:
                    return self.unclosed(token, "ENDSUBQUERY")
                self.take()
                return Subquery(token.text, query, token.position)
            case Kind.JOIN:
                return self.join(token)
            case Kind.UNPARSED:
                return Unparsed(token.text, token.value, token.position)
        return Unparsed(_marker(token), f"unexpected {_marker(token)}", token.position)

    def unclosed(self, opening: Token, closing: str) -> Unparsed:
        return Unparsed(self.text[opening.position :], f"missing {closing}", len(self.text))

    def related_list(self, token: Token) -> RelatedList | Unparsed:
        query, closed = self.query(until=Kind.ENDRLQUERY)
        if not closed:
            return self.unclosed(token, "ENDRLQUERY")
        self.take()
        head = _RL_HEAD.match(token.text)
        if head is None:
            reason = "RLQUERY needs <table>.<field>,<count condition>[,m2m]"
            return Unparsed("RLQUERY" + token.text, reason, token.position)
        return RelatedList(
            table=head["table"],
            field=head["field"],
            count=head["count"],
            m2m=head["m2m"] is not None,
            query=query,
            position=token.position,
        )

    def join(self, token: Token) -> Join | Unparsed:
        # The joined query runs until the next structural token (research §1.1, pysnc).
        start = self.index
        while (nxt := self.peek()) is not None and nxt.kind not in _STRUCTURAL:
            if nxt.kind in _CLOSING:
                break
            self.index += 1
        head = _JOIN_HEAD.match(token.text)
        if head is None:
            reason = "JOIN needs <table>.<field>=<table>.<field>!"
            return Unparsed("JOIN" + token.text, reason, token.position)
        inner, _ = _Parser(self.text, self.tokens[start : self.index]).query(until=None)
        return Join(
            table=head["table"],
            field=head["field"],
            other=head["other"],
            other_field=head["other_field"],
            query=inner,
            position=token.position,
        )
