"""Messy officer workbooks for the import tests, written the same way by openpyxl and xlsxwriter,
and small hand-made bad files (bombs, huge sheets, entity attacks, encrypted workbooks).

Why two writers: openpyxl writes inline strings and xlsxwriter shared strings, so each takes a
different path through the reader. Each workbook is described once (``WORKBOOKS``) and rendered
by both; the tests then expect identical canonical records from every copy. LibreOffice re-saves
of the same workbooks are committed under tests/fixtures/libreoffice/ (``python
tests/generators/import_fixtures.py --libreoffice`` remakes them) so CI needs no LibreOffice.

Everything is deterministic: fixed data, fixed document timestamps, no randomness.

Usage: python tests/generators/import_fixtures.py [--out DIR] [--libreoffice]
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import shutil
import subprocess
import sys
import tempfile
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import openpyxl
import xlsxwriter
from openpyxl.utils import get_column_letter

FIXED_TIME = dt.datetime(2022, 4, 4, 9, 0, 0)
REPO_ROOT = Path(__file__).resolve().parents[2]
LIBREOFFICE_DIR = REPO_ROOT / "tests" / "fixtures" / "libreoffice"
DATE_FORMAT = "dd/mm/yyyy"

Cell = object  # str, int, float, dt.date or None


@dataclass
class SheetSpec:
    """One sheet as an officer laid it out: rows of cells from A1, merged ranges, date cells."""

    name: str
    rows: list[list[Cell]]
    merges: list[str] = field(default_factory=list)  # "A1:G1"


@dataclass
class WorkbookSpec:
    name: str  # file stem
    sheets: list[SheetSpec]


# --- the data ---------------------------------------------------------------------------------

DISTRICTS = ("Northfield", "Southmoor", "Eastbrook", "Westholme", "Central")
TEAMS = (
    ("Assessment Team 1", "Northfield"),
    ("Assessment Team 2", "Southmoor"),
    ("Children in Care Team", "Eastbrook"),
    ("Leaving Care Team", "Westholme"),
    ("Disabled Children's Team", "Central"),
    ("Adolescent Team", "Central"),
)
WEEKS = tuple(dt.date(2022, 1, 3) + dt.timedelta(weeks=i) for i in range(7))  # Mondays from 3 January 2022
MONTHS = ("Oct-21", "Nov-21", "Dec-21")
NOTE = "Note: caseloads are counted at 9am on the Monday; '-' means the team did not return figures."
SOURCE_NOTE = "Source: Children's Services performance team, case management system extract."


def _weekly_value(team: int, week: int) -> int:
    return 14 + (team * 5 + week * 3) % 11


def worker_sheet(name: str, month: str, shift: int) -> SheetSpec:
    """Worker-level caseloads for one month: title, merged title, spacer rows between teams, notes."""
    rows: list[list[Cell]] = [
        [f"Social work caseloads by worker – {month}"],
        ["Children's Services, Wenmoor Borough Council (fictional)"],
        [],
        ["Team", "Social worker", "FTE", "Agency", "No. of cases"],
    ]
    oddities = {(0, 1): "N/A", (1, 2): "-", (2, 0): "–", (3, 1): " 19 "}  # missing markers; stray spaces
    for t, (team, _district) in enumerate(TEAMS[:4]):
        for w in range(3):
            cases: Cell = (
                str(12 + (t * 7 + w * 3 + shift) % 15) if (t + w) % 3 == 0 else 12 + (t * 7 + w * 3 + shift) % 15
            )
            cases = oddities.get((t, w), cases)
            fte = 0.5 if w == 2 and t % 2 else 1.0
            rows.append([team, f"Worker {chr(65 + t)}{w + 1}", fte, "Yes" if (t + w) % 4 == 0 else "No", cases])
        rows.append([])  # a spacer row between teams
    rows.pop()
    rows += [[], [NOTE], [SOURCE_NOTE]]
    return SheetSpec(name, rows, ["A1:E1"])


def team_averages_sheet() -> SheetSpec:
    """Average caseload per team for three months, months as columns."""
    rows: list[list[Cell]] = [["Average caseload per worker by team"], [], ["Team", *MONTHS]]
    for t, (team, _district) in enumerate(TEAMS):
        rows.append([team, *[round(15 + ((t * 3 + m * 2) % 9) * 0.7, 1) for m in range(3)]])
    rows += [[], ["Averages are total allocated children divided by case-holding FTE."]]
    return SheetSpec("Team averages", rows, ["A1:D1"])


def progress_report_sheet() -> SheetSpec:
    """The progress report table: a group label merged over two period columns, ranges as text."""
    rows: list[list[Cell]] = [
        ["Social work caseloads – progress report to Scrutiny Committee"],
        [],
        [
            "Team",
            "Average Caseload",
            None,
            "Caseload Range",
            None,
            "Workers with a caseload > 25",
            None,
        ],
        [None, "Dec-21", "Mar-22", "Dec-21", "Mar-22", "Dec-21", "Mar-22"],
    ]
    total_workers = [0, 0]
    for t, (team, _district) in enumerate(TEAMS):
        dec, mar = 16 + t % 5, 15 + (t * 2) % 7
        over = [t % 3, (t + 1) % 3]
        total_workers = [total_workers[0] + over[0], total_workers[1] + over[1]]
        rows.append([team, dec, mar, f"{8 + t} – {30 + t * 2}", f"{7 + t} – {28 + t}", *over])
    rows.append(["Total", 17.8, 17.5, "8 – 40", "7 – 33", *total_workers])
    rows += [[], ["Ranges show the lowest and highest caseload of any worker in the team."]]
    return SheetSpec("Progress report", rows, ["A1:G1", "B3:C3", "D3:E3", "F3:G3", "A3:A4"])


def weekly_sheet(name: str, header_style: str) -> SheetSpec:
    """Team caseloads with one column per week; headers as dates, as 'w/c' text, or as bare serials."""

    def header(week: dt.date) -> Cell:
        if header_style == "dates":
            return week
        if header_style == "text":
            return "w/c " + week.strftime("%d/%m/%y")
        return (week - dt.date(1899, 12, 30)).days  # what a date header becomes when its format is lost

    rows: list[list[Cell]] = [
        ["Weekly allocated caseloads by team"],
        [],
        ["District", "Team", *[header(w) for w in WEEKS]],
    ]
    for t, (team, district) in enumerate(TEAMS):
        values: list[Cell] = [_weekly_value(t, w) for w in range(len(WEEKS))]
        if t == 2:
            values[3] = "-"  # no return that week
        rows.append([district, team, *values])
    rows += [[], [NOTE]]
    return SheetSpec(name, rows, ["A1:I1"])


def district_totals_sheet() -> SheetSpec:
    """Allocated children per district per week (5 districts x 7 weeks) with a Total row."""
    rows: list[list[Cell]] = [["Allocated children by district, week commencing"], [], ["District", *WEEKS]]
    totals = [0] * len(WEEKS)
    for d, district in enumerate(DISTRICTS):
        values = [300 + (d * 41 + w * 13) % 120 for w in range(len(WEEKS))]
        totals = [a + b for a, b in zip(totals, values, strict=True)]
        rows.append([district, *[f"{v:,}" if d == 0 else v for v in values]])  # one row typed as text
    rows.append(["Total", *totals])
    return SheetSpec("District totals", rows, ["A1:H1"])


def measures_sheet() -> SheetSpec:
    """Service measures as rows, months as columns, with thousands separators typed as text."""
    rows: list[list[Cell]] = [
        ["Children's social care – key measures"],
        ["Monthly, 2022"],
        [],
        ["Measure", "Apr-22", "May-22", "Jun-22"],
        ["Contacts received", "1,204", "1,187", "1,315"],
        ["Referrals received", 402, 388, 421],
        ["Assessments completed within 45 working days (%)", 87.5, 91.2, "N/A"],
        ["Children in need", 1210, "1,198", 1232],
        ["Children subject to a child protection plan", 288, 279, "–"],
        ["Children in care", 402, 405, 409],
        [],
        ["N/A: the indicator was not reported that month."],
    ]
    return SheetSpec("Key measures", rows, ["A1:D1"])


WORKBOOKS: tuple[WorkbookSpec, ...] = (
    WorkbookSpec(
        "worker_caseloads",
        [worker_sheet("Dec 2021", "December 2021", 0), worker_sheet("Mar 2022", "March 2022", 4)],
    ),
    WorkbookSpec("team_averages", [team_averages_sheet()]),
    WorkbookSpec("progress_report", [progress_report_sheet()]),
    WorkbookSpec(
        "weekly_by_team",
        [
            weekly_sheet("Weekly (dates)", "dates"),
            weekly_sheet("Weekly (text)", "text"),
            weekly_sheet("Weekly (serials)", "serials"),
        ],
    ),
    WorkbookSpec("district_totals", [district_totals_sheet()]),
    WorkbookSpec("service_measures", [measures_sheet()]),
)


def workbook_spec(name: str) -> WorkbookSpec:
    return next(w for w in WORKBOOKS if w.name == name)


# --- the two writers --------------------------------------------------------------------------


def write_openpyxl(spec: WorkbookSpec, path: Path) -> Path:
    book = openpyxl.Workbook()
    book.remove(book.active)
    book.properties.created = book.properties.modified = FIXED_TIME
    for sheet_spec in spec.sheets:
        sheet = book.create_sheet(sheet_spec.name)
        for r, row in enumerate(sheet_spec.rows, start=1):
            for c, value in enumerate(row, start=1):
                if value is None:
                    continue
                cell = sheet.cell(row=r, column=c, value=value)
                if isinstance(value, dt.date):
                    cell.number_format = DATE_FORMAT
        for merge in sheet_spec.merges:
            sheet.merge_cells(merge)
        for c in range(1, max((len(r) for r in sheet_spec.rows), default=1) + 1):
            sheet.column_dimensions[get_column_letter(c)].width = 14
    book.save(path)
    return path


def write_xlsxwriter(spec: WorkbookSpec, path: Path) -> Path:
    book = xlsxwriter.Workbook(str(path))
    book.set_properties({"created": FIXED_TIME})
    dates = book.add_format({"num_format": DATE_FORMAT})
    for sheet_spec in spec.sheets:
        sheet = book.add_worksheet(sheet_spec.name)
        merged_at = {}
        for merge in sheet_spec.merges:
            first = merge.split(":")[0]
            merged_at[first] = merge
        for r, row in enumerate(sheet_spec.rows):
            for c, value in enumerate(row):
                if value is None:
                    continue
                ref = f"{get_column_letter(c + 1)}{r + 1}"
                if ref in merged_at:
                    continue  # written by merge_range below
                if isinstance(value, dt.date):
                    sheet.write_datetime(r, c, dt.datetime.combine(value, dt.time()), dates)
                else:
                    sheet.write(r, c, value)
        for merge in sheet_spec.merges:
            first = merge.split(":")[0]
            r0, c0 = openpyxl.utils.cell.coordinate_to_tuple(first)
            value = sheet_spec.rows[r0 - 1][c0 - 1] if c0 - 1 < len(sheet_spec.rows[r0 - 1]) else None
            sheet.merge_range(merge, "" if value is None else value)
        sheet.set_column(0, 20, 14)
    book.close()
    return path


WRITERS: dict[str, Callable[[WorkbookSpec, Path], Path]] = {"openpyxl": write_openpyxl, "xlsxwriter": write_xlsxwriter}


def write_all(folder: Path) -> dict[tuple[str, str], Path]:
    """Every workbook by every writer: {(workbook, writer): path}."""
    folder.mkdir(parents=True, exist_ok=True)
    out = {}
    for spec in WORKBOOKS:
        for writer, write in WRITERS.items():
            out[(spec.name, writer)] = write(spec, folder / f"{spec.name}_{writer}.xlsx")
    return out


# --- LibreOffice re-saves (committed; remade only by hand) ------------------------------------

# The CSV filter options are tokens: 44 field separator (,), 34 text delimiter ("), 1 character
# set (rtl_TextEncoding 1 is Windows-1252; 76 is UTF-8; "1252" is NOT understood and silently
# writes en dashes as control character 0x13), 1 first line, (empty) cell formats, 0 language,
# false quote all text, true detect special numbers, true save cell contents as shown (dates as
# dd/mm/yyyy), false cell formulas, false remove spaces, -1 every sheet to its own file
# (name-Sheet.csv; LibreOffice 7.2 and later).
LIBREOFFICE_TARGETS = {
    "xlsx": "xlsx:Calc MS Excel 2007 XML",
    "ods": "ods",
    "xls": "xls:MS Excel 97",
    "csv": "csv:Text - txt - csv (StarCalc):44,34,1,1,,0,false,true,true,false,false,-1",
}


def libreoffice_resave(source: Path, out_dir: Path, target: str) -> list[Path]:
    """Convert with soffice into ``out_dir``; returns the files it wrote."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise SystemExit("LibreOffice (soffice) is not installed: apt-get install -y libreoffice-calc-nogui")
    with tempfile.TemporaryDirectory() as profile, tempfile.TemporaryDirectory() as work:
        before = set(Path(work).iterdir())
        subprocess.run(
            [
                soffice,
                f"-env:UserInstallation=file://{profile}",
                "--headless",
                "--convert-to",
                LIBREOFFICE_TARGETS[target],
                "--outdir",
                work,
                str(source),
            ],
            check=True,
            capture_output=True,
            timeout=180,
        )
        written = []
        for made in sorted(set(Path(work).iterdir()) - before):
            dest = out_dir / made.name.replace(" ", "_").replace("(", "").replace(")", "")
            shutil.move(made, dest)
            written.append(dest)
        return written


