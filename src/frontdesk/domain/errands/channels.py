"""The channels an errand can arrive on, with the numbers clients know them by.

Email (1) and Form (19) are the numbers Cention's documents show; the others are ours,
kept stable because clients store them.
"""

from __future__ import annotations

from dataclasses import dataclass

from frontdesk.store.fields import ContactKind


@dataclass(frozen=True, slots=True)
class Channel:
    number: int
    name: str
    # How a sender on this channel is reached (a social channel's own kind of point).
    reached_by: ContactKind
    social: str | None = None


CHANNELS = (
    Channel(1, "Email", ContactKind.EMAIL),
    Channel(2, "Manual", ContactKind.EMAIL),
    Channel(4, "Facebook", ContactKind.SOCIAL, "facebook"),
    Channel(5, "Twitter", ContactKind.SOCIAL, "twitter"),
    Channel(7, "Chat", ContactKind.EMAIL),
    Channel(10, "SMS", ContactKind.PHONE),
    Channel(18, "Voice", ContactKind.PHONE),
    Channel(19, "Form", ContactKind.EMAIL),
    Channel(23, "WhatsApp", ContactKind.PHONE),
    Channel(26, "LINE", ContactKind.SOCIAL, "line"),
    Channel(28, "VKontakte", ContactKind.SOCIAL, "vk"),
)
_BY_NAME = {c.name.lower(): c for c in CHANNELS}
_BY_NUMBER = {c.number: c for c in CHANNELS}
EMAIL = _BY_NAME["email"]


def find(given: str | int | None) -> Channel | None:
    """A channel by its name (any case) or number; Email when none is given."""
    if given is None or given == "":
        return EMAIL
    if isinstance(given, int) or str(given).isdigit():
        return _BY_NUMBER.get(int(given))
    return _BY_NAME.get(str(given).strip().lower())


def by_number(number: int) -> Channel:
    return _BY_NUMBER.get(number) or Channel(number, f"Channel {number}", ContactKind.EMAIL)
