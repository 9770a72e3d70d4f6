"""The Table API: ``/api/now/[v1|v2/]table/{table}[/{sys_id}]`` (research §2)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from starlette.datastructures import QueryParams
from starlette.responses import Response

from frontdesk.domain.records import service as records
from frontdesk.domain.records import views
from frontdesk.domain.services import Unit
from frontdesk.query.ast import Query
from frontdesk.store.registry import TableDef
from frontdesk.surfaces.openapi import Operation, Parameter, Reply, documented
from frontdesk.surfaces.servicenow import params, schemas
from frontdesk.surfaces.servicenow.call import Call, endpoint
from frontdesk.surfaces.servicenow.errors import NO_RECORD, Refusal
from frontdesk.surfaces.servicenow.formats import body_format, parse_record, respond
from frontdesk.surfaces.servicenow.paging import link_header
from frontdesk.surfaces.servicenow.render import table_rows

TAG = "ServiceNow Table API"
DEFAULT_LIMIT = 10_000
V1_EMPTY = "Records matching query not found. Check query parameter or offset parameter"
SHAPE = (
    Parameter("sysparm_fields", description="Comma list of fields; dot-walk allowed (user.name)"),
    Parameter(
        "sysparm_display_value",
        description="false (default), true or all (anything else is false)",
        schema={"type": "string", "examples": ["false", "true", "all"]},
    ),
    Parameter(
        "sysparm_exclude_reference_link",
        description="true drops reference links",
        schema=schemas.BOOLEAN,
    ),
)
LIST = (
    Parameter("sysparm_query", description="Encoded query, ORDERBY/ORDERBYDESC allowed"),
    Parameter(
        "sysparm_limit", description="Records per page (default 10000)", schema=schemas.LIMIT
    ),
    Parameter("sysparm_offset", description="Index of the first record", schema=schemas.OFFSET),
    Parameter(
        "sysparm_no_count",
        description="true: no X-Total-Count (no count query)",
        schema=schemas.BOOLEAN,
    ),
    Parameter(
        "sysparm_suppress_pagination_header",
        description="true: no Link header",
        schema=schemas.BOOLEAN,
    ),
    *SHAPE,
)
INPUT = Parameter(
    "sysparm_input_display_value",
    description="true: choice and reference values are given by their display values",
    schema=schemas.BOOLEAN,
)
WRITE = (*SHAPE, INPUT)
BODY = {schemas.JSON: schemas.ref("Fields")}
BAD = schemas.failure("Unknown table, bad parameter or bad value")
NO_RECORD_REPLY = schemas.failure("No such record (or workspace)")
ONE = schemas.json_or_xml(schemas.ref("OneRecord"))


@dataclass(frozen=True, slots=True)
class Shape:
    """How records are shown: which fields, which values, with or without links."""

    fields: list[str] | None
    mode: str  # false | true | all
    links: bool

    @classmethod
    def of(cls, query: QueryParams) -> Shape:
        raw = (params.first(query, "sysparm_fields") or "").strip()
        fields = [f.strip() for f in raw.split(",") if f.strip()] or None
        mode = (params.first(query, "sysparm_display_value") or "false").strip().lower()
        return cls(
            fields=fields,
            mode=mode if mode in ("true", "all") else "false",
            links=not params.boolean(query, "sysparm_exclude_reference_link"),
        )


async def shaped(
    call: Call, unit: Unit, table: TableDef, found: Sequence[dict[str, Any]], shape: Shape
) -> list[dict[str, Any]]:
    seen = await views.view(
        unit, call.actor, table, found, fields=shape.fields, display=shape.mode != "false"
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
    return records.table(call.request.path_params["table"])


def _v1(call: Call) -> bool:
    return "/api/now/v1/" in call.request.url.path


@documented(
    Operation(
        "Retrieve records",
        TAG,
        (schemas.TABLE, *LIST),
        {
            200: Reply(
                "Records",
                schemas.json_or_xml(schemas.ref("Records")),
                {"X-Total-Count": "How many records match", "Link": "first/prev/next/last pages"},
            ),
            **schemas.COMMON,
            400: BAD,
            404: schemas.failure("v1 only: nothing matches (or no such workspace)"),
        },
    )
)
@endpoint()
async def list_records(call: Call) -> Response:
    table = _table(call)
    query = call.request.query_params
    limit, offset = params.limit(query, DEFAULT_LIMIT), params.offset(query)
    counted = not params.boolean(query, "sysparm_no_count")
    encoded = filters(query, table, params.encoded_query(query))
    shape = Shape.of(query)
    async with call.read() as unit:
        page = await records.query(
            unit, call.actor, table, encoded, limit=limit, offset=offset, count=counted
        )
        result = await shaped(call, unit, table, page.records, shape)
    if not result and _v1(call):
        raise Refusal(NO_RECORD, V1_EMPTY, status=404)
    headers: dict[str, str] = {}
    if page.total is not None:
        headers["X-Total-Count"] = str(page.total)
    if not params.boolean(query, "sysparm_suppress_pagination_header"):
        link = link_header(
            call.url, offset=offset, limit=limit, total=page.total, has_more=page.has_more
        )
        if link:
            headers["Link"] = link
    return respond({"result": result}, call.fmt, headers=headers)


@documented(
    Operation(
        "Retrieve a record",
        TAG,
        (schemas.TABLE, schemas.SYS_ID, *SHAPE),
        {200: Reply("The record", ONE), **schemas.COMMON, 400: BAD, 404: NO_RECORD_REPLY},
    )
)
@endpoint()
async def get_record(call: Call) -> Response:
    table = _table(call)
    async with call.read() as unit:
        found = await records.get(unit, call.actor, table, call.request.path_params["sys_id"])
        (result,) = await shaped(call, unit, table, [found], Shape.of(call.request.query_params))
    return respond({"result": result}, call.fmt)


async def _written(
    call: Call, table: TableDef, found: dict[str, Any], status: int, headers: dict[str, str]
) -> Response:
    if (call.request.headers.get("x-no-response-body") or "").lower() == "true":
        return Response(status_code=status, headers=headers)
    async with call.read() as unit:
        (result,) = await shaped(call, unit, table, [found], Shape.of(call.request.query_params))
    return respond({"result": result}, call.fmt, status=status, headers=headers)


def _display_input(call: Call) -> bool:
    return params.boolean(call.request.query_params, "sysparm_input_display_value")


async def _body(call: Call) -> dict[str, Any]:
    return parse_record(await call.body(), body_format(call.request.headers.get("content-type")))


@documented(
    Operation(
        "Create a record",
        TAG,
        (schemas.TABLE, *WRITE),
        {
            201: Reply("Created", ONE, {"Location": "The new record's URL"}),
            **schemas.WITH_BODY,
            400: BAD,
        },
        body=BODY,
    )
)
@endpoint()
async def create_record(call: Call) -> Response:
    table = _table(call)
    values = await _body(call)
    async with call.write() as unit:
        found = await records.insert(
            unit, call.actor, table, values, display_input=_display_input(call)
        )
    location = f"{call.base}/api/now/table/{table.name}/{found['sys_id']}"
    return await _written(call, table, found, 201, {"Location": location})


@documented(
    Operation(
        "Update a record",
        TAG,
        (schemas.TABLE, schemas.SYS_ID, *WRITE),
        {200: Reply("Updated", ONE), **schemas.WITH_BODY, 400: BAD, 404: NO_RECORD_REPLY},
        body=BODY,
    )
)
@endpoint()
async def update_record(call: Call) -> Response:
    table = _table(call)
    values = await _body(call)
    async with call.write() as unit:
        found = await records.update(
            unit,
            call.actor,
            table,
            call.request.path_params["sys_id"],
            values,
            display_input=_display_input(call),
        )
    return await _written(call, table, found, 200, {})


@documented(
    Operation(
        "Delete a record",
        TAG,
        (schemas.TABLE, schemas.SYS_ID),
        {204: Reply("Deleted"), **schemas.COMMON, 400: BAD, 404: NO_RECORD_REPLY},
    )
)
@endpoint()
async def delete_record(call: Call) -> Response:
    table = _table(call)
    async with call.write() as unit:
        await records.delete(unit, call.actor, table, call.request.path_params["sys_id"])
    return Response(status_code=204)
