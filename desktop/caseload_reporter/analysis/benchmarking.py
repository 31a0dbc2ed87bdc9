"""The council against England, its region and its statistical neighbours, from the published statistics.

Built on :mod:`caseload_reporter.reading.published_statistics`, which keeps withheld figures as
gaps with their markers; nothing here turns a gap into a number. A council is always named by its
stable ``old_la_code``, so its years join up across a change of its nine-character code.

"Its region" is the region it is ranked in: London as a whole for Inner and Outer London councils,
so that the regional figure and the rank describe the same councils.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any

import pandas as pd

from caseload_reporter.analysis.england import england_caseload_per_fte
from caseload_reporter.analysis.measures import totals
from caseload_reporter.analysis.thresholds import Thresholds
from caseload_reporter.core.figures import figure
from caseload_reporter.core.paths import resources_dir
from caseload_reporter.core.words import join_and
from caseload_reporter.reading.published_statistics import (
    WorkforceStatistics,
    joint_codes,
    read_statistical_neighbours,
    read_workforce_indicators,
)
from caseload_reporter.reading.values import Period

if TYPE_CHECKING:
    from caseload_reporter.reading.dataset import Dataset

MEASURES = {
    "caseload_fte": "Average caseload per FTE",
    "agency_rate_fte": "Agency worker rate (%)",
    "vacancy_rate_fte": "Vacancy rate (%)",
    "turnover_rate_fte": "Turnover rate (%)",
}
# What a published marker means, short enough for a table cell; a reader never sees a bare 'c' or a 0.
MARKER_WORDS = {
    "c": "withheld (confidential)",
    "low": "withheld (too few to report)",
    "u": "withheld (low reliability)",
    "x": "not available",
    "z": "not applicable",
}
NO_ROW = "no row"  # the file has no row at all for the area that year (a council formed or merged later)
SOURCE = "Department for Education, Children's social work workforce (Open Government Licence v3.0)"
NEIGHBOURS = "neighbours average"

# The release shipped in resources/benchmarks, so that benchmarks work for every council before anything is
# opened; a newer release the officer opens replaces it (see :func:`statistics_in_use`).
SHIPPED_WORKFORCE = "csww_indicators_2017_to_2025.csv"
SHIPPED_NEIGHBOURS = "sn_model_2025_wide.csv"
STATISTICS_ATTRIBUTION = (
    "Benchmarks use the Department for Education's Children's social work workforce statistics (reporting years "
    "2017 to 2025) and its Children's services statistical neighbour benchmarking model (2025), shipped with the "
    "app. Contains public sector information licensed under the Open Government Licence v3.0 (Crown copyright)."
)


@cache
def shipped_statistics() -> tuple[WorkforceStatistics, dict[str, list[tuple[str, str]]]]:
    """The workforce statistics and statistical neighbours model shipped with the app, read once."""
    folder = resources_dir() / "benchmarks"
    return read_workforce_indicators(folder / SHIPPED_WORKFORCE), read_statistical_neighbours(
        folder / SHIPPED_NEIGHBOURS
    )


@dataclass(frozen=True)
class StatisticsInUse:
    """The published statistics a comparison uses, and where they came from, in words."""

    workforce: WorkforceStatistics
    neighbours: dict[str, list[tuple[str, str]]]
    workforce_from: str  # 'the release built into Caseload Reporter (2017 to 2025)' or the file's name
    neighbours_from: str
    note: str = ""  # said when a file the officer opened is not used, and why


def statistics_in_use(dataset: Dataset) -> StatisticsInUse:
    """The officer's own release where it is at least as new as the shipped one, else the shipped one.

    A newer release opened with File > Open replaces the shipped file, so a paper uses the latest
    figures; an older one is not used for comparisons (its latest year would hide newer ones) and
    the note says so. A statistical neighbours file the officer opens always replaces the shipped model.
    """
    shipped, shipped_neighbours = shipped_statistics()
    built_in = f"the release built into Caseload Reporter ({shipped.years[0]} to {shipped.years[-1]})"
    opened, note = dataset.benchmarks, ""
    workforce, workforce_from = shipped, built_in
    if opened is not None and opened.years:
        name = _file_of(dataset, "benchmarks", "the workforce statistics file opened")
        if opened.years[-1] >= shipped.years[-1]:
            workforce, workforce_from = opened, name
        else:
            note = f"{name} goes up to {opened.years[-1]}, and {built_in} is newer, so the built-in release is used."
    if dataset.neighbours is not None:
        opened_from = _file_of(dataset, "neighbours", "the statistical neighbours file opened")
        return StatisticsInUse(workforce, dataset.neighbours, workforce_from, opened_from, note)
    return StatisticsInUse(
        workforce, shipped_neighbours, workforce_from, f"the model built in ({SHIPPED_NEIGHBOURS})", note
    )


def _file_of(dataset: Dataset, attr: str, otherwise: str) -> str:
    """The name of the file the dataset's published statistics (``attr``) were read from."""
    held = getattr(dataset, attr)
    return next((r.path.name for r in dataset.files for sheet in r.sheets if getattr(sheet, attr) is held), otherwise)


