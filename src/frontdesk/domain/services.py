"""What the domain keeps per process, typed, and the unit of work that carries it.

``Services`` is built once by ``create_app`` (or a command) from the settings: the database,
the password hasher and the caches. ``services.read()`` and ``services.write()`` open a
``Unit``: one transaction plus the services, which is what every domain service receives.
"""

from __future__ import annotations

import asyncio
import os
from collections.abc import Awaitable, Callable, Hashable, Iterable, Mapping
from contextlib import AbstractAsyncContextManager
from dataclasses import dataclass, field
from functools import partial
from types import TracebackType
from typing import TypeVar

from frontdesk.config import Settings
from frontdesk.db.database import Database, Transaction
from frontdesk.domain.cache import TtlCache, WorkspaceCache
from frontdesk.domain.passwords import Hasher
from frontdesk.domain.principal import Principal
from frontdesk.domain.throttle import Throttle
from frontdesk.domain.workspace import Workspace
from frontdesk.store.card_tables import Layout
from frontdesk.store.fields import Field
from frontdesk.store.registry import Cached

CustomFields = Mapping[str, Mapping[str, Field]]  # table → name → field
# How long a credential that failed is remembered as failing (a change to users forgets it).
REJECTED_SECONDS = 300.0
K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


@dataclass(frozen=True, eq=False)
class Services:
    db: Database
    hasher: Hasher
    # Verified credentials (keyed by a digest of the credential), per workspace.
    credentials: WorkspaceCache[bytes, Principal]
    # Workspace settings: system properties and custom fields.
    properties: WorkspaceCache[None, Mapping[str, str]]
    dictionary: WorkspaceCache[None, CustomFields]
    # Customer Central's layouts, by (context table, target table).
    layouts: WorkspaceCache[tuple[str, str], Layout]
    # Workspace names (None: the default workspace) → workspaces.
    workspaces: TtlCache[str | None, Workspace]
    # Failed sign-ins: their budgets, the credentials that recently failed (a repeat costs
    # no hash), and a cap on concurrent hashing (a flood cannot take every core or GB).
    throttle: Throttle
    rejected: WorkspaceCache[bytes, bool]
    hashing: asyncio.Semaphore
    # Set when a webhook delivery was committed: the delivery worker wakes at once.
    outbox: asyncio.Event = field(default_factory=asyncio.Event)
    # Values made once per database and never changed (the instance secret), once read.
    constants: dict[str, bytes] = field(default_factory=dict)

    @classmethod
    def create(cls, db: Database, settings: Settings) -> Services:
        return cls(
            db=db,
            hasher=Hasher(
                time_cost=settings.argon2_time_cost, memory_kib=settings.argon2_memory_kib
            ),
            credentials=WorkspaceCache(settings.credential_cache_seconds),
            properties=WorkspaceCache(settings.settings_cache_seconds),
            dictionary=WorkspaceCache(settings.settings_cache_seconds),
            layouts=WorkspaceCache(settings.settings_cache_seconds),
            workspaces=TtlCache(settings.settings_cache_seconds),
            throttle=Throttle(),
            rejected=WorkspaceCache(REJECTED_SECONDS),
            hashing=asyncio.Semaphore(settings.hashing_concurrency or (os.cpu_count() or 2)),
        )

    def read(self) -> AbstractAsyncContextManager[Unit]:
        """A unit whose statements see committed data; nothing to commit."""
        return _Opening(self, self.db.read(), writing=False)

    def write(self) -> AbstractAsyncContextManager[Unit]:
        """A unit that commits when its block ends and rolls back when it raises."""
        return _Opening(self, self.db.write(), writing=True)

    def forget(self, cached: Cached, workspace_id: int) -> None:
        match cached:
            case Cached.CREDENTIALS:
                self.credentials.forget(workspace_id)
                self.rejected.forget(workspace_id)
            case Cached.PROPERTIES:
                self.properties.forget(workspace_id)
            case Cached.DICTIONARY:
                self.dictionary.forget(workspace_id)
            case Cached.CARDS:
                self.layouts.forget(workspace_id)


@dataclass(frozen=True, slots=True)
class Unit:
    """One unit of work: a transaction and the services it may read and clear."""

    tx: Transaction
    services: Services
    # A writing unit may see its own uncommitted rows: it reads caches but never fills them.
    writing: bool = False

    async def cached(
        self,
        cache: WorkspaceCache[K, V],
        workspace_id: int,
        key: K,
        load: Callable[[], Awaitable[V]],
    ) -> V:
        """``cache``'s entry, else ``load()`` in this unit (kept unless this unit writes)."""
        found = cache.get(workspace_id, key)
        if found is not None:
            return found
        if self.writing:
            return await load()

        async def compute() -> tuple[V, None]:
            return await load(), None

        return await cache.get_or_compute(workspace_id, key, compute)

    def forget(self, cached: Iterable[Cached], workspace_id: int) -> None:
        """Clear what ``workspace_id``'s caches derived from changed rows, once committed."""
        for kind in cached:
            self.tx.after_commit(partial(self.services.forget, kind, workspace_id))


class _Opening:
    """``async with``: open the database's unit, hand out a ``Unit``; close it the same way."""

    __slots__ = ("_inner", "_services", "_writing")

    def __init__(
        self,
        services: Services,
        inner: AbstractAsyncContextManager[Transaction],
        *,
        writing: bool,
    ) -> None:
        self._services = services
        self._inner = inner
        self._writing = writing

    async def __aenter__(self) -> Unit:
        return Unit(await self._inner.__aenter__(), self._services, self._writing)

    async def __aexit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> bool | None:
        return await self._inner.__aexit__(kind, error, trace)
