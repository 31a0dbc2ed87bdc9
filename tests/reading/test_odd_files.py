"""Real files written by other programs, which other readers read, must be read here too or get one
sentence saying what to do, and never crash, hang or abort.

Every file is made by tests/generators/odd_files.py or legacy_files.py (byte-built layouts checked
against calamine here, and against xlrd and LibreOffice when they were written), or is a
LibreOffice copy committed under tests/fixtures/odd/. The protections of test_bad_files.py hold
for every new way in: a far cell in a package laid out another way is still refused.
"""

from __future__ import annotations

import json
import shutil
import struct
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import olefile
import pandas as pd
import pytest
import python_calamine

from caseload_reporter.reading.importer import FileResult, import_file
from caseload_reporter.reading.problems import (
    NotASpreadsheet,
    TooLarge,
    UnsafeFile,
    UnsupportedProtection,
)
from generators import import_fixtures as fx
from generators import legacy_files as legacy
from generators import odd_files as odd
from reading.test_bad_files import MEGABYTES, SECONDS, in_child_process, refused, refused_in_child

SPREADSHEETML = b"http://schemas.openxmlformats.org/spreadsheetml/2006/main"
EXPECTED = [("Assessment Team 1", 21.0), ("Leaving Care Team", 18.0), ("Children in Care Team", 16.0)]


def caseloads(path: Path) -> list[tuple[str, float]]:
    result = import_file(path)
    assert result.ok, result.error
    frame = pd_records(result)
    return sorted(zip(frame["team"], frame["caseload"], strict=True), key=lambda x: -x[1])


def pd_records(result: FileResult) -> pd.DataFrame:
    """A file's records as one frame."""

    return pd.concat([s.records for s in result.sheets if len(s.records)], ignore_index=True)


def calamine_rows(path: Path) -> list[list[object]]:
    with path.open("rb") as handle:
        return python_calamine.CalamineWorkbook.from_filelike(handle).get_sheet_by_index(0).to_python()


# --- merged ranges of any shape, at any edge ---------------------------------------------------


@pytest.mark.parametrize("shape", odd.MERGE_SHAPES)
def test_a_merged_range_of_any_shape_is_read(tmp_path: Path, shape: str) -> None:
    """A range below the last row used to raise IndexError in layout.py; none may, from any writer."""
    writers = [odd.merged_xlsx] + ([odd.merged_openpyxl, odd.merged_xlsxwriter] if shape in odd.SMALL_SHAPES else [])
    for write in writers:
        path = write(tmp_path / f"{write.__name__}.xlsx", [odd.MERGE_SHAPES[shape]])
        assert calamine_rows(path)[1][:3] == ["Assessment Team 1", "Mar-22", 21.0]  # calamine reads the file
        start = time.perf_counter()
        assert caseloads(path) == EXPECTED, write.__name__
        assert time.perf_counter() - start < SECONDS


def test_every_shape_at_once_and_a_thousand_overlapping_copies(tmp_path: Path) -> None:
    """Overlapping ranges (no sound file has them) cost no more than one pass over the sheet."""
    shapes = list(odd.MERGE_SHAPES.values()) * 1000
    path = odd.merged_xlsx(tmp_path / "caseloads.xlsx", shapes)
    start = time.perf_counter()
    assert caseloads(path) == EXPECTED
    assert time.perf_counter() - start < SECONDS


def test_a_team_merged_down_its_workers_still_fills_every_row(tmp_path: Path) -> None:
    rows = fx.row_xml(1, [("A", "Team"), ("B", "Month"), ("C", "Caseload")])
    rows += fx.row_xml(2, [("A", "Assessment Team 1"), ("B", "Mar-22"), ("C", 21)])
    rows += fx.row_xml(3, [("B", "Mar-22"), ("C", 18)])
    path = fx.minimal_xlsx(
        tmp_path / "caseloads.xlsx", rows, sheet_tail=b'<mergeCells><mergeCell ref="A3:A2"/></mergeCells>'
    )
    result = import_file(path)
    assert list(pd_records(result)["team"]) == ["Assessment Team 1", "Assessment Team 1"]


# --- packages laid out as other writers lay them out ---------------------------------------------


@pytest.mark.parametrize("layout", ["root", "folder", "absolute", "backslash"])
def test_a_package_laid_out_another_way_is_read(tmp_path: Path, layout: str) -> None:
    path = odd.package(tmp_path / "caseloads.xlsx", layout)
    assert calamine_rows(path)[1] == ["Assessment Team 1", "Mar-22", 21.0]
    assert caseloads(path) == EXPECTED
    assert import_file(path).format == "xlsx"


