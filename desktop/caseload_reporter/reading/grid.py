"""Reading any supported file into raw grids of cells, choosing the reader from the content.

A grid is the sheet exactly as the reader saw it (title rows, blanks, notes and all); making
sense of it is :mod:`caseload_reporter.reading.layout`'s job. Safety checks happen here,
before any parser sees the bytes.
"""

from __future__ import annotations

import codecs
import csv
import io
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import python_calamine

from caseload_reporter.reading.problems import (
    EmptyFile,
    ImportProblem,
    NotASpreadsheet,
    PasswordProtected,
    UnsafeFile,
)

# Absolute caps, not ratios: real styles.xml parts compress 50:1 and more. A large caseload
# workbook is a few MB unpacked; these leave room for a 200,000-row extract and refuse bombs.
MAX_FILE_BYTES = 200 * 1024 * 1024
MAX_UNPACKED_PART_BYTES = 400 * 1024 * 1024
MAX_UNPACKED_TOTAL_BYTES = 600 * 1024 * 1024
MAX_SHEET_CELLS = 12_000_000

OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"

FORMAT_NAMES = {
    "xlsx": "Excel workbook",
    "xlsm": "Excel macro-enabled workbook",
    "xls": "Excel 97-2003 workbook",
    "ods": "OpenDocument spreadsheet",
    "csv": "CSV file",
}


@dataclass
class Grid:
    """One sheet's cells as read, with merged ranges as ((row, col), (row, col)) pairs, 0-based."""

    name: str
    rows: list[list[object]]
    merged: list[tuple[tuple[int, int], tuple[int, int]]] = field(default_factory=list)


@dataclass
class Workbook:
    path: Path
    format: str  # a key of FORMAT_NAMES
    grids: list[Grid]
    encoding: str | None = None  # for CSV: the encoding it was read with


def sniff_format(head: bytes, path: Path) -> str:
    """Which reader fits these bytes. The extension is only a tie-breaker for zip containers."""
    if not head:
        raise EmptyFile(f"{path.name} is empty: it has no data to import.")
    if head.startswith(ZIP_MAGIC):
        return _sniff_zip(path)
    if head.startswith(OLE2_MAGIC):
        return "xls"  # or an encrypted OOXML workbook: told apart when it is opened
    if head.startswith(b"%PDF"):
        raise NotASpreadsheet(f"{path.name} is a PDF document, not a spreadsheet.")
    if head.startswith((b"\x89PNG", b"\xff\xd8\xff", b"GIF8")):
        raise NotASpreadsheet(f"{path.name} is a picture, not a spreadsheet.")
    if head.lstrip().lower().startswith((b"<!doctype html", b"<html")):
        raise NotASpreadsheet(f"{path.name} is a web page, not a spreadsheet.")
    if b"\x00" in head[:4096] and not head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise NotASpreadsheet(f"{path.name} is not a spreadsheet or a CSV file.")
    return "csv"


def _sniff_zip(path: Path) -> str:
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
            _check_unpacked_sizes(archive, path)
            mimetype = archive.read("mimetype")[:100] if "mimetype" in names else b""
    except zipfile.BadZipFile as exc:
        raise NotASpreadsheet(
            f"{path.name} looks like an Excel file but is damaged or incomplete, so it cannot be read."
        ) from exc
    if "xl/workbook.xml" in names or "xl/workbook.bin" in names:
        if "xl/workbook.bin" in names:
            raise NotASpreadsheet(f"{path.name} is an Excel binary workbook (.xlsb); save it as .xlsx in Excel first.")
        return "xlsm" if "xl/vbaProject.bin" in names else "xlsx"
    if b"opendocument.spreadsheet" in mimetype:
        return "ods"
    if "word/document.xml" in names or b"opendocument.text" in mimetype:
        raise NotASpreadsheet(f"{path.name} is a word-processing document, not a spreadsheet.")
    raise NotASpreadsheet(f"{path.name} is a zip archive, not a spreadsheet.")


def _check_unpacked_sizes(archive: zipfile.ZipFile, path: Path) -> None:
    total = 0
    for info in archive.infolist():
        total += info.file_size
        if info.file_size > MAX_UNPACKED_PART_BYTES or total > MAX_UNPACKED_TOTAL_BYTES:
            raise UnsafeFile(
                f"{path.name} would unpack to more than {MAX_UNPACKED_TOTAL_BYTES // 2**20} MB, "
                "far larger than any caseload workbook, so it was not opened."
            )


