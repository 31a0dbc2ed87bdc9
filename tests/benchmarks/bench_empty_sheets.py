"""A workbook of 1,024 empty sheets: the importer against calamine alone, in the same process.

Each empty sheet once cost three pandas frames built column by column (7 to 14 s in all, against
0.05 s for calamine). Run: ``python tests/benchmarks/bench_empty_sheets.py`` from the repository.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

import openpyxl
import python_calamine

from caseload_reporter.reading.importer import import_file


def empty_sheets_workbook(path: Path, sheets: int) -> Path:
    book = openpyxl.Workbook()
    book.remove(book.active)
    for number in range(sheets):
        book.create_sheet(f"Sheet {number + 1}")
    book.save(path)
    return path


def time_both(path: Path) -> tuple[float, float]:
    """Seconds for calamine alone to read every sheet, and for the whole import of the file."""
    start = time.perf_counter()
    with path.open("rb") as handle:
        book = python_calamine.CalamineWorkbook.from_filelike(handle)
        for name in book.sheet_names:
            book.get_sheet_by_name(name).to_python(skip_empty_area=False)
    calamine_alone = time.perf_counter() - start
    start = time.perf_counter()
    import_file(path)
    return calamine_alone, time.perf_counter() - start


def main() -> int:
    with tempfile.TemporaryDirectory() as folder:
        path = empty_sheets_workbook(Path(folder) / "empty.xlsx", 1024)
        import_file(path)  # warm the imports
        calamine_alone, importer = time_both(path)
    print(
        f"1,024 empty sheets: calamine alone {calamine_alone:.3f} s, importer {importer:.3f} s "
        f"({importer / calamine_alone:.1f} times)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
