"""What every command shares: settings, the database, one unit of work, the console."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import TypeVar

import typer
from rich.console import Console

from frontdesk.config import Settings
from frontdesk.db import migrate
from frontdesk.db.database import open_database
from frontdesk.db.url import DatabaseURL, parse_database_url
from frontdesk.domain.services import Services
from frontdesk.errors import DomainError

T = TypeVar("T")
console = Console(stderr=True)  # progress, notices, errors
output = Console()  # what a command answers
DATABASE = typer.Option(
    None,
    "--database",
    help="Database URL (default: $FRONTDESK_DATABASE_URL, else frontdesk.db in the data "
    "directory, $FRONTDESK_DATA_DIR or the platform's user data directory)",
)
WORKSPACE = typer.Option(
    None, "--workspace", "-w", help="Workspace name (default: the default workspace)"
)


def settings_for(database: str | None) -> Settings:
    settings = Settings()
    if database:
        settings = settings.model_copy(update={"database_url": database})
    return settings


def database_url(settings: Settings) -> DatabaseURL:
    try:
        return parse_database_url(settings.database_url)
    except ValueError as exc:
        console.print(f"[red]{exc}[/red]")
        raise typer.Exit(2) from None


def migrated(settings: Settings) -> DatabaseURL:
    url = database_url(settings)
    with console.status(f"Migrating {url} …"):
        migrate.upgrade(url)
    return url


def run(
    settings: Settings, work: Callable[[Services], Awaitable[T]], *, migrate_first: bool = True
) -> T:
    """Open the (migrated) database, run ``work``, close; domain errors end the command cleanly."""
    url = migrated(settings) if migrate_first else database_url(settings)

    async def main() -> T:
        db = open_database(url, synchronous=settings.sqlite_synchronous, pool_size=4)
        await db.open()
        try:
            return await work(Services.create(db, settings))
        finally:
            await db.close()

    try:
        return asyncio.run(main())
    except DomainError as exc:
        console.print(f"[red]{exc}[/red]")
        raise typer.Exit(1) from None
