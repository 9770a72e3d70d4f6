"""eGain's error envelope and its codes (research §2.6): ``{"code": "<status>-<n>",
"developerMessage", "details"?, "userMessage"?}``; ``userMessage`` only for a client that
sends ``X-egain-error-message: yes``. Every sentence is here."""

from __future__ import annotations

from typing import Any

from frontdesk.errors import (
    DomainError,
    Forbidden,
    Invalid,
    NotFound,
    Thing,
    Throttled,
    TooLarge,
    Unauthenticated,
    Why,
)
from frontdesk.surfaces.egain import messages

UNSUPPORTED_PARAMETER = "400-101"
MISSING_PARAMETER = "400-112"
UNSUPPORTED_COMBINATION = "400-113"
NOT_ALLOWED_VALUE = "400-196"
EXPIRED = "401-101"
NO_AUTHORIZATION = "401-104"
ACTION_NOT_ALLOWED = "403-178"
NOT_FOUND = "404-100"
NO_SUCH_PATH = "404-101"
WRONG_METHOD = "405-100"
BAD_LANGUAGE = "406-100"
BAD_ACCEPT = "406-101"
TOO_LARGE = "413-100"
TOO_MANY = "429-001"
SYSTEM = "500-100"
SYSTEM_MESSAGE = "System is unable to process this request. Please contact your administrator."


class Refusal(Exception):
    """An eGain error: its HTTP status comes first in its code."""

    def __init__(
        self,
        code: str,
        message: str,
        details: tuple[tuple[str, str], ...] = (),
        headers: tuple[tuple[str, str], ...] = (),
    ) -> None:
        super().__init__(code, message)
        self.code = code
        self.message = message
        self.details = details
        self.headers = headers

    @property
    def status(self) -> int:
        return int(self.code.split("-", 1)[0])


def unsupported(names: list[str]) -> Refusal:
    listed = ", ".join(f"'{name}'" for name in names)
    return Refusal(UNSUPPORTED_PARAMETER, f"Unsupported query parameter(s) supplied: {listed}.")


def missing(names: list[str], *, one_of: bool = False) -> Refusal:
    listed = ", ".join(f"'{name}'" for name in names)
    if one_of:
        return Refusal(
            MISSING_PARAMETER,
            f"At least one search criterion is required: one of {listed}"
            " ('type' alone is not one).",
        )
    return Refusal(MISSING_PARAMETER, f"Required query parameter(s) missing: {listed}.")


def combination(first: str, second: str) -> Refusal:
    return Refusal(
        UNSUPPORTED_COMBINATION,
        f"Unsupported combination of query parameters: '{first}' with '{second}'.",
    )


def requires(name: str, other: str) -> Refusal:
    return Refusal(UNSUPPORTED_COMBINATION, f"Query parameter '{name}' requires '{other}'.")


def not_allowed(name: str, value: str, why: str) -> Refusal:
    return Refusal(
        NOT_ALLOWED_VALUE,
        f"Value '{value}' is not allowed for '{name}': {why}.",
        details=((name, value),),
    )


def not_found(ids: list[str]) -> Refusal:
    listed = ", ".join(ids)
    return Refusal(
        NOT_FOUND, f"The following IDs supplied in the URI path were not found: '{listed}'."
    )


def action(name: str) -> Refusal:
    return Refusal(
        ACTION_NOT_ALLOWED, f"User is not allowed to perform the following action: {name}"
    )


def from_error(error: Exception) -> Refusal:
    """What an error the domain raised means to an eGain client."""
    match error:
        case Refusal():
            return error
        case Unauthenticated() if error.why is Why.MISSING:
            return Refusal(NO_AUTHORIZATION, "Invalid or missing 'Authorization' header.")
        case Unauthenticated():
            return Refusal(
                EXPIRED,
                "Invalid or expired 'Authorization' header provided. New login is required.",
            )
        case Throttled():
            return Refusal(
                TOO_MANY,
                "Too many failed sign-ins: try again later.",
                headers=(("Retry-After", str(error.retry_after)),),
            )
        case Forbidden():
            return action(error.rule)
        case TooLarge():
            return Refusal(TOO_LARGE, f"The body is over {error.limit} bytes.")
        case Invalid() if error.field and error.has_value:
            message = f"Value '{error.value}' is not allowed for '{error.field}'."
            return Refusal(NOT_ALLOWED_VALUE, message)
        case Invalid():
            message = f"A value in the request is not allowed: {error.describe()}."
            return Refusal(NOT_ALLOWED_VALUE, message)
        case NotFound() if error.thing is Thing.WORKSPACE:
            return Refusal(NO_SUCH_PATH, f"No tenant '{error.key}'.")
        case NotFound():
            return Refusal(NOT_FOUND, f"Not found: {error.describe()}.")
        case DomainError():
            return Refusal(NOT_ALLOWED_VALUE, f"The request cannot be carried out: {error}.")
    return Refusal(
        SYSTEM, "System is unable to process this request. Please contact your administrator."
    )


def body(refusal: Refusal, *, user_message: bool, locale: str = "en-US") -> dict[str, Any]:
    found: dict[str, Any] = {"code": refusal.code, "developerMessage": refusal.message}
    if refusal.details:
        found["details"] = [{"key": k, "value": v} for k, v in refusal.details]
    if user_message:
        found["userMessage"] = messages.user_message(refusal.code, locale) or refusal.message
    return found
