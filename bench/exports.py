"""A Cention export of 1,000,000 errands (issue 11; figures: rows/s and the server's peak
memory, aim: flat).

    .venv/bin/python -m bench.exports [--backend sqlite|postgresql|both] [--count 1000000]

For each backend, on a fresh database with the demo: COUNT errands over the past year in
the demo's area (written in bulk: each with its question, every other one answered and
closed, every tenth tagged), then ``frontdesk serve`` and ``POST c3_trigger_exports`` of
the demo's preset (every field) over the whole year and over a tenth of it, counting rows
as the answer streams in. Reports rows per second and the server's resident memory before
each export and at its peak, all of it and its own (``RssAnon``: without the pages of the
SQLite file it maps): flat memory means the whole year peaks where a tenth does.
Results are printed and written to bench/results/.
"""

from __future__ import annotations

import asyncio
import json
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
from frontdesk.domain.services import Services
from frontdesk.store import records
from frontdesk.store.errand_tables import errand, errand_message, errand_tag

BATCH = 10_000


async def _fill(url: str, count: int) -> None:
    settings = Settings(database_url=url)
    database = open_database(parse_database_url(url))
    await database.open()
    services = Services.create(database, settings)
    try:
        async with services.read() as unit:
            workspace = await unit.tx.scalar(
                sa.text("SELECT id FROM workspace WHERE name = 'demo'")
            )
            area = await unit.tx.scalar(
                sa.text("SELECT id FROM area WHERE workspace_id = :ws"), {"ws": workspace}
            )
            first_id = await unit.tx.scalar(sa.text("SELECT max(id) FROM errand")) or 0
            tag_id = await unit.tx.scalar(sa.text("SELECT min(id) FROM tag"))
        start = datetime.now(UTC).replace(tzinfo=None, microsecond=0) - timedelta(days=365)
        step = timedelta(days=365) / count
        for first in range(0, count, BATCH):
            errands, messages, tags = [], [], []
            for i in range(first, min(first + BATCH, count)):
                key = first_id + 1 + i
                at = (start + step * i).replace(microsecond=0)
                done = i % 2 == 0
                errands.append({
                    "id": key, "workspace_id": workspace, "area_id": area, "channel": 1,
                    "from_address": f"customer{i % 50000}@example.com",
                    "to_address": "support@example.com", "subject": f"Question {i}",
                    "answered": done, "closed": done, "dirty": False, "created_on": at,
                    "answered_on": at + timedelta(hours=1) if done else None,
                    "closed_on": at + timedelta(hours=1) if done else None, "activity": "email",
                })  # fmt: skip
                messages.append({"workspace_id": workspace, "errand_id": key, "outbound": False,
                                 "body": f"Hello, about my order {i}: where is it?",
                                 "created_on": at})  # fmt: skip
                if done:
                    messages.append({"workspace_id": workspace, "errand_id": key,
                                     "outbound": True, "body": "It is on its way.",
                                     "created_on": at + timedelta(hours=1)})  # fmt: skip
                if i % 10 == 0 and tag_id is not None:
                    tags.append({"errand_id": key, "tag_id": tag_id})
            async with services.write() as unit:
                await unit.tx.insert_many(errand, errands)
                await unit.tx.insert_many(errand_message, messages)
                if tags:
                    await unit.tx.insert_many(errand_tag, tags)
        if database.backend == "postgresql":
            async with services.write() as unit:
                await unit.tx.execute(
                    sa.select(sa.func.setval(sa.func.pg_get_serial_sequence("errand", "id"),
                                             sa.select(sa.func.max(errand.c.id)).scalar_subquery()))
                )  # fmt: skip
        async with services.read() as unit:  # as autovacuum would (this machine's is off)
            await records.analyze(unit.tx, errand, errand_message, errand_tag)
    finally:
        await database.close()


def _export(base: str, token: str, first: str, last: str) -> tuple[int, float, int]:
    """Rows, seconds and bytes of one export, read as it streams."""
    preset = {"export": {"data": {"type": "c3_exports", "id": "1"}}}  # the demo's
    span = {"errand_from_date": first, "errand_to_date": last}
    document = {"data": {"type": "c3_trigger_exports", "attributes": span, "relationships": preset}}
    mark = b'"errand_id":'
    started = time.perf_counter()
    with (
        httpx.Client(timeout=1800) as client,
        client.stream(
            "POST", f"{base}/s/demo/capi/json/c3_trigger_exports", json=document,
            headers={"Authorization": f"Bearer {token}",
                     "Content-Type": "application/vnd.api+json"},
        ) as response,
    ):  # fmt: skip
        response.raise_for_status()
        rows, size = count_streamed(response, mark)
    return rows, time.perf_counter() - started, size


def run(backend: str, count: int, seconds: int, rounds: int) -> dict[str, Any]:
    url = fresh_database(backend, "exports")
    credentials = json.loads(frontdesk("demo", "--json", "--database", url, capture=True))
    token = credentials["cention_token"]
    print(f"[{backend}] writing {count} errands …", flush=True)
    started = time.monotonic()
    asyncio.run(_fill(url, count))
    print(f"[{backend}] written in {time.monotonic() - started:.0f} s", flush=True)
    logs = Path(tempfile.mkdtemp(prefix="bench-"))
    port = free_port()
    command = [str(BIN / "frontdesk"), "serve", "--port", str(port), "--database", url]
    today = datetime.now(UTC).date()
    year = ((today - timedelta(days=366)).strftime("%Y/%m/%d"), today.strftime("%Y/%m/%d"))
    tenth = ((today - timedelta(days=36)).strftime("%Y/%m/%d"), today.strftime("%Y/%m/%d"))
    result: dict[str, Any] = {"backend": backend, "errands": count}
    with server(command, {"FRONTDESK_DELIVER": "false"}, port, logs / "frontdesk.log") as base:
        pid = listener(port)
        _export(base, token, "2000/01/01", "2000/01/01")  # warm up
        result["rss_before_mib"] = round(rss_kib(pid) / 1024, 1)
        for label, (first, last) in (
            ("the year (first read)", year),
            ("a tenth of the year", tenth),
            ("the year", year),
        ):
            before, anon = rss_kib(pid), rss_kib(pid, "RssAnon")
            with PeakMemory(pid) as memory:
                rows, took, size = _export(base, token, first, last)
            result[label] = {
                "rows": rows,
                "seconds": round(took, 2),
                "rows_per_second": round(rows / took),
                "mib": round(size / 2**20, 1),
                "rss_before_mib": round(before / 1024, 1),
                "peak_rss_mib": round(memory.peak / 1024, 1),
                "anon_before_mib": round(anon / 1024, 1),
                "peak_anon_mib": round(memory.peak_anon / 1024, 1),
            }
    return result


def report(results: list[dict[str, Any]]) -> None:
    for r in results:
        print(
            f"{r['backend']}: {r['errands']} errands; server RSS before {r['rss_before_mib']} MiB"
        )
        for label, found in r.items():
            if isinstance(found, dict):
                print(
                    f"  {label:<22} {found['rows']:>8} rows in {found['seconds']:>7} s: "
                    f"{found['rows_per_second']:>6} rows/s, {found['mib']} MiB; server RSS "
                    f"{found['rss_before_mib']} MiB before, {found['peak_rss_mib']} MiB at peak "
                    f"(its own: {found['anon_before_mib']}, {found['peak_anon_mib']} MiB)"
                )


if __name__ == "__main__":
    main(__doc__ or "", "exports", run, report, needs_wrk=False)
