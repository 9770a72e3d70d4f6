"""SQL for contact cards and their contacts."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import sqlalchemy as sa

from frontdesk.db.database import Transaction
from frontdesk.db.statements import Prepared
from frontdesk.store.errand_tables import card_contact, contact_card
from frontdesk.store.schema import sa_table

_CONSUMERS = sa_table("csm_consumer")
_CARD_OF = Prepared(
    sa.select(contact_card.c.id).where(
        contact_card.c.workspace_id == sa.bindparam("ws"),
        contact_card.c.consumer_sys_id == sa.bindparam("consumer"),
    )
)
_CARD = Prepared(
    sa.select(contact_card.c.consumer_sys_id, _CONSUMERS.c.name)
    .select_from(
        contact_card.outerjoin(
            _CONSUMERS,
            sa.and_(
                _CONSUMERS.c.workspace_id == contact_card.c.workspace_id,
                _CONSUMERS.c.sys_id == contact_card.c.consumer_sys_id,
            ),
        )
    )
    .where(
        contact_card.c.workspace_id == sa.bindparam("ws"), contact_card.c.id == sa.bindparam("id")
    )
)
_CONTACTS = Prepared(
    sa.select(card_contact.c.kind, card_contact.c.value)
    .where(card_contact.c.card_id == sa.bindparam("card"))
    .order_by(card_contact.c.id)
)


_SET_CUID = Prepared(
    sa.update(contact_card)
    .where(contact_card.c.id == sa.bindparam("id"))
    .values(cuid=sa.bindparam("cuid"))
)
_LOCK = Prepared(
    sa.select(
        sa.func.pg_advisory_xact_lock(
            sa.func.hashtextextended(sa.bindparam("key", type_=sa.String()), 0)
        )
    )
)


async def lock(tx: Transaction, key: str) -> None:
    """Hold ``key`` until the transaction ends (PostgreSQL; SQLite has one writer anyway)."""
    if tx.dialect.name == "postgresql":
        await tx.execute(_LOCK, {"key": key})


async def card_of(
    tx: Transaction, *, workspace_id: int, consumer_sys_id: str, cuid: str | None, at: datetime
) -> int:
    """The consumer's card, made if it has none (and its cuid set when one is given)."""
    found = await tx.scalar(_CARD_OF, {"ws": workspace_id, "consumer": consumer_sys_id})
    if found is None:
        values = {"workspace_id": workspace_id, "consumer_sys_id": consumer_sys_id}
        made = await tx.insert_row(
            contact_card, {**values, "cuid": cuid, "created_on": at}, returning="id"
        )
        return int(made)
    if cuid:
        await tx.execute(_SET_CUID, {"id": found, "cuid": cuid})
    return int(found)


async def card_id_of(tx: Transaction, *, workspace_id: int, consumer_sys_id: str) -> int | None:
    found = await tx.scalar(_CARD_OF, {"ws": workspace_id, "consumer": consumer_sys_id})
    return int(found) if found is not None else None


async def card(tx: Transaction, *, workspace_id: int, card_id: int) -> dict[str, Any] | None:
    return await tx.first(_CARD, {"ws": workspace_id, "id": card_id})


async def contacts(tx: Transaction, *, card_id: int) -> list[tuple[str, str]]:
    result = await tx.fetch(_CONTACTS, {"card": card_id})
    return [(str(kind), str(value)) for kind, value in result.rows]


async def add_contact(
    tx: Transaction, *, workspace_id: int, card_id: int, kind: str, value: str
) -> None:
    values = {"workspace_id": workspace_id, "card_id": card_id, "kind": kind, "value": value}
    await tx.insert_row(card_contact, values, conflict=())
