"""``frontdesk cention …``: Cention's access tokens (Administration → API → Access Tokens),
areas, the callback and agents.

``token create`` prints the token alone on stdout, so that a script can keep it:
``TOKEN=$(frontdesk cention token create bot --claim create_errand --area 1)``.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import orjson
import typer

from frontdesk.cli.common import DATABASE, WORKSPACE, console, run, settings_for
from frontdesk.domain.access import system
from frontdesk.domain.auth import api_tokens, users
from frontdesk.domain.customers import ratings
from frontdesk.domain.errands import agents
from frontdesk.domain.errands import service as errands
from frontdesk.domain.exports import service as exports
from frontdesk.domain.knowledge import imports
from frontdesk.domain.services import Services
from frontdesk.domain.webhooks import endpoints, outbox
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

cention = typer.Typer(
    help="Cention: access tokens, areas, the callback.", no_args_is_help=True, rich_markup_mode=None
)
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


area = typer.Typer(
    help="Areas errands are created in.", no_args_is_help=True, rich_markup_mode=None
)
cention.add_typer(area, name="area")
callback = typer.Typer(
    help="The callback (Administration → API → Callback).",
    no_args_is_help=True,
    rich_markup_mode=None,
)
cention.add_typer(callback, name="callback")
agent = typer.Typer(
    help="Agents: users' system groups and phones.", no_args_is_help=True, rich_markup_mode=None
)
cention.add_typer(agent, name="agent")
rating = typer.Typer(help="Facebook ratings.", no_args_is_help=True, rich_markup_mode=None)
cention.add_typer(rating, name="rating")
# The old API's names for a rating's fields, and the table's.
RATING_FIELDS = {
    "rating": "rating",
    "message": "message",
    "reviewerId": "reviewer_id",
    "reviewerName": "reviewer_name",
}


def _rating(item: Any, where: str) -> dict[str, Any]:
    if not isinstance(item, dict):
        raise typer.BadParameter(f"{where}: a rating is a JSON object")
    found = {RATING_FIELDS[k]: v for k, v in item.items() if k in RATING_FIELDS}
    if "reviewer_id" in found:
        found["reviewer_id"] = str(found["reviewer_id"])
    created = item.get("timestampCreated")
    if created is not None:
        if not isinstance(created, int) or isinstance(created, bool) or created < 0:
            raise typer.BadParameter(f"{where}: timestampCreated must be unix seconds")
        found["rated_on"] = datetime.fromtimestamp(created, UTC).replace(tzinfo=None)
    return {**found, "channel": "facebook"}


@rating.command("import")
def rating_import(
    path: Path = typer.Argument(..., exists=True, dir_okay=False, help="A JSON file"),
    workspace_name: str | None = WORKSPACE,
    database: str | None = DATABASE,
) -> None:
    """Import Facebook ratings: a JSON array of objects with rating, message, reviewerId,
    reviewerName and timestampCreated (unix seconds), as Cention's API shows them. Each
    is new, so changed until fetched. Prints the new ids, one per line."""
    try:
        items = orjson.loads(path.read_bytes())
    except orjson.JSONDecodeError as error:
        raise typer.BadParameter(f"{path} is not JSON: {error}") from None
    if not isinstance(items, list):
        raise typer.BadParameter(f"{path} must hold a JSON array of ratings")
    rows = [_rating(item, f"{path}[{i}]") for i, item in enumerate(items)]

    async def work(services: Services) -> list[int]:
        found = await workspaces.resolve(services, workspace_name)
        async with services.write() as unit:
            return await ratings.import_ratings(unit, system(found.id), rows)

    for number in run(settings_for(database), work):
        typer.echo(number)


@agent.command("set")
def agent_set(
    user_name: str,
    system_group: str = typer.Option(agents.DEFAULT_GROUP, help="The system group they work in"),
    device: int | None = typer.Option(None, help="Their phone's device id"),
    extension: int | None = typer.Option(None, help="Their phone's extension id"),
    workspace_name: str | None = WORKSPACE,
    database: str | None = DATABASE,
) -> None:
    """Make a user an agent (or change their group and phone); print the agent's id alone."""

    async def work(services: Services) -> int:
        found = await workspaces.resolve(services, workspace_name)
        async with services.write() as unit:
            person = await users.find(unit, found.id, user_name)
            made = agents.Agent(str(person["sys_id"]), system_group, device, extension)
            return await agents.save(unit, found.id, made)

    typer.echo(run(settings_for(database), work))


@area.command("create")
def area_create(
    name: str,
    organisation: str | None = typer.Option(
        None, help="The organisation it belongs to (made if new)"
    ),
    workspace_name: str | None = WORKSPACE,
    database: str | None = DATABASE,
) -> None:
    """Create an area; print its id alone."""

    async def work(services: Services) -> int:
        found = await workspaces.resolve(services, workspace_name)
        async with services.write() as unit:
            return await errands.add_area(unit, found.id, name, organisation=organisation)

    typer.echo(run(settings_for(database), work))


