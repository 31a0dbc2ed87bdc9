"""What a chart shows, without Qt: series over periods, target bands and reference lines.

The same description draws the interactive chart on screen, the print-style image for the Word
report, and the table of the same numbers beside every chart for keyboard and screen-reader users.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace

import pandas as pd

from caseload_reporter.analysis.benchmark_words import NEIGHBOURS_HEADING
from caseload_reporter.analysis.benchmarking import MEASURES, NEIGHBOURS
from caseload_reporter.analysis.inputs import first_missing, missing
from caseload_reporter.analysis.measure_kinds import COUNT, FTE, PERCENT, RATE, measure_kind
from caseload_reporter.analysis.thresholds import BASES, Thresholds, format_target
from caseload_reporter.core.figures import figure
from caseload_reporter.reading.fields import TEAM_TYPES
from caseload_reporter.reading.values import Period

CHART_WIDTH_CM = 15.5  # printed width of a chart: inside A4's text width with 2.54 cm margins (15.9 cm)


@dataclass(frozen=True)
class Axis:
    """A value axis: its label with the unit, and the panel's title when a chart has several panels."""

    label: str
    title: str = ""


@dataclass(frozen=True)
class Series:
    name: str
    periods: tuple[Period, ...]
    values: tuple[float | None, ...]
    axis: Axis | None = None  # None: the chart's own y_label; series on different axes get their own panels


@dataclass(frozen=True)
class Band:
    low: float
    high: float
    label: str


@dataclass(frozen=True)
class ReferenceLine:
    value: float
    label: str


@dataclass
class ChartSpec:
    title: str
    y_label: str
    series: list[Series]
    bands: list[Band] = field(default_factory=list)
    lines: list[ReferenceLine] = field(default_factory=list)
    decimals: int = 1
    x_label: str = "Period"  # the first column of the table beside the chart ("Year" for annual statistics)
    empty_reason: str = ""  # when it has no figures: the input the data lacks and how to give it
    series_decimals: dict[str, int] = field(default_factory=dict)  # a series printed otherwise than ``decimals``

    def decimals_for(self, name: str) -> int:
        return self.series_decimals.get(name, self.decimals)

    def periods(self) -> list[Period]:
        return sorted({p for s in self.series for p in s.periods})

    def as_table(self) -> pd.DataFrame:
        """Periods down, one column per series: the same numbers as the chart, for a table beside it."""
        periods = self.periods()
        data: dict[str, list[object]] = {self.x_label: [p.label() for p in periods]}
        for series in self.series:
            by_period = dict(zip(series.periods, series.values, strict=True))
            data[series.name] = [by_period.get(p) for p in periods]
        return pd.DataFrame(data)

    def is_empty(self) -> bool:
        return not any(v is not None for s in self.series for v in s.values)

    def is_bars(self) -> bool:
        """One period has no 'over time': it is drawn as bars, one per series."""
        return len(self.periods()) == 1

    def panels(self) -> list[tuple[Axis, list[Series]]]:
        """Series grouped by value axis, in order: one panel each (small multiples), never two units on one axis."""
        groups: dict[Axis, list[Series]] = {}
        for series in self.series:
            groups.setdefault(series.axis or Axis(self.y_label), []).append(series)
        return list(groups.items())


def _periods(frame: pd.DataFrame) -> list[Period]:
    return [Period(ts.date(), kind) for ts, kind in frame[["period", "period_kind"]].itertuples(index=False)]


def trend_chart(
    summary: pd.DataFrame, names: list[str], thresholds: Thresholds, basis: str, title: str, england: dict[int, float]
) -> ChartSpec:
    """Average caseload over time for the named groups, with the target band of their team type."""
    series = []
    for name in names:
        rows = summary[summary["name"] == name].sort_values("period")
        series.append(Series(name, tuple(_periods(rows)), tuple(figure(v) for v in rows["average"])))
    spec = ChartSpec(title, f"Average caseload (cases {BASES[basis]})", series)
    if spec.is_empty():
        chosen = summary[summary["name"].isin(names)]
        spec.empty_reason = missing(first_missing(chosen) or ("cases" if len(chosen) else "teams"))
    types = summary[summary["name"].isin(names)]["team_type"].dropna().unique()
    for team_type in types:
        target = thresholds.target(team_type)
        if target:
            low, high = target
            spec.bands.append(
                Band(low, high, f"Target for {TEAM_TYPES.get(team_type, team_type).lower()}: {format_target(target)}")
            )
    if "childrens" in set(types):  # child protection work: the maximum widely quoted from the Laming review
        spec.lines.append(
            ReferenceLine(
                thresholds.complex_cp_maximum,
                f"Often-quoted maximum for complex child protection work: {thresholds.complex_cp_maximum:g}",
            )
        )
    # The national figure is per FTE at 30 September: draw the latest year the data reaches, if any.
    last_year = max((p.start.year for s in series for p in s.periods), default=None)
    known = [y for y in england if last_year is not None and y <= last_year]
    if known and basis == "fte":
        year = max(known)
        spec.lines.append(ReferenceLine(england[year], f"England average {year}: {england[year]:g}"))
    return spec


