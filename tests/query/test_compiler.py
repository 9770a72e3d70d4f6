"""(query, rows) tables: each query selects exactly these consumers, on both databases."""

from __future__ import annotations

import pytest

from frontdesk.domain.access import Actor
from frontdesk.domain.records import service as records
from frontdesk.domain.services import Services
from frontdesk.domain.workspace import Workspace
from frontdesk.query.parser import parse
from frontdesk.store.tables import REGISTRY
from tests import factories
from tests.query import dataset

pytestmark = pytest.mark.anyio
CONSUMERS = REGISTRY["csm_consumer"]
EVERYONE = set(dataset.PEOPLE)
H, S, J = "Harding Asher", "Sam Collins", "Jane Dell Brown"
Z, M, A = "Zoë Ångström", "maria garcia", "Ann_% Percent"

CASES: list[tuple[str, set[str]]] = [
    ("", EVERYONE),
    # text: case-insensitive, NULL semantics of KB0715430
    ("city=plano", {H}),
    ("city=PLANO^ORcity=austin", {H, M}),
    ("cityLIKEsan", {S, J}),
    ("cityCONTAINSsan", {S, J}),
    ("citySTARTSWITHSan", {S, J}),
    ("citySTARTSWITHsan f", {S}),
    ("cityENDSWITHCO", {S}),
    ("cityNOT LIKEsan", {H, Z, M, A}),
    ("cityDOES NOT CONTAINsan", {H, Z, M, A}),
    ("city!=Plano", {S, J, M, A}),
    ("cityISEMPTY", {Z}),
    ("cityISNOTEMPTY", EVERYONE - {Z}),
    ("city=", {Z}),
    ("city=NULL", {Z}),
    ("cityINplano,AUSTIN", {H, M}),
    ("cityNOT INplano,austin", {S, J, A}),
    ("cityANYTHING", EVERYONE),
    ("cityEMPTYSTRING", set()),
    ("city>s", {S, J}),
    ("cityBETWEENa@p", {M}),
    ("cityBETWEENa@q", {H, M}),
    ("emailISEMPTY", {J}),
    ("email=zoe@example.com", {Z}),
    ("nameLIKE%", {A}),
    ("nameLIKE_", {A}),
    ("name=harding asher^ORname=SAM COLLINS", {H, S}),
    ("name=Jane Dell Brown", {J}),
    # integers and booleans
    ("notification=1", {J}),
    ("notification!=1", {H, S, M, A}),
    ("notificationIN1,2", EVERYONE - {Z}),
    ("notification>1", {H, S, M, A}),
    ("notificationBETWEEN1@1", {J}),
    ("notificationISEMPTY", {Z}),
    ("active=true", {H, S, M, A}),
    ("active=false", {J, Z}),
    ("active!=true", {J, Z}),
    ("active!=false", {H, S, M, A}),
    ("active=1", {H, S, M, A}),
    # structure: ^OR binds tighter than ^, ^NQ loosest, ^EQ applies to every group
    ("state=TX^city=Plano^ORcity=Austin", {H, M}),
    ("state=CA^NQcity=Austin", {S, J, M}),
    ("state=CA^NQcity=Austin^EQ^active=true", {S, M}),
    ("active=true^EQ", {H, S, M, A}),
    # dates
    ("sys_created_on<2017-01-01", {H, S}),
    ("sys_created_on<=2016-06-16", {H, S}),
    ("sys_created_on>2023-03-01", set()),
    ("sys_created_on>=2023-03-01", {Z}),
    ("sys_created_on>=2020-01-05 10:00:00", {J, Z, M, A}),
    ("sys_created_on=2016-06-16 19:20:13", {H}),
    ("sys_created_onON2016-06-16", {H, S}),
    ("sys_created_onNOTON2016-06-16", {J, Z, M, A}),
    ("sys_created_onBETWEEN2016-06-16 19:18:00@2016-06-16 19:30:00", {H}),
    (
        "sys_created_onBETWEENjavascript:gs.dateGenerate('2020-01-01','start')"
        "@javascript:gs.dateGenerate('2021-12-31','end')",
        {J, M},
    ),
    ("sys_created_onDATEPARTWednesday@javascript:gs.datePart('dayofweek','wednesday','EE')", {Z}),
    ("sys_created_onDATEPARTJuly@javascript:gs.datePart('month','july','EE')", {M}),
    ("sys_created_onDATEPART@javascript:gs.datePart('year','2020','GE')", {J, Z, M, A}),
    ("sys_created_onRELATIVELT@year@ago@5", {H, S, J, M}),
    ("sys_created_onRELATIVEGT@year@ago@5", {Z, A}),
    ("sys_created_on>javascript:gs.daysAgoStart(1400)", {Z}),
    (
        "sys_created_onONLast year"
        "@javascript:gs.beginningOfLastYear()@javascript:gs.endOfLastYear()",
        set(),
    ),
    ("sys_updated_onSAMEASsys_created_on", EVERYONE),
    ("sys_updated_onSAMEASsys_created_on@day", EVERYONE),
    ("sys_created_onMORETHANsys_updated_on@day@before@1", set()),
    # references: by sys_id, by display value, dot-walked
    (f"household={dataset.HOUSEHOLD}", {M}),
    ("householdLIKEgarcia", {M}),
    ("householdNOT LIKEgarcia", EVERYONE - {M}),
    ("household.name=garcia household", {M}),
    ("household.nameSTARTSWITHGAR", {M}),
    ("householdISEMPTY", EVERYONE - {M}),
    # several conditions on one referenced record: one subquery, the same rows
    ("household.name=garcia household^household.nameSTARTSWITHgar", {M}),
    ("household.name=garcia household^household.nameSTARTSWITHx", set()),
    ("household.nameSTARTSWITHgar^household.nosuch=1^household.name=garcia household", {M}),
    ("household.nameSTARTSWITHgar^ORcity=plano^household.name=garcia household", {M}),
    ("household.name=garcia household^household.nameSTARTSWITHx^NQcity=plano", {H}),
    ("household.nameSTARTSWITHgar^EQ^household.name=garcia household^active=true", {M}),
    ("userDYNAMIC90d1921e5f510100a9ad2572f2b477fe", {J}),
    ("user=javascript:gs.getUserID()", {J}),
    # field against field
    ("first_nameSAMEASlast_name", set()),
    ("first_nameNSAMEASlast_name", EVERYONE),
    # related lists, joins, text search, classes, custom fields
    ("RLQUERYsn_app_cs_social_social_profile.consumer,>=1^channel=twitter^ENDRLQUERY", {H}),
    ("RLQUERYsn_app_cs_social_social_profile.consumer,=0^ENDRLQUERY", EVERYONE - {H}),
    ("RLQUERYsn_app_cs_social_social_profile.consumer,>1^ENDRLQUERY", set()),
    ("JOINcsm_consumer.sys_id=sn_app_cs_social_social_profile.consumer!channel=TWITTER", {H}),
    ("123TEXTQUERY321=plano", {H}),
    ("123TEXTQUERY321=san director", {J}),
    ("sys_class_name=csm_consumer", EVERYONE),
    ("sys_class_nameINSTANCEOFtask", set()),
    ("u_loyalty=GOLD", {S}),
    ("u_loyaltyISNOTEMPTY", {S, Z}),
    ("u_loyaltyINgold,silver^city=San Francisco", {S}),
    # invalid parts are ignored (the property is off)
    ("bogus=1^city=Plano", {H}),
    ("city=Plano^ORbogus=1", {H}),
    ("emailVALCHANGES", EVERYONE),
    ("notification=abc", EVERYONE),
]


