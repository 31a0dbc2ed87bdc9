"""Checks on an OpenDocument spreadsheet (.ods) before calamine reads it: sheet extents and encryption.

LibreOffice writes repeated rows and cells as one element with a count, and ends every sheet with
a million repeated empty rows; what counts is the extent to the last cell with a value, which
calamine fills in full. A password-protected .ods is refused with a sentence that says how to
open it, rather than calamine's report of a damaged file.
"""

from __future__ import annotations

import re
import zipfile

from caseload_reporter.reading.problems import UnsupportedProtection
from caseload_reporter.reading.sheet_extent_limits import CHUNK_BYTES, MAX_ROW_BYTES, check_extent, oversized
from caseload_reporter.reading.zip_package_checks import MAX_PROLOG_BYTES, MAX_UNPACKED_PART_BYTES, normal_member

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
                raise oversized(name, state.sheet, "a cell")


def check_ods_encryption(archive: zipfile.ZipFile, name: str) -> None:
    """Refuse a password-protected OpenDocument file with a sentence that says so.

    LibreOffice encrypts each part and records how in META-INF/manifest.xml; calamine cannot read
    the encrypted parts and would only report them as damaged.
    """
    manifest = next((n for n in archive.namelist() if normal_member(n) == "meta-inf/manifest.xml"), None)
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
            check_extent(self.name, self.sheet, self.last_row, self.last_col)
        self.row += self.row_repeat
        self.row_last_col = 0
