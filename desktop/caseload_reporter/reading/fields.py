"""The canonical fields, what their columns hold, how a header is matched to one, and the team types.

One place for what a column means, so header detection, column mapping and the mapping dialog
all agree. The words officers use are read in :mod:`header_words`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from caseload_reporter.reading.header_rules import NON_FIELDS
from caseload_reporter.reading.header_words import read_header

# Canonical fields of the caseload table, in display order.
CASELOAD_FIELDS = ("period", "district", "team", "team_type", "worker", "fte", "agency", "caseload")
# Fields a team-level or team-establishment sheet may add.
EXTRA_FIELDS = ("established_fte", "units", "workers", "measure", "average", "range", "workers_over")

FIELD_LABELS = {
    "period": "Period",
    "district": "District",
    "team": "Team",
    "team_type": "Team type",
    "worker": "Worker",
    "fte": "FTE",
    "agency": "Agency",
    "caseload": "Caseload",
    "established_fte": "Established FTE",
    "units": "Units",
    "workers": "Social workers (head count)",
    "measure": "Measure",
    "average": "Average caseload",
    "range": "Caseload range",
    "range_low": "Lowest caseload",
    "range_high": "Highest caseload",
    "workers_over": "Workers over the ceiling",
}

# What each field's column holds, so a header can be checked against the cells beneath it
# ('Social workers' over names is the worker, over numbers the head count).
FIELD_CONTENT: dict[str, str] = {
    "period": "period",
    "district": "text",
    "team": "text",
    "team_type": "text",
    "worker": "text",
    "measure": "text",
    "fte": "number",
    "caseload": "number",
    "average": "number",
    "units": "number",
    "established_fte": "number",
    "workers": "number",
    "workers_over": "number",
    "agency": "flag",
    "range": "range",
}

_NORMALISE = re.compile(r"[^a-z0-9/?]+")


def normalise_header(text: str) -> str:
    """Lower-case, collapse punctuation and spaces: 'No. of  Cases' -> 'no of cases'.

    Used as a key for the officer's remembered choices, so it must not change between versions.
    """
    return " ".join(_NORMALISE.sub(" ", text.lower().replace("’", "'")).split())


@dataclass(frozen=True)
class FieldMatch:
    field: str
    confidence: float  # 1.0 certain; below 1.0 a guess the officer is asked to check


def rank_fields(header: str) -> list[FieldMatch]:
    """Every field a header gives evidence for, strongest first; empty when it names no field.

    The first is :func:`match_field`'s answer. The others are what the words could also mean
    ('Social workers' is names or a head count; 'Units' a count or a unit's name): the importer
    takes one of them when the column's content contradicts the first.
    """
    return [FieldMatch(f, c) for f, c in read_header(header).ranked]


def match_field(header: str) -> FieldMatch | None:
    """Which canonical field a header names, if any, and how sure that reading is.

    None for a header that names nothing known, and for one that names something the app does
    not import ('Target', 'RAG'; see :func:`describe_non_field`).
    """
    ranked = read_header(header).ranked
    return FieldMatch(*ranked[0]) if ranked else None


def describe_non_field(header: str) -> str | None:
    """For a header recognised as something the app deliberately does not import, what it is.

    'Target caseload' -> 'a target (targets are set in Settings > Caseload targets)'; None for a
    header that names a field or that is not understood.
    """
    key = read_header(header).non_field
    return NON_FIELDS[key] if key else None


# --- team types ----------------------------------------------------------------------------

TEAM_TYPES: dict[str, str] = {
    "assessment": "Assessment",
    "childrens": "Children's",
    "adolescent": "Adolescent",
    "children_in_care": "Children in care",
    "unaccompanied": "Unaccompanied asylum-seeking children",
    "leaving_care": "Leaving care",
    "disabled_children": "Disabled children",
    "adoption": "Adoption",
    "fostering": "Fostering",
    "other": "Other",
}

# Checked in order: the first pattern found in the name wins ('Children in Care' before 'Children').
_TEAM_TYPE_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (key, re.compile(pattern, re.I))
    for key, pattern in (
        ("unaccompanied", r"unaccompanied|\buasc\b|asylum"),
        ("adoption", r"adopt|permanence"),
        ("fostering", r"foster|kinship|connected carers"),
        ("leaving_care", r"leaving care|care leaver|after ?care|\b16\s*-\s*25\b|\b14\s*-\s*25\b"),
        ("disabled_children", r"disab|\bcwd\b|\bsen\b"),
        ("children_in_care", r"children in care|looked[- ]after|\bcic\b|\blac\b|corporate parent"),
        ("adolescent", r"adolescen|young people|youth|\bteen"),
        ("assessment", r"assess|\bmash\b|front door|duty|intake|\bfat\b"),
        ("childrens", r"child|safeguard|protection|family|\bcin\b|\bcp\b|long[- ]term"),
    )
)


def infer_team_type(text: str) -> str | None:
    """The team type a team name or a type label implies: 'Assessment Team 2' -> 'assessment'."""
    if not text:
        return None
    for key, pattern in _TEAM_TYPE_PATTERNS:
        if pattern.search(text):
            return key
    return None
