"""A workspace's snapshot, restore and reset (docs/decisions/0032-workspace-snapshots.md).

A snapshot is a text file (JSON Lines) that can be committed beside a test suite: a head
line, then one line per row, ``{"t": table, "r": {column: value}}``, parents before
children and each table's rows in key order, so that two snapshots of the same data are
the same file. Times are ``YYYY-MM-DDTHH:MM:SS``, bytes base64; the workspace's own id
is left out. It is taken in one transaction that sees one instant.

A restore replaces everything the workspace holds with the snapshot's rows, with the ids
they had (Cention's and eGain's ids are row ids, and clients keep them), in one
transaction: all of it or nothing. An id another workspace of this database holds is a
conflict; a database of its own (a CI run's) has none. A reset empties the workspace of
everything but who may use it (users, roles, groups, departments, OAuth clients and
tokens, Cention tokens, agents, sign-ins and sessions).
"""

from __future__ import annotations

import base64
import json
from collections.abc import AsyncIterator, Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

import sqlalchemy as sa

from frontdesk.db import migrate
from frontdesk.domain import clock
from frontdesk.domain.services import Unit
from frontdesk.domain.workspace import Workspace
from frontdesk.errors import Conflict, Invalid, Problem, Thing
from frontdesk.store import workspace_rows as rows
from frontdesk.store.registry import Cached

