"""The Customer Central API as its spec shows it for Sam Collins, computed from live data."""

from __future__ import annotations

import httpx
import pytest

from tests.surfaces.servicenow import spec_examples as spec

pytestmark = pytest.mark.anyio
SAM = "a0488cfbdb1b1200b6075200cf9619db"
URL = f"/api/sn_customercentral/cust_central/custinfo/csm_consumer/{SAM}/interaction"
TITLES = [
    ("Consumer", "sn_customercentral_record_config"),
    ("High priority cases", "sn_customercentral_report_group_config"),
    ("Case overview", "sn_customercentral_report_config"),
    ("Recent cases", "sn_customercentral_list_config"),
    ("Recent chat interactions", "sn_customercentral_list_config"),
    ("Recent phone calls", "sn_customercentral_list_config"),
    ("Recent viewed articles", "sn_customercentral_list_config"),
    ("Contracts", "sn_customercentral_list_config"),
    ("Entitlements", "sn_customercentral_list_config"),
]


async def _total(client: httpx.AsyncClient, auth: tuple[str, str], table: str, query: str) -> int:
    response = await client.get(
        f"/api/now/table/{table}",
        params={"sysparm_query": query, "sysparm_limit": "1"},
        auth=auth,
    )
    return int(response.headers["X-Total-Count"])


async def test_sam_collins_is_the_spec_example(
    client: httpx.AsyncClient, demo_auth: tuple[str, str]
) -> None:
    response = await client.get(spec.CUSTOMER_CENTRAL_URL, auth=demo_auth)
    assert response.status_code == 200
    found = spec.without_moments(response.json())
    assert found == spec.customer_central_example()


async def test_sam_collins_cards_are_the_documented_structure(
    client: httpx.AsyncClient, demo_auth: tuple[str, str]
) -> None:
    response = await client.get(URL, auth=demo_auth)
    assert response.status_code == 200
    result = response.json()["result"]
    assert (result["layout"], result["has_more_records"], result["status"]) == ("6,6", False, "200")
    cards = result["cards_info"]
    assert [(c["title"], c["type"]) for c in cards] == TITLES
    record = cards[0]
    assert record["subheader_fields"] == {
        "title": "Sam Collins",
        "subheader_tags": [],
        "avatar": "",
        "sys_id": "64488cfbdb1b1200b6075200cf9619db",
    }
    assert record["fields"] == [
        {"label": "Mobile phone", "value": ""},
        {"label": "Business phone", "value": ""},
        {"label": "Email", "value": "sam.collins@mailinator.com"},
        {"label": "Street", "value": "144 2nd St"},
        {"label": "City", "value": "San Francisco"},
        {"label": "State / Province", "value": "CA"},
    ]
    escalated = cards[1]["reportGroupConfigurations"][0]
    assert escalated["style_configurations"] == {"scoreColor": "#000000", "show_zero": True}
    query = escalated["data_configurations"]["filter_query"]
    assert query.startswith(f"active=true^active_escalationISNOTEMPTY^EQ^consumer={SAM}")
    assert "^ORDERBYDESCsys_created_on^sys_created_on>=" in query
    overview = cards[2]["data_configurations"]
    assert (overview["type"], overview["group_by"], overview["number_of_groups"]) == (
        "donut",
        "state",
        0,
    )
    assert overview["filter_query"].startswith(f"^consumer={SAM}^ORDERBYDESC")
    calls = cards[5]
    assert (calls["listLimit"], calls["viewName"], calls["sourceTableName"]) == (
        "3",
        "customer_central",
        "interaction",
    )
    assert calls["encodedQuery"].startswith(f"active=false^type=phone^consumer={SAM}^")
    assert "computed" not in escalated
    assert "rows" not in calls


async def test_a_closed_call_shows_in_the_list_and_the_numbers(
    client: httpx.AsyncClient, demo_auth: tuple[str, str]
) -> None:
    async def cards() -> list[dict[str, object]]:
        response = await client.get(URL, params={"sysparm_computed": "true"}, auth=demo_auth)
        found: list[dict[str, object]] = response.json()["result"]["cards_info"]
        return found

    before = await cards()
    created = await client.post(
        "/api/now/openframe/voice-interaction",
        json={"interaction": {"userPhoneNumber": "+14155550134"}},
        auth=demo_auth,
    )
    sys_id = created.json()["result"]["sysId"]
    await client.patch(
        f"/api/now/openframe/voice-interaction/{sys_id}",
        json={"interaction": {"additionalParams": {"state": "closed_complete"}}},
        auth=demo_auth,
    )
    after = await cards()
    calls = after[5]
    assert calls["total"] == before[5]["total"] + 1  # type: ignore[operator]
    rows = calls["rows"]
    assert isinstance(rows, list)
    assert rows[0]["sys_id"] == sys_id  # the newest first
    assert len(rows) == 3
    # Every computed number is what the Table API counts with the same filter.
    group = after[1]["reportGroupConfigurations"]
    assert isinstance(group, list)
    for report in group:
        data = report["data_configurations"]
        expected = await _total(client, demo_auth, data["source_id"], data["filter_query"])
        assert report["computed"] == {"value": expected}
        assert expected > 0
    donut = after[2]["computed"]
    assert isinstance(donut, dict)
    cases = await _total(client, demo_auth, "sn_customerservice_case", f"consumer={SAM}")
    assert sum(g["score"] for g in donut["groups"]) + donut["other"] == cases
    assert {"value": "10", "display_value": "Open", "score": 3} in donut["groups"]


