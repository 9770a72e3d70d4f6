"""Every ServiceNow route, unversioned and under ``v1``/``v2``; the busiest first."""

from __future__ import annotations

from starlette.routing import BaseRoute, Route

from frontdesk.surfaces.servicenow import attachment, batch, consumer, oauth, table

VERSIONS = ("", "/v1", "/v2")


def routes() -> list[BaseRoute]:
    found: list[BaseRoute] = []
    for version in VERSIONS:
        base = f"/api/now{version}/consumer"
        found += [
            Route(base + "/{sys_id}", consumer.get_consumer, methods=["GET"]),
            Route(base, consumer.list_consumers, methods=["GET"]),
            Route(base, consumer.create_consumer, methods=["POST"]),
        ]
    for version in VERSIONS:
        base = f"/api/now{version}/table/{{table}}"
        found += [
            Route(base + "/{sys_id}", table.get_record, methods=["GET"]),
            Route(base + "/{sys_id}", table.update_record, methods=["PUT", "PATCH"]),
            Route(base + "/{sys_id}", table.delete_record, methods=["DELETE"]),
            Route(base, table.list_records, methods=["GET"]),
            Route(base, table.create_record, methods=["POST"]),
        ]
    for version in ("", "/v1"):
        base = f"/api/now{version}/attachment"
        found += [
            Route(base + "/file", attachment.upload_file, methods=["POST"]),
            Route(base + "/upload", attachment.upload_multipart, methods=["POST"]),
            Route(base + "/{sys_id}/file", attachment.download, methods=["GET"]),
            Route(base + "/{sys_id}", attachment.get_attachment, methods=["GET"]),
            Route(base + "/{sys_id}", attachment.delete_attachment, methods=["DELETE"]),
            Route(base, attachment.list_attachments, methods=["GET"]),
        ]
    found += [
        Route("/api/now/v1/batch", batch.batch, methods=["POST"]),
        Route("/api/now/batch", batch.batch, methods=["POST"]),
        Route("/oauth_token.do", oauth.token, methods=["POST"]),
    ]
    return found