def year_for(stats: WorkforceStatistics, council: Council, latest: Period | None) -> int:
    """The reporting year a paper compares: the latest published 30 September on or before the paper's
    latest period (a paper about December 2017 compares 2017, not the latest release's year), within the
    council's years; the council's latest year when the paper has no periods of its own. BenchmarkProblem
    when nothing was published by then."""
    years = [y for y in stats.years if council.first_year <= y <= council.last_year]
    if latest is None:
        return council.last_year
    before = [y for y in years if dt.date(y, 9, 30) <= latest.start]
    if not before:
        first = years[0] if years else council.first_year
        raise BenchmarkProblem(
            f"The statistics have no figures for {council.name} published by {latest.phrase()}: the first are "
            f"at 30 September {first}."
        )
    return max(before)


@dataclass(frozen=True)
class Neighbour:
    code: str
    name: str
    closeness: str  # the model's label, such as 'Very close'


def neighbours_named(
    stats: WorkforceStatistics, neighbours: dict[str, list[tuple[str, str]]] | None, code: str
) -> list[Neighbour]:
    """The council's statistical neighbours in the model's order, each by name (from the statistics file)."""
    if not neighbours:
        return []
    listed = next((neighbours[part] for part in (code, *joint_codes(code)) if part in neighbours), [])
    named = []
    for neighbour, closeness in listed:
        try:
            name = council_info(stats, neighbour).name
        except CouncilNotFound:
            name = f"council {neighbour}"
        named.append(Neighbour(neighbour, name, closeness.strip()))
    return named


class BenchmarkProblem(LookupError):
    """The statistics cannot answer what was asked; the message is one sentence for the officer."""


class CouncilNotFound(BenchmarkProblem):
    """The council asked for is not in the file; the message is one sentence for the officer."""


@dataclass(frozen=True)
class Council:
    """A council as the statistics file knows it, under the name and region of its latest year."""

    code: str  # old_la_code: stable across years; '940 / 941' for councils that report jointly
    name: str
    region: str
    first_year: int
    last_year: int

    def label(self, latest_year: int | None = None) -> str:
        """'Barnsley (370)', or 'Cumbria (909, figures to 2022)' for a council since reorganised."""
        if latest_year is not None and self.last_year < latest_year:
            return f"{self.name} ({self.code}, figures to {self.last_year})"
        return f"{self.name} ({self.code})"


def gap_words(marker: str | None) -> str:
    """A missing figure in words for a table cell: why it is missing, never blank and never 0."""
    if marker is None or marker == NO_ROW:
        return "no figure"
    return MARKER_WORDS.get(marker, f"not published ('{marker}')")


