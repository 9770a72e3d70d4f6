"""Every endpoint, driven with generated input (valid and not) from the server's own OpenAPI
document, on both databases: no answer is a 5xx, and every answer is what the document says
(status, media type, body schema). A bounded budget; ``python -m bench.fuzz`` runs longer.

schemathesis's own pytest integration reads a pytest internal that pytest 9 removed, so each
operation's strategy is run with Hypothesis here directly.
"""

from __future__ import annotations

from typing import Any

import httpx
import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.checks import ignored_auth, positive_data_acceptance
from schemathesis.core.result import Err

from tests.e2e.conftest import Server

pytestmark = [pytest.mark.e2e, pytest.mark.long]
EXAMPLES = 3
# Headers that frame the message: a made-up value is refused by the HTTP server (uvicorn's
# plain "Invalid HTTP request received.") before any of our code runs. And Authorization:
# every request is sent with the demo admin's credentials, which replace a generated value, so
# a mutated one would never reach the server (an "accepted invalid request" that was valid).
NOT_SENT = frozenset(
    {"content-length", "transfer-encoding", "host", "connection", "upgrade", "authorization"}
)


def unsent(value: object) -> bool:
    """A query value that is a list or an object of nothing or of blanks (``[]``, ``[[]]``,
    ``{}``, ``{"": []}``, ``[""]``, ``{"a": ""}``) puts nothing on the wire, or a blank,
    which means the default: it is not the invalid value it was made to be."""
    return _blank(value, top=True)


def _blank(value: object, *, top: bool = False) -> bool:
    if isinstance(value, dict):
        return all(_blank(item) for item in value.values())
    if isinstance(value, list):
        return all(_blank(item) for item in value)
    return not top and value == ""


def egain_token(server: Server) -> str:
    """A client application's bearer token: eGain's endpoints take no Basic credentials."""
    egain = server.credentials["egain"]
    made = httpx.post(
        f"{server.url}{egain['user_token_url']}",
        data={"grant_type": "client_credentials", "client_id": egain["client_id"],
              "client_secret": egain["client_secret"]},
    )  # fmt: skip
    made.raise_for_status()
    token: str = made.json()["access_token"]
    return token


def exercise(
    operation: schemathesis.APIOperation[Any, Any, Any, Any],
    mode: GenerationMode,
    server: Server,
    bearer: str,
) -> None:
    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(
        max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck), database=None
    )
    def once(case: schemathesis.Case[Any]) -> None:
        # A valid request for a record that does not exist is rightly a 404; and invalid
        # credentials sent again and again are rightly 429 after a while (tests/surfaces/
        # servicenow/test_auth.py covers both): neither check applies here.
        for name in [name for name in case.headers or {} if name.lower() in NOT_SENT]:
            del case.headers[name]
        for name in [name for name, value in (case.query or {}).items() if unsent(value)]:
            del case.query[name]
        checks = [positive_data_acceptance, ignored_auth]
        if "/core/customermgr/" in operation.path:
            case.call_and_validate(
                headers={"Authorization": f"Bearer {bearer}"}, excluded_checks=checks
            )
        else:
            case.call_and_validate(auth=server.auth, excluded_checks=checks)

    once()


def no_input_answers_500(server: Server) -> None:
    api = schemathesis.openapi.from_url(f"{server.url}/openapi.json")
    failures: list[str] = []
    operations = []
    for result in api.get_all_operations():
        if isinstance(result, Err):
            raise result.err()
        operations.append(result.ok())
    assert len(operations) > 100
    bearer = egain_token(server)
    for operation in operations:
        for mode in GenerationMode:
            try:
                exercise(operation, mode, server, bearer)
            except Unsatisfiable:
                assert mode is GenerationMode.NEGATIVE  # nothing in it can be made invalid
            except Exception as failure:  # collected: every operation gets its turn
                failures.append(f"{operation.label} ({mode.value}): {failure}")
    assert not failures, "\n\n".join(failures)


# One class per database: pytest-xdist hands each class to a worker of its own (the two
# longest runs of the suite, side by side).
@pytest.mark.parametrize("server", ["sqlite"], indirect=True)
class TestOnSQLite:
    def test_no_input_answers_500(self, server: Server) -> None:
        no_input_answers_500(server)


@pytest.mark.parametrize("server", ["postgresql"], indirect=True)
class TestOnPostgreSQL:
    def test_no_input_answers_500(self, server: Server) -> None:
        no_input_answers_500(server)
