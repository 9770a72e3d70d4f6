"""The command line contract of DESIGN.md, on a fresh database."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from frontdesk.cli.main import app

runner = CliRunner()


@pytest.fixture
def database(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'cli.db'}"


def run(*args: str) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.stdout


def test_demo_json_is_idempotent(database: str) -> None:
    first = json.loads(run("demo", "--json", "--database", database))
    assert {
        "workspace",
        "username",
        "password",
        "oauth_client_id",
        "oauth_client_secret",
        "cention_token",
    } <= set(first)
    assert first["workspace"] == "demo"
    second = json.loads(run("demo", "--json", "--database", database))
    assert second == first


def test_migrate_workspaces_users_and_settings(database: str) -> None:
    run("migrate", "--database", database)
    run("workspace", "create", "acme", "--database", database)
    run("workspace", "create", "beta", "--default", "--database", database)
    listed = run("workspace", "list", "--database", database)
    assert "acme" in listed
    assert "beta" in listed
    run(
        "user",
        "create",
        "ops",
        "--password",
        "pw",
        "--role",
        "itil",
        "-w",
        "acme",
        "--database",
        database,
    )
    result = runner.invoke(
        app,
        [
            "user",
            "roles",
            "ops",
            "--add",
            "csm_ws_integration",
            "--remove",
            "itil",
            "-w",
            "acme",
            "--database",
            database,
        ],
    )
    assert result.exit_code == 0
    assert "csm_ws_integration" in result.output
    assert "itil" not in result.output.split(":", 1)[1]
    run("user", "password", "ops", "--password", "pw2", "-w", "acme", "--database", database)
    client = run(
        "oauth-client", "create", "app", "--user", "ops", "-w", "acme", "--database", database
    )
    assert client.startswith("client_id=")
    assert "client_secret=" in client
    run(
        "property",
        "set",
        "glide.invalid_query.returns_no_rows",
        "true",
        "-w",
        "acme",
        "--database",
        database,
    )
    run(
        "field",
        "add",
        "csm_consumer",
        "u_tier",
        "--type",
        "integer",
        "-w",
        "acme",
        "--database",
        database,
    )
    run("generate", "consumers", "25", "-w", "acme", "--database", database)


def test_errors_end_cleanly(database: str) -> None:
    run("workspace", "create", "acme", "--database", database)
    duplicate = runner.invoke(app, ["workspace", "create", "acme", "--database", database])
    assert duplicate.exit_code == 1
    assert "already exists" in duplicate.output
    bad = runner.invoke(app, ["migrate", "--database", "mysql://nowhere"])
    assert bad.exit_code == 2
    missing = runner.invoke(app, ["user", "roles", "ghost", "--database", database])
    assert missing.exit_code == 1