def council_list(stats: WorkforceStatistics) -> list[Council]:
    """Every council in the file, by name, for the officer to pick theirs from."""
    rows = stats.councils().dropna(subset=["old_la_code"]).sort_values("year")
    found = []
    for code, group in rows.groupby("old_la_code", sort=False):
        last = group.iloc[-1]
        name = last["la_name"] if isinstance(last["la_name"], str) and last["la_name"] else str(code)
        region = last["region"] if isinstance(last["region"], str) else ""
        found.append(Council(str(code), name, region, int(group["year"].min()), int(group["year"].max())))
    return sorted(found, key=lambda c: (c.name.lower(), c.code))


def council_info(stats: WorkforceStatistics, code: str) -> Council:
    """The council with this old code (or one of a joint pair); CouncilNotFound if the file lacks it."""
    rows = stats.council(code)
    if rows.empty:
        raise CouncilNotFound(f"No council coded '{code}' is in the statistics file open.")
    last = rows.iloc[-1]
    name = last["la_name"] if isinstance(last["la_name"], str) and last["la_name"] else str(code)
    region = last["region"] if isinstance(last["region"], str) else ""
    return Council(str(last["old_la_code"]), name, region, int(rows["year"].min()), int(rows["year"].max()))


def find_council(stats: WorkforceStatistics, name_or_code: str) -> str:
    """The stable old code of a council named by old code, new code (any year) or name."""
    wanted = name_or_code.strip().lower()
    if not wanted:
        raise CouncilNotFound("Type your council's name or code, or choose it from the list.")
    councils = stats.councils()
    by_code = councils[
        (councils["old_la_code"].str.lower() == wanted) | (councils["new_la_code"].str.lower() == wanted)
    ]
    if not by_code.empty:
        return str(by_code["old_la_code"].iloc[-1])
    names = councils.dropna(subset=["la_name"]).drop_duplicates("old_la_code")
    exact = names[names["la_name"].str.lower() == wanted]
    found = exact if not exact.empty else names[names["la_name"].str.lower().str.startswith(wanted)]
    if len(found) == 1:
        return str(found["old_la_code"].iloc[0])
    if len(found) > 1:
        listed = ", ".join(sorted(found["la_name"])[:5])
        raise CouncilNotFound(
            f"'{name_or_code}' matches several councils ({listed}); give its name in full or its code."
        )
    raise CouncilNotFound(f"No council called or coded '{name_or_code}' is in the statistics file.")


def neighbour_codes(neighbours: dict[str, list[tuple[str, str]]] | None, code: str) -> list[str]:
    """The council's statistical neighbours' old codes (a joint pair uses the first part listed)."""
    for part in (code, *joint_codes(code)):
        if neighbours and part in neighbours:
            return [c for c, _ in neighbours[part]]
    return []


# -- figures for one year ----------------------------------------------------------------------


def _cell(stats: WorkforceStatistics, rows: pd.DataFrame, measure: str) -> tuple[float | None, str | None]:
    """(figure, None), or (None, why not): the file's marker, or NO_ROW when the area has no row."""
    if rows.empty:
        return None, NO_ROW
    index = rows.index[0]
    value = figure(rows.at[index, measure])
    if value is None:
        return None, stats.marker(index, measure) or "x"
    return value, None


def _shares_code(codes: pd.Series, wanted: set[str]) -> pd.Series:
    return codes.map(lambda c: bool(set(joint_codes(c)) & wanted)).astype(bool)


