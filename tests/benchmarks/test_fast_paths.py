"""The importer's shortcuts for speed give exactly what the plain way gives, on any sheet.

Each shortcut is switched off in turn by patching it back to the plain way, and Hypothesis draws
small, messy sheets (blank and total rows, notes, ragged rows, True next to 1, None next to NaN,
unreadable cells, repeated workers) to import both ways. Every observable result must match:
the region found, the canonical frames with their dtypes, the rejections and the warnings, or the
same exception. A shortcut whose rules drift from the plain rules turns this red.

The shortcuts (see ``reading/columns.py``, ``layout._scan_data`` and ``sheet_long_layout.LongLayoutReader.read_long``):

* ``layout._plain_rows``: rows plainly data are found column-wise, not one by one.
* ``columns.data_block`` and the ``CellBlock`` factorisation cache: the reader takes over the
  cells and the first columns' factorisations that finding the table already made.
* ``columns.distinct_rows`` in ``read_long``: team types are worked out once per distinct pair.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from caseload_reporter.reading import columns, layout
from caseload_reporter.reading.grid import Grid
from caseload_reporter.reading.sheet_import import import_sheet

TODAY = dt.date(2026, 11, 23)

HEADERS = (
    ("Week commencing", "District", "Team", "Team type", "Social worker", "FTE", "Agency", "Caseload"),
    ("Locality", "Team", "Social worker", "Week commencing", "FTE", "Allocated children"),
    ("Team", "Worker", "Caseload", "W/C"),
    ("Period", "Team", "Average caseload"),
    ("District", "Team", "Caseload", "Month"),
    ("Team", "Established FTE"),
)
AWKWARD = ("", "  ", None, float("nan"), True, False, 1.0, 0.0, 1, "1", "Total", "Grand total", "n/a", "-", "x")
PERIODS = (
    dt.date(2022, 3, 7),
    dt.date(2022, 3, 14),
    dt.datetime(2022, 3, 21),
    "28/03/2022",
    "w/c 04/04/2022",
    44655.0,
    "Mar-22",
    dt.date(2030, 1, 6),
    "bad date",
)
TEXTS = {
    "district": ("North", "South"),
    "team": ("Assessment Team 1", "Leaving Care Team", "CIC Team", "Mystery Team", "All teams"),
    "type": ("Assessment", "Children in Care", "Weird type", "Leaving care"),
    "worker": ("Worker A", "Worker B", "Worker C", "Worker A "),
    "agency": ("Yes", "No", "maybe", "Agency"),
}
NOTES = ("Note: caseloads counted at 9am", "Source: HR system extract of the day", "* provisional", "x")


def _kind(header: str) -> str:
    h = header.lower()
    if any(w in h for w in ("week", "period", "month", "w/c")):
        return "period"
    for key, words in {
        "district": ("district", "locality"),
        "type": ("type",),
        "team": ("team",),
        "worker": ("worker",),
        "agency": ("agency",),
    }.items():
        if any(w in h for w in words):
            return key
    return "number"


def _cell(kind: str) -> st.SearchStrategy[object]:
    if kind == "period":
        good = st.sampled_from(PERIODS)
    elif kind == "number":
        good = st.sampled_from((1.0, 0.5, 12.0, 21.0, -1.0, 1.2, "12", "1,234", dt.date(2022, 1, 1)))
    else:
        good = st.sampled_from(TEXTS[kind])
    return st.one_of(good, good, good, st.sampled_from(AWKWARD))


@st.composite
def sheets(draw: st.DrawFn) -> Grid:
    header = list(draw(st.sampled_from(HEADERS)))
    rows: list[list[object]] = [["Caseloads March 2022"]] * draw(st.integers(0, 2))
    rows.append(header)
    for _ in range(draw(st.integers(0, 25))):
        shape = draw(st.sampled_from(["data"] * 8 + ["blank", "none", "note", "total", "short"]))
        if shape == "blank":
            row: list[object] = [""] * len(header)
        elif shape == "none":
            row = [None] * len(header)
        elif shape == "note":
            row = [draw(st.sampled_from(NOTES))] + [""] * (len(header) - 1)
        else:
            row = [draw(_cell(_kind(h))) for h in header]
            if shape == "total":
                row[draw(st.integers(0, min(2, len(header) - 1)))] = draw(st.sampled_from(("Total", "Sub-total")))
            if shape == "short":
                row = row[: draw(st.integers(0, len(row)))]
        rows.append(row)
    if draw(st.booleans()):
        rows += [[""] * len(header), [draw(st.sampled_from(NOTES))]]
    return Grid(draw(st.sampled_from(["Caseloads", "Dec 2021"])), rows, [])


def _observed(grid: Grid) -> tuple:
    try:
        result = import_sheet(grid, "sheet.xlsx", today=TODAY)
    except Exception as exc:  # a crash must be the same crash both ways
        return ("raised", type(exc).__name__, str(exc))
    region = result.region
    where = None
    if region is not None:
        where = (
            region.header_start,
            region.header_rows,
            region.data_start,
            region.data_end,
            region.headers,
            region.title_rows,
            region.notes,
            region.total_rows,
            list(region.data_rows),
        )
    frames = tuple(_frame(f) for f in (result.records, result.measures, result.establishment))
    return (result.layout, where, result.mapping, frames, result.rejected, result.warnings, result.rows_read)


def _frame(frame: pd.DataFrame) -> tuple:
    """Everything about a frame: columns, dtypes, and each cell with its type (NaN as a marker)."""
    cells = tuple(
        tuple((type(v).__name__, "NaN" if isinstance(v, float) and np.isnan(v) else v) for v in frame[c].tolist())
        for c in frame.columns
    )
    return tuple(frame.columns), tuple(str(t) for t in frame.dtypes), cells


def _no_plain_rows(block: columns.CellBlock) -> np.ndarray:
    return np.zeros(len(block), dtype=bool)


def _fresh_block(rows: list[list[object]], region: layout.TableRegion) -> columns.CellBlock:
    region.cells = None
    return columns.cell_block(rows, region.data_rows)


def _uncached_factorize(values: object) -> columns.Factorized:
    return columns._factorize(np.asarray(values, dtype=object))


def _every_row_distinct(n: int, *_columns: object) -> tuple[np.ndarray, np.ndarray]:
    return np.arange(n), np.arange(n)


PLAIN_WAYS = {
    "rows one by one": [(layout, "_plain_rows", _no_plain_rows)],
    "no shared cells or factorisations": [
        (columns, "data_block", _fresh_block),
        (columns, "factorize", _uncached_factorize),
    ],
    "team types row by row": [(columns, "distinct_rows", _every_row_distinct)],
}


@pytest.mark.parametrize("shortcut", list(PLAIN_WAYS))
@given(grid=sheets())
def test_a_shortcut_gives_what_the_plain_way_gives(shortcut: str, grid: Grid) -> None:
    fast = _observed(grid)
    with pytest.MonkeyPatch.context() as patch:
        for owner, name, plain in PLAIN_WAYS[shortcut]:
            patch.setattr(owner, name, plain)
        slow = _observed(grid)
    assert fast == slow


def test_the_plain_ways_are_really_taken() -> None:
    """Guards the test above: the patched names are the ones the importer looks up."""
    calls: list[str] = []
    week = dt.date(2022, 3, 7)
    rows = [["Team", "Worker", "Caseload", "W/C"], ["T1", "A", 1.0, week], ["T1", "B", 2.0, week]]
    grid = Grid("Caseloads", rows, [])
    with pytest.MonkeyPatch.context() as patch:
        for owner, name, _ in [way for ways in PLAIN_WAYS.values() for way in ways]:
            original = getattr(owner, name)

            def spy(*args: object, _original: object = original, _name: str = name, **kwargs: object) -> object:
                calls.append(_name)
                return _original(*args, **kwargs)

            patch.setattr(owner, name, spy)
        result = import_sheet(grid, "sheet.xlsx", today=TODAY)
    assert result.layout == "long" and len(result.records) == 2
    assert {"_plain_rows", "data_block", "factorize", "distinct_rows"} <= set(calls)