def write_libreoffice_fixtures(out_dir: Path = LIBREOFFICE_DIR) -> list[Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    with tempfile.TemporaryDirectory() as tmp:
        for spec in WORKBOOKS:
            source = write_openpyxl(spec, Path(tmp) / f"{spec.name}.xlsx")
            for target in LIBREOFFICE_TARGETS:
                written += libreoffice_resave(source, out_dir, target)
        # A legacy .xls with one cell in its far corner (IV65536): calamine would build all 16.7
        # million cells (1 GB). Only LibreOffice here can write .xls.
        corner = minimal_xlsx(Path(tmp) / "far_corner.xlsx", row_xml(1, [("A", "Team")]) + row_xml(65536, [("IV", 1)]))
        written += libreoffice_resave(corner, out_dir, "xls")
    return written


# --- bad files --------------------------------------------------------------------------------

_CT = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    b'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    b'<Default Extension="xml" ContentType="application/xml"/>'
    b'<Override PartName="/xl/workbook.xml" '
    b'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    b'<Override PartName="/xl/worksheets/sheet1.xml" '
    b'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    b'<Override PartName="/xl/sharedStrings.xml" '
    b'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>'
)
_RELS = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    b'<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    b'officeDocument" Target="xl/workbook.xml"/></Relationships>'
)
_WORKBOOK = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    b'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    b'<sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
_WORKBOOK_RELS = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    b'<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    b'worksheet" Target="worksheets/sheet1.xml"/>'
    b'<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    b'sharedStrings" Target="sharedStrings.xml"/></Relationships>'
)
_SHEET_HEAD = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
)
_EMPTY_SST = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="0" uniqueCount="0"/>'
)


