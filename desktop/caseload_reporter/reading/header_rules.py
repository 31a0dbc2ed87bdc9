"""The second step of reading a column header: the evidence each field needs, and its weight.

Each field, and each thing the app knowingly does not import ('a target', 'a RAG rating'), has
rules: a set of concepts that must all be present, and a weight. A unit or a quantity weighs more
than the person or team it belongs to; a word that changes what the column is ('target', '%')
outweighs the field words around it. :mod:`caseload_reporter.reading.header_words` scores a header
against them; the phrases the officer is shown for what is not imported are here too.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TypedDict, Unpack


@dataclass(frozen=True)
class Rule:
    """Evidence for a field: every group in ``all_of`` has a concept present, none of ``none_of`` is."""

    field: str
    weight: float
    all_of: tuple[frozenset[str], ...]
    none_of: frozenset[str] = frozenset()
    plural: str | None = None  # this concept must be plural ('Units' counts, 'Unit' names)
    singular: str | None = None
    doubt: bool = False  # the words fit, but the reading is a guess the officer should see


class _RuleOptions(TypedDict, total=False):
    """The optional fields of :class:`Rule`, as :func:`_rule` takes them."""

    none_of: frozenset[str]
    plural: str | None
    singular: str | None
    doubt: bool


def _rule(field: str, weight: float, *groups: str, **extra: Unpack[_RuleOptions]) -> Rule:
    return Rule(field, weight, tuple(frozenset(g.split("|")) for g in groups), **extra)


# Quantities: a header that names one of these is not a period, whatever date words qualify it.
_QUANTITY = frozenset(
    {
        "CASE",
        "CHILD",
        "FTE",
        "AVG",
        "RANGE",
        "LOW",
        "HIGH",
        "HEADCOUNT",
        "HOURS",
        "ESTABLISH",
        "POST",
        "UNIT",
        "WORKER",
        "VACANCY",
        "TARGET",
    }
)
# Words that make a case-kind word a qualifier ('CP social worker') rather than a count of one kind.
_NOT_CASE_KIND = frozenset({"WORKER", "TEAM", "UNIT", "FTE", "AVG", "RATIO", "DISTRICT", "SERVICE"})

# Non-fields are named with a leading '~'; their phrases are in NON_FIELDS below.
RULES: tuple[Rule, ...] = (
    _rule("period", 8, "PERIOD", none_of=_QUANTITY),
    _rule("period", 8, "PERIOD_UNIT", none_of=_QUANTITY | {"DATE_QUAL"}),
    _rule("period", 7, "DATE", none_of=_QUANTITY | {"DATE_QUAL", "PERSONAL", "TIMELINESS", "ALLOCATED"}),
    _rule("district", 6, "DISTRICT", none_of=frozenset({"COUNT"})),
    _rule("district", 8, "DISTRICT", "NAME|ID"),
    _rule("team", 6, "TEAM", none_of=frozenset({"COUNT"})),
    _rule("team", 8, "TEAM", "NAME|ID"),
    _rule("team", 6, "UNIT", singular="UNIT", none_of=frozenset({"COUNT"})),
    _rule("team", 5.5, "UNIT", plural="UNIT", none_of=frozenset({"COUNT"})),
    _rule("team", 8, "UNIT", "NAME|ID"),
    _rule("team_type", 9, "TEAM|SERVICE|UNIT", "TYPE|GROUP"),
    _rule("team_type", 9, "TEAM|UNIT", "SERVICE", none_of=frozenset({"SLASH"})),
    _rule("team_type", 9, "SERVICE", "DISTRICT"),
    _rule("team_type", 5.5, "SERVICE"),
    _rule("team_type", 5, "TYPE"),
    _rule("worker", 6, "WORKER"),
    _rule("worker", 8, "WORKER", "NAME"),
    _rule("worker", 7, "WORKER", "ID"),
    _rule("worker", 5, "NAME", none_of=frozenset({"TEAM", "UNIT", "DISTRICT", "SERVICE", "MEASURE", "CASE", "CHILD"})),
    _rule("workers", 6, "WORKER", plural="WORKER"),
    _rule("workers", 7.5, "WORKER", "COUNT|TOTAL|INPOST"),
    _rule("workers", 9, "HEADCOUNT"),
    _rule("fte", 8.5, "FTE"),
    _rule("agency", 8, "AGENCY"),
    _rule("agency", 8.2, "AGENCY", "WORKER", plural="WORKER", doubt=True),  # 'Agency workers': flags or a count
    _rule("agency", 10, "AGENCY", "PERMANENT|YESNO"),
    _rule("agency", 9, "EMPLOYMENT", "TYPE|STATUS"),
    _rule("caseload", 8, "CASELOAD_W"),
    _rule("caseload", 8, "CASE", plural="CASE"),
    _rule("caseload", 8, "CASE|CHILD", "COUNT|TOTAL|ALLOCATED"),
    _rule("caseload", 7, "CHILD", plural="CHILD"),
    _rule("units", 7, "UNIT", plural="UNIT"),
    _rule("units", 9, "UNIT", "COUNT|TOTAL|INPOST"),
    _rule("established_fte", 8, "ESTABLISH"),
    _rule("established_fte", 10, "ESTABLISH", "FTE|POST|WORKER"),
    _rule("established_fte", 6, "POST"),
    _rule("established_fte", 7, "POST", "COUNT|TOTAL"),
    _rule("measure", 8, "MEASURE"),
    _rule("measure", 9, "MEASURE", "NAME"),
    _rule("average", 7, "AVG"),
    _rule("average", 10, "AVG", "CASE|CHILD"),
    _rule("average", 10, "RATIO"),
    _rule("average", 9, "CASE", "FTE", doubt=True),  # 'caseload_fte', 'FTE caseload': cases per FTE
    _rule("range", 10, "RANGE"),
    _rule("range", 10, "LOW", "HIGH"),
    _rule("workers_over", 11, "WORKER", "OVER|THRESHOLD"),
    _rule("workers_over", 10, "CASELOAD_W", "OVER", "NUMBER"),
    # What the app knowingly does not import.
    _rule("~target", 10, "TARGET"),
    _rule("~rag", 10, "RAG"),
    _rule("~manager", 9, "MANAGER"),
    _rule("~notes", 10, "NOTES"),
    _rule("~vacancy", 10, "VACANCY"),
    _rule("~hours", 7, "HOURS"),
    _rule("~change", 10, "CHANGE"),
    _rule("~percent", 12, "PERCENT"),
    _rule("~turnover", 10, "TURNOVER"),
    _rule("~absence", 10, "ABSENCE"),
    _rule("~cost", 9, "COST"),
    _rule("~role", 9, "ROLE"),
    _rule("~role", 9, "WORKER", "TYPE"),
    _rule("~otherdate", 10, "DATE|PERIOD_UNIT", "DATE_QUAL|ALLOCATED|TIMELINESS"),
    _rule("~personal", 10, "PERSONAL"),
    _rule("~childid", 10, "CHILD|CASE", "ID|NAME"),
    _rule("~childid", 10, "CHILDID"),
    _rule("~id", 5, "ID"),
    _rule("~contact", 10, "CONTACT"),
    _rule("~council", 9, "COUNCIL"),
    _rule("~activity", 10, "ACTIVITY"),
    _rule("~timeliness", 10, "TIMELINESS"),
    _rule("~casekind", 9, "CASE_KIND", none_of=_NOT_CASE_KIND),
    _rule("~casekind", 9, "CASE|CHILD", "TYPE|STATUS"),
    _rule("~unallocated", 11, "UNALLOCATED"),
    _rule("~duration", 9, "DURATION"),
    _rule("~weighted", 10, "WEIGHT"),
    _rule("~total", 4, "TOTAL"),
    _rule("~benchmark", 10, "BENCHMARK"),
    _rule("~previous", 10, "PREVIOUS"),
    _rule("~projection", 10, "PROJECTION"),
    _rule("~needed", 10, "NEEDED"),
    _rule("~extreme", 9, "LOW|HIGH", "CASE|CHILD"),
    _rule("~staffing", 10, "AGENCY|PERMANENT", "FTE|HEADCOUNT|COUNT|PERCENT|COVER|POST"),
    _rule("~permanent", 8, "PERMANENT", none_of=frozenset({"AGENCY"})),
)

# Where a field's first rule stands: the order ties are broken in.
RULES_ORDER = {r.field: i for i, r in reversed(list(enumerate(RULES)))}

# Phrases for the officer: "'Target' is <phrase>, which is not imported".
NON_FIELDS: dict[str, str] = {
    "~target": "a target (targets are set in Settings > Caseload targets)",
    "~rag": "a RAG rating",
    "~manager": "a manager's name",
    "~notes": "notes",
    "~vacancy": "vacancies (worked out from established FTE less FTE in post)",
    "~hours": "working hours (the app reads FTE, not hours)",
    "~change": "a change or difference between figures",
    "~percent": "a percentage or rate",
    "~turnover": "a turnover, starters or leavers figure",
    "~absence": "sickness absence",
    "~cost": "a cost or budget",
    "~role": "a job title, grade or role",
    "~otherdate": "a date that is not the reporting period",
    "~personal": "a personal detail",
    "~childid": "a child's name or case reference",
    "~id": "a reference number",
    "~contact": "contact details",
    "~council": "a council or region",
    "~activity": "a count of referrals, assessments or other activity",
    "~timeliness": "supervision or visit timeliness",
    "~casekind": "a count of one kind of case (the caseload is all allocated cases)",
    "~unallocated": "unallocated cases (cases no worker holds)",
    "~duration": "a length of time",
    "~weighted": "a weighted caseload or workload score (the app counts cases)",
    "~total": "a total of other columns",
    "~benchmark": "a comparison figure (national, regional or neighbours': the DfE file gives these)",
    "~previous": "an earlier figure",
    "~projection": "a projected or forecast figure",
    "~needed": "the staff needed (worked out on the Staffing page)",
    "~extreme": "a highest or lowest caseload on its own",
    "~staffing": "agency or permanent staffing figures (agency is read per worker)",
    "~permanent": "whether a worker is permanent (the app reads an agency column: Yes means agency)",
}
