"""LIKE and friends on the fields people search are served by a trigram index (pg_trgm;
FTS5 on SQLite), and give exactly what the LIKE alone gives, on both databases."""

from __future__ import annotations

from typing import Any

import pytest
import sqlalchemy as sa

from frontdesk.domain.access import system
from frontdesk.domain.records import service as records
from frontdesk.domain.services import Services
from frontdesk.domain.workspace import Workspace
from frontdesk.query import dates
from frontdesk.query.compiler import Compiler, Scope
from frontdesk.query.parser import parse
from frontdesk.store.schema import sa_table
from frontdesk.store.tables import REGISTRY
from tests import factories

pytestmark = pytest.mark.anyio
CONSUMERS = REGISTRY["csm_consumer"]


async def names(services: Services, workspace: Workspace, query: str) -> list[str]:
    async with services.read() as unit:
        page = await records.query(
            unit,
            system(workspace.id),
            CONSUMERS,
            parse(query + "^ORDERBYfirst_name"),
            limit=50,
            offset=0,
            count=True,
        )
    assert page.total == len(page.records)
    return [r["first_name"] for r in page.records]


@pytest.fixture
async def people(services: Services, workspace: Workspace) -> dict[str, dict[str, object]]:
    found = {}
    for first, last, email, phone in [
        ("Harding", "Asher", "harding.asher@mailinator.com", "+1 (972) 555-0100"),
        ("Zoë", "Ångström", "zoe@example.se", None),
        ("ZOË", "Upper", "ZOE.UPPER@example.se", None),
        ("Ann_%", "Percent", "ann@example.com", "555 0199"),
        ("Sam", "Collins", None, "+1 415 555 0142"),
    ]:
        found[first] = await factories.consumer(
            services, workspace, first_name=first, last_name=last, email=email, mobile_phone=phone
        )
    return found


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("nameLIKEasher", ["Harding"]),
        ("nameLIKEASHER", ["Harding"]),
        ("nameLIKEzoë", ["Zoë"]),  # ASCII folding only: "ZOË" is not "zoë"
        ("nameLIKEngstr", ["Zoë"]),
        ("nameLIKEn_%", ["Ann_%"]),  # wildcards in the value are literal
        ("nameLIKEas", ["Harding"]),  # shorter than a trigram: the LIKE alone
        ("nameNOT LIKEasher", ["Ann_%", "Sam", "ZOË", "Zoë"]),
        ("nameSTARTSWITHharding a", ["Harding"]),
        ("nameENDSWITHollins", ["Sam"]),
        ("emailLIKEexample.se", ["ZOË", "Zoë"]),
        ("emailENDSWITH@EXAMPLE.SE", ["ZOË", "Zoë"]),
        ("mobile_phoneLIKE555 01", ["Ann_%", "Sam"]),
        ("mobile_phoneSTARTSWITH+1", ["Harding", "Sam"]),
        ("mobile_phone=+1 415 555 0142", ["Sam"]),
        ("mobile_phoneIN555 0199,+1 415 555 0142", ["Ann_%", "Sam"]),
        ("mobile_phone=", ["ZOË", "Zoë"]),
        ("numberLIKE0000", ["Ann_%", "Harding", "Sam", "ZOË", "Zoë"]),
        ("cityLIKEpla", []),  # not searchable: the LIKE alone
    ],
)
async def test_searching_gives_exactly_what_like_gives(
    services: Services,
    workspace: Workspace,
    people: dict[str, dict[str, object]],
    query: str,
    expected: list[str],
) -> None:
    assert await names(services, workspace, query) == expected


async def test_the_index_follows_every_write(
    services: Services, workspace: Workspace, people: dict[str, dict[str, object]]
) -> None:
    actor = system(workspace.id)
    async with services.write() as unit:
        await records.update(
            unit, actor, CONSUMERS, str(people["Sam"]["sys_id"]), {"last_name": "Whitfield"}
        )
        await records.delete(unit, actor, CONSUMERS, str(people["Harding"]["sys_id"]))
    assert await names(services, workspace, "nameLIKEwhitf") == ["Sam"]
    assert await names(services, workspace, "nameLIKEcollins") == []
    assert await names(services, workspace, "nameLIKEasher") == []
    made = await factories.consumer(services, workspace, first_name="New", last_name="Asherton")
    assert made["name"] == "New Asherton"
    assert await names(services, workspace, "nameLIKEasher") == ["New"]


