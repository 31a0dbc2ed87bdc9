"""Old and odd binary spreadsheet files, written byte by byte, for the import tests.

Nothing installable here writes them (xlwt is not available, and LibreOffice no longer saves as
Excel 95), so they are made from the published layouts:

- Excel 5.0/95 workbooks (BIFF5): a ``Book`` stream of BIFF records inside an OLE2 compound
  file (MS-CFB). Excel 97 and later name the stream ``Workbook`` and write BIFF8.
- Excel 2.1, 3.0 and 4.0 worksheets (BIFF2 to BIFF4): the BIFF records alone, with no container.

tests/reading/test_legacy_files.py proves each file real: calamine (and, where it is installed,
xlrd) reads the workbooks, and LibreOffice read the worksheets when they were made (see there).

Usage: python tests/generators/legacy_files.py OUT_DIR
"""

from __future__ import annotations

import struct
import sys
from collections.abc import Iterable
from pathlib import Path

Cell = str | float | int
SECTOR = 512
END_OF_CHAIN, FREE, FAT_SECTOR, NO_STREAM = 0xFFFFFFFE, 0xFFFFFFFF, 0xFFFFFFFD, 0xFFFFFFFF
MINI_CUTOFF = 4096


# --- BIFF records ---------------------------------------------------------------------------------


def record(kind: int, body: bytes) -> bytes:
    return struct.pack("<HH", kind, len(body)) + body


def _text(value: str, length_bytes: int = 2) -> bytes:
    raw = value.encode("cp1252")
    return (struct.pack("<H", len(raw)) if length_bytes == 2 else bytes([len(raw)])) + raw


def _biff5_sheet(rows: list[list[Cell | None]]) -> bytes:
    """A BIFF5 worksheet substream: BOF, DIMENSIONS, LABEL and NUMBER cells, EOF."""
    height, width = len(rows), max((len(r) for r in rows), default=0)
    out = record(0x0809, struct.pack("<HHHH", 0x0500, 0x0010, 0x0DBB, 0x07CC))
    out += record(0x0200, struct.pack("<HHHHH", 0, height, 0, width, 0))
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if isinstance(value, str):
                out += record(0x0204, struct.pack("<HHH", r, c, 0) + _text(value))
            elif value is not None:
                out += record(0x0203, struct.pack("<HHHd", r, c, 0, float(value)))
    return out + record(0x000A, b"")


def biff5_workbook(
    sheets: dict[str, list[list[Cell | None]]], *, password: bool = False, extra_globals: bytes = b""
) -> bytes:
    """The ``Book`` stream of an Excel 5.0/95 workbook: Windows-1252 text, one BOUNDSHEET per sheet.

    ``password`` adds the FILEPASS record Excel 95 writes for a protected workbook (the cells are
    left as they are: only the record tells a reader the workbook is protected).
    """
    bodies = [_biff5_sheet(rows) for rows in sheets.values()]
    head = record(0x0809, struct.pack("<HHHH", 0x0500, 0x0005, 0x0DBB, 0x07CC))
    if password:
        head += record(0x002F, struct.pack("<HH", 0x1234, 0xABCD))  # XOR obfuscation key and hash
    head += record(0x0042, struct.pack("<H", 1252)) + extra_globals
    names = [name.encode("cp1252") for name in sheets]
    bound_sizes = [4 + 6 + 1 + len(n) for n in names]
    offset = len(head) + sum(bound_sizes) + 4  # where the first sheet's BOF will be, after EOF
    bound = b""
    for name, body in zip(names, bodies, strict=True):
        bound += record(0x0085, struct.pack("<IBB", offset, 0, 0) + bytes([len(name)]) + name)
        offset += len(body)
    return head + bound + record(0x000A, b"") + b"".join(bodies)


def old_worksheet(version: int, rows: list[list[Cell | None]]) -> bytes:
    """An Excel 2.1, 3.0 or 4.0 worksheet file (``version`` 2, 3 or 4): BIFF records, no container."""
    if version == 2:
        out = record(0x0009, struct.pack("<HH", 0x0002, 0x0010))
        out += record(0x0000, struct.pack("<HHHH", 0, len(rows), 0, max(map(len, rows), default=0)))
        out += record(0x0042, struct.pack("<H", 1252))
    else:
        bof = {3: 0x0209, 4: 0x0409}[version]
        out = record(bof, struct.pack("<HHH", version * 0x100, 0x0010, 0)) + record(0x0042, struct.pack("<H", 1252))
        out += record(0x0200, struct.pack("<HHHHH", 0, len(rows), 0, max(map(len, rows), default=0), 0))
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if value is None:
                continue
            if version == 2:
                cell = struct.pack("<HH", r, c) + b"\x00\x00\x00"  # three attribute bytes
                if isinstance(value, str):
                    out += record(0x0004, cell + _text(value, 1))
                else:
                    out += record(0x0003, cell + struct.pack("<d", float(value)))
            elif isinstance(value, str):
                out += record(0x0204, struct.pack("<HHH", r, c, 0) + _text(value))
            else:
                out += record(0x0203, struct.pack("<HHHd", r, c, 0, float(value)))
    return out + record(0x000A, b"")


