"""Cention library phrase search over 100,000 questions (issue 11; aim: under 20 ms median).

    .venv/bin/python -m bench.library_search [--backend sqlite|postgresql|both] [--count 100000]

For each backend, on a fresh database with the demo: COUNT questions in one library (written
in bulk; subject, question and answer drawn from a vocabulary of 20,000 made-up words of
3 to 10 random letters, so a three-word phrase names about one question), then
``frontdesk serve`` and, one at a time,
``GET /s/demo/capi/json/c3_library_questions?q_filter[phrase]=<phrase>`` with each part
(all, question, answer) for phrases taken from stored questions; and, as the floor in the
same run, ``GET c3_library_questions/<id>`` (one question by its id, no search). Reports
the median and 95th percentile of each. Results are printed and written to bench/results/.
"""

from __future__ import annotations

import asyncio
import json
import random
import statistics
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

import httpx
import sqlalchemy as sa

from bench.cention_common import fresh_database
from bench.common import BIN, free_port, frontdesk, main, server
from frontdesk.config import Settings
from frontdesk.db.database import open_database
from frontdesk.db.url import parse_database_url
from frontdesk.domain.services import Services
from frontdesk.store import records
from frontdesk.store.schema import sa_table

BATCH = 5000
WORDS = 20_000
REQUESTS = 300
_LETTERS = "abcdefghijklmnopqrstuvwxyz"


def _vocabulary(pick: random.Random) -> list[str]:
    found: set[str] = set()
    while len(found) < WORDS:
        found.add("".join(pick.choice(_LETTERS) for _ in range(pick.randint(3, 10))))
    return sorted(found)


async def _fill(url: str, count: int) -> list[tuple[int, str, str]]:
    """``count`` questions in one library; a sample of (id, subject phrase, answer phrase)."""
    settings = Settings(database_url=url)
    database = open_database(parse_database_url(url))
    await database.open()
    services = Services.create(database, settings)
    pick = random.Random(11)
    words = _vocabulary(pick)
    articles = sa_table("kb_knowledge")
    sample: list[tuple[int, str, str]] = []
    try:
        async with services.read() as unit:
            workspace = await unit.tx.scalar(
                sa.text("SELECT id FROM workspace WHERE name = 'demo'")
            )
            base = await unit.tx.scalar(
                sa.text("SELECT sys_id FROM kb_knowledge_base WHERE workspace_id = :ws LIMIT 1"),
                {"ws": workspace},
            )
        for first in range(0, count, BATCH):
            rows = []
            for i in range(first, min(first + BATCH, count)):
                subject = " ".join(pick.choices(words, k=6))
                question = " ".join(pick.choices(words, k=25))
                answer = " ".join(pick.choices(words, k=60))
                rows.append({
                    "workspace_id": workspace, "sys_id": uuid.uuid4().hex,
                    "number": f"KB9{i:07d}", "short_description": subject,
                    "question": f"<div>{question}</div>", "text": f"<p>{answer}</p>",
                    "kb_knowledge_base": base, "top_list": i % 100 == 0,
                    "workflow_state": "published", "active": True, "sys_view_count": 0,
                    "sys_mod_count": 0,
                })  # fmt: skip
                if i % (count // 50) == 0:
                    sample.append(
                        (i, " ".join(subject.split()[1:4]), " ".join(answer.split()[7:10]))
                    )
            async with services.write() as unit:
                await unit.tx.insert_many(articles, rows)
        async with services.read() as unit:  # as autovacuum would (this machine's is off)
            await records.analyze(unit.tx, articles)
        async with services.read() as unit:
            first_id = await unit.tx.scalar(
                sa.text("SELECT min(id) FROM kb_knowledge WHERE number LIKE 'KB9%'")
            )
        return [(int(first_id) + i, subject, answer) for i, subject, answer in sample]
    finally:
        await database.close()


def _times(client: httpx.Client, paths: list[str]) -> dict[str, float]:
    took = []
    for path in paths:
        started = time.perf_counter()
        answer = client.get(path)
        took.append((time.perf_counter() - started) * 1000)
        answer.raise_for_status()
    took.sort()
    return {
        "median_ms": round(statistics.median(took), 2),
        "p95_ms": round(took[int(len(took) * 0.95) - 1], 2),
        "requests": len(took),
    }


def run(backend: str, count: int, seconds: int, rounds: int) -> dict[str, Any]:
    url = fresh_database(backend, "library")
    credentials = json.loads(frontdesk("demo", "--json", "--database", url, capture=True))
    print(f"[{backend}] writing {count} questions …", flush=True)
    started = time.monotonic()
    sample = asyncio.run(_fill(url, count))
    print(f"[{backend}] written in {time.monotonic() - started:.0f} s", flush=True)
    logs = Path(tempfile.mkdtemp(prefix="bench-"))
    port = free_port()
    command = [str(BIN / "frontdesk"), "serve", "--port", str(port), "--database", url]
    result: dict[str, Any] = {"backend": backend, "questions": count}
    headers = {"Authorization": f"Bearer {credentials['cention_token']}"}
    with (
        server(command, {"FRONTDESK_DELIVER": "false"}, port, logs / "frontdesk.log") as base,
        httpx.Client(base_url=f"{base}/s/demo/capi/json/", headers=headers, timeout=60) as client,
    ):
        found = client.get("c3_library_questions", params={"q_filter[phrase]": sample[0][1]})
        assert [d["id"] for d in found.json()["data"]] == [str(sample[0][0])], found.text
        search = "c3_library_questions?q_filter%5Bphrase%5D={}&q_filter%5Boption%5D={}"
        turns = [sample[i % len(sample)] for i in range(REQUESTS)]
        result["one question by id (floor)"] = _times(
            client, [f"c3_library_questions/{key}" for key, _, _ in turns]
        )
        for part, index in (("all", 1), ("question", 1), ("answer", 2), ("all", 2)):
            phrases = [turn[index] for turn in turns]
            label = f"phrase from the {'subject' if index == 1 else 'answer'}, option={part}"
            result[label] = _times(client, [search.format(p, part) for p in phrases])
    return result


def report(results: list[dict[str, Any]]) -> None:
    for r in results:
        print(f"{r['backend']}: {r['questions']} questions")
        for label, found in r.items():
            if isinstance(found, dict):
                print(
                    f"  {label:<44} median {found['median_ms']:>7} ms, "
                    f"p95 {found['p95_ms']:>7} ms ({found['requests']} requests)"
                )


if __name__ == "__main__":
    main(__doc__ or "", "library_search", run, report, needs_wrk=False)
