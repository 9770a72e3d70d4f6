"""eGain customer search and customers by id, as a client application and as a user, over
the same people ServiceNow holds; tokens from eGain's own token endpoint."""

from __future__ import annotations

import base64
import hashlib
import secrets
from datetime import datetime, timedelta
from typing import Any
from xml.etree import ElementTree

import httpx
import pytest

from frontdesk.domain import clock
from frontdesk.domain.access import system
from frontdesk.domain.auth import api_tokens, oauth
from frontdesk.domain.demo import loader
from frontdesk.domain.records import service as records
from frontdesk.domain.services import Services
from frontdesk.domain.workspace import Workspace
from frontdesk.store.tables import REGISTRY
from frontdesk.surfaces.egain import messages
from tests import factories

pytestmark = pytest.mark.anyio
SEARCH = "/core/customermgr/v3/customer"
EXAMPLE = "phone=14082343456102&$sort=type&$order=desc&$pagenum=4&$pagesize=1"


async def _token(client: httpx.AsyncClient, demo: loader.DemoCredentials, **form: str) -> str:
    egain = demo.egain
    grant = form or {"grant_type": "client_credentials"}
    response = await client.post(
        egain["user_token_url"],
        data={"client_id": egain["client_id"], "client_secret": egain["client_secret"], **grant},
    )
    assert response.status_code == 200, response.text
    assert response.headers["cache-control"] == "no-store"
    body = response.json()
    assert (body["token_type"], body["expires_in"] > 0) == ("Bearer", True)
    token: str = body["access_token"]
    return token


async def _user_token(client: httpx.AsyncClient, demo: loader.DemoCredentials) -> str:
    user = demo.egain["user"]
    return await _token(
        client, demo, grant_type="password", username=user["username"], password=user["password"]
    )


async def _get(
    client: httpx.AsyncClient, token: str, query: str, path: str = SEARCH, **headers: str
) -> httpx.Response:
    return await client.get(
        f"{path}?{query}" if query else path,
        headers={"Authorization": f"Bearer {token}", **headers},
    )


def _types(body: dict[str, Any]) -> list[str]:
    return [customer["type"]["value"] for customer in body["customer"]]


@pytest.mark.parametrize("actor", ["client", "user"])
async def test_the_spec_example_pages_through_the_phone_s_customers(
    client: httpx.AsyncClient, demo: loader.DemoCredentials, actor: str
) -> None:
    token = await (_token(client, demo) if actor == "client" else _user_token(client, demo))
    response = await _get(client, token, EXAMPLE)
    assert response.status_code == 200
    body = response.json()
    rels = {link["rel"]: link["href"] for link in body["link"]}
    assert rels["self"] == (
        "/core/customermgr/v3/customer?$order=desc&$pagenum=4&$pagesize=1&$sort=type"
        "&phone=14082343456102"
    )
    assert "$pagenum=3" in rels["previous"]
    assert "$pagenum=5" in rels["next"]
    assert body["paginationInfo"] == {"count": 6, "pagenum": 4, "pagesize": 1}
    assert len(body["customer"]) == 1
    everyone = (await _get(client, token, EXAMPLE.split("&$pagenum")[0])).json()
    assert _types(everyone) == [
        "individual",
        "individual",
        "group",
        "corporate",
        "corporate",
        "corporate",
    ]
    assert body["customer"][0]["id"] == everyone["customer"][3]["id"]


