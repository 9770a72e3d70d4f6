"""eGain customer search (issue 9) over 1,000,000 customers and 2,000,000 contact points.

    .venv/bin/python -m bench.egain_search [--backend sqlite|postgresql|both] [--count 1000000]

Fills (or reuses, as the other benchmarks do) a workspace with COUNT generated consumers,
each with an email and a mobile phone (two contact points), starts ``frontdesk serve``
(one worker), signs in as the demo's eGain client application, and measures, sequentially
with keep-alive, the median latency of ``GET /core/customermgr/v3/customer`` with:

- ``email=`` (in capitals: matching is in any case), and ``phone=`` written as bare digits
  where the consumer's phone is stored formatted (the identity index);
- ``customerName=`` with four letters from the middle of a name (a trigram index).

Results are printed and written to bench/results/.
"""

from __future__ import annotations

import random
import re
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx

from bench.common import BIN, free_port, main, prepare, server

SEARCH = "/core/customermgr/v3/customer"


def _median_ms(client: httpx.Client, token: str, queries: list[dict[str, str]]) -> float:
    headers = {"Authorization": f"Bearer {token}"}
    for params in queries[:3]:
        client.get(SEARCH, params=params, headers=headers)
    timings = []
    for params in queries:
        started = time.perf_counter()
        response = client.get(SEARCH, params=params, headers=headers)
        timings.append((time.perf_counter() - started) * 1000)
        assert response.status_code in (200, 204), response.text
    return statistics.median(timings)


def run(backend: str, count: int, seconds: int, rounds: int) -> dict[str, Any]:
    url, credentials, found = prepare(backend, count)
    egain = credentials["egain"]
    rows = random.Random(9).sample(found["rows"], min(200, len(found["rows"])))
    logs = Path(tempfile.mkdtemp(prefix="bench-"))
    port = free_port()
    command = [str(BIN / "frontdesk"), "serve", "--port", str(port), "--database", url]
    result: dict[str, Any] = {"backend": backend, "consumers": found["total"]}
    with (
        server(command, {}, port, logs / "frontdesk.log") as base,
        httpx.Client(base_url=base, timeout=60) as client,
    ):
        made = client.post(
            egain["user_token_url"],
            data={
                "grant_type": "client_credentials",
                "client_id": egain["client_id"],
                "client_secret": egain["client_secret"],
            },
        )
        made.raise_for_status()
        token = made.json()["access_token"]
        emails = [{"email": str(r[1]).upper()} for r in rows]
        phones = [{"phone": re.sub(r"\D", "", str(r[4]))} for r in rows if r[4]]
        names = [{"customerName": str(r[3])[2:6]} for r in rows[:100] if len(str(r[3])) > 6]
        result["email="] = _median_ms(client, token, emails)
        result["phone="] = _median_ms(client, token, phones)
        result["customerName= (partial)"] = _median_ms(client, token, names)
        check = client.get(
            SEARCH, params=emails[0], headers={"Authorization": f"Bearer {token}"}
        ).json()
        names_found = [c["customerName"] for c in check["customer"]]
        assert rows[0][3] in names_found, "the email search found someone else"
    return result


def report(results: list[dict[str, Any]]) -> None:
    for result in results:
        print(f"{result['backend']}: {result['consumers']} consumers")
        for key, value in result.items():
            if key not in ("backend", "consumers"):
                print(f"  {key:<26} median {value:8.2f} ms")


if __name__ == "__main__":
    main(__doc__ or "", "egain_search", run, report, needs_wrk=False)
