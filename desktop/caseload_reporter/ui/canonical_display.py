"""How canonical caseload rows are shown in tables: labels, team-type names, periods as officers write them.

One place, so the Data page and the import check show the same rows the same way.
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd

from caseload_reporter.reading.canonical import CASELOAD_COLUMNS
from caseload_reporter.reading.fields import FIELD_LABELS, TEAM_TYPES
from caseload_reporter.reading.values import Period

# The field names officers know, shortened where a table column is narrow.
CASELOAD_LABELS = {
    **FIELD_LABELS,
    "average": "Average",
    "range_low": "Lowest",
    "range_high": "Highest",
    "workers_over": "Workers over ceiling",
    "value": "Value",
    "source": "File",
    "sheet": "Sheet",
    "row": "Row",
}
# Every canonical column worth showing: the period's kind and the missing-value marker only serve others.
SHOWN_COLUMNS = [c for c in CASELOAD_COLUMNS if c not in ("period_kind", "caseload_missing")]
Formatter = Callable[[object], str]


def _whole(value: object) -> str:
    return f"{value:g}"


def _fte(value: object) -> str:
    return f"{value:.2f}"


def period_formatter(frame: pd.DataFrame) -> Formatter:
    """Shows 'w/c 04/11/2024' or 'Mar 2022' while the column keeps its dates, so it sorts by time."""
    pairs = frame[["period", "period_kind"]].drop_duplicates().dropna()
    labels = {ts: Period(ts.date(), kind).label() for ts, kind in pairs.itertuples(index=False)}
    return lambda value: labels.get(value, "")


def for_display(frame: pd.DataFrame, columns: list[str]) -> tuple[pd.DataFrame, dict[str, str], dict[str, Formatter]]:
    """(frame to show, column labels, formatters) for the chosen canonical columns that have any value."""
    shown = frame.copy()
    if "team_type" in shown:
        shown["team_type"] = shown["team_type"].map(TEAM_TYPES).fillna(shown["team_type"])
    if "agency" in shown:
        shown["agency"] = shown["agency"].map({True: "Yes", False: "No"})
    keep = [c for c in columns if c in shown.columns and (c in ("period", "team", "row") or shown[c].notna().any())]
    formatters: dict[str, Formatter] = {
        name: _whole for name in ("caseload", "average", "range_low", "range_high", "workers_over", "value")
    }
    formatters["fte"] = _fte
    if "period" in shown and "period_kind" in shown:
        formatters["period"] = period_formatter(shown)
    return shown[keep], CASELOAD_LABELS, formatters
