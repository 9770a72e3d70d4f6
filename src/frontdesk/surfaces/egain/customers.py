"""``GET /core/customermgr/v3/customer``: customer search, and ``…/customer/{ids}``: customers
by id, in eGain's v3 shape (research §2.1-2.6).

Criteria are ANDed. ``phone``, ``email`` and the social ids are exact (the identity index:
a phone matches however either side wrote it); ``customerName`` is partial and in any case
(a trigram index). A client application sees every customer (or, with customer
departmentalization on, those of the ``department`` it names); a user those of their own
and foreign departments when it is on.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import datetime
from typing import Any
from urllib.parse import quote

import orjson
from starlette.responses import Response

from frontdesk.domain.customers import departments, directory
from frontdesk.domain.customers.directory import (
    Activity,
    Attribute,
    Criteria,
    Holder,
    Kind,
    Order,
)
from frontdesk.domain.identity import normalize
from frontdesk.domain.properties import service as properties
from frontdesk.domain.services import Unit
from frontdesk.store.fields import ContactKind
from frontdesk.surfaces.egain import errors, render, schemas
from frontdesk.surfaces.egain.access import Kind as ActorKind
from frontdesk.surfaces.egain.call import Call, endpoint
from frontdesk.surfaces.openapi import Operation, Parameter, Reply, documented

BASE = render.BASE
TAG = "eGain Customer Manager v3"
MOST = 75
DEFAULT_SIZE = 25
# The farthest page number or range start: an offset beyond is more than any database has.
FARTHEST = 2**31 - 1
SOCIAL_IDS = {
    "facebookId": "facebook",
    "twitterId": "twitter",
    "instagramId": "instagram",
    "appleOpaqueId": "apple",
    "youTubeId": "youtube",
}
CRITERIA = ("phone", "email", "custom", "activity", *SOCIAL_IDS, "created", "customerName")
PAGING = ("$pagenum", "$pagesize")
RANGE = ("$rangestart", "$rangesize")
COMMON = ("$attribute", "$sort", "$order", *PAGING, *RANGE)
ALLOWED = {
    ActorKind.USER: frozenset((*CRITERIA, "type", *COMMON)),
    ActorKind.CLIENT: frozenset((*CRITERIA, "type", *COMMON, "department")),
    ActorKind.CUSTOMER: frozenset(("$attribute",)),
}
TYPES = {"individual": Kind.PERSON, "corporate": Kind.ORGANIZATION, "group": Kind.GROUP}
SORTS = {"id": Order.KEY, "type": Order.KIND, "customerName": Order.NAME}
# eGain sorts types by their value: corporate, group, individual.
TYPE_RANK = {Kind.ORGANIZATION: 1, Kind.GROUP: 2, Kind.PERSON: 3}
ATTRIBUTES = frozenset(
    {
        "all",
        "role",
        "pin",
        "industry",
        "marketSegment",
        "entitlements",
        "level",
        "preferredAgent",
        "howReferred",
        "created",
        "createdBy",
    }
)
_RANGE = re.compile(r"\[(?P<start>[^,\]]*),(?P<end>[^,\]]*)\]\Z")
_MOMENT = "%Y-%m-%dT%H:%M:%S.%fZ"


def _parse_moment(name: str, text: str) -> datetime | None:
    if not text.strip():
        return None
    try:
        return datetime.strptime(text.strip(), _MOMENT).replace(tzinfo=None)
    except ValueError:
        raise errors.not_allowed(name, text, "expected YYYY-MM-DDThh:mm:ss.SSSZ") from None


def _range(name: str, text: str) -> tuple[datetime | None, datetime | None]:
    """``[start,end]``, both inclusive, either (not both) left out."""
    found = _RANGE.match(text.strip())
    if found is None:
        raise errors.not_allowed(name, text, "expected a range [start,end]")
    start = _parse_moment(name, found["start"])
    end = _parse_moment(name, found["end"])
    if start is None and end is None:
        raise errors.not_allowed(name, text, "a range needs a start, an end or both")
    return start, end


def _whole(name: str, text: str, *, most: int = FARTHEST) -> int:
    """A whole number from 1 to ``most`` (by default, as far as a page or a range may
    start: its offset stays a 64-bit number)."""
    if not (text.isascii() and text.isdigit()) or len(text) > 19 or not 1 <= int(text) <= most:
        raise errors.not_allowed(name, text, f"a whole number from 1 to {most}")
    return int(text)


def _single(call: Call) -> dict[str, str]:
    """The query parameters, each once; the ones this actor may not pass refused."""
    given: dict[str, str] = {}
    allowed = ALLOWED[call.kind]
    unknown = []
    for name, value in call.request.query_params.multi_items():
        if name not in allowed and not name.startswith("custom."):
            unknown.append(name)
        elif name in given:
            raise errors.not_allowed(name, value, "given more than once")
        elif "\x00" in value:
            raise errors.not_allowed(name, value.replace("\x00", "\\0"), "it holds a NUL")
        else:
            given[name] = value
    if unknown or any(name.startswith("custom.") for name in given):
        raise errors.unsupported(unknown or [n for n in given if n.startswith("custom.")])
    return given


async def _criteria(call: Call, unit: Unit, given: Mapping[str, str]) -> Criteria:
    reached: list[tuple[ContactKind, str]] = []
    if "phone" in given:
        reached.append((ContactKind.PHONE, given["phone"]))
    if "email" in given:
        reached.append((ContactKind.EMAIL, given["email"]))
    for parameter, channel in SOCIAL_IDS.items():
        if parameter in given:
            handle = normalize.social(channel, given[parameter]) or f"{channel}:"
            reached.append((ContactKind.SOCIAL, handle))
    created = _range("created", given["created"]) if "created" in given else (None, None)
    kinds = frozenset(Kind)
    if "type" in given:
        kind = TYPES.get(given["type"])
        if kind is None:
            raise errors.not_allowed("type", given["type"], "one of individual, corporate, group")
        kinds = frozenset({kind})
    name: str | None = given.get("customerName")
    if name is not None and not name.strip():
        raise errors.not_allowed("customerName", name, "a name cannot be empty")
    return Criteria(
        attributes=_custom(given["custom"]) if "custom" in given else (),
        activity=_activity(given["activity"]) if "activity" in given else None,
        reached=tuple(reached),
        name=name.strip() if name else None,
        kinds=kinds,
        created_from=created[0],
        created_to=created[1],
        departments=await _departments(call, unit, given),
    )


async def _departments(call: Call, unit: Unit, given: Mapping[str, str]) -> frozenset[str] | None:
    """The departments whose customers the actor may see: None for all of them."""
    on = await properties.flag(unit, call.workspace.id, properties.CUSTOMER_DEPARTMENTALIZATION)
    if call.kind is ActorKind.CLIENT:
        name = given.get("department")
        if name is None:
            if on:
                raise errors.missing(["department"])
            return None
        found = await departments.named(unit, call.actor, name)
        if found is None:
            raise errors.not_allowed("department", name, "no department has this name")
        return frozenset({found})
    if not on or call.actor.user_sys_id is None:
        return None
    return await departments.of_user(unit, call.actor, call.actor.user_sys_id)


def _json(name: str, text: str) -> Any:
    try:
        return orjson.loads(text)
    except orjson.JSONDecodeError as error:
        raise errors.not_allowed(name, text, f"not valid JSON ({error})") from None


HOLDERS = {"customer": Holder.CUSTOMER, "contactPerson": Holder.CONTACT}


def _custom(text: str) -> tuple[Attribute, ...]:
    """``[{"object": "customer"|"contactPerson", "name", "value"}, …]``: the attributes
    (our ``u_`` fields; ``isprimary`` is ``u_isprimary``)."""
    found = _json("custom", text)
    found = [found] if isinstance(found, dict) else found
    if not isinstance(found, list) or not found:
        raise errors.not_allowed("custom", text, "expected a list of criteria")
    attributes = []
    for item in found:
        if not isinstance(item, dict) or not all(
            isinstance(item.get(key), str) and item[key] for key in ("object", "name")
        ):
            raise errors.not_allowed("custom", text, "each criterion needs an object and a name")
        holder = HOLDERS.get(item["object"])
        if holder is None:
            raise errors.not_allowed("custom", item["object"], "customer or contactPerson")
        value = item.get("value")
        if not isinstance(value, str | int | float | bool):
            raise errors.not_allowed("custom", text, "each criterion needs a value")
        name = item["name"] if item["name"].startswith("u_") else f"u_{item['name']}"
        text_value = str(value).lower() if isinstance(value, bool) else str(value)
        attributes.append(Attribute(holder, name, text_value))
    return tuple(attributes)


# Activities are interactions: their types, and eGain's modes as directions.
ACTIVITY_TYPES = frozenset({"phone", "chat", "email", "walk-up"})
MODES = {"inbound": "inbound", "outbound": "outbound"}


def _activity(text: str) -> Activity:
    """``{"type", "mode", "sentDate": "[start,end]"}``."""
    found = _json("activity", text)
    if not isinstance(found, dict) or not found:
        raise errors.not_allowed("activity", text, "expected an object of criteria")
    unknown = sorted(set(found) - {"type", "mode", "sentDate"})
    if unknown:  # isRead, isSecure: not recorded here, and never ignored
        raise errors.not_allowed(
            "activity", ",".join(unknown), "not a criterion of activities here"
        )
    kind, mode = found.get("type"), found.get("mode")
    if kind is not None and kind not in ACTIVITY_TYPES:
        raise errors.not_allowed("activity.type", str(kind), ", ".join(sorted(ACTIVITY_TYPES)))
    if mode is not None and mode not in MODES:
        raise errors.not_allowed("activity.mode", str(mode), "inbound or outbound")
    sent = found.get("sentDate")
    if sent is not None and not isinstance(sent, str):
        raise errors.not_allowed("activity.sentDate", str(sent), "expected a range [start,end]")
    start, end = _range("activity.sentDate", sent) if sent else (None, None)
    return Activity(kind, MODES.get(mode) if mode else None, start, end)


def _paging(given: Mapping[str, str]) -> tuple[int, int, dict[str, int]]:
    """(offset, limit, what ``paginationInfo`` shows) from either the page or the range."""
    paged = [name for name in PAGING if name in given]
    ranged = [name for name in RANGE if name in given]
    if paged and ranged:
        raise errors.combination(paged[0], ranged[0])
    if ranged:
        start = _whole("$rangestart", given.get("$rangestart", "1"))
        size = _whole("$rangesize", given.get("$rangesize", str(DEFAULT_SIZE)), most=MOST)
        return start - 1, size, {"rangestart": start, "rangesize": size}
    number = _whole("$pagenum", given.get("$pagenum", "1"))
    size = _whole("$pagesize", given.get("$pagesize", str(DEFAULT_SIZE)), most=MOST)
    return (number - 1) * size, size, {"pagenum": number, "pagesize": size}


def _order(given: Mapping[str, str]) -> tuple[Order, bool]:
    if "$order" in given and "$sort" not in given:
        raise errors.requires("$order", "$sort")
    sort = given.get("$sort", "id")
    order = SORTS.get(sort)
    if order is None:
        raise errors.not_allowed("$sort", sort, "one of id, type, customerName")
    direction = given.get("$order", "asc")
    if direction not in ("asc", "desc"):
        raise errors.not_allowed("$order", direction, "asc or desc")
    return order, direction == "desc"


def _attributes(given: Mapping[str, str]) -> frozenset[str]:
    wanted = frozenset(a.strip() for a in given.get("$attribute", "").split(",") if a.strip())
    unknown = sorted(a for a in wanted if a not in ATTRIBUTES and not a.startswith("custom."))
    if unknown:
        raise errors.not_allowed("$attribute", ",".join(unknown), "not an attribute of customers")
    return wanted


def _href(path: str, given: Mapping[str, str]) -> str:
    """The path with the query re-serialised in sorted order, as eGain's self links are."""
    query = "&".join(f"{name}={quote(given[name], safe=',[]:.@+-_')}" for name in sorted(given))
    return f"{path}?{query}" if query else path


