"""The demo's library, as the Cention spec's samples show it, made by the importer:
library 3 (external) holds question 2 and category 3, which holds library 4 with questions
1, 4 (with attachment 2020), 5 ("help me!", also in the top-level category 2, "greeting")
and 6 (whose answer embeds an image; with attachment 1270, the spec's single attachment).

Where the samples disagree (question 2's answer is "done!" in one and "ok one" in another),
the first sample ("GET all libraries") wins; library 3 is external, as "GET single
external library" needs.
"""

from __future__ import annotations

import base64
from typing import Any

from frontdesk.domain.access import Actor
from frontdesk.domain.demo.rows import Rows
from frontdesk.domain.knowledge import imports
from frontdesk.domain.knowledge.articles import ARTICLES
from frontdesk.domain.knowledge.tree import BASES, CATEGORIES
from frontdesk.domain.records import service as records
from frontdesk.domain.services import Unit
from frontdesk.store.schema import sa_table
from frontdesk.store.tables import REGISTRY

PIXEL_PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="
)


def _question(subject: str, question: str, answer: str, **more: Any) -> dict[str, Any]:
    return {"subject": subject, "question": question, "answer": answer, **more}


ATTACHMENT = {
    "name": "tst1_1.txt",
    "content_type": "text/plain",
    "content": "QXBwbGUgUGVuIFBpbmVhcHBsZSBQZW4=",
}
MAP = {
    "name": "area-map.png",
    "content_type": "image/png",
    "content": base64.b64encode(PIXEL_PNG).decode(),
}
# The import document, and the ids the samples give what it makes (in the order made).
DOCUMENT: dict[str, Any] = {
    "libraries": [
        {
            "name": "cention-org - area-named-second",
            "external": True,
            "libraries": [],
            "categories": [
                {
                    "name": "old_libraries",
                    "libraries": [
                        {
                            "name": "cention-org - test-services-area",
                            "questions": [
                                _question("asdasda", "dfdgfd", "n"),
                                _question("asdadasdas", "", "New answer!",
                                          attachments=[ATTACHMENT]),
                                _question("help me!",
                                          '<div dir="ltr">first HELP me!</div>\n', "done 2",
                                          top_list=True),
                                _question("Where is the service area?",
                                          "<div>Where do you work?</div>",
                                          '<p>Here:</p><img src="cid:area-map.png" '
                                          'alt="Service area">',
                                          images=[MAP], attachments=[ATTACHMENT]),
                            ],
                        }
                    ],
                }
            ],
            "questions": [
                _question("11th title", "11th body<br/>2nd line<br/>", "done!", top_list=True)
            ],
        }
    ],
    "categories": [{"name": "greeting"}],
}  # fmt: skip
LIBRARY_IDS = (3, 4)
CATEGORY_IDS = (3, 2)
QUESTION_IDS = (1, 4, 5, 6, 2)
ATTACHMENT_IDS = (2020, 1270)
HELP_ME, GREETING = 5, 2


async def load(unit: Unit, actor: Actor, rows: Rows) -> None:
    made = await imports.load(unit, actor, DOCUMENT)
    attachments = REGISTRY["sys_attachment"]
    placed: dict[str, list[str]] = {}
    for table, numbers, wanted in (
        (BASES, made.libraries, LIBRARY_IDS),
        (CATEGORIES, made.categories, CATEGORY_IDS),
        (ARTICLES, made.questions, QUESTION_IDS),
        (attachments, made.attachments, ATTACHMENT_IDS),
    ):
        stored = sa_table(table.name)
        sys_ids = [await rows.sys_id(stored, number) for number in numbers]
        for sys_id, want in zip(sys_ids, wanted, strict=True):
            await rows.make_room(stored, want, keeping=sys_id)
            await rows.renumber(stored, sys_id, want)
        placed[table.name] = sys_ids
    greeting = placed[CATEGORIES.name][CATEGORY_IDS.index(GREETING)]
    help_me = placed[ARTICLES.name][QUESTION_IDS.index(HELP_ME)]
    await records.update(unit, actor, ARTICLES, help_me, {"kb_category": greeting})