def _figures(
    stats: WorkforceStatistics, council: Council, year: int, measures: list[str], neighbours: list[str] | None
) -> list[dict[str, object]]:
    """One record per measure for one year: council, England, region and neighbours, each with why it is missing."""
    own = stats.council(council.code)
    own = own[own["year"] == year]
    region_name = str(own["region"].iloc[0]) if not own.empty else council.region
    england = stats.national(year)
    regions = stats.regions(year)
    region = regions[regions["region_name"] == region_name]
    year_councils = stats.councils(year)
    others = pd.DataFrame()
    if neighbours is not None:
        mine = set(joint_codes(council.code))
        wanted = set(neighbours) - mine
        codes = year_councils["old_la_code"]
        others = year_councils[_shares_code(codes, wanted) & ~_shares_code(codes, mine)]
    records = []
    for measure in measures:
        if measure not in stats.frame:
            raise BenchmarkProblem(f"The statistics file has no column {measure}, so it cannot be compared.")
        value, why = _cell(stats, own, measure)
        england_value, england_why = _cell(stats, england, measure)
        region_value, region_why = _cell(stats, region, measure)
        rank = stats.regional_rank(str(own["old_la_code"].iloc[0]), year, measure) if value is not None else None
        record: dict[str, object] = {
            "year": year,
            "measure": measure,
            "label": MEASURES.get(measure, measure),
            "council": value,
            "council marker": why,
            "England": england_value,
            "England marker": england_why,
            "region": region_value,
            "region marker": region_why,
            "region name": region_name,
            "regional rank": rank.sentence() if rank else None,
        }
        if neighbours is not None:
            figures = others[measure].dropna()
            record[NEIGHBOURS] = float(figures.mean()) if len(figures) else None
            record["neighbours with figures"] = len(figures)
            record["neighbours listed"] = len(neighbours)
        records.append(record)
    return records


def benchmark_years(
    stats: WorkforceStatistics,
    code: str,
    measure: str,
    neighbours: dict[str, list[tuple[str, str]]] | None = None,
) -> pd.DataFrame:
    """One measure year by year: the council, England, its region, its neighbours' average and its rank.

    One row for every year in the file, oldest first, whatever the council's new code was that
    year. Columns: year, council, England, region (each float, NaN where no figure was published),
    '<area> marker' (why a figure is missing: the file's marker, such as 'x', or NO_ROW), region
    name, regional rank (text such as '4th highest of 15 in Yorkshire and The Humber', None without
    a figure) and, only when ``neighbours`` is given, 'neighbours average' (mean of the neighbours
    with a figure), 'neighbours with figures' and 'neighbours listed'. ``attrs['council']`` is the
    :class:`Council`. Raises CouncilNotFound or BenchmarkProblem with one sentence.
    """
    council = council_info(stats, code)
    near = neighbour_codes(neighbours, council.code) if neighbours is not None else None
    rows = [r for year in stats.years for r in _figures(stats, council, year, [measure], near)]
    frame = pd.DataFrame(rows).drop(columns=["measure", "label"])
    for column in ("council", "England", "region", NEIGHBOURS):
        if column in frame:
            frame[column] = frame[column].astype("float64")
    frame.attrs["council"] = council
    return frame


def benchmark_table(
    stats: WorkforceStatistics,
    code: str,
    year: int | None = None,
    neighbours: dict[str, list[tuple[str, str]]] | None = None,
) -> pd.DataFrame:
    """All four measures for one year (the council's latest by default), one row each, columns as
    :func:`benchmark_years` plus measure and label. Raises CouncilNotFound with one sentence."""
    council = council_info(stats, code)
    year = year or council.last_year
    if not council.first_year <= year <= council.last_year or year not in stats.years:
        raise CouncilNotFound(f"The statistics file has no figures for {council.name} in {year}.")
    near = neighbour_codes(neighbours, council.code) if neighbours is not None else None
    frame = pd.DataFrame(_figures(stats, council, year, list(MEASURES), near))
    frame.attrs["council"] = council
    return frame


def _rounded(value: object) -> float | None:
    number = figure(value)
    return None if number is None else round(number, 1)


