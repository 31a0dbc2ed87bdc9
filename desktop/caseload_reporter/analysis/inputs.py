"""What the open data lacks, named the same way on every page, chart, table and sentence.

A figure the data cannot give is never shown as 0, "No target" or an empty chart: it is named,
with how the officer can give it ("The data has no FTE: choose the FTE column in the check
window..."). One dictionary, so the words never drift between the window, the report and the
command line.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

CHECK_WINDOW = "the check window (Data page > Check how files were read)"


@dataclass(frozen=True)
class Input:
    short: str  # 'no FTE', for a table cell
    what: str  # 'The data has no FTE figures'
    how: str  # how to give it

    def sentence(self) -> str:
        return f"{self.what}: {self.how}."


INPUTS: dict[str, Input] = {
    "fte": Input(
        "no FTE",
        "The data has no FTE (full-time equivalent) figures",
        f"choose the FTE column in {CHECK_WINDOW}, or open a file with an FTE column",
    ),
    "workers": Input(
        "no head count",
        "The data has no head count of social workers",
        f"open a file with one row per worker, choose the head count column in {CHECK_WINDOW}, or show averages "
        "per FTE",
    ),
    "cases": Input(
        "no caseloads",
        "The data has no caseload figures",
        f"open a file with caseloads per worker, per team or per district, or choose the caseload column in "
        f"{CHECK_WINDOW}",
    ),
    "teams": Input(
        "no teams",
        "The data has no team figures",
        f"open a file with a row per worker or per team, or choose the team column in {CHECK_WINDOW}",
    ),
    "districts": Input(
        "no districts",
        "The data has no districts",
        f"choose the district column in {CHECK_WINDOW}, or open a file with district totals",
    ),
    "units": Input(
        "no unit counts",
        "The data has no counts of social work units",
        "open a sheet with one row per district and its number of units (a 'Units' column)",
    ),
    "workers_list": Input(
        "no workers",
        "The data has no worker-level figures",
        "open a file with one row per worker to see caseload ranges and workers over the ceiling",
    ),
    "measures": Input(
        "no service measures",
        "The data has no service measures",
        "open a sheet with measures such as referrals as rows and months as columns",
    ),
    "two_periods": Input(
        "one period",
        "Two different periods are needed, and the data has only one",
        "add the file for an earlier period with File > Add files to the open data",
    ),
    "caseloads": Input(
        "no data",
        "No caseload figures are open",
        "open a spreadsheet with File > Open, or drop one on this window",
    ),
}


def missing(key: str) -> str:
    """The sentence for a missing input: what is lacking and how to give it."""
    return INPUTS[key].sentence()


def first_missing(summary: pd.DataFrame) -> str | None:
    """The input most rows of a summary lack (its ``missing`` column), or None when none lacks one."""
    if summary.empty or "missing" not in summary or summary["missing"].isna().all():
        return None
    return str(summary["missing"].value_counts().index[0])


def has_teams(caseloads: pd.DataFrame) -> bool:
    return bool(caseloads["team"].notna().any()) if not caseloads.empty else False


def has_districts(caseloads: pd.DataFrame) -> bool:
    return bool(caseloads["district"].notna().any()) if not caseloads.empty else False


def has_workers(caseloads: pd.DataFrame) -> bool:
    return bool(caseloads["worker"].notna().any()) if not caseloads.empty else False