def district_totals_chart(districts: pd.DataFrame) -> ChartSpec:
    """Total cases per district over time (a district :func:`.summarise` frame), as a quarterly update
    shows weekly totals for each district, from worker rows, team rows or district totals alike."""
    frame = districts[districts["cases"].notna()] if len(districts) else districts
    series = []
    for district, rows in frame.groupby("name", sort=True) if len(frame) else []:
        rows = rows.sort_values("period")
        series.append(Series(str(district), tuple(_periods(rows)), tuple(float(v) for v in rows["cases"])))
    spec = ChartSpec("Total cases by district", "Cases (children allocated)", series, decimals=0)
    if spec.is_empty():
        spec.empty_reason = missing("districts") if districts.empty else missing(first_missing(districts) or "cases")
    return spec


def measures_chart(measures: pd.DataFrame, names: list[str], title: str) -> ChartSpec:
    """Monthly service measures (referrals, children on plans, ...) as the scrutiny report charts them."""
    series = []
    for name in names:
        rows = measures[measures["measure"] == name].sort_values("period")
        periods = tuple(_periods(rows))
        axis = measure_axis(name, periods[0].kind if periods else "month")
        series.append(Series(name, periods, tuple(figure(v) for v in rows["value"]), axis))
    # FTE and percentages come with decimals; whole counts are printed whole, beside them or not.
    decimals = {s.name: 0 if all(v is None or float(v).is_integer() for v in s.values) else 1 for s in series}
    spec = ChartSpec(title, "Number", series, decimals=max(decimals.values(), default=0), series_decimals=decimals)
    if len({s.axis for s in series}) == 1:  # one kind of measure: one plain panel, no panel title
        spec.y_label = series[0].axis.label if series[0].axis else spec.y_label
        spec.series = [replace(s, axis=None) for s in series]
    if spec.is_empty():
        spec.empty_reason = missing("measures")
    return spec


def measure_axis(name: str, period_kind: str) -> Axis:
    """The panel a service measure is drawn in: flows and stocks, counts, FTE and percentages apart."""
    kind = measure_kind(name)
    if kind.unit == PERCENT:
        return Axis("Per cent", "Percentages")
    if kind.unit == RATE:
        return Axis("Rate (as stated in the measure)", "Rates")
    if kind.unit == FTE:
        return Axis("Full-time equivalent (FTE)", "Posts, in full-time equivalents")
    word = period_kind if period_kind in ("week", "day", "month", "quarter", "year") else "period"
    if kind.unit == COUNT and kind.flow:
        return Axis(f"Number in the {word}", f"Counted across each {word}")
    return Axis("Number at the count", f"Counted on one day in each {word}")


def period_axis(periods: list[Period]) -> tuple[list[str], str]:
    """Tick labels in one form along the axis, and the axis title that completes them.

    Weeks and days read '3 Aug' with the year in the title when they share one year, and
    '3 Aug 2026' throughout when they do not; months 'Aug 2026', quarters 'Q2 2026/27', years '2026'.
    """
    if not periods:
        return [], "Period"
    kind = periods[0].kind
    if kind in ("week", "day"):
        years = sorted({p.start.year for p in periods})
        title = "Week commencing" if kind == "week" else "Date"
        if len(years) == 1:
            return [f"{p.start.day} {p.start.strftime('%b')}" for p in periods], f"{title} ({years[0]})"
        return [f"{p.start.day} {p.start.strftime('%b %Y')}" for p in periods], title
    titles = {"month": "Month", "quarter": "Quarter (financial year)", "year": "Year"}
    return [p.label() for p in periods], titles.get(kind, "Period")


def year_period(year: int) -> Period:
    """A year as a period, so annual statistics draw, label ('2025') and describe like any other chart."""
    return Period(dt.date(year, 1, 1), "year")


def year_chart(title: str, y_label: str, lines: dict[str, dict[int, float | None]], decimals: int = 1) -> ChartSpec:
    """One line per name over years; a year without a figure (withheld, not published) is a gap, never 0."""
    series = []
    for name, by_year in lines.items():
        years = sorted(by_year)
        series.append(Series(name, tuple(year_period(y) for y in years), tuple(figure(by_year[y]) for y in years)))
    return ChartSpec(title, y_label, series, decimals=decimals, x_label="Year")


def _per_year(years: pd.Series, values: pd.Series) -> dict[int, float | None]:
    return {int(y): figure(v) for y, v in zip(years, values, strict=True)}


def benchmark_chart(years: pd.DataFrame, measure: str, council_name: str) -> ChartSpec:
    """One workforce measure year by year (a :func:`.benchmark_years` frame): the council
    against England, its region and, when a neighbours file is open, its neighbours' average."""
    region = str(years["region name"].iloc[-1]) if len(years) else "Region"
    lines = {
        council_name: _per_year(years["year"], years["council"]),
        "England": _per_year(years["year"], years["England"]),
        region: _per_year(years["year"], years["region"]),
    }
    if NEIGHBOURS in years:
        lines[NEIGHBOURS_HEADING] = _per_year(years["year"], years[NEIGHBOURS])
    # A short title: the legend names the lines, and a long title would make the plot wider than its pane.
    title = MEASURES.get(measure, measure).removesuffix(" (%)")
    y_label = "Cases per FTE" if measure == "caseload_fte" else "Per cent"
    return year_chart(title, y_label, lines)


def england_chart(frame: pd.DataFrame, own_name: str) -> ChartSpec:
    """The built-in England caseload per FTE beside the council's own yearly figure (a
    :func:`.own_against_england` frame), for before any statistics file is open."""
    lines = {"England": _per_year(frame["year"], frame["England"])}
    if frame["own"].notna().any():
        lines[f"{own_name} (your data)"] = _per_year(frame["year"], frame["own"])
    return year_chart("Average caseload per FTE", "Cases per FTE", lines)
