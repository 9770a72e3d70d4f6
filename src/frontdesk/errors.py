"""Domain errors: expected failures, as facts. No HTTP and no vendor's words in here.

Each error says what kind of thing failed, which table, record, field or parameter it
concerns, and why (a reason code). Each surface words it and picks its status code in its
own ``errors`` module; ``str(error)`` is a plain description for logs and the command line.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any


class Thing(StrEnum):
    """What an error is about."""

    RECORD = "record"
    TABLE = "table"
    WORKSPACE = "workspace"
    USER = "user"
    CLIENT = "client"
    CONTENT = "content"
    BODY = "body"
    TOKEN = "token"
    ERRAND = "errand"
    AREA = "area"
    ATTACHMENT = "attachment"
    ARCHIVE = "archive"
    CALL = "call"  # an open call, found by its agent's device
    ENDPOINT = "endpoint"  # a webhook endpoint
    DELIVERY = "delivery"  # of a webhook event
    RATING = "rating"  # a social rating
    KNOWLEDGE_BASE = "knowledge base"
    CATEGORY = "category"  # a knowledge base's
    ARTICLE = "article"  # a knowledge article
    EXPORT_PRESET = "export preset"


class Problem(StrEnum):
    """Why a value, a parameter or a body is refused."""

    NOT_SINGLE = "not_single"  # a list or an object where one value belongs
    NOT_TEXT = "not_text"
    NOT_WHOLE_NUMBER = "not_whole_number"
    NOT_BOOLEAN = "not_boolean"
    NOT_DATETIME = "not_datetime"
    OUT_OF_RANGE = "out_of_range"
    NOT_SYS_ID = "not_sys_id"
    UNRESOLVED_REFERENCE = "unresolved_reference"
    MISSING = "missing"
    NEGATIVE = "negative"
    BAD_NAME = "bad_name"
    NOT_OBJECT = "not_object"  # a value where an object (or a list of objects) belongs
    READ_ONLY = "read_only"  # a field no client may set
    NOT_PHONE_NUMBER = "not_phone_number"  # not E.164: "+" and 7 to 15 digits
    MALFORMED = "malformed"  # a body that cannot be read; ``detail`` holds the parser's words


class Operation(StrEnum):
    """What a caller tried to do to a table's records."""

    QUERY = "query"
    CREATE = "create"
    UPDATE = "update"
    DELETE = "delete"
    ATTACH = "attach"
    DETACH = "detach"

    @property
    def writes(self) -> bool:
        return self is not Operation.QUERY


class Why(StrEnum):
    """Why credentials did not prove who the caller is."""

    MISSING = "missing"
    MALFORMED = "malformed"
    WRONG = "wrong"
    EXPIRED = "expired"
    INACTIVE = "inactive"


class DomainError(Exception):
    """An expected failure; the surface decides how it looks."""

    def describe(self) -> str:
        return type(self).__name__

    def __str__(self) -> str:
        return self.describe()


class NotFound(DomainError):
    """The addressed thing does not exist (or the caller may not know that it does)."""

    def __init__(
        self,
        thing: Thing,
        key: str | None = None,
        *,
        table: str | None = None,
        field: str | None = None,
    ) -> None:
        super().__init__(thing, key)
        self.thing = thing
        self.key = key
        self.table = table
        self.field = field  # the parameter or field that named it, when one did

    def describe(self) -> str:
        where = f"{self.table} " if self.table else ""
        named = f" {self.key!r}" if self.key is not None else ""
        return f"no {where}{self.thing.value}{named}"


class Conflict(DomainError):
    """The write contradicts what is stored: the thing already exists."""

    def __init__(self, thing: Thing, key: str, *, table: str | None = None) -> None:
        super().__init__(thing, key)
        self.thing = thing
        self.key = key
        self.table = table

    def describe(self) -> str:
        where = f"{self.table} " if self.table else ""
        return f"{where}{self.thing.value} {self.key!r} already exists"


class Unauthenticated(DomainError):
    """No credentials, or credentials that do not verify."""

    def __init__(self, why: Why) -> None:
        super().__init__(why)
        self.why = why

    def describe(self) -> str:
        return f"not authenticated ({self.why.value})"


class Throttled(DomainError):
    """Too many failed sign-ins: the caller must wait ``retry_after`` seconds."""

    def __init__(self, retry_after: int) -> None:
        super().__init__(retry_after)
        self.retry_after = retry_after

    def describe(self) -> str:
        return f"too many failed sign-ins; retry in {self.retry_after} s"


class Forbidden(DomainError):
    """Authenticated, but the access policy refuses ``operation`` on ``table``.

    ``rule`` names the policy rule that refused it and ``needs`` what would have allowed
    it, both in the policy's own terms (the surface that built the policy words them).
    """

    def __init__(
        self, operation: Operation, table: str, *, rule: str, needs: tuple[str, ...] = ()
    ) -> None:
        super().__init__(operation, table, rule)
        self.operation = operation
        self.table = table
        self.rule = rule
        self.needs = needs

    def describe(self) -> str:
        needs = f" (needs {' or '.join(self.needs)})" if self.needs else ""
        return f"may not {self.operation.value} {self.table}: {self.rule}{needs}"


_UNSET: Any = object()


class Invalid(DomainError):
    """Bad input; carries the field or parameter at fault, the reason and the value."""

    def __init__(
        self,
        problem: Problem,
        *,
        field: str | None = None,
        parameter: str | None = None,
        table: str | None = None,
        value: Any = _UNSET,
        thing: Thing | None = None,
        detail: str | None = None,
    ) -> None:
        super().__init__(problem, field or parameter)
        self.problem = problem
        self.field = field
        self.parameter = parameter
        self.table = table
        self.value = value
        self.thing = thing  # what was malformed (a body), when it is not a field or parameter
        self.detail = detail  # a technical description (a parser's complaint), never wording

    @property
    def has_value(self) -> bool:
        return self.value is not _UNSET

    def describe(self) -> str:
        subject = self.field or self.parameter or (self.thing.value if self.thing else "input")
        value = f" {self.value!r}" if self.has_value else ""
        detail = f": {self.detail}" if self.detail else ""
        return f"invalid {subject}{value} ({self.problem.value}){detail}"


class TooLarge(Invalid):
    """A body or an upload over its size cap."""

    def __init__(self, *, limit: int, size: int | None = None) -> None:
        super().__init__(Problem.OUT_OF_RANGE, thing=Thing.BODY)
        self.limit = limit
        self.size = size

    def describe(self) -> str:
        return f"body over {self.limit} bytes"


class UnsupportedMediaType(Invalid):
    """A body in a format the endpoint does not read."""

    def __init__(self, given: str, *, accepted: tuple[str, ...]) -> None:
        super().__init__(Problem.MALFORMED, thing=Thing.BODY)
        self.given = given
        self.accepted = accepted

    def describe(self) -> str:
        return f"cannot read {self.given}; send {' or '.join(self.accepted)}"


class NotAcceptable(Invalid):
    """The client accepts no format the endpoint can produce."""

    def __init__(self, given: str, *, offered: tuple[str, ...]) -> None:
        super().__init__(Problem.MALFORMED)
        self.given = given
        self.offered = offered

    def describe(self) -> str:
        return f"cannot answer in {self.given}; offered {' or '.join(self.offered)}"
