"""The identity index follows every write to a person, whichever table it came through."""

from __future__ import annotations

import pytest

from frontdesk.domain.access import system
from frontdesk.domain.identity import normalize
from frontdesk.domain.identity import service as identity
from frontdesk.domain.records import service as records
from frontdesk.domain.services import Services
from frontdesk.domain.workspace import Workspace
from frontdesk.store.fields import ContactKind
from frontdesk.store.tables import REGISTRY
from tests import factories

pytestmark = pytest.mark.anyio


@pytest.mark.parametrize(
    ("raw", "digits"),
    [
        ("+1 (408) 234-3456 x102", "14082343456102"),
        ("14082343456102", "14082343456102"),
        ("1 408 234 3456 102", "14082343456102"),
        ("0046 8 123 456", "468123456"),
        ("(555)555-1234", "5555551234"),
        ("", None),
        ("ext.", None),
    ],
)
def test_phones_become_their_digits(raw: str, digits: str | None) -> None:
    assert normalize.phone(raw) == digits


def test_emails_compare_case_insensitively() -> None:
    assert normalize.email("  Harding.Asher@MAILINATOR.com ") == "harding.asher@mailinator.com"
    assert normalize.social("Twitter", "@JaneB") == "twitter:janeb"


async def owners(
    services: Services, workspace: Workspace, kind: ContactKind, value: str
) -> list[tuple[str, str]]:
    async with services.read() as unit:
        return await identity.owners(unit.tx, workspace_id=workspace.id, kind=kind, value=value)


async def test_writes_keep_the_index_current(services: Services, workspace: Workspace) -> None:
    made = await factories.consumer(
        services, workspace, email="Pat@Example.com", mobile_phone="+1 (408) 234-3456 x102"
    )
    me = [("csm_consumer", made["sys_id"])]
    assert await owners(services, workspace, ContactKind.EMAIL, "pat@example.COM") == me
    assert await owners(services, workspace, ContactKind.PHONE, "14082343456102") == me

    async with services.write() as unit:
        await records.update(
            unit,
            system(workspace.id),
            REGISTRY["csm_consumer"],
            made["sys_id"],
            {"email": "new@example.com"},
        )
    assert await owners(services, workspace, ContactKind.EMAIL, "pat@example.com") == []
    assert await owners(services, workspace, ContactKind.EMAIL, "NEW@example.com") == me
    assert await owners(services, workspace, ContactKind.PHONE, "+1 408 234 3456 ext 102") == me

    async with services.write() as unit:
        await records.delete(unit, system(workspace.id), REGISTRY["csm_consumer"], made["sys_id"])
    assert await owners(services, workspace, ContactKind.EMAIL, "new@example.com") == []


async def test_a_social_profile_points_at_its_consumer(
    services: Services, workspace: Workspace
) -> None:
    made = await factories.consumer(services, workspace, first_name="Jane")
    await factories.record(
        services,
        workspace,
        "sn_app_cs_social_social_profile",
        consumer=made["sys_id"],
        channel="Twitter",
        profile="JaneB",
    )
    assert await owners(services, workspace, ContactKind.SOCIAL, "twitter:janeb") == [
        ("csm_consumer", made["sys_id"])
    ]


async def test_contacts_are_people_too_and_workspaces_do_not_meet(
    services: Services, workspace: Workspace
) -> None:
    contact = await factories.record(
        services, workspace, "customer_contact", email="sam@example.com"
    )
    consumer = await factories.consumer(services, workspace, email="SAM@example.com")
    found = await owners(services, workspace, ContactKind.EMAIL, "sam@example.com")
    assert sorted(found) == sorted(
        [("customer_contact", contact["sys_id"]), ("csm_consumer", consumer["sys_id"])]
    )

    async with services.write() as unit:
        from frontdesk.domain.workspaces import service as workspaces

        other = await workspaces.create(unit, f"{workspace.name}x")
    assert await owners(services, other, ContactKind.EMAIL, "sam@example.com") == []
