"""Encoded queries parse, re-render unchanged, and bad syntax is pointed at."""

from __future__ import annotations

import pytest

from frontdesk.query.ast import (
    Clause,
    Condition,
    Join,
    OrderBy,
    RelatedList,
    TextSearch,
    Unparsed,
)
from frontdesk.query.parser import parse
from frontdesk.query.render import render

# Real queries: ServiceNow docs, research §1, the Customer Central spec, pysnc and pysnow output.
CORPUS = [
    "active=true",
    "active=true^ORDERBYnumber^ORDERBYDESCcategory",
    "stateNOT IN3,6,7",
    "sys_updated_onRELATIVELT@hour@ago@24",
    "sla_dueRELATIVEGT@hour@ago@1",
    "sys_created_onBETWEENjavascript:gs.dateGenerate('2015-10-07','00:00:00')@javascript:gs.daysAgoEnd(0)",
    "taskIN46d44a23a9fe19810012d100cca80666,46c6f9efa9fe198101ddf5a0c4fb8b4d",
    "sys_created_on>=2020-04-07 13:40:48",
    "sys_created_onONToday@javascript:gs.beginningOfToday()@javascript:gs.endOfToday()",
    "active=true^priority=1^EQ^consumer=a0488cfbdb1b1200b6075200cf9619db"
    "^ORDERBYDESCsys_created_on^sys_created_on>=2020-04-07 13:40:48",
    "end_date=NULL^ORend_date>=2020-04-07 13:40:48",
    "short_descriptionNOT LIKESAP",
    "short_descriptionLIKEemail^ORshort_descriptionLIKEoutlook",
    "caller_idSTARTSWITHDon",
    "caller_idSAMEASassigned_to",
    "sla_dueSAMEASactivity_due@day",
    "sla_dueMORETHANactivity_due@day@before@1",
    "sla_dueDATEPARTMonday@javascript:gs.datePart('dayofweek','monday','GE')",
    "caller_idDYNAMIC90d1921e5f510100a9ad2572f2b477fe",
    "sys_class_nameINSTANCEOFtask",
    "impactBETWEEN1@2",
    "short_descriptionBETWEENq@t",
    "call_type=^ORcall_type=phone",
    "u_contact_group.nameDOES NOT CONTAIN(HSC)",
    "company.stock_symbol=NYX",
    "caller_id.department=221db0edc611228401760aec06c9d929",
    "name=Harding Asher^NQname=Sam Collins",
    "A=1^NQB=2^NQC=3^EQ^u_groupINx,y^ORu_groupNOT INz^ORu_group=^ORDERBYopened_at",
    "RLQUERYincident.problem_id,>=1^ENDRLQUERY",
    "RLQUERYincident.problem_id,>=1,m2m^active=true^ENDRLQUERY",
    "JOINsys_user.sys_id=sys_user_group.manager!active=true",
    "JOINsys_user.sys_id=sys_user_group.manager!",
    "active=true^ORDERBYsys_id",
    "123TEXTQUERY321=email",
    "emailISEMPTY^ORemailISNOTEMPTY^nameANYTHING^notesEMPTYSTRING",
    "numberGT_FIELDnotification^numberLT_OR_EQUALS_FIELDnotification",
    "sys_tags.0b2b0a8b1b0b=0b2b0a8b1b0b",
    "state=INPROGRESS",
    "nameCONTAINSash^nameNOTLIKEzzz^nameNOT_CONTAINSyyy",
    "short_descriptionENDSWITHfailed",
    "numberINCSMR0000002,CSMR0000004^GROUPBYcity",
    "short_descriptionNOTONToday@javascript:gs.beginningOfToday()@javascript:gs.endOfToday()",
    "sys_created_onRELATIVEEE@dayofweek@ago@3^sys_updated_onLESSTHANsys_created_on@hour@after@2",
]


@pytest.mark.parametrize("query", CORPUS)
def test_corpus_round_trips(query: str) -> None:
    assert render(parse(query)) == query


@pytest.mark.parametrize(
    ("query", "canonical"),
    [
        ("^consumer=x^ORDERBYDESCsys_created_on", "consumer=x^ORDERBYDESCsys_created_on"),
        ("active=true^^name=a", "active=true^name=a"),
        ("active=true^", "active=true"),
    ],
)
def test_empty_segments_are_dropped(query: str, canonical: str) -> None:
    assert render(parse(query)) == canonical


