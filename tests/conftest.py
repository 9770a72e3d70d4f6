"""Fixtures: a migrated database per backend (SQLite always, PostgreSQL when configured),
a fresh workspace per test, and the ASGI app driven through httpx."""

from __future__ import annotations

import asyncio
import base64
import os
import shutil
import tempfile
import uuid
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import asyncpg
import httpx
import pytest

from frontdesk.app import create_app
from frontdesk.config import Settings
from frontdesk.db import migrate
from frontdesk.db.database import Database, open_database
from frontdesk.db.url import DatabaseURL, parse_database_url
from frontdesk.domain.services import Services
from frontdesk.domain.workspace import Workspace
from frontdesk.domain.workspaces import service as workspaces
from tests import factories

POSTGRES_ENV = "FRONTDESK_TEST_POSTGRES_URL"
BACKENDS = ["sqlite", "postgresql"]
# Tests hash many passwords: cheap Argon2 here only (a hash carries its own cost).
CHEAP_ARGON2 = {"argon2_time_cost": 1, "argon2_memory_kib": 1024}
# Nor do the tests' own databases wait for the disk at each commit (what a commit survives
# is a server's business; the kill -9 tests run real servers with their own settings).
NO_FSYNC = {"sqlite_synchronous": "OFF"}


@pytest.fixture(scope="session")
def anyio_backend() -> str:
    return "asyncio"


def _postgres_base() -> str | None:
    url = os.environ.get(POSTGRES_ENV)
    if not url and os.environ.get("FRONTDESK_TEST_REQUIRE_POSTGRES"):
        pytest.fail(
            f"{POSTGRES_ENV} must point at PostgreSQL (FRONTDESK_TEST_REQUIRE_POSTGRES is set)"
        )
    return url


async def _admin(base: str, sql: str) -> None:
    connection = await asyncpg.connect(base)
    try:
        await connection.execute(sql)
    finally:
        await connection.close()


def fresh_postgres(base: str) -> tuple[DatabaseURL, str]:
    """A new, empty PostgreSQL database next to ``base``; drop it with ``drop_postgres``."""
    name = f"frontdesk_test_{uuid.uuid4().hex[:12]}"
    asyncio.run(_admin(base, f'CREATE DATABASE "{name}"'))
    asyncio.run(_admin(base, f'ALTER DATABASE "{name}" SET synchronous_commit TO off'))
    return parse_database_url(base).with_database(name), name


def drop_postgres(base: str, name: str) -> None:
    asyncio.run(_admin(base, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


# A migrated database per backend, made once per test process and copied for each server
# the end-to-end tests start: a copy costs a fraction of running the migrations again.
_TEMPLATES: dict[str, str] = {}


def migrated_postgres(base: str) -> tuple[DatabaseURL, str]:
    """A new PostgreSQL database at the schema's head; drop it with ``drop_postgres``."""
    if "postgresql" not in _TEMPLATES:
        url, template = fresh_postgres(base)
        migrate.upgrade(url)
        _TEMPLATES["postgresql"] = template
    name = f"frontdesk_test_{uuid.uuid4().hex[:12]}"
    asyncio.run(_admin(base, f'CREATE DATABASE "{name}" TEMPLATE "{_TEMPLATES["postgresql"]}"'))
    asyncio.run(_admin(base, f'ALTER DATABASE "{name}" SET synchronous_commit TO off'))
    return parse_database_url(base).with_database(name), name


def migrated_sqlite(path: Path) -> str:
    """A SQLite database at the schema's head, at ``path``."""
    if "sqlite" not in _TEMPLATES:
        template = Path(tempfile.mkdtemp(prefix="frontdesk-template-")) / "head.db"
        migrate.upgrade(parse_database_url(f"sqlite:///{template}"))
        _TEMPLATES["sqlite"] = str(template)
    shutil.copyfile(_TEMPLATES["sqlite"], path)
    return f"sqlite:///{path}"


def _drop_templates() -> None:
    base = os.environ.get(POSTGRES_ENV)
    if base and "postgresql" in _TEMPLATES:
        drop_postgres(base, _TEMPLATES.pop("postgresql"))
    if "sqlite" in _TEMPLATES:
        shutil.rmtree(Path(_TEMPLATES.pop("sqlite")).parent, ignore_errors=True)


@pytest.fixture(scope="session")
def database_urls(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, DatabaseURL]]:
    """One migrated database per backend for the whole session (copies of the templates
    the end-to-end servers' databases are copied from too: the migrations run once)."""
    sqlite = migrated_sqlite(tmp_path_factory.mktemp("db") / "test.db")
    urls = {"sqlite": parse_database_url(sqlite)}
    base = _postgres_base()
    if base:
        urls["postgresql"], name = migrated_postgres(base)
    yield urls
    if base:
        drop_postgres(base, name)


def settings_for(url: DatabaseURL, **overrides: Any) -> Settings:
    return Settings(
        database_url=url.url.render_as_string(hide_password=False),
        **{**CHEAP_ARGON2, **NO_FSYNC, **overrides},
    )


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest, database_urls: dict[str, DatabaseURL]) -> str:
    name: str = request.param
    if name not in database_urls:
        pytest.skip(f"PostgreSQL not configured ({POSTGRES_ENV})")
    return name


