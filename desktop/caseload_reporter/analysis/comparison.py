"""Two periods side by side per group, with the change: as a progress report tabulates December against March."""

from __future__ import annotations

import pandas as pd

COMPARED = ("average", "min", "max", "over_ceiling", "workers", "cases")


def compare_periods(summary: pd.DataFrame, first: pd.Timestamp, second: pd.Timestamp) -> pd.DataFrame:
    """One row per group present in either period; ``<measure>_first``, ``<measure>_second`` and changes.

    Flat columns, never a two-row header, so the same table can go into an accessible Word table.
    """
    keep = ["name", "team_type", "district", *COMPARED]
    a = summary[summary["period"] == first][keep]
    b = summary[summary["period"] == second][keep]
    merged = a.merge(b, on=["name"], how="outer", suffixes=("_first", "_second"))
    for column in ("team_type", "district"):
        merged[column] = merged[f"{column}_first"].combine_first(merged[f"{column}_second"])
        merged = merged.drop(columns=[f"{column}_first", f"{column}_second"])
    merged["average_change"] = merged["average_second"] - merged["average_first"]
    merged["over_ceiling_change"] = merged["over_ceiling_second"] - merged["over_ceiling_first"]
    order = ["name", "team_type", "district"]
    for measure in COMPARED:
        order += [f"{measure}_first", f"{measure}_second"]
        if measure in ("average", "over_ceiling"):
            order.append(f"{measure}_change")
    return merged[order].sort_values("name", kind="stable").reset_index(drop=True)
