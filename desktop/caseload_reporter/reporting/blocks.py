"""Data blocks an officer places in a section: charts, tables and data sentences, worked out afresh.

Each block is named by a kind and options in the draft; :func:`build_block` turns it into content
from the data at export time, so figures always follow the data. Tables hold text ready to print
(ratings in words, small counts suppressed, flat column names such as "Average Mar 2022"); charts
carry their description, alt text and the same figures as a table. When the data cannot support
a block it says why in one sentence instead of printing something wrong.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

import pandas as pd

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
from caseload_reporter.analysis.chart_specs import (
    ChartSpec,
    benchmark_chart,
    district_totals_chart,
    england_chart,
    measures_chart,
    trend_chart,
)
from caseload_reporter.analysis.comparison import compare_periods
from caseload_reporter.analysis.england import england_caseload_per_fte
from caseload_reporter.analysis.inputs import INPUTS, first_missing, missing
from caseload_reporter.analysis.measures import AVERAGE_BASES, totals
from caseload_reporter.analysis.staffing import DEFAULT_COST_PER_POST, staffing_scenario
from caseload_reporter.analysis.thresholds import BASES, STATUS_FILLS, format_target, rating_key, status_text
from caseload_reporter.core.words import join_and, money
from caseload_reporter.reading.fields import TEAM_TYPES
from caseload_reporter.reading.values import Period
from caseload_reporter.reporting.block_context import BlockContext, timestamps
from caseload_reporter.reporting.data_sentences import SENTENCES
from caseload_reporter.reporting.draft import Item
from caseload_reporter.reporting.privacy import SUPPRESSED, WITHHELD, count_text, is_missing, is_small


@dataclass(frozen=True)
class BlockKind:
    label: str
    category: str  # "chart", "table" or "sentence"
    description: str


BLOCK_KINDS: dict[str, BlockKind] = {
    "chart.district_totals": BlockKind(
        "Chart: total cases by district", "chart", "Total cases held in each district, period by period."
    ),
    "chart.district_averages": BlockKind(
        "Chart: average caseload by district", "chart", "The average caseload in each district over time."
    ),
    "chart.team_type_averages": BlockKind(
        "Chart: average caseload by team type", "chart", "The average caseload for each type of team over time."
    ),
    "chart.measures": BlockKind(
        "Chart: service measures", "chart", "Monthly measures such as referrals and children on plans."
    ),
    "table.teams": BlockKind(
        "Table: teams against target",
        "table",
        "Every team's average, target, rating in words, range and workers over the ceiling.",
    ),
    "table.district_totals": BlockKind(
        "Table: total cases by district", "table", "Total cases per district for recent periods."
    ),
    "table.comparison": BlockKind(
        "Table: two periods compared",
        "table",
        "Each team's average, range and workers over the ceiling in two periods.",
    ),
    "table.measures": BlockKind("Table: service measures", "table", "Service measures for recent periods."),
    "table.staffing": BlockKind(
        "Table: staffing options", "table", "Additional social workers needed to reach each target, and their cost."
    ),
    "chart.benchmark": BlockKind(
        "Chart: your council against England, region and neighbours",
        "chart",
        "One workforce measure year by year from the DfE statistics: your council, England, your region and your "
        "statistical neighbours' average.",
    ),
    "table.benchmark": BlockKind(
        "Table: your council against England, region and neighbours",
        "table",
        "Caseload per FTE and the agency, vacancy and turnover rates for one year, with your rank in your region.",
    ),
    **{key: BlockKind(s.label, "sentence", s.description) for key, s in SENTENCES.items()},
}


@dataclass
class TableContent:
    title: str  # the caption, without its number
    frame: pd.DataFrame  # every cell already text
    description: str  # what the table shows, for screen readers (w:tblDescription)
    shading: dict[tuple[int, int], str] = field(default_factory=dict)  # (row, column) -> fill, with words beside
    note: str = ""  # printed under the table, e.g. why some figures are not shown


@dataclass
class ChartContent:
    spec: ChartSpec
    title: str
    alt_text: str
    table: TableContent


@dataclass
class SentenceContent:
    text: str


@dataclass
class Unavailable:
    reason: str  # one sentence: why the data cannot give this block


Content = ChartContent | TableContent | SentenceContent | Unavailable


def build_block(item: Item, context: BlockContext) -> Content:
    """The content for one block from the current data, or why there is none."""
    builder = _BUILDERS.get(item.kind)
    if builder is None:
        sentence = SENTENCES.get(item.kind)
        if sentence is None:
            return Unavailable(f"'{item.kind}' is not a kind of data block this version knows.")
        text = sentence.build(item.options, context)
        return SentenceContent(text.text) if text.ok else Unavailable(text.reason)
    return builder(item.options, context)


# -- charts ----------------------------------------------------------------------------------
def _number(value: float | None, decimals: int) -> str:
    return "no figure" if value is None else f"{value:,.{decimals}f}"


def describe_chart(spec: ChartSpec) -> str:
    """Alt text from the data: what the chart shows and its main finding, in two or three sentences."""
    periods = spec.periods()
    if not periods:
        return f"Line chart: {spec.title}. It has no figures."
    names = [s.name for s in spec.series]
    parts = [
        f"Line chart: {spec.title}, {periods[0].label()} to {periods[-1].label()}, "
        f"one line for each of {len(names)}: {', '.join(names)}."
        if len(names) > 1
        else f"Line chart: {spec.title}, {periods[0].label()} to {periods[-1].label()}."
    ]
    ends = []
    for series in spec.series:
        known = [(p, v) for p, v in zip(series.periods, series.values, strict=True) if v is not None]
        if known:
            ends.append((series.name, known[0], known[-1]))
    if len(ends) == 1:
        name, (p0, v0), (p1, v1) = ends[0]
        trend = "rose" if v1 > v0 else "fell" if v1 < v0 else "stayed"
        parts.append(
            f"It {trend} from {_number(v0, spec.decimals)} in {p0.label()} "
            f"to {_number(v1, spec.decimals)} in {p1.label()}."
        )
    elif ends:
        # Highest and lowest at the latest period where two or more lines have a figure (one line alone,
        # such as a council's own data running past the national series, has nothing to be compared with).
        known: dict[Period, list[tuple[str, float]]] = {}
        for series in spec.series:
            for p, v in zip(series.periods, series.values, strict=True):
                if v is not None:
                    known.setdefault(p, []).append((series.name, v))
        shared = [p for p, values in known.items() if len(values) > 1]
        if shared:
            latest = max(shared)
            top = max(known[latest], key=lambda e: e[1])
            bottom = min(known[latest], key=lambda e: e[1])
            parts.append(
                f"In {latest.label()} {top[0]} was highest at {_number(top[1], spec.decimals)} and "
                f"{bottom[0]} lowest at {_number(bottom[1], spec.decimals)}."
            )
        name, (p0, v0), (p1, v1) = max(ends, key=lambda e: abs(e[2][1] - e[1][1]))
        if v1 != v0:
            parts.append(
                f"The largest change was {name}, which {'rose' if v1 > v0 else 'fell'} from "
                f"{_number(v0, spec.decimals)} to {_number(v1, spec.decimals)}."
            )
    for band in spec.bands:
        parts.append(f"A shaded band marks the {band.label[0].lower()}{band.label[1:]}.")
    for line in spec.lines:
        parts.append(f"A horizontal line marks the level of: {line.label}.")
    return " ".join(parts)


def _chart(spec: ChartSpec) -> Content:
    if spec.is_empty():
        return Unavailable(spec.empty_reason or f"The data has no figures for the chart '{spec.title}'.")
    frame = spec.as_table()
    for column in frame.columns[1:]:
        frame[column] = [_number(None if is_missing(v) else float(v), spec.decimals) for v in frame[column]]
    table = TableContent(
        f"The figures in the chart: {spec.title.lower()}",
        frame.astype(str),
        f"{spec.title}: one row per period, one column per line of the chart.",
    )
    return ChartContent(spec, spec.title, describe_chart(spec), table)


def _within(frame: pd.DataFrame, periods: list[Period]) -> pd.DataFrame:
    return frame[frame["period"].isin(timestamps(periods))]


def _district_totals_chart(options: dict, context: BlockContext) -> Content:
    periods = context.last(options.get("periods", 13))
    return _chart(district_totals_chart(_within(context.summary("district"), periods)))


def _trend(by: str, title: str, options: dict, context: BlockContext, names_of=lambda n: n) -> Content:
    summary = _within(context.summary(by), context.last(options.get("periods", 13)))
    names = sorted(summary["name"].dropna().unique())
    spec = trend_chart(summary, names, context.thresholds, context.basis, title, context.england())
    spec.series = [replace(s, name=names_of(s.name)) for s in spec.series]
    if len(spec.bands) > 1:  # one band per team type would cover each other: the table gives the targets
        spec.bands = []
    spec.lines = [line for line in spec.lines if not line.label.startswith("Often-quoted") or len(names) == 1]
    return _chart(spec)


def _district_averages_chart(options: dict, context: BlockContext) -> Content:
    return _trend("district", f"Average caseload {BASES[context.basis]} by district", options, context)


def _team_type_averages_chart(options: dict, context: BlockContext) -> Content:
    title = f"Average caseload {BASES[context.basis]} by team type"
    return _trend("team-type", title, options, context, lambda n: TEAM_TYPES.get(n, n))


def _measures_chart(options: dict, context: BlockContext) -> Content:
    measures = context.dataset.measures
    if measures.empty:
        return Unavailable("The data has no service measures (referrals, children on plans and the like).")
    available = list(dict.fromkeys(measures["measure"]))
    names = [n for n in options.get("measures", []) if n in available] or available[:3]
    periods = context.last(options.get("periods", 13), context.measure_periods())
    title = str(options.get("title") or ", ".join(names))
    return _chart(measures_chart(_within(measures, periods), names, title))


# -- tables ----------------------------------------------------------------------------------
def _fmt(value: object, decimals: int = 1) -> str:
    return "no figure" if is_missing(value) else f"{float(value):,.{decimals}f}"  # type: ignore[arg-type]


def _range(low: object, high: object, workers: object, suppress: bool) -> str:
    if is_missing(low) or is_missing(high):
        return "no figure"
    if suppress and is_small(workers):
        return WITHHELD
    return f"{float(low):g} to {float(high):g}"  # type: ignore[arg-type]


def _privacy_note(suppressed: bool, context: BlockContext) -> str:
    if not suppressed:
        return ""
    return (
        f"Counts of 1 to 4 workers are shown as '{SUPPRESSED}', and the caseload range of a team with so few "
        f"workers as '{WITHHELD}', so that no one's caseload can be identified."
    )


def _teams_table(options: dict, context: BlockContext) -> Content:
    period = context.period(options.get("period"))
    summary = context.summary("team")
    rows = summary[summary["period"] == pd.Timestamp(period.start)] if period else summary.iloc[0:0]
    if rows.empty:
        return Unavailable("The data has no team caseloads for that period.")
    suppress = context.privacy.suppress_small_counts
    ceiling = context.thresholds.ceiling
    average = f"Average caseload {BASES[context.basis]}"
    records, shading, hidden = [], {}, False
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
    if not whole.empty:
        total = whole.iloc[0]
        records.append(
            {
                "Team": "All teams",
                "Team type": "",
                average: _fmt(total.get("average")),
                "Target": "",
                "Rating": "",
                "Caseload range": _range(total.get("min"), total.get("max"), total.get("workers"), suppress),
                f"Workers over {ceiling:g} cases": count_text(total.get("over_ceiling"), suppress),
                "Workers": count_text(total.get("workers"), suppress),
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
    notes = [_privacy_note(hidden, context), _average_notes(rows)]
    return TableContent(title, frame, description, cells, " ".join(n for n in notes if n))


def _average_notes(rows: pd.DataFrame) -> str:
    """Say how averages were worked out when not simply cases over FTE (or head count), and what is missing."""
    notes = [
        f"Some averages are {AVERAGE_BASES[b]}."
        for b in rows["average_basis"].dropna().unique()
        if b not in BASES and b in AVERAGE_BASES
    ]
    lacking = first_missing(rows)
    if lacking:
        notes.append(f"Teams shown as not rated have no average: {INPUTS[lacking].what[0].lower()}"
                     f"{INPUTS[lacking].what[1:]}.")  # fmt: skip
    return " ".join(notes)


def _district_totals_table(options: dict, context: BlockContext) -> Content:
    periods = context.last(options.get("periods", 7))
    frame = _within(context.dataset.caseloads, periods)
    frame = frame[frame["district"].notna() & frame["caseload"].notna()]
    if frame.empty:
        return Unavailable("The data has no caseloads by district.")
    wide = frame.pivot_table(index="period", columns="district", values="caseload", aggfunc="sum").sort_index()
    labels = {pd.Timestamp(p.start): p.label() for p in periods}
    out = pd.DataFrame({"Period": [labels.get(ts, str(ts.date())) for ts in wide.index]})
    for district in wide.columns:
        out[str(district)] = [_fmt(v, 0) for v in wide[district]]
    out["All districts"] = [_fmt(v, 0) for v in wide.sum(axis=1, min_count=1)]
    return TableContent(
        f"Total cases by district, {periods[0].label()} to {periods[-1].label()}",
        out,
        "One row per period with the total cases held in each district and in all districts.",
    )


def _comparison_table(options: dict, context: BlockContext) -> Content:
    second = context.period(options.get("second"))
    first = context.period(options.get("first")) if options.get("first") else (second and context.earlier(second))
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
    return TableContent(title, pd.DataFrame(records), description, note=_privacy_note(hidden, context))


def _measures_table(options: dict, context: BlockContext) -> Content:
    measures = context.dataset.measures
    if measures.empty:
        return Unavailable("The data has no service measures (referrals, children on plans and the like).")
    periods = context.last(options.get("periods", 12), context.measure_periods())
    available = list(dict.fromkeys(measures["measure"]))
    names = [n for n in options.get("measures", []) if n in available] or available
    frame = _within(measures[measures["measure"].isin(names)], periods)
    wide = frame.pivot_table(index="period", columns="measure", values="value", aggfunc="sum").sort_index()
    labels = {pd.Timestamp(p.start): p.label() for p in periods}
    out = pd.DataFrame({"Period": [labels.get(ts, str(ts.date())) for ts in wide.index]})
    for name in names:
        if name in wide.columns:
            out[name] = [_fmt(v, 0) for v in wide[name]]
    return TableContent(
        f"Service measures, {periods[0].label()} to {periods[-1].label()}",
        out,
        "One row per period with each service measure.",
    )


DEFAULT_SCENARIOS = ({"exclude": []}, {"exclude": ["adoption", "fostering"]})


def _staffing_table(options: dict, context: BlockContext) -> Content:
    period = context.period(options.get("period"))
    if period is None:
        return Unavailable(missing("caseloads"))
    summary = context.summary("team", basis="fte")
    teams = summary[summary["period"] == pd.Timestamp(period.start)]
    targets = [float(t) for t in options.get("targets", [18, 16])]
    cost = float(options.get("cost_per_post", DEFAULT_COST_PER_POST))
    records, seen = [], set()
    for scenario_options in options.get("scenarios", DEFAULT_SCENARIOS):
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
        f"whole posts and their cost at £{cost:,.0f} per post."
    )
    return TableContent(title, pd.DataFrame(records), description)


# -- benchmarks (the DfE workforce statistics) --------------------------------------------------
OPEN_STATISTICS = (
    "Open the Department for Education's children's social work workforce statistics file with File > Open, "
    "then choose your council on the Benchmarks page."
)
CHOOSE_COUNCIL = "Choose your council on the Benchmarks page first."


def _benchmark_chart(options: dict, context: BlockContext) -> Content:
    """One measure year by year against England, the region and the neighbours; before any statistics file
    is open, caseload per FTE still compares the council's own data with the built-in England series."""
    measure = options.get("measure") or "caseload_fte"
    if measure not in MEASURES:
        return Unavailable(f"'{measure}' is not one of the workforce measures: choose it again in the block's options.")
    stats = context.dataset.benchmarks
    if stats is None:
        return _england_chart(context) if measure == "caseload_fte" else Unavailable(OPEN_STATISTICS)
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


