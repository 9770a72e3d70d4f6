"""Access tokens: valid in their own workspace only, until revoked; forged ones refused."""

from __future__ import annotations

import uuid

import jwt
import pytest

from frontdesk.domain.auth import api_tokens
from frontdesk.domain.services import Services
from frontdesk.domain.workspace import Workspace
from frontdesk.domain.workspaces import service as workspaces
from frontdesk.errors import Conflict, NotFound, Unauthenticated

pytestmark = pytest.mark.anyio


async def test_a_token_lives_in_its_workspace_until_revoked(
    services: Services, workspace: Workspace
) -> None:
    async with services.write() as unit:
        made = await api_tokens.create(
            unit,
            workspace,
            name="bot",
            labels=["Create Errand", "Get attachment", "Not a claim"],
            area="1",
            channel="form",
            system_group="support",
        )
        other = await workspaces.create(unit, f"t{uuid.uuid4().hex[:16]}")
    assert made.claims == {
        "labels": ["Create Errand", "Get attachment"],
        "errand": {"area": "1", "channel": "form"},
        "system_group": "support",
    }
    async with services.read() as unit:
        assert (await api_tokens.verify(unit, workspace, made.token)).name == "bot"
        with pytest.raises(Unauthenticated):
            await api_tokens.verify(unit, other, made.token)  # another workspace's
        payload = jwt.decode(made.token, options={"verify_signature": False})
        guess = "a guess at the key, long enough for HS256 to take"
        forged = jwt.encode({**payload, "claims": {"labels": list(api_tokens.CLAIMS)}}, guess)
        with pytest.raises(Unauthenticated):
            await api_tokens.verify(unit, workspace, forged)
        with pytest.raises(Unauthenticated):
            await api_tokens.verify(unit, workspace, "not a token")
    async with services.write() as unit:
        with pytest.raises(Conflict):
            await api_tokens.create(unit, workspace, name="bot", labels=[])
    async with services.write() as unit:
        await api_tokens.revoke(unit, workspace, "bot")
    async with services.read() as unit:
        with pytest.raises(Unauthenticated):
            await api_tokens.verify(unit, workspace, made.token)
        listed = await api_tokens.listed(unit, workspace)
    assert [(t.name, t.revoked_on is not None) for t in listed] == [("bot", True)]
    async with services.write() as unit:
        with pytest.raises(NotFound):
            await api_tokens.revoke(unit, workspace, "bot")
        again = await api_tokens.create(unit, workspace, name="bot", labels=["Access to logio API"])
    async with services.read() as unit:
        assert (await api_tokens.verify(unit, workspace, again.token)).claims["labels"] == [
            "Access to logio API"
        ]
