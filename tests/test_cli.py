"""The command line contract of DESIGN.md, on a fresh database."""

from __future__ import annotations

import json
import socket
from pathlib import Path

import pytest
from typer.testing import CliRunner

from frontdesk.cli.main import app
from tests.conftest import migrated_sqlite

pytestmark = pytest.mark.long
runner = CliRunner()


@pytest.fixture
def database(tmp_path: Path) -> str:
    """A database at the schema's head (a copy: the commands find nothing to migrate)."""
    return migrated_sqlite(tmp_path / "cli.db")


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
    egain = first["egain"]
    assert {"user_token_url", "customer_token_url", "client_id", "client_secret", "user"} <= set(
        egain
    )
    assert egain["user_token_url"] == "/system/auth/demo-U/oauth2/token"
    assert set(egain["user"]) == {"username", "password"}
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
        "pw-long-enough",
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
    run(
        "user",
        "password",
        "ops",
        "--password",
        "pw2-long-enough",
        "-w",
        "acme",
        "--database",
        database,
    )
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


def test_help_shows_flags_as_flags() -> None:
    shown = run("serve", "--help")
    assert "--demo " in shown
    assert "<bool>" not in shown
    assert "--port <int>" in shown or "--port INTEGER" in shown


def test_roles_are_checked_and_passwords_must_be_long_enough(database: str) -> None:
    run("workspace", "create", "acme", "--database", database)
    unknown = runner.invoke(
        app,
        [
            "user",
            "create",
            "a",
            "--password",
            "long-enough",
            "--role",
            "sn_agent",
            "--database",
            database,
        ],
    )
    assert unknown.exit_code == 2
    assert "unknown role sn_agent" in unknown.output
    assert "csm_ws_integration" in unknown.output  # the known roles are listed
    short = runner.invoke(
        app, ["user", "create", "b", "--password", "short", "--database", database]
    )
    assert short.exit_code == 1
    assert "at least 8 characters" in short.output


def test_list_commands(database: str) -> None:
    run("workspace", "create", "acme", "--database", database)
    run(
        "user",
        "create",
        "ops",
        "--password",
        "long-enough",
        "--role",
        "itil",
        "--database",
        database,
    )
    run("oauth-client", "create", "portal", "--database", database)
    run("property", "set", "glide.invalid_query.returns_no_rows", "true", "--database", database)
    run("field", "add", "csm_consumer", "u_tier", "--type", "integer", "--database", database)
    users = run("user", "list", "--database", database)
    assert "ops" in users
    assert "itil" in users
    assert "portal" in run("oauth-client", "list", "--database", database)
    assert "glide.invalid_query.returns_no_rows" in run("property", "list", "--database", database)
    fields = run("field", "list", "csm_consumer", "--database", database)
    assert "u_tier" in fields
    assert "integer" in fields


def test_the_default_database_is_in_the_data_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = tmp_path / "data"
    monkeypatch.setenv("FRONTDESK_DATA_DIR", str(data))
    monkeypatch.delenv("FRONTDESK_DATABASE_URL", raising=False)
    for folder in ("one", "two"):
        (tmp_path / folder).mkdir()
    monkeypatch.chdir(tmp_path / "one")
    run("workspace", "create", "acme")
    monkeypatch.chdir(tmp_path / "two")
    assert "acme" in run("workspace", "list")  # the same database, wherever it is run from
    assert (data / "frontdesk.db").exists()
    assert not (tmp_path / "one" / "frontdesk.db").exists()
    assert run("tls", "ca").strip() == str((data / "tls" / "ca.pem").resolve())


def test_a_busy_port_is_one_line_before_anything_else(database: str) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        busy = runner.invoke(app, ["serve", "--port", str(port), "--database", database])
    assert busy.exit_code == 2
    lines = busy.output.strip().splitlines()
    assert len(lines) == 1
    assert f"Port {port} on 127.0.0.1 is in use" in lines[0]
    assert f"PORT={port + 1}" in lines[0]


