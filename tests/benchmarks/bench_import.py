"""How fast a large long worker-by-week workbook becomes the canonical table, against other readers.

    python tests/benchmarks/bench_import.py                 # 200,000 rows, the issue's benchmark
    python tests/benchmarks/bench_import.py --rows 50000 --skip-openpyxl

Prints one table. Every reader reads the same cached file (see ``workbook.py``):

* calamine alone: ``CalamineWorkbook.from_filelike``, ``get_sheet_by_name``,
  ``to_python(skip_empty_area=False)``: cells into Python lists and nothing more. The floor.
* Caseload Reporter: ``import_file(path)``, end to end: safety checks, calamine, finding the
  table, parsing every column, rejections, and the canonical table.
* ``pandas.read_excel(engine="openpyxl")`` and, for reference, ``engine="calamine"``.

Times are wall-clock, best of ``--repeat`` runs (openpyxl runs once: it is slow), measured in this
one process with the readers taking turns in each round, so the ratios are fair to each other.

Peak memory is measured per reader in a fresh subprocess, two ways:

* RSS: how far the resident set size rose above where it stood after the imports, at its peak
  during one run (Linux: VmHWM, reset first; macOS: ru_maxrss). It counts everything: Python
  objects, numpy buffers and calamine's Rust-side copy of the sheet. Not measured on Windows.
* Python: ``tracemalloc``'s peak over a second run: the memory Python and numpy allocated,
  without calamine's own buffers, and without interference from other processes.

Targets (the issue): Caseload Reporter at most 1.25 times calamine alone, and at least 7 times
faster than pandas with openpyxl.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
if str(HERE.parent) not in sys.path:
    sys.path.insert(0, str(HERE.parent))  # the tests folder, so that benchmarks.* imports

from benchmarks.workbook import HEADER, benchmark_workbook  # noqa: E402

TARGET_VS_CALAMINE = 1.25
TARGET_VS_OPENPYXL = 7.0
READERS = ("calamine", "ours", "pandas_calamine", "openpyxl")
LABELS = {
    "calamine": "calamine alone (to Python lists)",
    "ours": "Caseload Reporter import_file",
    "pandas_calamine": 'pandas.read_excel(engine="calamine")',
    "openpyxl": 'pandas.read_excel(engine="openpyxl")',
}


# --- the readers -----------------------------------------------------------------------------


def read_calamine(path: Path) -> int:
    from python_calamine import CalamineWorkbook

    with path.open("rb") as handle:
        book = CalamineWorkbook.from_filelike(handle)
    rows = book.get_sheet_by_name("Caseloads").to_python(skip_empty_area=False)
    return len(rows)


def read_ours(path: Path) -> int:
    from caseload_reporter.reading.importer import import_file

    result = import_file(path)
    if not result.ok:
        raise RuntimeError(result.error)
    return len(result.sheets[0].records)


def read_pandas(engine: str) -> Callable[[Path], int]:
    def read(path: Path) -> int:
        import pandas as pd

        return len(pd.read_excel(path, engine=engine, header=1))

    return read


RUN: dict[str, Callable[[Path], int]] = {
    "calamine": read_calamine,
    "ours": read_ours,
    "pandas_calamine": read_pandas("calamine"),
    "openpyxl": read_pandas("openpyxl"),
}


def _import_everything() -> None:
    """Load every module any reader needs, so no timing or memory figure includes an import."""
    import openpyxl  # noqa: F401
    import pandas  # noqa: F401
    import python_calamine  # noqa: F401

    import caseload_reporter.reading.importer  # noqa: F401


# --- timing ----------------------------------------------------------------------------------


def time_readers(path: Path, readers: list[str], repeat: int) -> dict[str, list[float]]:
    """Wall times per reader, the readers taking turns round by round (openpyxl only in the first)."""
    times: dict[str, list[float]] = {name: [] for name in readers}
    for round_number in range(repeat):
        for name in readers:
            if name == "openpyxl" and round_number > 0:
                continue
            gc.collect()
            start = time.perf_counter()
            RUN[name](path)
            times[name].append(time.perf_counter() - start)
    return times


def time_our_stages(path: Path, repeat: int) -> dict[str, float]:
    """Where our time goes: reading the file (safety checks and calamine) and understanding it.

    The safety pre-scan of the sheet XML is also timed on its own, since it runs before calamine
    and is most of the gap between reading with calamine and reading with calamine alone.
    """
    from caseload_reporter.reading.grid import read_workbook
    from caseload_reporter.reading.sheet_import import import_sheet
    from caseload_reporter.reading.xlsx_sheet_scan import scan_xlsx_sheets
    from caseload_reporter.reading.zip_package_checks import open_zip

    best = {"read_workbook": float("inf"), "import_sheet": float("inf"), "pre_scan": float("inf")}
    data = path.read_bytes()
    for _ in range(repeat):
        gc.collect()
        start = time.perf_counter()
        book = read_workbook(path)
        middle = time.perf_counter()
        for grid in book.grids:
            import_sheet(grid, path.name)
        end = time.perf_counter()
        best["read_workbook"] = min(best["read_workbook"], middle - start)
        best["import_sheet"] = min(best["import_sheet"], end - middle)
        del book
        try:
            start = time.perf_counter()
            scan_xlsx_sheets(open_zip(data, path.name), path.name)
            best["pre_scan"] = min(best["pre_scan"], time.perf_counter() - start)
        except (AttributeError, TypeError):  # the safety module changed shape: leave this figure out
            best.pop("pre_scan", None)
    return best


# --- memory, in a fresh process per reader ---------------------------------------------------


def measure_memory(name: str, path: Path) -> dict[str, float | None]:
    """Run in the child: the RSS rise over one run, then tracemalloc's peak over a second."""
    import tracemalloc

    _import_everything()
    gc.collect()
    rss = _rss_rise(lambda: RUN[name](path))
    gc.collect()
    tracemalloc.start()
    RUN[name](path)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return {"rss": rss, "python": peak}


