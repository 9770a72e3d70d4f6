"""``frontdesk cention …``: Cention's access tokens (Administration → API → Access Tokens).

``token create`` prints the token alone on stdout, so that a script can keep it:
``TOKEN=$(frontdesk cention token create bot --claim create_errand --area 1)``.
"""

from __future__ import annotations

import orjson
import typer

from frontdesk.cli.common import DATABASE, WORKSPACE, console, run, settings_for
from frontdesk.domain.auth import api_tokens
from frontdesk.domain.services import Services
from frontdesk.domain.workspaces import service as workspaces

# The command line's names for the claims, and the labels the console shows.
CLAIMS = {
    "logio": "Access to logio API",
    "create_errand": "Create Errand",
    "errand_data": "Access to errand data",
    "contacts": "Access and create customer contacts",
    "library": "Access to library",
    "export": "Access to export API",
    "attachment": "Get attachment",
}
CLAIM_NAMES = ", ".join(CLAIMS)

cention = typer.Typer(help="Cention: access tokens.", no_args_is_help=True, rich_markup_mode=None)
token = typer.Typer(help="Access tokens.", no_args_is_help=True, rich_markup_mode=None)
cention.add_typer(token, name="token")


@token.command("create")
def token_create(
    name: str,
    claim: list[str] = typer.Option(..., "--claim", help=f"One of: {CLAIM_NAMES} (repeatable)"),
    area: str | None = typer.Option(None, help="The area errands are created in"),
    channel: str | None = typer.Option(None, help="The channel errands are created in"),
    system_group: str | None = typer.Option(None, help="The system group it belongs to"),
    workspace_name: str | None = WORKSPACE,
    database: str | None = DATABASE,
) -> None:
    """Create an access token; print it alone."""
    unknown = [item for item in claim if item not in CLAIMS]
    if unknown:
        raise typer.BadParameter(
            f"unknown claim {', '.join(unknown)}; the claims are: {CLAIM_NAMES}",
            param_hint="'--claim'",
        )

    async def work(services: Services) -> str:
        found = await workspaces.resolve(services, workspace_name)
        async with services.write() as unit:
            made = await api_tokens.create(
                unit,
                found,
                name=name,
                labels=[CLAIMS[item] for item in claim],
                area=area,
                channel=channel,
                system_group=system_group,
            )
        return made.token

    typer.echo(run(settings_for(database), work))


@token.command("revoke")
def token_revoke(
    name: str, workspace_name: str | None = WORKSPACE, database: str | None = DATABASE
) -> None:
    """Revoke a token: it is refused from now on."""

    async def work(services: Services) -> None:
        found = await workspaces.resolve(services, workspace_name)
        async with services.write() as unit:
            await api_tokens.revoke(unit, found, name)

    run(settings_for(database), work)
    console.print(f"Token [bold]{name}[/bold] revoked")


@token.command("list")
def token_list(workspace_name: str | None = WORKSPACE, database: str | None = DATABASE) -> None:
    """The workspace's tokens (never their secrets): one JSON object per line."""

    async def work(services: Services) -> list[api_tokens.Listed]:
        found = await workspaces.resolve(services, workspace_name)
        async with services.read() as unit:
            return await api_tokens.listed(unit, found)

    for item in run(settings_for(database), work):
        line = {
            "name": item.name,
            "claims": item.claims,
            "created_on": item.created_on.isoformat(),
            "revoked_on": item.revoked_on.isoformat() if item.revoked_on else None,
        }
        typer.echo(orjson.dumps(line).decode())