def benchmark(
    stats: WorkforceStatistics,
    code: str,
    year: int | None = None,
    neighbours: dict[str, list[tuple[str, str]]] | None = None,
) -> dict[str, Any]:  # a JSON object, as the command line prints it
    """Each measure for the council, England, its region and its neighbours (their mean), with its rank."""
    table = benchmark_table(stats, code, year, neighbours if neighbours is not None else {})
    council: Council = table.attrs["council"]
    year = int(table["year"].iloc[0])
    own = stats.council(council.code)
    own = own[own["year"] == year]
    if own.empty:
        raise CouncilNotFound(f"The statistics file has no figures for {council.name} in {year}.")
    measures = {
        row["measure"]: {
            "label": row["label"],
            "council": _rounded(row["council"]),
            "england": _rounded(row["England"]),
            "region": _rounded(row["region"]),
            "neighbours_average": _rounded(row[NEIGHBOURS]),
            "neighbours_with_figures": int(row["neighbours with figures"]),
            "regional_rank": row["regional rank"],
        }
        for row in table.to_dict("records")
    }
    series = stats.series(council.code, "caseload_fte")
    national = stats.national().set_index("year")["caseload_fte"]
    return {
        "council": {
            "name": str(own["la_name"].iloc[0]),
            "old_la_code": str(own["old_la_code"].iloc[0]),
            "new_la_code": str(own["new_la_code"].iloc[0]),
            "region": str(table["region name"].iloc[0]),
        },
        "year": year,
        "neighbours": [
            {"old_la_code": n.code, "name": n.name, "closeness": n.closeness}
            for n in neighbours_named(stats, neighbours, council.code)
        ]
        if neighbours is not None
        else None,
        "measures": measures,
        "caseload_series": [
            {
                "year": int(y),
                "council": figure(v),
                "england": figure(national.get(y)),
            }  # float64 columns: NaN or a figure
            for y, v in zip(series.index.tolist(), series.tolist(), strict=True)
        ],
    }


# -- in words ------------------------------------------------------------------------------------


def years_text(years: list[int]) -> str:
    """[2017, 2018, 2019, 2022] -> '2017 to 2019 and 2022'."""
    runs: list[list[int]] = []
    for year in sorted(years):
        if runs and year == runs[-1][-1] + 1:
            runs[-1].append(year)
        else:
            runs.append([year])
    parts = [
        f"{r[0]} to {r[-1]}" if len(r) > 2 else " and ".join(map(str, r)) if len(r) == 2 else str(r[0]) for r in runs
    ]
    return join_and(parts)


def gap_notes(frame: pd.DataFrame, council_name: str) -> list[str]:
    """Why each gap in a :func:`benchmark_years` frame is a gap, one sentence per reason, for under a table."""
    notes = []
    areas = (("council", council_name), ("England", "England"), ("region", None))
    for column, name in areas:
        marker_column = f"{column} marker"
        missing = frame[frame[marker_column].notna()]
        for marker, rows in missing.groupby(marker_column, sort=False):
            who = name or str(rows["region name"].iloc[0])
            years = years_text([int(y) for y in rows["year"]])
            if marker == NO_ROW:
                why = (
                    "the file has no row for it in that year, as for a council formed or reorganised since"
                    if column == "council"
                    else "the file has no row for it"
                )
            else:
                why = f"the file marks it '{marker}', {gap_words(str(marker))}"
            notes.append(f"No figure for {who} in {years}: {why}.")
    if NEIGHBOURS in frame:
        listed = int(frame["neighbours listed"].max()) if len(frame) else 0
        if listed == 0:
            notes.append(f"The statistical neighbours file lists no neighbours for {council_name}.")
        else:
            short = frame[frame["neighbours with figures"] < frame["neighbours listed"]]
            counts: dict[int, list[int]] = {}
            for year, with_figures in zip(short["year"], short["neighbours with figures"], strict=True):
                counts.setdefault(int(with_figures), []).append(int(year))
            if counts:
                parts = [f"{n} of {listed} in {years_text(ys)}" for n, ys in sorted(counts.items(), reverse=True)]
                notes.append(
                    "The neighbours' average counts only the neighbours with a figure that year: "
                    + "; ".join(parts)
                    + "."
                )
    return notes


