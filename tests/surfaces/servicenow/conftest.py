"""The demo workspace, loaded into the test database and served at the root paths."""

from __future__ import annotations

import pytest

from frontdesk.db.database import Database
from frontdesk.domain.demo import loader


@pytest.fixture
async def demo(db: Database, app: object) -> loader.DemoCredentials:
    found = await loader.load(db)
    app.state.workspaces.forget()  # type: ignore[attr-defined]
    return found


@pytest.fixture
def demo_auth(demo: loader.DemoCredentials) -> tuple[str, str]:
    return demo.username, demo.password
