"""The content has a say: headings proposed, contents confirm or question, and nothing is left out in silence.

Each case is a small sheet an officer might keep, written by openpyxl, xlsxwriter or as a CSV file,
and read by the real importer. What each kind of sheet gets is said here: the doubt that marks it
for a check, the columns listed as unused, and what ``inspect --json`` prints.
"""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import pytest

from caseload_reporter.reading.column_roles import column_index, column_letter, confirmed_by_content, profile_column
from caseload_reporter.reading.fields import rank_fields
from caseload_reporter.reading.importer import import_file
from caseload_reporter.reading.sheet_result import SheetResult
from generators.council_shapes import write_csv_cp1252, write_openpyxl, write_xlsxwriter

WRITERS = {"openpyxl": write_openpyxl, "xlsxwriter": write_xlsxwriter}
TODAY = dt.date(2026, 12, 1)


def workers_grid(extra_header: str | None = None, extra: list[object] | None = None, fte: list[object] | None = None):
    """Five workers in two teams for March 2022, with an optional extra column."""
    header = ["Team", "Social worker", "FTE", "Caseload", "Month"]
    ftes = fte or [1.0, 0.8, 1.0, 0.5, 1.0]
    rows = [
        ["Assessment Team 1", "Ann", ftes[0], 20, "Mar-22"],
        ["Assessment Team 1", "Bob", ftes[1], 18, "Mar-22"],
        ["Children in Care Team", "Cat", ftes[2], 15, "Mar-22"],
        ["Children in Care Team", "Dan", ftes[3], 9, "Mar-22"],
        ["Children in Care Team", "Eve", ftes[4], 17, "Mar-22"],
    ]
    if extra_header is not None:
        header.append(extra_header)
        for row, value in zip(rows, extra or [], strict=True):
            row.append(value)
    return [header, *rows]


def read(grid: list[list[object]], path: Path, writer: str = "openpyxl") -> SheetResult:
    result = import_file(WRITERS[writer](grid, path), today=TODAY)
    assert result.ok, result.error
    (sheet,) = result.sheets
    return sheet


@pytest.mark.parametrize("writer", WRITERS)
def test_a_clean_worker_sheet_is_understood_without_guessing(writer: str, tmp_path: Path) -> None:
    sheet = read(workers_grid(), tmp_path / "clean.xlsx", writer)
    assert sheet.status == "understood" and not sheet.doubts and not sheet.unused


@pytest.mark.parametrize("writer", WRITERS)
def test_an_unknown_column_of_figures_is_listed_and_asks_for_a_check(writer: str, tmp_path: Path) -> None:
    sheet = read(workers_grid("Zeta", [3, 4, 2, 5, 1]), tmp_path / "zeta.xlsx", writer)
    assert sheet.status == "check"
    (unused,) = sheet.unused
    assert (unused.column, unused.header, unused.kind) == ("F", "Zeta", "numbers")
    assert any("'Zeta' (column F, figures) was not used" in d for d in sheet.doubts)


def test_a_column_the_app_does_not_import_on_purpose_is_listed_with_why(tmp_path: Path) -> None:
    sheet = read(workers_grid("Target", [18, 18, 18, 18, 18]), tmp_path / "target.xlsx")
    (unused,) = sheet.unused
    assert unused.header == "Target" and "target" in unused.note and "Settings" in unused.note
    assert sheet.status == "understood_with_unused" and not sheet.doubts


@pytest.mark.parametrize(
    ("heading", "cells", "field"),
    [
        ("Social workers", ["Ann", "Bob", "Cat"], "worker"),
        ("Social workers", [4, 6, 3], "workers"),
        ("Team / service", ["Assessment Team 1", "Assessment Team 2", "Children in Care Team"], "team"),
        ("Team / service", ["Assessment", "Children in care", "Leaving care"], "team_type"),
    ],
)
def test_the_content_settles_a_heading_with_two_readings(heading: str, cells: list, field: str) -> None:
    ranked = rank_fields(heading)
    assert len(ranked) >= 2 and ranked[0].confidence < 1.0  # the heading alone cannot tell
    settled = confirmed_by_content(ranked, profile_column(cells))
    assert (settled[0].field, settled[0].confidence) == (field, 1.0)


def test_an_unused_text_column_is_listed_without_a_check(tmp_path: Path) -> None:
    sheet = read(workers_grid("Comments", ["ok", "", "new", "", "ok"]), tmp_path / "comments.xlsx")
    assert [(u.header, u.kind) for u in sheet.unused] == [("Comments", "text")]
    assert sheet.status == "understood_with_unused" and not sheet.doubts


def test_hours_under_an_fte_heading_are_questioned(tmp_path: Path) -> None:
    sheet = read(workers_grid(fte=[37, 30, 37, 18.5, 22.5]), tmp_path / "hours.xlsx")
    assert sheet.status == "check"
    assert any("too large for one worker's FTE" in d and "hours" in d for d in sheet.doubts), sheet.doubts


