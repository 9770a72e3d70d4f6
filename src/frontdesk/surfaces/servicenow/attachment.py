"""The Attachment API: ``/api/now/[v1/]attachment`` (research §2.4)."""

from __future__ import annotations

import json
import mimetypes
from collections.abc import AsyncIterator
from typing import Any
from urllib.parse import quote

from starlette.datastructures import UploadFile
from starlette.requests import Request
from starlette.responses import Response, StreamingResponse

from frontdesk.domain.attachments import service as attachments
from frontdesk.surfaces.body import read_body
from frontdesk.surfaces.openapi import Operation, Parameter, Reply, documented
from frontdesk.surfaces.servicenow import params, schemas
from frontdesk.surfaces.servicenow.call import Call, endpoint
from frontdesk.surfaces.servicenow.errors import READ_FAILURE, Refusal
from frontdesk.surfaces.servicenow.formats import respond
from frontdesk.surfaces.servicenow.paging import link_header
from frontdesk.surfaces.servicenow.render import plain

TAG = "ServiceNow Attachment API"
DEFAULT_LIMIT = 1000
SYS_ID = Parameter("sys_id", "path", "The attachment's sys_id", schemas.SYS_ID.schema)
TARGET = (
    Parameter(
        "table_name",
        description="Table of the record to attach to",
        schema=schemas.TABLE.schema,
        required=True,
    ),
    Parameter(
        "table_sys_id",
        description="sys_id of that record",
        schema=schemas.SYS_ID.schema,
        required=True,
    ),
    Parameter("file_name", description="Name of the file", required=True),
    Parameter("encryption_context", description="Optional encryption context"),
)
BAD = schemas.failure("Bad parameter, unknown table or unreadable body")
NONE = schemas.failure("No such attachment (or workspace)")
ONE = schemas.json_or_xml(schemas.ref("OnePlainRecord"))
CREATED = Reply("Created", ONE, {"Location": "The attachment's URL"})
MULTIPART = {
    "type": "object",
    "required": ["file"],
    "properties": {
        "table_name": schemas.TABLE.schema,
        "table_sys_id": schemas.SYS_ID.schema,
        "file_name": schemas.STRING,
        "file": {"type": "string", "format": "binary"},
    },
}


def metadata(call: Call, record: dict[str, Any]) -> dict[str, str]:
    shown = plain(record, attachments.ATTACHMENTS.visible_names)
    shown["download_link"] = f"{call.base}/api/now/attachment/{record['sys_id']}/file"
    return shown


@documented(
    Operation(
        "List attachments",
        TAG,
        (
            Parameter("sysparm_query", description="Encoded query on sys_attachment"),
            Parameter("sysparm_limit", description="Default 1000", schema=schemas.LIMIT),
            Parameter("sysparm_offset", schema=schemas.OFFSET),
        ),
        {
            200: Reply(
                "Attachment records",
                schemas.json_or_xml(schemas.ref("PlainRecords")),
                {"X-Total-Count": "How many match", "Link": "first/prev/next/last pages"},
            ),
            **schemas.COMMON,
            400: BAD,
        },
    )
)
@endpoint()
async def list_attachments(call: Call) -> Response:
    query = call.request.query_params
    limit, offset = params.limit(query, DEFAULT_LIMIT), params.offset(query)
    encoded = params.encoded_query(query)
    async with call.read() as unit:
        page = await attachments.list_attachments(
            unit, call.actor, encoded, limit=limit, offset=offset, count=True
        )
    headers = {"X-Total-Count": str(page.total)}
    link = link_header(
        call.url, offset=offset, limit=limit, total=page.total, has_more=page.has_more
    )
    if link:
        headers["Link"] = link
    return respond({"result": [metadata(call, r) for r in page.records]}, call.fmt, headers=headers)


@documented(
    Operation(
        "Retrieve attachment metadata",
        TAG,
        (SYS_ID,),
        {200: Reply("Metadata", ONE), **schemas.COMMON, 404: NONE},
    )
)
@endpoint()
async def get_attachment(call: Call) -> Response:
    async with call.read() as unit:
        record = await attachments.get(unit, call.actor, call.request.path_params["sys_id"])
    return respond({"result": metadata(call, record)}, call.fmt)


@documented(
    Operation(
        "Download a file",
        TAG,
        (SYS_ID,),
        {
            200: Reply(
                "The file's bytes, as the type it was uploaded as",
                {"*/*": None},
                {"X-Attachment-Metadata": "The attachment record, as JSON"},
            ),
            **schemas.COMMON,
            404: NONE,
        },
    )
)
@endpoint()
async def download(call: Call) -> Response:
    async with call.read() as unit:
        record = await attachments.get(unit, call.actor, call.request.path_params["sys_id"])
        content = await attachments.content(unit, call.actor, record)

    async def chunks() -> AsyncIterator[bytes]:
        for seq in range(content.chunks):
            async with call.read() as unit:
                yield await attachments.chunk(unit, content, seq)

    media = str(record.get("content_type") or "application/octet-stream")
    headers = {
        "Content-Length": str(content.size),
        # ASCII-escaped: a header holds latin-1 only, and file names may be anything.
        "X-Attachment-Metadata": json.dumps(metadata(call, record), ensure_ascii=True),
        **SAFE_DOWNLOAD,
        "Content-Disposition": disposition(media, str(record.get("file_name") or "file")),
    }
    return StreamingResponse(chunks(), media_type=media, headers=headers)


