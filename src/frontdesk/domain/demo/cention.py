"""The demo's contact centre, as Cention's API documents show it: the agents ``sysadmin``
and ``tester1`` with the five logio records, the organisation ``cention-org`` and its area
``test-services-area``, errand 33 (the report example), the answered errand 2256 with its
attachments 788-790 and embedded archive 12, attachment 1270, open errands for the close
and end-call examples (4321; a call on device 1000, extension 1000), Facebook ratings 3 and
4, contact card 13, and the workspace's time zone (Asia/Kuala_Lumpur, "+0800 MYT").

Rows get the ids the documents show when those are free (a fresh database); in a database
whose other workspaces already use them, they get the next ids instead. Loaded once: a
workspace that has the area already is left as it is.
"""

from __future__ import annotations

import base64
from datetime import UTC, datetime
from typing import Any

from frontdesk.domain.access import Actor
from frontdesk.domain.customers import cards
from frontdesk.domain.customers.cards import Reach
from frontdesk.domain.customers.ratings import RATINGS
from frontdesk.domain.demo import library, repository
from frontdesk.domain.demo.customer_service import demo_id
from frontdesk.domain.demo.rows import Rows
from frontdesk.domain.demo.servicenow import insert_missing
from frontdesk.domain.errands import agents, channels
from frontdesk.domain.errands import repository as errand_store
from frontdesk.domain.errands.service import Action
from frontdesk.domain.exports import service as exports
from frontdesk.domain.presence import repository as presence
from frontdesk.domain.records import service as records
from frontdesk.domain.services import Unit
from frontdesk.store.errand_tables import (
    agent,
    area,
    area_archive,
    contact_card,
    errand,
    errand_action,
    errand_attachment,
    errand_message,
    errand_tag,
    organisation,
    tag,
)
from frontdesk.store.schema import sa_table
from frontdesk.store.tables import REGISTRY

SYSADMIN = demo_id("cention-sysadmin")
TESTER = demo_id("cention-tester1")
CARD_CONSUMER = demo_id("cention-card-13")
ORGANISATION, AREA = "cention-org", "test-services-area"
TIME_ZONE = "Asia/Kuala_Lumpur"
# The demo's export preset: every errand, every field.
EXPORT_PRESET = "demo: every errand"
# Device and extension of tester1's phone, as the create and end-call examples name them.
PHONE = (1000, 1000)
# The spec's logio sample: (login name, unix seconds, signed in).
LOGIO = (
    ("sysadmin", 1554108462, False),
    ("tester1", 1554108529, False),
    ("sysadmin", 1554108536, True),
    ("sysadmin", 1554108578, False),
    ("tester1", 1554108586, True),
)
# A 1x1 transparent PNG: the image errand 2256's answer embeds.
PIXEL = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="
)
APPLE = b"Apple Pen Pineapple Pen"


def _at(text: str) -> datetime:
    """A UTC time written ``YYYY-MM-DD HH:MM:SS``."""
    return datetime.strptime(text, "%Y-%m-%d %H:%M:%S")


async def load(unit: Unit, actor: Actor) -> int:
    """Load it (once); the id of the area the demo's token creates errands in."""
    ws = actor.workspace_id
    loaded = await errand_store.area_named(unit.tx, workspace_id=ws, name=AREA)
    if loaded is not None:
        return loaded
    rows = Rows(unit, ws)
    await _people(unit, actor, rows)
    org = await rows.add(
        organisation, {"name": ORGANISATION, "created_on": _at("2015-07-01 00:00:00")}, want=3
    )
    services_area = await rows.add(
        area,
        {"organisation_id": org, "name": AREA, "created_on": _at("2015-07-01 00:00:00")},
        want=1,
    )
    high = await rows.add(tag, {"name": "Test High Tag"}, want=32)
    await _card_13(unit, actor, rows)
    await _errand_33(unit, actor, rows, services_area, high)
    await _errand_2256(unit, actor, rows, services_area)
    await _others(unit, actor, rows, services_area)
    await _ratings(unit, actor, rows)
    await library.load(unit, actor, rows)
    await exports.create(unit, ws, EXPORT_PRESET)
    await rows.settle()
    return services_area


