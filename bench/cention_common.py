"""What the Cention benchmarks share: a fresh database each, and a process's memory."""

from __future__ import annotations

import asyncio
import subprocess
import threading
import time
from pathlib import Path

import asyncpg
import httpx

from bench.common import DATA, POSTGRES


async def _recreate(url: str) -> None:
    base, _, name = url.rpartition("/")
    connection = await asyncpg.connect(f"{base}/postgres")
    try:
        await connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await connection.execute(f'CREATE DATABASE "{name}"')
    finally:
        await connection.close()


def fresh_database(backend: str, name: str) -> str:
    """An empty database for one benchmark (the previous run's dropped)."""
    if backend == "sqlite":
        DATA.mkdir(exist_ok=True)
        for stale in DATA.glob(f"{name}.db*"):
            stale.unlink()
        return f"sqlite:///{DATA / name}.db"
    url = f"{POSTGRES.rpartition('/')[0]}/frontdesk_bench_{name}"
    asyncio.run(_recreate(url))
    return url


def listener(port: int) -> int:
    """The process listening on ``port`` (the server ``bench.common.server`` started)."""
    found = subprocess.run(
        ["ss", "-ltnpH", f"sport = :{port}"], capture_output=True, text=True, check=True
    ).stdout
    return int(found.split("pid=")[1].split(",")[0])


def rss_kib(pid: int, kind: str = "VmRSS") -> int:
    """A process's resident memory: all of it (``VmRSS``, which counts the pages of files it
    maps, such as SQLite's database under ``mmap_size``), or its own (``RssAnon``)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(f"{kind}:"):
            return int(line.split()[1])
    raise RuntimeError(f"no {kind} for {pid}")


class PeakMemory:
    """Samples a process's resident memory every 5 ms while in use: the peaks (all of it,
    and its own), in KiB."""

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self.peak = rss_kib(pid)
        self.peak_anon = rss_kib(pid, "RssAnon")
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._watch, daemon=True)

    def _watch(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, rss_kib(self.pid))
            self.peak_anon = max(self.peak_anon, rss_kib(self.pid, "RssAnon"))
            time.sleep(0.005)

    def __enter__(self) -> PeakMemory:
        self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._stop.set()
        self._thread.join()


def count_streamed(response: httpx.Response, mark: bytes) -> tuple[int, int]:
    """How many times ``mark`` occurs in a streamed answer (a row each), and its bytes,
    read as it streams."""
    rows = size = 0
    tail = b""
    for chunk in response.iter_bytes():
        size += len(chunk)
        seen = tail + chunk  # a mark may straddle two chunks
        rows += seen.count(mark) - tail.count(mark)
        tail = seen[-len(mark) + 1 :] if len(mark) > 1 else b""
    return rows, size
