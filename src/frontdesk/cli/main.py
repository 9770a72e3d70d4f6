"""``frontdesk``: serve, migrate, demo, and the admin commands."""

from __future__ import annotations

import contextlib

import orjson
import typer

from frontdesk.app import sender
from frontdesk.cli import admin
from frontdesk.cli import cention as cention_commands
from frontdesk.cli import egain as egain_commands
from frontdesk.cli.common import DATABASE, console, migrated, run, settings_for
from frontdesk.cli.serve import serve
from frontdesk.domain.services import Services

app = typer.Typer(
    name="frontdesk",
    help="Self-hosted customer service: the ServiceNow CSM, eGain and Cention APIs over one store.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    # Plain help: a flag shows as a flag (--demo), an option with its type (--port <int>).
    rich_markup_mode=None,
)
app.command()(serve)
app.add_typer(admin.workspace, name="workspace")
app.add_typer(admin.user, name="user")
app.add_typer(admin.oauth_client, name="oauth-client")
app.add_typer(admin.property_, name="property")
app.add_typer(admin.field, name="field")
app.add_typer(admin.generate, name="generate")
app.add_typer(admin.tls_, name="tls")
app.add_typer(egain_commands.egain, name="egain")
app.add_typer(cention_commands.cention, name="cention")


@app.command()
def migrate(database: str | None = DATABASE) -> None:
    """Create or upgrade the schema."""
    url = migrated(settings_for(database))
    console.print(f"[green]Schema is current[/green] ({url})")


@app.command()
def demo(
    database: str | None = DATABASE,
    as_json: bool = typer.Option(
        False, "--json", help="Print only the credentials, as one JSON object"
    ),
) -> None:
    """Load the demo workspace (idempotent) and print its credentials."""

    credentials = run(settings_for(database), admin.load_demo)
    if as_json:
        typer.echo(orjson.dumps(credentials.as_dict()).decode())
        return
    admin.show_credentials(credentials)


@app.command()
def deliver(database: str | None = DATABASE) -> None:
    """Deliver webhooks until stopped (``serve`` does it too, unless FRONTDESK_DELIVER=false)."""
    settings = settings_for(database)

    async def work(services: Services) -> None:
        delivering = sender(services, settings)
        try:
            await delivering.run()
        finally:
            await delivering.close()

    with contextlib.suppress(KeyboardInterrupt):
        run(settings, work)


def main() -> None:
    app()