# -- the council's own data ----------------------------------------------------------------------


def own_average_by_year(caseloads: pd.DataFrame, thresholds: Thresholds) -> pd.DataFrame:
    """The council's own average caseload per FTE for each year of its data: columns year, period, average.

    Each year's figure is that of its last period with one (the national figure is also one day's
    snapshot, at 30 September), and ``period`` says which, so a table can show it.
    """
    empty = pd.DataFrame(columns=["year", "period", "average"])
    if caseloads.empty or caseloads["fte"].isna().all():
        return empty  # no caseload data, or none with FTE: nothing to set beside England's
    whole = totals(caseloads, thresholds, basis="fte")
    if whole.empty or "average" not in whole:
        return empty
    whole = whole.dropna(subset=["average"])
    whole = whole.assign(year=whole["period"].dt.year).sort_values("period").groupby("year").tail(1)
    pairs = whole[["period", "period_kind"]].itertuples(index=False)
    return pd.DataFrame(
        {
            "year": whole["year"].astype(int).to_numpy(),
            "period": [Period(ts.date(), kind) for ts, kind in pairs],
            "average": whole["average"].astype(float).to_numpy(),
        }
    )


def own_against_england(caseloads: pd.DataFrame, thresholds: Thresholds) -> pd.DataFrame:
    """The built-in England series beside the council's own average per FTE, before any statistics file is open.

    Columns: year, England (NaN beyond the built-in years), own (NaN where the data has no figure),
    period (the period each own figure comes from, None where there is none).
    """
    england = england_caseload_per_fte().values
    own = own_average_by_year(caseloads, thresholds)
    own_by_year = dict(zip(own["year"], own["average"], strict=True))
    period_by_year = dict(zip(own["year"], own["period"], strict=True))
    years = sorted(set(england) | set(own_by_year))
    return pd.DataFrame(
        {
            "year": years,
            "England": [england.get(y, math.nan) for y in years],
            "own": [own_by_year.get(y, math.nan) for y in years],
            "period": [period_by_year.get(y) for y in years],
        }
    )


# -- as text for tables (the page and the report print the same words) ---------------------------------


def figure_text(value: object, marker: object = None) -> str:
    """'15.2', or why there is no figure in words ('not available'), never blank and never 0."""
    number = figure(value)
    if number is None:
        return gap_words(marker if isinstance(marker, str) else None)
    return f"{number:.1f}"


def _text_table(frame: pd.DataFrame, first: tuple[str, list[str]], council_name: str) -> pd.DataFrame:
    """The comparator columns as text beside a first column: the council, England, its region, the
    neighbours' average (when there is one) and the rank."""
    region = str(frame["region name"].iloc[-1]) if len(frame) else "Region"
    out = pd.DataFrame({first[0]: first[1]})
    for heading, column in ((council_name, "council"), ("England", "England"), (region, "region")):
        heading = heading if heading not in out else f"{heading} ({column})"
        out[heading] = [figure_text(v, m) for v, m in zip(frame[column], frame[f"{column} marker"], strict=True)]
    if NEIGHBOURS in frame:
        out[NEIGHBOURS_HEADING] = [figure_text(v) for v in frame[NEIGHBOURS]]
    out["Rank in its region"] = [r if isinstance(r, str) else "no rank: no figure" for r in frame["regional rank"]]
    return out


def years_text_table(frame: pd.DataFrame, council_name: str) -> pd.DataFrame:
    """A :func:`benchmark_years` frame as text: Year, the council, England, its region, neighbours, rank."""
    return _text_table(frame, ("Year", [str(y) for y in frame["year"]]), council_name)


def measures_text_table(table: pd.DataFrame, council_name: str) -> pd.DataFrame:
    """A :func:`benchmark_table` frame as text: one row per measure with every comparator and the rank."""
    return _text_table(table, ("Measure", list(table["label"])), council_name)


NEIGHBOURS_HEADING = "Statistical neighbours' average"
