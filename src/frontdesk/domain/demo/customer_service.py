"""Demo records behind the openframe and Customer Central examples: the agents and the
consumer they name, and Sam Collins's cases, SLAs, calls and chats, knowledge views,
contracts and entitlements (dated relative to the day the demo is loaded), with the cards
of the spec's example response configured for consumers and interactions."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from datetime import date, timedelta
from typing import Any

import orjson

from frontdesk.domain import clock
from frontdesk.domain.access import Actor
from frontdesk.domain.demo.servicenow import EXAMPLE_ACCOUNT, SAM, insert_missing
from frontdesk.domain.services import Unit
from frontdesk.store.tables import REGISTRY

SAM_USER = "64488cfbdb1b1200b6075200cf9619db"
# The openframe examples' agent (assigned_to, a phone log's agent), the user named in
# their related records, and their consumer.
AGENT = "a8f98bb0eb32010045e1a5115206fe3a"
RELATED_USER = "62826bf03710200044e0bfc8bcbe5df1"
POONAM = "59e788fbdb1b1200b6075200cf9619d2"
SAM_HOME_PHONE = "+1 415 555 0134"
CONTEXT = "7a4c1e5fdb3b0010e6d4fd820b767e01"
DONUT_STYLE = {
    "width": "auto",
    "height": "auto",
    "colorPalette": ["#278ecf", "#4bd762", "#ffca1f", "#ff9416", "#d42ae8"],
    "hideRegister": False,
    "registerConfig": {"hideBorder": True, "showPercentages": False},
    "registerPosition": "right",
    "showDataLabels": False,
    "dataLabelConfig": {"showTotal": False},
    "showTooltip": True,
}
SCORE_STYLE = {"scoreColor": "#000000", "show_zero": True}


def demo_id(label: str) -> str:
    return hashlib.md5(f"frontdesk-demo-{label}".encode()).hexdigest()


def _people() -> Iterator[tuple[str, dict[str, Any]]]:
    yield (
        "sys_user",
        {
            "sys_id": AGENT,
            "user_name": "beth.anglin",
            "first_name": "Beth",
            "last_name": "Anglin",
            "email": "beth.anglin@example.com",
            "title": "Customer Service Agent",
        },
    )
    yield (
        "sys_user",
        {
            "sys_id": RELATED_USER,
            "user_name": "abel.tuter",
            "first_name": "Abel",
            "last_name": "Tuter",
            "email": "abel.tuter@example.com",
        },
    )
    yield "customer_account", {"sys_id": EXAMPLE_ACCOUNT, "name": "Mailinator Inc."}
    yield (
        "csm_consumer",
        {
            "sys_id": POONAM,
            "first_name": "Poonam",
            "last_name": "Sharma",
            "email": "poonam.sharma@example.com",
            "mobile_phone": "+1 303 506 536",
            "city": "Boulder",
            "state": "CO",
            "country": "USA",
        },
    )
    yield (
        "sys_cs_provider_application",
        {
            "sys_id": demo_id("provider"),
            "name": "Genesys Cloud voice",
            "inbound_id": "genesys-voice",
            "provider": "Genesys",
        },
    )


def _sam(days_ago: int) -> dict[str, Any]:
    """System fields of a record of Sam's, created ``days_ago`` days before today."""
    moment = clock.now() - timedelta(days=days_ago, hours=days_ago % 5)
    return {"sys_created_on": moment, "sys_updated_on": moment}


