"""The speed target, checked on the issue's own 200,000-row long workbook (bench_import.py prints
the full table).

The issue's target is at most 1.25 times python-calamine alone on 200,000 rows. import_file
measures 1.18 to 1.20 times here: the safety scan of the sheet XML adds about 0.1 times
calamine's time and the importer's own work about 0.25, less the garbage collections calamine
alone pays for while building its row lists. Both readers are timed in turns, best of three, so
load mostly cancels out of the ratio, but not all of it: with one or two other busy processes
the ratio rose to 1.24 and 1.25 (the scan's unpacking then no longer overlaps its searching), so
the bound allows 0.05 over the target.

The ratio is larger on smaller files: about 1.45 at 50,000 rows, where calamine alone pays
little for garbage collection and the importer's own work weighs more. That smaller file is
still used to check the canonical table, and to hold the importer's own share to its own bound,
so that a slow path creeping back into it fails at once.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest

from benchmarks.bench_import import read_calamine
from benchmarks.workbook import WEEKS, benchmark_workbook, worker_count
from caseload_reporter.reading.grid import read_workbook
from caseload_reporter.reading.importer import import_file
from caseload_reporter.reading.sheet_import import import_sheet

pytestmark = pytest.mark.slow

ROWS = 50_000
TARGET_ROWS = 200_000
TARGET = 1.25  # the issue's
TOLERANCE = 0.05  # for a loaded machine: see above
OWN_SHARE_BOUND = 0.6  # import_sheet alone, as a share of calamine alone: about 0.35 on this file
CANONICAL_DTYPES = {
    "period": "datetime64[ns]",
    "period_kind": "object",
    "district": "object",
    "team": "object",
    "team_type": "object",
    "worker": "object",
    "fte": "float64",
    "agency": "boolean",
    "caseload": "float64",
    "average": "float64",
    "caseload_missing": "object",
    "source": "object",
    "sheet": "object",
    "row": "int64",
}


@pytest.fixture(scope="module")
def workbook() -> Path:
    return benchmark_workbook(ROWS)


@pytest.fixture(scope="module")
def target_workbook() -> Path:
    return benchmark_workbook(TARGET_ROWS)


def best_times(runs: dict[str, Callable[[], object]], repeat: int = 3) -> dict[str, float]:
    """Best wall time of each, the candidates taking turns, after one warm-up run each."""
    for run in runs.values():
        run()
    best = dict.fromkeys(runs, float("inf"))
    for _ in range(repeat):
        for name, run in runs.items():
            gc.collect()
            start = time.perf_counter()
            run()
            best[name] = min(best[name], time.perf_counter() - start)
    return best


def test_the_canonical_table_has_every_row_with_canonical_dtypes(workbook: Path) -> None:
    result = import_file(workbook)
    assert result.ok, result.error
    (sheet,) = result.sheets
    assert sheet.layout == "long"
    assert sheet.rejected == []
    frame = sheet.records
    assert len(frame) == ROWS
    for column, dtype in CANONICAL_DTYPES.items():
        assert str(frame[column].dtype) == dtype, column
    assert frame["period"].nunique() == WEEKS
    assert set(frame["period_kind"]) == {"week"}
    assert frame["worker"].nunique() == worker_count(ROWS)
    assert frame["row"].tolist() == list(range(3, ROWS + 3))  # title row, header row, then the data
    assert 0 < frame["caseload"].isna().sum() < ROWS // 100  # the few returns not yet in: blank, kept
    assert not frame.duplicated(["period", "worker"]).any()
    assert pd.api.types.is_bool_dtype(frame["agency"]) and frame["agency"].notna().all()


def test_import_is_within_the_target_of_calamine_alone(target_workbook: Path) -> None:
    best = best_times(
        {"calamine": lambda: read_calamine(target_workbook), "ours": lambda: import_file(target_workbook)}
    )
    ratio = best["ours"] / best["calamine"]
    assert ratio <= TARGET + TOLERANCE, (
        f"import_file {best['ours']:.3f}s is {ratio:.2f}x calamine alone {best['calamine']:.3f}s"
    )


def test_the_importers_own_work_stays_a_small_share_of_calamine(workbook: Path) -> None:
    """Finding the table and parsing the columns, timed apart from reading the file."""
    book = read_workbook(workbook)
    best = best_times(
        {
            "calamine": lambda: read_calamine(workbook),
            "own": lambda: [import_sheet(grid, workbook.name) for grid in book.grids],
        }
    )
    share = best["own"] / best["calamine"]
    assert share <= OWN_SHARE_BOUND, f"import_sheet {best['own']:.3f}s is {share:.2f}x calamine alone"
