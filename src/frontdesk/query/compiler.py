"""Compile a parsed ``Query`` against a registry table: a WHERE predicate and an ORDER BY.

Never filters in Python: every condition becomes SQL. Fields resolve through the table
registry (and the workspace's custom fields); a condition that cannot apply is recorded
in ``invalid`` and dropped, and the caller decides whether that empties the result
(``glide.invalid_query.returns_no_rows``).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

import sqlalchemy as sa
from sqlalchemy.sql.elements import ColumnElement

from frontdesk.query import dates
from frontdesk.query.ast import (
    Clause,
    Condition,
    Group,
    Join,
    OrderBy,
    Query,
    RelatedList,
    Subquery,
    Term,
    TextSearch,
    Unparsed,
)
from frontdesk.query.conditions import (
    ME,
    Column,
    Conditions,
    Inapplicable,
    compare,
    like_escape,
)
from frontdesk.query.functions import functions_for
from frontdesk.store.fields import Field, FieldType
from frontdesk.store.registry import TableDef
from frontdesk.store.schema import sa_table
from frontdesk.store.tables import REGISTRY
from frontdesk.store.text import fold

Predicate = ColumnElement[bool]
CustomFields = Callable[[str], Mapping[str, Field]]
_COUNT = re.compile(r"(>=|<=|!=|=|<|>)(\d+)\Z")
_MAX_ORDER_DEPTH = 3


def _no_custom_fields(table: str) -> Mapping[str, Field]:
    return {}


@dataclass(frozen=True)
class Scope:
    """What compiling a query needs beyond its text: whose data, when, and who asks."""

    workspace_id: int
    session: dates.Session
    custom_fields: CustomFields = _no_custom_fields


@dataclass(frozen=True)
class CompiledQuery:
    where: Predicate | None  # None: no restriction
    order_by: tuple[ColumnElement[Any], ...]
    invalid: tuple[str, ...]
    orders_sys_id: bool = False


@dataclass(frozen=True)
class _Frame:
    table: TableDef
    rows: sa.FromClause


@dataclass
class Compiler:
    scope: Scope
    dialect_name: str
    invalid: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.functions = functions_for(self.dialect_name)
        self.conditions = Conditions(self.functions, self.scope.session)

    # ------------------------------------------------------------------ entry

    def compile(
        self, query: Query, table: TableDef, rows: sa.FromClause | None = None
    ) -> CompiledQuery:
        frame = _Frame(table, rows if rows is not None else sa_table(table.name))
        where = self.query(query, frame)
        orders = query.orders()
        return CompiledQuery(
            where=where,
            order_by=tuple(self.order_by(orders, frame)),
            invalid=tuple(self.invalid),
            orders_sys_id=any(o.field == "sys_id" for o in orders),
        )

    def where(self, query: Query, table: TableDef, rows: sa.FromClause) -> Predicate | None:
        return self.query(query, _Frame(table, rows))

    # ------------------------------------------------------------------ structure

    def query(self, query: Query, frame: _Frame) -> Predicate | None:
        if len(query.groups) == 1 and query.tail is not None:  # one group: the tail is more of it
            whole = Group(items=(*query.groups[0].items, *query.tail.items))
            return self.group(whole, frame)
        groups = [self.group(g, frame) for g in query.groups]
        either = None if any(g is None for g in groups) else sa.or_(*groups)  # type: ignore[arg-type]
        tail = self.group(query.tail, frame) if query.tail is not None else None
        parts = [p for p in (either, tail) if p is not None]
        if not parts:
            return None
        return parts[0] if len(parts) == 1 else sa.and_(*parts)

    def group(self, group: Group, frame: _Frame) -> Predicate | None:
        self.invalid.extend(
            f"{item.text}: {item.reason} (at {item.position})"
            for item in group.items
            if isinstance(item, Unparsed)
        )
        clauses = group.clauses()
        hops = Counter(hop for c in clauses if (hop := _hop(c)) is not None)
        parts: list[Predicate] = []
        for clause in clauses:
            hop = _hop(clause)
            if hop is not None and hops.get(hop, 0) > 1:  # the first of several on one reference
                found = self.through(frame, hop, [c for c in clauses if _hop(c) == hop])
                hops[hop] = 0
            elif hop is not None and hop in hops and hops[hop] == 0:
                continue  # compiled with the first
            else:
                found = self.clause(clause, frame)
            if found is not None:
                parts.append(found)
        if not parts:
            return None
        return parts[0] if len(parts) == 1 else sa.and_(*parts)

    def through(self, frame: _Frame, hop: str, clauses: list[Clause]) -> Predicate | None:
        """Conditions ANDed on fields of one referenced record (``task.active=true^task.
        priority=1``): one ``task IN (SELECT sys_id … WHERE active AND priority=1)``,
        the same rows as a subquery each, in one pass over the referenced table."""
        try:
            target, rows, source = self.hop(frame, hop)
        except Inapplicable:
            found = [p for c in clauses if (p := self.clause(c, frame)) is not None]
            return sa.and_(*found) if found else None
        inner = _Frame(target, rows)
        parts: list[Predicate] = []
        for clause in clauses:
            term = clause.terms[0]
            assert isinstance(term, Condition)
            rest = replace(term, field=term.field.split(".", 1)[1])
            try:
                parts.append(self.condition(rest, inner, walked=True))
            except Inapplicable as exc:
                self.invalid.append(f"{_describe(term)}: {exc}")
        if not parts:
            return None
        ws = self.scope.workspace_id
        return source.in_(sa.select(rows.c.sys_id).where(rows.c.workspace_id == ws, *parts))

    def clause(self, clause: Clause, frame: _Frame) -> Predicate | None:
        parts: list[Predicate] = []
        for term in clause.terms:
            try:
                parts.append(self.term(term, frame))
            except Inapplicable as exc:
                self.invalid.append(f"{_describe(term)}: {exc}")
        if not parts:
            return None
        return parts[0] if len(parts) == 1 else sa.or_(*parts)

    def term(self, term: Term, frame: _Frame) -> Predicate:
        match term:
            case Condition():
                return self.condition(term, frame)
            case TextSearch():
                return self.text_search(term.value, frame)
            case RelatedList():
                return self.related_list(term, frame)
            case Join():
                return self.join(term, frame)
            case Subquery():
                raise Inapplicable("SUBQUERY is not supported")

    # ------------------------------------------------------------------ fields

    def field(self, table: TableDef, name: str) -> Field:
        found = table.field(name)
        if found is None and name.startswith("u_"):
            found = self.scope.custom_fields(table.name).get(name)
        if found is None or found.hidden:
            raise Inapplicable(f"no field {name} in {table.name}")
        return found

    def column(self, frame: _Frame, found: Field) -> Column:
        if found.custom:
            expr = self.functions.custom_value(frame.rows.c.custom, found.name, found.type)
            if found.type is FieldType.BOOLEAN:
                found = replace(found, type=FieldType.STRING)
        else:
            expr = frame.rows.c[found.name]
        return Column(
            found,
            expr,
            lambda name: self.column(frame, self.field(frame.table, name)),
            None if found.custom else frame.table,
            frame.rows,
        )

    def walk(
        self, frame: _Frame, path: list[str]
    ) -> tuple[_Frame, Field, Callable[[Predicate], Predicate]]:
        """Follow ``a.b.c``: each hop is a reference; a condition at the end is wrapped in
        ``a IN (SELECT sys_id FROM <table of a> WHERE …)`` per hop."""
        wraps: list[Callable[[Predicate], Predicate]] = []
        for hop in path[:-1]:
            target, rows, source = self.hop(frame, hop)

            def wrap(
                inner: Predicate, rows: sa.FromClause = rows, source: ColumnElement[Any] = source
            ) -> Predicate:
                return source.in_(
                    sa.select(rows.c.sys_id).where(
                        rows.c.workspace_id == self.scope.workspace_id, inner
                    )
                )

            wraps.append(wrap)
            frame = _Frame(target, rows)
        found = self.field(frame.table, path[-1])

        def composed(inner: Predicate) -> Predicate:
            for wrap in reversed(wraps):
                inner = wrap(inner)
            return inner

        return frame, found, composed

    def hop(self, frame: _Frame, name: str) -> tuple[TableDef, sa.FromClause, ColumnElement[Any]]:
        found = self.field(frame.table, name)
        target = REGISTRY.get(found.reference or "") if found.is_reference else None
        if target is None:
            raise Inapplicable(f"{name} is not a reference that can be dot-walked")
        return target, sa_table(target.name).alias(), self.column(frame, found).expr

    # ------------------------------------------------------------------ conditions

    def condition(self, condition: Condition, frame: _Frame, *, walked: bool = False) -> Predicate:
        """``walked``: the condition is on a referenced record's field (``task.<field>``),
        where tags and the class name are its plain columns."""
        path = condition.field.split(".")
        if path[0] == "sys_tags" and not walked:
            return self.tags(condition, frame, path)
        if path == ["sys_class_name"] and not walked:
            return self.class_name(condition, frame.table)
        target, found, wrap = self.walk(frame, path)
        column = self.column(target, found)
        operator, value = condition.operator, condition.value
        if found.is_reference and operator in ("LIKE", "NOT LIKE", "STARTSWITH", "ENDSWITH"):
            return wrap(self.by_display(column, operator, value, found))
        if operator in ("IN_HIERARCHY", "IN_HIERARCHY_DYNAMIC"):
            return wrap(self.hierarchy(column, operator, value))
        return wrap(self.conditions.build(column, operator, value))

    def display_column(self, table: TableDef) -> tuple[sa.FromClause, ColumnElement[Any]]:
        rows = sa_table(table.name).alias()
        return rows, rows.c[table.display_field]

    def by_display(self, column: Column, operator: str, value: str, found: Field) -> Predicate:
        """LIKE and friends on a reference match the referenced record's display value."""
        target = REGISTRY.get(found.reference or "")
        if target is None:
            raise Inapplicable(f"{found.name} refers to a table this server does not hold")
        rows, display = self.display_column(target)
        positive = operator if operator != "NOT LIKE" else "LIKE"
        test = self.conditions.pattern(
            sa.func.lower(display), positive, fold(self.conditions.scalar(value))
        )
        matching = column.expr.in_(
            sa.select(rows.c.sys_id).where(rows.c.workspace_id == self.scope.workspace_id, test)
        )
        if operator == "NOT LIKE":
            return sa.or_(column.expr.is_(None), sa.not_(matching))
        return matching

    def hierarchy(self, column: Column, operator: str, value: str) -> Predicate:
        """``IN_HIERARCHY``: the record itself and everything below it through the
        referenced table's self-reference (``manager``, ``parent``)."""
        target = REGISTRY.get(column.field.reference or "") if column.field.is_reference else None
        if target is None:
            raise Inapplicable("IN_HIERARCHY needs a reference field")
        links = [f for f in target.fields if f.is_reference and f.reference == target.name]
        if len(links) != 1:
            raise Inapplicable(f"{target.name} has no single parent field to follow")
        root = value.split("@")[-1]
        if operator == "IN_HIERARCHY_DYNAMIC":
            if root != ME:
                raise Inapplicable(f"unknown dynamic filter {root!r}")
            root = self.scope.session.user_sys_id or ""
        ws = self.scope.workspace_id
        top = sa_table(target.name).alias()
        tree = sa.select(top.c.sys_id).where(top.c.workspace_id == ws, top.c.sys_id == fold(root))
        cte = tree.cte(recursive=True)
        below = sa_table(target.name).alias()
        cte = cte.union(
            sa.select(below.c.sys_id).where(
                below.c.workspace_id == ws, below.c[links[0].name] == cte.c.sys_id
            )
        )
        return column.expr.in_(sa.select(cte.c.sys_id))

    def class_name(self, condition: Condition, table: TableDef) -> Predicate:
        """``sys_class_name``: every row of a table is of that table's class."""
        value, operator = condition.value, condition.operator
        names = [v.strip() for v in value.split(",")]
        match operator:
            case "INSTANCEOF":
                result = table.is_a(value)
            case "=":
                result = table.name == value
            case "!=":
                result = table.name != value
            case "IN":
                result = table.name in names
            case "NOT IN":
                result = table.name not in names
            case "ISNOTEMPTY" | "ANYTHING":
                result = True
            case "ISEMPTY":
                result = False
            case _:
                raise Inapplicable(f"{operator} does not apply to sys_class_name")
        return sa.true() if result else sa.false()

    def tags(self, condition: Condition, frame: _Frame, path: list[str]) -> Predicate:
        tag = path[1] if len(path) == 2 else condition.value
        if len(path) > 2 or not tag:
            raise Inapplicable("expected sys_tags.<tag>=<tag>")
        listed = "," + sa.func.coalesce(sa.func.lower(frame.rows.c.sys_tags), "") + ","
        has = listed.like(f"%,{like_escape(fold(tag))},%", escape="\\")
        if condition.operator in ("=", "LIKE", "IN"):
            return has
        if condition.operator in ("!=", "DOESNOTHAVE", "EXCLUDING", "NOT LIKE", "NOT IN"):
            return sa.not_(has)
        raise Inapplicable(f"{condition.operator} does not apply to tags")

    def text_search(self, words: str, frame: _Frame) -> Predicate:
        fields = [f for f in frame.table.all_fields() if f.type.is_text and not f.hidden]
        terms = [w for w in words.split() if w]
        if not terms:
            raise Inapplicable("empty text search")
        return sa.and_(
            *(
                sa.or_(
                    *(
                        sa.func.lower(frame.rows.c[f.name]).like(
                            f"%{like_escape(fold(word))}%", escape="\\"
                        )
                        for f in fields
                    )
                )
                for word in terms
            )
        )

    def related_list(self, related: RelatedList, frame: _Frame) -> Predicate:
        table = REGISTRY.get(related.table)
        if table is None:
            raise Inapplicable(f"no table {related.table}")
        link = self.field(table, related.field)
        if not link.is_reference:
            raise Inapplicable(f"{related.table}.{related.field} is not a reference")
        rows = sa_table(table.name).alias()
        inner = Compiler(self.scope, self.dialect_name, self.invalid).where(
            related.query, table, rows
        )
        conditions: list[Predicate] = [
            rows.c.workspace_id == self.scope.workspace_id,
            rows.c[link.name] == frame.rows.c.sys_id,
        ]
        if inner is not None:
            conditions.append(inner)
        count = _COUNT.match(related.count)
        assert count is not None  # the parser checked the shape
        operator, number = count.group(1), int(count.group(2))
        if (operator, number) in ((">=", 1), (">", 0), ("!=", 0)):
            return sa.exists(sa.select(sa.literal(1)).where(*conditions))
        if (operator, number) in (("=", 0), ("<", 1), ("<=", 0)):
            return sa.not_(sa.exists(sa.select(sa.literal(1)).where(*conditions)))
        counted = sa.select(sa.func.count()).where(*conditions).scalar_subquery()
        return compare(counted, operator, number)

    def join(self, join: Join, frame: _Frame) -> Predicate:
        if join.table != frame.table.name:
            raise Inapplicable(f"JOIN from {join.table} on a query of {frame.table.name}")
        other = REGISTRY.get(join.other)
        if other is None:
            raise Inapplicable(f"no table {join.other}")
        rows = sa_table(other.name).alias()
        mine = self.column(frame, self.field(frame.table, join.field)).expr
        theirs = self.column(_Frame(other, rows), self.field(other, join.other_field)).expr
        inner = Compiler(self.scope, self.dialect_name, self.invalid).where(join.query, other, rows)
        conditions = [rows.c.workspace_id == self.scope.workspace_id, theirs == mine]
        if inner is not None:
            conditions.append(inner)
        return sa.exists(sa.select(sa.literal(1)).where(*conditions))

    # ------------------------------------------------------------------ ordering

    def order_by(self, orders: list[OrderBy], frame: _Frame) -> list[ColumnElement[Any]]:
        result: list[ColumnElement[Any]] = []
        for order in orders:
            try:
                expr, nullable = self.order_key(frame, order.field.split("."), 0)
            except Inapplicable as exc:
                self.invalid.append(f"ORDERBY{order.field}: {exc}")
                continue
            if order.descending:
                result.append(expr.desc().nulls_last() if nullable else expr.desc())
            else:
                result.append(expr.asc().nulls_first() if nullable else expr.asc())
        return result

    def order_key(
        self, frame: _Frame, path: list[str], depth: int
    ) -> tuple[ColumnElement[Any], bool]:
        if depth > _MAX_ORDER_DEPTH:
            raise Inapplicable("ordering goes through too many references")
        if len(path) > 1:
            target, rows, source = self.hop(frame, path[0])
            inner, _ = self.order_key(_Frame(target, rows), path[1:], depth + 1)
            return self.lookup(inner, rows, source), True
        found = self.field(frame.table, path[0])
        expr = self.column(frame, found).expr
        if found.is_reference and found.reference in REGISTRY and found.name != "sys_domain":
            # References sort by what they show, as lists do.
            target = REGISTRY[found.reference or ""]
            rows = sa_table(target.name).alias()
            inner, _ = self.order_key(_Frame(target, rows), [target.display_field], depth + 1)
            return self.lookup(inner, rows, expr), True
        if found.type.is_text:
            return sa.func.lower(expr), True
        return expr, found.name != "sys_id"

    def lookup(
        self, inner: ColumnElement[Any], rows: sa.FromClause, source: ColumnElement[Any]
    ) -> ColumnElement[Any]:
        return (
            sa.select(inner)
            .where(rows.c.workspace_id == self.scope.workspace_id, rows.c.sys_id == source)
            .limit(1)
            .scalar_subquery()
        )


def _hop(clause: Clause) -> str | None:
    """The reference a clause of one condition walks through (``task`` of ``task.active``)."""
    if len(clause.terms) != 1 or not isinstance(term := clause.terms[0], Condition):
        return None
    hop, dot, _ = term.field.partition(".")
    return hop if dot and hop != "sys_tags" else None


def _describe(term: Term) -> str:
    if isinstance(term, Condition):
        return f"{term.field}{term.spelling}{term.value}"
    return type(term).__name__
