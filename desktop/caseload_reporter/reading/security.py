"""Checks made on a file's container before any parser sees its bytes.

Why here and not in the readers: python-calamine parses in Rust and cannot be interrupted.
It unpacks zip parts without limits, and it builds each sheet as a dense block from the first to
the last used cell, so a 2 KB workbook with cells in A1 and XFD1048576 makes it ask for 500 GB
and abort the whole process (no Python exception to catch). Every check below therefore reads
only what the container declares, or streams the XML once with byte-level searches, and
refuses with one sentence before the reader is called.

The same streaming pass over an .xlsx sheet also notes formulas without saved results,
because that pass is the expensive part and a second one would double it.
"""

from __future__ import annotations

import io
import posixpath
import re
import struct
import zipfile
from collections.abc import Callable, Generator, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from itertools import pairwise, takewhile
from typing import IO
from urllib.parse import unquote
from xml.etree.ElementTree import Element

import numpy as np
from defusedxml import DefusedXmlException

from caseload_reporter.reading.problems import (
    DamagedFile,
    ImportProblem,
    NotASpreadsheet,
    PasswordProtected,
    TooLarge,
    UnsafeFile,
    UnsupportedProtection,
    WrongPassword,
)

# Absolute caps, not ratios: real styles.xml parts compress 50:1 and more. A large caseload
# workbook is a few MB unpacked; the 200,000-row x 10-column benchmark's sheet is 82 MB.
MAX_UNPACKED_PART_BYTES = 400 * 1024 * 1024
MAX_UNPACKED_TOTAL_BYTES = 600 * 1024 * 1024
MAX_ZIP_MEMBERS = 5_000  # an .xlsx has 10 to 50 parts; one per sheet, image and comment set
MAX_CENTRAL_DIRECTORY_BYTES = 4 * 1024 * 1024
MAX_PROLOG_BYTES = 64 * 1024  # XML declaration and comments before the root element
# A sheet's dense extent (last used row x last used column): what calamine will allocate.
MAX_SHEET_ROWS = 1_000_000
MAX_SHEET_COLUMNS = 2_000
MAX_SHEET_CELLS = 12_000_000
MAX_ROW_BYTES = 32 * 1024 * 1024  # one row's XML; a real row is a few KB
CHUNK_BYTES = 4 * 1024 * 1024
# How much sheet XML the formula check reads at most once formulas are found (the rest is only measured).
MAX_FORMULA_SCAN_BYTES = 64 * 1024 * 1024


def check_xml_safety() -> None:
    """Refuse to run if openpyxl would parse XML without defusedxml's entity protection.

    The app reads with calamine (which expands no entities), but openpyxl is installed and used
    for writing; if it is ever used to read, it must be the defused build. Called at start-up.
    """
    import openpyxl

    if not getattr(openpyxl, "DEFUSEDXML", False):
        raise RuntimeError(
            "This installation is unsafe: openpyxl is not using defusedxml, so a crafted spreadsheet "
            "could exhaust memory. Reinstall Caseload Reporter, or install the 'defusedxml' package."
        )


# --- zip containers --------------------------------------------------------------------------


def open_zip(data: bytes, name: str) -> zipfile.ZipFile:
    """Open a zip container after checking what it declares: member count and unpacked sizes."""
    _check_central_directory(data, name)
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except Exception as exc:  # BadZipFile, and struct or value errors from a mangled directory
        raise DamagedFile(
            f"{name} looks like a spreadsheet but is damaged or incomplete, so it cannot be read."
        ) from exc
    infos = archive.infolist()
    if len(infos) > MAX_ZIP_MEMBERS:
        raise _bomb(name)
    total = 0
    for info in infos:
        total += info.file_size
        if info.file_size > MAX_UNPACKED_PART_BYTES or total > MAX_UNPACKED_TOTAL_BYTES:
            raise _bomb(name)
    return archive


def _bomb(name: str) -> UnsafeFile:
    return UnsafeFile(
        f"{name} would unpack to far more than any caseload workbook (over "
        f"{MAX_UNPACKED_TOTAL_BYTES // 2**20} MB or {MAX_ZIP_MEMBERS:,} parts), so it was not opened."
    )


def _check_central_directory(data: bytes, name: str) -> None:
    """Read the member count from the end record before zipfile builds one object per member."""
    tail = data[-(65536 + 22) :]
    at = tail.rfind(b"PK\x05\x06")
    if at < 0 or len(tail) - at < 22:
        raise DamagedFile(f"{name} looks like a spreadsheet but is damaged or incomplete, so it cannot be read.")
    entries, cd_size = struct.unpack_from("<xxxxxxxxxxHI", tail, at)
    locator = at - 20
    if (entries == 0xFFFF or cd_size == 0xFFFFFFFF) and locator >= 0 and tail[locator : locator + 4] == b"PK\x06\x07":
        (record_at,) = struct.unpack_from("<Q", tail, locator + 8)
        record = data[record_at : record_at + 56]
        if record[:4] == b"PK\x06\x06" and len(record) == 56:
            entries, cd_size = struct.unpack_from("<QQ", record, 32)
    if entries > MAX_ZIP_MEMBERS or cd_size > MAX_CENTRAL_DIRECTORY_BYTES:
        raise _bomb(name)


