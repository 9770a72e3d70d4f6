"""Contact cards: a person as the contact centre knows them, with every way to reach them.

A card is one consumer's (one customer everywhere, DESIGN.md): its emails, phones and
social handles feed the identity index as the consumer's contact points, so a card made
here is found by eGain's search and by the next errand from any of them. Making a card
for a contact nobody has yet is serialised per contact on PostgreSQL (an advisory lock
for the transaction), so two clients writing from the same new address at once make one
person, not two.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

from frontdesk.domain import clock
from frontdesk.domain.access import Actor
from frontdesk.domain.customers import card_repository as repository
from frontdesk.domain.identity import normalize
from frontdesk.domain.identity import service as identity
from frontdesk.domain.records import service as records
from frontdesk.domain.services import Unit
from frontdesk.errors import NotFound, Thing
from frontdesk.store.fields import ContactKind
from frontdesk.store.tables import REGISTRY

CONSUMERS = REGISTRY["csm_consumer"]
_E164 = re.compile(r"\+[1-9]\d{6,14}\Z")


class Reach(StrEnum):
    """The kinds of contact a card holds."""

    EMAIL = "email"
    FACEBOOK = "facebook"
    VK = "vk"
    LINE = "line"
    VOICE = "voice"

    @property
    def kind(self) -> ContactKind:
        if self is Reach.EMAIL:
            return ContactKind.EMAIL
        return ContactKind.PHONE if self is Reach.VOICE else ContactKind.SOCIAL

    def key(self, value: str) -> str | None:
        """The contact as the identity index keeps it."""
        if self.kind is ContactKind.SOCIAL:
            return normalize.social(self.value, value)
        return identity.normalized(self.kind, value)


@dataclass(frozen=True, slots=True)
class Card:
    id: int
    consumer_sys_id: str
    name: str
    contacts: Mapping[Reach, tuple[str, ...]]


@dataclass(frozen=True, slots=True)
class Saved:
    card_id: int
    created: bool


async def _lock(unit: Unit, workspace_id: int, reach: Reach, key: str) -> None:
    await repository.lock(unit.tx, f"card:{workspace_id}:{reach.kind.value}:{key}")


async def _owner(unit: Unit, workspace_id: int, reach: Reach, key: str) -> str | None:
    """The consumer the identity index says ``key`` reaches, if any."""
    found = await identity.owners(unit.tx, workspace_id=workspace_id, kind=reach.kind, value=key)
    return next((sys_id for table, sys_id in found if table == CONSUMERS.name), None)


def _names(name: str) -> dict[str, str]:
    first, _, last = name.strip().rpartition(" ")
    return {"first_name": first[:50], "last_name": last[:50]} if first else {"last_name": last[:50]}


async def _new_consumer(
    unit: Unit, actor: Actor, name: str, contacts: Sequence[tuple[Reach, str]]
) -> str:
    fields = _names(name or "")
    for reach, value in contacts:
        if reach is Reach.EMAIL and "email" not in fields:
            fields["email"] = value.strip()[:100]
        elif reach is Reach.VOICE and "mobile_phone" not in fields and _E164.match(value.strip()):
            fields["mobile_phone"] = value.strip()
    consumer = await records.insert(unit, actor, CONSUMERS, fields)
    return str(consumer["sys_id"])


async def save(
    unit: Unit,
    actor: Actor,
    *,
    name: str,
    contacts: Sequence[tuple[Reach, str]],
    cuid: str | None = None,
) -> Saved:
    """The card any of ``contacts`` already belongs to, with the others appended; else a
    new card (and consumer) with them all."""
    ws = actor.workspace_id
    keyed = [(reach, value, reach.key(value)) for reach, value in contacts]
    usable = [(reach, value, key) for reach, value, key in keyed if key]
    for reach, _, key in sorted(usable, key=lambda item: (item[0].value, item[2])):
        await _lock(unit, ws, reach, key)
    consumer: str | None = None
    for reach, _, key in usable:
        consumer = await _owner(unit, ws, reach, key)
        if consumer is not None:
            break
    created = consumer is None
    if consumer is None:
        consumer = await _new_consumer(unit, actor, name, [(r, v) for r, v, _ in usable])
    card_id = await repository.card_of(
        unit.tx, workspace_id=ws, consumer_sys_id=consumer, cuid=cuid, at=clock.now()
    )
    await _append(unit, ws, card_id, consumer, usable)
    return Saved(card_id, created)


async def _append(
    unit: Unit,
    workspace_id: int,
    card_id: int,
    consumer: str,
    contacts: Sequence[tuple[Reach, str, str]],
) -> None:
    known = await repository.contacts(unit.tx, card_id=card_id)
    have = {(reach, Reach(reach).key(value)) for reach, value in known}
    points: list[identity.Point] = []
    for reach, value, key in contacts:
        if (reach.value, key) in have:
            continue
        have.add((reach.value, key))
        await repository.add_contact(
            unit.tx, workspace_id=workspace_id, card_id=card_id, kind=reach.value, value=value
        )
        points.append(identity.Point(reach.kind, key, reach.value))
    if points:
        await identity.add(
            unit.tx,
            identity.rows(
                workspace_id,
                source=("contact_card", str(card_id)),
                owner=(CONSUMERS.name, consumer),
                points=points,
            ),
        )


async def get(unit: Unit, workspace_id: int, card_id: int) -> Card:
    row = await repository.card(unit.tx, workspace_id=workspace_id, card_id=card_id)
    if row is None:
        raise NotFound(Thing.RECORD, str(card_id), table="contact_card")
    found: dict[Reach, list[str]] = {}
    for kind, value in await repository.contacts(unit.tx, card_id=card_id):
        found.setdefault(Reach(kind), []).append(value)
    return Card(
        card_id,
        str(row["consumer_sys_id"]),
        str(row["name"] or ""),
        {reach: tuple(values) for reach, values in found.items()},
    )


async def of_consumer(unit: Unit, workspace_id: int, consumer_sys_id: str) -> Card | None:
    """The consumer's card, if the contact centre has one."""
    card_id = await repository.card_id_of(
        unit.tx, workspace_id=workspace_id, consumer_sys_id=consumer_sys_id
    )
    return await get(unit, workspace_id, card_id) if card_id is not None else None