async def test_john_tierney_is_the_research_example(
    client: httpx.AsyncClient, demo: loader.DemoCredentials
) -> None:
    token = await _token(client, demo)
    response = await _get(client, token, "email=JOHN.RUSSEL@customer.com")
    found = {c["type"]["value"]: c for c in response.json()["customer"]}
    assert sorted(found) == ["group", "individual"]  # his household is reached through him
    john = found["individual"]
    assert john["customerName"] == "John Russel Tierney"
    assert john["type"] == {"value": "individual", "displayValue": "Individual"}
    assert john["link"] == [{"rel": "self", "href": f"{SEARCH}/{john['id']}"}]
    assert len(john["lastModified"]) == len("2021-10-27T09:46:34.000Z")
    (contact,) = john["contacts"]["contact"]
    assert (contact["salutation"], contact["firstName"], contact["lastName"]) == (
        "Mr.",
        "John",
        "Tierney",
    )
    (phone,) = contact["phone"]
    assert (phone["countryCode"], phone["areaCode"], phone["phoneNo"], phone["extension"]) == (
        "1",
        "408",
        "234 3456",
        "102",
    )
    assert contact["postal"][0]["city"] == "Mountain View"
    assert contact["social"][0]["socialId"] == "1234"
    assert [e["emailAddress"] for e in contact["email"]] == ["john.russel@customer.com"]
    by_id = await _get(client, token, "", f"{SEARCH}/{john['id']}")
    assert by_id.json()["customer"] == [john]
    twitter = await _get(client, token, "twitterId=1234&type=individual")
    assert [c["id"] for c in twitter.json()["customer"]] == [john["id"]]


async def _workspace_token(
    client: httpx.AsyncClient, services: Services, workspace: Workspace
) -> str:
    """A client application's token in a workspace of the test's own."""
    async with services.write() as unit:
        await oauth.register_client(
            unit,
            system(workspace.id),
            name="eGain test application",
            client_id="egain-test",
            secret_hash=services.hasher.hash("egain-test-secret"),
        )
    granted = await client.post(
        f"/system/auth/{workspace.name}-U/oauth2/token",
        data={"grant_type": "client_credentials", "client_id": "egain-test",
              "client_secret": "egain-test-secret"},
    )  # fmt: skip
    token: str = granted.json()["access_token"]
    return token


async def test_servicenow_s_people_are_egain_s_customers(
    client: httpx.AsyncClient, services: Services, workspace: Workspace, admin: factories.User
) -> None:
    """In a workspace of its own: people made through ServiceNow's APIs, found by eGain."""
    auth = (admin.user_name, admin.password)
    made = await client.post(
        factories.path(workspace, "/api/now/consumer"),
        json={"first_name": "Nia", "last_name": "Okafor", "email": "Nia@Example.org",
              "mobile_phone": "+44 20 7946 0018"},
        auth=auth,
    )  # fmt: skip
    assert made.status_code == 201
    account = await client.post(
        factories.path(workspace, "/api/now/table/customer_account"),
        json={"name": "Okafor Ltd"},
        auth=auth,
    )
    account_id = account.json()["result"]["sys_id"]
    for first in ("Ola", "Uche"):
        contact = {"first_name": first, "last_name": "Okafor", "account": account_id,
                   "email": f"{first.lower()}@okafor.example"}  # fmt: skip
        await client.post(
            factories.path(workspace, "/api/now/table/customer_contact"), json=contact, auth=auth
        )
    token = await _workspace_token(client, services, workspace)
    search = factories.path(workspace, SEARCH)
    by_email = (await _get(client, token, "email=nia@example.org", search)).json()["customer"]
    by_phone = (await _get(client, token, "phone=00442079460018", search)).json()["customer"]
    assert [c["customerName"] for c in by_email] == ["Nia Okafor"]
    assert by_phone == by_email
    assert by_email[0]["type"]["value"] == "individual"
    company = (await _get(client, token, "email=uche@okafor.example", search)).json()
    assert [c["customerName"] for c in company["customer"]] == ["Okafor Ltd"]
    assert company["customer"][0]["type"]["value"] == "corporate"
    names = [c["firstName"] for c in company["customer"][0]["contacts"]["contact"]]
    assert sorted(names) == ["Ola", "Uche"]
    partial = await _get(client, token, "customerName=KAFO&$sort=customerName", search)
    assert [c["customerName"] for c in partial.json()["customer"]] == ["Nia Okafor", "Okafor Ltd"]
    typed = await _get(client, token, "customerName=okafor&type=corporate", search)
    assert _types(typed.json()) == ["corporate"]


