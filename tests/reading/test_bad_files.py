"""Every kind of bad file gets one plain sentence, quickly and in little memory, never a traceback.

Each test checks the kind of problem (its class), the sentence, that ``import_file`` turns it into
a failed result with that sentence, and the time taken. Bombs and huge sheets are read in a child
process so that peak memory (including calamine's, which tracemalloc cannot see) is measured on
its own; tracemalloc measures the Python side of everything else.
"""

from __future__ import annotations

import io
import json
import os
import random
import struct
import subprocess
import sys
import time
import tracemalloc
import zipfile
import zlib
from pathlib import Path

import openpyxl
import pytest
import python_calamine

from caseload_reporter.reading import grid, security, sheet_extent_limits, xlsx_sheet_scan, zip_package_checks
from caseload_reporter.reading.grid import read_workbook
from caseload_reporter.reading.importer import import_file
from caseload_reporter.reading.problems import (
    DamagedFile,
    EmptyFile,
    ImportProblem,
    NotASpreadsheet,
    PasswordProtected,
    TooLarge,
    UnsafeFile,
    UnsavedFormulas,
    WrongPassword,
)
from generators import import_fixtures as fx

SECONDS = 3.0
MEGABYTES = 300


def refused(path: Path, kind: type[ImportProblem], sentence: str, password: str | None = None) -> ImportProblem:
    """Read ``path``: it must raise ``kind`` with exactly ``sentence``, fast, and import_file must say the same."""
    tracemalloc.start()
    start = time.perf_counter()
    try:
        with pytest.raises(ImportProblem) as caught:
            read_workbook(path, password=password)
        elapsed = time.perf_counter() - start
        peak = tracemalloc.get_traced_memory()[1] / 2**20
    finally:
        tracemalloc.stop()
    problem = caught.value
    assert type(problem) is kind, f"{type(problem).__name__}: {problem}"
    assert str(problem) == sentence
    assert "Traceback" not in str(problem) and "\n" not in str(problem)
    assert elapsed < SECONDS, f"{elapsed:.2f} s"
    assert peak < MEGABYTES, f"{peak:.0f} MB"
    if password is None:
        result = import_file(path)
        assert not result.ok and result.error == sentence
    return problem


