"""frontdesk's own endpoints: health, the OpenAPI document, the API browser."""

from __future__ import annotations

import httpx
import pytest

pytestmark = pytest.mark.anyio


async def test_healthz(client: httpx.AsyncClient, backend: str) -> None:
    response = await client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["status"] == "ok"
    assert response.json()["database"] == backend
    assert response.headers["x-request-id"]


async def test_request_ids_are_echoed(client: httpx.AsyncClient) -> None:
    response = await client.get("/healthz", headers={"X-Request-Id": "abc-123"})
    assert response.headers["x-request-id"] == "abc-123"


async def test_openapi_documents_the_vendor_paths(client: httpx.AsyncClient) -> None:
    document = (await client.get("/openapi.json")).json()
    assert document["openapi"].startswith("3.")
    paths = document["paths"]
    # Every route is documented with HEAD beside GET, at the root and under /s/{workspace}.
    assert set(paths["/api/now/consumer"]) == {"get", "head", "post"}
    assert "/api/now/v2/consumer/{sys_id}" in paths
    assert paths["/oauth_token.do"]["post"]["requestBody"]
    assert set(paths["/s/{workspace}/api/now/consumer"]) == {"get", "head", "post"}
    assert not any(path.startswith("/s/{workspace}/healthz") for path in paths)
    docs = await client.get("/docs")
    assert "swagger-ui" in docs.text


@pytest.mark.parametrize(
    "path", ["/nothing", "/s/somewhere/healthz", "/s/x", "/capi/json", "/a\nb", "/s/x/\n"]
)
async def test_a_path_no_surface_owns_is_a_problem_document(
    client: httpx.AsyncClient, path: str
) -> None:
    response = await client.get(path.replace("\n", "%0A"))
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json() == {
        "type": "about:blank",
        "title": "Not Found",
        "status": 404,
        "detail": f"nothing is served at {path.replace(chr(10), '')}",
    }


async def test_a_wrong_method_on_frontdesks_own_paths(client: httpx.AsyncClient) -> None:
    response = await client.delete("/healthz")
    assert response.status_code == 405
    assert response.headers["allow"] == "GET, HEAD"
    assert response.json()["title"] == "Method Not Allowed"


async def test_the_api_browser_works_offline(client: httpx.AsyncClient) -> None:
    page = await client.get("/docs")
    assert "http://" not in page.text
    assert "https://" not in page.text  # nothing from a CDN
    for asset, media in [
        ("swagger-ui-bundle.js", "text/javascript"),
        ("swagger-ui.css", "text/css"),
    ]:
        assert f'"docs/{asset}"' in page.text
        served = await client.get(f"/docs/{asset}")
        assert served.status_code == 200
        assert served.headers["content-type"].startswith(media)
        assert len(served.content) > 10_000
    assert (await client.get("/docs/../../etc/passwd")).status_code == 404
    assert (await client.get("/docs/index.html")).status_code == 404
