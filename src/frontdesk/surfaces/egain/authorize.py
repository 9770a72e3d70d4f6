"""``/system/auth/<tenant>/oauth2/authorize``: the sign-in page of eGain's authorization-code
flow with PKCE (RFC 6749 §4.1, RFC 7636). GET shows the page for an application's request;
POST signs the person in (a user at ``-U``, a customer at ``-C``) and sends the browser
back to the application's registered ``redirect_uri`` with a one-time ``code`` and the
``state`` it gave. The code is redeemed at the token endpoint (``authorization_code``)."""

from __future__ import annotations

from html import escape
from urllib.parse import parse_qsl, urlencode

from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response

from frontdesk.domain.auth import oauth
from frontdesk.domain.auth.oauth import Authorization, GrantCode, GrantError
from frontdesk.errors import DomainError, Throttled
from frontdesk.surfaces.body import read_body
from frontdesk.surfaces.context import services_of
from frontdesk.surfaces.egain.call import Tenant, failure, tenant_of
from frontdesk.surfaces.openapi import Operation, Parameter, Reply, documented

# What the page carries from the application's request to the sign-in.
CARRIED = ("client_id", "redirect_uri", "scope", "state", "code_challenge")
SCOPE = "core.customermgr.read"
PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Sign in — {tenant}</title>
<style>
body {{ font: 16px/1.5 system-ui, sans-serif; background: #f4f5f7; margin: 0; }}
main {{ max-width: 22rem; margin: 12vh auto; background: #fff; padding: 2rem;
  border-radius: 8px; box-shadow: 0 1px 4px rgba(0,0,0,.12); }}
h1 {{ font-size: 1.25rem; margin: 0 0 1rem; }}
label {{ display: block; margin: .75rem 0 .25rem; }}
input {{ width: 100%; box-sizing: border-box; padding: .5rem; font: inherit; }}
button {{ margin-top: 1.25rem; width: 100%; padding: .6rem; font: inherit;
  background: #1f5fbf; color: #fff; border: 0; border-radius: 4px; }}
.error {{ color: #a4262c; }}
</style></head>
<body><main>
<h1>Sign in to {tenant}</h1>
<p>{who} asks to act for you.</p>
{error}
<form method="post">
{hidden}
<label for="username">User name</label>
<input id="username" name="username" autocomplete="username" required autofocus>
<label for="password">Password</label>
<input id="password" name="password" type="password" autocomplete="current-password" required>
<button type="submit">Sign in</button>
</form>
</main></body></html>
"""


def _asked(values: dict[str, str], tenant: Tenant) -> Authorization:
    if values.get("response_type", "code") != "code":
        raise GrantError(GrantCode.UNSUPPORTED_GRANT_TYPE, value=values["response_type"])
    method = values.get("code_challenge_method", "S256" if values.get("code_challenge") else "")
    if method not in ("", "S256"):  # "plain" gives no protection
        raise GrantError(GrantCode.INVALID_REQUEST, value="code_challenge_method")
    return Authorization(
        client_id=values.get("client_id", ""),
        redirect_uri=values.get("redirect_uri", ""),
        scope=values.get("scope", "").strip() or SCOPE,
        realm=tenant.realm,
        challenge=values.get("code_challenge") or None,
    )


def _page(tenant: str, values: dict[str, str], error: str = "", status: int = 200) -> Response:
    hidden = "\n".join(
        f'<input type="hidden" name="{name}" value="{escape(values[name])}">'
        for name in (*CARRIED, "response_type", "code_challenge_method")
        if values.get(name)
    )
    shown = f'<p class="error" role="alert">{escape(error)}</p>' if error else ""
    who = escape(values.get("client_id", "An application"))
    body = PAGE.format(tenant=escape(tenant), who=who, error=shown, hidden=hidden)
    headers = {
        "Cache-Control": "no-store",
        "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; "
        "form-action 'self'; frame-ancestors 'none'",
        "X-Frame-Options": "DENY",
    }
    return HTMLResponse(body, status_code=status, headers=headers)


def _refused(error: GrantError) -> Response:
    """A request no page can be shown for: said on a page of its own (never redirected to
    a redirect_uri that is not registered)."""
    what = {
        GrantCode.INVALID_CLIENT: "This application is not known here.",
        GrantCode.INVALID_REQUEST: f"The request's {error.value or 'parameters'} is not valid.",
        GrantCode.UNSUPPORTED_GRANT_TYPE: "Only response_type=code is supported.",
    }.get(error.code, "The request cannot be carried out.")
    return HTMLResponse(f"<!doctype html><title>Sign-in refused</title><p>{escape(what)}</p>", 400)


@documented(
    Operation(
        "Sign-in page (authorization code with PKCE)",
        "eGain OAuth",
        (
            Parameter("tenant", "path", "<workspace>-U: users; -C: customers"),
            *(Parameter(name, "query", "As RFC 6749 §4.1 and RFC 7636 say") for name in CARRIED),
            Parameter("response_type", "query", "code", {"enum": ["code"]}),
            Parameter("code_challenge_method", "query", "S256", {"enum": ["S256"]}),
        ),
        {
            200: Reply("The sign-in page", {"text/html": None}),
            400: Reply("An unknown application or redirect_uri", {"text/html": None}),
            404: Reply("No such tenant", {"application/json": None}),
            413: Reply("The body is over the size cap", {"application/json": None}),
        },
        authenticated=False,
    )
)
async def authorize(request: Request) -> Response:
    values = dict(request.query_params)
    try:
        tenant = await tenant_of(request)
        if request.method == "POST":
            raw = await read_body(request, request.app.state.settings.max_body_bytes)
            values |= dict(parse_qsl(raw.decode("utf-8", "replace"), keep_blank_values=True))
    except DomainError as error:
        return failure(request, error)
    name = str(request.path_params["tenant"])
    workspace = tenant.workspace
    try:
        asked = _asked(values, tenant)
        await oauth.authorizing(services_of(request), workspace.id, asked)
    except GrantError as error:
        return _refused(error)
    if request.method != "POST":
        return _page(name, values)
    try:
        code = await oauth.authorize(
            services_of(request),
            workspace.id,
            asked,
            username=values.get("username", ""),
            password=values.get("password", ""),
            table=tenant.sign_ins,
            address=request.client.host if request.client else None,
        )
    except GrantError:
        return _page(name, values, "The user name or password is not right.", 401)
    except Throttled as error:
        return _page(name, values, f"Too many attempts: wait {error.retry_after} s.", 429)
    answer = {"code": code, **({"state": values["state"]} if values.get("state") else {})}
    separator = "&" if "?" in asked.redirect_uri else "?"
    return RedirectResponse(f"{asked.redirect_uri}{separator}{urlencode(answer)}", 302)
