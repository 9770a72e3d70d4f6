"""Errands: create one (its sender becomes or matches a contact card), answer and close it,
end a call, read its report (which clears its dirty flag), list and force the dirty ones,
and read its attachments and archives.

Every state change is an action; every change makes the errand dirty; answering one
queues the ``errand.answered`` webhook in the same transaction.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any

from frontdesk.domain import clock
from frontdesk.domain.access import Actor
from frontdesk.domain.customers import cards
from frontdesk.domain.errands import repository
from frontdesk.domain.errands.channels import Channel
from frontdesk.domain.services import Unit
from frontdesk.domain.webhooks import outbox
from frontdesk.errors import Conflict, NotFound, Thing

ANSWERED = "errand.answered"


class Action(StrEnum):
    CREATED = "created"
    OPENED = "opened"
    ANSWERED = "answered"  # answered and closed
    CLOSED = "closed"  # closed without an answer (a call that ended)


@dataclass(frozen=True, slots=True)
class File:
    name: str
    content_type: str
    content: bytes
    content_id: str | None = None


@dataclass(frozen=True, slots=True)
class Message:
    message_id: str = ""
    name: str = ""
    address: str = ""
    subject: str = ""
    body: str = ""
    html_body: str = ""
    attachments: tuple[File, ...] = ()


@dataclass(frozen=True, slots=True)
class Closer:
    """Who closed an errand, as the client names them; nobody named: the system."""

    user_type: str = ""
    user_id: str = ""

    @property
    def is_system(self) -> bool:
        return not self.user_type.strip() and not self.user_id.strip()


@dataclass(frozen=True, slots=True)
class Answer:
    closer: Closer
    subject: str = ""
    body: str = ""
    html_body: str = ""
    attachments: tuple[File, ...] = ()


@dataclass(frozen=True, slots=True)
class Call:
    """An agent's phone: the device and extension that identify them."""

    device_id: int
    extension_id: int


@dataclass(frozen=True, slots=True)
class NewErrand:
    channel: Channel
    message: Message
    area: str | None = None
    answer: Answer | None = None
    extradata: str | None = None
    integration: Mapping[str, Any] | None = None
    watemplate: Any = None
    cuid: str | None = None
    call: Call | None = None


@dataclass(frozen=True, slots=True)
class Origin:
    """Who acts (named in actions) and the server's address (for links sent later)."""

    name: str
    base_url: str


@dataclass(frozen=True, slots=True)
class Report:
    errand: Mapping[str, Any]
    actions: Sequence[Mapping[str, Any]]
    messages: Sequence[Mapping[str, Any]]
    tags: Sequence[tuple[int, str]]
    attachments: Sequence[int]
    archives: Sequence[int]
    was_dirty: bool

    @property
    def question(self) -> Mapping[str, Any] | None:
        return next((m for m in self.messages if not m["outbound"]), None)

    @property
    def answer(self) -> Mapping[str, Any] | None:
        return next((m for m in reversed(self.messages) if m["outbound"]), None)

    @property
    def handling_seconds(self) -> int:
        """From its arrival until it was closed (or answered); 0 while open."""
        e = self.errand
        return _seconds(e["created_on"], e["closed_on"] or e["answered_on"])

    @property
    def response_seconds(self) -> int:
        """From its arrival until it was answered; 0 while unanswered."""
        return _seconds(self.errand["created_on"], self.errand["answered_on"])


def _seconds(start: datetime, end: datetime | None) -> int:
    return max(int((end - start).total_seconds()), 0) if end else 0


@dataclass(frozen=True, slots=True)
class Stored:
    id: int
    name: str
    content_type: str
    content: bytes
    content_id: str | None = None


@dataclass(slots=True)
class _Acted:
    origin: str
    user_sys_id: str | None = None


async def _area(unit: Unit, workspace_id: int, given: str) -> int:
    found = await repository.area_id(unit.tx, workspace_id=workspace_id, given=given)
    if found is None:
        raise NotFound(Thing.AREA, given)
    return found


async def _card(unit: Unit, actor: Actor, new: NewErrand) -> int | None:
    """The card of the errand's sender (made if they are new), when the channel says how."""
    address, reach = new.message.address.strip(), new.channel.reach
    if not address or reach is None:
        return None
    contacts = [(reach, address)]
    saved = await cards.save(unit, actor, name=new.message.name, contacts=contacts, cuid=new.cuid)
    return saved.card_id


def _files(
    workspace_id: int, errand_id: int, files: Sequence[File], at: datetime
) -> list[dict[str, Any]]:
    return [
        {
            "workspace_id": workspace_id,
            "errand_id": errand_id,
            "name": f.name,
            "content_type": f.content_type,
            "content_id": f.content_id,
            "content": f.content,
            "created_on": at,
        }
        for f in files
    ]


