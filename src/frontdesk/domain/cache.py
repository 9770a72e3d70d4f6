"""A small in-process cache with expiry, for things read on every request.

Writes in this process clear entries at once (after commit); other processes sharing
the database see a change within ``ttl`` seconds.
"""

from __future__ import annotations

import time
from collections.abc import Hashable
from typing import Any, Generic, TypeVar

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


def cache_for(state: dict[str, object], name: str, default_ttl: float) -> TtlCache[Any, Any]:
    """The cache ``state[name]`` of a database's process-local state (made on first use).

    Its lifetime is ``state["ttl.<name>"]`` seconds when the application set one.
    """
    found = state.get(name)
    if found is None:
        ttl = state.get(f"ttl.{name}", default_ttl)
        found = state[name] = TtlCache[Any, Any](float(ttl))  # type: ignore[arg-type]
    assert isinstance(found, TtlCache)
    return found