async def test_nothing_found_is_204_and_so_is_a_page_past_the_end(
    client: httpx.AsyncClient, demo: loader.DemoCredentials
) -> None:
    token = await _token(client, demo)
    nobody = await _get(client, token, "email=nobody@example.com")
    assert (nobody.status_code, nobody.content) == (204, b"")
    past = await _get(client, token, "phone=14082343456102&$pagenum=7&$pagesize=1")
    assert (past.status_code, past.content) == (204, b"")
    ranged = await _get(client, token, "phone=14082343456102&$rangestart=6&$rangesize=5")
    assert ranged.json()["paginationInfo"] == {"count": 6, "rangestart": 6, "rangesize": 5}
    assert len(ranged.json()["customer"]) == 1


@pytest.mark.parametrize(
    ("query", "status", "code"),
    [
        ("nothing=1&email=a@b.c", 400, "400-101"),
        ("department=Sales&email=a@b.c", 200, None),
        ("", 400, "400-112"),
        ("type=individual", 400, "400-112"),
        ("$order=desc&email=a@b.c", 400, "400-113"),
        ("$pagenum=1&$rangesize=2&email=a@b.c", 400, "400-113"),
        ("$pagesize=76&email=a@b.c", 400, "400-196"),
        ("$pagenum=0&email=a@b.c", 400, "400-196"),
        ("$pagenum=832256208564005951300761&email=a@b.c", 400, "400-196"),
        ("customerName=a%00b", 400, "400-196"),
        ("$rangestart=9223372036854775807&email=a@b.c", 400, "400-196"),
        ("$sort=email&email=a@b.c", 400, "400-196"),
        ("created=2020-01-01", 400, "400-196"),
        ("created=[,]", 400, "400-196"),
        ("created=[2020-13-01T00:00:00.000Z,]", 400, "400-196"),
        ("type=person&email=a@b.c", 400, "400-196"),
        ("$attribute=shoeSize&email=a@b.c", 400, "400-196"),
        ("email=a@b.c&email=d@e.f", 400, "400-196"),
        ("department=Nowhere&email=a@b.c", 400, "400-196"),
    ],
)
async def test_a_bad_search_is_a_precise_error(
    client: httpx.AsyncClient,
    demo: loader.DemoCredentials,
    query: str,
    status: int,
    code: str | None,
) -> None:
    token = await _token(client, demo)
    response = await _get(client, token, query, **{"X-egain-error-message": "yes"})
    assert response.status_code in (status, 204)
    if code is not None:
        body = response.json()
        assert body["code"] == code
        assert body["developerMessage"]
        assert body["userMessage"] == messages.user_message(code, "en-US")


async def test_who_may_search(client: httpx.AsyncClient, demo: loader.DemoCredentials) -> None:
    token = await _token(client, demo)
    for header, code in (
        ({}, "401-104"),
        ({"Authorization": "Bearer forged"}, "401-101"),
        ({"Authorization": "Basic YWRtaW46YWRtaW4="}, "401-104"),
    ):
        response = await client.get(f"{SEARCH}?email=a@b.c", headers=header)
        assert (response.status_code, response.json()["code"]) == (401, code)
    servicenow = await client.post(
        "/oauth_token.do",
        data={"grant_type": "password", "client_id": demo.oauth_client_id,
              "client_secret": demo.oauth_client_secret, "username": demo.username,
              "password": demo.password},
    )  # fmt: skip
    other = await _get(client, servicenow.json()["access_token"], "email=a@b.c")
    assert other.json()["code"] == "401-101"  # a ServiceNow token is not an eGain one
    elsewhere = await client.get(
        "/api/now/table/sys_user", headers={"Authorization": f"Bearer {token}"}
    )
    assert elsewhere.status_code == 401  # nor the other way round
    # The demo admin is a user without the "View Agent Console" action.
    admin = await _token(
        client, demo, grant_type="password", username=demo.username, password=demo.password
    )
    refused = await _get(client, admin, "email=a@b.c")
    assert (refused.status_code, refused.json()["code"]) == (403, "403-178")
    assert "View Agent Console" in refused.json()["developerMessage"]
    language = await _get(client, token, "email=a@b.c", **{"Accept-Language": "xx-YY"})
    assert (language.status_code, language.json()["code"]) == (406, "406-100")
    told = await _get(client, token, "nothing=1&email=a@b.c",
                      **{"Accept-Language": "sv-SE", "X-egain-error-message": "yes"})  # fmt: skip
    assert told.json()["userMessage"] == "Begäran innehåller en parameter som inte stöds."
    assert told.json()["developerMessage"].startswith("Unsupported query parameter(s)")
    french = await _get(client, token, "email=a@b.c", **{"Accept-Language": "fr-FR,en;q=0.5"})
    assert french.status_code == 204
    german = await _get(client, token, "email=john.russel@customer.com&type=individual",
                        **{"Accept-Language": "de-de"})  # fmt: skip
    (john,) = german.json()["customer"]
    assert john["type"] == {"value": "individual", "displayValue": "Privatperson"}
    phone = john["contacts"]["contact"][0]["phone"][0]
    assert phone["type"] == {"value": "home", "displayValue": "Privat"}