FORMAT = "frontdesk-snapshot"
VERSION = 1
PAGE = 1000  # rows read, or written, at a time
# Who may use a workspace: what a reset keeps.
ACCESS = (
    "sys_user", "sys_user_group", "sys_user_role", "sys_user_has_role", "cmn_department",
    "sys_user_foreign_department", "oauth_entity", "oauth_token", "api_token", "agent",
    "sign_in", "presence_event",
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Restored:
    rows: int
    tables: int


def _plain(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%dT%H:%M:%S")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bytes | bytearray | memoryview):
        return base64.b64encode(bytes(value)).decode("ascii")
    return value


def _typed(column: sa.Column[Any], value: Any) -> Any:
    """The column's value from its JSON form (``ValueError`` when it cannot be one)."""
    if value is None:
        if not column.nullable and column.name != "id":
            raise ValueError(f"{column.table.name}.{column.name} must have a value")
        return None
    kind = column.type
    if isinstance(kind, sa.DateTime | sa.Date | sa.LargeBinary | sa.String) and not isinstance(
        value, str
    ):
        raise ValueError(f"{column.table.name}.{column.name} must be text")
    if isinstance(kind, sa.DateTime):
        return datetime.fromisoformat(value)
    if isinstance(kind, sa.Date):
        return date.fromisoformat(value)
    if isinstance(kind, sa.LargeBinary):
        return base64.b64decode(value, validate=True)
    if isinstance(kind, sa.String) and kind.length is not None and len(value) > kind.length:
        raise ValueError(f"{column.table.name}.{column.name} is longer than {kind.length}")
    if isinstance(kind, sa.Boolean) and not isinstance(value, bool):
        raise ValueError(f"{column.table.name}.{column.name} must be true or false")
    if isinstance(kind, sa.Integer) and (isinstance(value, bool) or not isinstance(value, int)):
        raise ValueError(f"{column.table.name}.{column.name} must be a whole number")
    return value


def _line(value: Mapping[str, Any]) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=False) + "\n"


async def take(unit: Unit, workspace: Workspace) -> AsyncIterator[str]:
    """The workspace's snapshot, a line at a time. ``unit`` must be a writing one (begun
    for this), so that every table is read at one instant."""
    await rows.hold_still(unit.tx)
    yield _line({
        "format": FORMAT, "version": VERSION, "schema": migrate.head_revision(),
        "workspace": workspace.name, "taken": clock.now().strftime("%Y-%m-%dT%H:%M:%S"),
    })  # fmt: skip
    for table in rows.TABLES:
        after = None
        while True:
            found = await rows.page(unit.tx, table, workspace.id, after, PAGE)
            for row in found:
                kept = {k: _plain(v) for k, v in row.items() if k != "workspace_id"}
                yield _line({"t": table.name, "r": kept})
            if len(found) < PAGE:
                break
            after = rows.key_of(table, found[-1])


def _invalid(number: int, problem: str) -> Invalid:
    return Invalid(Problem.MALFORMED, field=f"line {number}", detail=problem)


def _head(number: int, text: str) -> None:
    try:
        head = json.loads(text)
    except ValueError:
        head = None
    if not isinstance(head, dict) or head.get("format") != FORMAT:
        raise _invalid(number, "not a frontdesk snapshot")
    if head.get("version") != VERSION:
        raise _invalid(number, f"snapshot version {head.get('version')} (this server reads 1)")


def _row(number: int, text: str, workspace_id: int) -> tuple[sa.Table, dict[str, Any]]:
    try:
        found = json.loads(text)
        table = rows.BY_NAME[found["t"]]
        given = found["r"]
        if not isinstance(given, dict):
            raise TypeError
        unknown = sorted(set(given) - set(table.c.keys()))
        if unknown:
            raise _invalid(number, f"{table.name} has no column {unknown[0]}")
        missing = [
            column.name for column in table.c
            if not column.nullable and column.name not in given and column.name != "workspace_id"
            and column.default is None and column.server_default is None
            and not (column.primary_key and column.autoincrement is True)
        ]  # fmt: skip
        if missing:
            raise _invalid(number, f"{table.name}.{missing[0]} must have a value")
        values = {name: _typed(table.c[name], value) for name, value in given.items()}
    except Invalid:
        raise
    except ValueError as error:
        raise _invalid(number, str(error) or "not a value its column can hold") from None
    except (KeyError, TypeError):
        raise _invalid(number, "not a row of a table this server has") from None
    if "workspace_id" in table.c:
        values["workspace_id"] = workspace_id
    return table, values


async def _flush(
    unit: Unit, table: sa.Table, batch: list[dict[str, Any]], workspace_id: int, line: int
) -> None:
    """Put a batch of one table's rows in (``line``: the batch's last line)."""
    ids = [int(row["id"]) for row in batch if row.get("id") is not None]
    clash = await rows.taken(unit.tx, table, ids)
    if clash:
        raise Conflict(Thing.RECORD, str(clash[0]), table=table.name)
    stranger = await rows.strangers(unit.tx, table, batch, workspace_id)
    if stranger is not None:
        column, value = stranger
        raise _invalid(line, f"{table.name}.{column} {value} is no row of this snapshot's")
    try:
        await rows.put(unit.tx, table, batch)
    except rows.Refused as error:
        raise _invalid(line, f"the database refused a row of {error}") from None


def _forget(unit: Unit, workspace: Workspace) -> None:
    services = unit.services

    def forget() -> None:
        for cached in Cached:
            services.forget(cached, workspace.id)
        services.workspaces.clear()

    unit.tx.after_commit(forget)


async def restore(unit: Unit, workspace: Workspace, lines: Iterable[str]) -> Restored:
    """Replace everything the workspace holds with a snapshot's rows (``Invalid`` naming the
    line of a malformed one; ``Conflict`` for an id another workspace holds)."""
    await rows.remove(unit.tx, workspace.id)
    count, tables = 0, set()
    batch: list[dict[str, Any]] = []
    current: sa.Table | None = None
    head, last = False, 1
    for number, text in enumerate(lines, start=1):
        if not text.strip():
            continue
        if not head:
            _head(number, text)
            head = True
            continue
        table, values = _row(number, text, workspace.id)
        if table is not current or len(batch) >= PAGE or values.keys() != batch[0].keys():
            if current is not None:
                await _flush(unit, current, batch, workspace.id, last)
            current, batch = table, []
        batch.append(values)
        last = number
        tables.add(table.name)
        count += 1
    if not head:
        raise _invalid(1, "empty: not a frontdesk snapshot")
    if current is not None:
        await _flush(unit, current, batch, workspace.id, last)
    await rows.advance_ids(unit.tx)
    await rows.recount(unit.tx, workspace.id)
    _forget(unit, workspace)
    return Restored(count, len(tables))


async def reset(unit: Unit, workspace: Workspace) -> None:
    """Empty the workspace of everything but who may use it."""
    await rows.remove(unit.tx, workspace.id, keep=ACCESS)
    await rows.recount(unit.tx, workspace.id)
    _forget(unit, workspace)