def _records() -> Iterator[tuple[str, dict[str, Any], dict[str, Any]]]:
    sla = demo_id("sla-p1")
    yield "contract_sla", {"sys_id": sla, "name": "Case resolution (P1)", "type": "SLA"}, {}
    # Cases: (short description, state, priority, escalation, days ago)
    cases = [
        ("Router drops the connection every evening", 10, 1, "2", 2),
        ("Billed twice for November", 10, 2, "", 4),
        ("Cannot sign in to the mobile app", 1, 1, "", 5),
        ("Replacement modem not delivered", 18, 3, "1", 8),
        ("Change of address", 6, 4, "", 11),
        ("Slow speeds since the upgrade", 10, 3, "", 13),
        ("Parental controls do not apply", 3, 4, "", 17),
        ("Refund for the outage", 6, 2, "", 21),
        ("Second line activation", 3, 4, "", 26),
    ]
    for index, (title, state, priority, escalation, days) in enumerate(cases):
        case = demo_id(f"case-{index}")
        active = state not in (3, 6, 7)
        yield (
            "sn_customerservice_case",
            {
                "sys_id": case,
                "short_description": title,
                "state": state,
                "priority": priority,
                "active": active,
                "active_escalation": escalation or None,
                "consumer": SAM,
                "assigned_to": AGENT,
                "contact_type": "phone" if index % 2 else "web",
            },
            _sam(days),
        )
        if priority <= 2:
            yield (
                "task_sla",
                {
                    "sys_id": demo_id(f"task-sla-{index}"),
                    "task": case,
                    "sla": sla,
                    "stage": "in_progress" if active else "completed",
                    "has_breached": index in (0, 2),
                },
                _sam(days),
            )
    # Interactions: (type, state, short description, days ago)
    calls = [
        ("phone", "closed_complete", "Router keeps disconnecting", 2),
        ("phone", "closed_complete", "Double billing", 4),
        ("phone", "closed_abandoned", "Call dropped in queue", 9),
        ("phone", "work_in_progress", "Follow-up on the modem", 0),
        ("chat", "closed_complete", "Sign-in help", 5),
        ("chat", "closed_complete", "Address change", 11),
    ]
    for index, (kind, status, summary, ago) in enumerate(calls):
        yield (
            "interaction",
            {
                "sys_id": demo_id(f"interaction-{index}"),
                "type": kind,
                "state": status,
                "active": status not in ("closed_complete", "closed_abandoned"),
                "direction": "inbound",
                "short_description": summary,
                "consumer": SAM,
                "assigned_to": AGENT,
                "caller_phone_number": SAM_HOME_PHONE if kind == "phone" else None,
            },
            _sam(ago),
        )
    articles = ["Restart your router", "Read your bill", "Reset your password"]
    for index, title in enumerate(articles):
        article = demo_id(f"kb-{index}")
        yield "kb_knowledge", {"sys_id": article, "short_description": title}, {}
        yield (
            "kb_use",
            {"sys_id": demo_id(f"kb-use-{index}"), "article": article, "user": SAM_USER},
            _sam(index * 3 + 1),
        )
    today = date.today()
    for index, title in enumerate(["Home broadband", "Mobile plan"]):
        yield (
            "ast_contract",
            {
                "sys_id": demo_id(f"contract-{index}"),
                "short_description": title,
                "state": "active",
                "consumer": SAM,
                "starts": today - timedelta(days=20),
                "ends": today + timedelta(days=345),
            },
            _sam(20 + index),
        )
    for index, (title, ends) in enumerate([("Premium support", None), ("Free repairs", 90)]):
        yield (
            "service_entitlement",
            {
                "sys_id": demo_id(f"entitlement-{index}"),
                "entitlement_name": title,
                "consumer": SAM,
                "start_date": today - timedelta(days=20),
                "end_date": today + timedelta(days=ends) if ends else None,
            },
            _sam(20 + index),
        )


def _report(sys_id: str, title: str, order: int, **fields: Any) -> dict[str, Any]:
    return {
        "sys_id": sys_id,
        "title": title,
        "order": order,
        "relationship": "consumer={sys_id}",
        "source_id": "sn_customerservice_case",
        "style": orjson.dumps(SCORE_STYLE).decode(),
        **fields,
    }


def _list(title: str, order: int, source: str, filter_: str, **fields: Any) -> dict[str, Any]:
    return {
        "sys_id": demo_id(f"card-{title}"),
        "context": CONTEXT,
        "title": title,
        "order": order,
        "source_table": source,
        "filter": filter_,
        "relationship": "consumer={sys_id}",
        **fields,
    }


