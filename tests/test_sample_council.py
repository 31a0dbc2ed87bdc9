"""Tests for the built-in sample council workbook and the generator that writes it.

The sample is the first thing a new user sees, so these tests check that the committed file is
exactly what the generator produces and that it still tells the stories it was designed to tell
(assessment creep, a consistently busy district, a recruitment gap), computed from the data.
"""

from __future__ import annotations

import importlib.util
import statistics
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from types import ModuleType

import pytest
from openpyxl import Workbook, load_workbook

REPO_ROOT = Path(__file__).resolve().parents[1]
GENERATOR_PATH = REPO_ROOT / "tests" / "generators" / "sample_council.py"
SAMPLE_PATH = REPO_ROOT / "resources" / "sample" / "sample_council_caseloads.xlsx"

SHEETS = ("Caseloads", "Service measures", "Teams")
CASELOAD_HEADERS = (
    "Week commencing",
    "District",
    "Team",
    "Team type",
    "Social worker",
    "FTE",
    "Agency",
    "Caseload",
)
TEAM_TYPES = {
    "Assessment",
    "Children's",
    "Adolescent",
    "Children in care",
    "Unaccompanied asylum-seeking children",
    "Leaving care",
    "Disabled children",
}
BUSIEST_DISTRICT = "Brackenford"
GAP_DISTRICT = "Coldharbour"
GAP_MONTHS = [(2025, m) for m in range(6, 13)] + [(2026, 1)]  # June 2025 to January 2026


def _load_generator() -> ModuleType:
    """Import the generator from its path: tests/ is deliberately not a package."""
    spec = importlib.util.spec_from_file_location("sample_council_generator", GENERATOR_PATH)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up here
    spec.loader.exec_module(module)
    return module


generator = _load_generator()


@dataclass(frozen=True)
class Row:
    """One worker in one week, as read from the Caseloads sheet."""

    week: datetime
    district: str
    team: str
    team_type: str
    worker: str
    fte: float
    agency: str
    caseload: int


def _sheet_values(wb: Workbook) -> dict[str, list[tuple[object, ...]]]:
    """Every cell value of every sheet, for exact comparison."""
    return {ws.title: list(ws.iter_rows(values_only=True)) for ws in wb.worksheets}


def _per_fte(rows: list[Row]) -> float:
    """Cases per FTE across a set of rows (total caseload over total FTE)."""
    return sum(r.caseload for r in rows) / sum(r.fte for r in rows)


def _month(row: Row) -> tuple[int, int]:
    """Calendar month of the row's week commencing date."""
    return (row.week.year, row.week.month)


@pytest.fixture(scope="module")
def caseload_rows() -> list[Row]:
    """Data rows of the committed workbook, read the way a user's file would be."""
    wb = load_workbook(SAMPLE_PATH, read_only=True)
    try:
        rows = list(wb["Caseloads"].iter_rows(values_only=True))
    finally:
        wb.close()
    header_index = rows.index(CASELOAD_HEADERS)
    data: list[Row] = []
    for values_row in rows[header_index + 1 :]:
        if values_row[0] is None:
            break
        data.append(Row(*values_row))
    return data


@pytest.mark.slow
def test_generator_is_reproducible_and_matches_committed_file() -> None:
    first = _sheet_values(generator.build_workbook())
    second = _sheet_values(generator.build_workbook())
    assert first == second
    committed_wb = load_workbook(SAMPLE_PATH, read_only=True)
    try:
        committed = _sheet_values(committed_wb)
    finally:
        committed_wb.close()
    assert list(committed) == list(SHEETS)
    assert committed == first, "re-run tests/generators/sample_council.py and commit the result"