@pytest.mark.parametrize("layout", ["root", "folder", "absolute", "backslash"])
def test_a_far_cell_is_refused_wherever_the_package_keeps_its_sheets(tmp_path: Path, layout: str) -> None:
    """The sheet scan follows the package's relationships: a sheet outside xl/worksheets/ is measured."""
    far = odd.table_rows() + fx.row_xml(1048576, [("XFD", 1)])
    path = odd.package(tmp_path / "caseloads.xlsx", layout, sheet_data=far)
    refused(
        path,
        TooLarge,
        "Sheet 'Sheet1' in caseloads.xlsx has more than 1,000,000 rows, far more than any "
        "caseload file, so it was not read.",
    )
    refused_in_child(
        path,
        TooLarge,
        "Sheet 'Sheet1' in caseloads.xlsx has more than 1,000,000 rows, far more "
        "than any caseload file, so it was not read.",
    )


def test_shared_strings_claiming_billions_are_refused_not_a_crash(tmp_path: Path) -> None:
    """calamine sets aside memory for the claimed count first: 96 GB for this 1 KB file, and an abort."""
    path = fx.minimal_xlsx(
        tmp_path / "caseloads.xlsx", odd.table_rows(), shared_strings=odd.shared_strings_claiming(4_000_000_000)
    )
    sentence = (
        "caseloads.xlsx claims to hold far more text than it does, as files built to crash spreadsheet readers do, "
        "so it was not opened."
    )
    refused(path, UnsafeFile, sentence)
    refused_in_child(path, UnsafeFile, sentence)


def test_a_true_shared_string_count_is_read(tmp_path: Path) -> None:
    path = fx.minimal_xlsx(tmp_path / "caseloads.xlsx", odd.table_rows(), shared_strings=odd.shared_strings_claiming(1))
    assert caseloads(path) == EXPECTED


# --- LibreOffice's formatted empty rows and cells ------------------------------------------------


def test_libreoffice_formatted_rows_to_the_last_row_are_read() -> None:
    """LibreOffice writes <dimension ref="A1:AMJ1048576"/>, the formatted row 1,048,576 and empty
    formatted cells out to AMJ in every row; calamine builds only the table, and so does the scan."""
    path = odd.ODD_DIR / "formatted_rows.xlsx"
    with zipfile.ZipFile(path) as archive:
        sheet = archive.read("xl/worksheets/sheet1.xml")
    assert b'<dimension ref="A1:AMJ1048576"/>' in sheet and b'<row r="1048576"' in sheet and b'<c r="AMJ2"' in sheet
    assert len(calamine_rows(path)) == 4
    outcome = in_child_process(path)
    assert outcome["kind"] is None and outcome["seconds"] < SECONDS and outcome["peak_mb"] < MEGABYTES
    assert caseloads(path) == EXPECTED


def test_a_value_in_the_last_row_is_still_refused(tmp_path: Path) -> None:
    """Only empty rows and cells are discounted: one value at the bottom makes calamine build it all."""
    data = odd.table_rows() + b'<row r="1048576" customHeight="true"><c r="A1048576" s="1"><v>1</v></c></row>'
    path = fx.minimal_xlsx(tmp_path / "caseloads.xlsx", data, dimension="A1:AMJ1048576")
    refused(
        path,
        TooLarge,
        "Sheet 'Sheet1' in caseloads.xlsx has more than 1,000,000 rows, far more than any "
        "caseload file, so it was not read.",
    )


@pytest.mark.parametrize("prefix", ["", "x:"])
def test_empty_rows_and_cells_at_the_far_edges_are_read_however_written(tmp_path: Path, prefix: str) -> None:
    """Written without a prefix (measured the quick way) or with one (the plain way)."""
    p = prefix
    rows = "".join(
        f'<{p}row r="{r}">'
        + "".join(
            f'<{p}c r="{c}{r}" t="inlineStr"><{p}is><{p}t>{v}</{p}t></{p}is></{p}c>'
            if isinstance(v, str)
            else f'<{p}c r="{c}{r}"><{p}v>{v}</{p}v></{p}c>'
            for c, v in zip("ABC", row, strict=True)
        )
        + f'<{p}c r="AMJ{r}" s="1"/><{p}c r="AMI{r}" s="1"></{p}c></{p}row>'
        for r, row in enumerate(odd.TABLE, start=1)
    )
    rows += f'<{p}row r="1048576" ht="25.5" customHeight="1"/><{p}row r="1048575"></{p}row>'
    sheet_head = fx._SHEET_HEAD.replace(b"<worksheet ", b'<worksheet xmlns:x="' + SPREADSHEETML + b'" ')
    path = fx.minimal_xlsx(tmp_path / "caseloads.xlsx", rows.encode(), sheet_head=sheet_head)
    assert len(calamine_rows(path)) == 4
    assert caseloads(path) == EXPECTED


# --- legacy Excel ----------------------------------------------------------------------------------


