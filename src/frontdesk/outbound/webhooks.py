"""The delivery worker: claims due deliveries, sends each (signed as Standard Webhooks
signs: ``webhook-id``, ``webhook-timestamp``, ``webhook-signature``), and settles it.

It wakes when a delivery is committed in this process, and polls otherwise (another
process may have queued one). The body is made by the surface whose event it is, once
(at the first attempt), and every retry sends the same bytes under the same id.
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import hashlib
import hmac
import logging
import time
from collections.abc import Awaitable, Callable, Mapping

import httpx

from frontdesk.domain.services import Services, Unit
from frontdesk.domain.webhooks import addresses, outbox
from frontdesk.domain.webhooks.outbox import Delivery, Outcome
from frontdesk.errors import DomainError

log = logging.getLogger("frontdesk.webhooks")
# What makes a delivery's body: by event, from the stored facts (in a reading unit).
Render = Callable[[Unit, Delivery], Awaitable[str]]
POLL_SECONDS = 1.0
BATCH = 64
TIMEOUT = httpx.Timeout(10.0, connect=5.0)


def signature(secret: str, message_id: str, timestamp: int, body: str) -> str:
    signed = f"{message_id}.{timestamp}.{body}".encode()
    digest = hmac.new(secret.encode(), signed, hashlib.sha256).digest()
    return "v1," + base64.b64encode(digest).decode()


def headers(delivery: Delivery, body: str, timestamp: int) -> dict[str, str]:
    found = {
        "content-type": "application/vnd.api+json",
        "user-agent": "frontdesk-webhooks",
        "webhook-id": delivery.message_id,
        "webhook-timestamp": str(timestamp),
    }
    if delivery.secret:
        found["webhook-signature"] = signature(
            delivery.secret, delivery.message_id, timestamp, body
        )
    return found


class Sender:
    def __init__(
        self,
        services: Services,
        renderers: Mapping[str, Render],
        *,
        allow_private: bool,
        client: httpx.AsyncClient | None = None,
    ) -> None:
        self.services = services
        self.renderers = dict(renderers)
        self.allow_private = allow_private
        self.client = client or httpx.AsyncClient(timeout=TIMEOUT, follow_redirects=False)

    async def _body(self, delivery: Delivery) -> str:
        if delivery.body is not None:
            return delivery.body
        render = self.renderers[delivery.event]
        async with self.services.read() as unit:
            return await render(unit, delivery)

    async def _post(self, delivery: Delivery, body: str) -> Outcome:
        started = time.perf_counter()
        try:
            await addresses.check(delivery.url, allow_private=self.allow_private)
            answer = await self.client.post(
                delivery.url,
                content=body.encode(),
                headers=headers(delivery, body, int(time.time())),
            )
            status, error = answer.status_code, None
        except (httpx.HTTPError, DomainError) as failure:
            status, error = None, f"{type(failure).__name__}: {failure}"
        return Outcome(status, int((time.perf_counter() - started) * 1000), error)

    async def _deliver(self, delivery: Delivery) -> bool:
        try:
            body = await self._body(delivery)
        except DomainError as failure:  # its subject is gone: nothing can be sent
            body, outcome = "", Outcome(None, 0, f"cannot render: {failure}")
        else:
            outcome = await self._post(delivery, body)
        async with self.services.write() as unit:
            await outbox.settle(unit, delivery, body, outcome)
        return outcome.delivered

    async def once(self) -> int:
        """Send what is due now; how many were attempted."""
        async with self.services.write() as unit:
            claimed = await outbox.claim(unit, limit=BATCH)
        if claimed:
            await asyncio.gather(*(self._deliver(d) for d in claimed))
        return len(claimed)

    async def drain(self) -> None:
        while await self.once():
            pass

    async def run(self) -> None:
        """Deliver until cancelled."""
        wakeup = self.services.outbox
        while True:
            wakeup.clear()  # before looking: a delivery committed meanwhile sets it again
            try:
                attempted = await self.once()
            except Exception:  # a database hiccup must not end the worker
                log.exception("webhook delivery round failed")
                attempted = 0
            if attempted:
                continue
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(wakeup.wait(), POLL_SECONDS)

    async def close(self) -> None:
        await self.client.aclose()
