"""The importer on files as officers keep them, written by two different spreadsheet writers.

openpyxl writes inline strings and xlsxwriter shared strings, so each exercises a different
path through the reader; CSV is tested in the encodings Excel produces on Windows.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest
import xlsxwriter

from caseload_reporter.reading.importer import import_file

TITLE = "Children's social work caseloads – March 2022"
HEADER = ["Week commencing", "Locality", "Team", "Social worker", "FTE", "Agency", "Allocated children"]
WEEKS = [dt.date(2022, 3, 7), dt.date(2022, 3, 14)]
WORKERS = [
    ("North", "Assessment Team 1", "Worker A", 1.0, "No", 21),
    ("North", "Assessment Team 1", "Worker B", 0.5, "Yes", 9),
    ("South", "Leaving Care Team", "Worker C", 1.0, "No", 20),
]
NOTE = "Note: caseloads counted at 9am on the Monday of each week."


def data_rows() -> list[list[object]]:
    return [[week, *worker[:5], worker[5] + i] for i, week in enumerate(WEEKS) for worker in WORKERS]


def write_openpyxl(path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Caseloads"
    sheet.append([TITLE])
    sheet.merge_cells("A1:G1")
    sheet.append([])
    sheet.append(HEADER)
    for row in data_rows():
        sheet.append(row)
    sheet.append([])
    sheet.append([NOTE])
    book.save(path)


def write_xlsxwriter(path: Path) -> None:
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("Caseloads")
    dates = book.add_format({"num_format": "dd/mm/yyyy"})
    sheet.merge_range("A1:G1", TITLE)
    sheet.write_row(2, 0, HEADER)
    for r, row in enumerate(data_rows(), start=3):
        sheet.write_datetime(r, 0, dt.datetime.combine(row[0], dt.time()), dates)
        sheet.write_row(r, 1, row[1:])
    sheet.write(3 + len(data_rows()) + 1, 0, NOTE)
    book.close()


@pytest.mark.parametrize("writer", [write_openpyxl, write_xlsxwriter], ids=["openpyxl", "xlsxwriter"])
def test_title_rows_merged_title_and_notes(tmp_path: Path, writer) -> None:
    path = tmp_path / "caseloads.xlsx"
    writer(path)
    result = import_file(path)
    assert result.ok, result.error
    (sheet,) = result.sheets
    assert sheet.layout == "long"
    assert sheet.header_rows == [3]
    assert sheet.mapping["district"] == "Locality"
    assert sheet.mapping["caseload"] == "Allocated children"
    assert [p.iso() for p in sheet.periods()] == ["2022-03-07", "2022-03-14"]
    frame = sheet.records
    assert len(frame) == len(data_rows())
    assert sheet.rejected == []
    assert list(frame["caseload"]) == [float(r[-1]) for r in data_rows()]
    assert list(frame["team_type"].unique()) == ["assessment", "leaving_care"]
    assert frame["agency"].tolist() == [False, True, False] * 2
    assert sheet.notes and sheet.notes[0][1] == NOTE


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-8", "cp1252", "utf-16"])
def test_csv_in_the_encodings_excel_writes(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "caseloads.csv"
    lines = [TITLE, "", ",".join(HEADER)]
    lines += [",".join([w.strftime("%d/%m/%Y"), *map(str, rest)]) for w, *rest in data_rows()]
    path.write_text("\r\n".join(lines) + "\r\n", encoding=encoding)
    result = import_file(path)
    assert result.ok, result.error
    assert result.encoding is not None
    (sheet,) = result.sheets
    assert [p.iso() for p in sheet.periods()] == ["2022-03-07", "2022-03-14"]  # day first
    assert len(sheet.records) == len(data_rows())
    assert sheet.region is not None and "–" in sheet.region.title_rows[0]  # the en dash survived


def test_bad_rows_are_listed_and_good_rows_beside_them_kept(tmp_path: Path) -> None:
    path = tmp_path / "messy.csv"
    rows = [
        "Month,Team,Practitioner,FTE,No. of cases",
        "Mar-22,Assessment Team 1,Worker A,1,21",
        "Mar-22,Assessment Team 1,Worker B,0,12",
        "Mar-22,Assessment Team 1,Worker C,1,lots",
        "Mar-22,Assessment Team 1,Worker A,1,19",
        "Mar-99,Assessment Team 1,Worker D,1,5",
        "Smarch,Assessment Team 1,Worker E,1,5",
        "Mar-22,Assessment Team 1,Worker F,1,N/A",
        "Total,,,,57",
    ]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    result = import_file(path, today=dt.date(2026, 11, 23))
    (sheet,) = result.sheets
    reasons = {r.row: r.reason for r in sheet.rejected}
    assert reasons == {
        3: "FTE for one worker must be above 0 and at most 1.0",
        4: "caseload is not a number",
        5: "the same worker is already listed for this period at row 2",
        6: "period is in the future",
        7: "period could not be read as a date",
    }
    assert sorted(sheet.records["worker"]) == ["Worker A", "Worker F"]
    assert sheet.records.loc[sheet.records["worker"] == "Worker F", "caseload_missing"].item() == "N/A"
    # Every data row is either imported or listed: nothing lost, nothing invented.
    assert len(sheet.records) + len(sheet.rejected) == len(rows) - 2
    # The stated total (57) disagrees with the rows above it (21+12+19+5+5 valid numbers = 62).
    assert any("states a total of 57" in w for w in sheet.warnings)


def test_a_row_holding_only_a_space_after_the_data_does_not_stop_the_import(tmp_path: Path) -> None:
    path = tmp_path / "space.csv"
    path.write_text(
        "Month,Team,Social worker,Caseload\nMar-22,Assessment Team 1,A,5\nMar-22,Assessment Team 1,B,6\n ,,,\n"
    )
    result = import_file(path, today=dt.date(2026, 1, 1))
    assert result.ok and len(result.sheets[0].records) == 2


def test_a_total_row_checked_against_ragged_rows() -> None:
    """Hand-built grids may have rows of uneven length; the total check must not fall over them."""
    from caseload_reporter.reading.grid import Grid
    from caseload_reporter.reading.sheet_import import import_sheet

    rows: list[list[object]] = [
        ["Month", "Team", "Social worker", "Caseload"],
        ["Mar-22", "Assessment Team 1", "A", 5.0],
        ["Mar-22", "Assessment Team 1", "B"],
        ["Total", "", "", 9.0],
    ]
    result = import_sheet(Grid("ragged", rows), "ragged", today=dt.date(2026, 1, 1))
    assert any("states a total of 9" in w for w in result.warnings)
