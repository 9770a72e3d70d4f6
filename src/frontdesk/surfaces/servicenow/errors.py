"""Domain errors → ServiceNow's status codes and ``{"error":{…},"status":"failure"}`` body."""

from __future__ import annotations

from frontdesk.errors import (
    Conflict,
    DomainError,
    Forbidden,
    Invalid,
    NotAcceptable,
    NotFound,
    QueryError,
    TooLarge,
    Unauthenticated,
    UnsupportedMediaType,
)

# Walked along the exception's MRO: the first class listed wins.
STATUS: dict[type[DomainError], int] = {
    Unauthenticated: 401,
    Forbidden: 403,
    NotFound: 404,
    NotAcceptable: 406,
    TooLarge: 413,
    UnsupportedMediaType: 415,
    QueryError: 400,
    Conflict: 400,
    Invalid: 400,
    DomainError: 400,
}
READ_FAILURE = "Exception while reading request"


def status_of(error: DomainError) -> int:
    for cls in type(error).__mro__:
        if cls in STATUS:
            return STATUS[cls]
    return 400


def body_of(error: DomainError) -> dict[str, object]:
    message, detail = error.message, error.detail
    if isinstance(error, QueryError):
        message = "Invalid sysparm_query"
        detail = f"{error.reason} at position {error.position} of {error.query!r}"
    elif isinstance(error, TooLarge):
        message, detail = READ_FAILURE, error.message
    return {"error": {"message": message, "detail": detail}, "status": "failure"}


def internal_error(request_id: str) -> dict[str, object]:
    return {
        "error": {
            "message": "Internal server error",
            "detail": f"An unexpected error occurred (request {request_id}); it has been logged.",
        },
        "status": "failure",
    }