def in_child_process(path: Path) -> dict[str, object]:
    """Read in a fresh interpreter: the problem, seconds taken and the child's peak resident memory."""
    script = (
        "import json, resource, sys, time\n"
        "from caseload_reporter.reading.grid import read_workbook\n"
        "from caseload_reporter.reading.problems import ImportProblem\n"
        "start = time.perf_counter()\n"
        "try:\n"
        "    read_workbook(sys.argv[1]); kind, message = None, ''\n"
        "except ImportProblem as p:\n"
        "    kind, message = type(p).__name__, str(p)\n"
        "seconds = time.perf_counter() - start\n"
        "try:\n"
        "    status = open('/proc/self/status').read()\n"  # VmHWM: this process's own peak, not the parent's
        "    rss = int(status.split('VmHWM:')[1].split()[0]) / 1024\n"
        "except OSError:\n"
        "    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024\n"
        "print(json.dumps({'kind': kind, 'message': message, 'seconds': seconds, 'peak_mb': rss}))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, str(path)], capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 0, done.stderr[-2000:]  # an abort in calamine would show here
    return json.loads(done.stdout)


def refused_in_child(path: Path, kind: type[ImportProblem], sentence: str) -> dict[str, object]:
    outcome = in_child_process(path)
    assert outcome["kind"] == kind.__name__, outcome
    assert outcome["message"] == sentence
    assert outcome["seconds"] < SECONDS, outcome
    assert outcome["peak_mb"] < MEGABYTES, outcome
    return outcome


@pytest.fixture(scope="module")
def small_workbook(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("bad")
    return fx.write_openpyxl(fx.workbook_spec("worker_caseloads"), folder / "good.xlsx")


# --- empty, cut short, or not a spreadsheet -----------------------------------------------------


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "caseloads.xlsx"
    path.write_bytes(b"")
    refused(path, EmptyFile, "caseloads.xlsx is empty: it has no data to import.")


def test_csv_of_blank_lines(tmp_path: Path) -> None:
    path = tmp_path / "caseloads.csv"
    path.write_bytes(b"\r\n \r\n\r\n")
    refused(path, EmptyFile, "caseloads.csv is empty: it has no data to import.")


@pytest.mark.parametrize("name", ["caseloads.xlsx", "caseloads.csv"])
def test_truncated_workbook(small_workbook: Path, tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_bytes(small_workbook.read_bytes()[: small_workbook.stat().st_size // 2])
    refused(path, DamagedFile, f"{name} looks like a spreadsheet but is damaged or incomplete, so it cannot be read.")


def test_corrupt_part_inside_a_complete_zip(small_workbook: Path, tmp_path: Path) -> None:
    data = bytearray(small_workbook.read_bytes())
    with zipfile.ZipFile(small_workbook) as archive:
        info = archive.getinfo("xl/worksheets/sheet1.xml")
    start = info.header_offset + 30 + len(info.filename) + len(info.extra)
    for i in range(start + 20, start + 60):
        data[i] ^= 0x5A
    path = tmp_path / "caseloads.xlsx"
    path.write_bytes(bytes(data))
    refused(
        path,
        DamagedFile,
        "caseloads.xlsx could not be read as an Excel workbook: it may be damaged, incomplete or not really a "
        "spreadsheet.",
    )


def _png() -> bytes:
    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\x00\x00")) + chunk(b"IEND", b"")
    )


def _docx() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return out.getvalue()


def _zip_of_text() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("caseloads.txt", "Team,Caseload\nAssessment Team 1,21\n")
        archive.writestr("readme.txt", "Caseloads for March 2022.")
    return out.getvalue()


NOT_SPREADSHEETS = {
    "pdf": (
        b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n",
        "is a PDF document, not a spreadsheet.",
    ),
    "png": (_png(), "is a picture, not a spreadsheet."),
    "docx": (_docx(), "is a word-processing document, not a spreadsheet."),
    "random": (random.Random(7).randbytes(50_000), "is not a spreadsheet or a CSV file."),
    "random-no-nul": (bytes(b or 1 for b in random.Random(8).randbytes(50_000)), "is not a spreadsheet or a CSV file."),
    "zip": (_zip_of_text(), "is a zip archive, not a spreadsheet."),
    "html": (b"<!DOCTYPE html><html><body><table><tr><td>1</td></tr></table></body></html>", None),
}


@pytest.mark.parametrize("kind", NOT_SPREADSHEETS)
@pytest.mark.parametrize("extension", [".xlsx", ".csv", ".xls"])
def test_not_a_spreadsheet_whatever_its_name(tmp_path: Path, kind: str, extension: str) -> None:
    data, ending = NOT_SPREADSHEETS[kind]
    path = tmp_path / f"caseloads{extension}"
    path.write_bytes(data)
    if ending is None:
        ending = "is a web page, not a spreadsheet; open it in Excel and save it as an Excel workbook (.xlsx)."
    refused(path, NotASpreadsheet, f"{path.name} {ending}")


def test_legacy_word_document_is_told_apart_from_a_legacy_workbook(tmp_path: Path) -> None:
    # The smallest OLE2 container that is not a workbook: a renamed .xls with its Workbook stream
    # missing is as good as any other unknown OLE file.
    xls = (fx.LIBREOFFICE_DIR / "service_measures.xls").read_bytes()
    broken = xls.replace("Workbook".encode("utf-16-le"), "Notebook".encode("utf-16-le"))
    path = tmp_path / "caseloads.xls"
    path.write_bytes(broken)
    refused(
        path,
        DamagedFile,
        "caseloads.xls looks like an Excel 97-2003 workbook but is damaged or is not a spreadsheet, "
        "so it cannot be read.",
    )


# --- passwords ------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def encrypted(small_workbook: Path) -> Path:
    return fx.encrypt_workbook(small_workbook, small_workbook.with_name("protected.xlsx"), "Wenmoor-2022")


def test_password_protected_workbook_asks_for_its_password(encrypted: Path) -> None:
    problem = refused(
        encrypted, PasswordProtected, "protected.xlsx is protected with a password. Enter the password to open it."
    )
    assert problem.password_required


def test_the_right_password_reads_it_in_memory(encrypted: Path, small_workbook: Path) -> None:
    before = sorted(encrypted.parent.iterdir())
    start = time.perf_counter()
    book = read_workbook(encrypted, password="Wenmoor-2022")
    assert time.perf_counter() - start < SECONDS
    plain = read_workbook(small_workbook)
    assert book.encrypted and book.format == "xlsx"
    assert [(g.name, g.rows, g.merged) for g in book.grids] == [(g.name, g.rows, g.merged) for g in plain.grids]
    assert sorted(encrypted.parent.iterdir()) == before  # nothing decrypted was written to disk


def test_a_wrong_password_gets_its_own_sentence(encrypted: Path) -> None:
    problem = refused(encrypted, WrongPassword, "The password was not accepted for protected.xlsx.", password="guess")
    assert problem.password_required  # the app offers the password box again


def test_a_password_for_a_file_without_one_is_ignored(small_workbook: Path) -> None:
    assert not read_workbook(small_workbook, password="anything").encrypted


def test_a_legacy_xls_is_not_mistaken_for_an_encrypted_workbook() -> None:
    book = read_workbook(fx.LIBREOFFICE_DIR / "service_measures.xls")
    assert book.format == "xls" and not book.encrypted


# --- formulas without saved results ----------------------------------------------------------------

UNSAVED = "caseloads.xlsx has formulas whose results were never saved; open it in Excel, save it, and import it again."


@pytest.mark.parametrize("writer", ["openpyxl", "xlsxwriter"])
def test_formulas_never_calculated(tmp_path: Path, writer: str) -> None:
    path = fx.unsaved_formulas_xlsx(tmp_path / "caseloads.xlsx", writer)
    refused(path, UnsavedFormulas, UNSAVED)


def test_some_saved_results_are_enough_to_read_the_file(tmp_path: Path) -> None:
    """Only a workbook where no formula has a result is refused; one calculated result means Excel saved it."""
    data = fx.row_xml(1, [("A", "Team"), ("B", "Month"), ("C", "Caseload")])
    data += b'<row r="2"><c r="A2" t="inlineStr"><is><t>Assessment Team 1</t></is></c>'
    data += b'<c r="B2" t="inlineStr"><is><t>Mar-22</t></is></c><c r="C2"><f>10+11</f><v>21</v></c></row>'
    data += b'<row r="3"><c r="A3" t="inlineStr"><is><t>Leaving Care Team</t></is></c>'
    data += b'<c r="B3" t="inlineStr"><is><t>Mar-22</t></is></c><c r="C3"><f>9*2</f></c></row>'
    book = read_workbook(fx.minimal_xlsx(tmp_path / "partly.xlsx", data))
    assert book.grids[0].rows[1][2] == 21.0


def test_xlsxwriter_default_cached_zero_is_a_known_limitation(tmp_path: Path) -> None:
    """xlsxwriter caches 0 for every formula unless given a value: that looks calculated and reads as 0."""
    import xlsxwriter

    path = tmp_path / "zeros.xlsx"
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet()
    sheet.write_row(0, 0, ["Team", "Caseload"])
    sheet.write(1, 0, "Total")
    sheet.write_formula(1, 1, "=10+11")
    book.close()
    assert read_workbook(path).grids[0].rows[1] == ["Total", 0.0]


def test_formulas_in_a_libreoffice_copy_are_calculated() -> None:
    assert read_workbook(fx.LIBREOFFICE_DIR / "worker_caseloads.xlsx").grids


# --- XML entity attacks -----------------------------------------------------------------------------

ENTITIES = (
    "caseloads.xlsx contains XML entity declarations, which spreadsheet programs never write, so it was not opened."
)


@pytest.mark.parametrize("kind", ["laughs-sheet", "laughs-strings", "external"])
def test_entity_attacks_are_refused(tmp_path: Path, kind: str) -> None:
    path = fx.entity_attack_xlsx(tmp_path / "caseloads.xlsx", kind)
    refused(path, UnsafeFile, ENTITIES)
    refused_in_child(path, UnsafeFile, ENTITIES)


@pytest.mark.parametrize("kind", ["laughs-sheet", "laughs-strings", "external"])
def test_calamine_itself_neither_expands_nor_hangs_on_entities(tmp_path: Path, kind: str) -> None:
    """Proof that the check above is belt and braces: calamine's XML parser expands no entities."""
    path = fx.entity_attack_xlsx(tmp_path / "caseloads.xlsx", kind)
    start = time.perf_counter()
    try:
        with path.open("rb") as handle:
            sheet = python_calamine.CalamineWorkbook.from_filelike(handle).get_sheet_by_index(0)
        cells = sheet.to_python()
    except python_calamine.CalamineError:
        cells = []
    assert time.perf_counter() - start < 1.0
    text = repr(cells)
    assert "lollol" not in text and "root:" not in text and len(text) < 1000


def test_check_xml_safety_passes_with_defusedxml() -> None:
    assert openpyxl.DEFUSEDXML is True
    security.check_xml_safety()


def test_check_xml_safety_refuses_an_unprotected_openpyxl(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(openpyxl, "DEFUSEDXML", False)
    with pytest.raises(RuntimeError, match="defusedxml"):
        security.check_xml_safety()


# --- zip bombs --------------------------------------------------------------------------------------

BOMB = (
    "caseloads.xlsx would unpack to far more than any caseload workbook (over 600 MB or 5,000 parts), "
    "so it was not opened."
)


@pytest.fixture(scope="module")
def real_bomb(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """401 MB of sheet XML in a 400 KB file: over the real per-part cap, made in about a second."""
    path = tmp_path_factory.mktemp("bomb") / "caseloads.xlsx"
    return fx.zip_bomb(path, zip_package_checks.MAX_UNPACKED_PART_BYTES + 1024 * 1024)


def test_zip_bomb_over_the_real_cap(real_bomb: Path) -> None:
    assert real_bomb.stat().st_size < 1_000_000
    refused(real_bomb, UnsafeFile, BOMB)
    refused_in_child(real_bomb, UnsafeFile, BOMB)


def test_zip_bomb_over_a_lowered_cap(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(zip_package_checks, "MAX_UNPACKED_PART_BYTES", 8 * 1024 * 1024)
    path = fx.zip_bomb(tmp_path / "caseloads.xlsx", 9 * 1024 * 1024)
    refused(path, UnsafeFile, BOMB)


def test_a_bomb_under_the_caps_is_read_safely(tmp_path: Path) -> None:
    """Unpacked within the caps, blank space is only read and measured: no sentence, no harm."""
    path = fx.zip_bomb(tmp_path / "caseloads.xlsx", 20 * 1024 * 1024)
    start = time.perf_counter()
    book = read_workbook(path)
    assert time.perf_counter() - start < SECONDS
    assert book.grids[0].rows == []


def test_too_many_zip_members(tmp_path: Path) -> None:
    path = fx.many_members_zip(tmp_path / "caseloads.xlsx", zip_package_checks.MAX_ZIP_MEMBERS + 1)
    refused(path, UnsafeFile, BOMB)


# --- sheets far larger than any caseload file ---------------------------------------------------------


TOO_MANY_ROWS = (
    "Sheet 'Sheet1' in caseloads.xlsx has more than 1,000,000 rows, far more than any caseload file, "
    "so it was not read."
)


def test_cells_in_the_far_corners(tmp_path: Path) -> None:
    """A 2 KB file that would make calamine ask for 500 GB and abort the process."""
    data = fx.row_xml(1, [("A", "Team")]) + fx.row_xml(1048576, [("XFD", 1)])
    path = fx.minimal_xlsx(tmp_path / "caseloads.xlsx", data)
    sentence = TOO_MANY_ROWS
    refused(path, TooLarge, sentence)
    refused_in_child(path, TooLarge, sentence)


def test_a_dimension_that_claims_the_whole_sheet_is_read_safely(tmp_path: Path) -> None:
    """calamine ignores <dimension>: only the cells present are built, so there is nothing to refuse."""
    path = fx.minimal_xlsx(tmp_path / "caseloads.xlsx", fx.small_table_rows(), dimension="A1:XFD1048576")
    outcome = in_child_process(path)
    assert outcome["kind"] is None and outcome["seconds"] < SECONDS and outcome["peak_mb"] < MEGABYTES
    assert len(read_workbook(path).grids[0].rows) == 3


@pytest.fixture(scope="module")
def million_rows(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("huge") / "caseloads.xlsx"
    return fx.huge_rows_xlsx(path, sheet_extent_limits.MAX_SHEET_ROWS + 50_000)


def test_more_real_rows_than_any_caseload_file(million_rows: Path) -> None:
    sentence = TOO_MANY_ROWS
    refused_in_child(million_rows, TooLarge, sentence)


def test_one_endless_row(tmp_path: Path) -> None:
    """40 MB of blank space and no row tag: refused without holding it all."""
    path = fx.zip_bomb(tmp_path / "caseloads.xlsx", 40 * 1024 * 1024)
    sentence = (
        "Sheet 'Sheet1' in caseloads.xlsx has a row of more than 32 MB, far larger than any caseload file, "
        "so it was not read."
    )
    refused_in_child(path, TooLarge, sentence)


def test_three_million_csv_lines(tmp_path: Path) -> None:
    path = tmp_path / "caseloads.csv"
    path.write_bytes(b"Team,Caseload\n" + b"Assessment Team 1,21\n" * 3_000_000)
    refused(path, TooLarge, "caseloads.csv has 3,000,002 lines, far more than any caseload file, so it was not read.")
    refused_in_child(
        path, TooLarge, "caseloads.csv has 3,000,002 lines, far more than any caseload file, so it was not read."
    )


MANIFEST = (
    b'<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
    b'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
    b'<manifest:file-entry manifest:full-path="/" '
    b'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
    b'<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>'
)


def _ods(path: Path, rows_xml: bytes) -> Path:
    content = (
        b'<?xml version="1.0" encoding="UTF-8"?><office:document-content '
        b'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        b'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        b'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body>'
        b'<office:spreadsheet><table:table table:name="Caseloads">' + rows_xml + b"</table:table>"
        b"</office:spreadsheet></office:body></office:document-content>"
    )
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet", zipfile.ZIP_STORED)
        archive.writestr("META-INF/manifest.xml", MANIFEST, zipfile.ZIP_DEFLATED)
        archive.writestr("content.xml", content, zipfile.ZIP_DEFLATED)
    return path


def test_ods_repeats_that_reach_far_corners(tmp_path: Path) -> None:
    """Without the check calamine fills 99 million cells here: 6 GB and 11 seconds, or an abort."""
    cell = b'<table:table-cell office:value-type="float" office:value="1"><text:p>1</text:p></table:table-cell>'
    rows = (
        b"<table:table-row>"
        + cell
        + b'<table:table-cell table:number-columns-repeated="9000"/>'
        + cell
        + b"</table:table-row>"
        b'<table:table-row table:number-rows-repeated="11000"><table:table-cell/></table:table-row>'
        b"<table:table-row>" + cell + b"</table:table-row>"
    )
    path = _ods(tmp_path / "caseloads.ods", rows)
    sentence = (
        "Sheet 'Caseloads' in caseloads.ods reaches 1 row and 9,002 columns, far more than any caseload file, "
        "so it was not read."
    )
    refused(path, TooLarge, sentence)
    refused_in_child(path, TooLarge, sentence)


def test_ods_trailing_repeats_as_libreoffice_writes_them_are_fine(tmp_path: Path) -> None:
    cell = b'<table:table-cell office:value-type="float" office:value="1"><text:p>1</text:p></table:table-cell>'
    rows = (
        b"<table:table-row>"
        + cell
        + cell
        + b'<table:table-cell table:number-columns-repeated="16382"/></table:table-row>'
        b'<table:table-row table:number-rows-repeated="1048575">'
        b'<table:table-cell table:number-columns-repeated="16384"/>'
        b"</table:table-row>"
    )
    path = _ods(tmp_path / "caseloads.ods", rows)
    outcome = in_child_process(path)
    assert outcome["kind"] is None and outcome["seconds"] < SECONDS and outcome["peak_mb"] < MEGABYTES
    assert read_workbook(path).grids[0].rows == [[1.0, 1.0]]


def test_a_huge_file_is_refused_by_its_size(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(grid, "MAX_FILE_BYTES", 1024)
    path = tmp_path / "caseloads.csv"
    path.write_bytes(b"Team,Caseload\n" * 200)
    refused(path, TooLarge, "caseloads.csv is 0 MB, far larger than any caseload file, so it was not opened.")


# --- the benchmark stays well inside the caps -------------------------------------------------------


@pytest.mark.slow
def test_the_200000_row_benchmark_is_well_inside_the_caps() -> None:
    from benchmarks.workbook import benchmark_workbook

    path = benchmark_workbook(200_000)
    data = path.read_bytes()
    start = time.perf_counter()
    with zip_package_checks.open_zip(data, path.name) as archive:
        zip_package_checks.check_xml_prologs(archive, path.name)
        sizes = {i.filename: i.file_size for i in archive.infolist()}
        xlsx_sheet_scan.scan_xlsx_sheets(archive, path.name)
    elapsed = time.perf_counter() - start
    assert max(sizes.values()) < zip_package_checks.MAX_UNPACKED_PART_BYTES / 3
    assert sheet_extent_limits.MAX_SHEET_CELLS / 4 > 200_001 * 10
    assert elapsed < 1.5, f"the checks add {elapsed:.2f} s to a 200,000-row import"


def test_a_200000_row_csv_is_well_inside_the_caps(tmp_path: Path) -> None:
    path = tmp_path / "caseloads.csv"
    line = "03/01/2022,North,Assessment Team 1,Children's,Worker A,1,No,21,Social Worker,01/04/2019\n"
    path.write_text("Week commencing,District,Team,Team type,Worker,FTE,Agency,Caseload,Grade,Start\n" + line * 200_000)
    start = time.perf_counter()
    book = read_workbook(path)
    assert time.perf_counter() - start < SECONDS
    assert len(book.grids[0].rows) == 200_001


def test_no_problem_sentence_leaks_a_path(tmp_path: Path) -> None:
    """Sentences name the file, never the folder (it may hold a person's name)."""
    path = tmp_path / "caseloads.xlsx"
    path.write_bytes(b"")
    result = import_file(path)
    assert str(tmp_path) not in (result.error or "")
    assert os.sep not in (result.error or "")


def test_a_legacy_xls_with_a_cell_in_its_far_corner() -> None:
    """Without the BIFF walk calamine builds 65,536 x 256 cells here: 1 GB and two seconds."""
    path = fx.LIBREOFFICE_DIR / "far_corner.xls"
    sentence = (
        "Sheet 'Sheet1' in far_corner.xls reaches 65,536 rows and 256 columns, far more than any caseload file, "
        "so it was not read."
    )
    refused(path, TooLarge, sentence)
    refused_in_child(path, TooLarge, sentence)


@pytest.mark.parametrize("name", ["worker_caseloads.xlsx", "worker_caseloads.ods", "worker_caseloads.xls"])
def test_cut_or_scrambled_anywhere_gives_a_sentence_never_a_traceback(tmp_path: Path, name: str) -> None:
    """Every cut point and a few scrambled stretches: the file reads, or one ImportProblem is raised."""
    data = (fx.LIBREOFFICE_DIR / name).read_bytes()
    rng = random.Random(name)
    variants = [data[:cut] for cut in range(1, len(data), max(1, len(data) // 40))]
    for _ in range(20):
        at = rng.randrange(len(data) - 64)
        variants.append(data[:at] + rng.randbytes(64) + data[at + 64 :])
    path = tmp_path / name
    for variant in variants:
        path.write_bytes(variant)
        start = time.perf_counter()
        try:
            read_workbook(path)
        except ImportProblem as problem:
            assert "\n" not in str(problem) and str(problem).endswith(".")
        assert time.perf_counter() - start < SECONDS
