"""The Consumer API: ``/api/now/[v1|v2/]consumer``."""

from __future__ import annotations

from starlette.responses import Response

from frontdesk.domain.access import Actor
from frontdesk.domain.customers import consumers
from frontdesk.domain.records import service as records
from frontdesk.domain.services import Unit
from frontdesk.surfaces.openapi import Operation, Parameter, Reply, documented
from frontdesk.surfaces.servicenow import params, schemas
from frontdesk.surfaces.servicenow.access import CONSUMER_API
from frontdesk.surfaces.servicenow.call import Call, endpoint
from frontdesk.surfaces.servicenow.formats import body_format, parse_record, respond
from frontdesk.surfaces.servicenow.paging import link_header
from frontdesk.surfaces.servicenow.render import plain

TAG = "ServiceNow Consumer API"
DEFAULT_LIMIT = 10
LIST_PARAMETERS = (
    Parameter("sysparm_query", description="Encoded query, ORDERBY/ORDERBYDESC allowed"),
    Parameter("sysparm_limit", description="Records per page (default 10)", schema=schemas.LIMIT),
    Parameter("sysparm_offset", description="Index of the first record", schema=schemas.OFFSET),
)
PAGE = {
    "type": "object",
    "required": ["result", "hasMore"],
    "properties": {
        "result": {"type": "array", "items": schemas.ref("PlainRecord")},
        "hasMore": {"type": "boolean"},
    },
}
CREATED = {"type": "object", "required": ["result"], "properties": {"result": schemas.STRING}}
BAD = schemas.failure("Bad parameter or value")
# Fields this store adds that the Consumer API does not show (its list example filters on
# account; department is eGain's departmentalization).
HIDDEN = frozenset({"account", "department"})
SHOWN = tuple(name for name in consumers.CONSUMERS.visible_names if name not in HIDDEN)


async def _fields(unit: Unit, actor: Actor) -> tuple[str, ...]:
    """What a consumer record shows: the table's fields and the workspace's custom ones."""
    custom = await records.custom_fields(unit, actor, consumers.CONSUMERS)
    return (*SHOWN, *custom) if custom else SHOWN


@documented(
    Operation(
        "Retrieve consumers",
        TAG,
        LIST_PARAMETERS,
        {
            200: Reply(
                "A page of consumers; hasMore says whether more match",
                schemas.json_or_xml(PAGE),
                {"Link": "first/prev/next pages"},
            ),
            **schemas.COMMON,
            400: BAD,
        },
    )
)
@endpoint(CONSUMER_API)
async def list_consumers(call: Call) -> Response:
    query = call.request.query_params
    limit, offset = params.limit(query, DEFAULT_LIMIT), params.offset(query)
    encoded = params.encoded_query(query)
    async with call.read() as unit:
        page = await consumers.list_consumers(unit, call.actor, encoded, limit=limit, offset=offset)
        fields = await _fields(unit, call.actor)
    link = link_header(call.url, offset=offset, limit=limit, total=None, has_more=page.has_more)
    return respond(
        {"result": [plain(r, fields) for r in page.records], "hasMore": page.has_more},
        call.fmt,
        headers={"Link": link} if link else None,
    )


@documented(
    Operation(
        "Retrieve a consumer",
        TAG,
        (Parameter("sys_id", "path", "The consumer's sys_id", schemas.SYS_ID.schema),),
        {
            200: Reply("The consumer", schemas.json_or_xml(schemas.ref("OnePlainRecord"))),
            **schemas.COMMON,
            404: schemas.failure("No such consumer (or workspace)"),
        },
    )
)
@endpoint(CONSUMER_API)
async def get_consumer(call: Call) -> Response:
    sys_id = call.request.path_params["sys_id"]
    async with call.read() as unit:
        record = await consumers.get_consumer(unit, call.actor, sys_id)
        fields = await _fields(unit, call.actor)
    return respond({"result": plain(record, fields)}, call.fmt)


@documented(
    Operation(
        "Create a consumer",
        TAG,
        (),
        {
            201: Reply("Created: the new sys_id", schemas.json_or_xml(CREATED)),
            **schemas.WITH_BODY,
            400: BAD,
        },
        body={schemas.JSON: schemas.ref("Fields")},
        description="With social_channel, social_handle and social_handle_url, also creates "
        "the consumer's social profile. Unknown fields are ignored.",
    )
)
@endpoint(CONSUMER_API)
async def create_consumer(call: Call) -> Response:
    fields = parse_record(
        await call.body(), body_format(call.request.headers.get("content-type"), xml_allowed=False)
    )
    async with call.write() as unit:
        record = await consumers.create_consumer(unit, call.actor, fields)
    return respond({"result": record["sys_id"]}, call.fmt, status=201)