def _cards() -> Iterator[tuple[str, dict[str, Any]]]:
    """Sam Collins's context: the spec's example response, card for card."""
    yield (
        "sn_customercentral_cust_info_config",
        {
            "sys_id": CONTEXT,
            "name": "Consumer interactions",
            "context_table": "csm_consumer",
            "target_table": "interaction",
            "layout": "6,6",
        },
    )
    yield (
        "sn_customercentral_record_config",
        {
            "sys_id": demo_id("card-consumer"),
            "context": CONTEXT,
            "title": "Consumer",
            "order": 100,
            "fields": "mobile_phone,business_phone,email,street,city,state",
        },
    )
    group = demo_id("card-high-priority")
    yield (
        "sn_customercentral_report_group_config",
        {
            "sys_id": group,
            "context": CONTEXT,
            "title": "High priority cases",
            "order": 200,
        },
    )
    escalated = "active=true^active_escalationISNOTEMPTY"
    yield (
        "sn_customercentral_report_config",
        _report(
            "c169a0f50f3b0010e6d4fd820b767e2e",
            "Escalated",
            10,
            report_group=group,
            filter=escalated,
        ),
    )
    yield (
        "sn_customercentral_report_config",
        _report(
            "cce86cb50f3b0010e6d4fd820b767eba",
            "P1",
            20,
            report_group=group,
            filter="active=true^priority=1",
        ),
    )
    breached = (
        "task.active=true^task.sys_class_name=sn_customerservice_case^stage!=cancelled"
        "^task.closed_atISEMPTY^sla.type=SLA^has_breached=true"
    )
    yield (
        "sn_customercentral_report_config",
        _report(
            "e739a0f50f3b0010e6d4fd820b767e22",
            "SLA breached",
            30,
            report_group=group,
            source_id="task_sla",
            filter=breached,
            relationship="task.consumer={sys_id}",
        ),
    )
    yield (
        "sn_customercentral_report_config",
        _report(
            "d169216c0f770010e6d4fd820b767ea8",
            "Case overview",
            300,
            context=CONTEXT,
            report_type="donut",
            group_by="state",
            style=orjson.dumps(DONUT_STYLE).decode(),
        ),
    )
    yield (
        "sn_customercentral_list_config",
        _list(
            "Recent cases",
            400,
            "sn_customerservice_case",
            "active=true",
            list_fields="number,short_description,state,priority",
        ),
    )
    yield (
        "sn_customercentral_list_config",
        _list(
            "Recent chat interactions",
            500,
            "interaction",
            "active=false^type=chat",
            list_fields="number,short_description,state",
        ),
    )
    yield (
        "sn_customercentral_list_config",
        _list(
            "Recent phone calls",
            600,
            "interaction",
            "active=false^type=phone",
            list_fields="number,short_description,state,caller_phone_number",
        ),
    )
    yield (
        "sn_customercentral_list_config",
        _list(
            "Recent viewed articles",
            700,
            "kb_use",
            "",
            relationship="user={user}^viewed=true",
            list_fields="article,times_viewed",
        ),
    )
    yield (
        "sn_customercentral_list_config",
        _list(
            "Contracts",
            800,
            "ast_contract",
            "active=true^state=Active",
            list_fields="number,short_description,ends",
        ),
    )
    yield (
        "sn_customercentral_list_config",
        _list(
            "Entitlements",
            900,
            "service_entitlement",
            "active=true^end_date=NULL^ORend_date>=javascript:gs.beginningOfToday()",
            list_fields="entitlement_name,end_date",
        ),
    )


async def load(unit: Unit, actor: Actor) -> None:
    for table, fields in _people():
        await insert_missing(unit, actor, REGISTRY[table], fields)
    for table, fields, system in _records():
        await insert_missing(unit, actor, REGISTRY[table], fields, system or None)
    for table, fields in _cards():
        await insert_missing(unit, actor, REGISTRY[table], fields)
