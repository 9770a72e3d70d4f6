"""The Consumer API's operations on ``csm_consumer`` (and the social profiles it creates)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from frontdesk.db.database import Transaction
from frontdesk.domain.principal import Principal
from frontdesk.domain.records import service as records
from frontdesk.query.ast import Query
from frontdesk.store.registry import REGISTRY

CONSUMERS = REGISTRY["csm_consumer"]
SOCIAL_PROFILES = REGISTRY["sn_app_cs_social_social_profile"]
API_ROLES = frozenset({"csm_ws_integration"})
API = "The Consumer API"
SOCIAL_FIELDS = ("social_channel", "social_handle", "social_handle_url")


async def list_consumers(
    tx: Transaction, actor: Principal, encoded: Query, *, limit: int, offset: int
) -> records.Page:
    actor.require(API_ROLES, API)
    return await records.query(
        tx, actor, CONSUMERS, encoded, limit=limit, offset=offset, count=False
    )


async def get_consumer(tx: Transaction, actor: Principal, sys_id: str) -> dict[str, Any]:
    actor.require(API_ROLES, API)
    return await records.get(tx, actor, CONSUMERS, sys_id)


async def create_consumer(
    tx: Transaction, actor: Principal, body: Mapping[str, Any]
) -> dict[str, Any]:
    """Create a consumer; with all three ``social_*`` fields, also its social profile."""
    actor.require(API_ROLES, API)
    fields = {k: v for k, v in body.items() if k not in SOCIAL_FIELDS}
    consumer = await records.insert(tx, actor, CONSUMERS, fields)
    social = [body.get(name) for name in SOCIAL_FIELDS]
    if all(isinstance(v, str) and v.strip() for v in social):
        channel, handle, url = social
        await records.insert(
            tx,
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
