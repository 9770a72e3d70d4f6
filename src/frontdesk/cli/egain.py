"""``frontdesk egain …``: eGain's departments, users (with their departments and
actions) and customers' own sign-ins. Client applications are ``frontdesk oauth-client``'s:
one application serves both APIs (at eGain, its client_credentials tokens act as the
application itself). Customer departmentalization is a property: ``frontdesk property set
egain.customer_departmentalization true``."""

from __future__ import annotations

import typer

from frontdesk.cli.common import DATABASE, WORKSPACE, console, run, settings_for
from frontdesk.domain.access import system
from frontdesk.domain.auth import users
from frontdesk.domain.customers import departments
from frontdesk.domain.services import Services
from frontdesk.domain.workspaces import service as workspaces
from frontdesk.surfaces.egain.access import ACTIONS

ACTION_NAMES = ", ".join(ACTIONS)
egain = typer.Typer(
    help="eGain: departments and users (departmentalization: frontdesk property set"
    " egain.customer_departmentalization true).",
    no_args_is_help=True,
    rich_markup_mode=None,
)
department = typer.Typer(help="Departments.", no_args_is_help=True, rich_markup_mode=None)
egain.add_typer(department, name="department")


@department.command("create")
def department_create(
    name: str, workspace_name: str | None = WORKSPACE, database: str | None = DATABASE
) -> None:
    """Create a department (or find the one with this name); print its sys_id alone."""

    async def work(services: Services) -> str:
        found = await workspaces.resolve(services, workspace_name)
        async with services.write() as unit:
            return await departments.create(unit, system(found.id), name)

    typer.echo(run(settings_for(database), work))


@egain.command("user")
def user_create(
    user_name: str,
    password: str = typer.Option(..., prompt=True, hide_input=True, confirmation_prompt=True),
    home: str = typer.Option(..., "--department", help="The user's own department (a name)"),
    foreign: list[str] = typer.Option(
        [], "--foreign-department", help="Another department they work in (repeatable)"
    ),
    action: list[str] = typer.Option(
        [], "--action", help=f"An action they may perform: {ACTION_NAMES} (repeatable)"
    ),
    workspace_name: str | None = WORKSPACE,
    database: str | None = DATABASE,
) -> None:
    """Create an eGain user: a sign-in with their departments and actions."""
    unknown = [name for name in action if name not in ACTIONS]
    if unknown:
        raise typer.BadParameter(
            f"unknown action {', '.join(unknown)}; the actions are: {', '.join(ACTIONS)}",
            param_hint="'--action'",
        )

    async def work(services: Services) -> None:
        found = await workspaces.resolve(services, workspace_name)
        hashed = await users.hashed_password(services, password)
        actor = system(found.id)
        async with services.write() as unit:
            own = await departments.create(unit, actor, home)
            others = [await departments.create(unit, actor, name) for name in foreign]
            made = await users.create(
                unit,
                actor,
                user_name=user_name,
                password_hash=hashed,
                roles=[ACTIONS[name] for name in action],
            )
            await departments.assign(unit, actor, made["sys_id"], own, others)

    run(settings_for(database), work)
    console.print(f"eGain user [bold]{user_name}[/bold] created in {home}")


@egain.command("customer-login")
def customer_login(
    consumer: str = typer.Argument(..., help="The consumer's sys_id"),
    user_name: str = typer.Argument(..., help="The sign-in name"),
    password: str = typer.Option(..., prompt=True, hide_input=True, confirmation_prompt=True),
    workspace_name: str | None = WORKSPACE,
    database: str | None = DATABASE,
) -> None:
    """Give a consumer their own sign-in (eGain's Customer actor, at <workspace>-C)."""

    async def work(services: Services) -> None:
        found = await workspaces.resolve(services, workspace_name)
        hashed = await users.hashed_password(services, password)
        async with services.write() as unit:
            await users.create_consumer_sign_in(
                unit,
                system(found.id),
                consumer_sys_id=consumer,
                user_name=user_name,
                password_hash=hashed,
            )

    run(settings_for(database), work)
    console.print(f"Customer sign-in [bold]{user_name}[/bold] created")
