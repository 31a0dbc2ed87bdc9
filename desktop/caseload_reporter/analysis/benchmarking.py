"""The council against England, its region and its statistical neighbours, from the published statistics.

Built on :mod:`caseload_reporter.reading.published_statistics`, which keeps withheld figures as
gaps with their markers; nothing here turns a gap into a number.
"""

from __future__ import annotations

import math

import pandas as pd

from caseload_reporter.reading.published_statistics import WorkforceStatistics

MEASURES = {
    "caseload_fte": "Average caseload per FTE",
    "agency_rate_fte": "Agency worker rate (%)",
    "vacancy_rate_fte": "Vacancy rate (%)",
    "turnover_rate_fte": "Turnover rate (%)",
}


class CouncilNotFound(LookupError):
    """The council asked for is not in the file; the message is one sentence for the officer."""


def find_council(stats: WorkforceStatistics, name_or_code: str) -> str:
    """The stable old code of a council named by old code, new code (any year) or name."""
    wanted = name_or_code.strip().lower()
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


def _value(frame: pd.DataFrame, measure: str) -> float | None:
    if frame.empty or measure not in frame:
        return None
    value = frame[measure].iloc[0]
    return None if value is None or (isinstance(value, float) and math.isnan(value)) else round(float(value), 1)


def benchmark(
    stats: WorkforceStatistics,
    code: str,
    year: int | None = None,
    neighbours: dict[str, list[tuple[str, str]]] | None = None,
) -> dict[str, object]:
    """Each measure for the council, England, its region and its neighbours (their mean), with its rank."""
    own_rows = stats.council(code)
    if own_rows.empty:
        raise CouncilNotFound(f"No council coded '{code}' is in the statistics file.")
    year = year or int(own_rows["year"].max())
    own = own_rows[own_rows["year"] == year]
    if own.empty:
        raise CouncilNotFound(f"The statistics file has no figures for this council in {year}.")
    region_name = str(own["region_name"].iloc[0])
    england = stats.national(year)
    region = stats.regions(year)
    region = region[region["region_name"] == region_name]
    neighbour_codes = [c for c, _ in (neighbours or {}).get(str(code), [])]
    neighbour_rows = stats.councils(year)
    neighbour_rows = neighbour_rows[neighbour_rows["old_la_code"].isin(neighbour_codes)]
    measures: dict[str, object] = {}
    for measure, label in MEASURES.items():
        values = neighbour_rows[measure].dropna() if measure in neighbour_rows else pd.Series(dtype=float)
        rank = stats.regional_rank(code, year, measure)
        measures[measure] = {
            "label": label,
            "council": _value(own, measure),
            "england": _value(england, measure),
            "region": _value(region, measure),
            "neighbours_average": round(float(values.mean()), 1) if len(values) else None,
            "neighbours_with_figures": len(values),
            "regional_rank": rank.sentence() if rank else None,
        }
    series = stats.series(code, "caseload_fte")
    national = stats.national().set_index("year")["caseload_fte"]
    return {
        "council": {
            "name": str(own["la_name"].iloc[0]),
            "old_la_code": str(own["old_la_code"].iloc[0]),
            "new_la_code": str(own["new_la_code"].iloc[0]),
            "region": region_name,
        },
        "year": year,
        "neighbours": list(neighbour_codes) if neighbours is not None else None,
        "measures": measures,
        "caseload_series": [
            {
                "year": int(y),
                "council": None if pd.isna(v) else float(v),
                "england": None if pd.isna(national.get(y)) else float(national.get(y)),
            }
            for y, v in series.items()
        ],
    }
