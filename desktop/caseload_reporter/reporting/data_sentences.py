"""Sentences whose figures come from the data, so they change when the data does.

"The average caseload per FTE has reduced from 20.0 in December 2021 to 17.5 in March 2022." Each
sentence is worked out at export from the options the officer chose; when the data cannot support
it (a period missing, no averages) it gives the reason instead, and the report prints no sentence.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pandas as pd

from caseload_reporter.analysis.staffing import DEFAULT_COST_PER_POST, staffing_scenario
from caseload_reporter.analysis.thresholds import BASES
from caseload_reporter.reading.fields import TEAM_TYPES
from caseload_reporter.reporting.privacy import is_missing

if TYPE_CHECKING:
    from caseload_reporter.reporting.block_context import BlockContext


@dataclass(frozen=True)
class SentenceText:
    text: str = ""
    reason: str = ""  # why there is no sentence

    @property
    def ok(self) -> bool:
        return bool(self.text)


@dataclass(frozen=True)
class Sentence:
    label: str
    description: str
    build: Callable[[dict, BlockContext], SentenceText]


def _scope_average(context: BlockContext, scope: str, period: pd.Timestamp) -> tuple[float | None, str]:
    """The average for the whole service, a district or a team type, and how to name it."""
    if scope in ("", "all"):
        rows = context.summary("district")
        rows = rows[rows["period"] == period]
        cases, fte = rows["cases"].sum(min_count=1), rows["fte"].sum(min_count=1)
        workers = rows["workers"].sum(min_count=1)
        denominator = fte if context.basis == "fte" else workers
        value = None if is_missing(cases) or is_missing(denominator) or not denominator else cases / denominator
        return value, "The average caseload"
    by = "team-type" if scope in TEAM_TYPES else "district"
    if by == "district" and scope not in set(context.summary("district")["name"]):
        by = "team"
    rows = context.summary(by)
    rows = rows[(rows["period"] == period) & (rows["name"] == scope)]
    value = None if rows.empty or is_missing(rows["average"].iloc[0]) else float(rows["average"].iloc[0])
    name = f"{TEAM_TYPES[scope].lower()} teams" if scope in TEAM_TYPES else scope
    return value, f"The average caseload in {name}"


def average_change(options: dict, context: BlockContext) -> SentenceText:
    second = context.period(options.get("second"))
    first = context.period(options.get("first")) if options.get("first") else (second and context.earlier(second))
    if first is None or second is None or first == second:
        return SentenceText(reason="Two different periods are needed, and the data does not have them.")
    scope = str(options.get("scope", "all"))
    before, subject = _scope_average(context, scope, pd.Timestamp(first.start))
    after, _ = _scope_average(context, scope, pd.Timestamp(second.start))
    if before is None or after is None:
        missing = first if before is None else second
        return SentenceText(reason=f"The data gives no average caseload for {missing.phrase()}.")
    basis = BASES[context.basis]
    a, b = round(before, 1), round(after, 1)
    if a == b:
        verb = "has stayed at"
        return SentenceText(f"{subject} {basis} {verb} {a:.1f} from {first.phrase()} to {second.phrase()}.")
    verb = "has increased" if b > a else "has reduced"
    return SentenceText(f"{subject} {basis} {verb} from {a:.1f} in {first.phrase()} to {b:.1f} in {second.phrase()}.")


def teams_over_target(options: dict, context: BlockContext) -> SentenceText:
    period = context.period(options.get("period"))
    if period is None:
        return SentenceText(reason="The data has no caseload periods.")
    rows = context.summary("team")
    rows = rows[(rows["period"] == pd.Timestamp(period.start)) & rows["status"].notna()]
    if rows.empty:
        return SentenceText(reason=f"No team has both an average and a target in {period.phrase()}.")
    rated = len(rows)
    over = int((rows["status"] != "green").sum())
    well_over = int((rows["status"] == "red").sum())
    if over == 0:
        return SentenceText(f"In {period.phrase()}, all {rated} teams were within the target for their team type.")
    detail = f", {well_over} of them well above it" if well_over else ""
    return SentenceText(
        f"In {period.phrase()}, {over} of the {rated} teams with a target had an average caseload "
        f"above the target for their team type{detail}."
    )


def staffing_need(options: dict, context: BlockContext) -> SentenceText:
    period = context.period(options.get("period"))
    if period is None or context.basis != "fte":
        return SentenceText(reason="Staffing options need caseloads per FTE.")
    teams = context.summary("team")
    teams = teams[teams["period"] == pd.Timestamp(period.start)]
    cost = float(options.get("cost_per_post", DEFAULT_COST_PER_POST))
    target = float(options.get("target", 18))
    try:
        scenario = staffing_scenario(teams, set(options.get("exclude", [])), [target], cost)
    except ValueError as problem:
        return SentenceText(reason=str(problem))
    return SentenceText(scenario.sentence(scenario.options[0], cost))


SENTENCES: dict[str, Sentence] = {
    "sentence.average_change": Sentence(
        "Sentence: change in the average caseload",
        "The average caseload in one period against an earlier one, in words.",
        average_change,
    ),
    "sentence.teams_over_target": Sentence(
        "Sentence: teams above target",
        "How many teams have an average above the target for their team type.",
        teams_over_target,
    ),
    "sentence.staffing": Sentence(
        "Sentence: social workers needed for a target",
        "Additional social workers needed to bring the average down to a target, and their cost.",
        staffing_need,
    ),
}
