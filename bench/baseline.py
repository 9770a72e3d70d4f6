"""The bare baseline: a Starlette endpoint that reads one consumer row, nothing else.

``BENCH_DATABASE`` is the same database frontdesk serves; ``BENCH_WORKSPACE`` its id.
SQLite through ``sqlite3`` (inline, like frontdesk), PostgreSQL through an asyncpg pool.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import asyncpg
import orjson
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

DATABASE = os.environ.get("BENCH_DATABASE", "sqlite:///bench.db")
WORKSPACE = int(os.environ.get("BENCH_WORKSPACE", "1"))
state: dict[str, Any] = {}


@asynccontextmanager
async def lifespan(app: Starlette) -> AsyncIterator[None]:
    if DATABASE.startswith("sqlite"):
        state["sqlite"] = sqlite3.connect(
            DATABASE.removeprefix("sqlite:///"), check_same_thread=False
        )
    else:
        state["pool"] = await asyncpg.create_pool(DATABASE, min_size=4, max_size=20)
    yield
    if "pool" in state:
        await state["pool"].close()


async def consumer(request: Request) -> Response:
    sys_id = request.path_params["sys_id"]
    if "sqlite" in state:
        row = (
            state["sqlite"]
            .execute(
                "SELECT * FROM csm_consumer WHERE workspace_id = ? AND sys_id = ?",
                (WORKSPACE, sys_id),
            )
            .fetchone()
        )
        body = orjson.dumps({"result": row})
    else:
        record = await state["pool"].fetchrow(
            "SELECT * FROM csm_consumer WHERE workspace_id = $1 AND sys_id = $2", WORKSPACE, sys_id
        )
        body = orjson.dumps({"result": dict(record)}, default=str)
    return Response(body, media_type="application/json")


app = Starlette(routes=[Route("/api/now/consumer/{sys_id}", consumer)], lifespan=lifespan)
