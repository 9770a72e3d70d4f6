"""Contact point values in the one form every surface looks them up by.

Emails compare case-insensitively. Phones become their E.164 digits, extension
included, so that ``+1 (408) 234-3456 x102``, ``14082343456102`` and the eGain parts
``1``/``408``/``234 3456``/``102`` meet. A leading international ``00`` is the ``+``.
"""

from __future__ import annotations

import re

_NOT_DIGIT = re.compile(r"\D+")


def email(value: str | None) -> str | None:
    text = (value or "").strip().lower()
    return text or None


def phone(value: str | None) -> str | None:
    digits = _NOT_DIGIT.sub("", value or "")
    if digits.startswith("00"):
        digits = digits[2:]
    return digits or None


def social(channel: str | None, handle: str | None) -> str | None:
    channel_text = (channel or "").strip().lower()
    handle_text = (handle or "").strip().lower().removeprefix("@")
    if not channel_text or not handle_text:
        return None
    return f"{channel_text}:{handle_text}"
