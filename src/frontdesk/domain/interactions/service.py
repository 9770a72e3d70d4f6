"""Interactions: a conversation with a customer, as a contact-centre channel reports it.

A call is opened when an agent accepts it and updated as it goes on: its fields, its phone
logs (one per call leg, known by ``call_id``), its context variables (one JSON object per
interaction) and the records it is about. The caller is identified through the identity
index by the number they called from, unless a related record names the customer.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import orjson

from frontdesk.domain import clock
from frontdesk.domain.access import Actor
from frontdesk.domain.identity import service as identity
from frontdesk.domain.records import service as records
from frontdesk.domain.records.service import Record
from frontdesk.domain.services import Unit
from frontdesk.errors import Invalid, NotFound, Problem, Thing
from frontdesk.store import records as store
from frontdesk.store.fields import ContactKind
from frontdesk.store.registry import TableDef
from frontdesk.store.service_tables import CLOSED_STATES
from frontdesk.store.tables import REGISTRY

INTERACTIONS = REGISTRY["interaction"]
PHONE_LOGS = REGISTRY["sn_openframe_phone_log"]
CONTEXTS = REGISTRY["interaction_json_blob"]
RELATED = REGISTRY["interaction_related_record"]
PROVIDERS = REGISTRY["sys_cs_provider_application"]
# The field of an interaction (and of a phone log) that names a customer of each kind.
CUSTOMER_FIELDS = {"csm_consumer": "consumer", "customer_contact": "contact"}
# Fields a channel may not set: the system's, and the number the interaction was given.
READ_ONLY = frozenset({"number", "active"})


@dataclass(frozen=True, slots=True)
class Related:
    table: str
    sys_id: str


@dataclass(frozen=True, slots=True)
class Report:
    """What a channel says about a call. Any part may be absent on an update."""

    fields: Mapping[str, Any] = field(default_factory=dict)
    caller: str | None = None  # the number the customer called from
    callback: str | None = None  # the number to call them back on
    session: str | None = None  # the channel's own id for the call
    provider: str | None = None  # the inbound id of the provider's application
    context: Mapping[str, Any] = field(default_factory=dict)
    logs: tuple[Mapping[str, Any], ...] = ()
    related: tuple[Related, ...] = ()


async def open_call(unit: Unit, actor: Actor, report: Report) -> Record:
    """A new phone interaction for ``report``, with its logs, context and related records."""
    _refuse_read_only(report.fields)
    given = {"type": "phone", **report.fields, **await _reported(unit, actor, report)}
    if not any(given.get(name) for name in CUSTOMER_FIELDS.values()):
        given.update(await _caller(unit, actor, report.caller or report.callback))
    given.update(_lifecycle(given.get("state"), active=True))
    given.setdefault("opened_at", clock.now())
    interaction = await records.insert(unit, actor, INTERACTIONS, given)
    return await _attach(unit, actor, interaction, report)


async def update_call(unit: Unit, actor: Actor, sys_id: str, report: Report) -> Record:
    """Update a call: its fields, and its logs, context and related records (new ones are
    added, a log with a known ``call_id`` is updated)."""
    _refuse_read_only(report.fields)
    current = await records.get(unit, actor, INTERACTIONS, sys_id)
    given = {**report.fields, **await _reported(unit, actor, report)}
    has_customer = any(current.get(name) or given.get(name) for name in CUSTOMER_FIELDS.values())
    if not has_customer and (report.caller or report.callback):
        given.update(await _caller(unit, actor, report.caller or report.callback))
    if "state" in given:
        given.update(_lifecycle(given["state"], active=bool(current.get("active"))))
    if given:
        current = await records.update(unit, actor, INTERACTIONS, current["sys_id"], given)
    return await _attach(unit, actor, current, report)


def _refuse_read_only(fields: Mapping[str, Any]) -> None:
    for name in fields:
        found = INTERACTIONS.field(name)
        if found is not None and (not found.writable or name in READ_ONLY):
            raise Invalid(Problem.READ_ONLY, field=name, table=INTERACTIONS.name)


def _lifecycle(state: object, *, active: bool) -> dict[str, Any]:
    """A closed state ends the interaction; any other state keeps it (or makes it) active."""
    if not isinstance(state, str) or not state:
        return {}
    if state.strip().lower() in CLOSED_STATES:
        return {"active": False, "closed_at": clock.now()} if active else {"active": False}
    return {"active": True}


async def _reported(unit: Unit, actor: Actor, report: Report) -> dict[str, Any]:
    """The interaction fields the report's own members set."""
    found: dict[str, Any] = {}
    if report.callback or report.caller:
        found["caller_phone_number"] = report.callback or report.caller
    if report.session:
        found["client_session_id"] = report.session
    if report.provider:
        application = await _first(unit, actor, PROVIDERS, inbound_id=report.provider)
        if application is None:
            raise NotFound(Thing.RECORD, report.provider, table=PROVIDERS.name, field="inbound_id")
        found["provider_application"] = application["sys_id"]
    for item in report.related:  # checked before anything is written
        table = REGISTRY.get(item.table)
        if table is None:
            raise NotFound(Thing.TABLE, item.table, field="documentTable")
        name = CUSTOMER_FIELDS.get(table.name)
        ws = actor.workspace_id
        if name and await store.exists(unit.tx, table, workspace_id=ws, sys_id=item.sys_id):
            found[name] = item.sys_id
    return found


