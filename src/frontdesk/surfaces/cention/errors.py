"""What a domain error means to a Cention client: a JSON:API error (``jsonapi.Problem``)."""

from __future__ import annotations

from frontdesk.errors import (
    Conflict,
    DomainError,
    Forbidden,
    Invalid,
    NotFound,
    Thing,
    TooLarge,
    Unauthenticated,
    Why,
)
from frontdesk.surfaces.cention.jsonapi import Problem

_NAMES = {
    Thing.ERRAND: "errand",
    Thing.AREA: "area",
    Thing.RATING: "Facebook rating",
    Thing.ATTACHMENT: "attachment",
    Thing.ARCHIVE: "area archive",
    Thing.CALL: "open call on device/extension",
    Thing.WORKSPACE: "workspace",
    Thing.RECORD: "record",
    Thing.KNOWLEDGE_BASE: "library",
    Thing.CATEGORY: "library category",
    Thing.ARTICLE: "library question",
    Thing.EXPORT_PRESET: "export",
}


def from_error(error: Exception) -> Problem:
    match error:
        case Problem():
            return error
        case Unauthenticated() if error.why is Why.MISSING:
            return Problem(401, "A Bearer token is required (Authorization: Bearer <token>).")
        case Unauthenticated():
            return Problem(
                401, "The token is not valid here: unknown, revoked or of another workspace."
            )
        case Forbidden() if error.rule == "claim":
            named = "' or '".join(error.needs)
            return Problem(403, f"The token lacks the '{named}' claim.")
        case Forbidden():
            return Problem(403, f"The token may not do this: {error.describe()}.")
        case TooLarge():
            return Problem(413, f"The body is over {error.limit} bytes.")
        case Invalid():
            where = error.field or error.parameter
            return Problem(400, error.detail or error.describe(), pointer=None, parameter=where)
        case NotFound():
            name = _NAMES.get(error.thing, error.thing.value)
            return Problem(404, f"No {name} {error.key}." if error.key else f"No such {name}.")
        case Conflict() if error.thing is Thing.ERRAND:
            return Problem(409, f"Errand {error.key} is already closed.")
        case Conflict():
            return Problem(409, f"{error.thing.value} {error.key} already exists.")
        case DomainError():
            return Problem(400, f"The request cannot be carried out: {error}.")
    return Problem(500, "The server failed to handle this request.")
