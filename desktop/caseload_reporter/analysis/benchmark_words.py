"""Benchmarks in words: why a figure is missing, which years, and the comparison tables as text.

A withheld or missing figure is never shown blank or as 0: its marker is said in words ('withheld
(confidential)', 'no figure'), and the notes under a table say why each gap is a gap. The
Benchmarks page and the paper print these same words.
"""

from __future__ import annotations

import pandas as pd

from caseload_reporter.analysis.benchmarking import NEIGHBOURS, NO_ROW
from caseload_reporter.core.figures import figure
from caseload_reporter.core.words import join_and

# What a published marker means, short enough for a table cell; a reader never sees a bare 'c' or a 0.
MARKER_WORDS = {
    "c": "withheld (confidential)",
    "low": "withheld (too few to report)",
    "u": "withheld (low reliability)",
    "x": "not available",
    "z": "not applicable",
}


def gap_words(marker: str | None) -> str:
    """A missing figure in words for a table cell: why it is missing, never blank and never 0."""
    if marker is None or marker == NO_ROW:
        return "no figure"
    return MARKER_WORDS.get(marker, f"not published ('{marker}')")


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
