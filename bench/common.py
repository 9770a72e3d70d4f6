"""What the benchmark scripts share: the prepared database, servers, wrk."""

from __future__ import annotations

import argparse
import asyncio
import base64
import json
import os
import re
import shutil
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import asyncpg
import httpx

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
BIN = Path(sys.executable).parent
DATA = HERE / ".data"
RESULTS = HERE / "results"
POSTGRES = os.environ.get(
    "FRONTDESK_BENCH_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/frontdesk_bench"
)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def frontdesk(*args: str, capture: bool = False) -> str:
    done = subprocess.run(
        [str(BIN / "frontdesk"), *args], check=True, capture_output=capture, text=True
    )
    return done.stdout if capture else ""


# --------------------------------------------------------------------------- the data


def database_url(backend: str) -> str:
    if backend == "sqlite":
        DATA.mkdir(exist_ok=True)
        return f"sqlite:///{DATA / 'consumers.db'}"
    return POSTGRES


async def ensure_postgres_database(url: str) -> None:
    base, _, name = url.rpartition("/")
    connection = await asyncpg.connect(f"{base}/postgres")
    try:
        if not await connection.fetchval("SELECT 1 FROM pg_database WHERE datname = $1", name):
            await connection.execute(f'CREATE DATABASE "{name}"')
    finally:
        await connection.close()


async def sample(url: str, count: int) -> dict[str, Any]:
    """The demo workspace's id, its consumer count, and keys to look up."""
    query = (
        "SELECT sys_id, email, number, name, mobile_phone FROM csm_consumer "
        "WHERE workspace_id = {ws} AND email IS NOT NULL ORDER BY random() LIMIT {n}"
    )
    if url.startswith("sqlite"):
        connection = sqlite3.connect(url.removeprefix("sqlite:///"))
        ws = connection.execute("SELECT id FROM workspace WHERE name = 'demo'").fetchone()[0]
        total = connection.execute(
            "SELECT count(*) FROM csm_consumer WHERE workspace_id = ?", (ws,)
        ).fetchone()[0]
        rows = connection.execute(query.format(ws=ws, n=count)).fetchall() if total else []
        connection.close()
    else:
        pg = await asyncpg.connect(url)
        ws = await pg.fetchval("SELECT id FROM workspace WHERE name = 'demo'")
        total = await pg.fetchval("SELECT count(*) FROM csm_consumer WHERE workspace_id = $1", ws)
        rows = [tuple(r) for r in await pg.fetch(query.format(ws=ws, n=count))] if total else []
        await pg.close()
    return {"workspace": ws, "total": total, "rows": rows}


def prepare(backend: str, count: int) -> tuple[str, dict[str, Any], dict[str, Any]]:
    url = database_url(backend)
    if backend == "postgresql":
        asyncio.run(ensure_postgres_database(url))
    credentials = json.loads(frontdesk("demo", "--json", "--database", url, capture=True))
    found = asyncio.run(sample(url, 0))
    missing = count - found["total"]
    if missing > 0:
        print(f"[{backend}] generating {missing} consumers …", flush=True)
        started = time.monotonic()
        frontdesk("generate", "consumers", str(missing), "--workspace", "demo", "--database", url)
        print(f"[{backend}] generated {missing} in {time.monotonic() - started:.0f} s", flush=True)
    found = asyncio.run(sample(url, 2000))
    return url, credentials, found


# --------------------------------------------------------------------------- the servers


def checkout(revision: str) -> Path:
    """A git revision of this repository, checked out beside it (remove it with
    ``git worktree remove``): a baseline to measure in the same run."""
    path = Path(tempfile.mkdtemp(prefix="frontdesk-rev-"))
    subprocess.run(
        ["git", "-C", str(ROOT), "worktree", "add", "--detach", str(path), revision],
        check=True,
        capture_output=True,
    )
    return path