def _rss_rise(work: Callable[[], object]) -> float | None:
    """Peak resident set size during ``work`` minus the resident set size before it, in bytes.

    On Linux from /proc (VmHWM, reset first), because ru_maxrss in a child started by
    subprocess can start at the parent's peak; elsewhere from ru_maxrss; None on Windows.
    """
    status = Path("/proc/self/status")
    if status.exists():
        try:
            Path("/proc/self/clear_refs").write_text("5")  # resets VmHWM to the current RSS
            before = _proc_kb(status, "VmRSS")
        except OSError:  # an old kernel: the rise above the peak so far, then
            before = _proc_kb(status, "VmHWM")
        work()
        return (_proc_kb(status, "VmHWM") - before) * 1024
    try:
        import resource
    except ImportError:  # Windows
        work()
        return None
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    work()
    after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return (after - before) * (1 if sys.platform == "darwin" else 1024)  # macOS reports bytes


def _proc_kb(status: Path, key: str) -> int:
    for line in status.read_text().splitlines():
        if line.startswith(key + ":"):
            return int(line.split()[1])
    raise RuntimeError(f"{key} not in {status}")


def memory_in_subprocess(name: str, path: Path) -> dict[str, float | None]:
    done = subprocess.run(
        [sys.executable, __file__, "--memory-child", name, str(path)], capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        raise RuntimeError(f"memory run of {name} failed:\n{done.stderr}")
    return json.loads(done.stdout.strip().splitlines()[-1])


# --- the table -------------------------------------------------------------------------------


def _mb(value: float | None) -> str:
    return "n/a" if value is None else f"{value / 2**20:,.0f} MB"


def print_table(
    path: Path, rows: int, times: dict[str, list[float]], memory: dict[str, dict], stages: dict[str, float]
) -> dict[str, float]:
    best = {name: min(values) for name, values in times.items()}
    print(f"\nBenchmark workbook: {path} ({path.stat().st_size / 2**20:.1f} MB)")
    print(f"  {rows:,} data rows x {len(HEADER)} columns, long layout (one row per worker per week)")
    print(f"  Python {sys.version.split()[0]}, {os.cpu_count()} CPUs\n")
    header = (
        f"{'Reader':<40} {'best time':>10} {'runs':>5} {'vs calamine':>12} {'peak RSS rise':>14} {'Python peak':>12}"
    )
    print(header)
    print("-" * len(header))
    for name in READERS:
        if name not in best:
            continue
        mem = memory.get(name, {})
        print(
            f"{LABELS[name]:<40} {best[name]:>9.3f}s {len(times[name]):>5} {best[name] / best['calamine']:>11.2f}x "
            f"{_mb(mem.get('rss')):>14} {_mb(mem.get('python')):>12}"
        )
    print()
    ratios = {"ours_vs_calamine": best["ours"] / best["calamine"]}
    verdict = "meets" if ratios["ours_vs_calamine"] <= TARGET_VS_CALAMINE else "MISSES"
    print(
        f"Caseload Reporter / calamine alone:    {ratios['ours_vs_calamine']:5.2f}x   "
        f"(target <= {TARGET_VS_CALAMINE}x: {verdict})"
    )
    if "openpyxl" in best:
        ratios["openpyxl_vs_ours"] = best["openpyxl"] / best["ours"]
        verdict = "meets" if ratios["openpyxl_vs_ours"] >= TARGET_VS_OPENPYXL else "MISSES"
        print(
            f"pandas+openpyxl / Caseload Reporter:  {ratios['openpyxl_vs_ours']:6.1f}x   "
            f"(target >= {TARGET_VS_OPENPYXL:g}x: {verdict})"
        )
    if stages:
        print("\nCaseload Reporter, best of each stage:")
        print(f"  read_workbook (safety checks + calamine): {stages['read_workbook']:.3f}s")
        if "pre_scan" in stages:
            print(f"    of which the sheet XML pre-scan:        {stages['pre_scan']:.3f}s (scan_xlsx_sheets)")
        print(f"  import_sheet (find table, parse, build):  {stages['import_sheet']:.3f}s")
    print(
        "\nTimes: wall clock, best of the runs, all in this process with the readers taking turns.\n"
        "Peak RSS rise: peak resident set size during one run in a fresh process, less the size\n"
        "after the imports (all memory, calamine's Rust buffers included). Python peak: tracemalloc\n"
        "over a second run in that process (Python and numpy allocations only)."
    )
    return ratios


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=200_000, help="data rows in the workbook (default 200,000)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per reader; the best counts (default 3)")
    parser.add_argument("--skip-openpyxl", action="store_true", help="leave out pandas with openpyxl (slow)")
    parser.add_argument("--skip-memory", action="store_true", help="leave out the memory subprocesses")
    parser.add_argument("--memory-child", nargs=2, metavar=("READER", "PATH"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.memory_child:
        name, path = args.memory_child
        print(json.dumps(measure_memory(name, Path(path))))
        return 0

    print(f"Preparing the {args.rows:,}-row workbook (cached after the first run)...", flush=True)
    path = benchmark_workbook(args.rows)
    _import_everything()
    readers = [r for r in READERS if not (r == "openpyxl" and args.skip_openpyxl)]
    RUN["calamine"](path)  # warm the file cache and first-call paths
    RUN["ours"](path)
    print("Timing (openpyxl alone takes a minute or more at 200,000 rows)...", flush=True)
    times = time_readers(path, readers, args.repeat)
    stages = time_our_stages(path, args.repeat)
    memory: dict[str, dict] = {}
    if not args.skip_memory:
        print("Measuring peak memory, one fresh process per reader...", flush=True)
        for name in readers:
            memory[name] = memory_in_subprocess(name, path)
    print_table(path, args.rows, times, memory, stages)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
