"""The ServiceNow surface reads who a request is from its ``Authorization`` header."""

from __future__ import annotations

import base64

import pytest

from frontdesk.domain.services import Services
from frontdesk.domain.workspace import Workspace
from frontdesk.errors import Unauthenticated
from frontdesk.surfaces.servicenow.auth import caller
from tests import factories

pytestmark = pytest.mark.anyio


def basic(user_name: str, password: str) -> str:
    return "Basic " + base64.b64encode(f"{user_name}:{password}".encode()).decode()


async def test_basic_credentials(services: Services, workspace: Workspace) -> None:
    user = await factories.user(services, workspace, roles=("itil",))
    found = await caller(services, workspace.id, basic(user.user_name, user.password))
    assert (found.user_sys_id, found.roles) == (user.sys_id, frozenset({"itil"}))
    with pytest.raises(Unauthenticated):
        await caller(services, workspace.id, basic(user.user_name, "wrong"))


@pytest.mark.parametrize(
    "header",
    [
        None,
        "",
        "Basic",
        "Basic !!!",
        "Basic " + base64.b64encode(b"nocolon").decode(),
        "Bearer ",
        "Digest x",
    ],
)
async def test_malformed_credentials(
    services: Services, workspace: Workspace, header: str | None
) -> None:
    with pytest.raises(Unauthenticated):
        await caller(services, workspace.id, header)
