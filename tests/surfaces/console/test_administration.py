"""The console's administration pages, each checked by using what it made: a user made
with roles signs in to the Table API; roles revoked take effect; eGain departments and
departmentalization are set; an OAuth application's secret (shown once) gets a token,
and none once it is turned off; Customer Central's context and cards are changed and the
preview draws the reports from their values."""

from __future__ import annotations

import re
from typing import Any

import httpx
import pytest

from frontdesk.domain.properties import service as properties
from frontdesk.domain.services import Services
from frontdesk.domain.workspace import Workspace
from tests import factories
from tests.factories import path
from tests.surfaces.console.test_sign_in import signed_in, token_in

pytestmark = pytest.mark.anyio


async def admin_in(
    client: httpx.AsyncClient, services: Services, workspace: Workspace
) -> tuple[factories.User, str]:
    admin = await factories.user(services, workspace, roles=("admin",))
    await signed_in(client, workspace, admin)
    home = await client.get(path(workspace, "/console"))
    return admin, token_in(home.text)


async def test_users_and_roles(
    client: httpx.AsyncClient, services: Services, workspace: Workspace
) -> None:
    _, csrf = await admin_in(client, services, workspace)
    page = await client.get(path(workspace, "/console/users"))
    assert page.status_code == 200
    assert 'name="role:csm_ws_integration"' in page.text
    assert 'name="role:view_agent_console"' in page.text  # eGain's action
    form = {"csrf": csrf, "user_name": "ada", "password": "long enough", "first_name": "Ada",
            "role:csm_ws_integration": "on"}  # fmt: skip
    assert (await client.post(path(workspace, "/console/users"), data=form)).status_code == 303
    again = await client.post(path(workspace, "/console/users"), data=form)
    assert again.status_code == 409
    short = {**form, "user_name": "bo", "password": "short"}
    assert (await client.post(path(workspace, "/console/users"), data=short)).status_code == 400
    consumer = path(workspace, "/api/now/consumer")
    ada = ("ada", "long enough")
    assert (await client.get(consumer, auth=ada)).status_code == 200

    listed = await client.get(path(workspace, "/console/users"))
    found = re.search(r'href="[^"]*/console/users/(\w{32})">ada</a>', listed.text)
    assert found is not None
    user_page = path(workspace, f"/console/users/{found.group(1)}")
    assert 'name="role:csm_ws_integration" checked' in (await client.get(user_page)).text
    egain = path(workspace, "/console/egain")
    for name in ("Sales", "Support"):
        made = await client.post(egain + "/departments", data={"csrf": csrf, "name": name})
        assert made.status_code == 303
    shown = await client.get(egain)
    sales = re.search(r"<td>Sales</td><td><code>(\w{32})</code>", shown.text)
    support = re.search(r"<td>Support</td><td><code>(\w{32})</code>", shown.text)
    assert sales is not None
    assert support is not None
    saved = await client.post(user_page, data={
        "csrf": csrf, "role:view_agent_console": "on", "department": sales.group(1),
        f"also:{support.group(1)}": "on", "password": "another long one",
    })  # fmt: skip
    assert saved.status_code == 303
    assert (await client.get(consumer, auth=ada)).status_code == 401  # a new password
    revoked = await client.get(consumer, auth=("ada", "another long one"))
    assert revoked.status_code == 403  # csm_ws_integration revoked
    edited = (await client.get(user_page)).text
    assert 'name="role:view_agent_console" checked' in edited
    assert f'<option value="{sales.group(1)}" selected>' in edited
    assert f'name="also:{support.group(1)}" checked' in edited

    assert "now <strong>off</strong>" in shown.text
    switch = {"csrf": csrf, "departmentalized": "on"}
    on = await client.post(egain + "/departmentalization", data=switch)
    assert on.status_code == 303
    async with services.read() as unit:
        assert await properties.flag(unit, workspace.id, properties.CUSTOMER_DEPARTMENTALIZATION)
    assert "now <strong>on</strong>" in (await client.get(egain)).text