async def create(unit: Unit, actor: Actor, new: NewErrand, origin: Origin) -> int:
    ws = actor.workspace_id
    now = clock.now()
    area_id = await _area(unit, ws, new.area) if new.area else None
    card_id = await _card(unit, actor, new)
    message = new.message
    errand_id = await repository.add(
        unit.tx,
        {
            "workspace_id": ws,
            "area_id": area_id,
            "channel": new.channel.number,
            "activity": new.channel.activity,
            "card_id": card_id,
            "message_id": message.message_id or None,
            "from_address": message.address or None,
            "from_name": message.name or None,
            "subject": message.subject,
            "cuid": new.cuid,
            "extradata": new.extradata,
            "integration": dict(new.integration) if new.integration is not None else None,
            "watemplate": new.watemplate,
            "device_id": new.call.device_id if new.call else None,
            "extension_id": new.call.extension_id if new.call else None,
            "answered": False,
            "closed": False,
            "created_on": now,
            "dirty": True,
        },
    )
    await repository.add_message(
        unit.tx,
        {
            "workspace_id": ws,
            "errand_id": errand_id,
            "outbound": False,
            "subject": message.subject,
            "body": message.body,
            "html_body": message.html_body,
            "address": message.address or None,
            "name": message.name or None,
            "created_on": now,
        },
    )
    await repository.add_attachments(unit.tx, _files(ws, errand_id, message.attachments, now))
    await _act(unit, ws, errand_id, Action.CREATED, _Acted(origin.name), now)
    if new.answer is not None:
        await _answer(unit, ws, errand_id, area_id, message, new.answer, origin, now)
    return errand_id


async def _closer(unit: Unit, workspace_id: int, closer: Closer) -> _Acted:
    if closer.is_system:
        return _Acted("System")
    if closer.user_id.strip().isdecimal():
        found = await repository.agent_by_number(
            unit.tx, workspace_id=workspace_id, number=int(closer.user_id.strip())
        )
        if found is not None:
            return _Acted(str(found["name"] or closer.user_id), str(found["user_sys_id"]))
    return _Acted(f"{closer.user_type.strip() or 'user'} {closer.user_id.strip()}".strip())


async def _act(
    unit: Unit, workspace_id: int, errand_id: int, action: Action, by: _Acted, at: datetime
) -> None:
    await repository.add_action(
        unit.tx,
        {
            "workspace_id": workspace_id,
            "errand_id": errand_id,
            "kind": action.value,
            "user_sys_id": by.user_sys_id,
            "origin": by.origin[:255],
            "at": at,
        },
    )


async def _answer(
    unit: Unit,
    workspace_id: int,
    errand_id: int,
    area_id: int | None,
    question: Message,
    answer: Answer,
    origin: Origin,
    at: datetime,
) -> None:
    by = await _closer(unit, workspace_id, answer.closer)
    await repository.add_message(
        unit.tx,
        {
            "workspace_id": workspace_id,
            "errand_id": errand_id,
            "outbound": True,
            "subject": answer.subject or question.subject,
            "body": answer.body,
            "html_body": answer.html_body,
            "address": question.address or None,
            "name": question.name or None,
            "created_on": at,
        },
    )
    await repository.add_attachments(
        unit.tx, _files(workspace_id, errand_id, answer.attachments, at)
    )
    await repository.change(
        unit.tx,
        workspace_id=workspace_id,
        errand_id=errand_id,
        answered=True,
        closed=True,
        answered_on=at,
        closed_on=at,
        agent_sys_id=by.user_sys_id,
        closed_by_type=answer.closer.user_type or None,
        closed_by_id=answer.closer.user_id or None,
        dirty=True,
    )
    await _act(unit, workspace_id, errand_id, Action.ANSWERED, by, at)
    await outbox.enqueue(
        unit,
        workspace_id,
        event=ANSWERED,
        subject_id=errand_id,
        area_id=area_id,
        base_url=origin.base_url,
    )


async def end(unit: Unit, actor: Actor, errand_id: int, answer: Answer, origin: Origin) -> None:
    """Answer and close an open errand."""
    ws = actor.workspace_id
    row = await repository.get(unit.tx, workspace_id=ws, errand_id=errand_id)
    if row is None:
        raise NotFound(Thing.ERRAND, str(errand_id))
    if row["closed"]:
        raise Conflict(Thing.ERRAND, str(errand_id))
    question = Message(
        address=row["from_address"] or "", name=row["from_name"] or "", subject=row["subject"] or ""
    )
    await _answer(unit, ws, errand_id, row["area_id"], question, answer, origin, clock.now())


