"""Database URLs: what the user writes, and what each driver needs."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError

Backend = Literal["sqlite", "postgresql"]


@dataclass(frozen=True)
class DatabaseURL:
    backend: Backend
    url: URL

    @property
    def sqlite_path(self) -> Path:
        assert self.backend == "sqlite"
        return Path(self.url.database or "frontdesk.db")

    @property
    def asyncpg_dsn(self) -> str:
        """A libpq-style DSN for asyncpg (no SQLAlchemy driver suffix)."""
        assert self.backend == "postgresql"
        return self.url.set(drivername="postgresql").render_as_string(hide_password=False)

    @property
    def sqlalchemy_url(self) -> URL:
        """The URL SQLAlchemy (and so Alembic) connects with."""
        if self.backend == "postgresql":
            return self.url.set(drivername="postgresql+asyncpg")
        return self.url.set(drivername="sqlite")

    def with_database(self, name: str) -> DatabaseURL:
        return DatabaseURL(self.backend, self.url.set(database=name))

    def __str__(self) -> str:
        return self.url.render_as_string(hide_password=True)


def parse_database_url(text: str) -> DatabaseURL:
    """Accept ``sqlite:///file.db`` and ``postgresql://`` (or ``postgres://``) URLs."""
    if text.startswith("postgres://"):
        text = "postgresql://" + text.removeprefix("postgres://")
    try:
        url = make_url(text)
    except ArgumentError as exc:
        raise ValueError(f"not a database URL: {text!r}") from exc
    driver = url.drivername.split("+", 1)[0]
    if driver == "sqlite":
        if not url.database or url.database == ":memory:":
            raise ValueError("SQLite needs a file: sqlite:///path/to/frontdesk.db")
        return DatabaseURL("sqlite", url)
    if driver in ("postgresql", "postgres"):
        return DatabaseURL("postgresql", url)
    raise ValueError(f"unsupported database {driver!r}: use sqlite:/// or postgresql://")