def test_an_excel_95_workbook_is_read(tmp_path: Path) -> None:
    """A Book stream (BIFF5) in an OLE2 file: msoffcrypto refused it, calamine reads it."""
    path = legacy.excel95_workbook(tmp_path / "caseloads.xls")
    assert olefile.OleFileIO(path).listdir() == [["Book"]]
    assert calamine_rows(path)[0] == ["Social work caseloads by team – March 2022", "", ""]  # Windows-1252 decoded
    assert caseloads(path) == EXPECTED
    result = import_file(path)
    assert result.format == "xls" and result.sheets[0].name == "Caseloads"


def test_an_excel_95_password_is_named(tmp_path: Path) -> None:
    path = legacy.excel95_workbook(tmp_path / "caseloads.xls", password=True)
    with pytest.raises(python_calamine.CalamineError):  # from_path says PasswordError
        calamine_rows(path)
    problem = refused(
        path,
        UnsupportedProtection,
        "caseloads.xls is protected with an Excel 95 password, which this "
        "app cannot open; open it in Excel, remove the password and save it as an Excel workbook (.xlsx).",
    )
    assert not problem.password_required and problem.reason == "password"


@pytest.mark.parametrize("version", [2, 3, 4])
@pytest.mark.parametrize("extension", [".xls", ".xlw", ".csv"])
def test_excel_2_to_4_files_are_named(tmp_path: Path, version: int, extension: str) -> None:
    path = legacy.old_excel_worksheet(tmp_path / f"caseloads{extension}", version)
    with pytest.raises(python_calamine.CalamineError):
        calamine_rows(path)  # calamine reads only the OLE2 formats
    refused(
        path,
        NotASpreadsheet,
        f"{path.name} is in an old Excel format (Excel 4.0 or earlier) that this app "
        "cannot read; open it in Excel and save it as an Excel workbook (.xlsx).",
    )


def _with_dimensions(path: Path, rows: int, columns: int) -> Path:
    """LibreOffice's .xls with every DIMENSIONS record claiming ``rows`` x ``columns``."""
    shutil.copyfile(fx.LIBREOFFICE_DIR / "worker_caseloads.xls", path)
    ole = olefile.OleFileIO(str(path), write_mode=True)
    stream = bytearray(ole.openstream("Workbook").read())
    pos = 0
    while pos < len(stream) - 4:
        kind, length = struct.unpack_from("<HH", stream, pos)
        if kind == 0x0200 and length == 14:
            struct.pack_into("<IIHH", stream, pos + 4, 0, rows, 0, columns)
        pos += 4 + length
    ole.write_stream("Workbook", bytes(stream))
    ole.close()
    return path


def test_an_xls_claiming_billions_of_cells_is_refused_not_a_crash(tmp_path: Path) -> None:
    """calamine sets aside memory for the claimed cells: 11 PB here, and an abort of the whole process."""
    path = _with_dimensions(tmp_path / "caseloads.xls", 0xFFFFFFFF, 0xFFFF)
    sentence = (
        "Sheet 'Dec 2021' in caseloads.xls claims 4,294,967,295 rows and 65,535 columns, more than any Excel "
        "97-2003 sheet can hold, as files built to crash spreadsheet readers do, so it was not read."
    )
    refused(path, TooLarge, sentence)
    refused_in_child(path, TooLarge, sentence)


def test_an_xls_claiming_its_whole_sheet_is_read(tmp_path: Path) -> None:
    """A claim within what a legacy sheet holds (as when whole columns are formatted) is honest enough."""
    path = _with_dimensions(tmp_path / "caseloads.xls", 65536, 256)
    outcome = in_child_process(path)
    assert outcome["kind"] is None and outcome["peak_mb"] < MEGABYTES
    assert import_file(path).ok


