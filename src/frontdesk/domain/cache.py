"""Small in-process caches with expiry, for things read on every request.

Writes in this process clear entries at once (after commit); other processes sharing
the database see a change within ``ttl`` seconds.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable, Hashable
from typing import Generic, TypeVar

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


class TtlCache(Generic[K, V]):
    def __init__(self, ttl: float, max_entries: int = 10_000) -> None:
        self.ttl = ttl
        self.max_entries = max_entries
        self._entries: dict[K, tuple[float, V]] = {}

    def get(self, key: K) -> V | None:
        entry = self._entries.get(key)
        if entry is None:
            return None
        expires, value = entry
        if expires < time.monotonic():
            self._entries.pop(key, None)
            return None
        return value

    def put(self, key: K, value: V, ttl: float | None = None) -> None:
        if len(self._entries) >= self.max_entries:
            self._evict()
        self._entries[key] = (time.monotonic() + (self.ttl if ttl is None else ttl), value)

    def drop(self, key: K) -> None:
        self._entries.pop(key, None)

    def clear(self) -> None:
        self._entries.clear()

    def _evict(self) -> None:
        moment = time.monotonic()
        for key in [k for k, (expires, _) in self._entries.items() if expires < moment]:
            del self._entries[key]
        if len(self._entries) >= self.max_entries:
            self._entries.clear()


Computed = tuple[V, float | None]  # a value and how long to keep it (None: the cache's ttl)


class WorkspaceCache(Generic[K, V]):
    """Entries per workspace. ``forget(workspace)`` drops all of a workspace's entries at
    once; concurrent callers asking for the same missing entry share one computation."""

    def __init__(self, ttl: float, max_entries: int = 10_000) -> None:
        self._entries: TtlCache[tuple[int, K], tuple[int, V]] = TtlCache(ttl, max_entries)
        self._generations: dict[int, int] = {}
        self._pending: dict[tuple[int, K], asyncio.Future[V]] = {}

    @property
    def ttl(self) -> float:
        return self._entries.ttl

    def get(self, workspace_id: int, key: K) -> V | None:
        entry = self._entries.get((workspace_id, key))
        if entry is None or entry[0] != self._generations.get(workspace_id, 0):
            return None
        return entry[1]

    def put(
        self, workspace_id: int, key: K, value: V, ttl: float | None = None, generation: int = -1
    ) -> None:
        current = self._generations.get(workspace_id, 0)
        if generation not in (-1, current):
            return  # computed from what a write has since changed
        self._entries.put((workspace_id, key), (current, value), ttl)

    def forget(self, workspace_id: int) -> None:
        self._generations[workspace_id] = self._generations.get(workspace_id, 0) + 1

    async def get_or_compute(
        self, workspace_id: int, key: K, compute: Callable[[], Awaitable[Computed[V]]]
    ) -> V:
        found = self.get(workspace_id, key)
        if found is not None:
            return found
        slot = (workspace_id, key)
        running = self._pending.get(slot)
        if running is not None:
            return await asyncio.shield(running)
        future: asyncio.Future[V] = asyncio.get_running_loop().create_future()
        self._pending[slot] = future
        generation = self._generations.get(workspace_id, 0)
        try:
            value, ttl = await compute()
            self.put(workspace_id, key, value, ttl, generation)
            future.set_result(value)
            return value
        except BaseException as error:
            future.set_exception(error)
            future.exception()  # retrieved: waiters re-raise it, nobody else needs to
            raise
        finally:
            del self._pending[slot]