def test_fractions_under_a_caseload_heading_are_questioned(tmp_path: Path) -> None:
    grid = [["Team", "Social worker", "Caseload", "Month"]]
    grid += [["Assessment Team 1", name, fte, "Mar-22"] for name, fte in [("Ann", 1.0), ("Bob", 0.8), ("Cat", 0.5)]]
    sheet = read(grid, tmp_path / "fractions.xlsx")
    assert any("look like FTE" in d for d in sheet.doubts), sheet.doubts


def test_text_under_a_figures_heading_is_not_used_and_says_why(tmp_path: Path) -> None:
    grid = workers_grid(fte=["Full time", "Part time", "Full time", "Part time", "Full time"])
    sheet = read(grid, tmp_path / "words.xlsx")
    assert "fte" not in sheet.mapping
    assert any("'FTE' reads as the fte but holds text" in d for d in sheet.doubts), sheet.doubts
    assert [(u.header, u.kind) for u in sheet.unused] == [("FTE", "text")]


def test_a_plausible_fte_column_is_offered_when_no_fte_was_recognised(tmp_path: Path) -> None:
    grid = workers_grid()
    grid[0][2] = "Xq"  # a heading nobody could read, over figures that look like FTE
    sheet = read(grid, tmp_path / "no fte.xlsx")
    assert "fte" not in sheet.mapping and sheet.status == "check"
    assert any("no FTE column was recognised, but 'Xq' (column C, figures) could be FTE" in d for d in sheet.doubts)


def test_two_columns_claiming_one_field_ask_which(tmp_path: Path) -> None:
    sheet = read(workers_grid("Caseload", [19, 18, 15, 9, 17]), tmp_path / "two caseloads.xlsx")
    assert sheet.status == "check"
    assert any("both 'Caseload' and 'Caseload' could be the caseload" in d for d in sheet.doubts), sheet.doubts


def test_a_windows_csv_lists_its_unused_columns_too(tmp_path: Path) -> None:
    grid = workers_grid("Bonus points", [1, 2, 3, 4, 5])
    result = import_file(write_csv_cp1252(grid, tmp_path / "points.csv"), today=TODAY)
    (sheet,) = result.sheets
    assert [(u.column, u.header) for u in sheet.unused] == [("F", "Bonus points")]


def test_inspect_json_lists_unused_columns_status_and_doubts(tmp_path: Path) -> None:
    path = write_xlsxwriter(workers_grid("Zeta", [3, 4, 2, 5, 1]), tmp_path / "zeta.xlsx")
    run = subprocess.run(
        [sys.executable, "-m", "caseload_reporter", "inspect", "--json", str(path)], capture_output=True, text=True
    )
    assert run.returncode == 0, run.stderr
    (sheet,) = json.loads(run.stdout)["files"][0]["sheets"]
    assert sheet["status"] == "check"
    assert sheet["unused"] == [{"column": "F", "header": "Zeta", "kind": "numbers", "note": ""}]
    assert any("not used" in d for d in sheet["doubts"])
    text = subprocess.run(
        [sys.executable, "-m", "caseload_reporter", "inspect", str(path)], capture_output=True, text=True
    )
    assert "not used: 'Zeta' (column F, figures)" in text.stdout


def test_a_units_sheet_with_dates_reads_as_units_per_district(tmp_path: Path) -> None:
    grid = [["District", "Units", "Date"]]
    grid += [[d, u, dt.date(2017, 3, 31)] for d, u in [("North", 5), ("South", 4), ("East", 6)]]
    sheet = read(grid, tmp_path / "units.xlsx", "xlsxwriter")
    assert sheet.layout == "establishment" and not sheet.rejected
    assert sheet.establishment["units"].tolist() == [5, 4, 6]
    assert sheet.establishment["period"].dt.date.tolist() == [dt.date(2017, 3, 31)] * 3


def test_team_rows_with_units_give_cases_and_units(tmp_path: Path) -> None:
    grid = [["District", "Team", "Units", "Cases", "Month"]]
    grid += [["North", "Assessment Team 1", 2, 110, "Mar-22"], ["South", "Children in Care Team", 3, 170, "Mar-22"]]
    sheet = read(grid, tmp_path / "team units.xlsx")
    assert sheet.layout == "long_team"
    assert sheet.records["caseload"].tolist() == [110, 170]
    assert sheet.establishment["units"].tolist() == [2, 3]
    assert not sheet.unused


@pytest.mark.parametrize(
    ("cells", "kind"),
    [
        ([1, 2.5, "3", None, "N/A"], "numbers"),
        ([dt.date(2022, 3, 1), "Apr-22", "May 2022"], "periods"),
        (["Yes", "No", "no"], "flags"),
        (["12 - 20", "9 to 14"], "ranges"),
        (["Ann", "Bob", 3], "text"),
        ([None, "", "  "], "empty"),
    ],
)
def test_a_column_profile_says_what_it_holds(cells: list[object], kind: str) -> None:
    assert profile_column(cells).kind == kind


@pytest.mark.parametrize("index", [0, 1, 25, 26, 27, 701, 702, 16383])
def test_column_letters_round_trip(index: int) -> None:
    assert column_index(column_letter(index)) == index
    assert column_letter(25) == "Z" and column_letter(26) == "AA"
