"""Sentences whose figures come from the data, so they change when the data does.

"The average caseload per FTE has reduced from 20.0 in December 2021 to 17.5 in March 2022." Each
sentence is worked out at export from the options the officer chose; when the data cannot support
it (a period missing, no averages) it gives the reason instead, and the report prints no sentence.
Each function takes the item's options with their defaults filled in from the declaration in
``blocks``, where the sentences are declared with the other data blocks.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from caseload_reporter.analysis.inputs import first_missing, missing
from caseload_reporter.analysis.staffing import staffing_scenario
from caseload_reporter.analysis.thresholds import BASES
from caseload_reporter.core.words import join_and, plural, sentence_start
from caseload_reporter.reading.fields import TEAM_TYPES
from caseload_reporter.reading.values import Period
from caseload_reporter.reporting.privacy import WITHHELD, is_missing, total_text

if TYPE_CHECKING:
    from caseload_reporter.reporting.block_context import BlockContext


@dataclass(frozen=True)
class SentenceText:
    text: str = ""
    reason: str = ""  # why there is no sentence

    @property
    def ok(self) -> bool:
        return bool(self.text)


def _scope_average(context: BlockContext, scope: str, period: pd.Timestamp) -> tuple[float | None, str, str]:
    """The average for the whole service, a district, a team type or a team, how to name it, and the
    input the data lacks when there is no average."""
    if scope in ("", "all"):
        by, name = "service", ""
    elif scope in TEAM_TYPES:
        by, name = "team-type", f"{TEAM_TYPES[scope].lower()} teams"
    else:
        by = "district" if scope in set(context.summary("district")["name"]) else "team"
        name = scope
    rows = context.summary(by)
    rows = rows[rows["period"] == period]
    if by != "service":
        rows = rows[rows["name"] == scope]
    subject = f"The average caseload in {name}" if name else "The average caseload"
    if rows.empty:
        return None, subject, "teams" if by != "district" else "districts"
    value = rows["average"].iloc[0]
    if is_missing(value):
        return None, subject, str(rows["missing"].iloc[0] or "cases")
    return float(value), subject, ""


def average_change(options: dict[str, Any], context: BlockContext) -> SentenceText:
    second = context.period(options["second"])
    first = context.period(options["first"]) if options["first"] else (second and context.earlier(second))
    if first is None or second is None or first == second:
        return SentenceText(reason="Two different periods are needed, and the data does not have them.")
    scope = str(options["scope"])
    before, subject, lacking_before = _scope_average(context, scope, pd.Timestamp(first.start))
    after, _, lacking_after = _scope_average(context, scope, pd.Timestamp(second.start))
    if before is None or after is None:
        when = first if before is None else second
        lacking = lacking_before or lacking_after
        return SentenceText(reason=f"The data gives no average caseload for {when.phrase()}. {missing(lacking)}")
    basis = BASES[context.basis]
    a, b = round(before, 1), round(after, 1)
    if a == b:
        verb = "has stayed at"
        return SentenceText(f"{subject} {basis} {verb} {a:.1f} from {first.phrase()} to {second.phrase()}.")
    verb = "has increased" if b > a else "has reduced"
    return SentenceText(f"{subject} {basis} {verb} from {a:.1f} {first.when()} to {b:.1f} {second.when()}.")


def teams_over_target(options: dict[str, Any], context: BlockContext) -> SentenceText:
    period = context.period(options["period"])
    if period is None:
        return SentenceText(reason="The data has no caseload periods.")
    teams = context.summary("team")
    teams = teams[teams["period"] == pd.Timestamp(period.start)]
    rows = teams[teams["status"].notna()]
    if rows.empty:
        lacking = first_missing(teams)
        said = f"No team has both an average and a target {period.when()}."
        return SentenceText(reason=f"{said} {missing(lacking)}" if lacking else said)
    rated = len(rows)
    # "Above the target" is about the average alone: a team rated red only because one worker is over
    # the ceiling is not above its target, and the workers-over-the-ceiling sentence covers it.
    above = rows["average"] > rows["target_high"] + 1e-9
    over = int(above.sum())
    well_over = int((above & (rows["status"] == "red")).sum())
    with_target = " with a target" if rated < len(teams) else ""
    if over == 0:
        return SentenceText(
            f"{sentence_start(period.when())}, {'both' if rated == 2 else f'all {rated}'} teams{with_target} were "
            "within the target for their team type."
        )
    detail = f", {well_over} of them well above it" if well_over else ""
    # By how much, from the averages as the Teams page shows them (one decimal place).
    excess = (rows.loc[above, "average"].round(1) - rows.loc[above, "target_high"]).max()
    furthest = f"; the furthest was {excess:.1f} above its target" if excess > 0 else ""
    return SentenceText(
        f"{sentence_start(period.when())}, {over} of the {rated} teams with a target had an average caseload "
        f"above the target for their team type{detail}{furthest}."
    )


def staffing_need(options: dict[str, Any], context: BlockContext) -> SentenceText:
    period = context.period(options["period"])
    if period is None:
        return SentenceText(reason=missing("caseloads"))
    teams = context.summary("team", basis="fte")  # staffing is per FTE whatever the pages show
    teams = teams[teams["period"] == pd.Timestamp(period.start)]
    cost = float(options["cost_per_post"])
    target = float(options["target"])
    try:
        scenario = staffing_scenario(teams, set(options["exclude"]), [target], cost)
    except ValueError as problem:
        return SentenceText(reason=str(problem))
    return SentenceText(scenario.sentence(scenario.options[0], cost))


def _unit(periods: Sequence[Period]) -> str:
    kind = periods[-1].kind
    return f"{len(periods)} {kind}s" if kind in ("week", "month", "quarter") else f"{len(periods)} periods"


SMALLEST_TREND = 0.5  # change along the fitted line, in cases per FTE, below which the average counts as flat
TREND_FIT = 0.5  # share of the period-to-period movement the straight line must explain (R squared)


def average_trend(options: dict[str, Any], context: BlockContext) -> SentenceText:
    """Rising or falling over recent periods, only when a straight line explains most of the movement."""
    periods = context.last(options["periods"])
    scope = str(options["scope"])
    found = [(p, _scope_average(context, scope, pd.Timestamp(p.start))) for p in periods]
    lacking = next((why for _, (value, _, why) in found if value is None and why), "")
    points = [(p, value) for p, (value, _, _) in found if value is not None]
    if len(points) < 4:
        reason = "A trend needs averages for at least four periods."
        return SentenceText(reason=f"{reason} {missing(lacking)}" if lacking else reason)
    subject = _scope_average(context, scope, pd.Timestamp(points[-1][0].start))[1]
    values = np.array([round(v, 1) for _, v in points])  # the averages as the pages show them
    x = np.arange(len(values), dtype=float)
    slope, intercept = np.polyfit(x, values, 1)
    spread = float(((values - values.mean()) ** 2).sum())
    fit = 1 - float(((values - (slope * x + intercept)) ** 2).sum()) / spread if spread else 0.0
    first, last = values[0], values[-1]
    span = _unit([p for p, _ in points])
    if abs(slope * (len(values) - 1)) < SMALLEST_TREND or fit < TREND_FIT or (last - first) * slope <= 0:
        return SentenceText(
            reason=f"The average shows no clear trend over the last {span}: it stayed between "
            f"{values.min():.1f} and {values.max():.1f}."
        )
    verb = "risen" if slope > 0 else "fallen"
    return SentenceText(
        f"{subject} {BASES[context.basis]} has {verb} over the last {span}, from {first:.1f} "
        f"{points[0][0].when()} to {last:.1f} {points[-1][0].when()}."
    )


def district_gap(options: dict[str, Any], context: BlockContext) -> SentenceText:
    """Districts standing well apart from the rest: the widest gap between neighbours in order must be
    at least twice the spread inside either group, so "well above the others" is never a close call."""
    period = context.period(options["period"])
    if period is None:
        return SentenceText(reason="The data has no caseload periods.")
    averages = options["measure"] == "average"
    column = "average" if averages else "cases"
    rows = context.summary("district")
    rows = rows[(rows["period"] == pd.Timestamp(period.start)) & rows[column].notna()]
    if len(rows) < 3:
        return SentenceText(reason=f"At least three districts need figures {period.when()}.")
    shown = rows.assign(value=rows[column].round(1) if averages else rows[column]).sort_values(["value", "name"])
    values = shown["value"].to_numpy(dtype=float)
    gaps = np.diff(values)
    split = int(gaps.argmax()) + 1
    low, high = shown.iloc[:split], shown.iloc[split:]
    spread = max(np.ptp(values[:split]), np.ptp(values[split:]))
    smallest = 1.0 if averages else 20
    if gaps.max() < max(2 * spread, smallest):
        what = "average caseloads" if averages else "total cases"
        return SentenceText(
            reason=f"No district stands well apart from the others {period.when()}: {what} run from "
            f"{values.min():,.{1 if averages else 0}f} to {values.max():,.{1 if averages else 0}f}."
        )
    nearest, furthest = values[split] - values[split - 1], values[-1] - values[0]
    if averages:
        lo, hi = f"{nearest:.1f}", f"{furthest:.1f}"
    else:
        step = 10 if nearest >= 50 else 1
        lo, hi = f"{round(nearest / step) * step:,.0f}", f"{round(furthest / step) * step:,.0f}"
    amount = lo if lo == hi else f"{lo} to {hi}"
    # The smaller group is the subject, as an officer would write it; on a tie the lower group leads.
    subject, other, more = (high, low, True) if len(high) < len(low) else (low, high, False)
    names, others = join_and(list(subject["name"])), join_and(list(other["name"]))
    if averages:
        way = "higher" if more else "lower"
        return SentenceText(
            f"{sentence_start(period.when())}, the average caseload {BASES[context.basis]} in {names} was "
            f"{amount} {way} than in {others}."
        )
    verb = "has" if len(subject) == 1 else "have"
    return SentenceText(
        f"{sentence_start(period.when())}, {names} {verb} around {amount} {'more' if more else 'fewer'} cases "
        f"than {others}."
    )


def workers_over_ceiling(options: dict[str, Any], context: BlockContext) -> SentenceText:
    """How many social workers hold more cases than the ceiling, with the same secondary suppression as
    the teams table: a total is never printed where, beside the teams' figures, it would give away a
    team's count under 5."""
    period = context.period(options["period"])
    if period is None:
        return SentenceText(reason="The data has no caseload periods.")
    when = pd.Timestamp(period.start)
    teams = context.summary("team")
    teams = teams[teams["period"] == when]
    service = context.summary("service")
    service = service[service["period"] == when]
    if service.empty:
        return SentenceText(reason=f"The data gives no worker-level caseloads for {period.phrase()}.")
    over, workers = service["over_ceiling"].iloc[0], service["workers"].iloc[0]
    if is_missing(over) or is_missing(workers) or not workers:
        return SentenceText(reason=f"The data gives no worker-level caseloads for {period.phrase()}.")
    ceiling = f"{context.thresholds.ceiling:g}"
    start = sentence_start(period.when())
    if over == 0:
        return SentenceText(f"{start}, no social worker held more than {ceiling} cases.")
    suppress = context.privacy.suppress_small_counts
    count = total_text(over, teams["over_ceiling"], suppress)
    of_all = total_text(workers, teams["workers"], suppress)
    holding = f"holding more than {ceiling} cases"
    if count == WITHHELD:  # the number would give away a team's small count: say where, not how many
        with_over = int((teams["over_ceiling"] > 0).sum())
        return SentenceText(
            f"{start}, social workers in {with_over} of the {plural(len(teams), 'team')} were {holding}; the number "
            "of workers is not given, so that no team's count under 5 can be worked out from it."
        )
    verb = "was" if count == "1" else "were"
    if of_all == WITHHELD:
        return SentenceText(f"{start}, {count} social {'worker' if count == '1' else 'workers'} {verb} {holding}.")
    return SentenceText(f"{start}, {count} of the {of_all} social workers {verb} {holding}.")


