"""The council against England, its region and its statistical neighbours, from the DfE workforce statistics.

Before any statistics file is open, the chart still compares caseload per FTE with the built-in
England series. Each builder takes the item's options (defaults filled in from the declaration in
``blocks``) and the :class:`BlockContext`.
"""

from __future__ import annotations

from caseload_reporter.analysis.benchmarking import (
    MEASURES,
    NEIGHBOURS,
    NO_NEIGHBOURS,
    SOURCE,
    BenchmarkProblem,
    benchmark_table,
    benchmark_years,
    gap_notes,
    measures_text_table,
    own_against_england,
    years_text,
    years_text_table,
)
from caseload_reporter.analysis.chart_specs import benchmark_chart, england_chart
from caseload_reporter.analysis.england import england_caseload_per_fte
from caseload_reporter.reporting.block_content import ChartContent, Content, TableContent, Unavailable
from caseload_reporter.reporting.block_context import BlockContext
from caseload_reporter.reporting.chart_blocks import chart_content, describe_chart

OPEN_STATISTICS = (
    "Open the Department for Education's children's social work workforce statistics file with File > Open, "
    "then choose your council on the Benchmarks page."
)
CHOOSE_COUNCIL = "Choose your council on the Benchmarks page first."


def chart(options: dict, context: BlockContext) -> Content:
    """One measure year by year against England, the region and the neighbours; before any statistics file
    is open, caseload per FTE still compares the council's own data with the built-in England series."""
    measure = options["measure"]
    if measure not in MEASURES:
        return Unavailable(f"'{measure}' is not one of the workforce measures: choose it again in the block's options.")
    stats = context.dataset.benchmarks
    if stats is None:
        return england(context) if measure == "caseload_fte" else Unavailable(OPEN_STATISTICS)
    if not context.council:
        return Unavailable(CHOOSE_COUNCIL)
    try:
        years = benchmark_years(stats, context.council, measure, context.dataset.neighbours)
    except BenchmarkProblem as problem:
        return Unavailable(f"{problem} Choose your council again on the Benchmarks page.")
    name = years.attrs["council"].name
    spec = benchmark_chart(years, measure, name)
    region = str(years["region name"].iloc[-1])
    against = f"England, {region} and its statistical neighbours" if NEIGHBOURS in years else f"England and {region}"
    title = f"{spec.title}: {name} against {against}, {years_text([int(y) for y in years['year']])}"
    if spec.is_empty():
        return Unavailable(f"The statistics file has no figures for the chart '{title}'.")
    ranked = years.dropna(subset=["regional rank"])
    said = [f"In {int(ranked['year'].iloc[-1])} {name} was {ranked['regional rank'].iloc[-1]}."] if len(ranked) else []
    notes = gap_notes(years, name)
    if NEIGHBOURS not in years:
        notes.append(NO_NEIGHBOURS.split(":")[0] + ".")
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
        return Unavailable(OPEN_STATISTICS)
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


def table(options: dict, context: BlockContext) -> Content:
    """The four measures for one year with England, the region, the neighbours' average and the regional rank."""
    stats = context.dataset.benchmarks
    wanted = options["year"]
    try:
        year = None if wanted in (None, "", "latest") else int(wanted)
        table = benchmark_table(stats, context.council, year, context.dataset.neighbours)
    except (TypeError, ValueError):
        return Unavailable(f"'{wanted}' is not a year: choose the year again in the block's options.")
    except BenchmarkProblem as problem:
        return Unavailable(f"{problem} Choose your council or the year again.")
    council = table.attrs["council"]
    year, region = int(table["year"].iloc[0]), str(table["region name"].iloc[0])
    with_neighbours = NEIGHBOURS in table
    notes = [f"Source: {SOURCE}, at 30 September {year}."]
    if table[["council", "England", "region"]].isna().any().any():
        notes.append("Figures the Department for Education withheld or did not publish are given in words.")
    if with_neighbours and (table["neighbours with figures"] < table["neighbours listed"]).any():
        notes.append("The neighbours' average counts only the neighbours with a figure.")
    if not with_neighbours:
        notes.append(NO_NEIGHBOURS.split(":")[0] + ".")
    notes.append(f"The rank counts the councils in {region} with a figure that year.")
    against = f"England, {region} and its statistical neighbours" if with_neighbours else f"England and {region}"
    return TableContent(
        f"{council.name} against {against}, {year}",
        measures_text_table(table, council.name),
        f"One row per workforce measure in {year}: {council.name}'s figure, England's, {region}'s"
        + (", its statistical neighbours' average" if with_neighbours else "")
        + f" and {council.name}'s rank among the councils of {region}.",
        note=" ".join(notes),
    )