def minimal_xlsx(
    path: Path,
    sheet_data: bytes | Iterable[bytes],
    *,
    shared_strings: bytes = _EMPTY_SST,
    sheet_head: bytes = _SHEET_HEAD,
    dimension: str | None = None,
    extra_members: Iterable[tuple[str, bytes]] = (),
    sheet_tail: bytes = b"",
) -> Path:
    """The smallest .xlsx calamine reads, with the sheet's <sheetData> content given as bytes.

    An iterable of byte pieces is streamed into the zip, so a sheet of hundreds of MB never sits
    in memory (the zip bomb is made this way). ``sheet_tail`` goes after <sheetData> (merged ranges).
    """
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", _CT)
        archive.writestr("_rels/.rels", _RELS)
        archive.writestr("xl/workbook.xml", _WORKBOOK)
        archive.writestr("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS)
        archive.writestr("xl/sharedStrings.xml", shared_strings)
        head = sheet_head + (f'<dimension ref="{dimension}"/>'.encode() if dimension else b"") + b"<sheetData>"
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as part:
            part.write(head)
            if isinstance(sheet_data, bytes):
                part.write(sheet_data)
            else:
                for piece in sheet_data:
                    part.write(piece)
            part.write(b"</sheetData>" + sheet_tail + b"</worksheet>")
        for member, data in extra_members:
            archive.writestr(member, data)
    return path


def row_xml(row: int, cells: Iterable[tuple[str, object]]) -> bytes:
    """<row r="N"> with number cells and inline-string cells: cells are (column letters, value)."""
    parts = [f'<row r="{row}">']
    for letters, value in cells:
        if isinstance(value, str):
            parts.append(f'<c r="{letters}{row}" t="inlineStr"><is><t>{value}</t></is></c>')
        else:
            parts.append(f'<c r="{letters}{row}"><v>{value}</v></c>')
    parts.append("</row>")
    return "".join(parts).encode()


def small_table_rows() -> bytes:
    """A tiny caseload table (header and two teams) for bad files that should otherwise read."""
    header = row_xml(1, [("A", "Team"), ("B", "Month"), ("C", "Caseload")])
    return (
        header
        + row_xml(2, [("A", "Assessment Team 1"), ("B", "Mar-22"), ("C", 21)])
        + row_xml(3, [("A", "Leaving Care Team"), ("B", "Mar-22"), ("C", 18)])
    )


def zip_bomb(path: Path, unpacked_bytes: int) -> Path:
    """A valid .xlsx whose sheet unpacks to ``unpacked_bytes`` of blank space: ~1000:1 compression."""
    block = b" " * (1024 * 1024)
    pieces = (block[: min(len(block), unpacked_bytes - done)] for done in range(0, unpacked_bytes, len(block)))
    return minimal_xlsx(path, pieces)


def many_members_zip(path: Path, members: int) -> Path:
    """A zip of many tiny parts: a member-count bomb (zipfile builds one object per member)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as archive:
        archive.writestr("[Content_Types].xml", _CT)
        archive.writestr("xl/workbook.xml", _WORKBOOK)
        for i in range(members):
            archive.writestr(f"xl/media/p{i}.xml", b"")
    return path


def billion_laughs(levels: int = 9) -> bytes:
    """The classic entity expansion prolog: &lol9; would expand to 10**9 'lol's."""
    entities = ['<!ENTITY lol "lol">']
    for i in range(1, levels + 1):
        ref = "&lol;" if i == 1 else f"&lol{i - 1};"
        entities.append(f'<!ENTITY lol{i} "{ref * 10}">')
    return ('<?xml version="1.0"?>\n<!DOCTYPE lolz [' + "".join(entities) + "]>").encode()


def entity_attack_xlsx(path: Path, kind: str) -> Path:
    """kind 'laughs-sheet', 'laughs-strings' or 'external': the entity used in a cell that is read."""
    if kind == "external":
        prolog = b'<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
        ref = b"&xxe;"
    else:
        prolog, ref = billion_laughs(), b"&lol9;"
    cells = b'<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1"><v>1</v></c></row>'
    sst = (
        b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1">'
        b"<si><t>" + ref + b"</t></si></sst>"
    )
    if kind == "laughs-sheet":
        head = prolog + b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        cells = b'<row r="1"><c r="A1" t="inlineStr"><is><t>' + ref + b'</t></is></c><c r="B1"><v>1</v></c></row>'
        return minimal_xlsx(path, cells, sheet_head=head)
    return minimal_xlsx(path, cells, shared_strings=prolog + sst)


def huge_rows_xlsx(path: Path, rows: int) -> Path:
    """A real sheet of ``rows`` rows of one number each (3 million rows unpack to about 100 MB)."""
    batch = 10_000

    def pieces() -> Iterable[bytes]:
        for start in range(1, rows + 1, batch):
            stop = min(start + batch, rows + 1)
            yield "".join(f'<row r="{i}"><c r="A{i}"><v>{i % 50}</v></c></row>' for i in range(start, stop)).encode()

    return minimal_xlsx(path, pieces())


def unsaved_formulas_xlsx(path: Path, writer: str) -> Path:
    """A table whose Total is a formula never calculated (what scripts and some exports write)."""
    if writer == "openpyxl":
        book = openpyxl.Workbook()
        sheet = book.active
        sheet.title = "Caseloads"
        sheet.append(["Team", "Month", "Caseload"])
        sheet.append(["Assessment Team 1", "Mar-22", "=10+11"])
        sheet.append(["Leaving Care Team", "Mar-22", "=9*2"])
        sheet.append(["Total", None, "=SUM(C2:C3)"])
        book.save(path)
        return path
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("Caseloads")
    sheet.write_row(0, 0, ["Team", "Month", "Caseload"])
    sheet.write_row(1, 0, ["Assessment Team 1", "Mar-22"])
    sheet.write_formula(1, 2, "=10+11", None, "")  # value '' : written as <v></v>, as if never calculated
    sheet.write_row(2, 0, ["Leaving Care Team", "Mar-22"])
    sheet.write_formula(2, 2, "=9*2", None, "")
    sheet.write(3, 0, "Total")
    sheet.write_formula(3, 2, "=SUM(C2:C3)", None, "")
    book.close()
    return path


def encrypt_workbook(source: Path, dest: Path, password: str) -> Path:
    """Encrypt an .xlsx the way Excel's 'Encrypt with Password' does (ECMA-376 agile encryption)."""
    from msoffcrypto.format.ooxml import OOXMLFile

    out = io.BytesIO()
    with source.open("rb") as handle:
        OOXMLFile(handle).encrypt(password, out)
    dest.write_bytes(out.getvalue())
    return dest


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("import_fixtures"), help="folder for the generated workbooks")
    parser.add_argument("--libreoffice", action="store_true", help=f"remake the committed copies in {LIBREOFFICE_DIR}")
    args = parser.parse_args(argv)
    for path in write_all(args.out).values():
        print(path)
    if args.libreoffice:
        for path in write_libreoffice_fixtures():
            print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
