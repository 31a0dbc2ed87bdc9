"""Reading any supported file into raw grids of cells, choosing the reader from the content.

A grid is the sheet exactly as the reader saw it (title rows, blanks, notes and all); making
sense of it is :mod:`caseload_reporter.reading.layout`'s job. The file is read into memory once
(it is capped in size), its real format is sniffed from the bytes (the extension is never
trusted: officers rename files), the container is checked by
:mod:`caseload_reporter.reading.security` and only then given to python-calamine, which reads
.xlsx, .xlsm, .xls and .ods. CSV is decoded strictly, never with latin-1, which cannot fail and
so silently corrupts curly quotes and dashes.
"""

from __future__ import annotations

import codecs
import csv
import gc
import io
import re
import struct
import zipfile
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import cast

import python_calamine

from caseload_reporter.reading.native_stderr import panic_reports_held_back
from caseload_reporter.reading.ods_checks import check_ods_encryption, scan_ods_content
from caseload_reporter.reading.problems import (
    DamagedFile,
    EmptyFile,
    ImportProblem,
    NotASpreadsheet,
    PasswordProtected,
    TooLarge,
    UnsavedFormulas,
)
from caseload_reporter.reading.sheet_extent_limits import MAX_SHEET_CELLS, MAX_SHEET_ROWS
from caseload_reporter.reading.xls_checks import open_ole2, scan_xls
from caseload_reporter.reading.xlsx_sheet_scan import scan_xlsx_sheets
from caseload_reporter.reading.zip_package_checks import check_xml_prologs, open_zip, package_parts

MAX_FILE_BYTES = 200 * 1024 * 1024
MAX_CSV_BYTES = 120 * 1024 * 1024  # decoded text may take four bytes per character

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
    encrypted: bool = False  # it was opened with a password (decrypted in memory only)


def sniff_format(head: bytes, path: Path, data: bytes | None = None) -> str:
    """Which reader fits these bytes: 'xlsx', 'xlsm', 'ods', 'xls', 'csv', or 'ole2' (legacy or encrypted).

    ``data`` is the whole file; zip containers need it to look inside. Raises ImportProblem.
    """
    name = path.name
    if not head:
        raise EmptyFile(f"{name} is empty: it has no data to import.")
    if head.startswith(ZIP_MAGIC) or head.startswith(b"PK\x05\x06"):
        return _sniff_zip(data if data is not None else path.read_bytes(), name)
    if head.startswith(OLE2_MAGIC):
        return "ole2"
    if _is_bare_biff(head):
        raise NotASpreadsheet(
            f"{name} is in an old Excel format (Excel 4.0 or earlier) that this app cannot read; open it in Excel "
            "and save it as an Excel workbook (.xlsx)."
        )
    if head.startswith(b"%PDF"):
        raise NotASpreadsheet(f"{name} is a PDF document, not a spreadsheet.")
    if head.startswith((b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"II*\x00", b"MM\x00*")):
        raise NotASpreadsheet(f"{name} is a picture, not a spreadsheet.")
    if head.startswith(b"{\\rtf"):
        raise NotASpreadsheet(f"{name} is a word-processing document, not a spreadsheet.")
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if start.startswith((b"<!doctype html", b"<html", b"<table")):
        raise NotASpreadsheet(
            f"{name} is a web page, not a spreadsheet; open it in Excel and save it as an Excel workbook (.xlsx)."
        )
    if start.startswith(b"<?xml"):
        if b"urn:schemas-microsoft-com:office:spreadsheet" in head:
            raise NotASpreadsheet(
                f"{name} is an Excel 2003 XML spreadsheet; open it in Excel and save it as an Excel workbook (.xlsx)."
            )
        if _FLAT_OPENDOCUMENT.search(head) and b"opendocument.spreadsheet" in head:
            raise NotASpreadsheet(
                f"{name} is a flat OpenDocument spreadsheet (.fods), which this app cannot read; open it in "
                "LibreOffice and save it as an OpenDocument spreadsheet (.ods) or an Excel workbook (.xlsx)."
            )
        raise NotASpreadsheet(f"{name} is an XML document, not a spreadsheet.")
    utf16_bom = head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
    if b"\x00" in head[:4096] and not utf16_bom and utf16_without_bom(head) is None:
        raise NotASpreadsheet(f"{name} is not a spreadsheet or a CSV file.")
    return "csv"


