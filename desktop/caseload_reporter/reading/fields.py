"""The canonical fields, the words officers use for them, and the team types.

One place for every synonym, so header detection, column mapping and the mapping dialog all
agree on what a column means.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

# Canonical fields of the caseload table, in display order.
CASELOAD_FIELDS = ("period", "district", "team", "team_type", "worker", "fte", "agency", "caseload")
# Fields a team-establishment sheet may add.
EXTRA_FIELDS = ("established_fte", "measure", "average", "range", "workers_over")

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
    "measure": "Measure",
    "average": "Average caseload",
    "range": "Caseload range",
    "range_low": "Lowest caseload",
    "range_high": "Highest caseload",
    "workers_over": "Workers over the ceiling",
}

SYNONYMS: dict[str, tuple[str, ...]] = {
    "period": (
        "period",
        "week commencing",
        "week beginning",
        "week ending",
        "w/c",
        "wc",
        "week",
        "date",
        "month",
        "snapshot date",
        "snapshot",
        "as at",
        "as at date",
        "reporting period",
        "quarter",
        "time period",
    ),
    "district": ("district", "area", "locality", "patch", "district area", "geography", "hub"),
    "team": ("team", "team name", "unit", "unit name", "social work team", "social work unit"),
    "team_type": (
        "team type",
        "service",
        "team group",
        "service area",
        "function",
        "team function",
        "type of team",
        "service type",
    ),
    "worker": (
        "social worker",
        "worker",
        "practitioner",
        "sw",
        "worker name",
        "name",
        "staff name",
        "allocated worker",
        "employee",
        "staff member",
        "case holder",
        "social worker name",
    ),
    "fte": ("fte", "full time equivalent", "contracted fte", "wte", "fte hours", "hours fte"),
    "agency": (
        "agency",
        "agency worker",
        "agency?",
        "agency staff",
        "agency / permanent",
        "agency/permanent",
        "employment type",
        "contract type",
        "permanent or agency",
    ),
    "caseload": (
        "caseload",
        "cases",
        "allocated children",
        "no. of cases",
        "no of cases",
        "number of cases",
        "allocated cases",
        "children allocated",
        "case count",
        "total cases",
        "caseload count",
        "open cases",
        "children",
    ),
    "units": ("units", "number of units", "social work units", "unit count", "no of units", "units in post"),
    "established_fte": (
        "established fte",
        "establishment",
        "establishment fte",
        "funded fte",
        "budgeted fte",
        "funded posts",
        "established posts",
    ),
    "measure": ("measure", "indicator", "measure name", "performance measure", "metric"),
    "average": ("average caseload", "average", "avg caseload", "mean caseload", "average cases"),
    "range": ("caseload range", "range", "range of caseloads", "lowest to highest", "min max"),
    "workers_over": (
        "workers with a caseload 25",
        "workers over 25",
        "workers 25",
        "workers above 25",
        "workers with caseload over 25",
        "number of workers over 25",
        "workers over ceiling",
        "workers with more than 25 cases",
    ),
}

_NORMALISE = re.compile(r"[^a-z0-9/?]+")


def normalise_header(text: str) -> str:
    """Lower-case, collapse punctuation and spaces: 'No. of  Cases' -> 'no of cases'."""
    return " ".join(_NORMALISE.sub(" ", text.lower().replace("’", "'")).split())


_LOOKUP = {normalise_header(s): f for f, words in SYNONYMS.items() for s in words}


@dataclass(frozen=True)
class FieldMatch:
    field: str
    confidence: float  # 1.0 exact synonym, lower for fuzzy matches


def match_field(header: str) -> FieldMatch | None:
    """Which canonical field a header names, if any: exact synonym first, then a fuzzy match."""
    norm = normalise_header(header)
    if not norm:
        return None
    if norm in _LOOKUP:
        return FieldMatch(_LOOKUP[norm], 1.0)
    # A header that contains a synonym as whole words ('Caseload (allocated)').
    for synonym, field in sorted(_LOOKUP.items(), key=lambda kv: -len(kv[0])):
        if len(synonym) >= 4 and re.search(rf"(^|\s){re.escape(synonym)}(\s|$)", norm):
            return FieldMatch(field, 0.8)
    close = difflib.get_close_matches(norm, list(_LOOKUP), n=1, cutoff=0.84)
    if close:
        ratio = difflib.SequenceMatcher(None, norm, close[0]).ratio()
        return FieldMatch(_LOOKUP[close[0]], round(ratio * 0.8, 2))
    return None


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


# --- interface for column roles (stand-ins until the word-based matcher lands) ---------------------

FIELD_LABELS.setdefault("workers", "Social workers (head count)")
SYNONYMS.setdefault("workers", ("number of social workers", "no of social workers", "headcount", "head count"))
_LOOKUP.update({normalise_header(s): "workers" for s in SYNONYMS["workers"]})

# What each field's column holds, so a column's content can confirm or question its heading.
FIELD_CONTENT: dict[str, str] = {
    **dict.fromkeys(("district", "team", "team_type", "worker", "measure"), "text"),
    **dict.fromkeys(("fte", "caseload", "average", "units", "established_fte", "workers", "workers_over"), "number"),
    "period": "period",
    "agency": "flag",
    "range": "range",
}


def rank_fields(header: str) -> list[FieldMatch]:
    """Every field the header gives evidence for, strongest first."""
    match = match_field(header)
    return [match] if match else []


def describe_non_field(header: str) -> str | None:
    """What a heading the app deliberately does not import holds ('a target'), or None."""
    return None
