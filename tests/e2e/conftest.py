"""Start the real server process (``frontdesk serve``) for end-to-end tests."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest

from frontdesk.cli.admin import load_demo
from frontdesk.cli.common import run, settings_for
from frontdesk.db.url import DatabaseURL
from tests.conftest import (
    CHEAP_ARGON2,
    POSTGRES_ENV,
    drop_postgres,
    migrated_postgres,
    migrated_sqlite,
)

FRONTDESK = str(Path(sys.executable).with_name("frontdesk"))


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass(frozen=True)
class Server:
    url: str
    database: str
    credentials: dict[str, Any]
    data_dir: Path

    @property
    def auth(self) -> tuple[str, str]:
        return self.credentials["username"], self.credentials["password"]


def start(
    database: str,
    data_dir: Path,
    *extra: str,
    port: int | None = None,
    environment: dict[str, str] | None = None,
) -> tuple[subprocess.Popen[bytes], str]:
    port = port or free_port()
    scheme = "https" if "--tls" in extra else "http"
    env = {
        **os.environ,
        "FRONTDESK_DATA_DIR": str(data_dir),
        **{f"FRONTDESK_{name.upper()}": str(value) for name, value in CHEAP_ARGON2.items()},
        **(environment or {}),
    }
    log = data_dir / "serve.log"
    with log.open("wb") as output:
        process = subprocess.Popen(
            [FRONTDESK, "serve", "--demo", "--port", str(port), "--database", database, *extra],
            stdout=output,
            stderr=subprocess.STDOUT,
            env=env,
            cwd=data_dir,
        )
    url = f"{scheme}://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(log.read_text())
        try:
            if httpx.get(f"{url}/healthz", verify=False, timeout=1).status_code == 200:
                return process, url
        except httpx.HTTPError:
            time.sleep(0.2)
    process.kill()
    raise RuntimeError("server did not become ready")


def stop(process: subprocess.Popen[bytes]) -> None:
    """Stop a server without waiting out its graceful shutdown (it waits for the clients'
    keep-alive connections): what it acknowledged is committed already."""
    process.terminate()
    try:
        process.wait(timeout=1)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def demo_credentials(database: str) -> dict[str, str]:
    """What ``frontdesk demo --json`` prints (tests/test_cli.py runs that command), loaded
    in this process: a second interpreter and its imports cost each server two seconds."""
    return run(settings_for(database), load_demo, migrate_first=False).as_dict()


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def server(
    request: pytest.FixtureRequest,
    tmp_path_factory: pytest.TempPathFactory,
    database_urls: dict[str, DatabaseURL],
) -> Iterator[Server]:
    if request.param not in database_urls:
        pytest.skip("PostgreSQL not configured")
    data_dir = tmp_path_factory.mktemp(f"e2e-{request.param}")
    base = os.environ.get(POSTGRES_ENV, "")
    dropped = None
    if request.param == "sqlite":
        database = migrated_sqlite(data_dir / "frontdesk.db")
    else:
        fresh, dropped = migrated_postgres(base)
        database = fresh.url.render_as_string(hide_password=False)
    extra = tuple(getattr(request.module, "SERVER_ARGS", ()))
    environment = dict(getattr(request.module, "SERVER_ENVIRONMENT", {}))
    process, url = start(database, data_dir, *extra, environment=environment)
    try:
        yield Server(url, database, demo_credentials(database), data_dir)
    finally:
        stop(process)
        if dropped:
            drop_postgres(base, dropped)
