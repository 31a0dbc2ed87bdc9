"""Checks on an OLE2 container (legacy .xls, or an encrypted workbook of any kind) before it is read.

A legacy .xls is a stream of BIFF records inside an OLE2 container: its sheets' extents, and the
counts calamine sets memory aside for (DIMENSIONS, SST), are read from the records and absurd
ones refused. An encrypted workbook is an OLE2 container too: msoffcrypto-tool tells which it is,
and decrypts it in memory with the officer's password.
"""

from __future__ import annotations

import io
import struct
from collections.abc import Iterator
from itertools import takewhile

from caseload_reporter.core.words import plural
from caseload_reporter.reading.problems import (
    DamagedFile,
    NotASpreadsheet,
    PasswordProtected,
    TooLarge,
    UnsafeFile,
    UnsupportedProtection,
    WrongPassword,
)
from caseload_reporter.reading.sheet_extent_limits import check_extent

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
            check_extent(name, sheet, max_row, max_col)
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
    check_extent(name, sheet, max_row, max_col)


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
            f"Sheet '{sheet}' in {name} claims {plural(last_row, 'row')} and {plural(last_col, 'column')}, "
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
