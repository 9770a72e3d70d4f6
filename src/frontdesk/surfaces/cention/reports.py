"""``c3_errand_reports/{id}`` (reading one clears its dirty flag) and
``c3_dirty_errand_list`` (GET: every changed errand; POST: force errands dirty), in the
shapes the spec shows. Times are the workspace's (``glide.sys.default.tz``) as Cention
prints them: ``2015-07-16 20:50:17 +0800 MYT``.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

from starlette.responses import Response

from frontdesk.domain.errands import channels
from frontdesk.domain.errands import service as errands
from frontdesk.domain.errands.service import Action, Report
from frontdesk.domain.properties import service as properties
from frontdesk.domain.records.values import zone
from frontdesk.surfaces.cention import jsonapi
from frontdesk.surfaces.cention.access import ERRAND_DATA
from frontdesk.surfaces.cention.call import Call, endpoint
from frontdesk.surfaces.cention.jsonapi import Problem

REPORTS, DIRTY = "c3_errand_reports", "c3_dirty_errand_list"
FIELDS = ("actions", "basic", "c3_id", "changed", "extended", "sla")
# Abbreviations people use where the time-zone database has only a number ("+08").
_ABBREVIATIONS = {
    "Asia/Kuala_Lumpur": "MYT",
    "Asia/Singapore": "SGT",
    "Asia/Manila": "PHT",
    "Asia/Jakarta": "WIB",
    "Asia/Ho_Chi_Minh": "ICT",
    "Asia/Bangkok": "ICT",
}
_VERBS = {
    Action.CREATED: "created",
    Action.OPENED: "opened",
    Action.ANSWERED: "answered and closed",
    Action.CLOSED: "closed",
}
_ANSWERED_ICON = (
    '<img src="/ng/img/icons/ACTION_ANSWER.png" style="vertical-align:middle;" '
    'title="Errand has been answered" border="0"/> '
)
_NEW_ICON = (
    '<img src="/ng/img/icons/ACTION_NEW.png" style="vertical-align:middle;" '
    'title="New errand" border="0"/> '
)
_SUBJECT_ICON = (
    '<img src="/Cention.app/Resources/Images/unassuming-icon.gif" title="From Cention" '
    'style="vertical-align:middle;" border="0"/> '
)


class Clock:
    """Stored (UTC) times as the workspace's wall clock."""

    def __init__(self, where: ZoneInfo | None) -> None:
        self.where = where

    def local(self, moment: datetime) -> datetime:
        aware = moment.replace(tzinfo=UTC)
        return aware.astimezone(self.where) if self.where else aware

    def long(self, moment: datetime) -> str:
        shown = self.local(moment)
        name = shown.tzname() or "UTC"
        if self.where is not None and name[:1] in "+-":
            name = _ABBREVIATIONS.get(str(self.where.key), name)
        return shown.strftime("%Y-%m-%d %H:%M:%S %z ") + name

    def short(self, moment: datetime | None, empty: str = "") -> str:
        return self.local(moment).strftime("%Y/%m/%d %H:%M") if moment else empty


def _actor(who: str, user_sys_id: str | None) -> str:
    """Who acted, as a note says it: an agent, the system, or a client of the API (a
    token's name, or the user type and id a client gave)."""
    if user_sys_id is not None:
        return f"agent {who}"
    return "the system" if who == "System" else f"{who} through the API"


def _actions(report: Report, clock: Clock) -> list[dict[str, Any]]:
    errand_id = report.errand["id"]
    found = []
    for action in report.actions:
        at: datetime = action["at"]
        who = str(action["origin"])
        by = _actor(who, action["user_sys_id"])
        verb = _VERBS.get(Action(action["kind"]), action["kind"])
        found.append(
            {
                "id": int(action["id"]),
                "note": f"Errand {errand_id} was {verb} by {by} at {clock.long(at)}.",
                "origin": who,
                "time": clock.long(at),
                "timeStamp": int(at.replace(tzinfo=UTC).timestamp()),
            }
        )
    return found


