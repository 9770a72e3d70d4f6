"""Cention errands created per second by 50 concurrent clients (issue 10; aim: 500/s or more).

    .venv/bin/python -m bench.cention_errands [--backend sqlite|postgresql|both] [--seconds 10]
                                              [--count SENDERS]

For each backend, on a fresh database with the demo: ``frontdesk serve`` with one process,
then with two, and ``wrk`` as 50 concurrent clients, each sending as the Go SDK's sample
does (``POST c3_new_errands`` with a chunked body and no ``Content-Length``, the demo's
token), the spec's document with its two attachments from one of COUNT senders (default
5,000: most requests find the sender's card, some make it), for SECONDS. Counts the
errands per second (an answer other than 201 is an error) and the latency percentiles.
wrk, not a Python client: a Python client needs a core of its own at these rates.
Results are printed and written to bench/results/.
"""

from __future__ import annotations

import asyncio
import copy
import json
import re
import sqlite3
import subprocess
import tempfile
from pathlib import Path
from typing import Any

import asyncpg
from tests.surfaces.cention.spec_examples import NEW_ERRAND

from bench.cention_common import fresh_database
from bench.common import BIN, free_port, frontdesk, main, server

CLIENTS = 50
MEDIA = "application/vnd.api+json"
UNITS = {"us": 1e-3, "ms": 1.0, "s": 1e3, "m": 6e4}


def _template() -> str:
    """The spec's create document, its sender to be filled in (``SENDER``)."""
    document = copy.deepcopy(NEW_ERRAND)
    message = document["data"]["attributes"]["msg"]
    message["from"] = "senderSENDER@bench.example"
    message["name"] = "Sender SENDER"
    del document["data"]["attributes"]["integrationData"]  # no phone call
    return json.dumps(document)


def _script(token: str, senders: int) -> Path:
    """A wrk script: each request the spec's document from a random one of ``senders``,
    sent as the Go SDK sends it: chunked, without Content-Length."""
    script = Path(tempfile.mkstemp(suffix=".lua")[1])
    template = _template().replace("\\", "\\\\").replace('"', '\\"')
    script.write_text(
        f'local template = "{template}"\n'
        "request = function()\n"
        f"  local body = template:gsub('SENDER', tostring(math.random({senders})))\n"
        "  local half = math.floor(#body / 2)\n"
        "  local chunks = string.format('%x\\r\\n%s\\r\\n%x\\r\\n%s\\r\\n0\\r\\n\\r\\n',\n"
        "    half, body:sub(1, half), #body - half, body:sub(half + 1))\n"
        "  return 'POST /s/demo/capi/json/c3_new_errands HTTP/1.1\\r\\n'\n"
        "    .. 'Host: 127.0.0.1\\r\\n'\n"
        f"    .. 'Authorization: Bearer {token}\\r\\n'\n"
        f"    .. 'Content-Type: {MEDIA}\\r\\n'\n"
        "    .. 'Transfer-Encoding: chunked\\r\\n\\r\\n' .. chunks\n"
        "end\n"
    )
    return script


def _ms(text: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text).groups()  # type: ignore[union-attr]
    return round(float(number) * UNITS[unit], 1)


def _wrk(base: str, script: Path, seconds: int) -> dict[str, Any]:
    done = subprocess.run(
        ["wrk", "-t2", f"-c{CLIENTS}", f"-d{seconds}s", "--latency", "-s", str(script), base],
        capture_output=True,
        text=True,
        check=True,
    )
    out = done.stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))  # type: ignore[union-attr]
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    socket_errors = re.search(r"Socket errors: (.*)", out)
    return {
        "errands_per_second": rate,
        "errors": int(errors.group(1)) if errors else 0,
        "socket_errors": socket_errors.group(1) if socket_errors else "",
        "p50_ms": _ms(re.search(r"^\s+50%\s+(\S+)", out, re.M).group(1)),  # type: ignore[union-attr]
        "p99_ms": _ms(re.search(r"^\s+99%\s+(\S+)", out, re.M).group(1)),  # type: ignore[union-attr]
    }


def run(backend: str, count: int, seconds: int, rounds: int) -> dict[str, Any]:
    url = fresh_database(backend, "cention_errands")
    credentials = json.loads(frontdesk("demo", "--json", "--database", url, capture=True))
    logs = Path(tempfile.mkdtemp(prefix="bench-"))
    senders = count if count < 1_000_000 else 5000
    script = _script(credentials["cention_token"], senders)
    result: dict[str, Any] = {"backend": backend, "clients": CLIENTS, "senders": senders}
    for workers in (1, 2):
        port = free_port()
        command = [str(BIN / "frontdesk"), "serve", "--port", str(port), "--database", url,
                   "--workers", str(workers)]  # fmt: skip
        env = {"FRONTDESK_DELIVER": "false"}
        with server(command, env, port, logs / f"frontdesk-{workers}.log") as base:
            subprocess.run(
                ["wrk", "-t2", "-c10", "-d2s", "-s", str(script), base],
                capture_output=True,
                check=True,
            )  # warm up; fmt: skip
            found = [_wrk(base, script, seconds) for _ in range(rounds)]
        best = max(found, key=lambda r: r["errands_per_second"])
        result[f"workers={workers}"] = {**best, "rounds": [r["errands_per_second"] for r in found]}
    result["errands"] = _count(url)
    return result


def _count(url: str) -> int:
    if url.startswith("sqlite"):
        with sqlite3.connect(url.removeprefix("sqlite:///")) as connection:
            return int(connection.execute("SELECT count(*) FROM errand").fetchone()[0])
    return int(asyncio.run(_pg_count(url)))


async def _pg_count(url: str) -> int:
    connection = await asyncpg.connect(url)
    try:
        return int(await connection.fetchval("SELECT count(*) FROM errand"))
    finally:
        await connection.close()


def report(results: list[dict[str, Any]]) -> None:
    for r in results:
        head = f"{r['clients']} clients, {r['senders']} senders, {r['errands']} errands stored"
        print(f"{r['backend']}: {head}")
        for workers in (1, 2):
            w = r[f"workers={workers}"]
            print(
                f"  serve --workers {workers}: {w['errands_per_second']:.0f} errands/s "
                f"(p50 {w['p50_ms']} ms, p99 {w['p99_ms']} ms, {w['errors']} non-201 "
                f"{w['socket_errors']}; rounds {w['rounds']})"
            )


if __name__ == "__main__":
    main(__doc__ or "", "cention_errands", run, report)