def check_xml_prologs(archive: zipfile.ZipFile, name: str, parts: Iterable[str] = ()) -> None:
    """Refuse, in every XML part (by its name, in any case) and in ``parts`` (the package's own,
    whatever their names), DOCTYPE and ENTITY declarations, and shared strings claiming more
    strings than the part could hold.

    calamine does not expand entities (tests/reading/test_bad_files.py shows it), but a file
    carrying them was crafted, and refusing is clearer than reading around them. It does set
    aside memory for the uniqueCount it is told before reading a string: a 1 KB file claiming
    four billion makes it ask for 96 GB and abort the whole process. Each string takes at least
    the five bytes of ``<si/>``, so a true count is never above a fifth of the part's size.
    """
    wanted = set(parts)
    for info in archive.infolist():
        if info.file_size == 0 or not (info.filename in wanted or info.filename.lower().endswith((".xml", ".rels"))):
            continue
        with archive.open(info) as part:
            head = part.read(MAX_PROLOG_BYTES)
        _check_prolog(head, name)
        claimed = _UNIQUE_COUNT.search(head)
        if claimed and int(claimed.group(1)) > info.file_size // 5 + 1:
            raise UnsafeFile(
                f"{name} claims to hold far more text than it does, as files built to crash spreadsheet "
                "readers do, so it was not opened."
            )


_UNIQUE_COUNT = re.compile(rb"<(?:[^\s<>/:!?]+:)?sst\b[^>]*?\suniqueCount\s*=\s*[\"']\s*(\d+)")


def _check_prolog(head: bytes, name: str) -> None:
    match = re.search(rb"<[A-Za-z_]", head)
    prolog = head[: match.start()] if match else head
    if b"<!DOCTYPE" in prolog or b"<!ENTITY" in prolog or (match is None and len(head) == MAX_PROLOG_BYTES):
        raise _entities(name)


def _entities(name: str) -> UnsafeFile:
    return UnsafeFile(
        f"{name} contains XML entity declarations, which spreadsheet programs never write, so it was not opened."
    )


# --- where an Office Open XML package keeps its parts -----------------------------------------

_OFFICE_DOCUMENT = "/officeDocument"
_SHARED_STRINGS = "/sharedStrings"


@dataclass
class Package:
    """The parts of an .xlsx package that matter before calamine reads it, found the way the Open
    Packaging Conventions find them (and the way calamine does): the workbook through
    ``_rels/.rels``, its sheets and shared strings through the workbook's own relationships.

    Writers put parts at the root, in folders other than xl/, and (some Windows tools) name zip
    entries with backslashes; calamine reads all of them, so each lookup tries every name that
    could be meant: as written, from the root, under xl/, with either slash, in any case.
    ``sheets`` holds every part calamine could read as a sheet, with the name officers see.
    """

    workbook: str | None = None
    binary_workbook: bool = False
    sheets: dict[str, str] = field(default_factory=dict)  # zip member -> sheet name
    shared_strings: list[str] = field(default_factory=list)
    macros: bool = False


def _normal(member: str) -> str:
    return member.replace("\\", "/").lstrip("/").lower()


def package_parts(archive: zipfile.ZipFile, name: str) -> Package:
    """Find the workbook, its sheets and shared strings. Raises DamagedFile when the workbook's
    relationships or sheet list cannot be read, or a sheet names a part the package lacks (calamine
    could not read it, and might find some other part than this scan would measure)."""
    members: dict[str, list[str]] = {}
    for member in archive.namelist():
        members.setdefault(_normal(member), []).append(member)
    package = Package(macros=any(n.rsplit("/", 1)[-1] == "vbaproject.bin" for n in members))

    def find(target: str, base: str) -> list[str]:
        target = target.replace("\\", "/").split("#", 1)[0]
        tries = [target] if target.startswith("/") else [posixpath.join(base, target), target, "xl/" + target]
        found: list[str] = []
        for candidate in tries:
            for variant in {candidate, unquote(candidate)}:
                found += members.get(_normal(posixpath.normpath("/" + variant)), [])
        return list(dict.fromkeys(found))

    root_rels = members.get("_rels/.rels", [])
    documents = [
        target
        for rels in root_rels
        for kind, target in _relationships(archive, rels, name).values()
        if kind.endswith(_OFFICE_DOCUMENT)
    ]
    candidates = [m for t in documents for m in find(t, "")] + members.get("xl/workbook.xml", [])
    candidates += members.get("xl/workbook.bin", [])
    for workbook in dict.fromkeys(candidates):
        if _normal(workbook).endswith(".bin"):
            package.binary_workbook = True
            continue
        with archive.open(workbook) as part:
            if _WORKBOOK_ROOT.search(part.read(MAX_PROLOG_BYTES)) is None:
                continue  # a word-processing document or presentation, say
        package.workbook = package.workbook or workbook
        folder, file = posixpath.split(_normal(workbook))
        relations: dict[str, tuple[str, str]] = {}
        for rels in members.get(posixpath.join(folder, "_rels", file + ".rels"), []):
            relations.update(_relationships(archive, rels, name))
        for rid, sheet in _sheet_ids(archive, workbook, name):
            kind, target = relations.get(rid, ("", ""))
            parts = find(target, folder) if target else []
            if not parts:
                raise _damaged_package(name)
            for sheet_part in parts:
                package.sheets.setdefault(sheet_part, sheet)
        for kind, target in relations.values():
            if kind.endswith(_SHARED_STRINGS):
                package.shared_strings += find(target, folder)
    return package


_WORKBOOK_ROOT = re.compile(rb"<(?:[^\s<>/:!?]+:)?workbook\b")


