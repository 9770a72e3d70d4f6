"""OAuth 2 client applications and the token grants (RFC 6749), for any surface.

Grants: ``password``, ``refresh_token``, ``client_credentials``. Tokens are random strings;
only their SHA-256 is stored; refresh tokens rotate on use. Secrets (client secrets,
passwords) are verified with Argon2 in a worker thread, outside any transaction. How a
surface words its answers (the scope it reports, ``expires_in``) is the surface's affair.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
from dataclasses import dataclass, replace
from datetime import timedelta
from enum import StrEnum
from typing import Any

from frontdesk.domain import clock
from frontdesk.domain.access import Actor
from frontdesk.domain.auth import credentials, repository
from frontdesk.domain.presence import sessions
from frontdesk.domain.records import service as records
from frontdesk.domain.services import Services, Unit
from frontdesk.errors import DomainError, Thing, Unauthenticated
from frontdesk.store.registry import Cached
from frontdesk.store.tables import REGISTRY

CLIENTS = REGISTRY["oauth_entity"]
USERS = "sys_user"
DEFAULT_LIFESPAN = 1800


class GrantCode(StrEnum):
    """RFC 6749 §5.2 ``error`` values."""

    INVALID_REQUEST = "invalid_request"
    INVALID_CLIENT = "invalid_client"
    INVALID_GRANT = "invalid_grant"
    UNSUPPORTED_GRANT_TYPE = "unsupported_grant_type"


class GrantError(DomainError):
    """A refused grant: its RFC 6749 code, and what was wrong (the client, the user's
    credentials, the refresh token, the grant type ``value``)."""

    def __init__(self, code: GrantCode, thing: Thing | None = None, value: str = "") -> None:
        super().__init__(code, thing)
        self.code = code
        self.thing = thing
        self.value = value

    def describe(self) -> str:
        about = f" ({self.thing.value})" if self.thing else ""
        return f"{self.code.value}{about}"


@dataclass(frozen=True, slots=True)
class Applicant:
    """A client application asking for tokens: its credentials, the scope to grant, and
    where the request came from (for its failure budget)."""

    client_id: str
    client_secret: str
    scope: str
    address: str | None = None
    # Where the tokens may be used, as the surface that issues them names it (None: the
    # ServiceNow surface's own); a surface accepts only its own realms' tokens.
    realm: str | None = None


@dataclass(frozen=True, slots=True)
class Tokens:
    access_token: str
    refresh_token: str | None
    lifetime: int  # seconds the access token lives
    scope: str


async def register_client(
    unit: Unit,
    actor: Actor,
    *,
    name: str,
    secret_hash: str,
    client_id: str | None = None,
    user_sys_id: str | None = None,
    redirect_url: str | None = None,
) -> dict[str, Any]:
    """Register an application (where its authorization codes go: ``redirect_url``); hash
    its secret beforehand (``services.hasher``)."""
    fields = {"name": name, "client_id": client_id or secrets.token_hex(16), "user": user_sys_id}
    client = await records.insert(unit, actor, CLIENTS, {**fields, "redirect_url": redirect_url})
    await repository.set_client_secret_hash(
        unit.tx, workspace_id=actor.workspace_id, sys_id=client["sys_id"], hashed=secret_hash
    )
    return client


async def _client(services: Services, workspace_id: int, applicant: Applicant) -> dict[str, Any]:
    client_id = applicant.client_id
    if "\x00" in client_id:
        raise GrantError(GrantCode.INVALID_CLIENT, Thing.CLIENT)
    async with services.read() as unit:
        client = await repository.client(unit.tx, workspace_id=workspace_id, client_id=client_id)
    valid = await credentials.checked(
        services,
        workspace_id,
        account=f"client:{client_id.lower()}",
        stored=client["client_secret"] if client else None,
        secret=applicant.client_secret,
        address=applicant.address,
        allowed=client is not None and client.get("active") is not False,
    )
    if client is None or not valid:
        raise GrantError(GrantCode.INVALID_CLIENT, Thing.CLIENT)
    return client


async def password_grant(
    services: Services,
    workspace_id: int,
    applicant: Applicant,
    *,
    username: str,
    password: str,
    table: str = "sys_user",
) -> Tokens:
    """Tokens for a sign-in of ``table`` (users by default) who gave their password. A
    user's is an interactive session: a Login now, a Logout when it is revoked or expires."""
    client = await _client(services, workspace_id, applicant)
    try:
        user = await credentials.verify_password(
            services, workspace_id, username, password, address=applicant.address, table=table
        )
    except Unauthenticated:
        raise GrantError(GrantCode.INVALID_GRANT, Thing.USER) from None
    signs_in = user.user_name if table == USERS else None
    return await _issue(services, workspace_id, client, user.user_sys_id, applicant, signs_in)


