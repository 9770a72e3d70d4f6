"""The Customer Central API: ``GET /api/sn_customercentral[/v1|/v2]/cust_central/custinfo/
{context}/{context_instance}/{target}``.

Answers ``{"result": {"layout", "cards_info", "has_more_records", "status": "200"}}`` with
the four card shapes of the spec. Beyond ServiceNow, ``sysparm_computed=true`` adds the
values: a report's ``computed`` (``{"value"}``, or ``{"groups", "other"}`` when grouped) and
a list's first ``rows`` and ``total`` (docs/decisions/0022-interactions-and-cards.md).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

import orjson
from starlette.requests import Request
from starlette.responses import Response

from frontdesk.domain.overview import service as overview
from frontdesk.domain.overview.service import Card, Kind
from frontdesk.errors import Invalid, NotFound, Problem
from frontdesk.query import dates
from frontdesk.surfaces.openapi import Operation, Parameter, Reply, documented
from frontdesk.surfaces.servicenow import params, schemas
from frontdesk.surfaces.servicenow.access import CUSTOMER_CENTRAL_API
from frontdesk.surfaces.servicenow.call import Call, endpoint, failure
from frontdesk.surfaces.servicenow.errors import body_of
from frontdesk.surfaces.servicenow.formats import Format, respond
from frontdesk.surfaces.servicenow.render import text

TAG = "ServiceNow Customer Central API"
OBJECT = {"type": "object"}
CARDS = {
    "type": "object",
    "required": ["result"],
    "properties": {
        "result": {
            "type": "object",
            "required": ["layout", "cards_info", "has_more_records", "status"],
            "properties": {
                "layout": schemas.STRING,
                "cards_info": {"type": "array", "items": OBJECT},
                "has_more_records": {"type": "boolean"},
                "status": schemas.STRING,
            },
        }
    },
}


def bad_path(request: Request, error: Exception, fmt: Format) -> Response:
    """An unknown context, customer or table in the path is a 400 (the spec's only
    "not found")."""
    if isinstance(error, NotFound):
        return respond(body_of(error), fmt, status=400)
    return failure(request, error, fmt)


def _before(raw: str | None) -> datetime | None:
    """``YYYY-MM-DD`` (its first second) or ``YYYY-MM-DD HH:MM:SS``."""
    if raw is None or not raw.strip():
        return None
    found = dates.parse_literal(raw)
    if found is None:
        raise Invalid(Problem.NOT_DATETIME, parameter="before", value=raw)
    return found.start


def _number(value: Any) -> Any:
    """A stored number of groups as the sample shows it: a number when it is one."""
    given = text(value)
    return int(given) if given.isascii() and given.isdigit() else given


def _score(value: Any, precision: int) -> Any:
    if value is None:
        return 0
    if isinstance(value, int):
        return value
    rounded = round(float(value), precision)
    return int(rounded) if rounded.is_integer() else rounded


def _style(config: Mapping[str, Any]) -> Any:
    try:
        found = orjson.loads(config.get("style") or "{}")
    except orjson.JSONDecodeError:
        return {}
    return found if isinstance(found, dict) else {}


def _report(card: Card) -> dict[str, Any]:
    config = card.config
    shown: dict[str, Any] = {
        "title": text(config.get("title")),
        "type": Kind.REPORT.value,
        "data_configurations": {
            "type": text(config.get("report_type")),
            "source_type": text(config.get("source_type")),
            "source_id": text(config.get("source_id")),
            "group_by": text(config.get("group_by")),
            "trend_interval": text(config.get("trend_interval")),
            "trend_field": text(config.get("trend_field")),
            "stack_by_field": text(config.get("stack_by_field")),
            "aggregate_function": text(config.get("aggregate_function")),
            "aggregate_field": text(config.get("aggregate_field")),
            "filter_query": card.query,
            "decimal_precision": config.get("decimal_precision") or 0,
            "number_of_groups": _number(config.get("number_of_groups")),
            "show_other": bool(config.get("show_other")),
            "sys_id": config["sys_id"],
        },
        "style_configurations": _style(config),
    }
    if card.measured:
        precision = int(config.get("decimal_precision") or 0)
        if card.groups is not None:
            groups = [
                {
                    "value": text(value),
                    "display_value": text(card.labels.get(value, value)),
                    "score": _score(score, precision),
                }
                for value, score in card.groups.scores
            ]
            other = card.groups.other if config.get("show_other") else None
            shown["computed"] = {"groups": groups, "other": _score(other, precision)}
        else:
            shown["computed"] = {"value": _score(card.value, precision)}
    return shown


def _card(card: Card, customer: dict[str, Any]) -> dict[str, Any]:
    config = card.config
    match card.kind:
        case Kind.RECORD:
            return {
                "title": text(config.get("title")),
                "type": card.kind.value,
                "subheader_fields": {
                    "title": text(customer.get(text(config.get("subheader_field")))),
                    "subheader_tags": [],
                    "avatar": text(customer.get(text(config.get("avatar_field")))),
                    "sys_id": text(customer.get(text(config.get("subheader_user_field")))),
                },
                "fields": [{"label": label, "value": text(value)} for label, value in card.fields],
            }
        case Kind.REPORT:
            return _report(card)
        case Kind.REPORT_GROUP:
            return {
                "title": text(config.get("title")),
                "type": card.kind.value,
                "reportGroupConfigurations": [_member(_report(member)) for member in card.members],
            }
    shown: dict[str, Any] = {
        "title": text(config.get("title")),
        "type": card.kind.value,
        "listLimit": text(config.get("list_limit")),
        "viewName": text(config.get("view_name")),
        "encodedQuery": card.query,
        "sourceTableName": text(config.get("source_table")),
    }
    if card.rows is not None:
        shown["rows"] = [{k: text(v) for k, v in row.items()} for row in card.rows]
        shown["total"] = card.total or 0
    return shown


def _member(report: dict[str, Any]) -> dict[str, Any]:
    """A report inside a group shows only its score's style (as the spec's sample)."""
    style = report["style_configurations"]
    report["style_configurations"] = {
        k: style[k] for k in ("scoreColor", "show_zero") if k in style
    } or style
    return report


@documented(
    Operation(
        "Retrieve a customer's information cards",
        TAG,
        (
            Parameter("context", "path", "csm_consumer or customer_contact"),
            Parameter("instance", "path", "The customer's sys_id", schemas.SYS_ID.schema),
            Parameter("target", "path", "The context's target table, such as interaction"),
            Parameter("before", description="Cards configured before this date (YYYY-MM-DD)"),
            Parameter("start", description="Index of the first card", schema=schemas.OFFSET),
            Parameter("end", description="Index of the last card", schema=schemas.OFFSET),
            Parameter(
                "sysparm_computed",
                description="frontdesk's extension: add each report's computed values and "
                "each list's first rows and total",
                schema=schemas.BOOLEAN,
            ),
        ),
        {
            200: Reply("The cards", schemas.json_or_xml(CARDS)),
            **schemas.COMMON,
            400: schemas.failure("No such context, customer or parameter value"),
        },
    )
)
@endpoint(CUSTOMER_CENTRAL_API, bad_path)
async def custinfo(call: Call) -> Response:
    path, query = call.request.path_params, call.request.query_params
    start = params.integer(query, "start", 0, params.MAX_OFFSET)
    last = params.integer(query, "end", -1, params.MAX_OFFSET)
    before = _before(params.first(query, "before"))
    computed = params.boolean(query, "sysparm_computed")
    async with call.read() as unit:
        found = await overview.overview(
            unit,
            call.actor,
            path["context"],
            path["instance"],
            path["target"],
            before=before,
            start=start,
            end=None if last < 0 else last,
            computed=computed,
        )
    result = {
        "layout": text(found.context.get("layout")),
        "cards_info": [_card(card, found.customer) for card in found.cards],
        "has_more_records": found.has_more,
        "status": "200",
    }
    return respond({"result": result}, call.fmt)