# What anyone may upload is never active content on this origin: not sniffed into
# something else, run in a sandbox with no script, and saved rather than shown unless the
# browser only ever displays it.
SAFE_DOWNLOAD = {
    "X-Content-Type-Options": "nosniff",
    "Content-Security-Policy": "sandbox; default-src 'none'",
}
PASSIVE = frozenset(
    {"image/png", "image/jpeg", "image/gif", "image/webp", "image/bmp", "image/avif", "text/plain"}
)


def disposition(media: str, file_name: str) -> str:
    """``inline`` for what a browser only displays, ``attachment`` for the rest (RFC 6266:
    an ASCII name, and the real one in UTF-8)."""
    kind = media.split(";", 1)[0].strip().lower()
    shown = kind in PASSIVE or kind.startswith(("audio/", "video/"))
    plain = "".join(
        c if c.isascii() and c.isprintable() and c not in '"\\' else "_" for c in file_name
    )
    encoded = quote(file_name, safe="")
    return (
        f"{'inline' if shown else 'attachment'}; filename=\"{plain}\"; filename*=UTF-8''{encoded}"
    )


def _guess(file_name: str) -> str:
    return mimetypes.guess_type(file_name)[0] or "application/octet-stream"


async def _created(call: Call, upload: attachments.Upload) -> Response:
    async with call.write() as unit:
        record = await attachments.attach(unit, call.actor, upload)
    location = f"{call.base}/api/now/attachment/{record['sys_id']}"
    return respond(
        {"result": metadata(call, record)}, call.fmt, status=201, headers={"Location": location}
    )


def _upload(query: Any, content: bytes, content_type: str, **given: str) -> attachments.Upload:
    def value(name: str) -> str:
        return str(given.get(name) or params.first(query, name) or "")

    missing = [name for name in ("table_name", "table_sys_id", "file_name") if not value(name)]
    if missing:
        raise Refusal(f"Missing {missing[0]}", f"{', '.join(missing)} required")
    return attachments.Upload(
        table_name=value("table_name"),
        table_sys_id=value("table_sys_id"),
        file_name=value("file_name"),
        content_type=content_type,
        content=content,
        encryption_context=value("encryption_context") or None,
    )


async def _content(call: Call) -> bytes:
    return await read_body(call.request, call.settings.max_attachment_bytes)


@documented(
    Operation(
        "Attach a file (raw body)",
        TAG,
        TARGET,
        {201: CREATED, **schemas.WITH_BODY, 400: BAD, 404: NONE},
        body={"application/octet-stream": {"type": "string", "format": "binary"}},
    )
)
@endpoint()
async def upload_file(call: Call) -> Response:
    query = call.request.query_params
    content = await _content(call)
    media = (call.request.headers.get("content-type") or "").split(";", 1)[0].strip()
    if not media or media == "multipart/form-data":
        media = _guess(params.first(query, "file_name") or "")
    return await _created(call, _upload(query, content, media))


@documented(
    Operation(
        "Attach a file (multipart form, the file last)",
        TAG,
        (),
        {201: CREATED, **schemas.WITH_BODY, 400: BAD, 404: NONE},
        body={"multipart/form-data": MULTIPART},
    )
)
@endpoint()
async def upload_multipart(call: Call) -> Response:
    query = call.request.query_params
    content = await _content(call)
    content_type = call.request.headers.get("content-type") or ""
    if "boundary=" not in content_type:
        # Some clients (pysnow) send the bare file with "multipart/form-data" and no boundary.
        name = params.first(query, "file_name") or ""
        return await _created(call, _upload(query, content, _guess(name)))
    form = await _form(call.request, content)
    files = [v for _, v in form.multi_items() if isinstance(v, UploadFile)]
    if not files:
        raise Refusal(READ_FAILURE, "the multipart form has no file part")
    file = files[-1]
    fields = {k: str(v) for k, v in form.multi_items() if not isinstance(v, UploadFile)}
    data = await file.read()
    fields.setdefault("file_name", file.filename or "")
    media = file.content_type or _guess(fields["file_name"])
    try:
        return await _created(call, _upload(query, data, media, **fields))
    finally:
        await form.close()


async def _form(request: Request, body: bytes) -> Any:
    """Parse a multipart body already read (under the cap) from ``request``."""
    sent = False

    async def receive() -> dict[str, Any]:
        nonlocal sent
        if sent:
            return {"type": "http.disconnect"}
        sent = True
        return {"type": "http.request", "body": body, "more_body": False}

    try:
        return await Request(request.scope, receive).form(max_part_size=1024 * 1024)
    except Exception as exc:
        raise Refusal(READ_FAILURE, f"Invalid multipart body: {exc}") from None


@documented(
    Operation(
        "Delete an attachment",
        TAG,
        (SYS_ID,),
        {204: Reply("Deleted"), **schemas.COMMON, 404: NONE},
    )
)
@endpoint()
async def delete_attachment(call: Call) -> Response:
    async with call.write() as unit:
        await attachments.delete(unit, call.actor, call.request.path_params["sys_id"])
    return Response(status_code=204)