@callback.command("set")
def callback_set(
    endpoint: str = typer.Option(..., help="The URL answered errands are POSTed to"),
    secret: str | None = typer.Option(None, help="Sent as meta.api_secret and signs each delivery"),
    area_names: list[str] = typer.Option(
        [], "--area", help="An area (name or id); none: every area"
    ),
    workspace_name: str | None = WORKSPACE,
    database: str | None = DATABASE,
) -> None:
    """Set the callback endpoint (and enable it again if it was disabled)."""
    settings = settings_for(database)

    async def work(services: Services) -> endpoints.Endpoint:
        found = await workspaces.resolve(services, workspace_name)
        async with services.write() as unit:
            areas = await errands.area_ids(unit, found.id, area_names)
            return await endpoints.set_endpoint(
                unit,
                found.id,
                url=endpoint,
                secret=secret,
                areas=areas or None,
                allow_private=settings.callback_allow_private,
            )

    saved = run(settings, work)
    console.print(f"Callback set: {saved.url}")


@callback.command("show")
def callback_show(workspace_name: str | None = WORKSPACE, database: str | None = DATABASE) -> None:
    """The callback endpoint, its health and its deliveries, as one JSON object."""

    async def work(services: Services) -> dict[str, object]:
        found = await workspaces.resolve(services, workspace_name)
        async with services.read() as unit:
            saved = await endpoints.get_or_none(unit, found.id)
            counts = await outbox.summary(unit, found.id)
        if saved is None:
            return {"endpoint": None}
        return {
            "endpoint": saved.url,
            "secret": bool(saved.secret),
            "areas": list(saved.areas) if saved.areas is not None else "all",
            "failing_since": saved.failing_since.isoformat() if saved.failing_since else None,
            "disabled_on": saved.disabled_on.isoformat() if saved.disabled_on else None,
            "deliveries": {
                "pending": counts.pending,
                "delivered": counts.delivered,
                "failed": counts.failed,
                "attempts": counts.attempts,
            },
        }

    typer.echo(orjson.dumps(run(settings_for(database), work)).decode())


library = typer.Typer(help="The library.", no_args_is_help=True, rich_markup_mode=None)
cention.add_typer(library, name="library")


@library.command("import")
def library_import(
    path: Path = typer.Argument(..., exists=True, dir_okay=False, help="A JSON file"),
    workspace_name: str | None = WORKSPACE,
    database: str | None = DATABASE,
) -> None:
    """Import libraries, categories and questions (with attachments and embedded images)
    from a JSON file in the format of docs/library-import.md; all of it or, on a fault,
    nothing. Prints how many of each were made."""
    try:
        document = orjson.loads(path.read_bytes())
    except orjson.JSONDecodeError as error:
        raise typer.BadParameter(f"{path} is not JSON: {error}") from None

    async def work(services: Services) -> imports.Imported:
        found = await workspaces.resolve(services, workspace_name)
        async with services.write() as unit:
            return await imports.load(unit, system(found.id), document)

    made = run(settings_for(database), work)
    typer.echo(
        f"{len(made.libraries)} libraries, {len(made.categories)} categories, "
        f"{len(made.questions)} questions, {len(made.attachments)} attachments, "
        f"{len(made.images)} images"
    )


FIELD_NAMES = ", ".join(exports.FIELDS)
export = typer.Typer(help="Export presets.", no_args_is_help=True, rich_markup_mode=None)
cention.add_typer(export, name="export")


@export.command("create")
def export_create(
    name: str,
    channel: list[str] = typer.Option([], "--channel", help="A channel, by name or number"),
    area: list[str] = typer.Option([], "--area", help="An area, by id or name"),
    field: list[str] = typer.Option([], "--field", help=f"One of: {FIELD_NAMES}"),
    workspace_name: str | None = WORKSPACE,
    database: str | None = DATABASE,
) -> None:
    """Create an export preset; print its id alone. Each option repeats; none given means
    every channel, every area, every field."""

    async def work(services: Services) -> int:
        found = await workspaces.resolve(services, workspace_name)
        async with services.write() as unit:
            return await exports.create(
                unit, found.id, name, channels=channel, areas=area, fields=field
            )

    typer.echo(run(settings_for(database), work))


@export.command("list")
def export_list(
    workspace_name: str | None = WORKSPACE,
    database: str | None = DATABASE,
) -> None:
    """The export presets: id, name, channels, areas and fields (all: every one)."""

    async def work(services: Services) -> list[exports.Preset]:
        found = await workspaces.resolve(services, workspace_name)
        async with services.read() as unit:
            return await exports.presets(unit, found.id)

    def shown(values: tuple[object, ...] | None) -> str:
        return ",".join(map(str, values)) if values else "all"

    for preset in run(settings_for(database), work):
        every = preset.fields == exports.FIELDS
        typer.echo(
            f"{preset.id}\t{preset.name}\t{shown(preset.channels)}\t{shown(preset.areas)}"
            f"\t{'all' if every else ','.join(preset.fields)}"
        )
