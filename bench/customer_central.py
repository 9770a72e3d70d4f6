"""Customer Central with ``sysparm_computed=true`` for a consumer with 10,000 cases and
10,000 interactions: the median latency of the whole request, on SQLite and PostgreSQL.

    .venv/bin/python -m bench.customer_central [--backend sqlite|postgresql|both] [--rows 10000]

Loads the demo into a new database, gives Sam Collins ``--rows`` cases and interactions
(created over the last 30 days, so every card counts them), refreshes the planner's
statistics as autovacuum (or ``frontdesk generate``) would, and sends the request through
the application in this process (httpx's ASGI transport: no network, no second process).
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import tempfile
import time
from datetime import timedelta
from pathlib import Path
from typing import Any

import asyncpg
import httpx

from bench.common import POSTGRES, ensure_postgres_database
from frontdesk.app import create_app
from frontdesk.config import Settings
from frontdesk.db import migrate
from frontdesk.db.database import open_database
from frontdesk.db.url import parse_database_url
from frontdesk.domain import clock
from frontdesk.domain.demo import loader
from frontdesk.domain.demo.servicenow import SAM
from frontdesk.domain.services import Services
from frontdesk.domain.workspaces import service as workspaces
from frontdesk.store import records
from frontdesk.store.schema import sa_table
from frontdesk.store.tables import REGISTRY
from frontdesk.surfaces.egain.access import AGENT_ROLES
from frontdesk.surfaces.servicenow.access import ROLES

TABLES = ("sn_customerservice_case", "interaction")
# Requests before the measured ones: each of SQLite's reader threads opens its connection
# on its first statement, and the first requests run about a third slower than the rest.
WARM_UP = 50
URL = (
    f"/api/sn_customercentral/cust_central/custinfo/csm_consumer/{SAM}/interaction"
    "?sysparm_computed=true"
)


def _rows(table: str, count: int) -> list[dict[str, Any]]:
    now = clock.now()
    found = []
    for index in range(count):
        moment = now - timedelta(minutes=index * 4)
        row: dict[str, Any] = {
            "sys_id": f"{table[:4]}{index:028x}",
            "sys_created_on": moment,
            "sys_created_by": "bench",
            "sys_updated_on": moment,
            "sys_updated_by": "bench",
            "sys_mod_count": 0,
            "sys_domain": "global",
            "consumer": SAM,
            "active": index % 3 != 0,
        }
        if table == "interaction":
            row |= {
                "number": f"IMSB{index:07d}",
                "type": ("phone", "chat")[index % 2],
                "state": "closed_complete" if index % 3 == 0 else "work_in_progress",
            }
        else:
            row |= {
                "number": f"CSB{index:07d}",
                "state": (1, 10, 18, 6, 3)[index % 5],
                "priority": index % 4 + 1,
                "active_escalation": "1" if index % 7 == 0 else None,
                "sys_class_name": "sn_customerservice_case",
            }
        found.append(row)
    return found


async def measure(database: str, count: int, repeat: int) -> float:
    url = parse_database_url(database)
    await asyncio.to_thread(migrate.upgrade, url)
    settings = Settings(database_url=database, argon2_time_cost=1, argon2_memory_kib=1024)
    db = open_database(url)
    await db.open()
    try:
        services = Services.create(db, settings)
        credentials = await loader.load(services, admin_roles=ROLES, agent_roles=AGENT_ROLES)
        ws = (await workspaces.resolve(services, None)).id
        async with services.write() as unit:
            for table in TABLES:
                await records.insert_many(
                    unit.tx, REGISTRY[table], workspace_id=ws, records=_rows(table, count)
                )
        async with services.read() as unit:  # as autovacuum would soon after such a load
            await records.analyze(unit.tx, *(sa_table(t) for t in TABLES))
        app = create_app(settings, services=services)
        auth = (credentials.username, credentials.password)
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://bench") as client:
            first = await client.get(URL, auth=auth)
            assert first.status_code == 200, first.text
            for _ in range(WARM_UP):
                await client.get(URL, auth=auth)
            timings = []
            for _ in range(repeat):
                start = time.perf_counter()
                response = await client.get(URL, auth=auth)
                timings.append(time.perf_counter() - start)
                assert response.status_code == 200
        calls = first.json()["result"]["cards_info"][5]
        print(f"  recent phone calls total: {calls['total']}")
        tenth, *_, ninetieth = statistics.quantiles(timings, n=10)
        print(f"  p10 {tenth * 1000:.1f} ms, p90 {ninetieth * 1000:.1f} ms")
        return statistics.median(timings) * 1000
    finally:
        await db.close()


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--backend", choices=("sqlite", "postgresql", "both"), default="both")
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=200)
    args = parser.parse_args()
    if args.backend in ("sqlite", "both"):
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "cc.db"
            median = await measure(f"sqlite:///{path}", args.rows, args.repeat)
            print(f"SQLite: median {median:.1f} ms")
    if args.backend in ("postgresql", "both"):
        name = POSTGRES.rsplit("/", 1)[0] + "/frontdesk_bench_cc"
        base = POSTGRES.rsplit("/", 1)[0]
        connection = await asyncpg.connect(f"{base}/postgres")
        await connection.execute("DROP DATABASE IF EXISTS frontdesk_bench_cc WITH (FORCE)")
        await connection.close()
        await ensure_postgres_database(name)
        median = await measure(name, args.rows, args.repeat)
        print(f"PostgreSQL: median {median:.1f} ms")


if __name__ == "__main__":
    asyncio.run(main())
