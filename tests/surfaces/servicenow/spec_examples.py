"""The Consumer API spec's documented responses, verbatim.

From shared/specs/servicenow-consumer-api.txt.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

HARDING = {
    "country": "USA",
    "notes": "",
    "gender": "Male",
    "city": "Plano",
    "prefix": "",
    "sys_updated_on": "2016-08-12 00:19:12",
    "suffix": "",
    "title": "",
    "number": "CSMR0000004",
    "notification": "2",
    "sys_id": "01d8403fdb1b1200b6075200cf961941",
    "business_phone": "",
    "sys_updated_by": "prithvi",
    "mobile_phone": "",
    "street": "6900 Dallas Pkwy",
    "sys_created_on": "2016-06-16 19:20:13",
    "sys_domain": "global",
    "state": "TX",
    "fax": "",
    "first_name": "Harding",
    "email": "harding.asher@mailinator.com",
    "preferred_language": "",
    "sys_created_by": "guest",
    "zip": "75024",
    "home_phone": "",
    "time_format": "",
    "sys_mod_count": "8",
    "last_name": "Asher",
    "photo": "",
    "active": "true",
    "middle_name": "",
    "time_zone": "",
    "sys_tags": "",
    "name": "Harding Asher",
    "household": "",
    "date_format": "",
    "user": "c3d35d82c37122005871d44d81d3ae91",
    "primary": "false",
}

SAM = {
    "country": "USA",
    "notes": "",
    "gender": "Male",
    "city": "San Francisco",
    "prefix": "",
    "sys_updated_on": "2016-08-12 00:20:27",
    "suffix": "",
    "title": "",
    "number": "CSMR0000002",
    "notification": "2",
    "sys_id": "a0488cfbdb1b1200b6075200cf9619db",
    "business_phone": "",
    "sys_updated_by": "prithvi",
    "mobile_phone": "",
    "street": "144 2nd St",
    "sys_created_on": "2016-06-16 19:17:44",
    "sys_domain": "global",
    "state": "CA",
    "fax": "",
    "first_name": "Sam",
    "email": "sam.collins@mailinator.com",
    "preferred_language": "",
    "sys_created_by": "guest",
    "zip": "94105",
    # The spec shows "": the demo gives Sam the home phone his calls come from (issue 8).
    "home_phone": "+1 415 555 0134",
    "time_format": "",
    "sys_mod_count": "13",
    "last_name": "Collins",
    "photo": "",
    "active": "true",
    "middle_name": "",
    "time_zone": "",
    "sys_tags": "",
    "name": "Sam Collins",
    "household": "",
    "date_format": "",
    "user": "64488cfbdb1b1200b6075200cf9619db",
    "primary": "false",
}

LIST_URL = (
    "/api/now/consumer?sysparm_query=account=86837a386f0331003b3c498f5d3ee4ca"
    "&sysparm_limit=2&sysparm_offset=2"
)
GET_URL = "/api/now/consumer/01d8403fdb1b1200b6075200cf961941"

POST_BODY = {
    "country": "USA",
    "notes": "Never comes in before 10am",
    "gender": "Female",
    "city": "San Marcos",
    "prefix": "Ms",
    "title": "Director",
    "notification": "1",
    "business_phone": "(555)555-1234",
    "mobile_phone": "(555)555-1235",
    "street": "123 Sesame St",
    "state": "CA",
    "fax": "(555)555-1236",
    "first_name": "Jane",
    "zip": "92001",
    "home_phone": "(555)555-1234",
    "last_name": "Brown",
    "active": "true",
    "middle_name": "Dell",
    "time_zone": "PST",
    "name": "Jane Brown",
    "household": "4",
    "user": "c3d35d82c37122005871d44d81d3ae91",
    "primary": "false",
}

# The openframe spec's requests: a call created, then updated.
AGENT = "a8f98bb0eb32010045e1a5115206fe3a"
OPENFRAME_URL = "/api/now/openframe/voice-interaction"
PHONE_LOGS = [
    {"call_id": call_id, "agent": AGENT, "start_time": "2024-11-04 21:45:00"}
    for call_id in ("2323223", "33535353", "1997654")
]
INTERACTION_CONTEXT = {"devicetype": "genesys", "requester_session_language": "en-US"}
RELATED_RECORDS = [
    {"documentTable": "csm_consumer", "documentId": "59e788fbdb1b1200b6075200cf9619d2"},
    {"documentTable": "sys_user", "documentId": "62826bf03710200044e0bfc8bcbe5df1"},
]
OPENFRAME_POST = {
    "interaction": {
        "userPhoneNumber": "+1303506536",
        "clientSessionId": "a545t65678",
        "callbackPhoneNumber": "+14089965744",
        "additionalParams": {
            "direction": "inbound",
            "short_description": "New outbound call",
            "assigned_to": AGENT,
        },
    },
    "interactionContext": INTERACTION_CONTEXT,
    "phoneLogs": PHONE_LOGS,
    "relatedRecords": RELATED_RECORDS,
}
OPENFRAME_PATCH = {
    "interaction": {
        "additionalParams": {
            "direction": "inbound",
            "short_description": "New Poonam outbound call",
            "assigned_to": AGENT,
        }
    },
    "interactionContext": INTERACTION_CONTEXT,
    "phoneLogs": PHONE_LOGS,
    "relatedRecords": RELATED_RECORDS,
}

# The Customer Central spec's request and its example response (customer_central_example.json,
# the spec's text with the closing brace it lacks).
CUSTOMER_CENTRAL_URL = (
    "/api/sn_customercentral/cust_central/custinfo/csm_consumer/"
    "a0488cfbdb1b1200b6075200cf9619db/interaction"
)
_MOMENT = re.compile(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d")
_SLA_TIE = re.compile(r"\^EQ\^taskIN\w+\^")


def customer_central_example() -> dict[str, Any]:
    """The spec's response with its moments made ``<moment>`` (ours are relative to today),
    and the SLA card tied to Sam by ``task.consumer=`` where the spec lists his case ids
    (decision 0022)."""
    text = (Path(__file__).parent / "customer_central_example.json").read_text()
    text = _SLA_TIE.sub("^EQ^task.consumer=a0488cfbdb1b1200b6075200cf9619db^", text)
    found: dict[str, Any] = without_moments(json.loads(text))
    return found


def without_moments(document: Any) -> Any:
    """``document`` with every date-time in its strings made ``<moment>``."""
    return json.loads(_MOMENT.sub("<moment>", json.dumps(document)))