async def _people(unit: Unit, actor: Actor, rows: Rows) -> None:
    users = REGISTRY["sys_user"]
    for sys_id, user_name, first, last in (
        (TESTER, "tester1", "Tester", "One"),
        (SYSADMIN, "sysadmin", "System", "Administrator"),
    ):
        email = f"{user_name}@example.com"
        fields = {"sys_id": sys_id, "user_name": user_name, "first_name": first, "last_name": last}
        await insert_missing(unit, actor, users, {**fields, "email": email})
    await insert_missing(
        unit,
        actor,
        REGISTRY["sys_properties"],
        {
            "sys_id": demo_id("cention-time-zone"),
            "name": "glide.sys.default.tz",
            "value": TIME_ZONE,
        },
    )
    device, extension = PHONE
    values = {"system_group": agents.DEFAULT_GROUP}
    await rows.add(
        agent,
        {"user_sys_id": TESTER, **values, "device_id": device, "extension_id": extension},
        want=1,
    )
    await rows.add(agent, {"user_sys_id": SYSADMIN, **values}, want=2)
    await presence.add_events(
        unit.tx,
        [
            {
                "workspace_id": rows.ws,
                "user_name": name,
                "system_group": agents.DEFAULT_GROUP,
                "signed_in": signed_in,
                "at": datetime.fromtimestamp(seconds, UTC).replace(tzinfo=None),
            }
            for name, seconds, signed_in in LOGIO
        ],
    )


async def _card_13(unit: Unit, actor: Actor, rows: Rows) -> None:
    """Tester Cention, whose contacts the spec's contact card request gives again (so it
    appends to this card: 200, id 13)."""
    consumers = REGISTRY["csm_consumer"]
    fields = {"sys_id": CARD_CONSUMER, "first_name": "Tester", "last_name": "Cention"}
    await insert_missing(unit, actor, consumers, {**fields, "email": "tester.c3@cention.se"})
    at = _at("2017-01-20 10:00:00")
    await rows.add(contact_card, {"consumer_sys_id": CARD_CONSUMER, "created_on": at}, want=13)
    contacts = [
        (Reach.EMAIL, "tester.c3@cention.se"),
        (Reach.EMAIL, "tester.c3.2@cention.se"),
        (Reach.FACEBOOK, "12345@facebook.com"),
    ]
    await cards.save(unit, actor, name="Tester Cention", contacts=contacts)


async def _sender(unit: Unit, actor: Actor, name: str, address: str, reach: Reach) -> int:
    saved = await cards.save(unit, actor, name=name, contacts=[(reach, address)])
    return saved.card_id


async def _action(
    rows: Rows, errand_id: int, kind: Action, at: str, *, by: str | None, want: int | None = None
) -> None:
    origin = {SYSADMIN: "System Administrator", TESTER: "Tester One"}.get(by or "", "System")
    values = {"errand_id": errand_id, "kind": kind.value, "user_sys_id": by, "origin": origin}
    await rows.add(errand_action, {**values, "at": _at(at)}, want=want)


async def _message(rows: Rows, errand_id: int, *, outbound: bool, at: str, **values: Any) -> None:
    await rows.add(
        errand_message,
        {"errand_id": errand_id, "outbound": outbound, "created_on": _at(at), **values},
    )


def _errand(**values: Any) -> dict[str, Any]:
    activity = channels.by_number(values["channel"]).activity
    base = {"answered": False, "closed": False, "dirty": True, "activity": activity}
    return {**base, **values, "created_on": _at(values["created_on"])} | {
        key: _at(values[key]) for key in ("answered_on", "closed_on") if values.get(key)
    }


