"""What a service measure counts, from its name: its unit, and whether it is a flow or a stock.

A flow is counted across a period (referrals received in the month); a stock is counted at one
moment (children on plans at the month's count). The two answer different questions and must never
share one axis, nor must counts share one with FTE or percentages, so a chart of measures draws one
panel per kind. Officers name measures freely, so this goes by the words in the name; an unknown
name is a count of a stock, the commonest kind in caseload papers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

PERCENT = "percent"
FTE = "fte"
RATE = "rate"
COUNT = "count"

# Words that mark a count made across the period rather than at a moment.
_FLOW_WORDS = re.compile(
    r"\b(referrals?|re-referrals?|contacts?|received|new|starts?|started|starting|ceased|ended|closed|closures?"
    r"|completed|conferences?|visits?|admissions?|entered|entering|became|leavers? in|strategy meetings?"
    r"|section 47 enquir(?:y|ies)|assessments? (?:started|completed|authorised)|assessments?\b(?! team))",
    re.IGNORECASE,
)
_STOCK_WORDS = re.compile(
    r"\b(on (?:a |the )?(?:child protection )?plans?|subject to|looked[- ]after|in care|in need|allocated"
    r"|unallocated|open cases|caseloads?|vacanc(?:y|ies)|agency|workers|staff|held)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class MeasureKind:
    unit: str  # PERCENT, FTE, RATE or COUNT
    flow: bool  # counted across the period (True) or at one moment (False)


def measure_kind(name: str) -> MeasureKind:
    """The unit and flow or stock of a measure named as an officer names it."""
    lowered = name.lower()
    if "%" in lowered or re.search(r"\b(per ?cent|percentage|proportion)\b", lowered):
        return MeasureKind(PERCENT, False)
    if re.search(r"\bper 10,?000\b|\brate per\b", lowered):
        return MeasureKind(RATE, False)
    if re.search(r"\bfte\b|full[- ]time equivalent", lowered):
        return MeasureKind(FTE, False)
    flow = bool(_FLOW_WORDS.search(name)) and not _STOCK_WORDS.search(name)
    return MeasureKind(COUNT, flow)
