"""The Cention surface, under ``/s/<workspace>/capi/`` only (Cention URLs name the
workspace): its routes, and JSON:API answers for an unknown path or a wrong method."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from frontdesk.surfaces.cention import (
    attachments,
    contact_cards,
    errands,
    exports,
    jsonapi,
    library,
    logio,
    ratings,
    reports,
)
from frontdesk.surfaces.cention.jsonapi import Problem
from frontdesk.surfaces.routing import Surface, allow_header

PREFIXES = ("/capi/",)
JSON = "/capi/json/"


def routes() -> list[Route]:
    return [
        Route(JSON + errands.NEW, errands.create, methods=["POST"]),
        Route(JSON + errands.END, errands.end, methods=["POST"]),
        Route(JSON + errands.END_CALL, errands.end_call, methods=["POST"]),
        Route(JSON + reports.REPORTS + "/{id}", reports.report, methods=["GET"]),
        Route(JSON + reports.DIRTY, reports.dirty, methods=["GET"]),
        Route(JSON + reports.DIRTY, reports.force_dirty, methods=["POST"]),
        Route(
            JSON + attachments.RESPONSE_ATTACHMENTS + "/{id}",
            attachments.response_attachment,
            methods=["GET"],
        ),
        Route(
            JSON + attachments.AREA_ARCHIVES + "/{id}", attachments.area_archive, methods=["GET"]
        ),
        Route(JSON + contact_cards.CARDS, contact_cards.save, methods=["POST"]),
        Route(JSON + ratings.DIRTY, ratings.dirty, methods=["GET"]),
        Route(JSON + ratings.RATINGS + "/{id}", ratings.rating, methods=["GET"]),
        Route(logio.PATH, logio.logio, methods=["GET"]),
        Route(JSON + exports.TRIGGER, exports.trigger, methods=["POST"]),
        *_library(),
    ]


def _library() -> list[Route]:
    question = JSON + library.QUESTIONS + "/{id}"
    found = [
        (library.LIBRARIES, library.libraries),
        (library.LIBRARIES + "/{id}", library.library),
        (library.LIBRARIES + "/{id}/questions", library.library_questions),
        (library.EXTERNAL, library.external_libraries),
        (library.EXTERNAL + "/{id}", library.external_library),
        (library.CATEGORIES, library.categories),
        (library.CATEGORIES + "/{id}", library.category),
        (library.QUESTIONS, library.questions),
        (library.ATTACHMENTS + "/{id}", library.attachment),
    ]
    return [
        *(Route(JSON + path, handler, methods=["GET"]) for path, handler in found),
        Route(question, library.question, methods=["GET"]),
        Route(question + "/attachments", library.question_attachments, methods=["GET"]),
        Route(
            question + "/relationships/attachments",
            library.question_relationship,
            methods=["GET"],
        ),
        Route(question + "/embedded_archives", library.embedded_archives, methods=["GET"]),
    ]


async def not_found(request: Request) -> Response:
    return jsonapi.refuse(Problem(404, f"No such endpoint: {request.url.path}."))


async def wrong_method(request: Request, allowed: frozenset[str]) -> Response:
    shown = allow_header(allowed)
    return jsonapi.refuse(
        Problem(
            405, f"{request.method} is not supported here; use {shown}.", headers={"Allow": shown}
        )
    )


def surface() -> Surface:
    return Surface(
        name="cention",
        prefixes=PREFIXES,
        routes=routes(),
        not_found=not_found,
        wrong_method=wrong_method,
        at_root=False,
    )
