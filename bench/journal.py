"""The request journal's cost on ``GET /api/now/consumer/{id}`` throughput (issue 12; aim:
under 5%), in one run.

    .venv/bin/python -m bench.journal [--backend sqlite|postgresql|both] [--count 100000]

For each backend: a workspace with COUNT consumers (reused, as ``bench.consumer_api``
fills it), and three ``frontdesk serve`` processes (one worker each) on that database: two
with ``FRONTDESK_JOURNAL=false`` and one with the journal (the default). The second server
without the journal is the noise floor: it differs from the first in nothing, so how far
apart they measure is how far this machine measures apart two equal servers. The servers
run on CPU 0 and ``wrk -t1 -c32`` on CPU 1 (``taskset``), so that they do not take each
other's CPU. wrk GETs random consumers with Basic auth. Rounds are interleaved, each in
another order: each server, and the journal's server again keeping bodies (the demo admin
switches capture on through the console before that run, and off after it).

Reports each median in requests per second and the server's CPU time per request (all its
threads, from /proc), and the cost of each against the first server without the journal:
the median of each round's own ratio. Also the recorder's own time per call, measured in
this process. Needs ``wrk`` and ``taskset``. Results are printed and written to
bench/results/.
"""

from __future__ import annotations

import asyncio
import os
import re
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx
from starlette.types import Message, Receive, Scope, Send

from bench.cention_common import listener
from bench.common import (
    BIN,
    console_sign_in,
    consumer_script,
    free_port,
    main,
    prepare,
    server,
    wrk,
)
from frontdesk.domain.cache import TtlCache
from frontdesk.domain.workspace import Workspace
from frontdesk.surfaces.journal import Journal, Recorder

KINDS = (
    "without the journal",
    "without the journal, again (noise)",
    "with the journal",
    "with the journal keeping bodies",
)
SERVERS, CLIENT = 0, 1  # the CPUs the servers and wrk run on


def _capture(client: httpx.Client, on: bool) -> None:
    page = client.get("/console/journal")
    token = re.search(r'name="csrf" value="([^"]+)"', page.text)
    assert token is not None, page.text
    done = client.post(
        "/console/journal/capture", data={"csrf": token.group(1), "capture": "on" if on else "off"}
    )
    assert done.status_code == 303, done.text