def test_structure(caseload_rows: list[Row]) -> None:
    assert len({r.district for r in caseload_rows}) == 5
    assert 28 <= len({r.team for r in caseload_rows}) <= 32
    assert {r.team_type for r in caseload_rows} == TEAM_TYPES
    weeks = {r.week for r in caseload_rows}
    assert len(weeks) == 104
    assert all(isinstance(w, datetime) and w.weekday() == 0 for w in weeks)
    per_week = Counter(r.week for r in caseload_rows)
    assert all(200 <= n <= 240 for n in per_week.values()), per_week
    names_per_week = Counter((r.week, r.worker) for r in caseload_rows)
    assert max(names_per_week.values()) == 1
    assert all(isinstance(r.caseload, int) and r.caseload >= 0 for r in caseload_rows)
    assert {r.agency for r in caseload_rows} == {"Yes", "No"}


def test_assessment_caseloads_creep_up(caseload_rows: list[Row]) -> None:
    weeks = sorted({r.week for r in caseload_rows})
    assessment = [r for r in caseload_rows if r.team_type == "Assessment"]
    first_weeks, last_weeks = set(weeks[:8]), set(weeks[-8:])
    first = _per_fte([r for r in assessment if r.week in first_weeks])
    last = _per_fte([r for r in assessment if r.week in last_weeks])
    assert last - first >= 2, (first, last)


def test_busiest_district_is_consistently_higher(caseload_rows: list[Row]) -> None:
    by_district: dict[str, list[Row]] = defaultdict(list)
    for r in caseload_rows:
        by_district[r.district].append(r)
    busiest = _per_fte(by_district.pop(BUSIEST_DISTRICT))
    for district, rows in by_district.items():
        assert busiest - _per_fte(rows) >= 1.5, (district, busiest, _per_fte(rows))


def test_recruitment_gap_dips_and_recovers(caseload_rows: list[Row]) -> None:
    weekly_fte: dict[datetime, float] = defaultdict(float)
    for r in caseload_rows:
        if r.district == GAP_DISTRICT:
            weekly_fte[r.week] += r.fte
    monthly: dict[tuple[int, int], list[float]] = defaultdict(list)
    for week, fte in weekly_fte.items():
        monthly[(week.year, week.month)].append(fte)
    months = sorted(monthly)
    baseline = statistics.fmean(monthly[months[0]] + monthly[months[1]])
    lowest = min(statistics.fmean(monthly[m]) for m in GAP_MONTHS)
    assert lowest <= 0.85 * baseline, (baseline, lowest)
    recovered = statistics.fmean(monthly[months[-2]] + monthly[months[-1]])
    assert recovered >= 0.9 * baseline, (baseline, recovered)


def test_service_measures_agree_with_worker_data(caseload_rows: list[Row]) -> None:
    wb = load_workbook(SAMPLE_PATH, read_only=True)
    try:
        measures = list(wb["Service measures"].iter_rows(values_only=True))
        teams = list(wb["Teams"].iter_rows(values_only=True))
    finally:
        wb.close()
    header = measures[2]
    assert header[0] == "Measure"
    months = list(header[1:])
    assert len(months) == 24 and all(isinstance(m, datetime) and m.day == 1 for m in months)
    by_label = {row[0]: row[1:] for row in measures[3:] if row[0] and row[1] is not None}

    established = sum(row[3] for row in teams[3:] if row[0] is not None)
    team_names = {row[1] for row in teams[3:] if row[0] is not None}
    assert team_names == {r.team for r in caseload_rows}

    by_month: dict[tuple[int, int], dict[datetime, list[Row]]] = defaultdict(lambda: defaultdict(list))
    for r in caseload_rows:
        by_month[_month(r)][r.week].append(r)
    for column, month in enumerate(months):
        weeks = by_month[(month.year, month.month)].values()
        agency = statistics.fmean(sum(r.fte for r in w if r.agency == "Yes") for w in weeks)
        in_post = statistics.fmean(sum(r.fte for r in w) for w in weeks)
        assert by_label["Agency social workers (FTE)"][column] == pytest.approx(agency, abs=0.051)
        vacancies = max(0.0, established - in_post)
        assert by_label["Social worker vacancies (FTE)"][column] == pytest.approx(vacancies, abs=0.051)
        assert 0 <= by_label["Unallocated cases"][column] <= 25