async def test_token_endpoint_refusals(
    client: httpx.AsyncClient, demo: loader.DemoCredentials
) -> None:
    egain = demo.egain
    wrong = await client.post(
        egain["user_token_url"],
        data={"grant_type": "client_credentials", "client_id": egain["client_id"],
              "client_secret": "wrong"},
    )  # fmt: skip
    assert (wrong.status_code, wrong.json()["error"]) == (401, "invalid_client")
    basic = await client.post(
        egain["user_token_url"],
        data={"grant_type": "client_credentials"},
        auth=(egain["client_id"], egain["client_secret"]),
    )
    assert basic.status_code == 200
    grant = await client.post(
        egain["user_token_url"],
        data={"grant_type": "password", "username": "egain.agent", "password": "wrong"},
        auth=(egain["client_id"], egain["client_secret"]),
    )
    assert (grant.status_code, grant.json()["error"]) == (400, "invalid_grant")
    odd = await client.post(
        egain["user_token_url"],
        data={"grant_type": "implicit"},
        auth=(egain["client_id"], egain["client_secret"]),
    )
    assert (odd.status_code, odd.json()["error"]) == (400, "unsupported_grant_type")
    tenant = await client.post("/system/auth/nowhere-U/oauth2/token", data={})
    assert (tenant.status_code, tenant.json()["code"]) == (404, "404-101")


async def test_customers_by_id(client: httpx.AsyncClient, demo: loader.DemoCredentials) -> None:
    token = await _token(client, demo)
    found = (await _get(client, token, "phone=14082343456102")).json()["customer"]
    ids = [customer["id"] for customer in found]
    listed = await _get(client, token, "", f"{SEARCH}/{ids[2]},{ids[0]}")
    assert [c["id"] for c in listed.json()["customer"]] == [ids[2], ids[0]]
    missing = await _get(client, token, "", f"{SEARCH}/{ids[0]},99990,12340")
    assert (missing.status_code, missing.json()["code"]) == (404, "404-100")
    assert "99990, 12340" in missing.json()["developerMessage"]
    many = ",".join(str(n) for n in range(11, 11 + 76 * 10, 10))
    assert (await _get(client, token, "", f"{SEARCH}/{many}")).status_code == 400
    assert (await _get(client, token, "", f"{SEARCH}/abc")).json()["code"] == "400-196"


async def test_departmentalization(client: httpx.AsyncClient, demo: loader.DemoCredentials) -> None:
    """In the second workspace departmentalization is on and the agent works in Service:
    a client application must name a department; the agent sees Service's customers."""
    egain = demo.egain
    url = egain["user_token_url"].replace("/demo-U/", "/departments-U/")
    made = await client.post(
        url,
        data={"grant_type": "client_credentials", "client_id": egain["client_id"],
              "client_secret": egain["client_secret"]},
    )  # fmt: skip
    token = made.json()["access_token"]
    search = f"/s/departments{SEARCH}"
    unnamed = await _get(client, token, "phone=14082343456102", search)
    assert (unnamed.status_code, unnamed.json()["code"]) == (400, "400-112")
    sales = await _get(client, token, "phone=14082343456102&department=sales", search)
    assert sorted(c["customerName"] for c in sales.json()["customer"]) == [
        "Corp_Cust2",
        "Corp_Cust3",
        "Mary Tierney",
    ]
    signed_in = await client.post(
        url,
        data={"grant_type": "password", "client_id": egain["client_id"],
              "client_secret": egain["client_secret"], **egain["user"]},
    )  # fmt: skip
    agent = signed_in.json()["access_token"]
    seen = await _get(client, agent, "phone=14082343456102", search)
    assert sorted(c["customerName"] for c in seen.json()["customer"]) == [
        "Corp_Cust1",
        "John Russel Tierney",
        "Tierney household",
    ]
    assert all(c["department"]["name"] == "Service" for c in seen.json()["customer"])
    everywhere = await _get(client, await _user_token(client, demo), "phone=14082343456102")
    assert everywhere.json()["paginationInfo"]["count"] == 6  # the demo: off