@pytest.mark.parametrize(
    ("query", "asks_the_index"),
    [
        ("nameLIKEash", True),
        ("nameNOT LIKEash", True),
        ("nameENDSWITHash", True),
        ("nameSTARTSWITHash", False),  # name is indexed: its b-tree range is narrower
        ("household.nameLIKEgarcia", True),
        ("nameLIKEas", False),
        ("nameLIKEa%b", False),
        ("cityLIKEplano", False),
    ],
)
def test_sqlite_asks_its_fts5_index_only_when_it_can_help(query: str, asks_the_index: bool) -> None:
    scope = Scope(workspace_id=1, session=dates.Session(dates.EARLIEST))
    compiled = Compiler(scope, "sqlite").compile(parse(query), CONSUMERS)
    assert compiled.where is not None
    sql = str(compiled.where.compile(compile_kwargs={"literal_binds": True}))
    assert ("search_csm" in sql) is asks_the_index, sql


@pytest.mark.parametrize(
    "query", ["home_phone=+1 972 555 0100", "home_phoneIN+1 972 555 0100", "home_phoneSTARTSWITH+1"]
)
async def test_a_phone_lookup_can_be_served_by_the_phones_index(
    services: Services, workspace: Workspace, backend: str, query: str
) -> None:
    """Most people have one or two of their three phones, and statistics count the NULLs as
    one value that most rows have: a phone's index holds only the rows that have that phone,
    and the lookup says ``IS NOT NULL`` outright so that such an index can serve it."""
    scope = Scope(workspace_id=workspace.id, session=dates.Session(dates.EARLIEST))
    compiled = Compiler(scope, backend).compile(parse(query), CONSUMERS)
    assert compiled.where is not None
    table = sa_table("csm_consumer")
    lookup = sa.select(table.c.id).where(table.c.workspace_id == workspace.id, compiled.where)
    index = "ix_csm_consumer__home_phone"
    if backend == "postgresql":
        plan = await _plan_with_only(services, lookup, index)
        assert index in plan, plan
    else:  # INDEXED BY fails ("no query solution") unless the index can serve the query
        async with services.write() as unit:
            sql = str(
                lookup.compile(dialect=unit.tx.dialect, compile_kwargs={"literal_binds": True})
            )
            forced = sql.replace("FROM csm_consumer", f"FROM csm_consumer INDEXED BY {index}")
            await unit.tx.fetch(sa.text(forced))


async def _plan_with_only(services: Services, lookup: sa.Select[Any], index: str) -> str:
    """PostgreSQL's plan for ``lookup`` when ``index`` is the table's only one and scans are
    off (a scan, or any smaller index, is cheaper on a small table): the indexes are
    dropped in a transaction that is rolled back."""
    plans: list[str] = []
    try:
        async with services.write() as unit:
            dialect = unit.tx.dialect
            sql = str(lookup.compile(dialect=dialect, compile_kwargs={"literal_binds": True}))
            others = await unit.tx.fetch(
                sa.text(
                    "SELECT indexname FROM pg_indexes WHERE tablename = 'csm_consumer'"
                    " AND schemaname = current_schema() AND indexname <> :keep"
                    " AND indexname NOT LIKE 'pk_%'"
                ),
                {"keep": index},
            )
            for name in others.scalars():
                await unit.tx.execute(sa.text(f'DROP INDEX "{name}"'))
            await unit.tx.execute(sa.text("SET LOCAL enable_seqscan = off"))
            plans.append("\n".join((await unit.tx.fetch(sa.text("EXPLAIN " + sql))).scalars()))
            raise _RolledBack
    except _RolledBack:
        return plans[0]


class _RolledBack(Exception):
    """Leaves a unit of work without committing it."""
