"""Every shape of caseload file as one table of team figures per period, before any grouping.

Officers keep caseloads at three levels: one row per worker, one row per team (cases, FTE, a head
count, or only a stated average and range), and district totals. Each level becomes *cells* here:
one row per period, team and district, holding what that level gives and nothing invented. The
measures (:mod:`.measures`) then combine cells into teams, team types, districts and the whole
service with the right weights, so a team-level file feeds every page a worker file feeds.

Where two levels cover the same ground (a worker file and a team summary of the same team and
period; team figures and a district total for the same district and period), the finer level
wins, so nothing is counted twice.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

CELL_KEYS = ["period", "team", "district"]
CELL_COLUMNS = [
    *CELL_KEYS,
    "team_type",
    "level",
    "workers",
    "fte",
    "cases",
    "stated_average",
    "min",
    "max",
    "over_ceiling",
    "agency_workers",
]
LEVELS = ("workers", "team", "district")  # finest first


def team_cells(caseloads: pd.DataFrame, ceiling: float) -> pd.DataFrame:
    """One row per period, team and district from worker rows, team rows and district rows.

    ``level`` says where a cell came from. Counts and sums are missing (NaN) where the level does
    not give them: a team row with only an average has no cases, a worker file without FTE has no FTE.
    """
    parts = [
        _from_workers(caseloads[caseloads["worker"].notna() & caseloads["caseload"].notna()], ceiling),
        _from_stated(caseloads[caseloads["worker"].isna() & caseloads["team"].notna()], "team"),
        _from_stated(caseloads[caseloads["worker"].isna() & caseloads["team"].isna()], "district"),
    ]
    parts = [p for p in parts if not p.empty]
    if not parts:
        return pd.DataFrame({c: pd.Series(dtype=_dtype(c)) for c in CELL_COLUMNS})
    cells = pd.concat(parts, ignore_index=True)
    return _finest_first(cells)[CELL_COLUMNS].reset_index(drop=True)


def _dtype(column: str) -> str:
    if column == "period":
        return "datetime64[ns]"
    return "object" if column in ("team", "district", "team_type", "level") else "float64"


def _from_workers(rows: pd.DataFrame, ceiling: float) -> pd.DataFrame:
    if rows.empty:
        return pd.DataFrame()
    work = rows.assign(
        _over=(rows["caseload"] > ceiling).astype("int64"),
        _agency=rows["agency"].fillna(False).astype("int64"),
        _has_fte=rows["fte"].notna().astype("int64"),
        _has_agency=rows["agency"].notna().astype("int64"),
    )
    grouped = work.groupby([*CELL_KEYS, "team_type"], sort=False, dropna=False, observed=True)
    out = grouped.agg(
        workers=("worker", "nunique"),
        fte=("fte", "sum"),
        _fte_count=("_has_fte", "sum"),
        cases=("caseload", "sum"),
        min=("caseload", "min"),
        max=("caseload", "max"),
        over_ceiling=("_over", "sum"),
        agency_workers=("_agency", "sum"),
        _agency_count=("_has_agency", "sum"),
        _rows=("caseload", "size"),
    ).reset_index()
    # A sum is known only when every worker gives the figure; otherwise a per-FTE average would lie.
    out["fte"] = out["fte"].round(6)  # 0.8 + 0.8 + 0.8 is 2.4000000000000004: a tie in 2-place rounding would tip
    out.loc[out["_fte_count"] < out["_rows"], "fte"] = np.nan
    out.loc[out["_agency_count"] == 0, "agency_workers"] = np.nan
    out = out.drop(columns=["_fte_count", "_agency_count", "_rows"])
    return out.assign(level="workers", stated_average=np.nan).astype({"workers": "float64", "cases": "float64"})


def _from_stated(rows: pd.DataFrame, level: str) -> pd.DataFrame:
    """Team or district rows as the file states them: totals, FTE, head count, average and range."""
    if rows.empty:
        return pd.DataFrame()
    grouped = rows.groupby([*CELL_KEYS, "team_type"], sort=False, dropna=False, observed=True)
    out = grouped.agg(
        workers=("workers", lambda s: s.sum(min_count=1)),
        fte=("fte", lambda s: s.sum(min_count=1)),
        cases=("caseload", lambda s: s.sum(min_count=1)),
        stated_average=("average", "first"),
        min=("range_low", "min"),
        max=("range_high", "max"),
        over_ceiling=("workers_over", lambda s: s.sum(min_count=1)),
    ).reset_index()
    out = out[out[["workers", "fte", "cases", "stated_average", "min", "max", "over_ceiling"]].notna().any(axis=1)]
    return out.assign(level=level, agency_workers=np.nan)


def _finest_first(cells: pd.DataFrame) -> pd.DataFrame:
    """Drop a coarser cell where a finer level covers the same team, or the same district, in that period."""
    rank = cells["level"].map({name: i for i, name in enumerate(LEVELS)})
    cells = cells.assign(_rank=rank).sort_values("_rank", kind="stable")
    teams = cells[cells["team"].notna()]
    covered_teams = teams.groupby(["period", "team"], dropna=False)["_rank"].transform("min")
    drop = pd.Series(False, index=cells.index)
    drop.loc[teams.index] = teams["_rank"] > covered_teams
    finer = cells[cells["_rank"] < LEVELS.index("district")]
    covered = set(zip(finer["period"], finer["district"], strict=True))
    # Team figures without a district could belong to any district: their period's totals are left out.
    anywhere = set(finer.loc[finer["district"].isna(), "period"])
    districts = cells["level"] == "district"
    drop |= districts & pd.Series(
        [(p, d) in covered or p in anywhere for p, d in zip(cells["period"], cells["district"], strict=True)],
        index=cells.index,
    )
    return cells[~drop].drop(columns="_rank")
