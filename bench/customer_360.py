"""Customer 360 in the console for a person with 1,000 interactions and 1,000 errands
(issue 12; aim: time to first byte under 100 ms), on SQLite and PostgreSQL.

    .venv/bin/python -m bench.customer_360 [--backend sqlite|postgresql|both] [--count 1000]

For each backend, on a fresh database with the demo: Sam Collins gets COUNT interactions
and COUNT errands on his contact card (each errand created and answered: two actions),
spread over the last year, and the planner's statistics are refreshed as autovacuum would.
Then ``frontdesk serve``; the demo admin signs in to the console through its form, and GETs
Sam's page (``/console/people/csm_consumer/<sam>``) one request at a time: the time to the
first byte of the body and to the last, median and 95th percentile. The floor in the same
run is the console's home page (the session check and a template, no customer).
Results are printed and written to bench/results/.
"""

from __future__ import annotations

import asyncio
import json
import re
import statistics
import tempfile
import time
from datetime import timedelta
from pathlib import Path
from typing import Any

import httpx

from bench.cention_common import fresh_database
from bench.common import BIN, console_sign_in, free_port, frontdesk, main, server
from frontdesk.config import Settings
from frontdesk.db.database import open_database
from frontdesk.db.url import parse_database_url
from frontdesk.domain import clock
from frontdesk.domain.customers import card_repository
from frontdesk.domain.demo.servicenow import SAM
from frontdesk.domain.services import Services
from frontdesk.domain.workspaces import service as workspaces
from frontdesk.store import records
from frontdesk.store.errand_tables import errand, errand_action
from frontdesk.store.schema import sa_table
from frontdesk.store.tables import REGISTRY

REQUESTS = 200
WARM_UP = 20
PAGE = f"/console/people/csm_consumer/{SAM}"


def _interactions(count: int) -> list[dict[str, Any]]:
    now = clock.now()
    rows = []
    for index in range(count):
        moment = now - timedelta(minutes=index * 263)  # a year, spread
        rows.append({
            "sys_id": f"b360{index:028x}", "sys_created_on": moment, "sys_created_by": "bench",
            "sys_updated_on": moment, "sys_updated_by": "bench", "sys_mod_count": 0,
            "sys_domain": "global", "consumer": SAM, "number": f"IMSB{index:07d}",
            "type": ("phone", "chat")[index % 2], "state": "closed_complete", "active": False,
            "short_description": f"Bench interaction {index}",
        })  # fmt: skip
    return rows


async def _fill(url: str, count: int) -> None:
    settings = Settings(database_url=url)
    database = open_database(parse_database_url(url))
    await database.open()
    services = Services.create(database, settings)
    try:
        ws = (await workspaces.resolve(services, None)).id
        now = clock.now()
        async with services.write() as unit:
            await records.insert_many(
                unit.tx, REGISTRY["interaction"], workspace_id=ws, records=_interactions(count)
            )
            card = await card_repository.card_of(
                unit.tx, workspace_id=ws, consumer_sys_id=SAM, cuid=None, at=now
            )
            for index in range(count):
                moment = now - timedelta(minutes=index * 263 + 131)
                made = await unit.tx.insert_row(errand, {
                    "workspace_id": ws, "channel": 1, "activity": "email", "card_id": card,
                    "from_address": "sam.collins@example.com", "subject": f"Bench errand {index}",
                    "answered": True, "closed": True, "created_on": moment,
                    "answered_on": moment + timedelta(minutes=30),
                    "closed_on": moment + timedelta(minutes=30), "dirty": False,
                }, returning="id")  # fmt: skip
                await unit.tx.insert_many(errand_action, [
                    {"workspace_id": ws, "errand_id": made, "kind": kind, "origin": "bench",
                     "at": moment + timedelta(minutes=minutes)}
                    for kind, minutes in (("created", 0), ("answered", 30))
                ])  # fmt: skip
        async with services.read() as unit:  # as autovacuum would (this machine's is off)
            await records.analyze(unit.tx, sa_table("interaction"), errand, errand_action)
    finally:
        await database.close()


def _times(client: httpx.Client, path: str) -> dict[str, Any]:
    first_byte, whole = [], []
    for turn in range(WARM_UP + REQUESTS):
        started = time.perf_counter()
        with client.stream("GET", path) as answer:
            chunks = answer.iter_raw()
            size = len(next(chunks))
            reached = time.perf_counter()
            size += sum(len(chunk) for chunk in chunks)
            done = time.perf_counter()
            assert answer.status_code == 200, answer.status_code
        if turn >= WARM_UP:
            first_byte.append((reached - started) * 1000)
            whole.append((done - started) * 1000)
    first_byte.sort()
    whole.sort()
    p95 = int(REQUESTS * 0.95) - 1
    return {
        "ttfb_median_ms": round(statistics.median(first_byte), 2),
        "ttfb_p95_ms": round(first_byte[p95], 2),
        "whole_median_ms": round(statistics.median(whole), 2),
        "bytes": size,
    }


def run(backend: str, count: int, seconds: int, rounds: int) -> dict[str, Any]:
    url = fresh_database(backend, "customer_360")
    credentials = json.loads(frontdesk("demo", "--json", "--database", url, capture=True))
    print(f"[{backend}] writing {count} interactions and {count} errands …", flush=True)
    asyncio.run(_fill(url, count))
    logs = Path(tempfile.mkdtemp(prefix="bench-"))
    port = free_port()
    command = [str(BIN / "frontdesk"), "serve", "--port", str(port), "--database", url]
    result: dict[str, Any] = {"backend": backend, "interactions": count, "errands": count}
    with (
        server(command, {"FRONTDESK_DELIVER": "false"}, port, logs / "frontdesk.log") as base,
        httpx.Client(base_url=base, timeout=60) as client,
    ):
        console_sign_in(client, credentials["username"], credentials["password"])
        page = client.get(PAGE)
        counts = re.findall(r'"badge">([^<]+)<', page.text)
        print(f"[{backend}] the page counts: {', '.join(counts)}", flush=True)
        assert f"{count:,} errands" in counts
        result["home page (floor)"] = _times(client, "/console")
        result["Customer 360, first page"] = _times(client, PAGE)
    return result


def report(results: list[dict[str, Any]]) -> None:
    for r in results:
        print(f"{r['backend']}: {r['interactions']} interactions, {r['errands']} errands")
        for label, found in r.items():
            if isinstance(found, dict):
                print(
                    f"  {label:<28} TTFB median {found['ttfb_median_ms']:>6} ms, "
                    f"p95 {found['ttfb_p95_ms']:>6} ms; whole {found['whole_median_ms']:>6} ms "
                    f"({found['bytes']:,} bytes)"
                )


if __name__ == "__main__":
    main(__doc__ or "", "customer_360", run, report, needs_wrk=False)
