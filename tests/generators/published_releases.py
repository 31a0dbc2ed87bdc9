"""Other releases of the Department for Education's workforce statistics, made from the shipped one.

The app ships the 2017 to 2025 release; an officer may open an older download (which must not replace
it) or a newer one (which must). These write such files with the published columns and markers, from
the shipped file's rows:

    python tests/generators/published_releases.py --older 2023 --out old.csv
    python tests/generators/published_releases.py --newer 2026 --out new.csv
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import io
from pathlib import Path

SHIPPED = Path(__file__).resolve().parents[2] / "resources" / "benchmarks" / "csww_indicators_2017_to_2025.csv"


def _rows() -> tuple[list[str], list[list[str]]]:
    with SHIPPED.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    return rows[0], rows[1:]


def _write(path: Path, header: list[str], rows: list[list[str]]) -> Path:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows([header, *rows])
    path.write_text(buffer.getvalue(), encoding="utf-8")
    return path


def older_release(path: Path, last_year: int) -> Path:
    """The release as it stood when ``last_year`` was the latest published year."""
    header, rows = _rows()
    return _write(path, header, [r for r in rows if int(r[0]) <= last_year])


def newer_release(path: Path, year: int, change: float = 1.0) -> Path:
    """A release with one more year: the latest year's rows again as ``year``, every caseload per FTE
    raised by ``change`` so that the new year's figures can be told apart."""
    header, rows = _rows()
    latest = max(int(r[0]) for r in rows)
    at = header.index("caseload_fte")
    added = []
    for row in rows:
        if int(row[0]) == latest:
            new = list(row)
            new[0] = str(year)
            with contextlib.suppress(ValueError):  # a suppression marker stays as it is
                new[at] = f"{float(row[at]) + change:.1f}"
            added.append(new)
    return _write(path, header, added + rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    group = parser.add_mutually_exclusive_group(required=True)
    group.add_argument("--older", type=int, metavar="LAST_YEAR")
    group.add_argument("--newer", type=int, metavar="YEAR")
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args(argv)
    print(older_release(args.out, args.older) if args.older else newer_release(args.out, args.newer))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
