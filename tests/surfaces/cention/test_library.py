"""The library: an imported tree of libraries, categories and questions served as the
spec's samples show it (the subtree in ``included``, links as objects), searched by part,
on the top list and a page at a time; question files and embedded images; and refusals as
JSON:API errors. Every answer is checked against the JSON:API 1.0 schema."""

from __future__ import annotations

import base64
from typing import Any

import httpx
import pytest

from frontdesk.domain.access import system
from frontdesk.domain.knowledge import imports, tree
from frontdesk.domain.services import Services
from frontdesk.domain.workspace import Workspace
from frontdesk.domain.workspaces import service as workspaces
from frontdesk.errors import Invalid
from frontdesk.store import records as store
from frontdesk.store.tables import REGISTRY
from tests import factories
from tests.factories import path
from tests.surfaces.cention.test_errands import token, valid

pytestmark = pytest.mark.anyio
PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="
)
TREE: dict[str, Any] = {
    "libraries": [{
        "name": "Outside", "external": True,
        "questions": [{"subject": "Opening hours", "question": "When are you open?",
                       "answer": "From 9 to 5.", "top_list": True}],
        "categories": [{
            "name": "old_libraries",
            "libraries": [{
                "name": "Inside",
                "questions": [
                    {"subject": "help me!", "question": '<div dir="ltr">first HELP me!</div>',
                     "answer": "done 2",
                     "attachments": [{"name": "tst1_1.txt", "content_type": "text/plain",
                                      "content": "QXBwbGUgUGVuIFBpbmVhcHBsZSBQZW4="}]},
                    {"subject": "Where is the office?", "question": "Where?",
                     "answer": '<p>Here:</p><img alt="map" src="cid:map.png">',
                     "images": [{"name": "map.png", "content_type": "image/png",
                                 "content": base64.b64encode(PNG).decode()}]},
                ],
            }],
        }],
    }],
    "categories": [{"name": "greeting", "questions": [
        {"subject": "Hello", "question": "Say hello", "answer": "Hello to you, 50% off_now"},
    ]}],
}  # fmt: skip


async def load(services: Services, workspace: Workspace, document: Any = TREE) -> imports.Imported:
    async with services.write() as unit:
        return await imports.load(unit, system(workspace.id), document)


class Library:
    def __init__(self, client: httpx.AsyncClient, workspace: Workspace, headers: Any) -> None:
        self.client, self.workspace, self.headers = client, workspace, headers

    async def get(self, rest: str, status: int = 200) -> Any:
        answer = await self.client.get(
            path(self.workspace, "/capi/json/" + rest), headers=self.headers
        )
        assert answer.status_code == status, answer.text
        assert answer.headers["content-type"] == "application/vnd.api+json"
        return valid(answer.json())


@pytest.fixture
async def api(client: httpx.AsyncClient, services: Services, workspace: Workspace) -> Library:
    return Library(client, workspace, await token(services, workspace, "Access to library"))


def ids(items: list[dict[str, Any]], kind: str) -> list[int]:
    return [int(item["id"]) for item in items if item["type"] == kind]


def linkage(item: dict[str, Any], name: str) -> list[int]:
    return [int(linked["id"]) for linked in item["relationships"][name]["data"]]


async def test_the_tree_with_its_subtree_included(
    services: Services, workspace: Workspace, api: Library
) -> None:
    made = await load(services, workspace)
    outside, inside = made.libraries
    old, greeting = made.categories
    help_me, office, opening, hello = made.questions  # in the order made
    (attachment,) = made.attachments

    every = await api.get("c3_libraries")
    (top,) = every["data"]
    assert top["attributes"] == {"c3_id": outside, "name": "Outside", "external": True}
    assert linkage(top, "categories") == [old]
    assert linkage(top, "questions") == [opening]
    assert "libraries" not in top["relationships"]  # none: left out, as the samples do
    included = every["included"]
    assert ids(included, "c3_libraries") == [inside]
    assert ids(included, "c3_library_categories") == [old]
    assert ids(included, "c3_library_questions") == [help_me, office, opening]
    assert ids(included, "c3_library_attachments") == [attachment]
    kept = {(i["type"], int(i["id"])): i for i in included}
    assert linkage(kept["c3_library_categories", old], "libraries") == [inside]
    assert sorted(linkage(kept["c3_libraries", inside], "questions")) == [help_me, office]
    question = kept["c3_library_questions", help_me]
    assert question["attributes"] == {
        "answer": "done 2", "c3_id": help_me,
        "question": '<div dir="ltr">first HELP me!</div>', "subject": "help me!",
    }  # fmt: skip
    base = f"http://testserver/s/{api.workspace.name}/capi/json/c3_library_questions/{help_me}"
    assert question["links"] == {"self": {"href": base}}
    assert question["relationships"]["attachments"] == {
        "data": [{"type": "c3_library_attachments", "id": str(attachment)}],
        "links": {"related": {"href": base + "/attachments"},
                  "self": {"href": base + "/relationships/attachments"}},
    }  # fmt: skip
    shown = kept["c3_library_attachments", attachment]["attributes"]
    assert shown == {
        "attachment": {"c3_id": attachment, "content_type": "text/plain", "name": "tst1_1.txt"},
        "c3_id": attachment,
    }

    single = await api.get(f"c3_libraries/{inside}")
    assert single["data"]["attributes"]["external"] is False
    assert ids(single["included"], "c3_library_questions") == [help_me, office]

    external = await api.get("c3_external_libraries")
    assert [(d["type"], int(d["id"])) for d in external["data"]] == [
        ("c3_external_libraries", outside)
    ]
    assert external["data"][0]["attributes"] == {"c3_id": outside, "name": "Outside"}
    assert ids(external["included"], "c3_libraries") == [inside]  # its own kind, in full
    assert (await api.get(f"c3_external_libraries/{outside}"))["data"]["id"] == str(outside)
    await api.get(f"c3_external_libraries/{inside}", 404)

    categories = await api.get("c3_library_categories")
    assert ids(categories["data"], "c3_library_categories") == [greeting]  # the top ones
    assert linkage(categories["data"][0], "questions") == [hello]
    assert ids(categories["included"], "c3_library_questions") == [hello]
    one = await api.get(f"c3_library_categories/{old}")
    assert linkage(one["data"], "libraries") == [inside]
    assert ids(one["included"], "c3_libraries") == [inside]