def against_england(options: dict[str, Any], context: BlockContext) -> SentenceText:
    """The council's average against the published England average for the latest 30 September before it."""
    period = context.period(options["period"])
    if period is None:
        return SentenceText(reason="The data has no caseload periods.")
    average, _, lacking = _scope_average(context, "all", pd.Timestamp(period.start))
    if average is None:
        reason = f"The data gives no average caseload per FTE for {period.phrase()}."
        return SentenceText(reason=f"{reason} {missing(lacking)}")
    england = context.england()
    years = [y for y in england if dt.date(y, 9, 30) <= period.start]
    if not years:
        return SentenceText(reason=f"There is no England figure published before {period.phrase()}.")
    year = max(years)
    ours, theirs = round(average, 1), round(england[year], 1)
    difference = round(ours - theirs, 1)
    where = "the same as" if difference == 0 else f"{abs(difference):.1f} {'above' if difference > 0 else 'below'}"
    return SentenceText(
        f"The average caseload per FTE of {ours:.1f} {period.when()} is {where} the England average of "
        f"{theirs:.1f} at 30 September {year}."
    )


def total_cases(options: dict[str, Any], context: BlockContext) -> SentenceText:
    """The cases the service held, and the change since an earlier period: said from worker rows, team
    figures or district totals alike, so even a paper from district totals leads with a figure."""
    second = context.period(options["second"])
    if second is None:
        return SentenceText(reason=missing("caseloads"))
    service = context.summary("service")
    now = service[service["period"] == pd.Timestamp(second.start)]
    if now.empty or is_missing(now["cases"].iloc[0]):
        return SentenceText(reason=f"The data gives no total of cases for {second.phrase()}. {missing('cases')}")
    cases = int(now["cases"].iloc[0])
    said = f"{sentence_start(second.when())} the service held {cases:,} cases"
    first = context.period(options["first"]) if options["first"] else context.earlier(second)
    before = service[service["period"] == pd.Timestamp(first.start)] if first is not None else service.iloc[0:0]
    if first is None or first == second or before.empty or is_missing(before["cases"].iloc[0]):
        return SentenceText(f"{said}.")
    change = cases - int(before["cases"].iloc[0])
    if change == 0:
        return SentenceText(f"{said}, the same as {first.when()}.")
    return SentenceText(f"{said}, {abs(change):,} {'more' if change > 0 else 'fewer'} than {first.when()}.")


