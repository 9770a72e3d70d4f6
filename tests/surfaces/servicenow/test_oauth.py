"""``/oauth_token.do``: the grants requests-oauthlib and pysnc use, and RFC 6749 errors."""

from __future__ import annotations

import httpx
import pytest

from frontdesk.domain.demo.loader import DemoCredentials
from tests.surfaces.servicenow import spec_examples as spec

pytestmark = pytest.mark.anyio


async def test_password_grant_then_bearer(client: httpx.AsyncClient, demo: DemoCredentials) -> None:
    response = await client.post(
        "/oauth_token.do",
        data={
            "grant_type": "password",
            "client_id": demo.oauth_client_id,
            "client_secret": demo.oauth_client_secret,
            "username": demo.username,
            "password": demo.password,
        },
    )
    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"access_token", "refresh_token", "scope", "token_type", "expires_in"}
    assert (body["token_type"], body["scope"], body["expires_in"]) == (
        "Bearer",
        "useraccount",
        1799,
    )
    record = await client.get(
        spec.GET_URL, headers={"Authorization": f"Bearer {body['access_token']}"}
    )
    assert record.json() == {"result": spec.HARDING}


async def test_client_credentials_in_a_basic_header(
    client: httpx.AsyncClient, demo: DemoCredentials
) -> None:
    response = await client.post(
        "/oauth_token.do",
        data={"grant_type": "client_credentials"},
        auth=(demo.oauth_client_id, demo.oauth_client_secret),
    )
    assert response.status_code == 200
    assert "refresh_token" not in response.json()
    token = response.json()["access_token"]
    assert (
        await client.get(spec.GET_URL, headers={"Authorization": f"Bearer {token}"})
    ).status_code == 200


async def test_refresh_grant(client: httpx.AsyncClient, demo: DemoCredentials) -> None:
    client_auth = {"client_id": demo.oauth_client_id, "client_secret": demo.oauth_client_secret}
    first = await client.post(
        "/oauth_token.do",
        data={
            "grant_type": "password",
            "username": demo.username,
            "password": demo.password,
            **client_auth,
        },
    )
    renewed = await client.post(
        "/oauth_token.do",
        data={
            "grant_type": "refresh_token",
            "refresh_token": first.json()["refresh_token"],
            **client_auth,
        },
    )
    assert renewed.status_code == 200
    assert renewed.json()["access_token"] != first.json()["access_token"]


@pytest.mark.parametrize(
    ("data", "status", "error"),
    [
        (
            {"grant_type": "password", "username": "admin", "password": "wrong"},
            400,
            "invalid_grant",
        ),
        ({"grant_type": "refresh_token", "refresh_token": "nope"}, 400, "invalid_grant"),
        ({"grant_type": "implicit"}, 400, "unsupported_grant_type"),
        ({"grant_type": "client_credentials", "client_secret": "bad"}, 401, "invalid_client"),
    ],
)
async def test_errors(
    client: httpx.AsyncClient, demo: DemoCredentials, data: dict[str, str], status: int, error: str
) -> None:
    form = {"client_id": demo.oauth_client_id, "client_secret": demo.oauth_client_secret, **data}
    response = await client.post("/oauth_token.do", data=form)
    assert response.status_code == status
    assert response.json()["error"] == error
    assert response.json()["error_description"]


async def test_an_unknown_or_expired_token_is_401(
    client: httpx.AsyncClient, demo: DemoCredentials
) -> None:
    response = await client.get(spec.GET_URL, headers={"Authorization": "Bearer not-a-token"})
    assert response.status_code == 401
    assert response.json()["error"]["message"] == "User Not Authenticated"
