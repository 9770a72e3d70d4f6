"""What a Cention token may do: its claims, as the console labels them.

Errand creation and contact cards make and find people: a token with "Create Errand" or
"Access and create customer contacts" may read and create consumers (through the access
policy the domain consults); one with "Access to library" may read knowledge bases, their
categories and articles (and so their attachments); nothing else is open to it through the
records service.
"""

from __future__ import annotations

from dataclasses import dataclass

from frontdesk.errors import Forbidden, Operation
from frontdesk.query.ast import Term
from frontdesk.store.registry import TableDef

LOGIO = "Access to logio API"
CREATE_ERRAND = "Create Errand"
ERRAND_DATA = "Access to errand data"
CONTACTS = "Access and create customer contacts"
ATTACHMENT = "Get attachment"
LIBRARY = "Access to library"
EXPORT = "Access to export API"
_PEOPLE = frozenset({CREATE_ERRAND, CONTACTS})
_CONSUMERS = frozenset({"csm_consumer"})
_KNOWLEDGE = frozenset({"kb_knowledge_base", "kb_category", "kb_knowledge"})


@dataclass(frozen=True, slots=True)
class CentionAccess:
    labels: frozenset[str]

    def denial(self, operation: Operation, table: TableDef) -> Forbidden | None:
        if table.name in _KNOWLEDGE:
            if operation is Operation.QUERY and LIBRARY in self.labels:
                return None
            return Forbidden(operation, table.name, rule="claims", needs=(LIBRARY,))
        wanted = table.name in _CONSUMERS and operation in (Operation.QUERY, Operation.CREATE)
        if wanted and self.labels & _PEOPLE:
            return None
        return Forbidden(operation, table.name, rule="claims", needs=tuple(sorted(_PEOPLE)))

    def rows(self, table: TableDef) -> tuple[Term, ...]:
        return ()

    def require(self, label: str, *others: str) -> None:
        """The token must carry ``label`` (or one of ``others``)."""
        if not self.labels & {label, *others}:
            raise Forbidden(Operation.QUERY, label, rule="claim", needs=(label, *others))