async def refresh_grant(
    services: Services, workspace_id: int, applicant: Applicant, *, refresh_token: str
) -> Tokens:
    client = await _client(services, workspace_id, applicant)
    async with services.write() as unit:
        digest = credentials.token_hash(refresh_token)
        row = await repository.token(unit.tx, workspace_id=workspace_id, token_hash=digest)
        if (
            row is None
            or row["kind"] != "refresh"
            or row["client_sys_id"] != client["sys_id"]
            or row["expires_at"] <= clock.now()
        ):
            raise GrantError(GrantCode.INVALID_GRANT, Thing.TOKEN)
        await repository.drop_token(unit.tx, workspace_id=workspace_id, token_hash=digest)
        tokens = await _store(unit, workspace_id, client, row["user_sys_id"], applicant)
        await sessions.renew(unit, workspace_id, digest, _pair(tokens))
        return tokens


async def revoke(services: Services, workspace_id: int, token: str) -> None:
    """Expire an access or refresh token (holding it is the proof; nothing is said of an
    unknown one, RFC 7009). A session's token ends the session: both its tokens, and a
    Logout."""
    digest = credentials.token_hash(token)
    async with services.write() as unit:
        if await repository.token(unit.tx, workspace_id=workspace_id, token_hash=digest) is None:
            return
        hashes = await sessions.end(unit, workspace_id, digest) or (digest, None)
        for each in hashes:
            if each is not None:
                await repository.drop_token(unit.tx, workspace_id=workspace_id, token_hash=each)
        unit.forget((Cached.CREDENTIALS,), workspace_id)


def _pair(tokens: Tokens) -> sessions.Pair:
    renewal = tokens.refresh_token
    return sessions.Pair(
        credentials.token_hash(tokens.access_token),
        credentials.token_hash(renewal) if renewal is not None else None,
        clock.now() + timedelta(seconds=tokens.lifetime),
    )


async def client_credentials_grant(
    services: Services, workspace_id: int, applicant: Applicant, *, as_its_user: bool = True
) -> Tokens:
    """Tokens for the application itself: acting as its application user when it has one
    and ``as_its_user`` (ServiceNow's way), else as no user at all."""
    client = await _client(services, workspace_id, applicant)
    user = client.get("user") if as_its_user else None
    return await _issue(services, workspace_id, client, user, applicant, refresh=False)


async def _issue(
    services: Services,
    workspace_id: int,
    client: dict[str, Any],
    user_sys_id: str | None,
    applicant: Applicant,
    signs_in: str | None = None,
    *,
    refresh: bool = True,
) -> Tokens:
    """Store new tokens; when ``signs_in`` names the user, an interactive session of theirs
    begins with them (a Login)."""
    async with services.write() as unit:
        await repository.drop_expired_tokens(unit.tx, workspace_id=workspace_id, before=clock.now())
        tokens = await _store(unit, workspace_id, client, user_sys_id, applicant, refresh=refresh)
        if signs_in is not None and user_sys_id is not None:
            await sessions.begin(unit, workspace_id, user_sys_id, signs_in, _pair(tokens))
        return tokens


async def _store(
    unit: Unit,
    workspace_id: int,
    client: dict[str, Any],
    user_sys_id: str | None,
    applicant: Applicant,
    *,
    refresh: bool = True,
) -> Tokens:
    now = clock.now()
    lifetime = max(int(client.get("access_token_lifespan") or DEFAULT_LIFESPAN), 1)
    refresh_lifetime = int(client.get("refresh_token_lifespan") or 8_640_000)
    access = secrets.token_urlsafe(64)
    tokens = [("access", access, lifetime)]
    renewal = secrets.token_urlsafe(64) if refresh else None
    if renewal is not None:
        tokens.append(("refresh", renewal, refresh_lifetime))
    for kind, value, seconds in tokens:
        await repository.add_token(
            unit.tx,
            workspace_id=workspace_id,
            token_hash=credentials.token_hash(value),
            kind=kind,
            user_sys_id=user_sys_id,
            client_sys_id=client["sys_id"],
            scope=applicant.scope,
            realm=applicant.realm,
            created_on=now,
            expires_at=now + timedelta(seconds=seconds),
        )
    return Tokens(access, renewal, lifetime, applicant.scope)


