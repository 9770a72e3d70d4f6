"""The Table API: ``/api/now/[v1|v2/]table/{table}[/{sys_id}]`` (research §2)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from starlette.datastructures import QueryParams
from starlette.responses import Response

from frontdesk.db.database import Transaction
from frontdesk.domain.records import service as records
from frontdesk.domain.records import views
from frontdesk.errors import NotFound
from frontdesk.query.ast import Query
from frontdesk.store.registry import TableDef, get_table
from frontdesk.surfaces.openapi import Operation, Parameter, documented
from frontdesk.surfaces.servicenow import params
from frontdesk.surfaces.servicenow.call import Call, endpoint
from frontdesk.surfaces.servicenow.formats import body_format, parse_record, respond
from frontdesk.surfaces.servicenow.paging import link_header
from frontdesk.surfaces.servicenow.render import table_rows

TAG = "ServiceNow Table API"
DEFAULT_LIMIT = 10_000
V1_EMPTY = "Records matching query not found. Check query parameter or offset parameter"
TABLE = Parameter("table", "path", "Table name, e.g. csm_consumer")
SYS_ID = Parameter("sys_id", "path", "The record's sys_id")
SHAPE = (
    Parameter("sysparm_fields", description="Comma list of fields; dot-walk allowed (user.name)"),
    Parameter("sysparm_display_value", description="false (default), true or all"),
    Parameter("sysparm_exclude_reference_link", description="true drops reference links"),
)
LIST = (
    Parameter("sysparm_query", description="Encoded query, ORDERBY/ORDERBYDESC allowed"),
    Parameter(
        "sysparm_limit", description="Records per page (default 10000)", schema={"type": "integer"}
    ),
    Parameter(
        "sysparm_offset", description="Index of the first record", schema={"type": "integer"}
    ),
    Parameter("sysparm_no_count", description="true: no X-Total-Count (no count query)"),
    Parameter("sysparm_suppress_pagination_header", description="true: no Link header"),
    *SHAPE,
)
STATUSES = {400: "Bad request or unknown table", 401: "Not authenticated", 403: "Not allowed"}


@dataclass(frozen=True, slots=True)
class Shape:
    """How records are shown: which fields, which values, with or without links."""

    fields: list[str] | None
    mode: str  # false | true | all
    links: bool

    @classmethod
    def of(cls, query: QueryParams) -> Shape:
        raw = (query.get("sysparm_fields") or "").strip()
        fields = [f.strip() for f in raw.split(",") if f.strip()] or None
        mode = (query.get("sysparm_display_value") or "false").strip().lower()
        return cls(
            fields=fields,
            mode=mode if mode in ("true", "all") else "false",
            links=not params.boolean(query, "sysparm_exclude_reference_link"),
        )


async def shaped(
    call: Call, tx: Transaction, table: TableDef, found: Sequence[dict[str, Any]], shape: Shape
) -> list[dict[str, Any]]:
    seen = await views.view(
        tx, call.principal, table, found, fields=shape.fields, display=shape.mode != "false"
    )
    return table_rows(
        [(c.name, c.reference) for c in seen.columns],
        seen.values,
        seen.displays,
        mode=shape.mode,
        links=f"{call.base}/api/now/table" if shape.links else None,
    )


def filters(query: QueryParams, table: TableDef, encoded: Query) -> Query:
    """``&field=value`` pairs, ANDed onto the whole encoded query."""
    return encoded.also(
        *(
            records.equals(table, name, value)
            for name, value in query.multi_items()
            if not name.startswith("sysparm_") and table.field(name.split(".")[0]) is not None
        )
    )


def _table(call: Call) -> TableDef:
    return get_table(call.request.path_params["table"])


def _v1(call: Call) -> bool:
    return "/api/now/v1/" in call.request.url.path


@documented(Operation("Retrieve records", TAG, (TABLE, *LIST), {200: "Records", **STATUSES}))
@endpoint
async def list_records(call: Call) -> Response:
    table = _table(call)
    query = call.request.query_params
    limit, offset = params.limit(query, DEFAULT_LIMIT), params.offset(query)
    counted = not params.boolean(query, "sysparm_no_count")
    encoded = filters(query, table, params.encoded_query(query))
    shape = Shape.of(query)
    async with call.db.read() as tx:
        page = await records.query(
            tx, call.principal, table, encoded, limit=limit, offset=offset, count=counted
        )
        result = await shaped(call, tx, table, page.records, shape)
    if not result and _v1(call):
        raise NotFound("No Record found", detail=V1_EMPTY)
    headers: dict[str, str] = {}
    if page.total is not None:
        headers["X-Total-Count"] = str(page.total)
    if not params.boolean(query, "sysparm_suppress_pagination_header"):
        link = link_header(
            call.request.url, offset=offset, limit=limit, total=page.total, has_more=page.has_more
        )
        if link:
            headers["Link"] = link
    return respond({"result": result}, call.fmt, headers=headers)


@documented(
    Operation(
        "Retrieve a record",
        TAG,
        (TABLE, SYS_ID, *SHAPE),
        {200: "The record", 404: "No record", **STATUSES},
    )
)
@endpoint
async def get_record(call: Call) -> Response:
    table = _table(call)
    async with call.db.read() as tx:
        found = await records.get(tx, call.principal, table, call.request.path_params["sys_id"])
        (result,) = await shaped(call, tx, table, [found], Shape.of(call.request.query_params))
    return respond({"result": result}, call.fmt)


async def _written(
    call: Call, table: TableDef, found: dict[str, Any], status: int, headers: dict[str, str]
) -> Response:
    if (call.request.headers.get("x-no-response-body") or "").lower() == "true":
        return Response(status_code=status, headers=headers)
    async with call.db.read() as tx:
        (result,) = await shaped(call, tx, table, [found], Shape.of(call.request.query_params))
    return respond({"result": result}, call.fmt, status=status, headers=headers)


def _display_input(call: Call) -> bool:
    return params.boolean(call.request.query_params, "sysparm_input_display_value")


async def _body(call: Call) -> dict[str, Any]:
    return parse_record(await call.body(), body_format(call.request.headers.get("content-type")))


@documented(
    Operation(
        "Create a record",
        TAG,
        (TABLE, *SHAPE),
        {201: "Created (Location names it)", **STATUSES},
        body="application/json",
    )
)
@endpoint
async def create_record(call: Call) -> Response:
    table = _table(call)
    values = await _body(call)
    async with call.db.write() as tx:
        found = await records.insert(
            tx, call.principal, table, values, display_input=_display_input(call)
        )
    location = f"{call.base}/api/now/table/{table.name}/{found['sys_id']}"
    return await _written(call, table, found, 201, {"Location": location})


@documented(
    Operation(
        "Update a record",
        TAG,
        (TABLE, SYS_ID, *SHAPE),
        {200: "Updated", 404: "No record", **STATUSES},
        body="application/json",
    )
)
@endpoint
async def update_record(call: Call) -> Response:
    table = _table(call)
    values = await _body(call)
    async with call.db.write() as tx:
        found = await records.update(
            tx,
            call.principal,
            table,
            call.request.path_params["sys_id"],
            values,
            display_input=_display_input(call),
        )
    return await _written(call, table, found, 200, {})


@documented(
    Operation(
        "Delete a record", TAG, (TABLE, SYS_ID), {204: "Deleted", 404: "No record", **STATUSES}
    )
)
@endpoint
async def delete_record(call: Call) -> Response:
    table = _table(call)
    async with call.db.write() as tx:
        await records.delete(tx, call.principal, table, call.request.path_params["sys_id"])
    return Response(status_code=204)
