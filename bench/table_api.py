"""Table API benchmark (issue 3): pysnc iterating a table, and page throughput.

    .venv/bin/python -m bench.table_api [--backend sqlite|postgresql|both] [--count 1000000]

On the database ``bench.consumer_api`` prepares (COUNT consumers in the demo workspace):

- ``pysnc`` over HTTPS (``frontdesk serve --tls``) iterates 100,000 records of
  ``csm_consumer`` (``gr.limit``), with its default batch size (100) and with 1,000:
  seconds and records per second;
- ``wrk -t2 -c32`` on ``GET /api/now/table/csm_consumer?sysparm_limit=100`` (plain HTTP,
  Basic auth, keep-alive): pages per second.
"""

from __future__ import annotations

import base64
import os
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

import pysnc

from bench.common import BIN, DATA, free_port, main, page_script, prepare, server, wrk

ITERATE = 100_000
PAGE = "/api/now/table/csm_consumer?sysparm_limit=100"


def iterate(url: str, auth: tuple[str, str], ca: Path, batch_size: int) -> dict[str, float]:
    client = pysnc.ServiceNowClient(url, auth, verify=str(ca))
    gr = client.GlideRecord("csm_consumer", batch_size=batch_size, rewindable=False)
    gr.limit = ITERATE
    started = time.perf_counter()
    gr.query()
    seen = sum(1 for _ in gr)
    seconds = time.perf_counter() - started
    assert seen == ITERATE, f"pysnc saw {seen} records"
    return {"seconds": round(seconds, 2), "records_per_second": round(seen / seconds)}


def run(backend: str, count: int, seconds: int, rounds: int) -> dict[str, Any]:
    url, credentials, found = prepare(backend, count)
    auth = (credentials["username"], credentials["password"])
    logs = Path(tempfile.mkdtemp(prefix="bench-"))
    result: dict[str, Any] = {"backend": backend, "consumers": found["total"]}
    env = {"FRONTDESK_DATA_DIR": str(DATA)}
    tls_port, http_port = free_port(), free_port()
    serve = [str(BIN / "frontdesk"), "serve", "--database", url, "--port"]
    with server(
        [*serve, str(tls_port), "--tls"], env, tls_port, logs / "tls.log", "https"
    ) as secure:
        # requests lets REQUESTS_CA_BUNDLE override verify=; trust our CA explicitly.
        os.environ.pop("REQUESTS_CA_BUNDLE", None)
        os.environ.pop("CURL_CA_BUNDLE", None)
        ca = DATA / "tls" / "ca.pem"
        result["pysnc"] = {
            f"batch_size={size}": iterate(secure, auth, ca, size) for size in (100, 1000)
        }
    header = "Basic " + base64.b64encode(f"{auth[0]}:{auth[1]}".encode()).decode()
    script = page_script(PAGE, header)
    with server([*serve, str(http_port)], {}, http_port, logs / "http.log") as plain:
        wrk(plain, script, 3)
        pages = [wrk(plain, script, seconds) for _ in range(rounds)]
    result["page_rps"] = statistics.median(pages)
    result["page_rps_rounds"] = pages
    return result


def report(results: list[dict[str, Any]]) -> None:
    for r in results:
        print(f"\n== {r['backend']}: {r['consumers']:,} consumers")
        for name, figures in r["pysnc"].items():
            print(
                f"  pysnc iterating {ITERATE:,} records ({name}): {figures['seconds']} s, "
                f"{figures['records_per_second']:,} records/s"
            )
        print(f"  GET {PAGE}: {r['page_rps']:,.0f} pages/s (wrk -t2 -c32)")


if __name__ == "__main__":
    main(__doc__ or "", "table_api", run, report)