async def test_a_customer_gets_themself_alone(
    client: httpx.AsyncClient, demo: loader.DemoCredentials
) -> None:
    egain = demo.egain
    made = await client.post(
        egain["customer_token_url"],
        data={"grant_type": "password", "client_id": egain["client_id"],
              "client_secret": egain["client_secret"], **egain["customer"]},
    )  # fmt: skip
    assert made.status_code == 200, made.text
    token = made.json()["access_token"]
    mine = await _get(client, token, "$attribute=created")
    (john,) = mine.json()["customer"]
    assert john["customerName"] == "John Russel Tierney"
    assert "created" in john
    refused = await _get(client, token, "email=mary.tierney@customer.com")
    assert (refused.status_code, refused.json()["code"]) == (400, "400-101")
    own = await _get(client, token, "", f"{SEARCH}/{john['id']}")
    assert own.status_code == 200
    others = (await _get(client, await _token(client, demo), "phone=14082343456102")).json()
    other = next(c["id"] for c in others["customer"] if c["id"] != john["id"])
    hidden = await _get(client, token, "", f"{SEARCH}/{other}")
    assert (hidden.status_code, hidden.json()["code"]) == (404, "404-100")
    # A customer's token is not a user's: not at -U, and not at ServiceNow.
    agent = await client.post(
        egain["user_token_url"],
        data={"grant_type": "password", "client_id": egain["client_id"],
              "client_secret": egain["client_secret"], **egain["customer"]},
    )  # fmt: skip
    assert (agent.status_code, agent.json()["error"]) == (400, "invalid_grant")
    bearer = {"Authorization": f"Bearer {token}"}
    assert (await client.get("/api/now/table/csm_consumer", headers=bearer)).status_code == 401


@pytest.mark.parametrize(("side", "who"), [("U", "user"), ("C", "customer")])
async def test_sign_in_page_with_pkce(
    client: httpx.AsyncClient, demo: loader.DemoCredentials, side: str, who: str
) -> None:
    """The authorization-code flow with PKCE, as a browser and a public client run it."""
    egain = demo.egain
    verifier = secrets.token_urlsafe(48)
    challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest())
    asked = {
        "client_id": egain["client_id"],
        "response_type": "code",
        "redirect_uri": egain["redirect_uri"],
        "state": "xyz",
        "code_challenge": challenge.decode().rstrip("="),
        "code_challenge_method": "S256",
    }
    url = f"/system/auth/demo-{side}/oauth2/authorize"
    page = await client.get(url, params=asked)
    assert page.status_code == 200
    assert '<form method="post">' in page.text
    assert page.headers["cache-control"] == "no-store"
    wrong = await client.post(url, params=asked, data={"username": "x", "password": "y"})
    assert wrong.status_code == 401
    assert "not right" in wrong.text
    signed = await client.post(url, params=asked, data=egain[who])
    assert signed.status_code == 302
    back = httpx.URL(signed.headers["location"])
    assert str(back).startswith(egain["redirect_uri"])
    assert back.params["state"] == "xyz"
    form = {
        "grant_type": "authorization_code",
        "client_id": egain["client_id"],
        "code": back.params["code"],
        "redirect_uri": egain["redirect_uri"],
    }
    token_url = f"/system/auth/demo-{side}/oauth2/token"
    unanswered = await client.post(token_url, data={**form, "code_verifier": "not it"})
    assert (unanswered.status_code, unanswered.json()["error"]) == (400, "invalid_grant")
    signed = await client.post(url, params=asked, data=egain[who])  # that code is spent
    form["code"] = httpx.URL(signed.headers["location"]).params["code"]
    made = await client.post(token_url, data={**form, "code_verifier": verifier})
    assert made.status_code == 200, made.text
    again = await client.post(token_url, data={**form, "code_verifier": verifier})
    assert (again.status_code, again.json()["error"]) == (400, "invalid_grant")  # once only
    found = await _get(client, made.json()["access_token"], "$attribute=created"
                       if who == "customer" else "phone=14082343456102")  # fmt: skip
    assert found.status_code == 200
    elsewhere = {**asked, "redirect_uri": "https://attacker.example/steal"}
    refused = await client.get(url, params=elsewhere)
    assert refused.status_code == 400
    assert "attacker" not in refused.headers.get("location", "")


