"""Customer Central's configuration: contexts (a customer table and a target table) and the
cards they show, in order: records, lists, reports and groups of reports.

A card's ``filter`` is its own condition; ``relationship`` ties the card's records to the
customer being shown, an encoded query whose ``{field}`` placeholders take that customer's
values (``consumer={sys_id}``, ``user={user}``, ``task.consumer={sys_id}``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from frontdesk.store.fields import Field, boolean, choice, integer, reference, string
from frontdesk.store.registry import Cached, TableDef

# Read on every customer an agent opens, changed rarely: kept per process (``Layout``).
CACHES = frozenset({Cached.CARDS})

CONTEXT = "sn_customercentral_cust_info_config"
REPORT_TYPES = (
    ("single_score", "Single Score"),
    ("donut", "Donut"),
    ("pie", "Pie"),
    ("bar", "Bar"),
    ("horizontal_bar", "Horizontal Bar"),
    ("line", "Line"),
    ("trend", "Trend"),
)
AGGREGATES = (
    ("COUNT", "Count"),
    ("COUNT(DISTINCT)", "Count Distinct"),
    ("SUM", "Sum"),
    ("AVG", "Average"),
)

CUST_INFO_CONFIG = TableDef(
    name=CONTEXT,
    label="Customer Information Context",
    display="name",
    caches=CACHES,
    fields=(
        string("name", 100),
        string("context_table", 80, indexed=True, label="Context"),
        string("target_table", 80, label="Target"),
        string("layout", 100, default="6,6"),
        integer("days_of_data", default=30, label="Number of days to display data from"),
        boolean("active", default=True),
    ),
)


def _card() -> tuple[Field, ...]:
    """What every card has: its title, its context and place there, and its customer."""
    return (
        string("title", 100),
        reference("context", CONTEXT),
        integer("order", default=100),
        boolean("active", default=True),
        string("relationship", 1000),
    )


RECORD_CONFIG = TableDef(
    name="sn_customercentral_record_config",
    label="Record Configuration",
    display="title",
    caches=CACHES,
    fields=(
        *_card(),
        string("fields", 1000, label="Fields shown"),
        string("subheader_field", 80, default="name", label="Sub-header title field"),
        string("subheader_user_field", 80, default="user", label="Sub-header user field"),
        string("avatar_field", 80, default="photo"),
    ),
)

LIST_CONFIG = TableDef(
    name="sn_customercentral_list_config",
    label="List Configuration",
    display="title",
    caches=CACHES,
    fields=(
        *_card(),
        string("source_table", 80),
        string("filter", 4000),
        integer("list_limit", default=3),
        string("view_name", 80, default="customer_central", label="View"),
        string("list_fields", 1000, label="Columns"),
    ),
)

REPORT_GROUP_CONFIG = TableDef(
    name="sn_customercentral_report_group_config",
    label="Report Group Configuration",
    display="title",
    caches=CACHES,
    fields=_card(),
)

REPORT_CONFIG = TableDef(
    name="sn_customercentral_report_config",
    label="Report Configuration",
    display="title",
    caches=CACHES,
    fields=(
        *_card(),
        reference("report_group", REPORT_GROUP_CONFIG.name),
        choice("report_type", REPORT_TYPES, default="single_score", label="Type"),
        choice("source_type", (("table", "Table"), ("source", "Source")), default="table"),
        string("source_id", 80, label="Source"),
        string("filter", 4000),
        string("group_by", 80),
        string("trend_interval", 40, default="year"),
        string("trend_field", 80),
        string("stack_by_field", 80),
        choice("aggregate_function", AGGREGATES, default="COUNT"),
        string("aggregate_field", 80),
        integer("decimal_precision", default=2),
        string("number_of_groups", 40, default="0"),
        boolean("show_other", default=True),
        string("style", 4000, label="Style configurations (JSON)"),
    ),
)

CARD_TABLES = (CUST_INFO_CONFIG, RECORD_CONFIG, LIST_CONFIG, REPORT_GROUP_CONFIG, REPORT_CONFIG)


@dataclass(frozen=True, slots=True)
class Layout:
    """What the configuration says of one context: its record, and its active cards in
    order, each as (table, record, the active reports of a report group, in order)."""

    context: Mapping[str, Any]
    cards: tuple[tuple[TableDef, Mapping[str, Any], tuple[Mapping[str, Any], ...]], ...]