async def test_cards_page_with_start_and_end(
    client: httpx.AsyncClient, demo_auth: tuple[str, str]
) -> None:
    response = await client.get(URL, params={"start": "1", "end": "2"}, auth=demo_auth)
    result = response.json()["result"]
    assert [c["title"] for c in result["cards_info"]] == ["High priority cases", "Case overview"]
    assert result["has_more_records"] is True


@pytest.mark.parametrize(
    "path",
    [
        f"/api/sn_customercentral/cust_central/custinfo/csm_consumer/{SAM}/nothing",
        f"/api/sn_customercentral/cust_central/custinfo/sys_user/{SAM}/interaction",
        f"/api/sn_customercentral/v1/cust_central/custinfo/csm_consumer/{'0' * 32}/interaction",
        f"/api/sn_customercentral/v3/cust_central/custinfo/csm_consumer/{SAM}/interaction",
        f"{URL}?start=-1",
        f"{URL}?before=yesterday",
    ],
)
async def test_an_unknown_context_or_customer_is_a_400(
    client: httpx.AsyncClient, demo_auth: tuple[str, str], path: str
) -> None:
    response = await client.get(path, auth=demo_auth)
    assert response.status_code == 400
    assert response.json()["status"] == "failure"


async def test_groups_beyond_the_number_shown_are_other(
    client: httpx.AsyncClient, demo_auth: tuple[str, str]
) -> None:
    report = "d169216c0f770010e6d4fd820b767ea8"  # "Case overview", grouped by state
    changed = await client.patch(
        f"/api/now/table/sn_customercentral_report_config/{report}",
        json={"number_of_groups": "2"},
        auth=demo_auth,
    )
    assert changed.status_code == 200
    response = await client.get(URL, params={"sysparm_computed": "true"}, auth=demo_auth)
    donut = response.json()["result"]["cards_info"][2]["computed"]
    cases = await _total(client, demo_auth, "sn_customerservice_case", f"consumer={SAM}")
    assert [g["display_value"] for g in donut["groups"]] == ["Open", "Closed"]
    assert donut["other"] == cases - 5


async def test_a_changed_layout_shows_at_once_with_its_numbers(
    client: httpx.AsyncClient, demo_auth: tuple[str, str]
) -> None:
    """The layout is kept between requests, and a change to it is seen by the next one. A
    card whose filter reaches beyond the customer (``^NQ``) is counted alone; an average is
    counted with the customer's other numbers."""
    first = await client.get(URL, auth=demo_auth)
    assert "Recent cases" in [c["title"] for c in first.json()["result"]["cards_info"]]
    context = "7a4c1e5fdb3b0010e6d4fd820b767e01"  # the demo's "Consumer interactions"
    added = {
        "context": context,
        "title": "Open, or P1 anyone's",
        "order": "450",
        "source_table": "sn_customerservice_case",
        "filter": "state=10^NQpriority=1",
        "relationship": "consumer={sys_id}",
        "list_limit": "2",
        "list_fields": "number",
    }
    made = await client.post(
        "/api/now/table/sn_customercentral_list_config", json=added, auth=demo_auth
    )
    assert made.status_code == 201
    average = {
        "context": context,
        "title": "Average priority",
        "order": "460",
        "source_id": "sn_customerservice_case",
        "filter": "active=true",
        "relationship": "consumer={sys_id}",
        "aggregate_function": "AVG",
        "aggregate_field": "priority",
        "decimal_precision": "2",
    }
    made = await client.post(
        "/api/now/table/sn_customercentral_report_config", json=average, auth=demo_auth
    )
    assert made.status_code == 201
    recent = "Recent cases"
    listed = await client.get(
        "/api/now/table/sn_customercentral_list_config",
        params={"sysparm_query": f"title={recent}", "sysparm_fields": "sys_id"},
        auth=demo_auth,
    )
    hidden = listed.json()["result"][0]["sys_id"]
    await client.patch(
        f"/api/now/table/sn_customercentral_list_config/{hidden}",
        json={"active": "false"},
        auth=demo_auth,
    )

    response = await client.get(URL, params={"sysparm_computed": "true"}, auth=demo_auth)
    cards = {c["title"]: c for c in response.json()["result"]["cards_info"]}
    assert recent not in cards
    either = cards["Open, or P1 anyone's"]
    assert either["encodedQuery"].startswith(f"state=10^NQpriority=1^consumer={SAM}^")
    counted = await _total(client, demo_auth, "sn_customerservice_case", either["encodedQuery"])
    assert either["total"] == counted
    assert counted > await _total(client, demo_auth, "sn_customerservice_case", "state=10")
    cases = await client.get(
        "/api/now/table/sn_customerservice_case",
        params={"sysparm_query": f"active=true^consumer={SAM}", "sysparm_fields": "priority"},
        auth=demo_auth,
    )
    priorities = [int(case["priority"]) for case in cases.json()["result"]]
    expected = round(sum(priorities) / len(priorities), 2)
    assert cards["Average priority"]["computed"] == {"value": expected}
