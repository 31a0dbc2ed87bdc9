"""The council against England, its region and its neighbours, on the real published files."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path
from statistics import mean

import pytest

from caseload_reporter.analysis.benchmarking import CouncilNotFound, benchmark, find_council
from caseload_reporter.reading.published_statistics import read_statistical_neighbours, read_workforce_indicators

SHARED = Path(__file__).resolve().parents[3] / "shared" / "benchmarks"
INDICATORS = SHARED / "csww_indicators_2017_to_2025.csv"
NEIGHBOURS = SHARED / "sn_model_2025_wide.csv"
pytestmark = pytest.mark.skipif(not INDICATORS.exists(), reason=f"the published files are not at {SHARED}")


@pytest.fixture(scope="module")
def stats():
    return read_workforce_indicators(INDICATORS)


def raw_rows() -> list[dict[str, str]]:
    with INDICATORS.open(encoding="utf-8-sig") as handle:
        return list(csv.DictReader(handle))


def test_a_council_is_found_by_name_old_code_or_either_new_code(stats) -> None:
    assert {find_council(stats, n) for n in ("Barnsley", "barnsley", "370", "E08000016", "E08000038")} == {"370"}
    with pytest.raises(CouncilNotFound, match="several councils"):
        find_council(stats, "North")
    with pytest.raises(CouncilNotFound, match="No council"):
        find_council(stats, "Wenmoor")


def test_barnsley_2018_against_england_region_and_neighbours(stats) -> None:
    report = benchmark(stats, "370", 2018, read_statistical_neighbours(NEIGHBOURS))
    caseload = report["measures"]["caseload_fte"]
    rows = raw_rows()
    own = next(r for r in rows if r["time_period"] == "2018" and r["old_la_code"] == "370")
    england = next(r for r in rows if r["time_period"] == "2018" and r["geographic_level"] == "National")
    region = next(
        r for r in rows
        if r["time_period"] == "2018" and r["geographic_level"] == "Regional" and r["region_name"] == own["region_name"]
    )  # fmt: skip
    assert caseload["council"] == float(own["caseload_fte"]) and caseload["england"] == float(england["caseload_fte"])
    assert caseload["region"] == float(region["caseload_fte"])
    assert caseload["regional_rank"] == "4th highest of 15 in Yorkshire and The Humber"  # as the cabinet paper says
    # The neighbours' mean, counted independently from the raw rows (figures only, markers left out).
    with NEIGHBOURS.open(encoding="utf-8-sig") as handle:
        sn = next(r for r in csv.DictReader(handle) if r["old_la_code"] == "370")
    codes = {sn[f"SN_{i}"] for i in range(1, 11)}
    markers = ("c", "x", "z", "low", "u")
    figures = [
        float(r["caseload_fte"])
        for r in rows
        if r["time_period"] == "2018" and r["old_la_code"] in codes and r["caseload_fte"] not in markers
    ]
    assert caseload["neighbours_average"] == round(mean(figures), 1)
    assert caseload["neighbours_with_figures"] == len(figures)


def test_one_series_across_the_change_of_code(stats) -> None:
    report = benchmark(stats, "370")
    assert report["year"] == 2025 and report["council"]["new_la_code"] == "E08000038"
    assert [p["year"] for p in report["caseload_series"]] == list(range(2017, 2026))
    assert report["caseload_series"][-1]["england"] == 15.2


def test_the_benchmark_command(tmp_path: Path) -> None:
    run = [sys.executable, "-m", "caseload_reporter", "benchmark", str(INDICATORS)]
    result = subprocess.run([*run, "--council", "Barnsley", "--year", "2018", "--json"], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["council"]["name"] == "Barnsley" and report["neighbours"] is None
    missing = subprocess.run([*run, "--council", "Wenmoor"], capture_output=True, text=True)
    assert missing.returncode == 2 and missing.stderr.count("\n") == 1 and "Traceback" not in missing.stderr
    bad = tmp_path / "not stats.csv"
    bad.write_text("a,b\n1,2\n")
    unreadable = subprocess.run(
        [sys.executable, "-m", "caseload_reporter", "benchmark", str(bad), "--council", "Barnsley"],
        capture_output=True, text=True,
    )  # fmt: skip
    assert (
        unreadable.returncode == 3 and "could not be read" in unreadable.stderr and "Traceback" not in unreadable.stderr
    )
