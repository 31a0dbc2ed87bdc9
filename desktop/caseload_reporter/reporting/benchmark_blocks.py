"""The council against England, its region and its statistical neighbours, from the DfE workforce statistics.

The statistics shipped with the app serve every council until the officer opens a newer release
(``statistics_in_use``). A paper compares the year of its own data: the latest 30 September on or
before its latest period, so a paper about December 2017 shows 2017, never the latest release's year.
Until a council is chosen, the chart compares the council's own caseload per FTE with England's.
Each builder takes the item's options (defaults filled in from the declaration in ``blocks``) and
the :class:`BlockContext`.
"""

from __future__ import annotations

from typing import Any

from caseload_reporter.analysis.benchmark_councils import BenchmarkProblem, council_info, neighbours_named, year_for
from caseload_reporter.analysis.benchmark_sources import statistics_in_use
from caseload_reporter.analysis.benchmark_words import gap_notes, measures_text_table, years_text, years_text_table
from caseload_reporter.analysis.benchmarking import MEASURES, SOURCE, benchmark_table, benchmark_years
from caseload_reporter.analysis.chart_specs import benchmark_chart, england_chart
from caseload_reporter.analysis.england import england_caseload_per_fte, own_against_england
from caseload_reporter.core.words import join_and
from caseload_reporter.reading.published_statistics import WorkforceStatistics
from caseload_reporter.reporting.block_content import ChartContent, Content, TableContent, Unavailable
from caseload_reporter.reporting.block_context import BlockContext
from caseload_reporter.reporting.chart_blocks import chart_content, describe_chart

NO_OWN_AVERAGE = (
    "Your data gives no average caseload per FTE to set beside England's: choose your council on the Benchmarks "
    "page (or with --council) to compare the published figures instead."
)
CHOOSE_COUNCIL = "Choose your council on the Benchmarks page (or with --council) first."


def _neighbours_note(stats: WorkforceStatistics, neighbours: dict[str, list[tuple[str, str]]] | None, code: str) -> str:
    """The neighbours by name, so a reader knows who 'its statistical neighbours' are."""
    named = neighbours_named(stats, neighbours, code)
    return f"Its statistical neighbours: {join_and([n.name for n in named])}." if named else ""


def _paper_year(context: BlockContext, stats: WorkforceStatistics, code: str) -> int:
    """The year of the paper's own data (see ``year_for``); BenchmarkProblem when none was published by then."""
    periods = context.periods()
    return year_for(stats, council_info(stats, code), periods[-1] if periods else None)


def chart(options: dict[str, Any], context: BlockContext) -> Content:
    """One measure year by year, up to the paper's year, against England, the region and the neighbours;
    until a council is chosen, caseload per FTE still compares the council's own data with England's."""
    measure = options["measure"]
    if measure not in MEASURES:
        return Unavailable(f"'{measure}' is not one of the workforce measures: choose it again in the block's options.")
    if not context.council:
        return england(context) if measure == "caseload_fte" else Unavailable(CHOOSE_COUNCIL)
    used = statistics_in_use(context.dataset)
    stats = used.workforce
    try:
        last = _paper_year(context, stats, context.council)
        years = benchmark_years(stats, context.council, measure, used.neighbours)
    except BenchmarkProblem as problem:
        return Unavailable(f"{problem} Choose your council again on the Benchmarks page.")
    council = years.attrs["council"]
    years = years[years["year"] <= last].reset_index(drop=True)  # nothing published after the paper's data
    years.attrs["council"] = council
    name = council.name
    spec = benchmark_chart(years, measure, name)
    region = str(years["region name"].iloc[-1])
    against = f"England, {region} and its statistical neighbours"
    title = f"{spec.title}: {name} against {against}, {years_text([int(y) for y in years['year']])}"
    if spec.is_empty():
        return Unavailable(f"The statistics file has no figures for the chart '{title}'.")
    ranked = years.dropna(subset=["regional rank"])
    said = [f"In {int(ranked['year'].iloc[-1])}, {name} was {ranked['regional rank'].iloc[-1]}."] if len(ranked) else []
    notes = [*gap_notes(years, name), _neighbours_note(stats, used.neighbours, council.code)]
    notes = [n for n in notes if n]
    table = TableContent(
        f"The figures in the chart: {title[0].lower()}{title[1:]}",
        years_text_table(years, name),
        f"{title}: one row per year with each figure and {name}'s rank among the councils of its region.",
        note=" ".join([f"Source: {SOURCE}, at 30 September each year.", *notes]),
    )
    return ChartContent(spec, title, " ".join([describe_chart(spec), *said, *notes]), table)


def england(context: BlockContext) -> Content:
    frame = own_against_england(context.dataset.caseloads, context.thresholds)
    if frame["own"].isna().all():
        return Unavailable(NO_OWN_AVERAGE)
    name = context.dataset.name or "Your council"
    content = chart_content(england_chart(frame, name))
    if isinstance(content, ChartContent):
        content.title = f"Average caseload per FTE: {name} against England"
        content.table.title = f"The figures in the chart: average caseload per FTE, {name} against England"
        used = ", ".join(f"{int(y)}: {p.label()}" for y, p in zip(frame["year"], frame["period"], strict=True) if p)
        content.table.note = (
            f"England: {england_caseload_per_fte().source} Your figure for each year is from the last period of "
            f"that year in your data ({used})."
        )
    return content


def table(options: dict[str, Any], context: BlockContext) -> Content:
    """The four measures for one year with England, the region, the neighbours' average and the regional rank.

    The year is the paper's own unless the officer chose one: the latest published on or before the
    paper's latest period."""
    used = statistics_in_use(context.dataset)
    stats = used.workforce
    council = context.council
    if not council:  # the kind's needs see to it before it is built
        return Unavailable(CHOOSE_COUNCIL)
    wanted = options["year"]
    try:
        year = None if wanted in (None, "", "latest") else int(wanted)
        if year is None:
            try:
                year = _paper_year(context, stats, council)
            except BenchmarkProblem as problem:
                return Unavailable(f"{problem} Choose a year in the block's options to compare one all the same.")
        table = benchmark_table(stats, council, year, used.neighbours)
    except (TypeError, ValueError):
        return Unavailable(f"'{wanted}' is not a year: choose the year again in the block's options.")
    except BenchmarkProblem as problem:
        return Unavailable(f"{problem} Choose your council or the year again.")
    council = table.attrs["council"]
    year, region = int(table["year"].iloc[0]), str(table["region name"].iloc[0])
    periods = context.periods()
    notes = [f"Source: {SOURCE}, at 30 September {year}."]
    if wanted in (None, "", "latest") and periods:
        notes.append(f"{year} is the latest year published by {periods[-1].phrase()}, the paper's latest figures.")
    if table[["council", "England", "region"]].isna().any().any():
        notes.append("Figures the Department for Education withheld or did not publish are given in words.")
    if (table["neighbours with figures"] < table["neighbours listed"]).any():
        notes.append("The neighbours' average counts only the neighbours with a figure.")
    notes.append(f"The rank counts the councils in {region} with a figure that year.")
    notes.append(_neighbours_note(stats, used.neighbours, council.code))
    against = f"England, {region} and its statistical neighbours"
    return TableContent(
        f"{council.name} against {against}, {year}",
        measures_text_table(table, council.name),
        f"One row per workforce measure in {year}: {council.name}'s figure, England's, {region}'s, its statistical "
        f"neighbours' average and {council.name}'s rank among the councils of {region}.",
        note=" ".join(n for n in notes if n),
    )
