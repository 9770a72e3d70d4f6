"""``unix_seconds(column)``: a stored timestamp as whole seconds since 1970 (UTC), computed
by the database, so a long read (a year of sign-ins) skips parsing a datetime per row."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.functions import FunctionElement


class unix_seconds(FunctionElement[int]):
    type = sa.BigInteger()
    inherit_cache = True
    name = "unix_seconds"


@compiles(unix_seconds, "sqlite")
def _sqlite(element: unix_seconds, compiler: SQLCompiler, **kw: Any) -> str:
    return f"CAST(strftime('%s', {compiler.process(element.clauses, **kw)}) AS INTEGER)"


@compiles(unix_seconds, "postgresql")
def _postgresql(element: unix_seconds, compiler: SQLCompiler, **kw: Any) -> str:
    return f"CAST(extract(epoch FROM {compiler.process(element.clauses, **kw)}) AS BIGINT)"
