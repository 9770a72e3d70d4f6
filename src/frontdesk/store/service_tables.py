"""The records customer service works on: interactions and their phone logs, cases and their
SLAs, knowledge and its use, contracts and entitlements (as ServiceNow names them).

openframe writes interactions, phone logs, context variables and related records; Customer
Central reports on all of them (docs/decisions/0022-interactions-and-cards.md). Social
ratings are the reviews customers leave on social pages.
"""

from __future__ import annotations

from frontdesk.store.fields import (
    Field,
    FieldType,
    boolean,
    choice,
    date,
    datetime_,
    integer,
    phone,
    reference,
    string,
)
from frontdesk.store.registry import TableDef

INTERACTION_STATES = (
    ("new", "New"),
    ("on_hold", "On Hold"),
    ("work_in_progress", "Work In Progress"),
    ("wrap_up", "Wrap Up"),
    ("closed_complete", "Closed Complete"),
    ("closed_abandoned", "Closed Abandoned"),
)
# An interaction in one of these states is over: it is no longer active.
CLOSED_STATES = frozenset({"closed_complete", "closed_abandoned"})
DIRECTIONS = (("inbound", "Inbound"), ("outbound", "Outbound"))


# A customer's records are read newest first (Customer Central's lists).
CUSTOMER = ("consumer", "contact", "account")


def _customer() -> tuple[Field, ...]:
    """Who a record is about (``CUSTOMER``): a consumer, or a contact of an account."""
    return (
        reference("consumer", "csm_consumer"),
        reference("contact", "customer_contact"),
        reference("account", "customer_account"),
    )


SYS_CS_PROVIDER_APPLICATION = TableDef(
    name="sys_cs_provider_application",
    label="Provider Channel Application",
    display="name",
    fields=(
        string("name", 100),
        string("inbound_id", 100, indexed=True, label="Inbound ID"),
        string("provider", 100),
        boolean("active", default=True),
    ),
)

INTERACTION = TableDef(
    name="interaction",
    newest_first=CUSTOMER,
    label="Interaction",
    number_prefix="IMS",
    fields=(
        choice(
            "type",
            (("phone", "Phone"), ("chat", "Chat"), ("email", "Email"), ("walk-up", "Walk-up")),
            default="phone",
        ),
        choice("state", INTERACTION_STATES, default="new"),
        choice("direction", DIRECTIONS),
        boolean("active", default=True),
        phone("caller_phone_number", indexed=True),
        *_customer(),
        reference("opened_for", "sys_user"),
        reference("assigned_to", "sys_user"),
        string("short_description", 160),
        string("work_notes", 4000),
        string("client_session_id", 100, indexed=True),
        reference("provider_application", "sys_cs_provider_application"),
        string("channel_metadata_table", 80),
        Field("channel_metadata_document", FieldType.SYS_ID, "Channel metadata document", 32),
        datetime_("opened_at"),
        datetime_("closed_at"),
        integer("wrap_up_duration"),
    ),
)

# Context variables: one JSON object per interaction, as ServiceNow keeps them by default.
INTERACTION_JSON_BLOB = TableDef(
    name="interaction_json_blob",
    label="Interaction JSON Blob",
    display="interaction",
    fields=(reference("interaction", "interaction"), string("value", 65000)),
)

INTERACTION_RELATED_RECORD = TableDef(
    name="interaction_related_record",
    label="Interaction Related Record",
    display="document_table",
    fields=(
        reference("interaction", "interaction"),
        string("document_table", 80),
        Field("document_id", FieldType.SYS_ID, "Document", 32, indexed=True),
    ),
)

PHONE_LOG = TableDef(
    name="sn_openframe_phone_log",
    # The openframe API page spells it so; the CTI pages do not.
    aliases=("sn_open_frame_phone_log",),
    label="Phone Log",
    display="call_id",
    fields=(
        string("call_id", 100, indexed=True),
        reference("interaction", "interaction"),
        reference("agent", "sys_user"),
        phone("phone_number"),
        reference("contact", "customer_contact"),
        reference("consumer", "csm_consumer"),
        choice("direction", DIRECTIONS),
        datetime_("start_time"),
        datetime_("end_time"),
        integer("duration"),
        string("client_session_id", 100),
        string("recording_url", 1024),
    ),
)

CASE = TableDef(
    name="sn_customerservice_case",
    newest_first=CUSTOMER,
    label="Case",
    number_prefix="CS",
    fields=(
        string("short_description", 160),
        string("description", 4000),
        integer(
            "state",
            default=1,
            choices=(
                ("1", "New"),
                ("10", "Open"),
                ("18", "Awaiting Info"),
                ("6", "Resolved"),
                ("3", "Closed"),
                ("7", "Cancelled"),
            ),
        ),
        integer(
            "priority",
            default=4,
            choices=(
                ("1", "1 - Critical"),
                ("2", "2 - High"),
                ("3", "3 - Moderate"),
                ("4", "4 - Low"),
            ),
        ),
        boolean("active", default=True),
        choice("active_escalation", (("1", "Moderate"), ("2", "High"), ("3", "Critical"))),
        *_customer(),
        reference("assigned_to", "sys_user"),
        choice(
            "contact_type",
            (("phone", "Phone"), ("email", "Email"), ("web", "Web"), ("chat", "Chat")),
        ),
        datetime_("opened_at"),
        datetime_("closed_at"),
        string("sys_class_name", 80, default="sn_customerservice_case", label="Class"),
    ),
)

