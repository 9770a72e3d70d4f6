"""Hypothesis: any query gives the same rows, in the same order, on SQLite and PostgreSQL."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from frontdesk.db.database import open_database
from frontdesk.db.url import DatabaseURL
from frontdesk.domain.access import Actor
from frontdesk.domain.records import service as records
from frontdesk.domain.services import Services
from frontdesk.domain.workspaces import service as workspaces
from frontdesk.query.parser import parse
from frontdesk.store.tables import REGISTRY
from tests import factories
from tests.conftest import POSTGRES_ENV, settings_for
from tests.query import dataset

pytestmark = pytest.mark.anyio
CONSUMERS = REGISTRY["csm_consumer"]

WORDS = ["plano", "Plano", "san", "SAN F", "austin", "tx", "CA", "harding", "zoë", "Ann_%"]
WORDS += ["%", "_", "garcia", "", "a", "z", "100", "example.com", "gold"]
TEXT_FIELDS = ["city", "state", "first_name", "last_name", "email", "name", "title", "u_loyalty"]
TEXT_OPS = ["=", "!=", "LIKE", "NOT LIKE", "STARTSWITH", "ENDSWITH", "<", ">="]
NO_VALUE_OPS = ["ISEMPTY", "ISNOTEMPTY", "EMPTYSTRING", "ANYTHING"]
DATES = ["2016-06-16", "2016-06-16 19:20:13", "2020-01-05 10:00:00", "2022-02-03", "2023-03-01"]
ORDER_FIELDS = ["city", "state", "name", "notification", "active", "sys_created_on", "household"]


def pick(options: list[str]) -> st.SearchStrategy[str]:
    return st.sampled_from(options)


def joined(*parts: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    return st.tuples(*parts).map("".join)


def text_condition() -> st.SearchStrategy[str]:
    value = pick(WORDS) | st.text("abcSTXz %_@.", max_size=5)
    with_value = joined(pick(TEXT_FIELDS), pick(TEXT_OPS), value)
    return with_value | joined(pick(TEXT_FIELDS), pick(NO_VALUE_OPS))


def other_condition() -> st.SearchStrategy[str]:
    number = st.integers(0, 3).map(str)
    numbers = st.lists(number, min_size=1, max_size=3).map(",".join)
    date = pick(DATES)
    return st.one_of(
        joined(st.just("notification"), pick(["=", "!=", "<", ">="]), number),
        joined(st.just("notificationIN"), numbers),
        joined(st.just("active"), pick(["=", "!="]), pick(["true", "false"])),
        joined(st.just("sys_created_on"), pick(["<", "<=", ">", ">=", "=", "ON"]), date),
        joined(st.just("sys_created_onBETWEEN"), date, st.just("@"), date),
        joined(
            st.just("household"),
            pick(["LIKE", "=", "NOT LIKE"]),
            pick(["garcia", dataset.HOUSEHOLD]),
        ),
        joined(st.just("household.name="), pick(["Garcia Household", "x"])),
        joined(pick(["cityIN", "stateIN"]), pick(["plano,austin", "CA,NV", "x"])),
    )


def clause() -> st.SearchStrategy[str]:
    condition = text_condition() | other_condition()
    return st.lists(condition, min_size=1, max_size=3).map("^OR".join)


def query() -> st.SearchStrategy[str]:
    group = st.lists(clause(), min_size=1, max_size=3).map("^".join)
    groups = st.lists(group, min_size=1, max_size=2).map("^NQ".join)
    tail = st.just("") | group.map(lambda text: f"^EQ^{text}")
    order = joined(st.just("^"), pick(["ORDERBY", "ORDERBYDESC"]), pick(ORDER_FIELDS))
    orders = st.lists(order, max_size=2).map("".join)
    return joined(groups, tail, orders)


@pytest.fixture
async def both(
    database_urls: dict[str, DatabaseURL],
) -> AsyncIterator[list[tuple[Services, Actor]]]:
    if "postgresql" not in database_urls:
        pytest.skip(f"PostgreSQL not configured ({POSTGRES_ENV})")
    opened: list[tuple[Services, Actor]] = []
    for name in ("sqlite", "postgresql"):
        db = open_database(database_urls[name], pool_size=2)
        await db.open()
        services = Services.create(db, settings_for(database_urls[name]))
        async with services.write() as unit:
            workspace = await workspaces.create(unit, f"agree{os.urandom(6).hex()}")
        actor = (await factories.user(services, workspace)).actor()
        await dataset.load(services, workspace, actor)
        opened.append((services, actor))
    yield opened
    for services, _ in opened:
        await services.db.close()


async def rows(services: Services, actor: Actor, text: str) -> list[str]:
    async with services.read() as unit:
        page = await records.query(
            unit, actor, CONSUMERS, parse(text), limit=50, offset=0, count=True
        )
    assert page.total == len(page.records)
    return [r["name"] for r in page.records]


@settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=query())
async def test_sqlite_and_postgresql_agree(both: list[tuple[Services, Actor]], text: str) -> None:
    (lite, lite_actor), (pg, pg_actor) = both
    assert await rows(lite, lite_actor, text) == await rows(pg, pg_actor, text), text
