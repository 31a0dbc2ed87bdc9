"""The limits a sheet's extent is held to, and the sentences that refuse a sheet beyond them.

calamine builds each sheet as a dense block from the first to the last used cell, so the extent
(last used row x last used column) is what it will allocate. The .xlsx, .ods and .xls scans
(:mod:`caseload_reporter.reading.xlsx_sheet_scan`, ``ods_checks``, ``xls_checks``) all measure
a sheet and refuse it here, in the same words; the streaming scans read in CHUNK_BYTES pieces.
"""

from __future__ import annotations

from caseload_reporter.core.words import plural
from caseload_reporter.reading.problems import TooLarge

# A sheet's dense extent (last used row x last used column): what calamine will allocate.
MAX_SHEET_ROWS = 1_000_000
MAX_SHEET_COLUMNS = 2_000
MAX_SHEET_CELLS = 12_000_000
MAX_ROW_BYTES = 32 * 1024 * 1024  # one row's XML; a real row is a few KB
CHUNK_BYTES = 4 * 1024 * 1024


def within_limits(rows: int, cols: int) -> bool:
    return rows <= MAX_SHEET_ROWS and cols <= MAX_SHEET_COLUMNS and rows * max(cols, 1) <= MAX_SHEET_CELLS


def check_extent(name: str, sheet: str, rows: int, cols: int) -> None:
    if rows > MAX_SHEET_ROWS:
        raise TooLarge(
            f"Sheet '{sheet}' in {name} has more than {MAX_SHEET_ROWS:,} rows, far more than any caseload file, "
            "so it was not read."
        )
    if not within_limits(rows, cols):
        raise TooLarge(
            f"Sheet '{sheet}' in {name} reaches {plural(rows, 'row')} and {plural(cols, 'column')}, "
            "far more than any caseload file, so it was not read."
        )


def oversized(name: str, sheet: str, what: str) -> TooLarge:
    return TooLarge(
        f"Sheet '{sheet}' in {name} has {what} of more than {MAX_ROW_BYTES // 2**20} MB, far larger than any "
        "caseload file, so it was not read."
    )
