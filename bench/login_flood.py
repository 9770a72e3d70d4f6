"""A wrong-password flood, and a legitimate sign-in during it (issue 7 §2).

    .venv/bin/python -m bench.login_flood [--seconds 20] [--clients 64] [--against REV]

Starts ``frontdesk serve`` on a new demo database (SQLite, production Argon2 cost) and
runs, for SECONDS: CLIENTS concurrent clients from 127.0.0.1, each guessing the admin's
password with Basic auth as fast as answers come (every guess a different password), and
meanwhile, from 127.0.0.2, a legitimate sign-in every half second: the OAuth password
grant, which verifies the client secret and the password afresh each time. Prints the
server's peak resident memory, how the guesses were answered, and the sign-ins' latency.

With ``--against REV`` the same flood runs first against that git revision of the server
(checked out beside this one, run on this virtualenv): the baseline, in the same run.
"""

from __future__ import annotations

import argparse
import asyncio
import collections
import json
import os
import statistics
import subprocess
import tempfile
import threading
import time
from pathlib import Path

import httpx

from bench.common import BIN, ROOT, checkout, free_port, server

PYTHON = str(BIN / "python")


def peak_rss(pid: int) -> int:
    """The process's peak resident set, in bytes (VmHWM)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) * 1024
    return 0


async def flood(url: str, user: str, seconds: float, clients: int) -> collections.Counter[int]:
    answers: collections.Counter[int] = collections.Counter()
    deadline = time.monotonic() + seconds
    limits = httpx.Limits(max_connections=clients)
    transport = httpx.AsyncHTTPTransport(local_address="127.0.0.1", limits=limits)
    async with httpx.AsyncClient(transport=transport, timeout=120) as client:

        async def guesser(index: int) -> None:
            attempt = 0
            while time.monotonic() < deadline:
                attempt += 1
                response = await client.get(
                    f"{url}/api/now/consumer", auth=(user, f"guess-{index}-{attempt}")
                )
                answers[response.status_code] += 1

        await asyncio.gather(*(guesser(i) for i in range(clients)))
    return answers


async def sign_ins(url: str, demo: dict[str, str], seconds: float) -> list[float]:
    timings: list[float] = []
    deadline = time.monotonic() + seconds
    transport = httpx.AsyncHTTPTransport(local_address="127.0.0.2")
    form = {
        "grant_type": "password",
        "client_id": demo["oauth_client_id"],
        "client_secret": demo["oauth_client_secret"],
        "username": demo["username"],
        "password": demo["password"],
    }
    async with httpx.AsyncClient(transport=transport, timeout=120) as client:
        await asyncio.sleep(1)  # let the flood build up first
        while time.monotonic() < deadline:
            started = time.perf_counter()
            response = await client.post(f"{url}/oauth_token.do", data=form)
            timings.append(time.perf_counter() - started)
            assert response.status_code == 200, response.text
            await asyncio.sleep(0.5)
    return timings


def measure(label: str, source: Path, seconds: float, clients: int) -> dict[str, object]:
    work = Path(tempfile.mkdtemp(prefix="frontdesk-flood-"))
    database = f"sqlite:///{work / 'flood.db'}"
    env = {**os.environ, "PYTHONPATH": str(source / "src"), "FRONTDESK_DATA_DIR": str(work)}
    printed = subprocess.run(
        [PYTHON, "-m", "frontdesk", "demo", "--json", "--database", database],
        check=True,
        capture_output=True,
        text=True,
        env=env,
        cwd=work,
    )
    demo = json.loads(printed.stdout)
    port = free_port()
    command = [PYTHON, "-m", "frontdesk", "serve", "--port", str(port), "--database", database]
    with server(command, env, port, work / "serve.log") as url:
        pid = int(subprocess.check_output(["pgrep", "-f", "--", f"serve --port {port}"]).split()[0])
        peak = [peak_rss(pid)]
        stop = threading.Event()

        def watch() -> None:
            while not stop.wait(0.1):
                peak.append(peak_rss(pid))

        watcher = threading.Thread(target=watch, daemon=True)
        watcher.start()

        async def both() -> tuple[collections.Counter[int], list[float]]:
            guessed, signed = await asyncio.gather(
                flood(url, demo["username"], seconds, clients), sign_ins(url, demo, seconds)
            )
            return guessed, signed

        answers, timings = asyncio.run(both())
        stop.set()
        watcher.join()
    found = {
        "label": label,
        "peak_rss_mb": round(max(peak) / 2**20),
        "guesses": dict(answers),
        "sign_ins": len(timings),
        "sign_in_median_s": round(statistics.median(timings), 3),
        "sign_in_max_s": round(max(timings), 3),
    }
    print(json.dumps(found), flush=True)
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--clients", type=int, default=64)
    parser.add_argument("--against", help="a git revision to measure first, as the baseline")
    arguments = parser.parse_args()
    if arguments.against:
        old = checkout(arguments.against)
        try:
            measure(arguments.against, old, arguments.seconds, arguments.clients)
        finally:
            subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(old)])
    measure("this tree", ROOT, arguments.seconds, arguments.clients)


if __name__ == "__main__":
    main()