def _documented_criteria() -> tuple[Parameter, ...]:
    exact = "exact, through the identity index"
    described = {
        "phone": f"A phone number of a contact ({exact}: however either side wrote it)",
        "email": f"An email address of a contact ({exact}, in any case)",
        "customerName": "Part of the customer's name, in any case",
        "created": "[start,end] (YYYY-MM-DDThh:mm:ss.SSSZ, both inclusive, either optional)",
        "custom": 'Custom attributes (JSON): [{"object":"customer|contactPerson","name","value"}]',
        "activity": 'Activities (JSON): {"type","mode","sentDate":"[start,end]"}',
        **{name: f"A {channel} id of a contact ({exact})" for name, channel in SOCIAL_IDS.items()},
    }
    found = [Parameter(name, "query", described[name]) for name in CRITERIA]
    found += [
        Parameter("type", "query", "With another criterion", {"enum": list(TYPES)}),
        Parameter("department", "query", "A department's name (client applications)"),
        Parameter("$attribute", "query", "More attributes: " + ", ".join(sorted(ATTRIBUTES))),
        Parameter("$sort", "query", "Order by", {"enum": list(SORTS)}),
        Parameter("$order", "query", "With $sort", {"enum": ["asc", "desc"]}),
        *(
            Parameter(name, "query", "1-based; sizes 1-75", schemas.PAGE)
            for name in (*PAGING, *RANGE)
        ),
    ]
    return (*found, *schemas.HEADERS)