# A whole OpenDocument file in one XML document (LibreOffice's "Flat XML" formats): calamine reads
# only zipped OpenDocument, and its reader refuses the indented XML LibreOffice writes here.
_FLAT_OPENDOCUMENT = re.compile(rb"<[\w.-]+:document\b[^>]*urn:oasis:names:tc:opendocument:xmlns:office:1\.0")

# The BOF record that opens an Excel 2.1 to 4.0 file (BIFF2 to BIFF4, with no container around it),
# or a bare BIFF5/8 stream: its type, then a length, a version and the kind of sheet (worksheet,
# chart, macro sheet, or an Excel 4.0 workbook).
_BARE_BOF_TYPES = (0x0009, 0x0209, 0x0409, 0x0809)
_BARE_BOF_KINDS = (0x0005, 0x0010, 0x0020, 0x0040, 0x0100)


def _is_bare_biff(head: bytes) -> bool:
    if len(head) < 8:
        return False
    kind, length, _, sheet_kind = struct.unpack_from("<HHHH", head)
    return kind in _BARE_BOF_TYPES and 4 <= length <= 20 and sheet_kind in _BARE_BOF_KINDS


def _sniff_zip(data: bytes, name: str) -> str:
    archive = open_zip(data, name)
    try:
        return _zip_kind(archive, name)
    except ImportProblem:
        raise
    except Exception as exc:  # BadZipFile (CRC), zlib.error, EOFError in a part read to tell the kind
        raise DamagedFile(
            f"{name} looks like a spreadsheet but is damaged or incomplete, so it cannot be read."
        ) from exc


def _zip_kind(archive: zipfile.ZipFile, name: str) -> str:
    names = {n.replace("\\", "/").lower() for n in archive.namelist()}
    mimetype = archive.read("mimetype")[:100] if "mimetype" in archive.namelist() else b""
    if b"opendocument.spreadsheet" in mimetype:
        check_ods_encryption(archive, name)
        return "ods"
    if "word/document.xml" in names or b"opendocument.text" in mimetype:
        raise NotASpreadsheet(f"{name} is a word-processing document, not a spreadsheet.")
    if "ppt/presentation.xml" in names or b"opendocument.presentation" in mimetype:
        raise NotASpreadsheet(f"{name} is a presentation, not a spreadsheet.")
    package = package_parts(archive, name)
    if package.workbook:
        return "xlsm" if package.macros else "xlsx"
    if package.binary_workbook:
        raise NotASpreadsheet(f"{name} is an Excel binary workbook (.xlsb); save it as .xlsx in Excel first.")
    if "[content_types].xml" in names and any(n.startswith("xl/") for n in names):
        raise DamagedFile(f"{name} looks like an Excel workbook but is damaged or incomplete, so it cannot be read.")
    raise NotASpreadsheet(f"{name} is a zip archive, not a spreadsheet.")


def read_workbook(path: Path | str, password: str | None = None) -> Workbook:
    """Read every sheet of a workbook or CSV file into grids. Raises ImportProblem.

    ``password`` opens an encrypted workbook; it is decrypted in memory and never written out.
    A password given for a file that has none is ignored.
    """
    path = Path(path)
    data = _read_bytes(path)
    fmt = sniff_format(data[:8192], path, data)
    encrypted = False
    if fmt == "ole2":
        decrypted = open_ole2(data, path.name, password)
        if decrypted is None:
            fmt = "xls"
        else:
            data, encrypted = decrypted, True
            fmt = "xls" if decrypted.startswith(OLE2_MAGIC) else _sniff_zip(decrypted, path.name)
    if fmt == "csv":
        return _read_csv(data, path)
    _check_before_parsing(data, fmt, path.name)
    book = _read_with_calamine(data, fmt, path)
    book.encrypted = encrypted
    return book


