"""Admin commands: workspaces, users and roles, OAuth clients, properties, custom fields, data."""

from __future__ import annotations

import contextlib
import secrets
import sys
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any, TextIO

import anyio.to_thread
import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table

from frontdesk import tls
from frontdesk.cli.common import DATABASE, WORKSPACE, console, output, run, settings_for
from frontdesk.domain.access import system
from frontdesk.domain.auth import oauth, users
from frontdesk.domain.demo import loader
from frontdesk.domain.dictionary.service import TYPES
from frontdesk.domain.records import service as records
from frontdesk.domain.services import Services
from frontdesk.domain.settings import service as settings
from frontdesk.domain.synthetic import consumers as synthetic
from frontdesk.domain.workspace import Workspace
from frontdesk.domain.workspaces import service as workspaces
from frontdesk.domain.workspaces import snapshots
from frontdesk.errors import Conflict
from frontdesk.query.parser import parse
from frontdesk.store.tables import REGISTRY
from frontdesk.surfaces.egain.access import AGENT_ROLES
from frontdesk.surfaces.servicenow.access import ROLES


def group(description: str) -> typer.Typer:
    # Plain help: a flag shows as a flag, an option with its type.
    return typer.Typer(help=description, no_args_is_help=True, rich_markup_mode=None)


workspace = group("Workspaces (tenants).")
user = group("Users, passwords and roles.")
oauth_client = group("OAuth client applications.")
property_ = group("System properties (sys_properties).")
field = group("Custom u_ fields (sys_dictionary).")
generate = group("Synthetic data.")
tls_ = group("The certificate authority clients trust for serve --tls.")


def known_roles(names: list[str]) -> list[str]:
    """Roles a surface checks; anything else is an error that lists them."""
    unknown = [name for name in names if name not in ROLES]
    if unknown:
        raise typer.BadParameter(
            f"unknown role {', '.join(unknown)}; the roles are: {', '.join(ROLES)}",
            param_hint="'--role'",
        )
    return names


def show_credentials(found: loader.DemoCredentials) -> None:
    table = Table(
        title=f"Demo workspace '{found.workspace}' (the default workspace)", show_header=False
    )
    table.add_column("key")
    table.add_column("value", overflow="fold")
    for key, value in _flat(found.as_dict()):
        table.add_row(key, value)
    console.print(table)


def _flat(values: Mapping[str, Any], prefix: str = "") -> Iterator[tuple[str, str]]:
    """``egain.user.username``-style keys for nested values."""
    for key, value in values.items():
        if isinstance(value, Mapping):
            yield from _flat(value, f"{prefix}{key}.")
        else:
            yield f"{prefix}{key}", str(value)


async def load_demo(services: Services) -> loader.DemoCredentials:
    with console.status("Loading the demo workspace …"):
        return await loader.load(services, admin_roles=ROLES, agent_roles=AGENT_ROLES)


async def _workspace(services: Services, name: str | None) -> Workspace:
    return await workspaces.resolve(services, name)


# --------------------------------------------------------------------------- workspaces


@workspace.command("create")
def workspace_create(
    name: str,
    default: bool = typer.Option(False, "--default", help="Serve it at the root paths"),
    database: str | None = DATABASE,
) -> None:
    """Create a workspace."""

    async def work(services: Services) -> Workspace:
        async with services.write() as unit:
            return await workspaces.create(unit, name, default=default)

    made = run(settings_for(database), work)
    console.print(
        f"Workspace [bold]{made.name}[/bold] created" + (" (default)" if made.is_default else "")
    )


@workspace.command("list")
def workspace_list(database: str | None = DATABASE) -> None:
    """List workspaces."""

    async def work(services: Services) -> list[Workspace]:
        async with services.read() as unit:
            return await workspaces.list_all(unit)

    table = Table("name", "default")
    for found in run(settings_for(database), work):
        table.add_row(found.name, "yes" if found.is_default else "")
    output.print(table)


def _conflict_text(error: Conflict) -> str:
    return (
        f"the snapshot's {error.table} id {error.key} belongs to another workspace of this "
        "database: restore it into a database of its own (as a CI run's is), or reset or "
        "remove the workspace that holds it"
    )


