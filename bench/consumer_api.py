"""Consumer API benchmark (issue 2): frontdesk against a bare baseline, in one run.

    .venv/bin/python bench/consumer_api.py [--backend sqlite|postgresql|both] [--count 1000000]

For each backend: fill a workspace with COUNT consumers (reused on later runs), start
``frontdesk serve`` and ``bench/baseline.py`` (one uvicorn worker each) on the same
database, and measure with ``wrk -t2 -c32``:

- ``GET /api/now/consumer/{id}`` with Basic auth and keep-alive, random ids: requests
  per second of frontdesk and of the baseline, rounds interleaved, and their ratio;
- the median latency of ``sysparm_query`` lookups by ``email=``, ``number=``,
  ``nameSTARTSWITH`` and of a page at ``sysparm_offset=500000`` (sequential, keep-alive).

Needs ``wrk`` (Debian package). Results are printed and written to bench/results/.
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import json
import os
import random
import re
import shutil
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
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
        "SELECT sys_id, email, number, name FROM csm_consumer WHERE workspace_id = {ws} "
        "AND email IS NOT NULL ORDER BY random() LIMIT {n}"
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


def prepare(backend: str, count: int) -> tuple[str, dict[str, str], dict[str, Any]]:
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


@contextmanager
def server(command: list[str], env: dict[str, str], port: int, log: Path) -> Iterator[str]:
    with log.open("wb") as output:
        process = subprocess.Popen(
            command, env={**os.environ, **env}, stdout=output, stderr=subprocess.STDOUT, cwd=ROOT
        )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                httpx.get(url + "/", timeout=1)
                break
            except httpx.HTTPError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(log.read_text()) from None
                time.sleep(0.2)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=30)


def wrk(url: str, script: Path, seconds: int) -> float:
    done = subprocess.run(
        ["wrk", "-t2", "-c32", f"-d{seconds}s", "-s", str(script), url],
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
    script = Path(tempfile.mkstemp(suffix=".lua")[1])
    script.write_text(
        f'ids = {{}}\nfor line in io.lines("{ids_file}") do ids[#ids+1] = line end\n'
        f'wrk.headers["Authorization"] = "{header}"\n'
        "request = function()\n"
        '  return wrk.format("GET", "/api/now/consumer/" .. ids[math.random(#ids)])\n'
        "end\n"
    )
    return script


# --------------------------------------------------------------------------- latency


def median_ms(
    client: httpx.Client, path: str, queries: list[dict[str, str]], auth: tuple[str, str]
) -> float:
    for params in queries[:3]:
        client.get(path, params=params, auth=auth).raise_for_status()
    timings = []
    for params in queries:
        started = time.perf_counter()
        response = client.get(path, params=params, auth=auth)
        timings.append((time.perf_counter() - started) * 1000)
        response.raise_for_status()
    return statistics.median(timings)


def latencies(
    url: str, auth: tuple[str, str], rows: list[tuple[Any, ...]], total: int
) -> dict[str, float]:
    pick = random.Random(7)
    chosen = pick.sample(rows, min(200, len(rows)))
    path = "/api/now/consumer"
    with httpx.Client(base_url=url, timeout=60) as client:
        found = {
            "email=": median_ms(
                client, path, [{"sysparm_query": f"email={r[1]}"} for r in chosen], auth
            ),
            "number=": median_ms(
                client, path, [{"sysparm_query": f"number={r[2]}"} for r in chosen], auth
            ),
            "nameSTARTSWITH": median_ms(
                client,
                path,
                [{"sysparm_query": f"nameSTARTSWITH{r[3][:4]}"} for r in chosen[:100]],
                auth,
            ),
        }
        offset = min(500_000, max(total - 10, 0))
        found[f"sysparm_offset={offset}"] = median_ms(
            client, path, [{"sysparm_offset": str(offset)}] * 15, auth
        )
        check = client.get(
            path, params={"sysparm_query": f"email={chosen[0][1]}"}, auth=auth
        ).json()
        assert check["result"][0]["sys_id"] == chosen[0][0], (
            "the email lookup found the wrong consumer"
        )
    return found


# --------------------------------------------------------------------------- the run


def run(backend: str, count: int, seconds: int, rounds: int) -> dict[str, Any]:
    url, credentials, found = prepare(backend, count)
    auth = (credentials["username"], credentials["password"])
    header = "Basic " + base64.b64encode(f"{auth[0]}:{auth[1]}".encode()).decode()
    ids = Path(tempfile.mkstemp(suffix=".txt")[1])
    ids.write_text("\n".join(row[0] for row in found["rows"]))
    script = lua(ids, header)
    logs = Path(tempfile.mkdtemp(prefix="bench-"))
    ours_port, base_port = free_port(), free_port()
    ours_cmd = [str(BIN / "frontdesk"), "serve", "--port", str(ours_port), "--database", url]
    base_cmd = [str(BIN / "uvicorn"), "bench.baseline:app", "--port", str(base_port)]
    base_cmd += [
        "--no-access-log",
        "--log-level",
        "warning",
        "--loop",
        "uvloop",
        "--http",
        "httptools",
    ]
    base_env = {"BENCH_DATABASE": url, "BENCH_WORKSPACE": str(found["workspace"])}
    result: dict[str, Any] = {"backend": backend, "consumers": found["total"]}
    with (
        server(ours_cmd, {}, ours_port, logs / "frontdesk.log") as ours,
        server(base_cmd, base_env, base_port, logs / "baseline.log") as base,
    ):
        for target in (ours, base):
            wrk(target, script, 3)  # warm caches and connections
        measured: dict[str, list[float]] = {"frontdesk": [], "baseline": []}
        for _ in range(rounds):
            measured["frontdesk"].append(wrk(ours, script, seconds))
            measured["baseline"].append(wrk(base, script, seconds))
        result["rps"] = {name: statistics.median(values) for name, values in measured.items()}
        result["rps_rounds"] = measured
        result["ratio"] = result["rps"]["frontdesk"] / result["rps"]["baseline"]
        result["median_ms"] = latencies(ours, auth, found["rows"], found["total"])
    return result


def report(results: list[dict[str, Any]]) -> None:
    for r in results:
        print(f"\n== {r['backend']}: {r['consumers']:,} consumers")
        ours, base = r["rps"]["frontdesk"], r["rps"]["baseline"]
        print("GET /api/now/consumer/{id} (Basic auth, wrk -t2 -c32):")
        print(
            f"  frontdesk {ours:,.0f} req/s, bare baseline {base:,.0f} req/s,"
            f" ratio {r['ratio']:.2f}"
        )
        for name, value in r["median_ms"].items():
            print(f"  median {name:<26} {value:8.2f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--backend", choices=["sqlite", "postgresql", "both"], default="both")
    parser.add_argument("--count", type=int, default=1_000_000)
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        sys.exit("wrk is not installed: apt-get install wrk")
    backends = ["sqlite", "postgresql"] if args.backend == "both" else [args.backend]
    results = [run(backend, args.count, args.seconds, args.rounds) for backend in backends]
    report(results)
    RESULTS.mkdir(exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    (RESULTS / f"consumer_api-{stamp}.json").write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
