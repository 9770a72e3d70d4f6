"""Schema migrations (Alembic), run programmatically: ``frontdesk migrate``."""

from __future__ import annotations

from pathlib import Path

import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory

from frontdesk.db.url import DatabaseURL

MIGRATIONS = Path(__file__).parent / "migrations"


def alembic_config(url: DatabaseURL) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["database_url"] = url
    return config


def upgrade(url: DatabaseURL, revision: str = "head") -> None:
    """Create or upgrade the schema. Blocking: call it from a thread in async code."""
    if url.backend == "sqlite":
        url.sqlite_path.parent.mkdir(parents=True, exist_ok=True)
    command.upgrade(alembic_config(url), revision)


def revision(url: DatabaseURL, message: str, metadata: sa.MetaData) -> None:
    """Write a new migration: what ``metadata`` (the store's tables, passed in by whoever
    calls this during development) declares beyond the schema at ``url``."""
    config = alembic_config(url)
    config.attributes["target_metadata"] = metadata
    command.revision(config, message=message, autogenerate=True)


def head_revision() -> str:
    script = ScriptDirectory.from_config(alembic_config_without_url())
    head = script.get_current_head()
    assert head is not None
    return head


def alembic_config_without_url() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config
