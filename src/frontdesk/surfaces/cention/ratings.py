"""``c3_dirty_facebook_ratings`` (the Facebook ratings that changed) and
``c3_facebook_ratings/{id}`` (one rating in the old API's shape under ``data``; fetching
it clears its flag, so ``isChanged`` is false in the answer)."""

from __future__ import annotations

from calendar import timegm
from typing import Any

from starlette.responses import Response

from frontdesk.domain.customers import ratings
from frontdesk.domain.customers.ratings import Rating
from frontdesk.surfaces.cention import jsonapi
from frontdesk.surfaces.cention.access import ERRAND_DATA
from frontdesk.surfaces.cention.call import Call, endpoint

DIRTY, RATINGS = "c3_dirty_facebook_ratings", "c3_facebook_ratings"
CHANNEL = "facebook"
FIELDS = ("c3_id", "data")


def _reviewer(value: str) -> int | str:
    """Facebook's numeric ids as numbers (as the old API gave them)."""
    return int(value) if value.isdecimal() and len(value) < 19 else value


def attributes(found: Rating) -> dict[str, Any]:
    return {
        "c3_id": found.number,
        "data": {
            "isChanged": False,  # fetching it cleared the flag
            "message": found.message,
            "rating": found.rating,
            "ratingId": found.number,
            "reviewerId": _reviewer(found.reviewer_id),
            "reviewerName": found.reviewer_name,
            "timestampCreated": timegm(found.rated_on.timetuple()) if found.rated_on else None,
        },
    }


@endpoint(ERRAND_DATA)
async def dirty(call: Call) -> Response:
    numbers = await ratings.changed(call.unit, call.workspace.id, CHANNEL)
    return jsonapi.respond({"data": [{"type": DIRTY, "id": str(n)} for n in numbers]})


@endpoint(ERRAND_DATA, writes=True)
async def rating(call: Call) -> Response:
    fields = jsonapi.sparse(call.request.query_params.multi_items())
    found = await ratings.fetch(call.unit, call.workspace.id, CHANNEL, call.key("rating"))
    item = jsonapi.resource(RATINGS, found.number, attributes(found))
    return jsonapi.respond(jsonapi.document(jsonapi.only(item, fields, FIELDS)))