async def _errand_33(unit: Unit, actor: Actor, rows: Rows, area_id: int, high: int) -> None:
    """The errand report example, as the spec prints it."""
    name, address = "Cention \u0108\u0108\u0108, Leader", "test.account@cention.se"
    card = await _sender(unit, actor, name, address, Reach.EMAIL)
    done = "2015-07-17 09:08:26"
    number = await rows.add(
        errand,
        _errand(
            area_id=area_id, channel=1, card_id=card, from_address=address, from_name=name,
            to_address="test.tester@cention.asia", subject="test", agent_sys_id=SYSADMIN,
            answered=True, closed=True, closed_by_type="cention", closed_by_id="2",
            created_on="2015-07-16 12:47:00", answered_on=done, closed_on=done, thread_id=32,
        ),
        want=33,
    )  # fmt: skip
    await _message(rows, number, outbound=False, at="2015-07-16 12:47:00", subject="test",
                   body="test222", html_body='<div dir="ltr">test222</div>\r\n',
                   address=address, name=name)  # fmt: skip
    await _message(rows, number, outbound=True, at=done, subject="test", body="test body",
                   address=address, name=name)  # fmt: skip
    await _action(rows, number, Action.OPENED, "2015-07-16 12:50:17", by=SYSADMIN, want=83)
    await _action(rows, number, Action.OPENED, "2015-07-17 09:07:48", by=SYSADMIN, want=111)
    await _action(rows, number, Action.ANSWERED, done, by=SYSADMIN, want=112)
    await repository.link(unit.tx, errand_tag, {"errand_id": number, "tag_id": high})


async def _errand_2256(unit: Unit, actor: Actor, rows: Rows, area_id: int) -> None:
    """The callback example's errand: created through the API (the spec's create request),
    answered with its attachments and an embedded image."""
    name, address = "David Liew", "david.liew@test.se"
    card = await _sender(unit, actor, name, address, Reach.EMAIL)
    created, done = "2017-01-22 08:53:04", "2017-01-22 09:12:40"
    number = await rows.add(
        errand,
        _errand(
            area_id=area_id, channel=19, card_id=card, message_id="msgid_1485096554",
            from_address=address, from_name=name, subject="Creating test errand via API",
            cuid="5462-13-6485", agent_sys_id=SYSADMIN, answered=True, closed=True,
            closed_by_type="cention", closed_by_id="2", created_on=created, answered_on=done,
            closed_on=done,
        ),
        want=2256,
    )  # fmt: skip
    await _message(rows, number, outbound=False, at=created, subject="Creating test errand via API",
                   body="Test message body at Sun, 22 Jan 2017 16:53:04 +0800", html_body="",
                   address=address, name=name)  # fmt: skip
    archive = await rows.add(
        area_archive,
        {"area_id": area_id, "name": "pixel.png", "content_type": "image/png", "content": PIXEL,
         "created_on": _at(done)},
        want=12,
    )  # fmt: skip
    html = (
        '<div><span style="font-size:;font-family:;">sadadad<img src="cid:'
        f'{archive}" /></span><img src="cid:attachment_788" /></div>'
    )
    await _message(rows, number, outbound=True, at=done, subject="Creating test errand via API",
                   body="text", html_body=html, address=address, name=name)  # fmt: skip
    for want, file_name, content in (
        (788, "tst1.txt", APPLE),
        (789, "tst2.txt", b"Orange Juice!"),
        (790, "tst3.txt", b"Banana Split"),
    ):
        await rows.add(
            errand_attachment,
            {"errand_id": number, "name": file_name, "content_type": "text/plain",
             "content": content, "created_on": _at(created)},
            want=want,
        )  # fmt: skip
    await errand_store.add_archive_link(unit.tx, errand_id=number, archive_id=archive)
    await _action(rows, number, Action.CREATED, created, by=None)
    await _action(rows, number, Action.ANSWERED, done, by=SYSADMIN)


