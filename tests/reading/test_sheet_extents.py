"""The sheet scan measures at least the block calamine builds, however the sheet XML is written.

calamine places each cell by its own r attribute, which it reads in either quotes, with any
spacing and with its letters in either case, and places a cell without one just right of the
one before; then it builds the whole block up to the last cell. A reference the scan misses
lets a few bytes make calamine ask for gigabytes, so every form is tried here, and checked
against calamine itself. The scan's quick way (numpy, for XML written as spreadsheet programs
write it) must also agree with its plain way (regular expressions, for any XML) wherever it
vouches for a piece, and must vouch for what those programs write.
"""

from __future__ import annotations

import io
from pathlib import Path
from unittest import mock

import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl.utils import get_column_letter
from python_calamine import CalamineWorkbook

from caseload_reporter.reading import xlsx_sheet_extent, xlsx_sheet_scan, zip_package_checks
from caseload_reporter.reading.problems import TooLarge
from generators import import_fixtures as fx

HEAD = (  # the usual root, also declaring a prefix for the prefixed forms
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    b'xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
)
USUAL = '<c r="{ref}"><v>{value}</v></c>'
CELLS = {  # how a cell may be written: {ref} is its reference, {value} a number
    "usual": USUAL,
    "styled": '<c r="{ref}" s="0"><v>{value}</v></c>',
    "text": '<c r="{ref}" t="inlineStr"><is><t>Team {value} r="ZZ1{value}" x = y</t></is></c>',
    "formula": '<c r="{ref}"><f>{value}+1</f><v>{value}</v></c>',
    "empty": '<c r="{ref}" s="0"/>',
    "single quotes": "<c r='{ref}'><v>{value}</v></c>",
    "tab": '<c\tr="{ref}"><v>{value}</v></c>',
    "spaced": '<c r = "{ref}"><v>{value}</v></c>',
    "lower case": '<c r="{lower}"><v>{value}</v></c>',
    "zero padded": '<c r="{padded}"><v>{value}</v></c>',
    "reference second": '<c s="0" r="{ref}"><v>{value}</v></c>',
    "prefixed": '<x:c r="{ref}"><x:v>{value}</x:v></x:c>',
    "no reference": "<c><v>{value}</v></c>",
}
WRITTEN_AS_USUAL = ("usual", "styled", "text", "formula", "empty")
ROWS = {"usual": '<row r="{row}">', "single quotes": "<row r='{row}'>", "no reference": "<row>"}


def cell_xml(form: str, column: int, row: int, value: int) -> str:
    ref = f"{get_column_letter(column)}{row}"
    return CELLS[form].format(ref=ref, lower=ref.lower(), padded=f"{get_column_letter(column)}00{row}", value=value)


def sheets(forms: tuple[str, ...], row_forms: tuple[str, ...], columns: int, rows: int) -> st.SearchStrategy[bytes]:
    """Sheet data of a few rows whose cells take the given forms; a cell's own reference may name
    another row than its row's (calamine follows the cell's)."""
    cell = st.tuples(
        st.sampled_from(forms), st.integers(1, columns), st.one_of(st.none(), st.integers(1, rows)), st.integers(0, 99)
    )
    row = st.tuples(st.sampled_from(row_forms), st.integers(1, rows), st.lists(cell, max_size=8))

    def xml(drawn: list[tuple[str, int, list[tuple[str, int, int | None, int]]]]) -> bytes:
        parts = []
        for row_form, number, cells in drawn:
            parts.append(ROWS[row_form].format(row=number))
            parts.extend(cell_xml(form, column, own or number, value) for form, column, own, value in cells)
            parts.append("</row>")
        return "".join(parts).encode()

    return st.lists(row, max_size=12).map(xml)


