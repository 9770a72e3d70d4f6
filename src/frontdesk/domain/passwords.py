"""Argon2 password hashes. Hashing and verifying are CPU-bound: call them from a thread."""

from __future__ import annotations

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError


class Hasher:
    """Hashes new secrets at this process's cost; a stored hash carries its own cost."""

    def __init__(self, *, time_cost: int, memory_kib: int) -> None:
        self._argon2 = PasswordHasher(time_cost=time_cost, memory_cost=memory_kib)
        # Verified against when the user does not exist, so that both answers take as long.
        self._dummy = self._argon2.hash("frontdesk: no such user")

    def hash(self, secret: str) -> str:
        return self._argon2.hash(secret)

    def verify(self, stored: str | None, secret: str) -> bool:
        try:
            return self._argon2.verify(stored or self._dummy, secret) and stored is not None
        except (VerifyMismatchError, VerificationError, InvalidHashError):
            return False
