"""The encoded-query syntax tree. Nodes are frozen and remember where they started."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Condition:
    field: str
    operator: str  # canonical token, e.g. "NOT LIKE"
    spelling: str  # as written, e.g. "DOES NOT CONTAIN"
    value: str
    position: int


@dataclass(frozen=True, slots=True)
class TextSearch:
    """``123TEXTQUERY321=<words>``: the keyword search over a record's text."""

    value: str
    position: int


@dataclass(frozen=True, slots=True)
class RelatedList:
    """``RLQUERY<table>.<field>,<count condition>[,m2m]^<query>^ENDRLQUERY``."""

    table: str
    field: str
    count: str  # e.g. ">=1", "=0"
    m2m: bool
    query: Query
    position: int


@dataclass(frozen=True, slots=True)
class Join:
    """``JOIN<table>.<field>=<other>.<other_field>!<query>``."""

    table: str
    field: str
    other: str
    other_field: str
    query: Query
    position: int


@dataclass(frozen=True, slots=True)
class Subquery:
    """``SUBQUERY<field>,<other_field>,<other>^<query>^ENDSUBQUERY``: kept, never evaluated."""

    head: str
    query: Query
    position: int


Term = Condition | TextSearch | RelatedList | Join | Subquery


@dataclass(frozen=True, slots=True)
class Clause:
    """Terms joined by ``^OR``: true when any term is."""

    terms: tuple[Term, ...]


@dataclass(frozen=True, slots=True)
class OrderBy:
    field: str
    descending: bool
    position: int


@dataclass(frozen=True, slots=True)
class GroupBy:
    field: str
    position: int


@dataclass(frozen=True, slots=True)
class Opaque:
    """A segment that is valid syntax but has no effect on rows (``123TEXTINDEXGROUP321=…``)."""

    text: str
    position: int


@dataclass(frozen=True, slots=True)
class Unparsed:
    """A part that is not encoded-query syntax: ignored, as the platform ignores an invalid
    part (or it empties the result, under ``glide.invalid_query.returns_no_rows``)."""

    text: str
    reason: str
    position: int


Item = Clause | OrderBy | GroupBy | Opaque | Unparsed


@dataclass(frozen=True, slots=True)
class Group:
    """Items joined by ``^``: clauses ANDed together."""

    items: tuple[Item, ...]

    def clauses(self) -> list[Clause]:
        return [item for item in self.items if isinstance(item, Clause)]


@dataclass(frozen=True, slots=True)
class Query:
    """``group (^NQ group)* [^EQ tail]``: any group matches, and the tail always must."""

    groups: tuple[Group, ...]
    tail: Group | None = None

    def also(self, *terms: Term) -> Query:
        """This query with ``terms`` ANDed onto every group (appended to the ``^EQ`` tail)."""
        if not terms:
            return self
        kept = self.tail.items if self.tail else ()
        return Query(self.groups, Group(items=(*kept, *(Clause(terms=(t,)) for t in terms))))

    def orders(self) -> list[OrderBy]:
        found: list[OrderBy] = []
        for group in (*self.groups, *((self.tail,) if self.tail else ())):
            found.extend(item for item in group.items if isinstance(item, OrderBy))
        return found


EMPTY = Query(groups=(Group(items=()),))