async def test_an_expired_token_is_401_101(
    client: httpx.AsyncClient, demo: loader.DemoCredentials, monkeypatch: pytest.MonkeyPatch
) -> None:
    token = await _token(client, demo)
    later = clock.now() + timedelta(hours=1)
    monkeypatch.setattr("frontdesk.domain.clock.now", lambda: later)
    response = await _get(client, token, "email=a@b.c")
    assert (response.status_code, response.json()["code"]) == (401, "401-101")


async def test_custom_attributes_and_activities(
    client: httpx.AsyncClient, services: Services, workspace: Workspace
) -> None:
    async with services.write() as unit:
        for table, element in (
            ("csm_consumer", "u_preferredlang"),
            ("customer_contact", "u_isprimary"),
        ):
            entry = {"name": table, "element": element}
            await records.insert(unit, system(workspace.id), REGISTRY["sys_dictionary"], entry)
    ana = await factories.consumer(services, workspace, first_name="Ana", u_preferredlang="English")
    await factories.consumer(services, workspace, first_name="Bo", u_preferredlang="French")
    firm = await factories.record(services, workspace, "customer_account", name="Firm")
    await factories.record(services, workspace, "customer_contact", first_name="Cy",
                           account=firm["sys_id"], u_isprimary="y")  # fmt: skip
    old = datetime(2024, 5, 1, 12, 0, 0)
    await factories.record(services, workspace, "interaction", type="email", direction="outbound",
                           consumer=ana["sys_id"], account=firm["sys_id"])  # fmt: skip
    async with services.write() as unit:  # one of them long ago
        made = await records.insert(
            unit, system(workspace.id), REGISTRY["interaction"],
            {"type": "phone", "direction": "inbound", "consumer": ana["sys_id"]},
            system={"sys_created_on": old},
        )  # fmt: skip
    assert made["sys_created_on"] == old
    token = await _workspace_token(client, services, workspace)
    search = factories.path(workspace, SEARCH)

    async def names(**query: str) -> list[str]:
        found = await client.get(search, params=query, headers={"Authorization": f"Bearer {token}"})
        assert found.status_code in (200, 204), found.text
        return sorted(c["customerName"] for c in found.json()["customer"]) if found.content else []

    english = '[{"object":"customer","name":"preferredlang","value":"English"}]'
    assert await names(custom=english) == ["Ana"]
    primary = '[{"object":"contactPerson","name":"isprimary","value":"y"}]'
    assert await names(custom=primary) == ["Firm"]
    emailed = '{"type":"email","mode":"outbound","sentDate":"[2025-01-01T00:00:00.000Z,]"}'
    assert await names(activity=emailed) == ["Ana", "Firm"]
    called = '{"type":"phone","sentDate":"[,2024-12-31T00:00:00.000Z]"}'
    assert await names(activity=called) == ["Ana"]
    assert await names(activity=called, custom=english, type="individual") == ["Ana"]
    assert await names(activity='{"type":"chat"}') == []
    for name, value in (
        ("custom", "[{"),
        ("custom", '[{"object":"planet","name":"x","value":"y"}]'),
        ("custom", '[{"object":"customer","name":"shoe","value":"y"}]'),
        ("activity", '{"isRead":"false"}'),
        ("activity", '{"type":"fax"}'),
        ("activity", '{"sentDate":"yesterday"}'),
    ):
        refused = await client.get(
            search, params={name: value}, headers={"Authorization": f"Bearer {token}"}
        )
        assert (refused.status_code, refused.json()["code"]) == (400, "400-196"), value


