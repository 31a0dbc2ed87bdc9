"""The council against England, its region and its statistical neighbours, from the published statistics.

Built on :mod:`caseload_reporter.reading.published_statistics`, which keeps withheld figures as
gaps with their markers; nothing here turns a gap into a number. A council is always named by its
stable ``old_la_code``, so its years join up across a change of its nine-character code.

"Its region" is the region it is ranked in: London as a whole for Inner and Outer London councils,
so that the regional figure and the rank describe the same councils.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from caseload_reporter.analysis.benchmark_councils import (
    BenchmarkProblem,
    Council,
    CouncilNotFound,
    council_info,
    neighbour_codes,
    neighbours_named,
)
from caseload_reporter.core.figures import figure
from caseload_reporter.reading.published_statistics import WorkforceStatistics, joint_codes

MEASURES = {
    "caseload_fte": "Average caseload per FTE",
    "agency_rate_fte": "Agency worker rate (%)",
    "vacancy_rate_fte": "Vacancy rate (%)",
    "turnover_rate_fte": "Turnover rate (%)",
}
NO_ROW = "no row"  # the file has no row at all for the area that year (a council formed or merged later)
SOURCE = "Department for Education, Children's social work workforce (Open Government Licence v3.0)"
NEIGHBOURS = "neighbours average"


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