@workspace.command("snapshot")
def workspace_snapshot(
    name: str,
    file: Path = typer.Argument(..., help="The snapshot file to write (- for standard output)"),
    database: str | None = DATABASE,
) -> None:
    """Write everything a workspace holds to a snapshot file (JSON Lines, for your CI)."""
    target = None if str(file) == "-" else file

    async def work(services: Services) -> int:
        found = await workspaces.resolve(services, name)
        lines = 0
        with contextlib.ExitStack() as stack:
            if target is None:
                out: TextIO = sys.stdout
            else:
                partial = target.with_name(target.name + ".partial")
                out = stack.enter_context(partial.open("w", encoding="utf-8"))
            async with services.write() as unit:
                async for line in snapshots.take(unit, found):
                    out.write(line)
                    lines += 1
        if target is not None:
            partial.replace(target)
        return lines - 1

    count = run(settings_for(database), work)
    console.print(
        f"Snapshot of [bold]{name}[/bold]: {count} rows" + (f" in {file}" if target else "")
    )


@workspace.command("restore")
def workspace_restore(
    name: str,
    file: Path = typer.Argument(..., exists=True, dir_okay=False, help="A snapshot file"),
    database: str | None = DATABASE,
) -> None:
    """Replace everything a workspace holds with a snapshot's rows (the workspace is made
    if there is none of that name)."""

    async def work(services: Services) -> snapshots.Restored:
        try:
            async with services.write() as unit:
                found = await workspaces.get_or_create(unit, name)
                with file.open(encoding="utf-8") as lines:
                    return await snapshots.restore(unit, found, lines)
        except Conflict as error:
            console.print(f"[red]{_conflict_text(error)}[/red]")
            raise typer.Exit(1) from None
        except UnicodeDecodeError:
            console.print(f"[red]{file} is not a snapshot: it is not UTF-8 text[/red]")
            raise typer.Exit(1) from None

    done = run(settings_for(database), work)
    console.print(f"Restored [bold]{name}[/bold]: {done.rows} rows in {done.tables} tables")


@workspace.command("reset")
def workspace_reset(
    name: str,
    yes: bool = typer.Option(False, "--yes", help="Do not ask first"),
    database: str | None = DATABASE,
) -> None:
    """Empty a workspace of everything but who may use it (users, roles, groups,
    departments, OAuth clients and tokens, Cention tokens, agents, sessions)."""
    if not yes:
        typer.confirm(f"Remove every record of workspace {name}?", abort=True)

    async def work(services: Services) -> None:
        found = await workspaces.resolve(services, name)
        async with services.write() as unit:
            await snapshots.reset(unit, found)

    run(settings_for(database), work)
    console.print(f"Workspace [bold]{name}[/bold] reset")


# --------------------------------------------------------------------------- users


async def _hash(services: Services, password: str) -> str:
    return await anyio.to_thread.run_sync(services.hasher.hash, password)


async def _everything(
    services: Services, workspace_name: str | None, table: str, query: str
) -> tuple[Workspace, list[dict[str, object]]]:
    found = await _workspace(services, workspace_name)
    async with services.read() as unit:
        page = await records.query(
            unit,
            system(found.id),
            REGISTRY[table],
            parse(query),
            limit=10_000,
            offset=0,
            count=False,
        )
    return found, page.records


@user.command("create")
def user_create(
    user_name: str,
    password: str = typer.Option(..., prompt=True, hide_input=True, confirmation_prompt=True),
    role: list[str] = typer.Option([], "--role", "-r", help="A role to grant (repeatable)"),
    first_name: str = typer.Option("", help="First name"),
    last_name: str = typer.Option("", help="Last name"),
    email: str = typer.Option("", help="Email"),
    workspace_name: str | None = WORKSPACE,
    database: str | None = DATABASE,
) -> None:
    """Create a user with a password and roles."""

    known_roles(role)

    async def work(services: Services) -> None:
        found = await _workspace(services, workspace_name)
        hashed = await users.hashed_password(services, password)
        async with services.write() as unit:
            fields = {"first_name": first_name, "last_name": last_name, "email": email}
            await users.create(
                unit,
                system(found.id),
                user_name=user_name,
                password_hash=hashed,
                roles=role,
                fields=fields,
            )

    run(settings_for(database), work)
    console.print(f"User [bold]{user_name}[/bold] created with roles {', '.join(role) or '(none)'}")