def measure_change(options: dict[str, Any], context: BlockContext) -> SentenceText:
    """A service measure (referrals, children on plans) in its latest month against an earlier one: the
    month chosen, or the one nearest a quarter before."""
    measures = context.dataset.measures
    if measures.empty:
        return SentenceText(reason=missing("measures"))
    names = list(dict.fromkeys(measures["measure"].dropna()))
    name = options["measure"] if options["measure"] in names else names[0]
    rows = measures[(measures["measure"] == name) & measures["value"].notna()].sort_values("period")
    if len(rows) < 2:
        return SentenceText(reason=f"'{name}' needs figures for two periods to say how it changed.")
    by_start = {pd.Timestamp(p.start): p for p in context.measure_periods()}
    last = rows.iloc[-1]
    earlier = rows.iloc[:-1]
    aim = pd.Timestamp(str(options["first"])) if options["first"] else last["period"] - pd.Timedelta(days=91)
    first = earlier.iloc[int((earlier["period"] - aim).abs().to_numpy().argmin())]
    a, b = by_start[first["period"]], by_start[last["period"]]
    before, after = float(first["value"]), float(last["value"])
    subject = name[0].upper() + name[1:]
    if before == after:
        return SentenceText(f"{subject} stayed at {after:,g} from {a.phrase()} to {b.phrase()}.")
    verb = "rose" if after > before else "fell"
    return SentenceText(f"{subject} {verb} from {before:,g} {a.when()} to {after:,g} {b.when()}.")
