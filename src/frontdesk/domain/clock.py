"""The time: UTC, to the second (ServiceNow's precision), naive in storage."""

from __future__ import annotations

from datetime import UTC, datetime


def now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None, microsecond=0)
