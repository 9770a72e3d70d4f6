"""The demo workspace, loaded into the test database and served at the root paths (every
surface)."""

from __future__ import annotations

import pytest

from frontdesk.domain.demo import loader
from frontdesk.domain.services import Services
from frontdesk.surfaces.egain.access import AGENT_ROLES
from frontdesk.surfaces.servicenow.access import ROLES


@pytest.fixture
async def demo(services: Services, app: object) -> loader.DemoCredentials:
    return await loader.load(services, admin_roles=ROLES, agent_roles=AGENT_ROLES)


@pytest.fixture
def demo_auth(demo: loader.DemoCredentials) -> tuple[str, str]:
    return demo.username, demo.password
