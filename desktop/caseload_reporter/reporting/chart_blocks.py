"""Charts for the report from the open data: district totals, averages over time, service measures.

Each builder takes the item's options (defaults filled in from the declaration in ``blocks``) and
the :class:`BlockContext`, and gives a :class:`ChartContent` with its alt text and the same
figures as a table, or :class:`Unavailable` with the reason.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

import pandas as pd

from caseload_reporter.analysis.chart_specs import ChartSpec, district_totals_chart, measures_chart, trend_chart
from caseload_reporter.analysis.thresholds import BASES
from caseload_reporter.core.words import join_and, sentence_start
from caseload_reporter.reading.fields import TEAM_TYPES
from caseload_reporter.reading.values import Period
from caseload_reporter.reporting.block_content import ChartContent, Content, TableContent, Unavailable
from caseload_reporter.reporting.block_context import BlockContext, timestamps
from caseload_reporter.reporting.privacy import is_missing


def number_text(value: float | None, decimals: int) -> str:
    return "no figure" if value is None else f"{value:,.{decimals}f}"


def describe_chart(spec: ChartSpec) -> str:
    """Alt text from the data: what the chart shows, as it is drawn, and its main finding."""
    periods = spec.periods()
    if not periods:
        return f"Line chart: {spec.title}. It has no figures."
    names = [s.name for s in spec.series]
    if spec.is_bars():  # one period is drawn as bars, one for each series
        parts = [f"Bar chart: {spec.title}, {periods[0].label()}, one bar for each of {len(names)}: {join_and(names)}."]
    else:
        parts = [
            f"Line chart: {spec.title}, {periods[0].label()} to {periods[-1].label()}, "
            f"one line for each of {len(names)}: {join_and(names)}."
            if len(names) > 1
            else f"Line chart: {spec.title}, {periods[0].label()} to {periods[-1].label()}."
        ]
    panels = spec.panels()
    if len(panels) > 1:
        parts.append(
            f"It is drawn in {len(panels)} panels, one for each kind of figure: "
            + "; ".join(f"{axis.title.lower()} ({', '.join(s.name for s in series)})" for axis, series in panels)
            + "."
        )
    ends = []
    for series in spec.series:
        known = [(p, v) for p, v in zip(series.periods, series.values, strict=True) if v is not None]
        if known:
            ends.append((series.name, known[0], known[-1]))
    if len(ends) == 1 and ends[0][1][0] == ends[0][2][0]:  # one figure: nothing rose or fell
        name, (p0, v0), _ = ends[0]
        parts.append(f"{name} was {number_text(v0, spec.decimals_for(name))} in {p0.label()}.")
    elif len(ends) == 1:
        name, (p0, v0), (p1, v1) = ends[0]
        trend = "rose" if v1 > v0 else "fell" if v1 < v0 else "stayed"
        parts.append(
            f"It {trend} from {number_text(v0, spec.decimals_for(name))} {p0.when()} "
            f"to {number_text(v1, spec.decimals_for(name))} {p1.when()}."
        )
    elif ends:
        # Highest and lowest at the latest period where two or more lines have a figure (one line alone,
        # such as a council's own data running past the national series, has nothing to be compared with).
        by_period: dict[Period, list[tuple[str, float]]] = {}
        for series in spec.series:
            for p, v in zip(series.periods, series.values, strict=True):
                if v is not None:
                    by_period.setdefault(p, []).append((series.name, v))
        shared = [p for p, values in by_period.items() if len(values) > 1]
        if shared:
            latest = max(shared)
            top = max(by_period[latest], key=lambda e: e[1])
            bottom = min(by_period[latest], key=lambda e: e[1])
            parts.append(
                f"{sentence_start(latest.when())}, {top[0]} was the highest at "
                f"{number_text(top[1], spec.decimals_for(top[0]))} and {bottom[0]} the lowest at "
                f"{number_text(bottom[1], spec.decimals_for(bottom[0]))}."
            )
        name, (p0, v0), (p1, v1) = max(ends, key=lambda e: abs(e[2][1] - e[1][1]))
        if v1 != v0:
            parts.append(
                f"The largest change was {name}, which {'rose' if v1 > v0 else 'fell'} from "
                f"{number_text(v0, spec.decimals_for(name))} to {number_text(v1, spec.decimals_for(name))}."
            )
    for band in spec.bands:
        parts.append(f"A shaded band marks the {band.label[0].lower()}{band.label[1:]}.")
    for line in spec.lines:
        parts.append(f"A horizontal line marks the level of: {line.label}.")
    return " ".join(parts)


def chart_content(spec: ChartSpec) -> Content:
    if spec.is_empty():
        return Unavailable(spec.empty_reason or f"The data has no figures for the chart '{spec.title}'.")
    frame = spec.as_table()
    for column in frame.columns[1:]:
        decimals = spec.decimals_for(str(column))
        frame[column] = [number_text(None if is_missing(v) else float(v), decimals) for v in frame[column]]
    table = TableContent(
        f"The figures in the chart: {spec.title.lower()}",
        frame.astype(str),
        f"{spec.title}: one row per period, one column per line of the chart.",
    )
    return ChartContent(spec, spec.title, describe_chart(spec), table)


def within(frame: pd.DataFrame, periods: list[Period]) -> pd.DataFrame:
    return frame[frame["period"].isin(timestamps(periods))]


def district_totals(options: dict[str, Any], context: BlockContext) -> Content:
    periods = context.last(options["periods"])
    return chart_content(district_totals_chart(within(context.summary("district"), periods)))


def _trend(
    by: str, title: str, options: dict[str, Any], context: BlockContext, names_of: Callable[[str], str] = lambda n: n
) -> Content:
    summary = within(context.summary(by), context.last(options["periods"]))
    names = sorted(summary["name"].dropna().unique())
    spec = trend_chart(summary, names, context.thresholds, context.basis, title, context.england())
    spec.series = [replace(s, name=names_of(s.name)) for s in spec.series]
    if len(spec.bands) > 1:  # one band per team type would cover each other: the table gives the targets
        spec.bands = []
    spec.lines = [line for line in spec.lines if not line.label.startswith("Often-quoted") or len(names) == 1]
    return chart_content(spec)


def district_averages(options: dict[str, Any], context: BlockContext) -> Content:
    return _trend("district", f"Average caseload {BASES[context.basis]} by district", options, context)


def team_type_averages(options: dict[str, Any], context: BlockContext) -> Content:
    title = f"Average caseload {BASES[context.basis]} by team type"
    return _trend("team-type", title, options, context, lambda n: TEAM_TYPES.get(n, n))


def measures(options: dict[str, Any], context: BlockContext) -> Content:
    frame = context.dataset.measures
    available = list(dict.fromkeys(frame["measure"]))
    names = [n for n in options["measures"] if n in available] or available[:3]
    periods = context.last(options["periods"], context.measure_periods())
    title = str(options["title"] or join_and(names))
    return chart_content(measures_chart(within(frame, periods), names, title))