async def test_search_by_part_on_the_top_list_and_by_page(
    services: Services, workspace: Workspace, api: Library
) -> None:
    made = await load(services, workspace)
    help_me, office, opening, hello = made.questions  # in the order made
    outside, inside = made.libraries

    async def found(query: str) -> list[int]:
        return ids((await api.get("c3_library_questions?" + query))["data"], "c3_library_questions")

    assert await found("") == [help_me, office, opening, hello]
    assert await found("q_filter[phrase]=HELP me") == [help_me]
    assert await found("q_filter[phrase]=help&q_filter[option]=question") == [help_me]
    assert await found("q_filter[phrase]=done&q_filter[option]=question") == []
    assert await found("q_filter[phrase]=done&q_filter[option]=answer") == [help_me]
    assert await found("q_filter[phrase]=hello&q_filter[option]=all") == [hello]
    assert await found("q_filter[phrase]=50%25 off_") == [hello]  # wildcards are literal
    assert await found("q_filter[phrase]=5_%25") == []
    assert await found("filter[toplist]=true") == [opening]
    assert await found("filter[toplist]=false") == [help_me, office, opening, hello]
    assert ids((await api.get(f"c3_libraries/{inside}/questions"))["data"],
               "c3_library_questions") == [help_me, office]  # fmt: skip
    assert ids((await api.get(f"c3_libraries/{outside}/questions?q_filter[phrase]=help"))["data"],
               "c3_library_questions") == []  # fmt: skip

    first = await api.get("c3_library_questions?page[limit]=3")
    assert ids(first["data"], "c3_library_questions") == [help_me, office, opening]
    following = first["links"]["next"]
    assert "page%5Boffset%5D=3" in following
    rest = await api.get(following.split("/capi/json/", 1)[1])
    assert ids(rest["data"], "c3_library_questions") == [hello]
    assert "next" not in rest["links"]


async def test_files_images_and_data_urls(
    services: Services, workspace: Workspace, api: Library
) -> None:
    made = await load(services, workspace)
    help_me, office, _, _ = made.questions
    (attachment,) = made.attachments
    (image,) = made.images

    single = await api.get(f"c3_library_questions/{help_me}")
    assert "links" not in single["data"]  # the document's, as the sample has it
    assert single["links"]["self"]["href"].endswith(f"/c3_library_questions/{help_me}")
    assert ids(single["included"], "c3_library_attachments") == [attachment]

    file = await api.get(f"c3_library_attachments/{attachment}")
    content = file["data"]["attributes"]["attachment"]["content"]
    assert base64.b64decode(content) == b"Apple Pen Pineapple Pen"
    bare = await api.get(f"c3_library_attachments/{attachment}?without_content=true")
    assert "content" not in bare["data"]["attributes"]["attachment"]
    listed = await api.get(f"c3_library_questions/{help_me}/attachments")
    assert ids(listed["data"], "c3_library_attachments") == [attachment]
    assert "content" in listed["data"][0]["attributes"]["attachment"]
    relation = await api.get(f"c3_library_questions/{help_me}/relationships/attachments")
    assert relation["data"] == [{"type": "c3_library_attachments", "id": str(attachment)}]

    plain = await api.get(f"c3_library_questions/{office}")
    answer = plain["data"]["attributes"]["answer"]
    assert answer == f'<p>Here:</p><img alt="map" src="c3_area_archives/{image}">'
    assert linkage(plain["data"], "embedded_archives") == [image]
    inlined = await api.get(f"c3_library_questions/{office}?data_url=true")
    data_url = "data:image/png;base64," + base64.b64encode(PNG).decode()
    shown = inlined["data"]["attributes"]["answer"]
    assert shown == f'<p>Here:</p><img alt="map" src="{data_url}">'
    archives = await api.get(f"c3_library_questions/{office}/embedded_archives")
    assert ids(archives["data"], "c3_area_archives") == [image]
    assert base64.b64decode(archives["data"][0]["attributes"]["attachment"]["content"]) == PNG
    # A token with the library claim alone may fetch the archive itself.
    fetched = await api.get(f"c3_area_archives/{image}")
    assert fetched["data"]["attributes"]["attachment"]["name"] == "map.png"


