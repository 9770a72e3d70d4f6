"""A slow query does not stall everyone, and "contains" is not a scan (issue 7 §6).

    .venv/bin/python -m bench.contention [--backend sqlite|postgresql|both] [--seconds 15]
                                         [--count 1000000] [--against REV]

For each backend, on COUNT consumers (bench/common.py prepares them once), in one run:

- point reads, ``GET /api/now/consumer/{id}`` with ``wrk -t2 -c32 --latency``: idle, then
  while one other client loops ``sysparm_query=nameLIKE<3 random letters>&sysparm_limit=10``
  (the p99 ratio loaded/idle; aim under 5);
- that client's ``nameLIKE`` latency: the median idle (aim under 50 ms) and while loaded;
- point reads with ``serve --workers 2`` against one worker.

With ``--against REV`` the first two run first against that git revision of the server (its
code on this virtualenv and this database, served without migrating): the baseline.
"""

from __future__ import annotations

import argparse
import base64
import json
import random
import re
import statistics
import string
import subprocess
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx

from bench.common import BIN, RESULTS, ROOT, checkout, free_port, lua, prepare, server

PYTHON = str(BIN / "python")
UNITS = {"us": 1e-3, "ms": 1.0, "s": 1e3}
# The revision's create_app, served without a migration (the schema is this tree's).
OLD_SERVER = (
    "import sys, uvicorn; from frontdesk.app import create_app; from frontdesk.config import "
    "Settings; uvicorn.run(create_app(Settings(database_url=sys.argv[1])), port=int(sys.argv[2]), "
    "log_level='warning', loop='uvloop', http='httptools')"
)


def wrk_latency(url: str, script: Path, seconds: int) -> dict[str, float]:
    """Requests per second and the 50th and 99th percentile latency (ms)."""
    done = subprocess.run(
        ["wrk", "-t2", "-c32", f"-d{seconds}s", "--latency", "-s", str(script), url],
        capture_output=True,
        text=True,
        check=True,
    )
    found: dict[str, float] = {}
    rate = re.search(r"Requests/sec:\s+([\d.]+)", done.stdout)
    assert rate, done.stdout
    found["rps"] = float(rate.group(1))
    for percent in ("50", "99"):
        match = re.search(rf"^\s+{percent}%\s+([\d.]+)(us|ms|s)\s*$", done.stdout, re.MULTILINE)
        assert match, done.stdout
        found[f"p{percent}_ms"] = float(match.group(1)) * UNITS[match.group(2)]
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", done.stdout)
    if errors:
        raise RuntimeError(f"{errors.group(1)} failed requests:\n{done.stdout}")
    return found


def like_once(client: httpx.Client, auth: tuple[str, str]) -> float:
    letters = "".join(random.choices(string.ascii_lowercase, k=3))
    started = time.perf_counter()
    response = client.get(
        "/api/now/consumer",
        params={"sysparm_query": f"nameLIKE{letters}", "sysparm_limit": 10},
        auth=auth,
    )
    response.raise_for_status()
    return (time.perf_counter() - started) * 1000


@contextmanager
def slow_client(url: str, auth: tuple[str, str]) -> Iterator[list[float]]:
    """One client looping nameLIKE queries until the block ends; their latencies (ms)."""
    timings: list[float] = []
    stop = threading.Event()

    def loop() -> None:
        with httpx.Client(base_url=url, timeout=300) as client:
            while not stop.is_set():
                timings.append(like_once(client, auth))

    thread = threading.Thread(target=loop, daemon=True)
    thread.start()
    time.sleep(1)
    try:
        yield timings
    finally:
        stop.set()
        thread.join()


def contention(url: str, script: Path, auth: tuple[str, str], seconds: int) -> dict[str, Any]:
    wrk_latency(url, script, 3)  # warm
    idle = wrk_latency(url, script, seconds)
    with httpx.Client(base_url=url, timeout=300) as client:
        like_once(client, auth)
        likes = [like_once(client, auth) for _ in range(30)]
    with slow_client(url, auth) as loaded_likes:
        loaded = wrk_latency(url, script, seconds)
    return {
        "idle": idle,
        "loaded": loaded,
        "p99_ratio": round(loaded["p99_ms"] / idle["p99_ms"], 2),
        "like_median_ms": round(statistics.median(likes), 1),
        "like_median_loaded_ms": round(statistics.median(loaded_likes), 1)
        if loaded_likes
        else None,
        "likes_while_loaded": len(loaded_likes),
    }


def run(backend: str, count: int, seconds: int, against: str | None) -> dict[str, Any]:
    database, credentials, found = prepare(backend, count)
    auth = (credentials["username"], credentials["password"])
    header = "Basic " + base64.b64encode(f"{auth[0]}:{auth[1]}".encode()).decode()
    ids = Path(tempfile.mkstemp(suffix=".txt")[1])
    ids.write_text("\n".join(row[0] for row in found["rows"]))
    script = lua(ids, header)
    logs = Path(tempfile.mkdtemp(prefix="bench-contention-"))
    result: dict[str, Any] = {"backend": backend, "consumers": found["total"]}
    if against:
        old = checkout(against)
        try:
            port = free_port()
            command = [PYTHON, "-c", OLD_SERVER, database, str(port)]
            env = {"PYTHONPATH": str(old / "src")}
            with server(command, env, port, logs / "baseline.log") as url:
                result[against] = contention(url, script, auth, seconds)
        finally:
            subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(old)])
        print(json.dumps({backend: {against: result[against]}}), flush=True)
    for workers in (1, 2):
        port = free_port()
        command = [str(BIN / "frontdesk"), "serve", "--port", str(port), "--database", database]
        command += ["--workers", str(workers)]
        with server(command, {}, port, logs / f"workers{workers}.log") as url:
            if workers == 1:
                result["this tree"] = contention(url, script, auth, seconds)
            else:
                wrk_latency(url, script, 3)
                result["two_workers"] = wrk_latency(url, script, seconds)
    result["workers_ratio"] = round(
        result["two_workers"]["rps"] / result["this tree"]["idle"]["rps"], 2
    )
    print(json.dumps({backend: result}), flush=True)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--backend", choices=["sqlite", "postgresql", "both"], default="both")
    parser.add_argument("--count", type=int, default=1_000_000)
    parser.add_argument("--seconds", type=int, default=15)
    parser.add_argument("--against", help="a git revision to measure first, as the baseline")
    arguments = parser.parse_args()
    backends = ["sqlite", "postgresql"] if arguments.backend == "both" else [arguments.backend]
    results = [
        run(backend, arguments.count, arguments.seconds, arguments.against) for backend in backends
    ]
    RESULTS.mkdir(exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    (RESULTS / f"contention-{stamp}.json").write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
