"""Tables for the report from the open data: teams against target, districts, two periods, measures, staffing.

Every cell is text ready to print: ratings in words, small counts suppressed when the privacy
choice says so, flat column names such as "Average Mar 2022". Each builder takes the item's
options (defaults filled in from the declaration in ``blocks``) and the :class:`BlockContext`.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from caseload_reporter.analysis.comparison import compare_periods
from caseload_reporter.analysis.inputs import INPUTS, first_missing, missing
from caseload_reporter.analysis.measures import AVERAGE_BASES, totals
from caseload_reporter.analysis.staffing import staffing_scenario
from caseload_reporter.analysis.thresholds import BASES, STATUS_FILLS, format_target, rating_key, status_text
from caseload_reporter.core.figures import figure
from caseload_reporter.core.words import join_and, money
from caseload_reporter.reading.fields import TEAM_TYPES
from caseload_reporter.reading.values import Period
from caseload_reporter.reporting.block_content import Content, TableContent, Unavailable
from caseload_reporter.reporting.block_context import BlockContext
from caseload_reporter.reporting.chart_blocks import within
from caseload_reporter.reporting.privacy import (
    SUPPRESSED,
    WITHHELD,
    count_text,
    is_missing,
    is_small,
    overall_range_is_safe,
    total_text,
)


def _fmt(value: object, decimals: int = 1) -> str:
    number = figure(value)
    return "no figure" if number is None else f"{number:,.{decimals}f}"


def _range(low: object, high: object, workers: object, suppress: bool) -> str:
    low_figure, high_figure = figure(low), figure(high)
    if low_figure is None or high_figure is None:
        return "no figure"
    if suppress and is_small(workers):
        return WITHHELD
    return f"{low_figure:g} to {high_figure:g}"


def _privacy_note(suppressed: bool, total_withheld: bool = False) -> str:
    if not suppressed:
        return ""
    note = (
        f"Counts of 1 to 4 workers are shown as '{SUPPRESSED}', and the caseload range of a team with so few "
        f"workers as '{WITHHELD}', so that no one's caseload can be identified."
    )
    if total_withheld:
        note += (
            f" For the same reason a figure for all teams is '{WITHHELD}' where it would let a count under 5 "
            "be worked out by subtraction."
        )
    return note


def teams(options: dict[str, Any], context: BlockContext) -> Content:
    period = context.period(options["period"])
    summary = context.summary("team")
    rows = summary[summary["period"] == pd.Timestamp(period.start)] if period else summary.iloc[0:0]
    if period is None or rows.empty:
        return Unavailable(
            missing("teams") if context.summary("team").empty else "The data has no team caseloads for that period."
        )
    suppress = context.privacy.suppress_small_counts
    ceiling = context.thresholds.ceiling
    average = f"Average caseload {BASES[context.basis]}"
    records, shading, hidden = [], {}, False
    row: Any  # pandas-stubs types each field of a row as any scalar at all
    for index, row in enumerate(rows.itertuples(index=False)):
        target = context.thresholds.target(row.team_type)
        records.append(
            {
                "Team": row.name,
                "Team type": TEAM_TYPES.get(row.team_type, row.team_type or ""),
                average: _fmt(row.average),
                "Target": format_target(target) or "none set",
                "Rating": status_text(rating_key(row.status, row.target_low, row.missing)),
                "Caseload range": _range(row.min, row.max, row.workers, suppress),
                f"Workers over {ceiling:g} cases": count_text(row.over_ceiling, suppress),
                "Workers": count_text(row.workers, suppress),
            }
        )
        hidden |= suppress and (is_small(row.workers) or is_small(row.over_ceiling))
        if row.status in STATUS_FILLS:
            shading[index] = STATUS_FILLS[row.status]
    whole = totals(context.dataset.caseloads, context.thresholds, periods=[pd.Timestamp(period.start)])
    withheld = False
    if not whole.empty:
        total = whole.iloc[0]
        # Secondary suppression: the total row never lets a suppressed team figure be worked out.
        over = total_text(total.get("over_ceiling"), rows["over_ceiling"], suppress)
        workers = total_text(total.get("workers"), rows["workers"], suppress)
        spread = _range(total.get("min"), total.get("max"), total.get("workers"), suppress)
        ranges = list(zip(rows["min"], rows["max"], rows["workers"], strict=True))
        secondary = suppress and not overall_range_is_safe(total.get("min"), total.get("max"), ranges)
        spread = WITHHELD if secondary else spread
        withheld = secondary or WITHHELD in (over, workers)
        records.append(
            {
                "Team": "All teams",
                "Team type": "",
                average: _fmt(total.get("average")),
                "Target": "",
                "Rating": "",
                "Caseload range": spread,
                f"Workers over {ceiling:g} cases": over,
                "Workers": workers,
            }
        )
    frame = pd.DataFrame(records)
    frame = frame.drop(columns=[c for c in frame.columns if (frame[c] == "no figure").all()])
    rating = list(frame.columns).index("Rating")
    title = f"Teams against the target caseload for their team type, {period.label()}"
    description = (
        f"One row per team with its {average.lower()}, the target for its team type, its rating in words "
        f"and, where the data gives them, its caseload range and workers over {ceiling:g} cases."
    )
    cells = {(row, rating): fill for row, fill in shading.items()}
    notes = [_privacy_note(hidden or withheld, withheld), _average_notes(rows)]
    return TableContent(title, frame, description, cells, " ".join(n for n in notes if n))


def _average_notes(rows: pd.DataFrame) -> str:
    """How averages were worked out when not simply cases over FTE (or head count), and what is missing."""
    notes = [
        f"Some averages are {AVERAGE_BASES[b]}."
        for b in rows["average_basis"].dropna().unique()
        if b not in BASES and b in AVERAGE_BASES
    ]
    lacking = first_missing(rows)
    if lacking:
        what = INPUTS[lacking].what
        notes.append(f"Teams shown as not rated have no average: {what[0].lower()}{what[1:]}.")
    return " ".join(notes)


def _by_period(wide: pd.DataFrame, columns: list[object], periods: list[Period]) -> pd.DataFrame:
    """One row per period, labelled as officers write it, with ``columns`` of ``wide``: counts whole, and a
    column with fractions (a percentage, an FTE) to one decimal place, as the chart beside it prints them."""
    labels = {pd.Timestamp(p.start): p.label() for p in periods}
    out = pd.DataFrame({"Period": [labels.get(ts, str(ts.date())) for ts in wide.index]})
    for column in columns:
        values = wide[column].dropna()
        decimals = 0 if all(float(v).is_integer() for v in values) else 1
        out[str(column)] = [_fmt(v, decimals) for v in wide[column]]
    return out


def district_totals(options: dict[str, Any], context: BlockContext) -> Content:
    periods = context.last(options["periods"])
    districts = within(context.summary("district"), periods)
    frame = districts[districts["cases"].notna()]
    if frame.empty:
        return Unavailable(missing("districts") if districts.empty else missing(first_missing(districts) or "cases"))
    wide = frame.pivot_table(index="period", columns="name", values="cases", aggfunc="sum").sort_index()
    out = _by_period(wide, list(wide.columns), periods)
    out["All districts"] = [_fmt(v, 0) for v in wide.sum(axis=1, min_count=1)]
    return TableContent(
        f"Total cases by district, {periods[0].label()} to {periods[-1].label()}",
        out,
        "One row per period with the total cases held in each district and in all districts.",
    )


def comparison(options: dict[str, Any], context: BlockContext) -> Content:
    second = context.period(options["second"])
    first = context.period(options["first"]) if options["first"] else (second and context.earlier(second))
    if first is None or second is None or first == second:
        return Unavailable("Two different periods are needed to compare, and the data does not have them.")
    compared = compare_periods(context.summary("team"), pd.Timestamp(first.start), pd.Timestamp(second.start))
    if compared.empty:
        return Unavailable("The data has no team caseloads in those two periods.")
    suppress = context.privacy.suppress_small_counts
    a, b = first.label(), second.label()
    ceiling = context.thresholds.ceiling
    hidden = False
    records = []
    for row in compared.to_dict("records"):
        records.append(
            {
                "Team": row["name"],
                f"Average {a}": _fmt(row["average_first"]),
                f"Average {b}": _fmt(row["average_second"]),
                "Change": "no figure" if is_missing(row["average_change"]) else f"{row['average_change']:+.1f}",
                f"Range {a}": _range(row["min_first"], row["max_first"], row["workers_first"], suppress),
                f"Range {b}": _range(row["min_second"], row["max_second"], row["workers_second"], suppress),
                f"Workers over {ceiling:g} {a}": count_text(row["over_ceiling_first"], suppress),
                f"Workers over {ceiling:g} {b}": count_text(row["over_ceiling_second"], suppress),
            }
        )
        hidden |= suppress and any(
            is_small(row[k]) for k in ("workers_first", "workers_second", "over_ceiling_first", "over_ceiling_second")
        )
    title = f"Each team in {a} and {b}"
    description = (
        f"One row per team: its average caseload {BASES[context.basis]} in {a} and in {b}, the change, "
        f"its caseload range and the workers over {ceiling:g} cases in each period."
    )
    frame = pd.DataFrame(records)
    # A figure the data never gives (ranges from a file of team averages) is left out, not a column of gaps.
    frame = frame.drop(columns=[c for c in frame.columns[1:] if (frame[c] == "no figure").all()])
    return TableContent(title, frame, description, note=_privacy_note(hidden))


def measures(options: dict[str, Any], context: BlockContext) -> Content:
    measures = context.dataset.measures
    periods = context.last(options["periods"], context.measure_periods())
    available = list(dict.fromkeys(measures["measure"]))
    names = [n for n in options["measures"] if n in available] or available
    frame = within(measures[measures["measure"].isin(names)], periods)
    # A month reported as 'N/A' stays 'no figure': a plain sum would print 0 for it.
    wide = frame.pivot_table(index="period", columns="measure", values="value", aggfunc="first", dropna=False)
    wide = wide.sort_index()
    out = _by_period(wide, [n for n in names if n in wide.columns], periods)
    return TableContent(
        f"Service measures, {periods[0].label()} to {periods[-1].label()}",
        out,
        "One row per period with each service measure.",
    )


def staffing(options: dict[str, Any], context: BlockContext) -> Content:
    period = context.period(options["period"])
    if period is None:
        return Unavailable(missing("caseloads"))
    summary = context.summary("team", basis="fte")  # staffing is per FTE whatever the pages show
    teams = summary[summary["period"] == pd.Timestamp(period.start)]
    targets = [float(t) for t in options["targets"]]
    cost = float(options["cost_per_post"])
    records, seen = [], set()
    for scenario_options in options["scenarios"]:
        try:
            scenario = staffing_scenario(teams, set(scenario_options.get("exclude", [])), targets, cost)
        except ValueError as problem:
            return Unavailable(str(problem))
        if tuple(scenario.included) in seen:
            continue  # leaving out team types the data does not have changes nothing
        seen.add(tuple(scenario.included))
        excluded = join_and([TEAM_TYPES.get(t, t).lower() for t in scenario.excluded])
        included = f"all teams except {excluded}" if excluded else "all teams"
        for option in scenario.options:
            records.append(
                {
                    "Option": f"Option {len(seen)}: {included}",
                    "Target average": f"{option.target:g}",
                    "Average now": f"{scenario.average:.1f}",
                    "FTE now": f"{scenario.fte:.1f}",
                    "Additional FTE": f"{option.additional_fte:.2f}",
                    "Posts": f"{option.posts}",
                    "Estimated cost": money(option.cost),
                }
            )
    if not records:
        return Unavailable("The data has no teams with caseloads and FTE to work staffing options from.")
    title = f"Staffing options to reach each target average caseload per FTE, {period.label()}"
    description = (
        f"One row per option and target: the additional FTE social workers needed, the posts rounded to "
        f"whole posts and their cost at {money(cost)} per post."
    )
    return TableContent(title, pd.DataFrame(records), description)
