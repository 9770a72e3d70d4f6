"""Every ServiceNow route, unversioned and under ``v1``/``v2``."""

from __future__ import annotations

from starlette.routing import BaseRoute, Route

from frontdesk.surfaces.servicenow import consumer, oauth

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
    found.append(Route("/oauth_token.do", oauth.token, methods=["POST"]))
    return found
