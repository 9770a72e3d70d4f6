"""Export presets in the console: listed with what they export, made through the form
(nothing chosen: every channel, area and field), refused with a reason, administrators
only; and a preset made here is the one ``c3_trigger_exports`` runs."""

from __future__ import annotations

import re

import httpx
import pytest

from frontdesk.domain.errands import service as errands
from frontdesk.domain.exports import service as exports
from frontdesk.domain.services import Services
from frontdesk.domain.workspace import Workspace
from tests import factories
from tests.factories import path
from tests.surfaces.console.test_sign_in import signed_in, token_in

pytestmark = pytest.mark.anyio
PAGE = "/console/cention/exports"


async def test_presets_made_in_the_console(
    client: httpx.AsyncClient, services: Services, workspace: Workspace
) -> None:
    async with services.write() as unit:
        area = await errands.add_area(unit, workspace.id, "Support")
    admin = await factories.user(services, workspace, roles=("admin",))
    await signed_in(client, workspace, admin)
    page = await client.get(path(workspace, PAGE))
    assert "No presets yet." in page.text
    csrf = token_in(page.text)
    every = await client.post(path(workspace, PAGE), data={"csrf": csrf, "name": "everything"})
    assert every.status_code == 303
    some = await client.post(path(workspace, PAGE), data={
        "csrf": csrf, "name": "support email", "areas": "Support", "channel:1": "on",
        "field:subject": "on", "field:errand_id": "on"})  # fmt: skip
    assert some.status_code == 303
    listed = (await client.get(path(workspace, PAGE))).text
    rows = re.findall(r"<tr>\s*<td>(\d+)</td>\s*<td>([^<]+)</td>\s*<td>([^<]+)</td>\s*"
                      r"<td>([^<]+)</td>\s*<td>([^<]+)</td>", listed)  # fmt: skip
    assert [row[1:] for row in rows] == [
        ("everything", "every channel", "every area", "every field"),
        ("support email", "Email", str(area), "errand_id, subject"),
    ]
    async with services.read() as unit:
        made = await exports.preset(unit, workspace.id, int(rows[1][0]))
    assert (made.channels, made.areas, made.fields) == ((1,), (area,), ("errand_id", "subject"))

    twice = await client.post(path(workspace, PAGE), data={"csrf": csrf, "name": "everything"})
    assert twice.status_code == 409
    nowhere = await client.post(path(workspace, PAGE),
                                data={"csrf": csrf, "name": "x", "areas": "Nowhere"})  # fmt: skip
    assert nowhere.status_code == 400
    assert "No area Nowhere" in nowhere.text
    unnamed = await client.post(path(workspace, PAGE), data={"csrf": csrf, "name": " "})
    assert unnamed.status_code == 400


async def test_only_administrators(
    client: httpx.AsyncClient, services: Services, workspace: Workspace
) -> None:
    agent = await factories.user(services, workspace, roles=("itil",))
    await signed_in(client, workspace, agent)
    assert (await client.get(path(workspace, PAGE))).status_code == 403
