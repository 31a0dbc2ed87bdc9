"""Several files (one per month) combine into one series; a period imported twice is never double-counted."""

from __future__ import annotations

from pathlib import Path

import pytest

from caseload_reporter.reading.dataset import Dataset
from caseload_reporter.reading.importer import import_file


def month_file(folder: Path, month: str, caseloads: tuple[int, int], name: str | None = None) -> Path:
    path = folder / (name or f"caseloads {month}.csv")
    lines = [
        f"Caseloads at {month}",
        "Team,Social worker,FTE,Caseload",
        f"Assessment Team 1,Worker A,1,{caseloads[0]}",
        f"Assessment Team 1,Worker B,1,{caseloads[1]}",
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def never(*_args: object) -> bool:
    raise AssertionError("no overlap was expected, so nobody should have been asked")


def test_monthly_files_combine_into_one_series(tmp_path: Path) -> None:
    results = [import_file(month_file(tmp_path, m, (20 + i, 10 + i))) for i, m in enumerate(["Jan 2022", "Feb 2022"])]
    combined = Dataset().add_results(results, decide=never)
    assert [p.iso() for p in combined.periods()] == ["2022-01", "2022-02"]
    assert combined.caseloads.groupby("period")["caseload"].sum().tolist() == [30.0, 32.0]
    assert len(combined.files) == 2


@pytest.mark.parametrize(("replace", "expected"), [(True, [50.0, 32.0]), (False, [30.0, 32.0])])
def test_importing_a_period_again_asks_and_never_double_counts(tmp_path: Path, replace: bool, expected) -> None:
    first = [import_file(month_file(tmp_path, m, (20 + i, 10 + i))) for i, m in enumerate(["Jan 2022", "Feb 2022"])]
    data = Dataset().add_results(first, decide=never)
    corrected = import_file(month_file(tmp_path, "Jan 2022", (30, 20), name="january corrected.csv"))
    asked: list[list[str]] = []

    def decide(periods, result) -> bool:
        asked.append([p.iso() for p in periods])
        assert result.path.name == "january corrected.csv"
        return replace

    again = data.add_results([corrected], decide=decide)
    assert asked == [["2022-01"]]
    totals = again.caseloads.groupby("period")["caseload"].sum().tolist()
    assert totals == expected
    assert len(again.caseloads) == 4  # two workers, two months: never four workers in January


def test_a_failed_file_adds_nothing_and_asks_nothing(tmp_path: Path) -> None:
    good = import_file(month_file(tmp_path, "Jan 2022", (20, 10)))
    bad_path = tmp_path / "bad.xlsx"
    bad_path.write_bytes(b"")
    bad = import_file(bad_path)
    data = Dataset().add_results([good, bad], decide=never)
    assert len(data.caseloads) == 2
    assert [f.ok for f in data.files] == [True, False]