def test_egain_departments_and_users(database: str) -> None:
    """Departments are found by name in any case; an eGain user gets departments and
    actions, and an unknown action is refused with the list of known ones."""
    run("workspace", "create", "acme", "--default", "--database", database)
    sales = run("egain", "department", "create", "Sales", "--database", database).strip()
    assert len(sales) == 32
    assert run("egain", "department", "create", "sales", "--database", database).strip() == sales
    made = runner.invoke(
        app,
        ["egain", "user", "eve", "--department", "Service", "--foreign-department", "Sales",
         "--action", "View Agent Console", "--database", database],
        input="long-enough-password\nlong-enough-password\n",
    )  # fmt: skip
    assert made.exit_code == 0, made.output
    refused = runner.invoke(
        app,
        ["egain", "user", "bob", "--department", "Sales", "--action", "Fly", "--database",
         database],
        input="long-enough-password\nlong-enough-password\n",
    )  # fmt: skip
    assert refused.exit_code != 0
    assert "View Agent Console" in refused.output
    listed = run("user", "list", "--database", database)
    assert "eve" in listed
    assert "bob" not in listed
    made = runner.invoke(
        app,
        ["egain", "customer-login", "0" * 32, "nobody", "--database", database],
        input="long-enough-password\nlong-enough-password\n",
    )
    assert made.exit_code != 0  # no such consumer


def test_cention_tokens(database: str) -> None:
    run("workspace", "create", "acme", "--default", "--database", database)
    token = run(
        "cention", "token", "create", "bot", "--claim", "create_errand", "--claim", "attachment",
        "--area", "1", "--channel", "form", "--system-group", "support", "--database", database,
    ).strip()  # fmt: skip
    assert token.count(".") == 2  # a JWT, alone on stdout
    refused = runner.invoke(
        app, ["cention", "token", "create", "x", "--claim", "everything", "--database", database]
    )
    assert refused.exit_code != 0
    assert "create_errand" in refused.output
    (line,) = run("cention", "token", "list", "--database", database).splitlines()
    listed = json.loads(line)
    assert listed["name"] == "bot"
    assert listed["claims"]["labels"] == ["Create Errand", "Get attachment"]
    assert listed["revoked_on"] is None
    assert token not in line
    run("cention", "token", "revoke", "bot", "--database", database)
    (line,) = run("cention", "token", "list", "--database", database).splitlines()
    assert json.loads(line)["revoked_on"] is not None


def test_cention_agents_and_ratings(database: str, tmp_path: Path) -> None:
    run("workspace", "create", "acme", "--default", "--database", database)
    run("user", "create", "joe", "--password", "a-long-password-1", "--database", database)
    first = run("cention", "agent", "set", "joe", "--system-group", "support", "--device", "7",
                "--extension", "8", "--database", database).strip()  # fmt: skip
    again = run("cention", "agent", "set", "joe", "--database", database).strip()
    assert first.isdigit()
    assert again == first  # one agent, changed
    missing = runner.invoke(app, ["cention", "agent", "set", "nobody", "--database", database])
    assert missing.exit_code != 0
    ratings = tmp_path / "ratings.json"
    ratings.write_text(json.dumps([
        {"rating": 5, "message": "Great page", "reviewerId": 2117249628,
         "reviewerName": "Jessica Elizabeth", "timestampCreated": 1489569020},
        {"rating": 2, "message": "Slow", "reviewerId": "x1", "reviewerName": "Ann"},
    ]))  # fmt: skip
    numbers = run("cention", "rating", "import", str(ratings), "--database", database).split()
    assert len(numbers) == 2
    assert all(n.isdigit() for n in numbers)
    ratings.write_text('[{"timestampCreated": "yesterday"}]')
    bad = runner.invoke(app, ["cention", "rating", "import", str(ratings), "--database", database])
    assert bad.exit_code != 0
    assert "timestampCreated" in bad.output


def test_cention_areas(database: str) -> None:
    run("workspace", "create", "acme", "--default", "--database", database)
    first = run("cention", "area", "create", "Support", "--organisation", "Acme",
                "--database", database)  # fmt: skip
    second = run("cention", "area", "create", "Sales", "--organisation", "Acme",
                 "--database", database)  # fmt: skip
    assert int(second) == int(first) + 1  # the organisation is found, not made twice
    again = runner.invoke(app, ["cention", "area", "create", "Support", "--database", database])
    assert again.exit_code != 0
    assert "already exists" in again.output


