"""Administration > Customer Central: its contexts (a customer table and a target table,
the layout and how many days of data), their cards (title, place, on or off; a report's
type and grouping), a form to add a report card, and a live preview of the context for a
chosen customer, with the report cards drawn as charts from the values computed now."""

from __future__ import annotations

from typing import Any

from starlette.responses import Response
from starlette.routing import Route

from frontdesk.domain.overview import service as overview
from frontdesk.domain.records import service as records
from frontdesk.errors import Invalid, NotFound
from frontdesk.store.card_tables import (
    CARD_TABLES,
    CUST_INFO_CONFIG,
    REPORT_CONFIG,
    REPORT_TYPES,
)
from frontdesk.store.tables import REGISTRY
from frontdesk.surfaces.console import charts
from frontdesk.surfaces.console.visit import Visit, refused, signed

PATH = "/console/customer-central"
CARDS = {table.name: table for table in CARD_TABLES if table is not CUST_INFO_CONFIG}
KINDS = {
    "sn_customercentral_record_config": "Record",
    "sn_customercentral_list_config": "List",
    "sn_customercentral_report_group_config": "Report group",
    "sn_customercentral_report_config": "Report",
}
PEOPLE = 200  # customers the preview offers, by name


def _chart(card: overview.Card) -> charts.Chart:
    config = card.config
    groups = [
        (str(card.labels.get(value, value)), score)
        for value, score in (card.groups.scores if card.groups else [])
    ]
    if card.groups is not None and card.groups.other is not None:
        groups.append(("Other", card.groups.other))
    precision = int(config.get("decimal_precision") or 0)
    kind = str(config.get("report_type") or "single_score")
    return charts.chart(kind if card.grouped else "single_score", card.value, groups, precision)


async def _preview(
    visit: Visit, context: dict[str, Any], customer: str
) -> tuple[overview.Overview | None, str]:
    try:
        async with visit.services.read() as unit:
            found = await overview.overview(
                unit, visit.actor, str(context["context_table"]), customer,
                str(context["target_table"]), computed=True,
            )  # fmt: skip
    except NotFound:
        return None, "No such customer (or the context is off)."
    return found, ""


async def _page(visit: Visit, status: int = 200, problem: str = "") -> Response:
    given = visit.request.query_params
    contexts = await visit.listed(CUST_INFO_CONFIG, "ORDERBYname")
    chosen = next((c for c in contexts if c["sys_id"] == given.get("context")), None)
    chosen = chosen or (contexts[0] if contexts else None)
    cards: list[tuple[str, dict[str, Any]]] = []
    people: list[dict[str, Any]] = []
    preview, trouble, customer = None, "", given.get("customer", "")
    if chosen is not None:
        for name, table in CARDS.items():
            for card in await visit.listed(table, f"context={chosen['sys_id']}^ORDERBYorder"):
                cards.append((name, card))
        cards.sort(key=lambda pair: (pair[1].get("order") or 0, pair[1]["sys_created_on"]))
        people_table = REGISTRY.get(str(chosen.get("context_table")))
        if people_table is not None:
            people = await visit.listed(people_table, "ORDERBYname", limit=PEOPLE)
        customer = customer or (people[0]["sys_id"] if people else "")
        if customer and chosen.get("active") is not False:
            preview, trouble = await _preview(visit, chosen, customer)
    layout = str((chosen or {}).get("layout") or "12").split(",")
    columns = [min(int(p), 12) for p in layout if p.strip().isdecimal() and int(p) > 0]
    shown = [
        (card, _chart(card) if card.kind is overview.Kind.REPORT else None,
         [(member, _chart(member)) for member in card.members])
        for card in (preview.cards if preview else [])
    ]  # fmt: skip
    return visit.render(
        "customer_central.html", status, contexts=contexts, chosen=chosen, cards=cards,
        kinds=KINDS, people=people, customer=customer, preview=preview, shown=shown,
        trouble=trouble, problem=problem, columns=columns or [12], report_types=REPORT_TYPES,
        tables=sorted(REGISTRY),
    )  # fmt: skip


@signed(admin=True)
async def page(visit: Visit) -> Response:
    return await _page(visit)


def _back(visit: Visit, context: str) -> Response:
    return visit.redirect(f"/customer-central?context={context}")


@signed(admin=True)
async def save_context(visit: Visit) -> Response:
    sys_id = str(visit.request.path_params["sys_id"])
    given = visit.given
    values = {
        "name": given.get("name", ""),
        "layout": given.get("layout", ""),
        "days_of_data": given.get("days_of_data", ""),
        "active": given.get("active") == "on",
    }
    try:
        async with visit.services.write() as unit:
            await records.update(unit, visit.actor, CUST_INFO_CONFIG, sys_id, values)
    except NotFound:
        return refused(visit.request, 404, "Not found", "There is no such context here.")
    except Invalid as error:
        return await _page(visit, 400, f"Not saved: {error}.")
    return _back(visit, sys_id)


@signed(admin=True)
async def save_card(visit: Visit) -> Response:
    table = CARDS.get(str(visit.request.path_params["table"]))
    sys_id = str(visit.request.path_params["sys_id"])
    if table is None:
        return refused(visit.request, 404, "Not found", "There is no such kind of card.")
    given = visit.given
    values: dict[str, Any] = {"title": given.get("title", ""), "order": given.get("order", ""),
                              "active": given.get("active") == "on"}  # fmt: skip
    if table is REPORT_CONFIG:
        values["report_type"] = given.get("report_type", "")
        values["group_by"] = given.get("group_by", "")
    try:
        async with visit.services.write() as unit:
            saved = await records.update(unit, visit.actor, table, sys_id, values)
    except NotFound:
        return refused(visit.request, 404, "Not found", "There is no such card here.")
    except Invalid as error:
        return await _page(visit, 400, f"Not saved: {error}.")
    return _back(visit, str(saved.get("context") or ""))


@signed(admin=True)
async def add_report(visit: Visit) -> Response:
    given = visit.given
    context = given.get("context", "")
    keys = ("title", "source_id", "report_type", "group_by", "filter", "relationship", "order")
    values = {key: given.get(key, "").strip() for key in keys}
    if not values["title"] or values["source_id"] not in REGISTRY:
        return await _page(visit, 400, "A report needs a title and a table it reports on.")
    try:
        async with visit.services.write() as unit:
            await records.insert(unit, visit.actor, REPORT_CONFIG, {**values, "context": context})
    except Invalid as error:
        return await _page(visit, 400, f"Not added: {error}.")
    return _back(visit, context)


def routes() -> list[Route]:
    return [
        Route(PATH, page, methods=["GET"]),
        Route(PATH + "/contexts/{sys_id}", save_context, methods=["POST"]),
        Route(PATH + "/cards/{table}/{sys_id}", save_card, methods=["POST"]),
        Route(PATH + "/reports", add_report, methods=["POST"]),
    ]