def _read_bytes(path: Path) -> bytes:
    try:
        size = path.stat().st_size
        if path.is_dir():
            raise IsADirectoryError
        if size > MAX_FILE_BYTES:
            raise TooLarge(
                f"{path.name} is {size // 2**20} MB, far larger than any caseload file, so it was not opened."
            )
        return path.read_bytes()
    except FileNotFoundError as exc:
        raise ImportProblem(f"{path.name} could not be found; it may have been moved or deleted.") from exc
    except PermissionError as exc:
        raise ImportProblem(
            f"{path.name} could not be opened: permission was refused, or it is open in another program."
        ) from exc
    except IsADirectoryError as exc:
        raise ImportProblem(f"{path.name} is a folder, not a file.") from exc
    except OSError as exc:
        raise ImportProblem(f"{path.name} could not be read: {exc.strerror or exc}.") from exc


def _check_before_parsing(data: bytes, fmt: str, name: str) -> None:
    """Container checks, then sheet extents, so calamine never meets a bomb or an absurd sheet."""
    if fmt == "xls":
        try:
            scan_xls(data, name)
        except ImportProblem:
            raise
        except Exception as exc:  # olefile and struct errors for a damaged container
            raise _damaged(name, fmt) from exc
        return
    archive = open_zip(data, name)
    try:
        if fmt == "ods":
            check_xml_prologs(archive, name)
            scan_ods_content(archive, name)
            return
        package = package_parts(archive, name)
        check_xml_prologs(archive, name, package.shared_strings)
        formulas = scan_xlsx_sheets(archive, name, package=package)
    except ImportProblem:
        raise
    except Exception as exc:  # BadZipFile (CRC), zlib.error, EOFError: a corrupt or cut part
        raise _damaged(name, fmt) from exc
    if formulas.none_saved:
        raise UnsavedFormulas(
            f"{name} has formulas whose results were never saved; open it in Excel, save it, and import it again."
        )


def _damaged(name: str, fmt: str) -> DamagedFile:
    return DamagedFile(
        f"{name} could not be read as {_article(FORMAT_NAMES[fmt])}: it may be damaged, incomplete or not "
        "really a spreadsheet."
    )


def _read_with_calamine(data: bytes, fmt: str, path: Path) -> Workbook:
    with panic_reports_held_back():  # a panic in calamine's Rust code prints its report on stderr first
        return _calamine_grids(data, fmt, path)


def _calamine_grids(data: bytes, fmt: str, path: Path) -> Workbook:
    try:
        book = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
        grids = []
        for meta in book.sheets_metadata:
            if str(meta.typ) != "SheetTypeEnum.WorkSheet":
                continue  # chart sheets and macro sheets hold no table
            sheet = book.get_sheet_by_name(meta.name)
            if sheet.height > MAX_SHEET_ROWS or sheet.height * max(sheet.width, 1) > MAX_SHEET_CELLS:
                raise TooLarge(
                    f"Sheet '{meta.name}' in {path.name} has {sheet.height:,} rows and "
                    f"{sheet.width:,} columns, far more than any caseload file, so it was not read."
                )
            with gc_paused():
                rows = cast(list[list[object]], sheet.to_python(skip_empty_area=False))  # lists of its cell types
            merged = list(sheet.merged_cell_ranges or [])
            grids.append(Grid(meta.name, rows, merged))
    except ImportProblem:
        raise
    except python_calamine.PasswordError as exc:
        raise PasswordProtected(f"{path.name} is protected with a password. Enter the password to open it.") from exc
    except (MemoryError, KeyboardInterrupt, SystemExit):
        raise
    except BaseException as exc:  # calamine raises several unrelated types for damaged files, and when its
        # Rust code panics on one (a cut .xls does), pyo3's PanicException, which is not an Exception
        raise _damaged(path.name, fmt) from exc
    if not grids:
        raise EmptyFile(f"{path.name} has no worksheets to import.")
    return Workbook(path, fmt, grids)


def _article(noun: str) -> str:
    return ("an " if noun[0].lower() in "aeio" else "a ") + noun


# --- CSV -----------------------------------------------------------------------------------


