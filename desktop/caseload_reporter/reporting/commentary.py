"""Drafted commentary: the sentences an officer would write about the figures, proposed from the data.

Each proposal is a data sentence block (see :mod:`reporting.data_sentences`) with its options, so
the text offered is exactly what the report prints, and an accepted proposal stays linked: its
figures are worked out again from the data at every export. A sentence the data cannot support is
not proposed; its reason is listed instead, so the officer can see why nothing was said.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from typing import Any

from caseload_reporter.reporting.block_context import BlockContext
from caseload_reporter.reporting.blocks import SentenceContent, Unavailable, build_block
from caseload_reporter.reporting.draft import Item

# (topic, sentence kind, options), in the order an officer would usually write them.
CANDIDATES: tuple[tuple[str, str, dict[str, Any]], ...] = (
    ("Trend of the average", "sentence.average_trend", {"periods": 13}),
    ("Change over the quarter", "sentence.average_change", {}),
    ("Total cases", "sentence.total_cases", {}),
    ("Service measures", "sentence.measure_change", {}),
    ("Districts apart from the rest", "sentence.district_gap", {"measure": "cases"}),
    ("Districts apart from the rest", "sentence.district_gap", {"measure": "average"}),
    ("Teams over target", "sentence.teams_over_target", {}),
    ("Workers over the ceiling", "sentence.workers_over_ceiling", {}),
    ("Against England", "sentence.against_england", {}),
)


@dataclass(frozen=True)
class Proposal:
    topic: str
    kind: str
    options: dict[str, Any] = field(hash=False)
    text: str

    def item(self) -> Item:
        """The linked block to put in the draft (a copy, so the draft never shares options with this)."""
        return Item(self.kind, options=copy.deepcopy(self.options))


@dataclass(frozen=True)
class NotProposed:
    topic: str
    reason: str


@dataclass
class Commentary:
    proposals: list[Proposal]
    not_proposed: list[NotProposed]


def propose(context: BlockContext) -> Commentary:
    """Every candidate sentence the data supports now, and why the others were left out."""
    proposals, left_out = [], []
    for topic, kind, options in CANDIDATES:
        result = build_block(Item(kind, options=dict(options)), context)
        if isinstance(result, SentenceContent):
            proposals.append(Proposal(topic, kind, dict(options), result.text))
        elif isinstance(result, Unavailable):
            left_out.append(NotProposed(topic, result.reason))
    # Two candidates share a topic (district totals and averages): one reason per topic is enough,
    # and none once either was proposed.
    offered = {p.topic for p in proposals}
    reasons: dict[str, NotProposed] = {}
    for entry in left_out:
        if entry.topic not in offered:
            reasons.setdefault(entry.topic, entry)
    return Commentary(proposals, list(reasons.values()))