@user.command("roles")
def user_roles(
    user_name: str,
    add: list[str] = typer.Option([], "--add", help="Grant a role (repeatable)"),
    remove: list[str] = typer.Option([], "--remove", help="Revoke a role (repeatable)"),
    workspace_name: str | None = WORKSPACE,
    database: str | None = DATABASE,
) -> None:
    """Grant or revoke roles; print the user's roles."""
    known_roles(add)

    async def work(services: Services) -> frozenset[str]:
        found = await _workspace(services, workspace_name)
        actor = system(found.id)
        async with services.write() as unit:
            person = await users.find(unit, found.id, user_name)
            for name in add:
                await users.grant(unit, actor, person["sys_id"], name)
            for name in remove:
                await users.revoke(unit, actor, person["sys_id"], name)
            return await users.role_names(unit, found.id, person["sys_id"])

    held = run(settings_for(database), work)
    output.print(f"{user_name}: {', '.join(sorted(held)) or '(no roles)'}")


@user.command("password")
def user_password(
    user_name: str,
    password: str = typer.Option(..., prompt=True, hide_input=True, confirmation_prompt=True),
    workspace_name: str | None = WORKSPACE,
    database: str | None = DATABASE,
) -> None:
    """Set a user's password."""

    async def work(services: Services) -> None:
        found = await _workspace(services, workspace_name)
        hashed = await users.hashed_password(services, password)
        async with services.write() as unit:
            person = await users.find(unit, found.id, user_name)
            await users.set_password_hash(unit, found.id, person["sys_id"], hashed)

    run(settings_for(database), work)
    console.print(f"Password of [bold]{user_name}[/bold] changed")


@user.command("list")
def user_list(workspace_name: str | None = WORKSPACE, database: str | None = DATABASE) -> None:
    """List users and their roles."""

    async def work(services: Services) -> list[tuple[dict[str, object], frozenset[str]]]:
        found, people = await _everything(services, workspace_name, "sys_user", "ORDERBYuser_name")
        async with services.read() as unit:
            return [(p, await users.role_names(unit, found.id, str(p["sys_id"]))) for p in people]

    table = Table("user", "name", "roles", "active")
    for person, roles in run(settings_for(database), work):
        table.add_row(
            str(person["user_name"]),
            str(person.get("name") or ""),
            ", ".join(sorted(roles)),
            "yes" if person.get("active") is not False else "no",
        )
    output.print(table)


# --------------------------------------------------------------------------- OAuth clients


@oauth_client.command("create")
def oauth_client_create(
    name: str,
    user_name: str | None = typer.Option(
        None, "--user", help="The user client_credentials tokens act as"
    ),
    workspace_name: str | None = WORKSPACE,
    database: str | None = DATABASE,
) -> None:
    """Register an OAuth client application; prints its id and secret (shown once)."""
    secret = secrets.token_urlsafe(24)

    async def work(services: Services) -> str:
        found = await _workspace(services, workspace_name)
        hashed = await _hash(services, secret)
        async with services.write() as unit:
            acting = (await users.find(unit, found.id, user_name))["sys_id"] if user_name else None
            client = await oauth.register_client(
                unit, system(found.id), name=name, secret_hash=hashed, user_sys_id=acting
            )
            return str(client["client_id"])

    client_id = run(settings_for(database), work)
    typer.echo(f"client_id={client_id}\nclient_secret={secret}")


@oauth_client.command("list")
def oauth_client_list(
    workspace_name: str | None = WORKSPACE, database: str | None = DATABASE
) -> None:
    """List OAuth client applications (their secrets are never shown again)."""

    async def work(services: Services) -> list[dict[str, object]]:
        return (await _everything(services, workspace_name, "oauth_entity", "ORDERBYname"))[1]

    table = Table("name", "client_id", "active")
    for client in run(settings_for(database), work):
        active = "yes" if client.get("active") is not False else "no"
        table.add_row(str(client["name"]), str(client["client_id"]), active)
    output.print(table)


# --------------------------------------------------------------------------- properties and fields


