"""Cention logio over 1,000,000 records (issue 10; aim: over 200,000 rows/s, memory flat).

    .venv/bin/python -m bench.logio [--backend sqlite|postgresql|both] [--count 1000000]

For each backend, on a fresh database with the demo: COUNT Login/Logout events of 2,000
agents over the past year in one system group (written in bulk, as sign-ins would have
left them), then ``frontdesk serve`` and ``GET /s/demo/capi/custom/logio`` for the whole
year, as CSV and as JSON, counting rows as they stream in. Reports rows per second and
the server's resident memory before each answer and at its peak. The first read of the
year fills SQLite's page cache (up to 128 MiB, bounded) and the connection pool; after
it, flat memory means the peak while answering the whole year is that of answering a
tenth of it. Results are
printed and written to bench/results/.
"""

from __future__ import annotations

import asyncio
import json
import random
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import sqlalchemy as sa

from bench.cention_common import PeakMemory, count_streamed, fresh_database, listener, rss_kib
from bench.common import BIN, free_port, frontdesk, main, server
from frontdesk.config import Settings
from frontdesk.db.database import open_database
from frontdesk.db.url import parse_database_url
from frontdesk.domain.presence import repository
from frontdesk.domain.services import Services

AGENTS = 2000
BATCH = 20_000


async def _fill(url: str, count: int) -> None:
    """``count`` events, alternating Login and Logout per agent, over the last year."""
    settings = Settings(database_url=url)
    database = open_database(parse_database_url(url))
    await database.open()
    services = Services.create(database, settings)
    try:
        async with services.read() as unit:
            workspace = await unit.tx.scalar(
                sa.text("SELECT id FROM workspace WHERE name = 'demo'")
            )
        start = datetime.now(UTC).replace(tzinfo=None, microsecond=0) - timedelta(days=365)
        step = timedelta(days=365) / count
        pick = random.Random(10)
        for first in range(0, count, BATCH):
            rows = [
                {
                    "workspace_id": workspace,
                    "user_name": f"agent{pick.randrange(AGENTS):04d}",
                    "system_group": "default",
                    "signed_in": i % 2 == 0,
                    "at": (start + step * i).replace(microsecond=0),
                }
                for i in range(first, min(first + BATCH, count))
            ]
            async with services.write() as unit:
                await repository.add_events(unit.tx, rows)
    finally:
        await database.close()


def _read(base: str, token: str, query: str) -> tuple[int, float, int]:
    """Rows, seconds and bytes of one logio answer, read as it streams."""
    mark = b'"id":' if "json" in query else b"\n"
    started = time.perf_counter()
    with (
        httpx.Client(timeout=600) as client,
        client.stream(
            "GET", f"{base}/s/demo/capi/custom/logio{query}",
            headers={"Authorization": f"Bearer {token}"},
        ) as response,
    ):  # fmt: skip
        response.raise_for_status()
        rows, size = count_streamed(response, mark)
    return rows, time.perf_counter() - started, size


def run(backend: str, count: int, seconds: int, rounds: int) -> dict[str, Any]:
    url = fresh_database(backend, "logio")
    credentials = json.loads(frontdesk("demo", "--json", "--database", url, capture=True))
    token = credentials["cention_token"]
    print(f"[{backend}] writing {count} events …", flush=True)
    started = time.monotonic()
    asyncio.run(_fill(url, count))
    print(f"[{backend}] written in {time.monotonic() - started:.0f} s", flush=True)
    logs = Path(tempfile.mkdtemp(prefix="bench-"))
    port = free_port()
    command = [str(BIN / "frontdesk"), "serve", "--port", str(port), "--database", url]
    now = int(time.time())
    year = f"?from={now - 366 * 86400}&to={now}"
    tenth = f"?from={now - 37 * 86400}&to={now}"
    result: dict[str, Any] = {"backend": backend, "events": count}
    with server(command, {"FRONTDESK_DELIVER": "false"}, port, logs / "frontdesk.log") as base:
        pid = listener(port)
        _read(base, token, "?from=0&to=1")  # warm up
        result["rss_before_mib"] = round(rss_kib(pid) / 1024, 1)
        for label, query in (
            ("csv, the year (first read)", year),
            ("csv, a tenth of the year", tenth),
            ("csv, the year", year),
            ("json, the year", year + "&format=json"),
            ("json, the year (again)", year + "&format=json"),
        ):
            before = rss_kib(pid)
            with PeakMemory(pid) as memory:
                rows, took, size = _read(base, token, query)
            result[label] = {
                "rows": rows,
                "seconds": round(took, 2),
                "rows_per_second": round(rows / took),
                "mib": round(size / 2**20, 1),
                "rss_before_mib": round(before / 1024, 1),
                "peak_rss_mib": round(memory.peak / 1024, 1),
            }
    return result


def report(results: list[dict[str, Any]]) -> None:
    for r in results:
        print(f"{r['backend']}: {r['events']} events; server RSS before {r['rss_before_mib']} MiB")
        for label, found in r.items():
            if isinstance(found, dict):
                print(
                    f"  {label:<26} {found['rows']:>8} rows in {found['seconds']:>6} s: "
                    f"{found['rows_per_second']:>7} rows/s, {found['mib']} MiB; server RSS "
                    f"{found['rss_before_mib']} MiB before, {found['peak_rss_mib']} MiB at peak"
                )


if __name__ == "__main__":
    main(__doc__ or "", "logio", run, report, needs_wrk=False)