# --- the OLE2 compound file -----------------------------------------------------------------------


def _entry(name: str, kind: int, start: int, size: int, right: int = NO_STREAM, child: int = NO_STREAM) -> bytes:
    encoded = (name + "\0").encode("utf-16-le")
    return (
        encoded.ljust(64, b"\0")
        + struct.pack("<HBB", len(encoded), kind, 1)  # black node
        + struct.pack("<III", NO_STREAM, right, child)
        + b"\0" * 16  # CLSID
        + struct.pack("<I", 0)  # state bits
        + b"\0" * 16  # creation and modification times
        + struct.pack("<IIi", start, size, 0)
    )


def compound_file(streams: dict[str, bytes]) -> bytes:
    """An OLE2 compound file (version 3, 512-byte sectors) holding ``streams`` at its root.

    Streams shorter than 4,096 bytes are padded with zeros to that length, as Excel pads its own,
    so every stream lives in ordinary sectors and no mini stream is needed.
    """
    ordered = sorted(streams.items(), key=lambda kv: (len(kv[0]), kv[0].upper()))  # the CFB name order
    data = [payload.ljust(MINI_CUTOFF, b"\0") for _, payload in ordered]
    sizes = [-(-len(d) // SECTOR) for d in data]
    directory_sectors = -(-(len(ordered) + 1) // 4)
    content = sum(sizes) + directory_sectors
    fat_sectors = 1
    while fat_sectors * SECTOR // 4 < content + fat_sectors:
        fat_sectors += 1
    fat = [FAT_SECTOR] * fat_sectors
    starts = []
    for count in sizes:
        starts.append(len(fat))
        fat += [len(fat) + i + 1 for i in range(count - 1)] + [END_OF_CHAIN]
    directory_start = len(fat)
    fat += [directory_start + i + 1 for i in range(directory_sectors - 1)] + [END_OF_CHAIN]
    fat += [FREE] * (fat_sectors * SECTOR // 4 - len(fat))
    entries = [_entry("Root Entry", 5, END_OF_CHAIN, 0, child=1 if ordered else NO_STREAM)]
    for i, ((name, _), start) in enumerate(zip(ordered, starts, strict=True)):
        right = i + 2 if i + 1 < len(ordered) else NO_STREAM  # each entry's right sibling is the next
        entries.append(_entry(name, 2, start, len(data[i]), right=right))
    directory = b"".join(entries).ljust(directory_sectors * SECTOR, b"\0")
    difat = list(range(fat_sectors)) + [FREE] * (109 - fat_sectors)
    header = (
        bytes.fromhex("d0cf11e0a1b11ae1")
        + b"\0" * 16
        + struct.pack("<HHHHH", 0x003E, 3, 0xFFFE, 9, 6)
        + b"\0" * 6
        + struct.pack("<IIIIIIIII", 0, fat_sectors, directory_start, 0, MINI_CUTOFF, END_OF_CHAIN, 0, END_OF_CHAIN, 0)
        + struct.pack("<109I", *difat)
    )
    body = b"".join(struct.pack(f"<{len(fat)}I", *fat)[i : i + SECTOR] for i in range(0, len(fat) * 4, SECTOR))
    body += b"".join(d.ljust(n * SECTOR, b"\0") for d, n in zip(data, sizes, strict=True)) + directory
    return header + body


# --- the files the tests use ----------------------------------------------------------------------

CASELOAD_ROWS: list[list[Cell | None]] = [
    ["Social work caseloads by team – March 2022"],
    [],
    ["Team", "Month", "Caseload"],
    ["Assessment Team 1", "Mar-22", 21],
    ["Leaving Care Team", "Mar-22", 18],
    ["Children in Care Team", "Mar-22", 16],
]


def excel95_workbook(path: Path, *, password: bool = False, extra_globals: bytes = b"") -> Path:
    stream = biff5_workbook({"Caseloads": CASELOAD_ROWS}, password=password, extra_globals=extra_globals)
    path.write_bytes(compound_file({"Book": stream}))
    return path


def old_excel_worksheet(path: Path, version: int) -> Path:
    path.write_bytes(old_worksheet(version, CASELOAD_ROWS))
    return path


def panicking_workbook(path: Path) -> Path:
    """An Excel 95 workbook with a NAME record too short for its fields: calamine's Rust code
    indexes past its end and panics (rather than returning an error)."""
    return excel95_workbook(path, extra_globals=record(0x0018, b"\0\0\0\0"))


def write_all(folder: Path) -> Iterable[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    yield excel95_workbook(folder / "excel95.xls")
    yield excel95_workbook(folder / "excel95_protected.xls", password=True)
    for version in (2, 3, 4):
        yield old_excel_worksheet(folder / f"excel{version}.xls", version)


if __name__ == "__main__":
    for made in write_all(Path(sys.argv[1] if len(sys.argv) > 1 else "legacy_files")):
        print(made)
