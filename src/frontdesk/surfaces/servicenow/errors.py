"""Every failure in ServiceNow's words: its status code and ``{"error":{…},"status":"failure"}``.

Domain errors carry facts; this module words them as the platform does (research §2.3)
and picks the status. ``Refusal`` is for what only this surface refuses (a malformed
batch, a body it cannot read), already worded.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from frontdesk.domain.auth.oauth import GrantError
from frontdesk.errors import (
    Conflict,
    DomainError,
    Forbidden,
    Invalid,
    NotAcceptable,
    NotFound,
    Operation,
    Problem,
    Thing,
    Throttled,
    TooLarge,
    Unauthenticated,
    UnsupportedMediaType,
    Why,
)
from frontdesk.store.fields import INTEGER_MAX, INTEGER_MIN
from frontdesk.surfaces.servicenow.access import APIS

READ_FAILURE = "Exception while reading request"
NO_RECORD = "No Record found"
NO_RECORD_DETAIL = "Record doesn't exist or ACL restricts the record retrieval"
NOT_AUTHENTICATED = "User Not Authenticated"
AUTH_REQUIRED = "Required to provide Auth information"
UNKNOWN_URI = "Requested URI does not represent any resource"

Worded = tuple[int, str, str | None]  # status, message, detail


class Refusal(Exception):
    """A failure only this surface knows of, already in its words."""

    def __init__(self, message: str, detail: str | None = None, *, status: int = 400) -> None:
        super().__init__(message)
        self.message = message
        self.detail = detail
        self.status = status


VERBS = {
    Operation.QUERY: "query",
    Operation.CREATE: "create",
    Operation.UPDATE: "update",
    Operation.DELETE: "delete",
    Operation.ATTACH: "attach files to",
    Operation.DETACH: "delete attachments of",
}
EXPECTED = {
    Problem.NOT_SINGLE: "a single value",
    Problem.NOT_TEXT: "text",
    Problem.NOT_OBJECT: "an object (a list: of objects)",
    Problem.NOT_WHOLE_NUMBER: "a whole number",
    Problem.NOT_BOOLEAN: "true or false",
    Problem.NOT_DATETIME: "a date and time as YYYY-MM-DD HH:MM:SS",
    Problem.OUT_OF_RANGE: f"a whole number from {INTEGER_MIN} to {INTEGER_MAX}",
}


def _not_found(error: NotFound) -> Worded:
    key = error.key
    match error.thing:
        case Thing.TABLE:
            detail = f"{error.field} must be a table" if error.field == "table_name" else None
            return 400, f"Invalid table {key}", detail
        case Thing.WORKSPACE if key is None:
            return (
                404,
                "No default workspace",
                "create one: frontdesk workspace create <name> --default",
            )
        case Thing.WORKSPACE:
            return 404, f"No workspace {key!r}", None
        case Thing.CONTENT:
            return 404, "Attachment content not found", f"{key} has no content"
        case Thing.USER:
            return 404, f"No user {key!r}", None
    return 404, NO_RECORD, NO_RECORD_DETAIL


def _conflict(error: Conflict) -> Worded:
    if error.thing is Thing.RECORD:
        detail = f"Error during insert of {error.table}: a record with sys_id {error.key} exists"
        return 400, "Operation Failed", detail
    return 400, f"{error.thing.value.capitalize()} {error.key!r} already exists", None


def _forbidden(error: Forbidden) -> Worded:
    needs = " or ".join(error.needs)
    api = APIS.get(error.rule)
    if api is not None:
        return 403, "User Not Authorized", f"{api.label} requires the role {needs}"
    doing = "writing" if error.operation.writes else "reading"
    return (
        403,
        f"Insufficient rights to {VERBS[error.operation]} records",
        f"{doing} {error.table} requires the role {needs}",
    )


def _unauthenticated(error: Unauthenticated) -> Worded:
    detail = "Access token expired" if error.why is Why.EXPIRED else AUTH_REQUIRED
    return 401, NOT_AUTHENTICATED, detail


def _invalid(error: Invalid) -> Worded:
    value = error.value
    name = error.field or error.parameter
    match error.problem:
        case Problem.NOT_SYS_ID:
            return 400, "Invalid sys_id", f"{value!r} is not 32 hexadecimal characters"
        case Problem.UNRESOLVED_REFERENCE:
            detail = f"{value!r} is neither a sys_id nor the display value of one record"
            return 400, f"Invalid reference for field {name}", detail
        case Problem.MISSING:
            return 400, f"Missing {name}", f"{name} is required"
        case Problem.BAD_NAME:
            detail = "use lower-case letters, digits, '-' and '_' (at most 63)"
            return 400, f"Invalid workspace name {value!r}", detail
        case Problem.NEGATIVE:
            return 400, f"Invalid value for {name}", f"{name} must not be negative"
        case Problem.OUT_OF_RANGE if error.parameter is not None:
            return 400, f"Invalid value for {name}", f"{value!r} is out of range"
        case Problem.NOT_SINGLE if error.parameter is not None:
            return 400, f"Invalid value for {name}", f"{name} is given more than once: {value!r}"
        case Problem.MALFORMED:
            return 400, READ_FAILURE, error.detail
        case Problem.READ_ONLY:
            return 400, f"Field {name} is read-only", f"{name} cannot be set by a client"
        case Problem.NOT_PHONE_NUMBER:
            detail = f"expected E.164: '+' and 7 to 15 digits, got {value!r}"
            return 400, f"Invalid phone number for {name}", detail
    if error.parameter is not None:
        return 400, f"Invalid value for {name}", f"{value!r} is not a number"
    expected = EXPECTED.get(error.problem, "a valid value")
    if name is None:
        return 400, "Invalid value", error.detail or f"expected {expected}"
    return 400, f"Invalid value for field {name}", f"expected {expected}, got {value!r}"


def _too_large(error: TooLarge) -> Worded:
    shown = f"content-length = {error.size}" if error.size is not None else "a body"
    return (
        413,
        READ_FAILURE,
        f"Rejected large REST payload with {shown}. Max allowed: {error.limit} bytes.",
    )


def _unsupported(error: UnsupportedMediaType) -> Worded:
    allowed = " or ".join(error.accepted)
    return 415, "Unsupported Media Type", f"send {allowed}, not {error.given}"


def _not_acceptable(error: NotAcceptable) -> Worded:
    offered = " or ".join(error.offered)
    return 406, "Not Acceptable", f"this API answers {offered}, not {error.given}"


def _throttled(error: Throttled) -> Worded:
    return (
        429,
        "Too Many Requests",
        f"Too many failed sign-ins; retry in {error.retry_after} seconds",
    )


def _grant(error: GrantError) -> Worded:
    return 400, error.code.value, None


# Walked along the exception's MRO: the most specific class listed wins.
WORDS: dict[type[DomainError], Callable[[Any], Worded]] = {
    TooLarge: _too_large,
    UnsupportedMediaType: _unsupported,
    NotAcceptable: _not_acceptable,
    Invalid: _invalid,
    NotFound: _not_found,
    Conflict: _conflict,
    Forbidden: _forbidden,
    Unauthenticated: _unauthenticated,
    Throttled: _throttled,
    GrantError: _grant,
}


def worded(error: DomainError | Refusal) -> Worded:
    if isinstance(error, Refusal):
        return error.status, error.message, error.detail
    for kind in type(error).__mro__:
        word = WORDS.get(kind)
        if word is not None:
            return word(error)
    return 400, str(error), None


def status_of(error: DomainError | Refusal) -> int:
    return worded(error)[0]


def body(message: str, detail: str | None) -> dict[str, object]:
    return {"error": {"message": message, "detail": detail}, "status": "failure"}


def body_of(error: DomainError | Refusal) -> dict[str, object]:
    _, message, detail = worded(error)
    return body(message, detail)


def internal_error(request_id: str) -> dict[str, object]:
    return body(
        "Internal server error",
        f"An unexpected error occurred (request {request_id}); it has been logged.",
    )