def _basic(report: Report, clock: Clock) -> dict[str, Any]:
    e, question = report.errand, report.question
    channel = channels.by_number(int(e["channel"]))
    name, address = e["from_name"] or "", e["from_address"] or ""
    to = [e["to_address"]] if e["to_address"] else []
    data = {
        "id": e["id"],
        "displayId": str(e["id"]),
        "status": _ANSWERED_ICON if e["answered"] else _NEW_ICON,
        "service": channel.number,
        "serviceName": channel.name,
        "organisationId": e["organisation_id"] or 0,
        "organisationName": e["organisation_name"] or "",
        "area": e["area_id"] or 0,
        "areaName": e["area_name"] or "",
        "priority": "",
        "agentId": e["agent_number"] or 0,
        "agent": e["agent_name"] or "",
        "from": f"{name} ({address})" if name and address else name or address,
        "fromAddress": address,
        "fromName": name,
        "to": ", ".join(to),
        "toAddresses": to,
        "copy": "",
        "copyAddresses": None,
        "subject": e["subject"] or "",
        "iconicSubject": _SUBJECT_ICON + (e["subject"] or ""),
        "body": (question["html_body"] or question["body"] or "") if question else "",
        "date": clock.short(e["created_on"]),
        "answeredDate": clock.short(e["answered_on"], "No Date"),
        "donedate": "No Date",
        "attachments": str(len(report.attachments)),
        "closed": bool(e["closed"]),
        "deleted": False,
        "answered": bool(e["answered"]),
        "wasForwardedToExternal": False,
        "wasClonedAndForwardedExternal": False,
        "feedbackAnswer": "",
        "feedbackLink": "",
        "fbPms": False,
        "fbLikes": "",
        "fbAction": "",
        "sendPm": False,
        "hasAnswer": False,
        "answerDeleted": False,
        "retweet": False,
        "twitterPm": False,
        "secureUserId": "",
    }
    return {
        "acquired": e["agent_sys_id"] is not None and not e["closed"],
        "data": data,
        "groupWith": 0,
        "hasChild": False,
        "id": e["id"],
        "style": {},
        "threadId": e["thread_id"] or e["id"],
    }


def _sla(report: Report) -> dict[str, Any]:
    return {
        "done_due": False,
        "expiry": 0,
        "handling_time": report.handling_seconds,
        "response_time": report.response_seconds,
        "within_sla": False,
    }


def attributes(report: Report, clock: Clock) -> dict[str, Any]:
    answer = report.answer
    return {
        "actions": _actions(report, clock),
        "basic": _basic(report, clock),
        "c3_id": report.errand["id"],
        "changed": report.was_dirty,
        "extended": {
            "answer_body": (answer["body"] or "") if answer else "",
            "answer_subject": (answer["subject"] or "") if answer else "",
            "errand_tags": [{"desc": name, "id": key} for key, name in report.tags],
            "feedback": {"Answer": "", "QuestionHTML": "", "QuestionText": "", "value": 0},
        },
        "sla": _sla(report),
    }


async def clock_of(call: Call) -> Clock:
    name = await properties.get(call.unit, call.workspace.id, "glide.sys.default.tz")
    return Clock(zone(name))


@endpoint(ERRAND_DATA, writes=True)
async def report(call: Call) -> Response:
    fields = jsonapi.sparse(call.request.query_params.multi_items())
    found = await errands.report(call.unit, call.workspace.id, call.key("errand"))
    item = jsonapi.resource(REPORTS, found.errand["id"], attributes(found, await clock_of(call)))
    return jsonapi.respond(jsonapi.document(jsonapi.only(item, fields, FIELDS)))


@endpoint(ERRAND_DATA)
async def dirty(call: Call) -> Response:
    ids = await errands.dirty(call.unit, call.workspace.id)
    return jsonapi.respond(jsonapi.document(jsonapi.resource(DIRTY, 0, {"errands": ids})))


@endpoint(ERRAND_DATA, writes=True)
async def force_dirty(call: Call) -> Response:
    data = (await call.document())["data"]
    if data.get("type") != DIRTY:
        raise Problem(409, f"data.type must be {DIRTY}.", pointer="/data/type")
    given = (
        (data.get("attributes") or {}).get("errands")
        if isinstance(data.get("attributes"), dict)
        else None
    )
    if not isinstance(given, list) or not all(
        isinstance(i, int) and not isinstance(i, bool) and 0 < i < 2**63 for i in given
    ):
        raise Problem(
            400,
            "/data/attributes/errands must be a list of errand ids.",
            pointer="/data/attributes/errands",
        )
    await errands.force_dirty(call.unit, call.workspace.id, given)
    return jsonapi.respond({"data": {"type": DIRTY, "id": "0"}})
