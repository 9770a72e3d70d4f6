"""Failed sign-ins have a budget; past it, each failure doubles the wait before the next try.

Budgets are kept per key: a user from one address, an address whatever users it tries,
and a user from every address (so that a spread-out guess at one account is slowed too,
while its owner signing in from elsewhere is not locked out by one noisy address). Past
its free failures, a key is refused (``Throttled``, with the seconds to wait) until
``base * 2^n`` seconds after its last failure, at most ``longest``; while a key is past
its budget only one attempt at a time is let through, so a burst of concurrent guesses is
not all verified before the first failure counts. A key forgets its failures ``forget``
seconds after the last one, and a success clears the user's keys.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from frontdesk.errors import Throttled


class Scope(StrEnum):
    PAIR = "pair"  # one user (or client application) from one address
    ADDRESS = "address"
    ACCOUNT = "account"  # one user (or client application) from anywhere


Key = tuple[Scope, str]

FREE = {Scope.PAIR: 5, Scope.ADDRESS: 20, Scope.ACCOUNT: 50}


@dataclass(slots=True)
class _Tally:
    failures: int = 0
    in_flight: int = 0
    last: float = 0.0
    blocked_until: float = 0.0


@dataclass(eq=False)
class Attempt:
    """One admitted sign-in: say how it went, exactly once."""

    throttle: Throttle
    keys: tuple[Key, ...]
    done: bool = field(default=False)

    def failed(self) -> None:
        if not self.done:
            self.done = True
            self.throttle._failed(self.keys)

    def succeeded(self) -> None:
        if not self.done:
            self.done = True
            self.throttle._succeeded(self.keys)

    def abandoned(self) -> None:
        if not self.done:
            self.done = True
            self.throttle._release(self.keys)


class Throttle:
    def __init__(
        self,
        *,
        free: dict[Scope, int] | None = None,
        base: float = 1.0,
        longest: float = 900.0,
        # Longer than the longest wait: a patient guesser never gets a fresh budget.
        forget: float = 3600.0,
        max_keys: int = 100_000,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.free = free or dict(FREE)
        self.base = base
        self.longest = longest
        self.forget = forget
        self.max_keys = max_keys
        self.clock = clock
        self._tallies: dict[Key, _Tally] = {}

    @staticmethod
    def keys(account: str, address: str | None) -> tuple[Key, ...]:
        """The keys of a sign-in as ``account`` (namespaced by the caller) from ``address``."""
        if address is None:
            return ((Scope.ACCOUNT, account),)
        return (
            (Scope.PAIR, f"{account}\0{address}"),
            (Scope.ADDRESS, address),
            (Scope.ACCOUNT, account),
        )

    def admit(self, keys: Sequence[Key]) -> Attempt:
        """An attempt that may go ahead, or ``Throttled`` with how long to wait."""
        now = self.clock()
        wait = 0.0
        for key in keys:
            tally = self._tally(key, now)
            if tally.blocked_until > now:
                wait = max(wait, tally.blocked_until - now)
            elif tally.in_flight and tally.failures + tally.in_flight >= self.free[key[0]]:
                wait = max(wait, 1.0)
        if wait:
            raise Throttled(math.ceil(wait))
        for key in keys:
            self._tallies[key].in_flight += 1
        return Attempt(self, tuple(keys))

    def _tally(self, key: Key, now: float) -> _Tally:
        tally = self._tallies.get(key)
        if tally is None or (
            not tally.in_flight and tally.blocked_until <= now and now - tally.last > self.forget
        ):
            if len(self._tallies) >= self.max_keys:
                self._prune(now)
            tally = self._tallies[key] = _Tally()
        return tally

    def _prune(self, now: float) -> None:
        for key in [
            k
            for k, t in self._tallies.items()
            if not t.in_flight and t.blocked_until <= now and now - t.last > self.base
        ]:
            del self._tallies[key]

    def _release(self, keys: Sequence[Key]) -> None:
        for key in keys:
            tally = self._tallies.get(key)
            if tally is not None and tally.in_flight:
                tally.in_flight -= 1

    def _failed(self, keys: Sequence[Key]) -> None:
        self._release(keys)
        now = self.clock()
        for key in keys:
            tally = self._tallies.setdefault(key, _Tally())
            tally.failures += 1
            tally.last = now
            beyond = tally.failures - self.free[key[0]]
            if beyond >= 0:
                tally.blocked_until = now + min(self.longest, self.base * 2 ** min(beyond, 30))

    def _succeeded(self, keys: Sequence[Key]) -> None:
        self._release(keys)
        for key in keys:
            if key[0] is not Scope.ADDRESS:
                self._tallies.pop(key, None)