async def _caller(unit: Unit, actor: Actor, number: str | None) -> dict[str, Any]:
    """The one consumer or contact reached at ``number`` (however either was written)."""
    if not number:
        return {}
    owners = set(
        await identity.owners(
            unit.tx, workspace_id=actor.workspace_id, kind=ContactKind.PHONE, value=number
        )
    )
    people = [(table, sys_id) for table, sys_id in owners if table in CUSTOMER_FIELDS]
    if len(people) != 1:
        return {}
    table, sys_id = people[0]
    return {CUSTOMER_FIELDS[table]: sys_id}


async def _attach(unit: Unit, actor: Actor, interaction: Record, report: Report) -> Record:
    sys_id = interaction["sys_id"]
    first_log: str | None = None
    for given in report.logs:
        log = await _log(unit, actor, interaction, given)
        first_log = first_log or log["sys_id"]
    if report.context:
        await _context(unit, actor, sys_id, report.context)
    for item in report.related:
        await _relate(unit, actor, sys_id, item)
    if first_log and not interaction.get("channel_metadata_document"):
        interaction = await records.update(
            unit,
            actor,
            INTERACTIONS,
            sys_id,
            {"channel_metadata_table": PHONE_LOGS.name, "channel_metadata_document": first_log},
        )
    return interaction


async def _log(unit: Unit, actor: Actor, interaction: Record, given: Mapping[str, Any]) -> Record:
    fields = {
        "phone_number": interaction.get("caller_phone_number"),
        "consumer": interaction.get("consumer"),
        "contact": interaction.get("contact"),
        "direction": interaction.get("direction"),
        "client_session_id": interaction.get("client_session_id"),
        **given,
        "interaction": interaction["sys_id"],
    }
    call_id = given.get("call_id")
    if isinstance(call_id, str) and call_id:
        known = await _first(
            unit, actor, PHONE_LOGS, interaction=interaction["sys_id"], call_id=call_id
        )
        if known is not None:
            return await records.update(unit, actor, PHONE_LOGS, known["sys_id"], dict(given))
    return await records.insert(unit, actor, PHONE_LOGS, fields)


async def _context(unit: Unit, actor: Actor, sys_id: str, variables: Mapping[str, Any]) -> None:
    """Merge ``variables`` into the interaction's context (new names added, known replaced)."""
    known = await _first(unit, actor, CONTEXTS, interaction=sys_id)
    if known is None:
        value = orjson.dumps(dict(variables)).decode()
        await records.insert(unit, actor, CONTEXTS, {"interaction": sys_id, "value": value})
        return
    merged = {**context_of(known), **variables}
    await records.update(
        unit, actor, CONTEXTS, known["sys_id"], {"value": orjson.dumps(merged).decode()}
    )


def context_of(blob: Record) -> dict[str, Any]:
    try:
        value = orjson.loads(blob.get("value") or "{}")
    except orjson.JSONDecodeError:
        return {}
    return value if isinstance(value, dict) else {}


async def _relate(unit: Unit, actor: Actor, sys_id: str, item: Related) -> None:
    known = await _first(
        unit, actor, RELATED, interaction=sys_id, document_table=item.table, document_id=item.sys_id
    )
    if known is None:
        await records.insert(
            unit,
            actor,
            RELATED,
            {"interaction": sys_id, "document_table": item.table, "document_id": item.sys_id},
        )


async def _first(unit: Unit, actor: Actor, table: TableDef, **equal: str) -> Record | None:
    page = await records.query(
        unit, actor, table, records.matching(**equal), limit=1, offset=0, count=False
    )
    return page.records[0] if page.records else None