async def test_oauth_client_applications(
    client: httpx.AsyncClient, services: Services, workspace: Workspace
) -> None:
    admin, csrf = await admin_in(client, services, workspace)
    clients = path(workspace, "/console/clients")
    made = await client.post(clients, data={"csrf": csrf, "name": "CI runner"})
    assert made.status_code == 201
    client_id = re.search(r'id="client-id">([^<]+)<', made.text)
    secret = re.search(r'id="client-secret">([^<]+)<', made.text)
    assert client_id is not None
    assert secret is not None
    assert secret.group(1) not in (await client.get(clients)).text  # shown once
    grant = {"grant_type": "password", "client_id": client_id.group(1),
             "client_secret": secret.group(1), "username": admin.user_name,
             "password": admin.password}  # fmt: skip
    token = await client.post(path(workspace, "/oauth_token.do"), data=grant)
    assert token.status_code == 200, token.text
    listed = await client.get(clients)
    sys_id = re.search(r"/console/clients/(\w{32})/active", listed.text)
    assert sys_id is not None
    switch = f"{clients}/{sys_id.group(1)}/active"
    off = await client.post(switch, data={"csrf": csrf, "active": "false"})
    assert off.status_code == 303
    refused = await client.post(path(workspace, "/oauth_token.do"), data=grant)
    assert refused.status_code == 401
    assert (await client.post(clients, data={"csrf": csrf, "name": ""})).status_code == 400


async def card_tables(
    services: Services, workspace: Workspace, consumer: dict[str, Any]
) -> tuple[str, str]:
    """A context for consumers with a donut of their cases by state and a single score."""
    context = await factories.record(services, workspace, "sn_customercentral_cust_info_config",
                                     name="Consumers", context_table="csm_consumer",
                                     target_table="interaction", layout="6,6")  # fmt: skip
    common = {"context": context["sys_id"], "source_id": "sn_customerservice_case",
              "relationship": "consumer={sys_id}"}  # fmt: skip
    donut = await factories.record(services, workspace, "sn_customercentral_report_config",
                                   title="Cases by state", report_type="donut", group_by="state",
                                   order=10, **common)  # fmt: skip
    await factories.record(services, workspace, "sn_customercentral_report_config",
                           title="Open cases", order=20, filter="active=true",
                           **common)  # fmt: skip
    for state in (1, 1, 10):
        await factories.record(services, workspace, "sn_customerservice_case",
                               consumer=consumer["sys_id"], state=state)  # fmt: skip
    return str(context["sys_id"]), str(donut["sys_id"])


async def test_customer_central_context_cards_and_preview(
    client: httpx.AsyncClient, services: Services, workspace: Workspace
) -> None:
    _, csrf = await admin_in(client, services, workspace)
    sam = await factories.consumer(services, workspace, first_name="Sam", last_name="Preview")
    context, donut = await card_tables(services, workspace, sam)
    page = path(workspace, "/console/customer-central")
    shown = await client.get(page, params={"context": context, "customer": sam["sys_id"]})
    assert shown.status_code == 200
    assert "Sam Preview" in shown.text
    assert shown.text.count("<path d=") == 2  # two states, two slices
    assert re.search(r"New <strong>2</strong>", shown.text)
    assert re.search(r"Open <strong>1</strong>", shown.text)
    assert '<p class="score">3</p>' in shown.text  # every case is active
    assert 'class="card cc span-6"' in shown.text

    changed = await client.post(
        f"{page}/cards/sn_customercentral_report_config/{donut}",
        data={"csrf": csrf, "title": "Cases as bars", "order": "10", "active": "on",
              "report_type": "bar", "group_by": "state"},
    )  # fmt: skip
    assert changed.status_code == 303
    laid = await client.post(f"{page}/contexts/{context}", data={
        "csrf": csrf, "name": "Consumers", "layout": "12", "days_of_data": "30",
        "active": "on"})  # fmt: skip
    assert laid.status_code == 303
    added = await client.post(f"{page}/reports", data={
        "csrf": csrf, "context": context, "title": "Priority trend", "source_id":
        "sn_customerservice_case", "report_type": "trend", "group_by": "priority",
        "relationship": "consumer={sys_id}", "order": "30"})  # fmt: skip
    assert added.status_code == 303
    shown = await client.get(page, params={"context": context, "customer": sam["sys_id"]})
    assert "Cases as bars" in shown.text
    assert shown.text.count("<rect x=") == 2  # bars now
    assert "<polyline" in shown.text  # the new trend
    assert 'class="card cc span-12"' in shown.text
    nobody = await client.get(page, params={"context": context, "customer": "0" * 32})
    assert "No such customer" in nobody.text


