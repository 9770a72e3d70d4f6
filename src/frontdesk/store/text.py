"""How stored text compares: case-insensitively, folding ASCII letters only.

Both databases' ``lower()`` fold ASCII only here (SQLite always; PostgreSQL on the
"C"-collated columns), so values are folded the same way in Python before they are
compared with ``lower(column)`` (docs/decisions/0003-text-comparison.md).
"""

from __future__ import annotations

import string

_FOLD = str.maketrans(string.ascii_uppercase, string.ascii_lowercase)


def fold(text: str) -> str:
    return text.translate(_FOLD)
