"""Answered-errand callbacks to a local receiver (issue 10; aim: p99 answer → delivery under 1 s).

    .venv/bin/python -m bench.callbacks [--backend sqlite|postgresql|both] [--count 5000]
                                        [--seconds 20]

For each backend, on a fresh database with the demo and the callback set to a local
receiver (a threaded HTTP server that answers 200 and notes when each errand arrived):

- **delay**: ``frontdesk serve`` (which delivers) and a client answering errands through
  ``c3_new_errands`` with an ``answer``, 10 at a time at about 50 per second for SECONDS;
  the delay of each is from the client's 201 (the answer committed) to its arrival;
- **throughput**: COUNT (at most 5,000) answered errands queued while nobody delivers
  (``FRONTDESK_DELIVER=false``), then ``frontdesk deliver`` started: deliveries per second
  until the last arrives.

Every errand must arrive exactly once. Results are printed and written to bench/results/.
"""

from __future__ import annotations

import asyncio
import copy
import json
import os
import statistics
import subprocess
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, ClassVar

import httpx
from tests.surfaces.cention.spec_examples import NEW_ERRAND

from bench.cention_common import fresh_database
from bench.common import BIN, free_port, frontdesk, main, server

MEDIA = "application/vnd.api+json"
ENV = {"FRONTDESK_CALLBACK_ALLOW_PRIVATE": "true"}


class Receiver(BaseHTTPRequestHandler):
    arrived: ClassVar[dict[str, list[float]]] = {}
    lock = threading.Lock()

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers["Content-Length"]))
        at = time.time()
        errand = json.loads(body)["data"]["relationships"]["errand"]["data"]["id"]
        with Receiver.lock:
            Receiver.arrived.setdefault(errand, []).append(at)
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args: Any) -> None:
        pass


class Listening(ThreadingHTTPServer):
    # http.server's default backlog of 5 resets connections the worker opens at once.
    request_queue_size = 1024
    daemon_threads = True


def _answered(number: int) -> dict[str, Any]:
    document: dict[str, Any] = copy.deepcopy(NEW_ERRAND)
    attributes = document["data"]["attributes"]
    del attributes["integrationData"]
    attributes["msg"]["from"] = f"caller{number % 500}@bench.example"
    attributes["answer"] = {"subject": "Re: your question", "body": "Answered.",
                            "user_type": "", "user_id": ""}  # fmt: skip
    return document


async def _answer(
    base: str, token: str, count: int, rate: float, concurrency: int
) -> dict[str, float]:
    """Answer ``count`` errands at about ``rate`` per second; when each was acknowledged."""
    url = f"{base}/s/demo/capi/json/c3_new_errands"
    headers = {"Authorization": f"Bearer {token}", "Content-Type": MEDIA}
    acknowledged: dict[str, float] = {}
    gate = asyncio.Semaphore(concurrency)
    started = time.monotonic()

    async def one(client: httpx.AsyncClient, number: int) -> None:
        await asyncio.sleep(max(0.0, started + number / rate - time.monotonic()))
        async with gate:
            response = await client.post(url, json=_answered(number), headers=headers)
            assert response.status_code == 201, response.text
            acknowledged[response.json()["data"]["id"]] = time.time()

    async with httpx.AsyncClient(timeout=60) as client:
        await asyncio.gather(*(one(client, n) for n in range(count)))
    return acknowledged


def _wait_for(expected: int, deadline: float) -> None:
    while time.monotonic() < deadline:
        with Receiver.lock:
            if len(Receiver.arrived) >= expected:
                return
        time.sleep(0.05)


def run(backend: str, count: int, seconds: int, rounds: int) -> dict[str, Any]:
    count = min(count, 5000)  # the shared --count defaults to a million
    url = fresh_database(backend, "callbacks")
    credentials = json.loads(frontdesk("demo", "--json", "--database", url, capture=True))
    token = credentials["cention_token"]
    receiver = Listening(("127.0.0.1", 0), Receiver)
    threading.Thread(target=receiver.serve_forever, daemon=True).start()
    endpoint = f"http://127.0.0.1:{receiver.server_address[1]}/callback"
    subprocess.run(
        [str(BIN / "frontdesk"), "cention", "callback", "set", "--endpoint", endpoint,
         "--secret", "123456", "--database", url],
        check=True, capture_output=True, env={**os.environ, **ENV},
    )  # fmt: skip
    logs = Path(tempfile.mkdtemp(prefix="bench-"))
    result: dict[str, Any] = {"backend": backend}
    try:
        # The delay, with serve delivering.
        Receiver.arrived = {}
        port = free_port()
        command = [str(BIN / "frontdesk"), "serve", "--port", str(port), "--database", url]
        rate = 50.0
        with server(command, ENV, port, logs / "serve.log") as base:
            acknowledged = asyncio.run(_answer(base, token, int(rate * seconds), rate, 10))
            _wait_for(len(acknowledged), time.monotonic() + 60)
        delays = sorted(Receiver.arrived[k][0] - at for k, at in acknowledged.items())
        cuts = statistics.quantiles(delays, n=100)
        result["delay"] = {
            "answered": len(acknowledged),
            "arrived": len(Receiver.arrived),
            "twice": sum(len(v) > 1 for v in Receiver.arrived.values()),
            "p50_ms": round(cuts[49] * 1000, 1),
            "p99_ms": round(cuts[98] * 1000, 1),
            "max_ms": round(delays[-1] * 1000, 1),
        }
        # The throughput: a queue, then one delivering process.
        Receiver.arrived = {}
        port = free_port()
        quiet = {**ENV, "FRONTDESK_DELIVER": "false"}
        with server(
            [*command[:3], str(port), *command[4:]], quiet, port, logs / "quiet.log"
        ) as base:
            acknowledged = asyncio.run(_answer(base, token, count, 10_000.0, 20))
        started = time.time()
        with (logs / "deliver.log").open("wb") as output:
            delivering = subprocess.Popen(
                [str(BIN / "frontdesk"), "deliver", "--database", url],
                env={**os.environ, **ENV}, stdout=output, stderr=subprocess.STDOUT,
            )  # fmt: skip
        try:
            _wait_for(count, time.monotonic() + 300)
        finally:
            delivering.terminate()
            delivering.wait(timeout=30)
        arrivals = [v[0] for v in Receiver.arrived.values()]
        first, last = min(arrivals), max(arrivals)
        result["throughput"] = {
            "queued": count,
            "arrived": len(arrivals),
            "twice": sum(len(v) > 1 for v in Receiver.arrived.values()),
            "deliveries_per_second": round(len(arrivals) / (last - first), 1),
            "first_after_start_s": round(first - started, 2),
        }
    finally:
        receiver.shutdown()
        receiver.server_close()
    return result


def report(results: list[dict[str, Any]]) -> None:
    for r in results:
        d, t = r["delay"], r["throughput"]
        print(
            f"{r['backend']}: delay answer → delivery over {d['answered']} answers at 50/s: "
            f"p50 {d['p50_ms']} ms, p99 {d['p99_ms']} ms, max {d['max_ms']} ms "
            f"({d['arrived']} arrived, {d['twice']} twice)"
        )
        print(
            f"  {t['queued']} queued, then frontdesk deliver: {t['deliveries_per_second']} "
            f"deliveries/s ({t['arrived']} arrived, {t['twice']} twice; the first "
            f"{t['first_after_start_s']} s after starting it)"
        )


if __name__ == "__main__":
    main(__doc__ or "", "callbacks", run, report, needs_wrk=False)