async def test_an_agent_is_refused_every_administration_page(
    client: httpx.AsyncClient, services: Services, workspace: Workspace
) -> None:
    agent = await factories.user(services, workspace)
    await signed_in(client, workspace, agent)
    for page in ("/console/users", "/console/clients", "/console/egain",
                 "/console/customer-central", "/console/journal",
                 "/console/workspace", "/console/settings",
                 "/console/cention/areas"):  # fmt: skip
        assert (await client.get(path(workspace, page))).status_code == 403, page
    assert (await client.get(path(workspace, "/console/people"))).status_code == 200


async def test_settings_areas_and_agents(
    client: httpx.AsyncClient, services: Services, workspace: Workspace
) -> None:
    admin, csrf = await admin_in(client, services, workspace)
    settings = path(workspace, "/console/settings")
    consumers = path(workspace, "/api/now/table/csm_consumer")
    await client.post(consumers, json={"first_name": "Ivo"}, headers=admin.headers)
    invalid = {"sysparm_query": "no_such_field=1"}
    before = await client.get(consumers, params=invalid, headers=admin.headers)
    assert len(before.json()["result"]) == 1  # an invalid part is ignored
    switch = {"csrf": csrf, "name": "glide.invalid_query.returns_no_rows", "value": "true"}
    assert (await client.post(settings + "/properties", data=switch)).status_code == 303
    after = await client.get(consumers, params=invalid, headers=admin.headers)
    assert after.json()["result"] == []  # now it selects nothing
    field = {"csrf": csrf, "table": "csm_consumer", "element": "u_tier", "type": "string",
             "label": "Tier", "max_length": "40"}  # fmt: skip
    assert (await client.post(settings + "/fields", data=field)).status_code == 303
    made = await client.post(consumers, json={"first_name": "Tia", "u_tier": "gold"},
                             headers=admin.headers)  # fmt: skip
    assert made.json()["result"]["u_tier"] == "gold"
    wrong = await client.post(settings + "/fields", data={**field, "element": "tier"})
    assert wrong.status_code == 400
    shown = (await client.get(settings)).text
    assert "<code>u_tier</code>" in shown
    assert "<code>glide.invalid_query.returns_no_rows</code>" in shown

    areas = path(workspace, "/console/cention/areas")
    area = {"csrf": csrf, "name": "Returns", "organisation": "Shop"}
    assert (await client.post(areas, data=area)).status_code == 303
    assert "<td>Returns</td><td>Shop</td>" in (await client.get(areas)).text
    other = await factories.user(services, workspace)
    agent = {"csrf": csrf, "user_name": admin.user_name, "system_group": "night",
             "device": "5", "extension": "6"}  # fmt: skip
    assert (await client.post(areas + "/agents", data=agent)).status_code == 303
    listed = (await client.get(areas)).text
    assert f"<td>{admin.user_name}</td><td>night</td><td>5</td><td>6</td>" in listed
    taken = await client.post(areas + "/agents", data={**agent, "user_name": other.user_name})
    assert taken.status_code == 409
    bad = await client.post(areas + "/agents", data={**agent, "device": "x"})
    assert bad.status_code == 400
    nobody = await client.post(areas + "/agents", data={**agent, "user_name": "nobody"})
    assert nobody.status_code == 404