@pytest.fixture
async def db(backend: str, database_urls: dict[str, DatabaseURL]) -> AsyncIterator[Database]:
    synchronous = NO_FSYNC["sqlite_synchronous"]
    database = open_database(database_urls[backend], synchronous=synchronous, pool_size=4)
    await database.open()
    try:
        yield database
    finally:
        await database.close()


@pytest.fixture
def settings(backend: str, database_urls: dict[str, DatabaseURL]) -> Settings:
    return settings_for(database_urls[backend])


@pytest.fixture
def services(db: Database, settings: Settings) -> Services:
    """The test's services over its database; the app under test shares them."""
    return Services.create(db, settings)


@pytest.fixture
async def workspace(services: Services) -> Workspace:
    """A workspace of this test's own: no test sees another's records."""
    async with services.write() as unit:
        return await workspaces.create(unit, f"t{uuid.uuid4().hex[:16]}")


@pytest.fixture
async def admin(services: Services, workspace: Workspace) -> factories.User:
    return await factories.user(services, workspace, roles=("admin",))


@pytest.fixture
async def app(services: Services, settings: Settings) -> Any:
    return create_app(settings, services=services)


@pytest.fixture
async def client(app: Any) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as found:
        yield found


def basic(user_name: str, password: str) -> dict[str, str]:
    token = base64.b64encode(f"{user_name}:{password}".encode()).decode()
    return {"Authorization": f"Basic {token}"}


@pytest.fixture
def spec_dir() -> Path:
    return Path(__file__).resolve().parents[2] / "shared" / "specs"


SKIPPED_FOR_POSTGRES = pytest.StashKey[int]()


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The longest modules first: pytest-xdist hands modules out in this order, so while one
    worker runs a long one the other works through the rest (decision 0021)."""
    items.sort(key=lambda item: item.get_closest_marker("long") is None)


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    terminalreporter.config.stash[SKIPPED_FOR_POSTGRES] = sum(
        "PostgreSQL not configured" in str(getattr(report, "longrepr", ""))
        for report in terminalreporter.stats.get("skipped", [])
    )


def pytest_unconfigure(config: pytest.Config) -> None:
    """Say plainly, after everything else, what did not run for want of PostgreSQL."""
    _drop_templates()
    skipped = config.stash.get(SKIPPED_FOR_POSTGRES, 0)
    reporter = config.pluginmanager.get_plugin("terminalreporter")
    if skipped and reporter is not None:
        reporter.write_sep("=", "PostgreSQL", yellow=True)
        reporter.write_line(
            f"{skipped} tests did not run: PostgreSQL is not configured. Every test that "
            "touches the store runs on both databases; to run them all, use .ci/run (it "
            f"starts the local PostgreSQL), or set {POSTGRES_ENV}=postgresql://user@host:5432/db "
            "(a server the tests may create databases on) and run make test again.",
            yellow=True,
        )
