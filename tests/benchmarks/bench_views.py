"""How fast the Teams page refreshes when the officer changes period or filter, on the 200,000-row data set.

    python tests/benchmarks/bench_views.py            # the issue's benchmark: target 100 ms per refresh

The workbook is the import benchmark's (``workbook.py``), imported once; the window then runs
offscreen and each change is timed from setting the filter to the page having redrawn its table
and chart (events processed). Prints the median and the worst of each kind of change.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent))

from workbook import benchmark_workbook


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=200_000)
    parser.add_argument("--changes", type=int, default=12)
    args = parser.parse_args(argv)

    from PySide6.QtWidgets import QApplication

    from caseload_reporter.reading.dataset import Dataset
    from caseload_reporter.reading.importer import import_file
    from caseload_reporter.ui.app import ensure_application
    from caseload_reporter.ui.main_window import MainWindow

    app = ensure_application()
    path = benchmark_workbook(args.rows)
    started = time.perf_counter()
    result = import_file(path)
    print(f"imported {len(result.sheets[0].records):,} rows in {time.perf_counter() - started:.2f} s")
    window = MainWindow(data_dir=Path(tempfile.mkdtemp()))
    window.show()
    window.dataset = Dataset().add_results([result], decide=lambda *_: True)
    started = time.perf_counter()
    window._show_dataset()
    app.processEvents()
    print(f"first showing (every period's measures computed once): {(time.perf_counter() - started) * 1000:.0f} ms")
    window.nav.setCurrentRow(1)
    bar = window.filter_bar

    def timed(change) -> float:
        start = time.perf_counter()
        change()
        QApplication.processEvents()
        return (time.perf_counter() - start) * 1000

    periods = [
        timed(lambda i=i: bar.period.setCurrentIndex(i % bar.period.count())) for i in range(1, args.changes + 1)
    ]
    districts = [timed(lambda i=i: bar.district.setCurrentIndex(i % bar.district.count())) for i in range(args.changes)]
    kinds = [timed(lambda i=i: bar.team_type.setCurrentIndex(i % bar.team_type.count())) for i in range(args.changes)]
    print(f"{'change':<22}{'median':>10}{'worst':>10}   (target: 100 ms)")
    for name, times in (("period", periods), ("district", districts), ("team type", kinds)):
        print(f"{name:<22}{statistics.median(times):>8.0f}ms{max(times):>8.0f}ms")
    window.runner.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
