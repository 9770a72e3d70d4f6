"""``POST c3_contact_cards``: create a card, or append to the card any supplied contact
already belongs to (201 on create, 200 on append, as research §3.5 chooses); the card is
a consumer, the same person every surface sees."""

from __future__ import annotations

from typing import Any

from starlette.responses import Response

from frontdesk.domain.customers import cards
from frontdesk.domain.customers.cards import Card, Reach
from frontdesk.surfaces.cention import jsonapi
from frontdesk.surfaces.cention.access import CONTACTS
from frontdesk.surfaces.cention.call import Call, endpoint
from frontdesk.surfaces.cention.jsonapi import Problem

CARDS = "c3_contact_cards"
_POINTER = "/data/attributes/contacts"


def _contacts(given: Any) -> tuple[str, list[tuple[Reach, str]]]:
    if not isinstance(given, dict):
        raise Problem(400, f"{_POINTER} must be an object.", pointer=_POINTER)
    name = given.get("name", "")
    if not isinstance(name, str):
        raise Problem(400, f"{_POINTER}/name must be a string.", pointer=f"{_POINTER}/name")
    found: list[tuple[Reach, str]] = []
    for key, values in given.items():
        if key == "name":
            continue
        if key not in Reach.__members__.values():
            known = ", ".join(r.value for r in Reach)
            raise Problem(
                400,
                f"{_POINTER}/{key} is not a kind of contact ({known}).",
                pointer=f"{_POINTER}/{key}",
            )
        if not isinstance(values, list) or not all(
            isinstance(v, str) and v.strip() for v in values
        ):
            raise Problem(
                400, f"{_POINTER}/{key} must be a list of strings.", pointer=f"{_POINTER}/{key}"
            )
        found.extend((Reach(key), value.strip()) for value in values)
    if not found:
        raise Problem(400, f"{_POINTER} must name at least one contact.", pointer=_POINTER)
    return name, found


def rendered(card: Card) -> dict[str, Any]:
    contacts: dict[str, Any] = {"name": card.name}
    for reach in Reach:
        if card.contacts.get(reach):
            contacts[reach.value] = list(card.contacts[reach])
    return jsonapi.resource(CARDS, card.id, {"c3_id": card.id, "contacts": contacts})


@endpoint(CONTACTS, writes=True)
async def save(call: Call) -> Response:
    data = (await call.document())["data"]
    if data.get("type") != CARDS:
        raise Problem(409, f"data.type must be {CARDS}.", pointer="/data/type")
    attributes = data.get("attributes")
    if not isinstance(attributes, dict):
        raise Problem(400, "/data/attributes must be an object.", pointer="/data/attributes")
    name, contacts = _contacts(attributes.get("contacts"))
    saved = await cards.save(call.unit, call.actor, name=name, contacts=contacts)
    card = await cards.get(call.unit, call.workspace.id, saved.card_id)
    body = jsonapi.document(rendered(card))
    if saved.created:
        return jsonapi.respond(body, 201, {"Location": call.link(CARDS, card.id)})
    return jsonapi.respond(body)
