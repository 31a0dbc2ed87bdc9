"""Caseload measures by team, district or team type for each period, named the same everywhere.

Average caseload is cases divided by case-holding FTE (the national statistics' definition) or by
head count, as the officer chooses; every table that shows an average also says which. Files
that give only team-level figures (a stated average and range, no workers) keep those figures;
what the data cannot give stays empty rather than being invented.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from caseload_reporter.analysis.team_figures import team_cells
from caseload_reporter.analysis.thresholds import Thresholds

GROUPINGS = {"team": "team", "district": "district", "team-type": "team_type", "service": None}
SERVICE = "All teams"  # the name of the whole-service row (by="service")
# None as np.where takes it for "no value here" (numpy's stubs take arrays, not None; the result is the same).
NO_VALUE = np.array(None, dtype=object)
SUMMARY_COLUMNS = (
    "period",
    "period_kind",
    "name",
    "team_type",
    "district",
    "workers",
    "fte",
    "cases",
    "average",
    "min",
    "max",
    "over_ceiling",
    "agency_workers",
    "target_low",
    "target_high",
    "status",
    "average_basis",
    "missing",
)
# How an average was worked out, for a note beside any figure that is not simply cases / FTE (or head count).
AVERAGE_BASES = {
    "fte": "cases per FTE",
    "worker": "cases per worker",
    "stated": "as stated in the file",
    "weighted_fte": "the teams' stated averages weighted by their FTE",
    "weighted_workers": "the teams' stated averages weighted by their head count",
    "mean_of_teams": "the mean of the teams' stated averages (the data gives no FTE or head count to weight them)",
}


def summarise(
    caseloads: pd.DataFrame,
    by: str,
    thresholds: Thresholds,
    basis: str | None = None,
    periods: list[pd.Timestamp] | None = None,
) -> pd.DataFrame:
    """One row per period and group (team, district, team type or the whole service) with the
    measures, the rating, how the average was worked out (``average_basis``) and, where there is no
    average, the input the data lacks (``missing``: 'fte', 'workers' or 'cases', see analysis.inputs).
    """
    if by not in GROUPINGS:
        raise ValueError(f"by must be one of {sorted(GROUPINGS)}")
    basis = basis or thresholds.basis
    frame = caseloads if periods is None else caseloads[caseloads["period"].isin(periods)]
    cells = team_cells(frame, thresholds.ceiling)
    key = GROUPINGS[by]
    if key is not None:
        cells = cells[cells[key].notna()]
    if cells.empty:
        return pd.DataFrame(columns=list(SUMMARY_COLUMNS))
    keys = ["period"] if key is None else ["period", key]
    merged = _combine(cells, keys, basis)
    merged = merged.rename(columns={key: "name"}) if key else merged.assign(name=SERVICE)
    merged = _attach_context(merged, cells, frame, key, by)
    return _rate(merged, by, thresholds).sort_values(["period", "name"], kind="stable").reset_index(drop=True)


def _combine(cells: pd.DataFrame, keys: list[str], basis: str) -> pd.DataFrame:
    """Cells into groups: sums only where every cell gives the figure, and the average by the
    strongest means the figures allow (cases over FTE or head count, else stated averages weighted
    by FTE or head count, else their plain mean, which ``average_basis`` then names)."""
    denominator = cells["fte"] if basis == "fte" else cells["workers"]
    own = cells["cases"] / denominator.where(denominator > 0)
    cell_average = own.fillna(cells["stated_average"])
    cell_basis = np.where(own.notna(), basis, np.where(cells["stated_average"].notna(), "stated", NO_VALUE))
    work = cells.assign(
        _avg=cell_average,
        _basis=cell_basis,
        _avg_fte=cell_average * cells["fte"],
        _avg_workers=cell_average * cells["workers"],
    )
    grouped = work.groupby(keys, sort=True, dropna=False)
    summed = ["workers", "fte", "cases", "over_ceiling", "agency_workers", "_avg", "_avg_fte", "_avg_workers"]
    out = grouped[summed].sum(min_count=1)
    counts = grouped[[*summed, "min", "max"]].count()
    size = grouped.size()
    out["min"] = grouped["min"].min()
    out["max"] = grouped["max"].max()
    for column in [*summed, "min", "max"]:
        out.loc[counts[column] < size, column] = np.nan  # a group total with a team missing would mislead
    out["_basis"] = grouped["_basis"].first()
    out["_size"] = size
    out = out.reset_index()
    base = out["fte"] if basis == "fte" else out["workers"]
    direct = out["cases"] / base.where(base > 0)
    single = (out["_size"] == 1) & out["_avg"].notna()
    by_fte = out["_avg_fte"] / out["fte"].where(out["fte"] > 0)
    by_workers = out["_avg_workers"] / out["workers"].where(out["workers"] > 0)
    mean = out["_avg"] / out["_size"]
    choices = [
        (direct.notna(), direct, basis),
        (single, out["_avg"], out["_basis"]),
        (by_fte.notna(), by_fte, "weighted_fte"),
        (by_workers.notna(), by_workers, "weighted_workers"),
        (mean.notna(), mean, "mean_of_teams"),
    ]
    average = pd.Series(np.nan, index=out.index)
    average_basis = pd.Series(None, index=out.index, dtype=object)
    for condition, values, named in reversed(choices):  # the first choice that applies wins
        average = average.mask(condition, values)
        average_basis = average_basis.mask(condition, named)
    out["average"] = average
    out["average_basis"] = average_basis
    lacking = "fte" if basis == "fte" else "workers"
    out["missing"] = np.where(average.notna(), NO_VALUE, np.where(out["cases"].notna(), lacking, "cases"))
    return out.drop(columns=["_avg", "_avg_fte", "_avg_workers", "_basis", "_size"])


def _attach_context(
    summary: pd.DataFrame, cells: pd.DataFrame, frame: pd.DataFrame, key: str | None, by: str
) -> pd.DataFrame:
    """Team type and district for each group, and the period kind for labels."""
    kinds = frame[["period", "period_kind"]].drop_duplicates("period")
    summary = summary.merge(kinds, on="period", how="left")
    if by == "team":
        context = cells[["team", "team_type", "district"]].drop_duplicates("team").rename(columns={"team": "name"})
        return summary.merge(context, on="name", how="left")
    if by == "team-type":
        return summary.assign(team_type=summary["name"], district=None)
    if by == "district":
        return summary.assign(team_type=None, district=summary["name"])
    return summary.assign(team_type=None, district=None)


def _rate(summary: pd.DataFrame, by: str, thresholds: Thresholds) -> pd.DataFrame:
    lows, highs, statuses = [], [], []
    for team_type, average, highest in summary[["team_type", "average", "max"]].itertuples(index=False):
        target = thresholds.target(team_type) if by in ("team", "team-type") else None
        lows.append(target[0] if target else np.nan)
        highs.append(target[1] if target else np.nan)
        statuses.append(thresholds.rate(average, team_type, None if by == "team-type" else highest) if target else None)
    summary = summary.assign(target_low=lows, target_high=highs, status=pd.Series(statuses, index=summary.index))
    return summary[list(SUMMARY_COLUMNS)]


def with_vacancies(summary: pd.DataFrame, establishment: pd.DataFrame) -> pd.DataFrame:
    """Add each team's established FTE and its vacancies (established less in post, never below 0).

    Only where the data has an establishment sheet; otherwise both stay empty.
    """
    if establishment.empty or summary.empty:
        return summary.assign(established_fte=np.nan, vacancies=np.nan)
    posts = establishment.groupby("team")["established_fte"].sum()
    established = summary["name"].map(posts)
    return summary.assign(established_fte=established, vacancies=(established - summary["fte"]).clip(lower=0))


def totals(
    caseloads: pd.DataFrame, thresholds: Thresholds, basis: str | None = None, periods: list[pd.Timestamp] | None = None
) -> pd.DataFrame:
    """The whole service for each period: the 'Total' line under every table."""
    return summarise(caseloads, "service", thresholds, basis, periods)


def district_totals(caseloads: pd.DataFrame) -> pd.DataFrame:
    """Total cases per district per period (wide: one column per district), as a quarterly update charts
    them; from worker rows, team rows or district totals, whichever the data holds."""
    cells = team_cells(caseloads, ceiling=float("inf"))
    cells = cells[cells["district"].notna() & cells["cases"].notna()]
    if cells.empty:
        return pd.DataFrame()
    return cells.pivot_table(index="period", columns="district", values="cases", aggfunc="sum").sort_index()


def district_capacity(
    district_summary: pd.DataFrame, establishment: pd.DataFrame, children_per_unit: float
) -> pd.DataFrame:
    """Cases against the unit model for each district and period, where the data gives units.

    Each unit supports ``children_per_unit`` children (60 in one county's model). Units come from an
    establishment or units sheet, per team (summed by district) or per district. A units sheet with
    dates applies from its date until the next one; one without dates applies to every period.
    Empty when the data has no units.
    """
    columns = ["period", "name", "units", "supported", "cases", "headroom", "use"]
    if establishment.empty or establishment["units"].isna().all() or district_summary.empty:
        return pd.DataFrame(columns=columns)
    known = establishment.dropna(subset=["units", "district"])
    out = district_summary[["period", "name", "cases"]].sort_values("period")
    undated = known[known["period"].isna()].groupby("district")["units"].sum()
    dated = known[known["period"].notna()].groupby(["period", "district"])["units"].sum().reset_index()
    out = out.assign(units=out["name"].map(undated))
    if not dated.empty:
        by_date = pd.merge_asof(
            out[["period", "name"]].reset_index(),
            dated.rename(columns={"district": "name"}).sort_values("period"),
            on="period",
            by="name",
        ).set_index("index")
        out["units"] = by_date["units"].reindex(out.index).fillna(out["units"])
    out = out.dropna(subset=["units"])
    out["supported"] = out["units"] * children_per_unit
    out["headroom"] = out["supported"] - out["cases"]
    out["use"] = np.where(out["supported"] > 0, out["cases"] / out["supported"], np.nan)
    return out[columns].reset_index(drop=True)