@documented(
    Operation(
        "Search customers",
        TAG,
        _documented_criteria(),
        {
            200: Reply("The page of customers found", schemas.DOCUMENT),
            204: Reply("Nothing found, or a page past the end"),
            **schemas.COMMON,
        },
        description="Criteria are ANDed; at least one besides type is required.",
    )
)
@endpoint
async def search(call: Call) -> Response:
    given = _single(call)
    attributes = _attributes(given)
    if call.kind is ActorKind.CUSTOMER:  # themself: all their access lets them see
        async with call.services.read() as unit:
            found = await directory.search(unit, call.actor, Criteria())
        return _found(call, given, found, attributes, {"pagenum": 1, "pagesize": DEFAULT_SIZE})
    offset, limit, shown = _paging(given)
    order, descending = _order(given)
    async with call.services.read() as unit:
        criteria = await _criteria(call, unit, given)
        if not (
            criteria.reached
            or criteria.name
            or criteria.created_from
            or criteria.created_to
            or criteria.attributes
            or criteria.activity
        ):
            raise errors.missing([*CRITERIA], one_of=True)
        found = await directory.search(
            unit,
            call.actor,
            criteria,
            order=order,
            descending=descending,
            kind_rank=TYPE_RANK,
            offset=offset,
            limit=limit,
        )
    return _found(call, given, found, attributes, shown)