def utf16_without_bom(head: bytes) -> str | None:
    """'utf-16-le' or 'utf-16-be' when the NULs fall in every other byte, as they do for UTF-16 text
    that is mostly Latin letters and digits (a CSV); None otherwise."""
    sample = head[: 4096 - (min(len(head), 4096) % 2)]
    if len(sample) < 4:
        return None
    even, odd = sample[0::2], sample[1::2]
    even_nuls, odd_nuls = even.count(0) / len(even), odd.count(0) / len(odd)
    if odd_nuls > 0.7 and even_nuls < 0.05:
        return "utf-16-le"
    if even_nuls > 0.7 and odd_nuls < 0.05:
        return "utf-16-be"
    return None


_BINARY = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def decode_text(data: bytes, path: Path) -> tuple[str, str]:
    """Decode strictly, most likely first; never fall back to latin-1, which cannot fail."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        candidates = ["utf-16"]
    elif bare := utf16_without_bom(data[:4096]):
        candidates = [bare]
    else:
        candidates = ["utf-8-sig", "cp1252"]
    for encoding in candidates:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if len(_BINARY.findall(text[:8192])) > max(2, len(text[:8192]) // 100):
            break  # control characters throughout: binary data, not text
        return text, encoding
    if b"\x00" in data[:4096] or _BINARY.search(data[:8192].decode("latin-1")):
        raise NotASpreadsheet(f"{path.name} is not a spreadsheet or a CSV file.")
    raise NotASpreadsheet(
        f"{path.name} uses a text encoding that could not be recognised; "
        "save it from Excel as 'CSV UTF-8' and open it again."
    )


DELIMITERS = (",", ";", "\t", "|")


def choose_delimiter(text: str) -> str:
    """The delimiter that splits the most of the first lines into the same number of fields.

    Title and note lines have none, so the count that repeats (not the largest) decides; ties
    go to the delimiter that gives more columns, then to the comma.
    """
    lines = [line for line in text[:50_000].splitlines()[:60] if line.strip()]
    best, best_score = ",", (0, 0)
    for delimiter in DELIMITERS:
        counts = Counter(line.count(delimiter) for line in lines)
        counts.pop(0, None)
        if not counts:
            continue
        modal, frequency = max(counts.items(), key=lambda kv: (kv[1], kv[0]))
        if (frequency, modal) > best_score:
            best, best_score = delimiter, (frequency, modal)
    return best


def _read_csv(data: bytes, path: Path) -> Workbook:
    if len(data) > MAX_CSV_BYTES:
        size = len(data) // 2**20
        raise TooLarge(f"{path.name} is {size} MB, far larger than any caseload CSV file, so it was not read.")
    lines = data.count(b"\n") + 1
    if lines > MAX_SHEET_ROWS:
        raise TooLarge(f"{path.name} has {lines:,} lines, far more than any caseload file, so it was not read.")
    text, encoding = decode_text(data, path)
    del data
    if not text.strip():
        raise EmptyFile(f"{path.name} is empty: it has no data to import.")
    delimiter = choose_delimiter(text)
    sample_width = max((line.count(delimiter) + 1 for line in text[:50_000].splitlines()[:60]), default=1)
    if lines * sample_width > MAX_SHEET_CELLS:
        raise TooLarge(
            f"{path.name} has {lines:,} lines of {sample_width} columns, far more than any caseload file, "
            "so it was not read."
        )
    try:
        rows: list[list[object]] = [list(r) for r in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)]
    except csv.Error as exc:
        raise NotASpreadsheet(
            f"{path.name} is not a readable CSV file: a quoted value never ends or is far too long."
        ) from exc
    width = max((len(r) for r in rows), default=0)
    if len(rows) * width > MAX_SHEET_CELLS:
        raise TooLarge(
            f"{path.name} has {len(rows):,} rows of up to {width:,} columns, far more than any caseload file, "
            "so it was not read."
        )
    for r in rows:
        if len(r) < width:
            r.extend([""] * (width - len(r)))
    return Workbook(path, "csv", [Grid(path.stem, rows)], encoding=encoding)


@contextmanager
def gc_paused() -> Iterator[None]:
    """Garbage collection paused, then restored as it was. Building 200,000 row lists otherwise
    triggers full collections that find nothing to free (about 15% of the read), and each one
    while they live walks them all again; they hold no cycles, so reference counting frees them."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