# How long an authorization code may wait to be redeemed.
CODE_SECONDS = 60


@dataclass(frozen=True, slots=True)
class Authorization:
    """An application asking a person to sign in and let it act for them (RFC 6749 §4.1):
    where to send the code, with what scope, for which realm, and the PKCE challenge
    (RFC 7636, S256) the redeemer must answer."""

    client_id: str
    redirect_uri: str
    scope: str
    realm: str | None
    challenge: str | None


async def authorizing(services: Services, workspace_id: int, request: Authorization) -> None:
    """Refuse a request no sign-in page may be shown for: an unknown application, or a
    redirect_uri other than the one registered (the code must not go elsewhere)."""
    async with services.read() as unit:
        client = await repository.client(
            unit.tx, workspace_id=workspace_id, client_id=request.client_id
        )
    if client is None or client.get("active") is False:
        raise GrantError(GrantCode.INVALID_CLIENT, Thing.CLIENT)
    registered = str(client.get("redirect_url") or "")
    if not registered or registered != request.redirect_uri:
        raise GrantError(GrantCode.INVALID_REQUEST, value="redirect_uri")


async def authorize(
    services: Services,
    workspace_id: int,
    request: Authorization,
    *,
    username: str,
    password: str,
    table: str = "sys_user",
    address: str | None = None,
) -> str:
    """The person signed in: an authorization code for the application (single use)."""
    await authorizing(services, workspace_id, request)
    try:
        user = await credentials.verify_password(
            services, workspace_id, username, password, address=address, table=table
        )
    except Unauthenticated:
        raise GrantError(GrantCode.INVALID_GRANT, Thing.USER) from None
    code = secrets.token_urlsafe(32)
    now = clock.now()
    async with services.write() as unit:
        client = await repository.client(
            unit.tx, workspace_id=workspace_id, client_id=request.client_id
        )
        assert client is not None
        await repository.add_token(
            unit.tx,
            workspace_id=workspace_id,
            token_hash=credentials.token_hash(code),
            kind="code",
            user_sys_id=user.user_sys_id,
            client_sys_id=client["sys_id"],
            scope=request.scope,
            realm=request.realm,
            redirect_uri=request.redirect_uri,
            code_challenge=request.challenge,
            created_on=now,
            expires_at=now + timedelta(seconds=CODE_SECONDS),
        )
    return code


def challenge_of(verifier: str) -> str:
    """RFC 7636 S256: BASE64URL(SHA256(verifier)), without padding."""
    digest = hashlib.sha256(verifier.encode("ascii", "replace")).digest()
    return base64.urlsafe_b64encode(digest).decode().rstrip("=")


async def code_grant(
    services: Services,
    workspace_id: int,
    applicant: Applicant,
    *,
    code: str,
    redirect_uri: str,
    verifier: str,
) -> Tokens:
    """Redeem an authorization code: by the application it was issued to, at the same
    redirect_uri, answering its PKCE challenge (a public client, without a secret) or
    with the application's secret (a confidential one, when the code has no challenge)."""
    async with services.read() as unit:
        client = await repository.client(
            unit.tx, workspace_id=workspace_id, client_id=applicant.client_id
        )
    if client is None or client.get("active") is False:
        raise GrantError(GrantCode.INVALID_CLIENT, Thing.CLIENT)
    async with services.write() as unit:
        digest = credentials.token_hash(code)
        row = await repository.token(unit.tx, workspace_id=workspace_id, token_hash=digest)
        if row is not None:  # a code is used once, whatever becomes of this attempt
            await repository.drop_token(unit.tx, workspace_id=workspace_id, token_hash=digest)
    if (
        row is None
        or row["kind"] != "code"
        or row["client_sys_id"] != client["sys_id"]
        or row["redirect_uri"] != redirect_uri
        or row["realm"] != applicant.realm
        or row["expires_at"] <= clock.now()
    ):
        raise GrantError(GrantCode.INVALID_GRANT, Thing.TOKEN)
    if row["code_challenge"]:
        if not hmac.compare_digest(challenge_of(verifier), str(row["code_challenge"])):
            raise GrantError(GrantCode.INVALID_GRANT, Thing.TOKEN)
    else:
        client = await _client(services, workspace_id, applicant)
    scoped = replace(applicant, scope=str(row["scope"]))
    return await _issue(services, workspace_id, client, row["user_sys_id"], scoped)
