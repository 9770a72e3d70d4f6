"""Knowledge bases, categories and articles (ServiceNow's knowledge, Cention's library) are
records the Table API makes; an article's subject, question and answer are searched through
the trigram index, on both databases."""

from __future__ import annotations

import httpx
import pytest

from frontdesk.domain.services import Services
from frontdesk.domain.workspace import Workspace
from frontdesk.query import dates
from frontdesk.query.compiler import Compiler, Scope
from frontdesk.query.parser import parse
from frontdesk.store.tables import REGISTRY
from tests import factories

pytestmark = pytest.mark.anyio
ARTICLES = REGISTRY["kb_knowledge"]


def test_sqlite_asks_the_knowledge_index() -> None:
    scope = Scope(workspace_id=1, session=dates.Session(dates.EARLIEST))
    compiled = Compiler(scope, "sqlite").compile(parse("questionLIKEhelp me"), ARTICLES)
    assert compiled.where is not None
    sql = str(compiled.where.compile(compile_kwargs={"literal_binds": True}))
    assert "search_kb_knowledge" in sql


async def test_a_library_made_through_the_table_api(
    client: httpx.AsyncClient, services: Services, workspace: Workspace
) -> None:
    admin = await factories.user(services, workspace, roles=("admin",))
    table = factories.path(workspace, "/api/now/table/")

    async def post(name: str, body: dict[str, str]) -> str:
        made = await client.post(table + name, json=body, headers=admin.headers)
        assert made.status_code == 201, made.text
        sys_id: str = made.json()["result"]["sys_id"]
        return sys_id

    base = await post("kb_knowledge_base", {"title": "cention-org - test-services-area"})
    category = await post("kb_category", {"label": "Errands", "kb_knowledge_base": base})
    await post("kb_knowledge", {"short_description": "help me!", "kb_knowledge_base": base,
                                "kb_category": category, "top_list": "true",
                                "question": '<div dir="ltr">first HELP me!</div>',
                                "text": "done 2"})  # fmt: skip
    await post("kb_knowledge", {"short_description": "11th title", "kb_knowledge_base": base,
                                "question": "11th body", "text": "done!"})  # fmt: skip

    async def found(query: str) -> list[str]:
        answer = await client.get(
            table + "kb_knowledge",
            params={"sysparm_query": query + "^ORDERBYshort_description",
                    "sysparm_fields": "short_description"},
            headers=admin.headers,
        )  # fmt: skip
        assert answer.status_code == 200, answer.text
        return [r["short_description"] for r in answer.json()["result"]]

    assert await found("questionLIKEhelp me") == ["help me!"]
    assert await found("textLIKEdone^ORshort_descriptionLIKEdone") == ["11th title", "help me!"]
    assert await found("top_list=true") == ["help me!"]
    assert await found(f"kb_knowledge_base={base}^kb_category={category}") == ["help me!"]
    external = await client.get(
        table + f"kb_knowledge_base/{base}", params={"sysparm_fields": "external"},
        headers=admin.headers,
    )  # fmt: skip
    assert external.json()["result"] == {"external": "false"}