def _damaged_package(name: str) -> DamagedFile:
    return DamagedFile(f"{name} looks like an Excel workbook but is damaged or incomplete, so it cannot be read.")


def _relationships(archive: zipfile.ZipFile, member: str, name: str) -> dict[str, tuple[str, str]]:
    """{Id: (Type, Target)} from a .rels part."""
    return {
        element.get("Id", ""): (element.get("Type", ""), element.get("Target", ""))
        for element in _elements(archive, member, name, "Relationship")
    }


def _sheet_ids(archive: zipfile.ZipFile, workbook: str, name: str) -> list[tuple[str, str]]:
    """(relationship id, sheet name) for every <sheet> of the workbook part."""
    found = []
    for element in _elements(archive, workbook, name, "sheet"):
        rid = next((v for k, v in element.attrib.items() if k.endswith("}id") or k == "id"), "")
        found.append((rid, element.get("name", "")))
    return found


def _elements(archive: zipfile.ZipFile, member: str, name: str, local: str) -> Iterator[Element]:
    """Each element named ``local`` (in any namespace) of a part, streamed so that a huge part
    never sits in memory as a tree; an unreadable part is a damaged package."""
    from defusedxml.ElementTree import iterparse

    try:
        with archive.open(member) as stream:
            for _, element in iterparse(stream, events=("end",)):
                if element.tag.rsplit("}", 1)[-1] == local:
                    yield element
                element.clear()
    except ImportProblem:
        raise
    except DefusedXmlException as exc:
        raise _entities(name) from exc
    except Exception as exc:  # ParseError, zlib and CRC errors
        raise _damaged_package(name) from exc


# --- sheet extents and formulas in .xlsx -----------------------------------------------------


@dataclass
class FormulaCount:
    """Formula cells seen, and how many of them have a saved result (a non-empty <v>)."""

    total: int = 0
    with_value: int = 0
    complete: bool = True  # False when the scan stopped early (a saved result was found, or the cap)

    @property
    def none_saved(self) -> bool:
        return self.total > 0 and self.with_value == 0


def column_index(letters: bytes) -> int:
    """1-based column number of 'A', 'Z', 'AA', 'XFD' (any case, as calamine reads them)."""
    number = 0
    for char in letters.upper():
        number = number * 26 + (char - 64)
    return number


class _XlsxPatterns:
    """Byte patterns for one namespace prefix (Excel writes none; some tools write 'x:')."""

    def __init__(self, prefix: bytes) -> None:
        p = re.escape(prefix)
        self.row_split = b"<" + prefix + b"row"
        self.formula = re.compile(rb"<" + p + rb"f[\s>/]")
        self.cell = re.compile(rb"<" + p + rb"c\b[^>]*?(?:/>|>(.*?)</" + p + rb"c>)", re.S)
        self.value = re.compile(rb"<" + p + rb"v>\s*[^<\s]")
        self.row_starts = re.compile(rb"<" + p + rb"row[\s>/]")


_ROOT = re.compile(rb"<(\w+:)?worksheet\b")


def scan_xlsx_sheets(
    archive: zipfile.ZipFile, name: str, formulas: FormulaCount | None = None, package: Package | None = None
) -> FormulaCount:
    """Measure every sheet part's extent (refusing absurd ones) and count formula results.

    The sheets are the ones the package names (see :func:`package_parts`), wherever they are, and
    any other part written as a worksheet, in case a reader finds it by another way.
    """
    formulas = formulas or FormulaCount()
    package = package or package_parts(archive, name)
    parts = dict(package.sheets)
    for info in archive.infolist():
        part = _normal(info.filename)
        candidate = part.endswith(".xml") and "/_rels/" not in part and info.filename not in parts
        if candidate and (part.startswith("xl/worksheets/") or _is_worksheet(archive, info)):
            parts[info.filename] = part.rsplit("/", 1)[-1].removesuffix(".xml")
    for part, title in parts.items():
        with archive.open(part) as stream:
            _scan_sheet_part(stream, name, title or part, formulas)
    return formulas