def measured(data: bytes) -> tuple[int, int]:
    """The rows and columns the scan settles on (refusing nothing), reading the XML in small
    pieces so that rows fall across pieces and both ways of measuring meet in one sheet."""
    extents = [(0, 0)]
    with (
        mock.patch.object(
            xlsx_sheet_scan, "check_extent", lambda name, sheet, rows, cols: extents.append((rows, cols))
        ),
        mock.patch.object(xlsx_sheet_scan, "CHUNK_BYTES", 97),
        mock.patch.object(xlsx_sheet_scan, "MAX_PROLOG_BYTES", 512),
        mock.patch.object(zip_package_checks, "MAX_PROLOG_BYTES", 512),
    ):
        xlsx_sheet_scan.scan_xlsx_sheets(zip_package_checks.open_zip(data, "caseloads.xlsx"), "caseloads.xlsx")
    return extents[-1]


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("extents")


@given(sheet=sheets(tuple(CELLS), tuple(ROWS), columns=40, rows=60))
def test_the_scan_measures_at_least_what_calamine_builds(sheet: bytes, folder: Path) -> None:
    data = fx.minimal_xlsx(folder / "caseloads.xlsx", sheet, sheet_head=HEAD).read_bytes()
    try:
        end = CalamineWorkbook.from_filelike(io.BytesIO(data)).get_sheet_by_index(0).end
    except Exception:  # calamine refuses some forms outright, which is as safe
        return
    rows, columns = measured(data)
    if end is not None:
        assert rows >= end[0] + 1 and columns >= end[1] + 1, (rows, columns, end)


@given(sheet=sheets(tuple(CELLS), ("usual", "single quotes"), columns=16_384, rows=1_048_576))
def test_the_quick_way_agrees_with_the_plain_way(sheet: bytes) -> None:
    """Rows without a reference are left out: the plain way adds one row for each (it cannot tell
    whether a cell without a reference follows), the quick way vouches only when none does."""
    pats = xlsx_sheet_extent.XlsxPatterns(b"")
    quick = xlsx_sheet_extent.UsualExtent()(sheet)
    if quick is not None:
        assert (quick.rows, quick.columns) == xlsx_sheet_extent.any_extent(sheet, pats, 0, 0)
        assert quick.formulas == bool(pats.formula.search(sheet))


@given(sheet=sheets(WRITTEN_AS_USUAL, ("usual",), columns=16_384, rows=1_048_576))
def test_the_quick_way_vouches_for_sheets_written_the_usual_way(sheet: bytes) -> None:
    assert xlsx_sheet_extent.UsualExtent()(sheet) is not None


def test_what_spreadsheet_programs_write_is_all_measured_the_quick_way(
    officer_workbooks: dict[tuple[str, str], Path],
) -> None:
    """LibreOffice's re-saves (as Excel writes), openpyxl's and xlsxwriter's: never the plain way."""
    paths = sorted(fx.LIBREOFFICE_DIR.glob("*.xlsx")) + [p for p in officer_workbooks.values() if p.suffix == ".xlsx"]
    assert len(paths) > 10
    with mock.patch.object(xlsx_sheet_scan, "any_extent", side_effect=AssertionError("measured the plain way")):
        for path in paths:
            xlsx_sheet_scan.scan_xlsx_sheets(zip_package_checks.open_zip(path.read_bytes(), path.name), path.name)


@pytest.mark.parametrize(
    ("form", "columns"),
    [(form, 100) for form in CELLS if form not in ("text", "no reference", "empty")] + [("no reference", 102)],
)
def test_a_far_cell_in_any_form_is_refused(tmp_path: Path, form: str, columns: int) -> None:
    """A cell at CV200000 in row 1 (or, without a reference, just right of one at CU200000): calamine
    would build 200,000 x 100 cells."""
    far = cell_xml(form, 100, 200_000, 1) if form != "no reference" else cell_xml("usual", 99, 200_000, 1)
    sheet = f'<row r="1"><c r="A1"><v>1</v></c>{far}{cell_xml(form, 1, 1, 1) if form == "no reference" else ""}</row>'
    path = fx.minimal_xlsx(tmp_path / "caseloads.xlsx", sheet.encode(), sheet_head=HEAD)
    with pytest.raises(TooLarge) as refused:
        xlsx_sheet_scan.scan_xlsx_sheets(zip_package_checks.open_zip(path.read_bytes(), path.name), path.name)
    assert str(refused.value) == (
        f"Sheet 'Sheet1' in caseloads.xlsx reaches 200,000 rows and {columns} columns, far more than any caseload "
        "file, so it was not read."
    )