async def test_refusals_are_json_api_errors(
    client: httpx.AsyncClient, services: Services, workspace: Workspace, api: Library
) -> None:
    made = await load(services, workspace)
    question = made.questions[0]
    async with services.write() as unit:
        elsewhere = await workspaces.create(unit, workspace.name + "b")
    others = await load(services, elsewhere)
    errands_only = await token(services, workspace, "Access to errand data")
    refused = await client.get(path(workspace, "/capi/json/c3_libraries"), headers=errands_only)
    assert refused.status_code == 403
    assert "Access to library" in valid(refused.json())["errors"][0]["detail"]
    for rest in (f"c3_library_questions/{others.questions[0]}", "c3_libraries/99999999",
                 f"c3_library_attachments/{others.attachments[0]}", "c3_library_categories/x",
                 "c3_library_questions/99999999/attachments", "c3_libraries/1/questions/x",
                 "c3_library_questions/\u00b2", "c3_libraries/\u00b2/questions",
                 f"c3_library_attachments/{made.questions[0]}"):  # fmt: skip
        assert (await api.get(rest, 404))["errors"][0]["status"] == "404"
    for rest in ("c3_library_questions?q_filter[option]=body",
                 "c3_library_questions?page[limit]=-1", "c3_library_questions?page[limit]=5000",
                 "c3_library_questions?page[offset]=\u00b2",
                 f"c3_library_questions/{question}?data_url=perhaps",
                 "c3_library_questions?filter[toplist]=sometimes"):  # fmt: skip
        problem = (await api.get(rest, 400))["errors"][0]
        assert problem["source"]["parameter"]
    posted = await client.post(path(workspace, "/capi/json/c3_libraries"), headers=api.headers)
    assert posted.status_code == 405


async def test_what_the_table_api_changes_shows(
    client: httpx.AsyncClient, services: Services, workspace: Workspace, api: Library
) -> None:
    made = await load(services, workspace)
    outside, inside = made.libraries
    admin = await factories.user(services, workspace, roles=("admin",))
    table = path(workspace, "/api/now/table/")

    async def sys_id(name: str, number: int) -> str:
        async with services.read() as unit:
            found = await store.sys_id_of(unit.tx, REGISTRY[name], workspace_id=workspace.id,
                                          key=number)  # fmt: skip
        assert found is not None
        return found

    # A loop of parents (outside in inside, inside in outside) is shown, never followed twice.
    inner = await sys_id("kb_knowledge_base", inside)
    outer = await sys_id("kb_knowledge_base", outside)
    patched = await client.patch(table + f"kb_knowledge_base/{outer}",
                                 json={"parent": inner}, headers=admin.headers)  # fmt: skip
    assert patched.status_code == 200, patched.text
    await client.patch(table + f"kb_knowledge_base/{inner}", json={"parent": outer,
                       "parent_category": ""}, headers=admin.headers)  # fmt: skip
    shown = await api.get(f"c3_libraries/{outside}")
    assert ids(shown["included"], "c3_libraries") == [inside]
    assert (await api.get("c3_libraries"))["data"] == []  # neither is at the top now
    # A retired article is not shown; a draft neither.
    article = await sys_id("kb_knowledge", made.questions[0])
    retired = await client.patch(
        table + f"kb_knowledge/{article}", json={"workflow_state": "retired"}, headers=admin.headers
    )
    assert retired.status_code == 200
    await api.get(f"c3_library_questions/{made.questions[0]}", 404)
    assert REGISTRY["kb_knowledge_base"].field("parent_category") is not None


async def test_an_import_is_all_or_nothing(services: Services, workspace: Workspace) -> None:
    broken = {"libraries": [{"name": "Fine", "questions": [
        {"subject": "ok", "answer": "fine"},
        {"subject": "bad", "attachments": [{"name": "x.txt", "content": "not base64!"}]},
    ]}]}  # fmt: skip
    for document, where in (
        (broken, "$.libraries[0].questions[1].attachments[0].content"),
        ({"libraries": [{"external": "yes", "name": "x"}]}, "$.libraries[0].external"),
        ({"categories": [{"name": ""}]}, "$.categories[0].name"),
        ({"libraries": {"name": "x"}}, "$.libraries"),
        ({"libraries": [{"name": "x", "questions": [{"subject": "s",
          "answer": '<img src="cid:none.png">'}]}]}, "$.libraries[0].questions[0].answer"),
    ):  # fmt: skip
        with pytest.raises(Invalid) as refused:
            await load(services, workspace, document)
        assert refused.value.field == where
    async with services.read() as unit:
        loaded = await tree.load(unit, system(workspace.id))
    assert (loaded.bases, loaded.categories) == ({}, {})
