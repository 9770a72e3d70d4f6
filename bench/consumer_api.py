"""Consumer API benchmark (issue 2): frontdesk against a bare baseline, in one run.

    .venv/bin/python -m bench.consumer_api [--backend sqlite|postgresql|both] [--count 1000000]

For each backend: fill a workspace with COUNT consumers (reused on later runs), start
``frontdesk serve`` and ``bench/baseline.py`` (one uvicorn worker each) on the same
database, and measure with ``wrk -t2 -c32``:

- ``GET /api/now/consumer/{id}`` with Basic auth and keep-alive, random ids: requests
  per second of frontdesk and of the baseline, rounds interleaved, and their ratio;
- the median latency of ``sysparm_query`` lookups by ``email=``, ``number=``,
  ``mobile_phone=``, ``home_phone=`` (which no generated consumer has), ``nameSTARTSWITH`` and
  of a page at ``sysparm_offset=500000`` (sequential, keep-alive).

Needs ``wrk`` (Debian package). Results are printed and written to bench/results/.
"""

from __future__ import annotations

import random
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx

from bench.common import BIN, consumer_script, free_port, main, prepare, server, wrk

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
            "mobile_phone=": median_ms(
                client, path, [{"sysparm_query": f"mobile_phone={r[4]}"} for r in chosen], auth
            ),
            "home_phone= (none have one)": median_ms(
                client, path, [{"sysparm_query": f"home_phone={r[4]}"} for r in chosen], auth
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
    script = consumer_script(credentials, found)
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


if __name__ == "__main__":
    main(__doc__ or "", "consumer_api", run, report)