def test_or_binds_tighter_than_and() -> None:
    query = parse("a=1^b=2^ORc=3")
    clauses = query.groups[0].clauses()
    assert [len(c.terms) for c in clauses] == [1, 2]
    assert [t.field for t in clauses[1].terms if isinstance(t, Condition)] == ["b", "c"]


def test_nq_splits_groups_and_eq_starts_the_tail() -> None:
    query = parse("a=1^NQb=2^EQ^c=3^ORDERBYd")
    assert len(query.groups) == 2
    assert query.tail is not None
    assert [type(item) for item in query.tail.items] == [Clause, OrderBy]


def test_operators_split_longest_first() -> None:
    spellings = {
        "stateNOT IN1,2": ("state", "NOT IN", "1,2"),
        "state!=1": ("state", "!=", "1"),
        "state>=1": ("state", ">=", "1"),
        "caller_idNSAMEASopened_by": ("caller_id", "NSAMEAS", "opened_by"),
        "emailISNOTEMPTY": ("email", "ISNOTEMPTY", ""),
        "state=INPROGRESS": ("state", "=", "INPROGRESS"),
        "descriptionDOES NOT CONTAINx": ("description", "NOT LIKE", "x"),
        "nameCONTAINSx": ("name", "LIKE", "x"),
        "sys_created_on>=2020-04-07 13:40:48": ("sys_created_on", ">=", "2020-04-07 13:40:48"),
    }
    for text, expected in spellings.items():
        (clause,) = parse(text).groups[0].clauses()
        (term,) = clause.terms
        assert isinstance(term, Condition)
        assert (term.field, term.operator, term.value) == expected


def test_subqueries_are_structured() -> None:
    (clause,) = (
        parse("RLQUERYincident.problem_id,>=1,m2m^active=true^ENDRLQUERY").groups[0].clauses()
    )
    related = clause.terms[0]
    assert isinstance(related, RelatedList)
    assert (related.table, related.field, related.count, related.m2m) == (
        "incident",
        "problem_id",
        ">=1",
        True,
    )
    (join_clause, order) = (
        parse("JOINsys_user.sys_id=sys_user_group.manager!active=true^ORDERBYsys_id")
        .groups[0]
        .items
    )
    assert isinstance(join_clause, Clause)
    join = join_clause.terms[0]
    assert isinstance(join, Join)
    assert join.other == "sys_user_group"
    assert render(join.query) == "active=true"
    assert isinstance(order, OrderBy)
    (text,) = parse("123TEXTQUERY321=printer jam").groups[0].clauses()
    assert isinstance(text.terms[0], TextSearch)


@pytest.mark.parametrize(
    ("query", "position", "reason"),
    [
        ("active", 0, "no operator"),
        ("a=1^active", 4, "no operator"),
        ("^ORa=1", 1, "^OR must follow a condition"),
        ("a=1^ENDRLQUERY", 4, "without its opening"),
        ("RLQUERYincident.problem_id,>=1^a=1", 34, "missing ENDRLQUERY"),
        ("RLQUERYincident,>=1^ENDRLQUERY", 0, "RLQUERY needs"),
        ("JOINsys_user.sys_id", 0, "JOIN needs '!'"),
        ("na me=1", 0, "is not a field name"),
        ("ORDERBY", 7, "expected a field name"),
        ("a=1^EQ^b=2^NQc=3", 11, "^NQ after ^EQ"),
    ],
)
def test_what_is_not_syntax_is_an_unparsed_part_pointing_at_the_fault(
    query: str, position: int, reason: str
) -> None:
    parsed = parse(query)
    groups = [*parsed.groups, *([parsed.tail] if parsed.tail else [])]
    found = [item for group in groups for item in group.items if isinstance(item, Unparsed)]
    assert [(u.position, reason in u.reason) for u in found] == [(position, True)]


def test_the_valid_parts_around_an_unparsed_one_are_kept() -> None:
    (group,) = parse("state=TX^garbage^ORDERBYname").groups
    assert [type(item).__name__ for item in group.items] == ["Clause", "Unparsed", "OrderBy"]