def test_cention_library_and_export_presets(database: str, tmp_path: Path) -> None:
    run("workspace", "create", "acme", "--default", "--database", database)
    run("cention", "area", "create", "Support", "--database", database)
    document = tmp_path / "library.json"
    document.write_text(json.dumps({"libraries": [{"name": "Help", "external": True,
        "categories": [{"name": "Billing", "questions": [
            {"subject": "Invoice", "answer": "<img src=\"cid:a.png\">",
             "images": [{"name": "a.png", "content_type": "image/png", "content": "iVBORw0K"}],
             "attachments": [{"name": "terms.txt", "content": "dGVybXM="}]}]}]}]}))  # fmt: skip
    made = run("cention", "library", "import", str(document), "--database", database)
    assert made.strip() == "1 libraries, 1 categories, 1 questions, 1 attachments, 1 images"
    document.write_text('{"libraries": [{"name": ""}]}')
    bad = runner.invoke(app, ["cention", "library", "import", str(document),
                              "--database", database])  # fmt: skip
    assert bad.exit_code != 0
    assert "$.libraries[0].name" in bad.output

    every = run("cention", "export", "create", "everything", "--database", database).strip()
    some = run("cention", "export", "create", "support emails", "--channel", "email",
               "--area", "Support", "--field", "subject", "--field", "errand_id",
               "--database", database).strip()  # fmt: skip
    assert every.isdigit()
    assert int(some) == int(every) + 1
    listed = run("cention", "export", "list", "--database", database).splitlines()
    assert listed[0].split("\t")[1:] == ["everything", "all", "all", "all"]
    assert listed[1].split("\t")[1:] == ["support emails", "1", "1", "errand_id,subject"]
    for wrong, said in ((["--field", "mood"], "mood"), (["--channel", "pigeon"], "pigeon"),
                        (["--area", "Nowhere"], "Nowhere")):  # fmt: skip
        refused = runner.invoke(app, ["cention", "export", "create", "x", *wrong,
                                      "--database", database])  # fmt: skip
        assert refused.exit_code != 0
        assert said in refused.output


def test_workspace_snapshot_restore_and_reset(database: str, tmp_path: Path) -> None:
    run("demo", "--database", database)
    taken = tmp_path / "demo.jsonl"
    run("workspace", "snapshot", "demo", str(taken), "--database", database)
    lines = taken.read_text().splitlines()
    assert json.loads(lines[0])["format"] == "frontdesk-snapshot"
    assert any('"t":"errand"' in line for line in lines)

    elsewhere = migrated_sqlite(tmp_path / "ci.db")  # a CI run's database of its own
    restored = runner.invoke(
        app, ["workspace", "restore", "ci", str(taken), "--database", elsewhere]
    )
    assert restored.exit_code == 0, restored.output
    assert f"{len(lines) - 1} rows" in restored.output
    again = tmp_path / "again.jsonl"
    run("workspace", "snapshot", "ci", str(again), "--database", elsewhere)
    assert again.read_text().splitlines()[1:] == lines[1:]  # the same rows, the same ids

    clash = runner.invoke(
        app, ["workspace", "restore", "other", str(taken), "--database", database]
    )
    assert clash.exit_code == 1
    assert "belongs to another workspace" in clash.output
    assert "other" not in run("workspace", "list", "--database", database)  # all or nothing

    (tmp_path / "bad.jsonl").write_text(lines[0] + "\n" + '{"t": "nope", "r": {}}\n')
    bad_file = str(tmp_path / "bad.jsonl")
    bad = runner.invoke(app, ["workspace", "restore", "demo", bad_file, "--database", database])
    assert bad.exit_code == 1
    assert "line 2" in bad.output
    (tmp_path / "binary.jsonl").write_bytes(b"\xff\xfe")
    binary = str(tmp_path / "binary.jsonl")
    refused = runner.invoke(app, ["workspace", "restore", "demo", binary, "--database", database])
    assert refused.exit_code == 1
    assert "not UTF-8" in refused.output
    run("workspace", "snapshot", "demo", str(again), "--database", database)
    assert again.read_text().splitlines()[1:] == lines[1:]  # nothing harmed

    run("workspace", "reset", "demo", "--yes", "--database", database)
    emptied = run("workspace", "snapshot", "demo", "-", "--database", database)
    kinds = {json.loads(line)["t"] for line in emptied.splitlines()[1:]}
    assert {"sys_user", "api_token", "oauth_entity"} <= kinds
    assert not kinds & {"csm_consumer", "errand", "kb_knowledge", "interaction"}
