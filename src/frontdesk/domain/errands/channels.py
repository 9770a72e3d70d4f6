"""The channels an errand can arrive on, with the numbers clients know them by.

Email (1) and Form (19) are the numbers Cention's documents show; the others are ours,
kept stable because clients store them.
"""

from __future__ import annotations

from dataclasses import dataclass

from frontdesk.domain.customers.cards import Reach


@dataclass(frozen=True, slots=True)
class Channel:
    number: int
    name: str
    # The kind of contact a sender on this channel writes from (None: none a card keeps).
    reach: Reach | None
    # What an errand on it is to the customer's history: an email, a chat or a phone call.
    activity: str = "chat"


CHANNELS = (
    Channel(1, "Email", Reach.EMAIL, "email"),
    Channel(2, "Manual", Reach.EMAIL, "email"),
    Channel(4, "Facebook", Reach.FACEBOOK),
    Channel(5, "Twitter", None),
    Channel(7, "Chat", Reach.EMAIL),
    Channel(10, "SMS", Reach.VOICE),
    Channel(18, "Voice", Reach.VOICE, "phone"),
    Channel(19, "Form", Reach.EMAIL, "email"),
    Channel(23, "WhatsApp", Reach.VOICE),
    Channel(26, "LINE", Reach.LINE),
    Channel(28, "VKontakte", Reach.VK),
)
_BY_NAME = {c.name.lower(): c for c in CHANNELS}
_BY_NUMBER = {c.number: c for c in CHANNELS}
EMAIL = _BY_NAME["email"]


def find(given: str | int | None) -> Channel | None:
    """A channel by its name (any case) or number; Email when none is given."""
    if given is None or given == "":
        return EMAIL
    if isinstance(given, int) or str(given).isdecimal():
        return _BY_NUMBER.get(int(given))
    return _BY_NAME.get(str(given).strip().lower())


def by_number(number: int) -> Channel:
    return _BY_NUMBER.get(number) or Channel(number, f"Channel {number}", None)
