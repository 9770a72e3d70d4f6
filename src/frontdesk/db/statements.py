"""Statements built with SQLAlchemy, compiled by its dialects, run on the native driver.

SQLAlchemy builds and compiles every statement and supplies the type processors; we
skip only its execution layer, whose per-call cost (connection checkout, cache-key
generation, result wrapping) was more than half of a by-key request's budget
(docs/decisions/0002-execution-layer.md).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Dialect
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.elements import ClauseElement

Processor = Callable[[Any], Any]
Params = Mapping[str, Any]


@dataclass(frozen=True, slots=True)
class Plan:
    """A compiled statement: SQL text, how to order and convert parameters and results."""

    sql: str
    names: tuple[str, ...]
    fixed: dict[str, Any]
    binds: tuple[Processor | None, ...]
    columns: tuple[str, ...]
    # (column index, processor) for the columns whose values need converting.
    results: tuple[tuple[int, Processor], ...]
    # Kept only when some parameter expands at run time (``IN`` with a bound list).
    compiled: SQLCompiler | None
    by_name: Mapping[str, Processor]

    def bind(self, params: Params | None) -> tuple[str, list[Any]]:
        """The SQL text and positional parameter values for one execution."""
        if self.compiled is not None:
            state = self.compiled.construct_expanded_state(dict(params) if params else None)
            # state.processors covers only the expanded parameters; ours cover the rest.
            processors = {**self.by_name, **state.processors}
            values = state.parameters
            return state.statement, [
                processors[name](values[name]) if name in processors else values[name]
                for name in state.positiontup or ()
            ]
        merged = {**self.fixed, **params} if params else self.fixed
        return self.sql, [
            convert(merged[name]) if convert is not None else merged[name]
            for name, convert in zip(self.names, self.binds, strict=True)
        ]

    def convert_rows(self, rows: Sequence[Sequence[Any]]) -> list[tuple[Any, ...]]:
        if not self.results:
            return [tuple(row) for row in rows]
        converted = []
        for row in rows:
            values = list(row)
            for index, process in self.results:
                if values[index] is not None:
                    values[index] = process(values[index])
            converted.append(tuple(values))
        return converted


def make_plan(stmt: ClauseElement, dialect: Dialect) -> Plan:
    compiled = stmt.compile(dialect=dialect)
    assert isinstance(compiled, SQLCompiler)
    columns, results = _result_shape(stmt, dialect)
    expanding = any(bind.expanding for bind in compiled.binds.values())
    names = tuple(compiled.positiontup or ())
    fixed = {
        key: bind.value
        for key, bind in compiled.binds.items()
        if not bind.required and key in names
    }
    by_name = {
        name: process
        for name, bind in compiled.binds.items()
        if (process := bind.type.dialect_impl(dialect).bind_processor(dialect)) is not None
    }
    binds = tuple(by_name.get(name) for name in names)
    return Plan(
        sql=compiled.string,
        names=names,
        fixed=fixed,
        binds=binds,
        columns=columns,
        results=results,
        compiled=compiled if expanding or compiled.escaped_bind_names else None,
        by_name=by_name,
    )


def _result_shape(
    stmt: ClauseElement, dialect: Dialect
) -> tuple[tuple[str, ...], tuple[tuple[int, Processor], ...]]:
    exported = getattr(stmt, "exported_columns", None)
    if exported is None:
        return (), ()
    names: list[str] = []
    processors: list[tuple[int, Processor]] = []
    for index, column in enumerate(exported):
        names.append(str(column.key))
        process = result_processor(column.type, dialect)
        if process is not None:
            processors.append((index, process))
    return tuple(names), tuple(processors)


def result_processor(kind: sa.types.TypeEngine[Any], dialect: Dialect) -> Processor | None:
    """SQLAlchemy's result processor for a type, or a C-speed equivalent for the SQLite
    types on every hot path (times stored as ``YYYY-MM-DD HH:MM:SS``, booleans as 0/1)."""
    impl = kind.dialect_impl(dialect)
    if dialect.name == "sqlite":
        if isinstance(impl, sa.DateTime):
            return datetime.fromisoformat
        if isinstance(impl, sa.Date):
            return date.fromisoformat
        if isinstance(impl, sa.Boolean):
            return bool
    return impl.result_processor(dialect, None)


class Prepared:
    """A statement with named ``bindparam`` slots, built once and compiled once per dialect."""

    __slots__ = ("_plans", "statement")

    def __init__(self, statement: ClauseElement) -> None:
        self.statement = statement
        self._plans: dict[str, Plan] = {}

    def plan(self, dialect: Dialect) -> Plan:
        plan = self._plans.get(dialect.name)
        if plan is None:
            plan = self._plans[dialect.name] = make_plan(self.statement, dialect)
        return plan


@lru_cache(maxsize=1024)
def inserting(
    table: sa.Table,
    columns: tuple[str, ...],
    returning: str | None = None,
    conflict: tuple[str, ...] | None = None,
    dialect: str = "",
) -> Prepared:
    """``INSERT INTO table (columns) VALUES (:column, …)``, built once per shape: a row
    written on every request must not pay SQLAlchemy's compiler each time. Optionally
    ``RETURNING returning``, and ``ON CONFLICT (conflict) DO NOTHING`` (which needs the
    ``dialect``'s own insert; both databases spell it the same)."""
    insert: Any = sa.insert(table)
    if conflict is not None:
        insert = (postgresql.insert if dialect == "postgresql" else sqlite.insert)(table)
    statement = insert.values({c: sa.bindparam(c) for c in columns})
    if conflict is not None:
        statement = statement.on_conflict_do_nothing(
            index_elements=[table.c[c] for c in conflict] or None
        )
    if returning is not None:
        statement = statement.returning(table.c[returning])
    return Prepared(statement)