async def test_the_same_document_in_xml(
    client: httpx.AsyncClient, demo: loader.DemoCredentials
) -> None:
    token = await _token(client, demo)
    query = "phone=14082343456102&$sort=type&$order=desc&$pagenum=4&$pagesize=1"
    as_json = (await _get(client, token, query)).json()
    response = await _get(client, token, query, Accept="application/xml")
    assert response.headers["content-type"].startswith("application/xml")
    root = ElementTree.fromstring(response.content)
    ns = "{http://bindings.egain.com/ws/model/v12/gen/interaction/customer}"
    assert root.tag == f"{ns}customers"
    links = {link.get("rel"): link.get("href") for link in root.findall(f"{ns}link")}
    assert links == {link["rel"]: link["href"] for link in as_json["link"]}
    (customer,) = root.findall(f"{ns}customer")
    assert customer.get("id") == as_json["customer"][0]["id"]
    assert customer.findtext(f"{ns}customerName") == as_json["customer"][0]["customerName"]
    assert customer.findtext(f"{ns}type/{ns}value") == as_json["customer"][0]["type"]["value"]
    assert root.findtext(f"{ns}paginationInfo/{ns}count") == "6"
    refused = await _get(client, token, query, Accept="text/html")
    assert (refused.status_code, refused.json()["code"]) == (406, "406-101")
    bad = await _get(client, token, "foo=1", Accept="application/xml")
    assert ElementTree.fromstring(bad.content).findtext(f"{ns}code") == "400-101"


async def test_a_body_over_the_cap_is_413(
    client: httpx.AsyncClient, demo: loader.DemoCredentials, app: Any
) -> None:
    app.state.settings = app.state.settings.model_copy(update={"max_body_bytes": 64})
    big = {"username": "x" * 200, "password": "y"}
    for url in ("/system/auth/demo-U/oauth2/authorize", demo.egain["user_token_url"]):
        response = await client.post(url, data=big)
        assert (response.status_code, response.json()["code"]) == (413, "413-100"), url


async def _cention_token(services: Services, workspace: Workspace) -> str:
    async with services.write() as unit:
        made = await api_tokens.create(unit, workspace, name="errands", labels=["Create Errand"])
    return made.token


async def test_errands_are_activities(
    client: httpx.AsyncClient, services: Services, workspace: Workspace
) -> None:
    """An errand is its sender's inbound email (or chat, or call) and its answer an
    outbound one: eGain's activity search finds the person a Cention errand made."""
    cention = {"Authorization": f"Bearer {await _cention_token(services, workspace)}",
               "Content-Type": "application/vnd.api+json"}  # fmt: skip
    for sender, answer in (("ana@example.com", True), ("bo@example.com", False)):
        document: dict[str, Any] = {"data": {"type": "c3_new_errands", "attributes": {
            "msg": {"from": sender, "name": sender.split("@")[0].title() + " Errand",
                    "subject": "Hello", "body": "Hi"}}}}  # fmt: skip
        if answer:
            document["data"]["attributes"]["answer"] = {"subject": "Re", "body": "Done"}
        made = await client.post(factories.path(workspace, "/capi/json/c3_new_errands"),
                                 json=document, headers=cention)  # fmt: skip
        assert made.status_code == 201, made.text
    token = await _workspace_token(client, services, workspace)
    search = factories.path(workspace, SEARCH)

    async def names(activity: str) -> list[str]:
        found = await client.get(search, params={"activity": activity, "type": "individual"},
                                 headers={"Authorization": f"Bearer {token}"})  # fmt: skip
        assert found.status_code in (200, 204), found.text
        return sorted(c["customerName"] for c in found.json()["customer"]) if found.content else []

    assert await names('{"type":"email","mode":"inbound"}') == ["Ana Errand", "Bo Errand"]
    assert await names('{"type":"email","mode":"outbound"}') == ["Ana Errand"]
    assert await names('{"type":"phone"}') == []
    assert await names('{"sentDate":"[,2020-01-01T00:00:00.000Z]"}') == []
    assert await names('{"sentDate":"[2020-01-01T00:00:00.000Z,]"}') == ["Ana Errand", "Bo Errand"]