def _cpu_seconds(pid: int) -> float:
    """The CPU time a process (all its threads) has used."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def run(backend: str, count: int, seconds: int, rounds: int) -> dict[str, Any]:
    url, credentials, found = prepare(backend, count)
    script = consumer_script(credentials, found)
    logs = Path(tempfile.mkdtemp(prefix="bench-"))
    on_port, off_port, again_port = free_port(), free_port(), free_port()
    serve = ["taskset", "-c", str(SERVERS), str(BIN / "frontdesk"), "serve", "--database", url]
    serve.append("--port")
    off_env = {"FRONTDESK_JOURNAL": "false"}
    result: dict[str, Any] = {"backend": backend, "consumers": found["total"]}
    measured: dict[str, list[float]] = {kind: [] for kind in KINDS}
    cpu: dict[str, list[float]] = {kind: [] for kind in KINDS}
    with (
        server([*serve, str(on_port)], {}, on_port, logs / "on.log") as on,
        server([*serve, str(off_port)], off_env, off_port, logs / "off.log") as off,
        server([*serve, str(again_port)], off_env, again_port, logs / "again.log") as again,
        httpx.Client(base_url=on, timeout=60) as console,
    ):  # fmt: skip
        console_sign_in(console, credentials["username"], credentials["password"])
        targets = dict(zip(KINDS, (off, again, on, on), strict=True))
        for target in (off, again, on):
            wrk(target, script, 3, cpu=CLIENT)  # warm caches and connections
        pids = {off: listener(off_port), again: listener(again_port), on: listener(on_port)}
        for turn in range(rounds):
            # Each round in another order: no kind always runs first (or just after another).
            shift = turn % len(KINDS)
            for kind in KINDS[shift:] + KINDS[:shift]:
                _capture(console, kind == KINDS[3])
                target = targets[kind]
                before = _cpu_seconds(pids[target])
                rate = wrk(target, script, seconds, cpu=CLIENT)
                spent = _cpu_seconds(pids[target]) - before
                measured[kind].append(rate)
                cpu[kind].append(spent / (rate * seconds) * 1e6)
        listed = console.get("/console/journal", params={"path": "/api/now/consumer/"})
        assert listed.text.count("<tr>") > 100, "the journal recorded no calls"
    result["rps"] = {kind: statistics.median(values) for kind, values in measured.items()}
    result["rps_rounds"] = measured
    result["cpu_us"] = {kind: statistics.median(values) for kind, values in cpu.items()}
    result["cpu_us_rounds"] = cpu
    # Each round's own ratio (its runs are minutes apart at most, so slow drifts of the
    # machine cancel), then their median.
    base, base_cpu = measured[KINDS[0]], cpu[KINDS[0]]
    result["cost"] = {
        kind: statistics.median(1 - on / off for on, off in zip(measured[kind], base, strict=True))
        for kind in KINDS[1:]
    }
    result["cpu_cost"] = {
        kind: statistics.median(on / off - 1 for on, off in zip(cpu[kind], base_cpu, strict=True))
        for kind in KINDS[1:]
    }
    result["recorder_us"] = asyncio.run(_recorder_cost())
    return result


async def _recorder_cost(calls: int = 200_000) -> dict[str, float]:
    """The recorder's own time per call, in this process: an app that answers at once,
    called bare and through the recorder (with capture off and on)."""

    async def answer(scope: Scope, receive: Receive, send: Send) -> None:
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b"{}" * 300})

    async def received() -> Message:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def sent(message: Message) -> None:
        return None

    demo = Workspace(1, "demo", True)
    names: TtlCache[str | None, Workspace] = TtlCache(3600)
    names.put(None, demo)
    journal = Journal()
    recorder = Recorder(answer, journal, names)
    found: dict[str, float] = {}
    for label, app, capture in (("bare", answer, False), ("recorded", recorder, False),
                                ("recorded, keeping bodies", recorder, True)):  # fmt: skip
        journal.capture(demo, capture)
        started = time.perf_counter()
        for _ in range(calls):
            scope = {"type": "http", "method": "GET", "path": "/api/now/consumer/" + "a" * 32,
                     "query_string": b"", "state": {}}  # fmt: skip
            await app(scope, received, sent)
        found[label] = (time.perf_counter() - started) / calls * 1e6
    return {
        label: round(value - found["bare"], 2) for label, value in found.items() if label != "bare"
    }


def report(results: list[dict[str, Any]]) -> None:
    for r in results:
        print(f"\n== {r['backend']}: {r['consumers']:,} consumers")
        print("GET /api/now/consumer/{id} (Basic auth, wrk -t1 -c32): medians of the rounds;")
        print("cost: the median of each round's own ratio")
        for kind in KINDS:
            cost, more = r["cost"].get(kind), r["cpu_cost"].get(kind)
            shown = f" (cost {cost * 100:+.1f}%)" if cost is not None else ""
            spent = f" (cost {more * 100:+.1f}%)" if more is not None else ""
            print(
                f"  {kind:<36} {r['rps'][kind]:7,.0f} req/s{shown:<16}"
                f" {r['cpu_us'][kind]:6.1f} us CPU/request{spent}"
            )
        base = r["cpu_us"][KINDS[0]]
        for label, spent_us in r["recorder_us"].items():
            print(
                f"  the recorder's own time, {label}: {spent_us:.2f} us a call in process"
                f" ({spent_us / base * 100:.1f}% of the {base:.0f} us a request costs)"
            )


if __name__ == "__main__":
    main(__doc__ or "", "journal", run, report)