@property_.command("set")
def property_set(
    name: str,
    value: str,
    workspace_name: str | None = WORKSPACE,
    database: str | None = DATABASE,
) -> None:
    """Set a system property, e.g. glide.invalid_query.returns_no_rows true."""

    async def work(services: Services) -> None:
        found = await _workspace(services, workspace_name)
        async with services.write() as unit:
            await settings.set_property(unit, system(found.id), name, value)

    run(settings_for(database), work)
    console.print(f"{name} = {value}")


@property_.command("list")
def property_list(workspace_name: str | None = WORKSPACE, database: str | None = DATABASE) -> None:
    """List the workspace's system properties."""

    async def work(services: Services) -> list[dict[str, object]]:
        return (await _everything(services, workspace_name, "sys_properties", "ORDERBYname"))[1]

    table = Table("name", "value")
    for found in run(settings_for(database), work):
        table.add_row(str(found["name"]), str(found.get("value") or ""))
    output.print(table)


@field.command("add")
def field_add(
    table: str,
    name: str,
    kind: str = typer.Option("string", "--type", help=f"One of: {', '.join(TYPES)}"),
    label: str = typer.Option("", help="Column label"),
    max_length: int = typer.Option(255, help="Maximum length (text)"),
    reference: str = typer.Option("", help="Referenced table (reference fields)"),
    workspace_name: str | None = WORKSPACE,
    database: str | None = DATABASE,
) -> None:
    """Add a custom u_ field to a table (the Table and Consumer APIs show it)."""
    wanted = settings.CustomField(table, name, kind, label, max_length, reference or None)
    if not wanted.acceptable:
        raise typer.BadParameter(
            "expected a known table, a name starting with u_ and a known --type"
        )

    async def work(services: Services) -> None:
        found = await _workspace(services, workspace_name)
        async with services.write() as unit:
            await settings.add_field(unit, system(found.id), wanted)

    run(settings_for(database), work)
    console.print(f"{table}.{name} ({kind}) added")


@field.command("list")
def field_list(
    table_name: str | None = typer.Argument(None, metavar="[TABLE]", help="Only this table's"),
    workspace_name: str | None = WORKSPACE,
    database: str | None = DATABASE,
) -> None:
    """List the workspace's custom u_ fields."""
    query = "elementSTARTSWITHu_" + (f"^name={table_name}" if table_name else "")

    async def work(services: Services) -> list[dict[str, object]]:
        found = await _everything(services, workspace_name, "sys_dictionary", query)
        return found[1]

    table = Table("table", "field", "type", "label")
    for entry in sorted(
        run(settings_for(database), work), key=lambda e: (str(e["name"]), str(e["element"]))
    ):
        table.add_row(
            str(entry["name"]),
            str(entry["element"]),
            str(entry.get("internal_type") or "string"),
            str(entry.get("column_label") or ""),
        )
    output.print(table)


# --------------------------------------------------------------------------- TLS


@tls_.command("ca")
def tls_ca(database: str | None = DATABASE) -> None:
    """Print the path of the certificate authority to trust (made if there is none yet)."""
    settings = settings_for(database)
    output.print(str(tls.ensure(settings.data_dir, settings.host).ca.resolve()), soft_wrap=True)


# --------------------------------------------------------------------------- data


@generate.command("consumers")
def generate_consumers(
    count: int = typer.Argument(..., help="How many consumers to add"),
    seed: int = typer.Option(1, help="Random seed (the same seed gives the same people)"),
    workspace_name: str | None = WORKSPACE,
    database: str | None = DATABASE,
) -> None:
    """Add COUNT synthetic consumers (names, emails, phones, addresses) in one transaction."""
    if count <= 0:
        raise typer.BadParameter("COUNT must be positive")

    async def work(services: Services) -> None:
        found = await _workspace(services, workspace_name)
        columns = (
            TextColumn("consumers"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeRemainingColumn(),
        )
        with Progress(*columns, console=console) as progress:
            task = progress.add_task("consumers", total=count)
            await synthetic.generate(
                services, found, count, seed=seed, progress=lambda n: progress.advance(task, n)
            )

    run(settings_for(database), work)
    console.print(f"[green]{count} consumers added[/green]")
