"""Argon2 password hashes. Hashing and verifying are CPU-bound: call them from a thread."""

from __future__ import annotations

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

_hasher = PasswordHasher()
# Verified against when the user does not exist, so that both answers take as long.
_DUMMY = _hasher.hash("frontdesk: no such user")


def configure(*, time_cost: int, memory_kib: int) -> None:
    """Set the cost of new hashes (existing hashes carry their own parameters)."""
    global _hasher, _DUMMY
    _hasher = PasswordHasher(time_cost=time_cost, memory_cost=memory_kib)
    _DUMMY = _hasher.hash("frontdesk: no such user")


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify(stored: str | None, password: str) -> bool:
    try:
        return _hasher.verify(stored or _DUMMY, password) and stored is not None
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False