def _page(rel: str, given: Mapping[str, str], number: int) -> dict[str, str]:
    return {"rel": rel, "href": _href(BASE, {**given, "$pagenum": str(number)})}


def _found(
    call: Call,
    given: Mapping[str, str],
    found: directory.Found,
    attributes: frozenset[str],
    shown: Mapping[str, int],
) -> Response:
    """The page of customers found, with its links (204 when it has none)."""
    if not found.customers:
        return Response(status_code=204)
    links = [{"rel": "self", "href": _href(BASE, given)}]
    if "pagenum" in shown and call.kind is not ActorKind.CUSTOMER:
        number = shown["pagenum"]
        if number > 1:
            links.append(
                {"rel": "previous", "href": _href(BASE, {**given, "$pagenum": str(number - 1)})}
            )
        if number * shown["pagesize"] < found.total:
            links.append(
                {"rel": "next", "href": _href(BASE, {**given, "$pagenum": str(number + 1)})}
            )
    document = {
        "link": links,
        "customer": [render.customer(c, attributes, call.language) for c in found.customers],
        "paginationInfo": {"count": found.total, **shown},
    }
    return call.respond(document, "customers")


@documented(
    Operation(
        "Customers by id",
        TAG,
        (
            Parameter(
                "ids",
                "path",
                "Up to 75 ids, comma-separated",
                {"type": "string", "pattern": "^[0-9]+(,[0-9]+)*$"},
            ),
            Parameter("$attribute", "query", "More attributes"),
            *schemas.HEADERS,
        ),
        {
            200: Reply("The customers", schemas.DOCUMENT),
            **schemas.COMMON,
            404: schemas.failure("Ids that name no customer (404-100), or no such tenant"),
        },
    )
)
@endpoint
async def by_ids(call: Call) -> Response:
    given = _single(call)
    attributes = _attributes(given)
    text = str(call.request.path_params["ids"])
    ids = [part.strip() for part in text.split(",")]
    if len(ids) > MOST:
        raise errors.not_allowed("ids", text, f"at most {MOST} ids")
    keys: dict[str, int] = {}
    for value in ids:
        if not (value.isascii() and value.isdigit()) or len(value) > 18:
            raise errors.not_allowed("ids", value, "an id is a whole number")
        keys[value] = int(value)
    async with call.services.read() as unit:  # a customer's access: themself alone
        found = await directory.by_keys(unit, call.actor, list(keys.values()))
    known = {c.key for c in found}
    missing = [value for value, key in keys.items() if key not in known]
    if missing:
        raise errors.not_found(missing)
    listed = {"customer": [render.customer(c, attributes, call.language) for c in found]}
    return call.respond(listed, "customers")