def _england_chart(context: BlockContext) -> Content:
    frame = own_against_england(context.dataset.caseloads, context.thresholds)
    if frame["own"].isna().all():
        return Unavailable(OPEN_STATISTICS)
    name = context.dataset.name or "Your council"
    content = _chart(england_chart(frame, name))
    if isinstance(content, ChartContent):
        content.title = f"Average caseload per FTE: {name} against England"
        content.table.title = f"The figures in the chart: average caseload per FTE, {name} against England"
        used = ", ".join(f"{int(y)}: {p.label()}" for y, p in zip(frame["year"], frame["period"], strict=True) if p)
        content.table.note = (
            f"England: {england_caseload_per_fte().source} Your figure for each year is from the last period of "
            f"that year in your data ({used})."
        )
    return content


def _benchmark_table(options: dict, context: BlockContext) -> Content:
    """The four measures for one year with England, the region, the neighbours' average and the regional rank."""
    stats = context.dataset.benchmarks
    if stats is None:
        return Unavailable(OPEN_STATISTICS)
    if not context.council:
        return Unavailable(CHOOSE_COUNCIL)
    wanted = options.get("year")
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
    notes.append(f"The rank counts the councils in {region} with a figure; 1st highest has the highest figure.")
    against = f"England, {region} and its statistical neighbours" if with_neighbours else f"England and {region}"
    return TableContent(
        f"{council.name} against {against}, {year}",
        measures_text_table(table, council.name),
        f"One row per workforce measure in {year}: {council.name}'s figure, England's, {region}'s"
        + (", its statistical neighbours' average" if with_neighbours else "")
        + f" and {council.name}'s rank among the councils of {region}.",
        note=" ".join(notes),
    )


_BUILDERS = {
    "chart.district_totals": _district_totals_chart,
    "chart.district_averages": _district_averages_chart,
    "chart.team_type_averages": _team_type_averages_chart,
    "chart.measures": _measures_chart,
    "table.teams": _teams_table,
    "table.district_totals": _district_totals_table,
    "table.comparison": _comparison_table,
    "table.measures": _measures_table,
    "table.staffing": _staffing_table,
    "chart.benchmark": _benchmark_chart,
    "table.benchmark": _benchmark_table,
}
