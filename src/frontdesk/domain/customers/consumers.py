"""The Consumer API's operations on ``csm_consumer`` (and the social profiles it creates)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from frontdesk.domain.access import Actor
from frontdesk.domain.records import service as records
from frontdesk.domain.services import Unit
from frontdesk.query.ast import Query
from frontdesk.store.tables import REGISTRY

CONSUMERS = REGISTRY["csm_consumer"]
SOCIAL_PROFILES = REGISTRY["sn_app_cs_social_social_profile"]
SOCIAL_FIELDS = ("social_channel", "social_handle", "social_handle_url")


async def list_consumers(
    unit: Unit, actor: Actor, encoded: Query, *, limit: int, offset: int
) -> records.Page:
    return await records.query(
        unit, actor, CONSUMERS, encoded, limit=limit, offset=offset, count=False
    )


async def get_consumer(unit: Unit, actor: Actor, sys_id: str) -> dict[str, Any]:
    return await records.get(unit, actor, CONSUMERS, sys_id)


async def create_consumer(unit: Unit, actor: Actor, body: Mapping[str, Any]) -> dict[str, Any]:
    """Create a consumer; with all three ``social_*`` fields, also its social profile."""
    fields = {k: v for k, v in body.items() if k not in SOCIAL_FIELDS}
    consumer = await records.insert(unit, actor, CONSUMERS, fields)
    social = [body.get(name) for name in SOCIAL_FIELDS]
    if all(isinstance(v, str) and v.strip() for v in social):
        channel, handle, url = social
        await records.insert(
            unit,
            actor,
            SOCIAL_PROFILES,
            {
                "consumer": consumer["sys_id"],
                "channel": channel,
                "profile": handle,
                "profile_url": url,
                "source": "consumer_api",
            },
        )
    return consumer