async def end_call(unit: Unit, actor: Actor, call: Call, origin: Origin) -> int:
    """Close the newest open errand of the call on ``call``'s device and extension."""
    ws = actor.workspace_id
    found = await repository.open_call(
        unit.tx, workspace_id=ws, device=call.device_id, extension=call.extension_id
    )
    if found is None:
        raise NotFound(Thing.CALL, f"{call.device_id}/{call.extension_id}")
    now = clock.now()
    await repository.change(
        unit.tx, workspace_id=ws, errand_id=found, closed=True, closed_on=now, dirty=True
    )
    await _act(unit, ws, found, Action.CLOSED, _Acted(origin.name), now)
    return found


async def report(unit: Unit, workspace_id: int, errand_id: int) -> Report:
    """The errand's report; reading it clears its dirty flag."""
    found = await details(unit, workspace_id, errand_id)
    if found.was_dirty:
        await repository.mark(unit.tx, workspace_id=workspace_id, ids=[errand_id], dirty=False)
    return found


async def details(unit: Unit, workspace_id: int, errand_id: int) -> Report:
    """The errand with its actions, messages, tags, attachments and archives."""
    row = await repository.get(unit.tx, workspace_id=workspace_id, errand_id=errand_id)
    if row is None:
        raise NotFound(Thing.ERRAND, str(errand_id))
    return Report(
        row,
        await repository.actions(unit.tx, errand_id=errand_id),
        await repository.messages(unit.tx, errand_id=errand_id),
        await repository.tags(unit.tx, errand_id=errand_id),
        await repository.attachment_ids(unit.tx, errand_id=errand_id),
        await repository.archive_ids(unit.tx, errand_id=errand_id),
        bool(row["dirty"]),
    )


async def dirty(unit: Unit, workspace_id: int) -> list[int]:
    return await repository.dirty(unit.tx, workspace_id=workspace_id)


async def force_dirty(unit: Unit, workspace_id: int, ids: Sequence[int]) -> None:
    """Mark errands changed; every one must exist."""
    known = await repository.existing(unit.tx, workspace_id=workspace_id, ids=ids)
    missing = [i for i in ids if i not in known]
    if missing:
        raise NotFound(Thing.ERRAND, str(missing[0]))
    await repository.mark(unit.tx, workspace_id=workspace_id, ids=ids, dirty=True)


async def attachment(unit: Unit, workspace_id: int, attachment_id: int) -> Stored:
    row = await repository.attachment(
        unit.tx, workspace_id=workspace_id, attachment_id=attachment_id
    )
    if row is None:
        raise NotFound(Thing.ATTACHMENT, str(attachment_id))
    return Stored(
        int(row["id"]), row["name"], row["content_type"], bytes(row["content"]), row["content_id"]
    )


async def archive(unit: Unit, workspace_id: int, archive_id: int) -> Stored:
    row = await repository.archive(unit.tx, workspace_id=workspace_id, archive_id=archive_id)
    if row is None:
        raise NotFound(Thing.ARCHIVE, str(archive_id))
    return Stored(int(row["id"]), row["name"], row["content_type"], bytes(row["content"]))


async def add_archive(
    unit: Unit, workspace_id: int, name: str, content_type: str, content: bytes
) -> int:
    """Archive an image (of no area) that content can embed; its id."""
    values = {
        "workspace_id": workspace_id,
        "name": name,
        "content_type": content_type,
        "content": content,
        "created_on": clock.now(),
    }
    return await repository.add_archive(unit.tx, values)


async def add_area(
    unit: Unit, workspace_id: int, name: str, *, organisation: str | None = None
) -> int:
    """A new area (in the organisation named, made if new); its id."""
    now = clock.now()
    if await repository.area_named(unit.tx, workspace_id=workspace_id, name=name) is not None:
        raise Conflict(Thing.AREA, name)
    organisation_id = None
    if organisation:
        organisation_id = await repository.organisation_named(
            unit.tx, workspace_id=workspace_id, name=organisation
        ) or await repository.add_organisation(
            unit.tx, workspace_id=workspace_id, name=organisation, at=now
        )
    return await repository.add_area(
        unit.tx, workspace_id=workspace_id, name=name, organisation_id=organisation_id, at=now
    )


async def area_ids(unit: Unit, workspace_id: int, given: Sequence[str]) -> list[int]:
    """Areas by id or name; ``NotFound`` for one that does not exist."""
    return [await _area(unit, workspace_id, name) for name in given]


async def areas(unit: Unit, workspace_id: int) -> list[tuple[int, str, str]]:
    """The workspace's areas: (id, name, organisation), by name."""
    return [
        (int(row["id"]), str(row["name"]), str(row["organisation"] or ""))
        for row in await repository.areas(unit.tx, workspace_id=workspace_id)
    ]
