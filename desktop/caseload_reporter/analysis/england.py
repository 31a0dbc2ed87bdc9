"""The England average caseload per FTE, shipped built in so a national comparison works offline at once.

Also the council's own average per FTE year by year, set beside it before any statistics file is
opened (the Benchmarks page's first chart and table).
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import cache

import pandas as pd

from caseload_reporter.analysis.measures import totals
from caseload_reporter.analysis.thresholds import Thresholds
from caseload_reporter.core.paths import resources_dir
from caseload_reporter.reading.values import Period


@dataclass(frozen=True)
class NationalSeries:
    measure: str
    source: str
    values: dict[int, float]


@cache
def england_caseload_per_fte() -> NationalSeries:
    data = json.loads((resources_dir() / "settings" / "england_caseload_per_fte.json").read_text(encoding="utf-8"))
    return NationalSeries(data["measure"], data["source"], {int(k): float(v) for k, v in data["values"].items()})


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