def read_workbook(path: Path | str) -> Workbook:
    """Read every sheet of a workbook or CSV file into grids. Raises ImportProblem."""
    path = Path(path)
    try:
        size = path.stat().st_size
        with path.open("rb") as handle:
            head = handle.read(8192)
    except FileNotFoundError as exc:
        raise ImportProblem(f"{path.name} could not be found; it may have been moved or deleted.") from exc
    except PermissionError as exc:
        raise ImportProblem(f"{path.name} could not be opened: permission was refused.") from exc
    except IsADirectoryError as exc:
        raise ImportProblem(f"{path.name} is a folder, not a file.") from exc
    except OSError as exc:
        raise ImportProblem(f"{path.name} could not be read: {exc.strerror or exc}.") from exc
    if size > MAX_FILE_BYTES:
        raise UnsafeFile(f"{path.name} is {size // 2**20} MB, far larger than any caseload file, so it was not opened.")
    fmt = sniff_format(head, path)
    if fmt == "csv":
        return _read_csv(path)
    return _read_with_calamine(path, fmt)


def _read_with_calamine(path: Path, fmt: str) -> Workbook:
    try:
        with path.open("rb") as handle:
            book = python_calamine.CalamineWorkbook.from_filelike(handle)
        grids = []
        for meta in book.sheets_metadata:
            if str(meta.typ) != "SheetTypeEnum.WorkSheet":
                continue  # chart sheets and macro sheets hold no table
            sheet = book.get_sheet_by_name(meta.name)
            if sheet.total_height * max(sheet.total_width, 1) > MAX_SHEET_CELLS:
                raise UnsafeFile(
                    f"Sheet '{meta.name}' in {path.name} has {sheet.total_height:,} rows and "
                    f"{sheet.total_width:,} columns, far more than any caseload file, so it was not read."
                )
            rows = sheet.to_python(skip_empty_area=False)
            merged = list(sheet.merged_cell_ranges or [])
            grids.append(Grid(meta.name, rows, merged))
    except ImportProblem:
        raise
    except python_calamine.PasswordError as exc:
        raise _password_problem(path) from exc
    except Exception as exc:  # calamine raises several unrelated types for damaged files
        if fmt == "xls" and _looks_encrypted(path):
            raise _password_problem(path) from exc
        raise NotASpreadsheet(
            f"{path.name} could not be read as {_article(FORMAT_NAMES[fmt])}: "
            "it may be damaged, incomplete or not really a spreadsheet."
        ) from exc
    if not grids:
        raise EmptyFile(f"{path.name} has no worksheets to import.")
    return Workbook(path, fmt, grids)


def _article(noun: str) -> str:
    return ("an " if noun[0].lower() in "aeio" else "a ") + noun


def _looks_encrypted(path: Path) -> bool:
    """An encrypted .xlsx is an OLE2 container with an EncryptionInfo stream."""
    with path.open("rb") as handle:
        data = handle.read(2 * 1024 * 1024)
    return "EncryptionInfo".encode("utf-16-le") in data


def _password_problem(path: Path) -> PasswordProtected:
    return PasswordProtected(f"{path.name} is protected with a password, so it cannot be read as it is.")


# --- CSV -----------------------------------------------------------------------------------


def decode_text(data: bytes, path: Path) -> tuple[str, str]:
    """Decode strictly, most likely first; never fall back to latin-1, which cannot fail."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        candidates = ["utf-16"]
    else:
        candidates = ["utf-8-sig", "cp1252"]
    for encoding in candidates:
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    raise NotASpreadsheet(
        f"{path.name} uses a text encoding that could not be recognised; "
        "save it from Excel as 'CSV UTF-8' and open it again."
    )


def _read_csv(path: Path) -> Workbook:
    data = path.read_bytes()
    text, encoding = decode_text(data, path)
    if not text.strip():
        raise EmptyFile(f"{path.name} is empty: it has no data to import.")
    sample = text[:20000]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t|")
        delimiter = dialect.delimiter
    except csv.Error:
        delimiter = ","
    try:
        rows: list[list[object]] = [list(r) for r in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)]
    except csv.Error as exc:
        raise NotASpreadsheet(f"{path.name} is not a readable CSV file ({exc}).") from exc
    width = max((len(r) for r in rows), default=0)
    for r in rows:
        if len(r) < width:
            r.extend([""] * (width - len(r)))
    return Workbook(path, "csv", [Grid(path.stem, rows)], encoding=encoding)