def _is_worksheet(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> bool:
    with archive.open(info) as part:
        head = part.read(MAX_PROLOG_BYTES)
    return _SHEET_ROOT.search(head) is not None


_SHEET_ROOT = re.compile(rb"<(?:[^\s<>/:!?]+:)?(?:worksheet|dialogsheet|macrosheet)\b")


def _read_ahead(stream: IO[bytes], first: bytes) -> Generator[bytes, None, None]:
    """``first``, then the rest of the part in CHUNK_BYTES pieces, each unpacked on a helper thread
    while the caller searches the one before: zlib lets go of the GIL while it inflates (and numpy
    while it compares), so on two cores the unpacking, nearly half of the scan, overlaps the rest."""
    yield first
    if len(first) < MAX_PROLOG_BYTES:
        return  # the whole part was in the first read: no helper thread for a small sheet
    with ThreadPoolExecutor(max_workers=1) as pool:
        pending = pool.submit(stream.read, CHUNK_BYTES)
        while chunk := pending.result():
            pending = pool.submit(stream.read, CHUNK_BYTES)
            yield chunk


def _row_buffers(chunks: Iterator[bytes], split: bytes, name: str, sheet: str) -> Iterator[bytes | memoryview]:
    """Pieces of the part that each end just before a row tag, so no row is cut in two.

    The rows wholly inside a chunk are passed on as a view of it: copying 100 MB of sheet XML
    into new buffers would cost as much as searching it.
    """
    carry = b""
    for chunk in chunks:
        first = chunk.find(split)
        if first < 0:
            carry += chunk
            if len(carry) > MAX_ROW_BYTES:
                raise _oversized(name, sheet, "a row")
            continue
        last = chunk.rfind(split)
        if carry or first:
            yield carry + chunk[:first]
        if last > first:
            yield memoryview(chunk)[first:last]
        carry = chunk[last:]
    if carry:
        yield carry


def _scan_sheet_part(stream: IO[bytes], name: str, sheet: str, formulas: FormulaCount) -> None:
    """Measure a sheet's extent piece by piece and count its formula results: about 0.13 s for the
    100 MB sheet of the 200,000-row benchmark on two cores, 0.23 s on one.

    Each piece is measured the quick way (:class:`_UsualExtent`) when it is written the way
    spreadsheet programs write, and the plain way (:func:`_any_extent`) otherwise. Both count
    every reference, which is more than calamine builds: it skips rows and cells with nothing in
    them, which LibreOffice writes down to row 1,048,576 and across to column AMJ when rows or
    columns are formatted. So only where that count would refuse the sheet is the piece measured
    again by what calamine builds (:func:`_built_extent`), and the sheet refused only if that
    is too large too.
    """
    first = stream.read(MAX_PROLOG_BYTES)
    _check_prolog(first, name)
    root = _ROOT.search(first)
    prefix = (root.group(1) or b"") if root else b""
    pats = _XlsxPatterns(prefix)
    max_row = max_col = 0  # every reference: where a cell without one would go
    built_row = built_col = 0  # what calamine builds
    formula_bytes = 0
    usual_extent = _UsualExtent()
    chunks = _read_ahead(stream, first)
    try:
        for piece in _row_buffers(chunks, pats.row_split, name, sheet):
            usual = None if prefix else usual_extent(piece)  # the quick way knows unprefixed tags only
            if usual is None:
                piece = bytes(piece)
                max_row, max_col = _any_extent(piece, pats, max_row, max_col)
                has_formula = pats.formula.search(piece) is not None
            else:
                max_row, max_col = max(max_row, usual.rows), max(max_col, usual.columns)
                has_formula = usual.formulas
            if _within_limits(max(built_row, max_row), max(built_col, max_col)):
                built_row, built_col = max(built_row, max_row), max(built_col, max_col)
            else:
                rows, cols = _built_extent(bytes(piece), (max_row, max_col))
                built_row, built_col = max(built_row, rows), max(built_col, cols)
            _check_extent(name, sheet, built_row, built_col)
            if formulas.with_value == 0 and has_formula:
                if formula_bytes < MAX_FORMULA_SCAN_BYTES:
                    _count_formulas(bytes(piece), pats, formulas)
                    formula_bytes += len(piece)
                else:
                    formulas.complete = False
    finally:
        chunks.close()  # waits for the helper thread's read before the caller closes the stream


# --- the quick way: sheet XML as spreadsheet programs write it -------------------------------


@dataclass(frozen=True)
class _Extent:
    rows: int
    columns: int
    formulas: bool


def _byte_set(chars: bytes) -> np.ndarray:
    table = np.zeros(256, dtype=bool)
    table[list(chars)] = True
    return table


_NAME_BYTES = _byte_set(b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-.:" + bytes(range(128, 256)))
_TAG_END = _byte_set(b" \t\r\n>/")
_SPACE_MAX = 32  # XML whitespace is 9, 10, 13 and 32; lower bytes are not allowed in XML at all
_MAX_DIGITS = 7  # 9,999,999 rows: far past the 1,048,576 any spreadsheet program writes


class _UsualExtent:
    """Measures pieces of sheet XML written the usual way, reusing two byte masks from piece to
    piece: a fresh mask per search would cost more in memory faults than the search itself."""

    def __init__(self) -> None:
        self.found = self.opens = np.empty(0, dtype=bool)

    def __call__(self, piece: bytes | memoryview) -> _Extent | None:
        """The last row and column that the references in ``piece`` reach, or None if it is not
        written the usual way: every r attribute as ` r="AB12"` and every cell opening with one.

        That is how Excel, LibreOffice, openpyxl and xlsxwriter write, and then the references
        alone place every cell calamine builds (it places a cell without one after the one
        before), so reading the letters and digits after each ``r="`` is the whole measurement.
        numpy does that a few bytes at a time at every reference at once, in a fraction of what
        regular expressions take, and without holding the GIL. Anything it cannot vouch for
        (an r attribute in other quotes or spacing, a cell without a reference or with another
        attribute first, a prefixed cell element, a reference of four letters or eight digits)
        gives None, and the caller measures the plain way.
        """
        a = np.frombuffer(piece, dtype=np.uint8)
        if self.found.size < a.size:
            self.found, self.opens = np.empty(a.size, dtype=bool), np.empty(a.size, dtype=bool)
        pairs = max(a.size - 2, 0)  # each byte but the last two, with the one after it
        found, opens = self.found[:pairs], self.opens[:pairs]

        def at(positions: np.ndarray) -> np.ndarray:
            return a.take(positions, mode="clip")  # past either end reads the end byte: no letter or quote

        r_equals = np.logical_and(
            np.equal(a[:-2], ord("r"), out=found), np.equal(a[1:-1], ord("="), out=opens), out=found
        )
        named_r = np.flatnonzero(r_equals) + 1  # each '=' after an r
        refs = named_r[~_NAME_BYTES[at(named_r - 2)]]  # the attribute r itself, not header= or x:r=
        if (at(refs - 2) > _SPACE_MAX).any() or (at(refs + 1) != ord('"')).any():
            return None
        starts = refs + 2
        one = _is_letter(at(starts))
        two = one & _is_letter(at(starts + 1))
        three = two & _is_letter(at(starts + 2))
        if (three & _is_letter(at(starts + 3))).any():
            return None
        rows = _highest_number(at, starts + one + two + three)
        if rows is None:
            return None
        columns = 0
        for width, has in ((3, three), (2, two), (1, one)):
            if has.any():
                columns = column_index(_highest(at, starts[has], width, fold=0x20))
                break
        np.equal(a[:-2], ord("<"), out=opens)
        cells = np.logical_and(opens, np.equal(a[1:-1], ord("c"), out=found), out=found)
        referenced = np.count_nonzero((at(refs - 3) == ord("c")) & (at(refs - 4) == ord("<")))
        if np.count_nonzero(cells) != referenced and _tag_ends(a, cells) != referenced:
            return None  # a cell without a reference, or with it not first
        formulas = np.logical_and(opens, np.equal(a[1:-1], ord("f"), out=found), out=found)
        has_formulas = bool(np.count_nonzero(formulas)) and _tag_ends(a, formulas) > 0
        prefixed = np.logical_and(
            np.equal(a[:-2], ord(":"), out=opens), np.equal(a[1:-1], ord("c"), out=found), out=found
        )
        if np.count_nonzero(prefixed) and _tag_ends(a, prefixed):
            return None  # a prefixed cell element: calamine ignores prefixes
        return _Extent(rows, columns, has_formulas)


def _tag_ends(a: np.ndarray, starts: np.ndarray) -> int:
    """How many of the two-byte names marked in ``starts`` ('<c', ':c') end there: '<c ', '<c>', '<c/'."""
    return int(np.count_nonzero(_TAG_END[a[np.flatnonzero(starts) + 2]]))


def _is_letter(values: np.ndarray) -> np.ndarray:
    return (values | 0x20) - ord("a") < 26  # uint8 arithmetic wraps below 'a'


def _highest(at: Callable[[np.ndarray], np.ndarray], starts: np.ndarray, width: int, fold: int = 0) -> bytes:
    """The greatest of the ``width``-byte fields at ``starts``, compared byte by byte."""
    for offset in range(width):
        values = at(starts + offset) | fold
        starts = starts[values == values.max()]
    return at(starts[0] + np.arange(width)).tobytes()


def _highest_number(at: Callable[[np.ndarray], np.ndarray], digits: np.ndarray) -> int | None:
    """The greatest number among the references whose digits start at ``digits``: the longest, then
    the greatest of those byte by byte. None if one is too long or starts with a 0 (which would
    make it longer than a greater number), or if the greatest is not all digits (calamine
    refuses such a reference anyway)."""
    if not digits.size:
        return 0
    if (at(digits) == ord("0")).any():
        return None
    for width in range(1, _MAX_DIGITS + 1):
        longer = digits[at(digits + width) != ord('"')]
        if not longer.size:
            number = _highest(at, digits, width)
            return int(number) if number.isdigit() else None
        digits = longer
    return None


# --- the plain way: any sheet XML ------------------------------------------------------------

# What calamine reads as a position: an attribute named exactly r (not header=, not x:r=), in
# either quotes and any spacing, its column letters in either case. Rows are taken from cell
# references too: calamine places a cell by its own reference, not by its row's.
_REF = re.compile(rb"r(?<![\w:.\-\x80-\xff]r)\s*=\s*[\"']([A-Za-z]*)(\d*)")
# Row and cell elements under any prefix (calamine matches the local name only) without an r
# attribute, walking the attributes whole so that no attribute value can pass for one.
_PREFIX = rb"<(?:[^\s<>/:!?]+:)?"
_NO_REF = rb"(?=[\s>/])(?!(?:\s+[^\s=/>]+\s*=\s*(?:\"[^\"]*\"|'[^']*'))*?\s+r\s*=)"
_CELL_TAG = re.compile(_PREFIX + rb"c[\s>/]")
_CELL_WITHOUT_REF = re.compile(_PREFIX + rb"c" + _NO_REF)
_ROW_WITHOUT_REF = re.compile(_PREFIX + rb"row" + _NO_REF)


def _any_extent(piece: bytes, pats: _XlsxPatterns, max_row: int, max_col: int) -> tuple[int, int]:
    """The extent so far, taken on by ``piece``: slower, for what the quick way cannot vouch for.

    Rows and cells normally carry their reference (r="12", r="AB12"): the numbers give the height
    and the letters the width. Elements without one (allowed, and written by a few tools) go one
    down or one right of the one before, so they are counted: each such row adds one to the
    height, and the most cells in any row are added to the width.
    """
    refs = _REF.findall(piece)
    numbers = {digits.lstrip(b"0") or b"0" for _, digits in refs if digits}
    if numbers:
        max_row = max(max_row, *(int(x) if len(x) <= _MAX_DIGITS else 10**_MAX_DIGITS for x in numbers))
    max_row += len(_ROW_WITHOUT_REF.findall(piece))
    columns = max((column_index(x) for x in {letters for letters, _ in refs if letters}), default=0)
    if _CELL_WITHOUT_REF.search(piece):
        columns += _widest_row(piece, pats)  # no row runs on into the next piece
    return max_row, max(max_col, columns)


# What calamine leaves out: a row's own tag (it only places cells without a reference) and a cell
# with nothing in it, written <c .../> or <c ...></c>; its attributes are walked whole, so that no
# value can end it early. A cell with an empty text (<is><t/></is>, t="str" with <v></v>) is built.
_ATTRIBUTES = rb"(?:\s+[^\s=/>]+\s*=\s*(?:\"[^\"]*\"|'[^']*'))*\s*"
_EMPTY_CELL = re.compile(_PREFIX + rb"c" + _ATTRIBUTES + rb"(?:/>|>\s*</(?:[^\s<>/:!?]+:)?c\s*>)")
_ROW_TAG = re.compile(_PREFIX + rb"row" + _ATTRIBUTES + rb"/?>")


def _built_extent(piece: bytes, bound: tuple[int, int]) -> tuple[int, int]:
    """The last row and column of the cells in ``piece`` that calamine builds, for a piece whose
    references reach too far: every reference counts but those of row tags and of empty cells.

    A cell without a reference goes just right of the cell before it (empty or not) in the row
    its row tag names (or the one after the row before), so where the piece holds one the whole
    ``bound`` (every reference so far) is kept.
    """
    if _CELL_WITHOUT_REF.search(piece):
        return bound
    kept = _ROW_TAG.sub(b" ", _EMPTY_CELL.sub(b" ", piece))
    refs = _REF.findall(kept)
    numbers = {digits.lstrip(b"0") or b"0" for _, digits in refs if digits}
    rows = max((int(x) if len(x) <= _MAX_DIGITS else 10**_MAX_DIGITS for x in numbers), default=0)
    columns = max((column_index(x) for x in {letters for letters, _ in refs if letters}), default=0)
    return rows, columns


def _widest_row(piece: bytes, pats: _XlsxPatterns) -> int:
    starts = [m.start() for m in pats.row_starts.finditer(piece)] + [len(piece)]
    return max((len(_CELL_TAG.findall(piece, a, b)) for a, b in pairwise(starts)), default=0)


def _count_formulas(piece: bytes, pats: _XlsxPatterns, formulas: FormulaCount) -> None:
    for match in pats.cell.finditer(piece):
        body = match.group(1)
        if body and pats.formula.search(body):
            formulas.total += 1
            if pats.value.search(body):
                formulas.with_value += 1
                formulas.complete = False  # one saved result is enough to know the file was calculated
                return


def _within_limits(rows: int, cols: int) -> bool:
    return rows <= MAX_SHEET_ROWS and cols <= MAX_SHEET_COLUMNS and rows * max(cols, 1) <= MAX_SHEET_CELLS


def _check_extent(name: str, sheet: str, rows: int, cols: int) -> None:
    if rows > MAX_SHEET_ROWS:
        raise TooLarge(
            f"Sheet '{sheet}' in {name} has more than {MAX_SHEET_ROWS:,} rows, far more than any caseload file, "
            "so it was not read."
        )
    if not _within_limits(rows, cols):
        raise TooLarge(
            f"Sheet '{sheet}' in {name} reaches {_plural(rows, 'row')} and {_plural(cols, 'column')}, "
            "far more than any caseload file, so it was not read."
        )


def _plural(count: int, noun: str) -> str:
    return f"{count:,} {noun}" + ("" if count == 1 else "s")


def _oversized(name: str, sheet: str, what: str) -> TooLarge:
    return TooLarge(
        f"Sheet '{sheet}' in {name} has {what} of more than {MAX_ROW_BYTES // 2**20} MB, far larger than any "
        "caseload file, so it was not read."
    )


# --- sheet extents in .ods -------------------------------------------------------------------

_ODS_TABLE_NS = re.compile(rb'xmlns:(\w+)="urn:oasis:names:tc:opendocument:xmlns:table:1\.0"')
_ODS_NAME = re.compile(rb':name="([^"]{0,100})"')
_ODS_ROWS_REPEATED = re.compile(rb'number-rows-repeated="(\d+)"')
_ODS_COLS_REPEATED = re.compile(rb'number-columns-repeated="(\d+)"')


def scan_ods_content(archive: zipfile.ZipFile, name: str) -> None:
    """Measure each table's extent to its last cell with a value, counting repeated rows and cells.

    LibreOffice ends every sheet with a million repeated empty rows; those do not count. A
    repeat followed by a value does, since calamine then fills every cell in between.
    """
    if "content.xml" not in archive.namelist():
        return
    with archive.open("content.xml") as stream:
        first = stream.read(MAX_PROLOG_BYTES)
        found = _ODS_TABLE_NS.search(first)
        p = re.escape(found.group(1) if found else b"table")
        token = re.compile(rb"<(/?)" + p + rb":(table-row|table-cell|covered-table-cell|table)(?=[\s/>])([^>]*?)(/?)>")
        state = _OdsState(name)
        carry = first
        while True:
            chunk = stream.read(CHUNK_BYTES)
            buffer = carry + chunk
            cut = buffer.rfind(b"<") if chunk else len(buffer)
            for m in token.finditer(buffer, 0, cut if cut > 0 else len(buffer)):
                state.feed(m.group(1) == b"/", m.group(2), m.group(3), m.group(4) == b"/")
            carry = buffer[cut:] if chunk and cut > 0 else b""
            if not chunk:
                break
            if len(carry) > MAX_ROW_BYTES:
                raise _oversized(name, state.sheet, "a cell")


def check_ods_encryption(archive: zipfile.ZipFile, name: str) -> None:
    """Refuse a password-protected OpenDocument file with a sentence that says so.

    LibreOffice encrypts each part and records how in META-INF/manifest.xml; calamine cannot read
    the encrypted parts and would only report them as damaged.
    """
    manifest = next((n for n in archive.namelist() if _normal(n) == "meta-inf/manifest.xml"), None)
    if manifest is None:
        return
    with archive.open(manifest) as part:
        text = part.read(MAX_UNPACKED_PART_BYTES if archive.getinfo(manifest).file_size < 2**20 else 2**20)
    if re.search(rb"<(?:[^\s<>/:!?]+:)?encryption-data\b", text):
        raise UnsupportedProtection(
            f"{name} is protected with a password, which this app cannot open in OpenDocument files; "
            "in LibreOffice, save a copy without the password (File > Save As, untick 'Save with password') "
            "and open that."
        )


class _OdsState:
    def __init__(self, name: str) -> None:
        self.name, self.sheet = name, "?"
        self.row = self.last_row = self.last_col = 0
        self.col = self.row_repeat = self.row_last_col = 0

    def feed(self, closing: bool, tag: bytes, attrs: bytes, empty: bool) -> None:
        if tag == b"table":
            if not closing:
                found = _ODS_NAME.search(attrs)
                self.sheet = found.group(1).decode("utf-8", "replace") if found else "?"
                self.row = self.last_row = self.last_col = 0
            return
        if tag == b"table-row":
            if closing:
                self._end_row()
                return
            found = _ODS_ROWS_REPEATED.search(attrs)
            self.row_repeat, self.col, self.row_last_col = int(found.group(1)) if found else 1, 0, 0
            if empty:
                self._end_row()
            return
        if closing:
            return
        found = _ODS_COLS_REPEATED.search(attrs)
        repeat = int(found.group(1)) if found else 1
        if not empty or b"value-type" in attrs:
            self.row_last_col = self.col + repeat
        self.col += repeat

    def _end_row(self) -> None:
        if self.row_last_col:
            self.last_row = self.row + self.row_repeat
            self.last_col = max(self.last_col, self.row_last_col)
            _check_extent(self.name, self.sheet, self.last_row, self.last_col)
        self.row += self.row_repeat
        self.row_last_col = 0


# --- sheet extents in legacy .xls --------------------------------------------------------------

# BIFF5 and BIFF8 records that hold a value at (row, column): NUMBER, RK, LABELSST, LABEL, FORMULA,
# BOOLERR, RSTRING; MULRK holds a run of columns. BLANK and MULBLANK (formatting only) are left out.
_BIFF_CELLS = frozenset({0x0203, 0x027E, 0x00FD, 0x0204, 0x0006, 0x0205, 0x00D6})
_BIFF_MULRK, _BIFF_BOF, _BIFF_BOUNDSHEET, _BIFF_EOF = 0x00BD, 0x0809, 0x0085, 0x000A
_BIFF_DIMENSIONS, _BIFF_SST, _BIFF_CONTINUE, _BIFF_FILEPASS = 0x0200, 0x00FC, 0x003C, 0x002F
# The largest sheet the binary formats hold: what a DIMENSIONS record may honestly claim.
_XLS_ROWS, _XLS_COLUMNS = 65_536, 256


def workbook_stream(data: bytes) -> tuple[str, bytes]:
    """('Workbook', its bytes) for Excel 97 and later, ('Book', ...) for Excel 5.0/95."""
    import olefile

    ole = olefile.OleFileIO(io.BytesIO(data))
    try:
        stream = "Workbook" if ole.exists("Workbook") else "Book"
        return stream, ole.openstream(stream).read()
    finally:
        ole.close()


def _records(biff: bytes) -> Iterator[tuple[int, int, int]]:
    """(record type, body offset, body length) for each BIFF record."""
    pos, end = 0, len(biff) - 4
    while pos <= end:
        kind, length = struct.unpack_from("<HH", biff, pos)
        yield kind, pos + 4, length
        pos += 4 + length


def scan_xls(data: bytes, name: str) -> None:
    """Walk the BIFF records (Excel 97 and later, and Excel 5.0/95) for the last used cell of each
    sheet, and for the counts calamine sets memory aside for before reading anything.

    A legacy sheet is at most 65,536 x 256 cells, but calamine builds that whole block if one
    cell sits in the far corner: 1 GB and two seconds for a 6 KB file. It also sets aside memory
    for the cells a sheet's DIMENSIONS record claims and the strings the SST record claims, so a
    few altered bytes there make it ask for hundreds of gigabytes and abort the whole process.
    """
    _, biff = workbook_stream(data)
    names: dict[int, str] = {}
    sheet, version = "?", 0x0600
    max_row = max_col = 0
    unpack = struct.unpack_from
    records = list(_records(biff))
    for index, (kind, body, length) in enumerate(records):
        if kind in _BIFF_CELLS and length >= 4:
            row, col = unpack("<HH", biff, body)
            max_row, max_col = max(max_row, row + 1), max(max_col, col + 1)
        elif kind == _BIFF_MULRK and length >= 6:
            row, _ = unpack("<HH", biff, body)
            (last,) = unpack("<H", biff, body + length - 2)
            max_row, max_col = max(max_row, row + 1), max(max_col, last + 1)
        elif kind == _BIFF_BOF:
            _check_extent(name, sheet, max_row, max_col)
            sheet, max_row, max_col = names.get(body - 4, sheet), 0, 0
            version = unpack("<H", biff, body)[0] if length >= 2 else version
        elif kind == _BIFF_BOUNDSHEET and length >= 7:
            (offset,) = unpack("<I", biff, body)
            names[offset] = _sheet_name(biff[body + 6 : body + length], version)
        elif kind == _BIFF_DIMENSIONS:
            _check_dimensions(biff[body : body + length], name, sheet)
        elif kind == _BIFF_SST and length >= 8:
            (claimed,) = unpack("<I", biff, body + 4)
            held = length + sum(n for _, _, n in takewhile(lambda r: r[0] == _BIFF_CONTINUE, records[index + 1 :]))
            if claimed > held // 3 + 1:  # a string takes at least three bytes (length and flags)
                raise UnsafeFile(
                    f"{name} claims to hold far more text than it does, as files built to crash spreadsheet "
                    "readers do, so it was not opened."
                )
    _check_extent(name, sheet, max_row, max_col)


def _sheet_name(raw: bytes, version: int) -> str:
    """A BOUNDSHEET name: a length byte, then (BIFF8) a flags byte and Latin-1 or UTF-16 text, or
    (BIFF5) text in the workbook's code page, taken here as Windows-1252."""
    if not raw:
        return "?"
    count = raw[0]
    if version == 0x0500:
        return raw[1 : 1 + count].decode("cp1252", "replace")
    wide = len(raw) > 1 and raw[1] & 1
    return raw[2 : 2 + count * (2 if wide else 1)].decode("utf-16-le" if wide else "latin-1", "replace")


def _check_dimensions(body: bytes, name: str, sheet: str) -> None:
    """A DIMENSIONS record claiming more than any binary sheet holds, or ending before it starts:
    calamine would set memory aside for (or wrap around to) billions of cells."""
    if len(body) == 14:
        first_row, last_row, first_col, last_col = struct.unpack_from("<IIHH", body)
    elif len(body) == 10:
        first_row, last_row, first_col, last_col = struct.unpack_from("<HHHH", body)
    else:
        return  # calamine refuses a record of any other length
    if (
        last_row > _XLS_ROWS
        or last_col > _XLS_COLUMNS
        or (last_row and last_col and (first_row >= last_row or first_col >= last_col))
    ):
        raise TooLarge(
            f"Sheet '{sheet}' in {name} claims {_plural(last_row, 'row')} and {_plural(last_col, 'column')}, "
            "more than any Excel 97-2003 sheet can hold, as files built to crash spreadsheet readers do, "
            "so it was not read."
        )


def excel95_protection(biff: bytes) -> bool:
    """True when an Excel 5.0/95 workbook's globals carry a FILEPASS record (it is encrypted)."""
    for kind, _, _ in _records(biff):
        if kind == _BIFF_FILEPASS:
            return True
        if kind == _BIFF_EOF:
            return False
    return False


# --- OLE2 containers: legacy .xls, or an encrypted workbook ----------------------------------


def open_ole2(data: bytes, name: str, password: str | None) -> bytes | None:
    """The decrypted workbook's bytes for an encrypted file; None for a plain legacy .xls.

    Both are OLE2 containers with the same first bytes, so msoffcrypto-tool tells them apart.
    Decryption happens in memory: the decrypted workbook is never written to disk.
    """
    import msoffcrypto
    from msoffcrypto import exceptions as mso

    try:
        stream, biff = workbook_stream(data)
    except Exception:  # not a workbook, or a damaged container: msoffcrypto tells which below
        stream, biff = "", b""
    if stream == "Book":  # Excel 5.0/95, which msoffcrypto does not know
        if excel95_protection(biff):
            raise UnsupportedProtection(
                f"{name} is protected with an Excel 95 password, which this app cannot open; open it in Excel, "
                "remove the password and save it as an Excel workbook (.xlsx)."
            )
        return None
    try:
        office = msoffcrypto.OfficeFile(io.BytesIO(data))
    except mso.DecryptionError as exc:  # an encrypted workbook of a kind it cannot decrypt
        raise PasswordProtected(
            f"{name} is protected with a password of a kind this app cannot open; "
            "remove the password in Excel and open it again."
        ) from exc
    except Exception as exc:  # olefile and msoffcrypto raise many types for damaged containers
        raise DamagedFile(
            f"{name} looks like an Excel 97-2003 workbook but is damaged or is not a spreadsheet, so it cannot be read."
        ) from exc
    kind = type(office).__name__
    if kind in ("Doc97File", "Ppt97File"):
        what = "word-processing document" if kind == "Doc97File" else "presentation"
        raise NotASpreadsheet(f"{name} is a {what}, not a spreadsheet.")
    try:
        encrypted = office.is_encrypted()
    except Exception as exc:
        raise DamagedFile(f"{name} looks like an Excel workbook but is damaged, so it cannot be read.") from exc
    if not encrypted:
        return None
    # Excel encrypts "read-only recommended" .xls files with this published default password.
    attempts = [password] if password else (["VelvetSweatshop"] if kind == "Xls97File" else [])
    for attempt in attempts:
        try:
            office.load_key(password=attempt, **({"verify_password": True} if kind == "OOXMLFile" else {}))
            out = io.BytesIO()
            office.decrypt(out)
            return out.getvalue()
        except Exception:  # InvalidKeyError, or plain errors for wrong keys on some formats
            continue
    if password:
        raise WrongPassword(f"The password was not accepted for {name}.")
    raise PasswordProtected(f"{name} is protected with a password. Enter the password to open it.")
