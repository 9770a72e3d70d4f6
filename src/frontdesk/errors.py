"""Domain errors: expected failures. Each surface decides how they look on the wire."""

from __future__ import annotations


class DomainError(Exception):
    """An expected failure; the surface decides how it looks."""

    def __init__(self, message: str, *, detail: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.detail = detail


class NotFound(DomainError):
    """The addressed record (or table, or workspace) does not exist for this caller."""


class Conflict(DomainError):
    """The write contradicts what is stored (a duplicate key, a stale state)."""


class Unauthenticated(DomainError):
    """No credentials, or credentials that do not verify."""


class Forbidden(DomainError):
    """Authenticated, but not allowed to do this."""


class Invalid(DomainError):
    """Bad input; carries the field or parameter at fault."""

    def __init__(
        self, message: str, *, field: str | None = None, detail: str | None = None
    ) -> None:
        super().__init__(message, detail=detail)
        self.field = field


class TooLarge(Invalid):
    """A body or an upload over its size cap."""

    def __init__(self, message: str, *, limit: int, size: int | None = None) -> None:
        super().__init__(message, detail=None)
        self.limit = limit
        self.size = size


class UnsupportedMediaType(Invalid):
    """A body in a format the endpoint does not read."""


class NotAcceptable(Invalid):
    """The client accepts no format the endpoint can produce."""


class QueryError(Invalid):
    """An encoded query that cannot be parsed; carries the position in the query text."""

    def __init__(self, message: str, *, query: str, position: int) -> None:
        super().__init__(f"{message} at position {position}", field="sysparm_query")
        self.reason = message
        self.query = query
        self.position = position