async def _others(unit: Unit, actor: Actor, rows: Rows, area_id: int) -> None:
    """Errand 34 (answered, with attachment 1270), errand 35 (new: the dirty list's POST
    example), errand 4321 (open: the close example) and an open call on tester1's phone
    (the end-call example)."""
    answered = "2016-03-02 08:15:00"
    card = await _sender(unit, actor, "Test Account", "test.account@cention.se", Reach.EMAIL)
    number = await rows.add(
        errand,
        _errand(area_id=area_id, channel=1, card_id=card, from_address="test.account@cention.se",
                from_name="Test Account", subject="Invoice copy", agent_sys_id=TESTER,
                answered=True, closed=True, closed_by_type="cention", closed_by_id="1",
                created_on="2016-03-01 09:00:00", answered_on=answered, closed_on=answered),
        want=34,
    )  # fmt: skip
    await _message(rows, number, outbound=False, at="2016-03-01 09:00:00", subject="Invoice copy",
                   body="Could you send me a copy of my last invoice?",
                   address="test.account@cention.se", name="Test Account")  # fmt: skip
    await _message(rows, number, outbound=True, at=answered, subject="Re: Invoice copy",
                   body="Here it is.", address="test.account@cention.se",
                   name="Test Account")  # fmt: skip
    await rows.add(
        errand_attachment,
        {"errand_id": number, "name": "tst1_1.txt", "content_type": "text/plain",
         "content": APPLE, "created_on": _at(answered)},
        want=1270,
    )  # fmt: skip
    await _action(rows, number, Action.CREATED, "2016-03-01 09:00:00", by=None)
    await _action(rows, number, Action.ANSWERED, answered, by=TESTER)
    for want, channel, name, address, subject, created, extra in OPEN:
        reach = Reach.VOICE if channel == 18 else Reach.EMAIL
        card = await _sender(unit, actor, name, address, reach)
        number = await rows.add(
            errand,
            _errand(area_id=area_id, channel=channel, card_id=card, from_address=address,
                    from_name=name, subject=subject, created_on=created, **extra),
            want=want,
        )  # fmt: skip
        await _message(rows, number, outbound=False, at=created, subject=subject,
                       body=f"{subject}, please.", address=address, name=name)  # fmt: skip
        await _action(rows, number, Action.CREATED, created, by=None)


# Open errands: (id, channel, sender, address, subject, created, more columns).
OPEN: tuple[tuple[int, int, str, str, str, str, dict[str, Any]], ...] = (
    (35, 19, "Anna Svensson", "anna.svensson@example.se", "Delivery date",
     "2019-04-01 08:30:00", {}),
    (4321, 1, "Lee Mei Ling", "mei.ling@example.my", "Change my appointment",
     "2020-06-25 01:00:00", {}),
    (4322, 18, "Caller", "+60374571234", "Call from +60374571234", "2020-06-25 01:17:45",
     {"device_id": PHONE[0], "extension_id": PHONE[1], "agent_sys_id": TESTER,
      "integration": {"integrationName": "aventa", "deviceId": PHONE[0],
                      "extensionId": PHONE[1], "destNumber": "60374571234",
                      "queueName": "EHS", "queueNumber": "123"}}),
)  # fmt: skip


async def _ratings(unit: Unit, actor: Actor, rows: Rows) -> None:
    """Ratings 3 (the spec's) and 4, changed until fetched."""
    table = sa_table(RATINGS.name)
    for want, values in (
        (3, {"rating": 5, "message": "Hi its a really great page. It helps to find more people:)",
             "reviewer_id": "2117249628", "reviewer_name": "Jessica Elizabeth",
             "rated_on": "2017-03-15 09:10:20"}),
        (4, {"rating": 4, "message": "Quick answers, friendly people.",
             "reviewer_id": "100004123456789", "reviewer_name": "Ahmad Razak",
             "rated_on": "2017-03-16 02:45:00"}),
    ):  # fmt: skip
        sys_id = demo_id(f"cention-rating-{want}")
        await records.insert(
            unit, actor, RATINGS, {"sys_id": sys_id, "channel": "facebook", **values}
        )
        await rows.renumber(table, sys_id, want)
