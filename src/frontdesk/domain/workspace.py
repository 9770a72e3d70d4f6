"""A workspace: a tenant. Every record belongs to exactly one (finding and creating them:
``domain.workspaces``)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Workspace:
    id: int
    name: str
    is_default: bool