def test_calamines_panic_report_never_reaches_stderr(tmp_path: Path) -> None:
    """calamine's Rust code panics on this file (a NAME record too short): the report it prints is
    held back, the officer gets one sentence, and stderr written around it still arrives."""
    path = legacy.panicking_workbook(tmp_path / "caseloads.xls")
    alone = subprocess.run(
        [
            sys.executable,
            "-c",
            f"import python_calamine as c\ntry: c.CalamineWorkbook.from_path({str(path)!r})\n"
            "except BaseException as e: print(type(e).__name__)",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    assert alone.stdout.strip() == "PanicException" and "panicked at" in alone.stderr
    script = (
        "import sys\nfrom caseload_reporter.reading.importer import import_file\n"
        "print('before', file=sys.stderr, flush=True)\n"
        f"print(import_file({str(path)!r}).error)\n"
        "print('after', file=sys.stderr)\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == (
        "caseloads.xls could not be read as an Excel 97-2003 workbook: it may be damaged, incomplete or not "
        "really a spreadsheet."
    )
    assert done.stderr.split() == ["before", "after"], done.stderr


# --- OpenDocument ----------------------------------------------------------------------------------


def test_a_password_protected_ods_is_named(tmp_path: Path) -> None:
    path = odd.protected_ods(tmp_path / "caseloads.ods")
    with pytest.raises(python_calamine.CalamineError):
        calamine_rows(path)
    problem = refused(
        path,
        UnsupportedProtection,
        "caseloads.ods is protected with a password, which this app cannot "
        "open in OpenDocument files; in LibreOffice, save a copy without the password (File > Save As, "
        "untick 'Save with password') and open that.",
    )
    assert problem.reason == "password"


def test_a_flat_opendocument_spreadsheet_gets_a_sentence() -> None:
    """Refused, not read: calamine reads only zipped OpenDocument, and its reader rejects the indented
    XML LibreOffice writes in .fods (tried: 'Expecting table-cell'); a reader of our own would be a
    second XML spreadsheet parser to keep safe for a format officers rarely meet."""
    path = odd.ODD_DIR / "worker_caseloads.fods"
    assert b'office:mimetype="application/vnd.oasis.opendocument.spreadsheet"' in path.read_bytes()[:8192]
    refused(
        path,
        NotASpreadsheet,
        "worker_caseloads.fods is a flat OpenDocument spreadsheet (.fods), which this "
        "app cannot read; open it in LibreOffice and save it as an OpenDocument spreadsheet (.ods) or an Excel "
        "workbook (.xlsx).",
    )


# --- many empty sheets -----------------------------------------------------------------------------


def test_a_thousand_empty_sheets_are_read_quickly(tmp_path: Path) -> None:
    """1,024 empty sheets took 7 to 14 s (three pandas frames built per sheet); calamine alone takes
    0.01 to 0.05 s. The bound leaves room for a loaded two-core machine."""
    from benchmarks.bench_empty_sheets import empty_sheets_workbook, time_both

    path = empty_sheets_workbook(tmp_path / "empty.xlsx", 1024)
    calamine_alone, importer = time_both(path)
    assert importer < 1.0, f"{importer:.2f} s (calamine alone {calamine_alone:.3f} s)"
    result = import_file(path)
    assert len(result.sheets) == 1024 and result.reason == "nothing_recognised"


# --- why, for automation ---------------------------------------------------------------------------


def _inspect(*paths: Path) -> tuple[int, list[dict[str, object]], str]:
    done = subprocess.run(
        [sys.executable, "-m", "caseload_reporter", "inspect", "--json", *map(str, paths)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    return done.returncode, json.loads(done.stdout)["files"], done.stderr


def test_inspect_json_says_why_each_file_could_not_be_used(tmp_path: Path) -> None:
    empty_table = tmp_path / "notes.csv"
    empty_table.write_text("Notes for the meeting\nNothing to report\n")
    damaged = tmp_path / "damaged.xlsx"
    damaged.write_bytes(odd.package(tmp_path / "whole.xlsx", "root").read_bytes()[:300])
    files = {
        "ok": odd.package(tmp_path / "caseloads.xlsx", "backslash"),
        "unreadable": damaged,
        "unsafe": fx.minimal_xlsx(
            tmp_path / "bomb.xlsx", odd.table_rows(), shared_strings=odd.shared_strings_claiming(10**9)
        ),
        "password": fx.encrypt_workbook(
            odd.package(tmp_path / "plain.xlsx", "root"), tmp_path / "protected.xlsx", "pw"
        ),
        "unsupported_format": legacy.old_excel_worksheet(tmp_path / "old.xls", 4),
        "nothing_recognised": empty_table,
    }
    code, entries, stderr = _inspect(*files.values())
    assert code == 3
    reasons = {Path(str(e["path"])).name: e["reason"] for e in entries}
    assert reasons == {p.name: (None if why == "ok" else why) for why, p in files.items()}
    for entry in entries:
        assert (entry["error"] is None) == (entry["reason"] is None) == entry["ok"]
        if entry["error"]:
            assert f"caseload-reporter: {entry['error']}" in stderr
    assert "panicked" not in stderr and "Traceback" not in stderr


def test_inspect_json_reason_for_a_protected_old_workbook_and_an_ods(tmp_path: Path) -> None:
    paths = [legacy.excel95_workbook(tmp_path / "old.xls", password=True), odd.protected_ods(tmp_path / "p.ods")]
    _, entries, _ = _inspect(*paths)
    assert [e["reason"] for e in entries] == ["password", "password"]


def test_reason_codes_are_the_documented_set() -> None:
    from caseload_reporter.reading import problems

    assert problems.REASONS == ("unreadable", "unsafe", "password", "unsupported_format", "nothing_recognised")
    kinds = [getattr(problems, n) for n in dir(problems)]
    for kind in kinds:
        if isinstance(kind, type) and issubclass(kind, problems.ImportProblem):
            assert kind.reason in problems.REASONS, kind
