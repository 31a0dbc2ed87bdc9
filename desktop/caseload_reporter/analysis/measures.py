"""Caseload measures by team, district or team type for each period, named the same everywhere.

Average caseload is cases divided by case-holding FTE (the national statistics' definition) or by
head count, as the officer chooses; every table that shows an average also says which. Files
that give only team-level figures (a stated average and range, no workers) keep those figures;
what the data cannot give stays empty rather than being invented.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from caseload_reporter.analysis.thresholds import Thresholds

GROUPINGS = {"team": "team", "district": "district", "team-type": "team_type"}
SUMMARY_COLUMNS = (
    "period", "period_kind", "name", "team_type", "district", "workers", "fte", "cases", "average", "min", "max",
    "over_ceiling", "agency_workers", "target_low", "target_high", "status",
)  # fmt: skip


def _worker_rows(frame: pd.DataFrame) -> pd.DataFrame:
    return frame[frame["worker"].notna() & frame["caseload"].notna()]


def _stats(rows: pd.DataFrame, keys: list[str], ceiling: float, basis: str) -> pd.DataFrame:
    """Workers, FTE, cases, range, workers over the ceiling and the average for each group of worker rows."""
    if rows.empty:
        return pd.DataFrame(columns=[*keys, "workers", "fte", "cases", "min", "max", "over_ceiling", "agency_workers"])
    work = rows.assign(
        _over=(rows["caseload"] > ceiling).astype("int64"),
        _agency=rows["agency"].fillna(False).astype("int64"),
        _has_fte=rows["fte"].notna().astype("int64"),
    )
    grouped = work.groupby(keys, sort=True, observed=True)
    out = grouped.agg(
        workers=("worker", "nunique"),
        fte=("fte", "sum"),
        _fte_count=("_has_fte", "sum"),
        cases=("caseload", "sum"),
        min=("caseload", "min"),
        max=("caseload", "max"),
        over_ceiling=("_over", "sum"),
        agency_workers=("_agency", "sum"),
    ).reset_index()
    # FTE is only known when every worker in the group has one; otherwise per-FTE averages would lie.
    out.loc[out["_fte_count"] < out["workers"], "fte"] = np.nan
    out = out.drop(columns="_fte_count")
    if basis == "fte":
        out["average"] = np.where(out["fte"] > 0, out["cases"] / out["fte"], np.nan)
    else:
        out["average"] = out["cases"] / out["workers"]
    return out


def summarise(
    caseloads: pd.DataFrame,
    by: str,
    thresholds: Thresholds,
    basis: str | None = None,
    periods: list[pd.Timestamp] | None = None,
) -> pd.DataFrame:
    """One row per period and group (team, district or team type) with the measures and the rating."""
    if by not in GROUPINGS:
        raise ValueError(f"by must be one of {sorted(GROUPINGS)}")
    basis = basis or thresholds.basis
    key = GROUPINGS[by]
    frame = caseloads if periods is None else caseloads[caseloads["period"].isin(periods)]
    keys = ["period", key]
    parts = [_stats(_worker_rows(frame), keys, thresholds.ceiling, basis)]
    parts.append(_stated_figures(frame, keys, by))
    parts = [p for p in parts if not p.empty]
    if not parts:
        return pd.DataFrame(columns=list(SUMMARY_COLUMNS))
    merged = pd.concat(parts, ignore_index=True).drop_duplicates(keys, keep="first")
    merged = merged.rename(columns={key: "name"})
    merged = _attach_context(merged, frame, key, by)
    return _rate(merged, by, thresholds).sort_values(["period", "name"], kind="stable").reset_index(drop=True)


def _stated_figures(frame: pd.DataFrame, keys: list[str], by: str) -> pd.DataFrame:
    """Figures files state without workers: team averages and ranges, team or district totals."""
    rows = frame[frame["worker"].isna()]
    if rows.empty:
        return pd.DataFrame()
    if by != "team" and rows["caseload"].isna().all():
        return pd.DataFrame()  # stated averages cannot be combined across teams without their FTE
    grouped = rows.groupby(keys, sort=True, observed=True)
    out = grouped.agg(
        cases=("caseload", lambda s: s.sum(min_count=1)),
        fte=("fte", lambda s: s.sum(min_count=1)),
        average=("average", "first"),
        min=("range_low", "min"),
        max=("range_high", "max"),
        over_ceiling=("workers_over", lambda s: s.sum(min_count=1)),
    ).reset_index()
    # A team-level file that gives cases and FTE but no average: the average per FTE follows from them.
    derived = out["cases"] / out["fte"].where(out["fte"] > 0)
    out["average"] = out["average"].fillna(derived) if by == "team" else derived
    if by != "team":
        out["min"] = np.nan
        out["max"] = np.nan
    for name in ("workers", "agency_workers"):
        out[name] = np.nan
    return out


def _attach_context(summary: pd.DataFrame, frame: pd.DataFrame, key: str, by: str) -> pd.DataFrame:
    """Team type and district for each group, and the period kind for labels."""
    kinds = frame[["period", "period_kind"]].drop_duplicates("period")
    summary = summary.merge(kinds, on="period", how="left")
    if by == "team":
        context = frame[["team", "team_type", "district"]].drop_duplicates("team").rename(columns={"team": "name"})
        summary = summary.merge(context, on="name", how="left")
    elif by == "team-type":
        summary["team_type"] = summary["name"]
        summary["district"] = None
    else:
        summary["team_type"] = None
        summary["district"] = summary["name"]
    return summary


def _rate(summary: pd.DataFrame, by: str, thresholds: Thresholds) -> pd.DataFrame:
    lows, highs, statuses = [], [], []
    for team_type, average, highest in summary[["team_type", "average", "max"]].itertuples(index=False):
        target = thresholds.target(team_type) if by != "district" else None
        lows.append(target[0] if target else np.nan)
        highs.append(target[1] if target else np.nan)
        statuses.append(thresholds.rate(average, team_type, None if by == "team-type" else highest) if target else None)
    summary = summary.assign(target_low=lows, target_high=highs, status=statuses)
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
    basis = basis or thresholds.basis
    frame = caseloads if periods is None else caseloads[caseloads["period"].isin(periods)]
    out = _stats(_worker_rows(frame), ["period"], thresholds.ceiling, basis)
    stated = frame[frame["worker"].isna() & frame["caseload"].notna()]
    if out.empty and not stated.empty:
        out = stated.groupby("period").agg(cases=("caseload", "sum")).reset_index()
    kinds = frame[["period", "period_kind"]].drop_duplicates("period")
    return out.merge(kinds, on="period", how="left").sort_values("period").reset_index(drop=True)


def district_totals(caseloads: pd.DataFrame) -> pd.DataFrame:
    """Total cases per district per period (wide: one column per district), as a quarterly update charts."""
    frame = caseloads[caseloads["district"].notna() & caseloads["caseload"].notna()]
    if frame.empty:
        return pd.DataFrame()
    return frame.pivot_table(index="period", columns="district", values="caseload", aggfunc="sum").sort_index()


def district_capacity(
    district_summary: pd.DataFrame, establishment: pd.DataFrame, children_per_unit: float
) -> pd.DataFrame:
    """Cases against the unit model for each district and period, where the data gives units.

    Each unit supports ``children_per_unit`` children (60 in one county's model). Units come from an
    establishment sheet, per team (summed by district) or per district. Empty when there are none.
    """
    if establishment.empty or establishment["units"].isna().all() or district_summary.empty:
        return pd.DataFrame(columns=["period", "name", "units", "supported", "cases", "headroom", "use"])
    units = establishment.dropna(subset=["units"]).groupby("district")["units"].sum()
    out = district_summary[["period", "name", "cases"]].assign(units=district_summary["name"].map(units))
    out = out.dropna(subset=["units"])
    out["supported"] = out["units"] * children_per_unit
    out["headroom"] = out["supported"] - out["cases"]
    out["use"] = np.where(out["supported"] > 0, out["cases"] / out["supported"], np.nan)
    return out.reset_index(drop=True)