@pytest.fixture
async def people(services: Services, workspace: Workspace) -> tuple[Actor, dict[str, str]]:
    user = await factories.user(services, workspace)
    actor = user.actor()
    return actor, await dataset.load(services, workspace, actor)


async def names(services: Services, actor: Actor, query: str) -> list[str]:
    async with services.read() as unit:
        page = await records.query(
            unit, actor, CONSUMERS, parse(query), limit=100, offset=0, count=True
        )
    assert page.total == len(page.records)
    return [r["name"] for r in page.records]


@pytest.fixture
def fixed_now(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("frontdesk.domain.clock.now", lambda: dataset.NOW)


@pytest.mark.usefixtures("fixed_now")
async def test_queries_select_exactly_these_rows(
    services: Services, people: tuple[Actor, dict[str, str]]
) -> None:
    actor, _ = people
    wrong = []
    for query, expected in CASES:
        found = set(await names(services, actor, query))
        if found != expected:
            wrong.append(f"{query!r}: expected {sorted(expected)}, got {sorted(found)}")
    assert not wrong, "\n".join(wrong)


@pytest.mark.usefixtures("fixed_now")
async def test_ordering(services: Services, people: tuple[Actor, dict[str, str]]) -> None:
    actor, ids = people
    assert await names(services, actor, "ORDERBYsys_created_on") == [S, H, J, M, A, Z]
    assert await names(services, actor, "ORDERBYDESCsys_created_on") == [Z, A, M, J, H, S]
    # text sorts case-insensitively; NULLs first ascending (as the platform lists them)
    assert await names(services, actor, "ORDERBYcity") == [Z, A, M, H, S, J]
    assert await names(services, actor, "ORDERBYDESCcity") == [J, S, H, M, A, Z]
    # ORDERBY may come anywhere, even before conditions; the first one is primary
    assert await names(services, actor, "ORDERBYstate^ORDERBYDESCname^active=true") == [S, A, M, H]
    # the default order is sys_id, and a tie always falls back to it
    assert await names(services, actor, "") == [
        n for n, _ in sorted(ids.items(), key=lambda item: item[1])
    ]
    tie = await names(services, actor, "ORDERBYstate")
    assert tie[:1] == [Z]
    assert tie[1:3] == sorted([S, J], key=lambda n: ids[n])
    # references sort by what they show
    assert (await names(services, actor, "ORDERBYDESChousehold"))[0] == M


@pytest.mark.usefixtures("fixed_now")
async def test_invalid_parts_empty_the_result_when_the_property_says_so(
    services: Services, people: tuple[Actor, dict[str, str]]
) -> None:
    actor, _ = people
    async with services.write() as unit:
        await records.insert(
            unit,
            actor,
            REGISTRY["sys_properties"],
            {"name": "glide.invalid_query.returns_no_rows", "value": "true"},
        )
    assert await names(services, actor, "bogus=1^city=Plano") == []
    assert await names(services, actor, "city=Plano") == [H]


async def test_paging_in_the_database(
    services: Services, people: tuple[Actor, dict[str, str]]
) -> None:
    actor, _ = people
    seen: list[str] = []
    offset = 0
    while True:
        async with services.read() as unit:
            page = await records.query(
                unit, actor, CONSUMERS, parse("ORDERBYcity"), limit=4, offset=offset, count=True
            )
        assert page.total == len(EVERYONE)
        seen += [r["name"] for r in page.records]
        offset += 4
        if not page.has_more:
            break
    assert seen == [Z, A, M, H, S, J]