@contextmanager
def server(
    command: list[str], env: dict[str, str], port: int, log: Path, scheme: str = "http"
) -> Iterator[str]:
    with log.open("wb") as output:
        process = subprocess.Popen(
            command, env={**os.environ, **env}, stdout=output, stderr=subprocess.STDOUT, cwd=ROOT
        )
    url = f"{scheme}://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                httpx.get(url + "/", timeout=1, verify=False)
                break
            except httpx.HTTPError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(log.read_text()) from None
                time.sleep(0.2)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=30)


def wrk(url: str, script: Path, seconds: int, *, cpu: int | None = None) -> float:
    """Requests per second; on one CPU (``cpu``, with one thread) if asked."""
    pinned = ["taskset", "-c", str(cpu), "wrk", "-t1"] if cpu is not None else ["wrk", "-t2"]
    done = subprocess.run(
        [*pinned, "-c32", f"-d{seconds}s", "-s", str(script), url],
        capture_output=True,
        text=True,
        check=True,
    )
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", done.stdout)
    if errors:
        raise RuntimeError(f"{errors.group(1)} failed requests:\n{done.stdout}")
    match = re.search(r"Requests/sec:\s+([\d.]+)", done.stdout)
    assert match, done.stdout
    return float(match.group(1))


def lua(ids_file: Path, header: str) -> Path:
    """A wrk script: GET one consumer by a random id from ``ids_file``."""
    script = Path(tempfile.mkstemp(suffix=".lua")[1])
    script.write_text(
        f'ids = {{}}\nfor line in io.lines("{ids_file}") do ids[#ids+1] = line end\n'
        f'wrk.headers["Authorization"] = "{header}"\n'
        "request = function()\n"
        '  return wrk.format("GET", "/api/now/consumer/" .. ids[math.random(#ids)])\n'
        "end\n"
    )
    return script


def consumer_script(credentials: dict[str, Any], found: dict[str, Any]) -> Path:
    """A wrk script: GET random sampled consumers (``prepare``'s) as the demo admin."""
    auth = f"{credentials['username']}:{credentials['password']}"
    ids = Path(tempfile.mkstemp(suffix=".txt")[1])
    ids.write_text("\n".join(row[0] for row in found["rows"]))
    return lua(ids, "Basic " + base64.b64encode(auth.encode()).decode())


def console_sign_in(client: httpx.Client, user_name: str, password: str) -> None:
    """Sign ``client`` in to the console (its form, with the form's token)."""
    form = client.get("/console/sign-in")
    token = re.search(r'name="csrf" value="([^"]+)"', form.text)
    assert token is not None, form.text
    signed = client.post(
        "/console/sign-in",
        data={"csrf": token.group(1), "user_name": user_name, "password": password},
    )
    assert signed.status_code == 303, signed.text


def page_script(path: str, header: str) -> Path:
    """A wrk script: GET ``path`` with an Authorization header."""
    script = Path(tempfile.mkstemp(suffix=".lua")[1])
    script.write_text(
        f'wrk.headers["Authorization"] = "{header}"\n'
        f'request = function() return wrk.format("GET", "{path}") end\n'
    )
    return script


def main(
    description: str,
    name: str,
    run: Callable[[str, int, int, int], dict[str, Any]],
    report: Callable[[list[dict[str, Any]]], None],
    *,
    needs_wrk: bool = True,
) -> None:
    """The benchmarks' command line: choose backends, run, print, keep the figures."""
    parser = argparse.ArgumentParser(
        description=description, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--backend", choices=["sqlite", "postgresql", "both"], default="both")
    parser.add_argument("--count", type=int, default=1_000_000)
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    if needs_wrk and shutil.which("wrk") is None:
        sys.exit("wrk is not installed: apt-get install wrk")
    backends = ["sqlite", "postgresql"] if args.backend == "both" else [args.backend]
    results = [run(backend, args.count, args.seconds, args.rounds) for backend in backends]
    report(results)
    RESULTS.mkdir(exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    (RESULTS / f"{name}-{stamp}.json").write_text(json.dumps(results, indent=2))
