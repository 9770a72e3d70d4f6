"""Who a ServiceNow request is: its ``Authorization`` header (Basic or Bearer) → ``Principal``."""

from __future__ import annotations

from frontdesk.domain.auth import credentials
from frontdesk.domain.principal import Principal
from frontdesk.domain.services import Services
from frontdesk.errors import Unauthenticated, Why
from frontdesk.surfaces.credentials import basic_pair


async def caller(
    services: Services, workspace_id: int, header: str | None, address: str | None = None
) -> Principal:
    """The principal an ``Authorization`` header proves, or ``Unauthenticated``. ``address``,
    where the request came from, counts failed sign-ins toward its budget."""
    if not header:
        raise Unauthenticated(Why.MISSING)
    scheme, _, value = header.partition(" ")
    scheme = scheme.lower()
    if scheme == "basic":
        pair = basic_pair(value)
        if pair is None:
            raise Unauthenticated(Why.MALFORMED)
        return await credentials.password(services, workspace_id, *pair, address=address)
    if scheme == "bearer" and value.strip():
        principal = await credentials.token(services, workspace_id, value.strip())
        if principal.realm is not None:  # issued for another surface (eGain's)
            raise Unauthenticated(Why.WRONG)
        return principal
    raise Unauthenticated(Why.MALFORMED)