CONTRACT_SLA = TableDef(
    name="contract_sla",
    label="SLA Definition",
    display="name",
    fields=(
        string("name", 100),
        choice(
            "type",
            (("SLA", "SLA"), ("OLA", "OLA"), ("Underpinning contract", "Underpinning contract")),
            default="SLA",
        ),
        string("duration", 40),
        boolean("active", default=True),
    ),
)

TASK_SLA = TableDef(
    name="task_sla",
    newest_first=("task",),
    label="Task SLA",
    display="sla",
    fields=(
        reference("task", "sn_customerservice_case"),
        reference("sla", "contract_sla"),
        choice(
            "stage",
            (
                ("in_progress", "In progress"),
                ("paused", "Paused"),
                ("completed", "Completed"),
                ("cancelled", "Cancelled"),
            ),
            default="in_progress",
        ),
        boolean("has_breached", default=False),
        boolean("active", default=True),
        datetime_("start_time"),
        datetime_("planned_end_time"),
        datetime_("end_time"),
    ),
)

# Knowledge bases, their categories and articles: ServiceNow's knowledge, and the library
# Cention serves (a base is a library; an article's subject, question and answer are its
# short description, question and text; top-list articles are a library's favourites).
KB_KNOWLEDGE_BASE = TableDef(
    name="kb_knowledge_base",
    label="Knowledge Base",
    display="title",
    fields=(
        string("title", 100),
        string("description", 1000),
        boolean("active", default=True),
        # Shown to customers outside the organisation (Cention's external libraries).
        boolean("external", default=False),
        # Where it sits in the library tree (Cention's sub-libraries): in another base, or
        # in a category; neither: at the top.
        reference("parent", "kb_knowledge_base"),
        reference("parent_category", "kb_category"),
    ),
)

KB_CATEGORY = TableDef(
    name="kb_category",
    label="Category",
    display="label",
    fields=(
        string("label", 100),
        reference("kb_knowledge_base", "kb_knowledge_base"),
        reference("parent", "kb_category"),
        boolean("active", default=True),
    ),
)

KB_KNOWLEDGE = TableDef(
    name="kb_knowledge",
    label="Knowledge",
    display="short_description",
    number_prefix="KB",
    searchable=("short_description", "question", "text"),
    fields=(
        string("short_description", 160),
        string("question", 65000),
        string("text", 65000),
        reference("kb_knowledge_base", "kb_knowledge_base"),
        reference("kb_category", "kb_category"),
        boolean("top_list", default=False, label="Top list"),
        choice(
            "workflow_state",
            (("draft", "Draft"), ("published", "Published"), ("retired", "Retired")),
            default="published",
        ),
        boolean("active", default=True),
        integer("sys_view_count", default=0, label="View count"),
    ),
)

KB_USE = TableDef(
    name="kb_use",
    newest_first=("user",),
    label="Knowledge Use",
    display="article",
    fields=(
        reference("article", "kb_knowledge"),
        reference("user", "sys_user"),
        boolean("viewed", default=True),
        boolean("useful", default=False),
        integer("times_viewed", default=1),
    ),
)

AST_CONTRACT = TableDef(
    name="ast_contract",
    newest_first=CUSTOMER,
    label="Contract",
    number_prefix="CNTR",
    fields=(
        string("short_description", 160),
        choice(
            "state",
            (
                ("draft", "Draft"),
                ("active", "Active"),
                ("expired", "Expired"),
                ("cancelled", "Cancelled"),
            ),
            default="draft",
        ),
        boolean("active", default=True),
        *_customer(),
        date("starts"),
        date("ends"),
    ),
)

SERVICE_ENTITLEMENT = TableDef(
    name="service_entitlement",
    newest_first=CUSTOMER,
    label="Entitlement",
    display="entitlement_name",
    fields=(
        string("entitlement_name", 100),
        boolean("active", default=True),
        *_customer(),
        date("start_date"),
        date("end_date"),
        integer("remaining_units"),
    ),
)

# A review a customer left on one of the organisation's social pages.
SOCIAL_RATING = TableDef(
    name="social_rating",
    label="Social Rating",
    display="reviewer_name",
    changed_flag="changed",
    fields=(
        choice("channel", (("facebook", "Facebook"),), default="facebook"),
        integer("rating"),
        string("message", 4000),
        string("reviewer_id", 64),
        string("reviewer_name", 100),
        datetime_("rated_on"),
        boolean("changed", default=True, writable=False, indexed=True),
    ),
)

SERVICE_TABLES = (
    SYS_CS_PROVIDER_APPLICATION,
    INTERACTION,
    INTERACTION_JSON_BLOB,
    INTERACTION_RELATED_RECORD,
    PHONE_LOG,
    CASE,
    CONTRACT_SLA,
    TASK_SLA,
    KB_KNOWLEDGE_BASE,
    KB_CATEGORY,
    KB_KNOWLEDGE,
    KB_USE,
    SOCIAL_RATING,
    AST_CONTRACT,
    SERVICE_ENTITLEMENT,
)
