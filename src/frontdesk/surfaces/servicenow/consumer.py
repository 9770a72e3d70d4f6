"""The Consumer API: ``/api/now/[v1|v2/]consumer``."""

from __future__ import annotations

from starlette.responses import Response

from frontdesk.db.database import Transaction
from frontdesk.domain.customers import consumers
from frontdesk.domain.principal import Principal
from frontdesk.domain.records import service as records
from frontdesk.surfaces.openapi import Operation, Parameter, documented
from frontdesk.surfaces.servicenow import params
from frontdesk.surfaces.servicenow.call import Call, endpoint
from frontdesk.surfaces.servicenow.formats import body_format, parse_record, respond
from frontdesk.surfaces.servicenow.paging import link_header
from frontdesk.surfaces.servicenow.render import plain

TAG = "ServiceNow Consumer API"
DEFAULT_LIMIT = 10
LIST_PARAMETERS = (
    Parameter("sysparm_query", description="Encoded query, ORDERBY/ORDERBYDESC allowed"),
    Parameter(
        "sysparm_limit", description="Records per page (default 10)", schema={"type": "integer"}
    ),
    Parameter(
        "sysparm_offset", description="Index of the first record", schema={"type": "integer"}
    ),
)


async def _fields(tx: Transaction, principal: Principal) -> tuple[str, ...]:
    """What a consumer record shows: the table's fields and the workspace's custom ones."""
    custom = await records.custom_fields(tx, principal, consumers.CONSUMERS)
    shown = consumers.CONSUMERS.visible_names
    return (*shown, *custom) if custom else shown


@documented(
    Operation(
        "Retrieve consumers",
        TAG,
        LIST_PARAMETERS,
        {
            200: "A page of consumers; hasMore says whether more match",
            400: "Bad parameter",
            401: "Not authenticated",
            403: "Lacks csm_ws_integration",
        },
    )
)
@endpoint
async def list_consumers(call: Call) -> Response:
    query = call.request.query_params
    limit, offset = params.limit(query, DEFAULT_LIMIT), params.offset(query)
    encoded = params.encoded_query(query)
    async with call.db.read() as tx:
        page = await consumers.list_consumers(
            tx, call.principal, encoded, limit=limit, offset=offset
        )
        fields = await _fields(tx, call.principal)
    link = link_header(
        call.request.url, offset=offset, limit=limit, total=None, has_more=page.has_more
    )
    return respond(
        {"result": [plain(r, fields) for r in page.records], "hasMore": page.has_more},
        call.fmt,
        headers={"Link": link} if link else None,
    )


@documented(
    Operation(
        "Retrieve a consumer",
        TAG,
        (Parameter("sys_id", "path", "The consumer's sys_id"),),
        {200: "The consumer", 401: "Not authenticated", 404: "No such consumer"},
    )
)
@endpoint
async def get_consumer(call: Call) -> Response:
    sys_id = call.request.path_params["sys_id"]
    async with call.db.read() as tx:
        record = await consumers.get_consumer(tx, call.principal, sys_id)
        fields = await _fields(tx, call.principal)
    return respond({"result": plain(record, fields)}, call.fmt)


@documented(
    Operation(
        "Create a consumer",
        TAG,
        (),
        {201: "Created: the new sys_id", 400: "Bad request", 401: "Not authenticated"},
        body="application/json",
        description="With social_channel, social_handle and social_handle_url, also creates "
        "the consumer's social profile. Unknown fields are ignored.",
    )
)
@endpoint
async def create_consumer(call: Call) -> Response:
    fields = parse_record(
        await call.body(), body_format(call.request.headers.get("content-type"), xml_allowed=False)
    )
    async with call.db.write() as tx:
        record = await consumers.create_consumer(tx, call.principal, fields)
    return respond({"result": record["sys_id"]}, call.fmt, status=201)
