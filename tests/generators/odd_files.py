"""Legitimate but unusual files for the import tests: package layouts other writers use, merged
ranges at every edge, LibreOffice's formatted empty rows, protected OpenDocument, crafted counts.

Generated at test time, except the LibreOffice copies under tests/fixtures/odd/ (CI has no
LibreOffice): ``cd tests && python -m generators.odd_files --libreoffice`` remakes them with soffice.
"""

from __future__ import annotations

import base64
import hashlib
import os
import sys
import tempfile
import zipfile
import zlib
from pathlib import Path

from generators import import_fixtures as fx

ODD_DIR = fx.REPO_ROOT / "tests" / "fixtures" / "odd"
TABLE = [
    ["Team", "Month", "Caseload"],
    ["Assessment Team 1", "Mar-22", 21],
    ["Leaving Care Team", "Mar-22", 18],
    ["Children in Care Team", "Mar-22", 16],
]


def table_rows() -> bytes:
    letters = "ABC"
    return b"".join(fx.row_xml(r, zip(letters, row, strict=True)) for r, row in enumerate(TABLE, start=1))


# --- package layouts ---------------------------------------------------------------------------


def package(path: Path, layout: str, sheet_data: bytes | None = None) -> Path:
    """The minimal .xlsx laid out as 'root' (every part at the zip root, found only through
    _rels/.rels), 'folder' (under book/ instead of xl/), 'absolute' (targets written from the root,
    as openpyxl and some .NET writers do) or 'backslash' (zip entry names with backslashes, as
    some Windows tools write them)."""
    folder = {"root": "", "folder": "book/", "absolute": "xl/", "backslash": "xl/"}[layout]
    sheet = fx._SHEET_HEAD + b"<sheetData>" + (table_rows() if sheet_data is None else sheet_data)
    sheet += b"</sheetData></worksheet>"
    content_types = fx._CT.replace(b'"/xl/', f'"/{folder}'.encode())
    rels = fx._RELS.replace(b'Target="xl/workbook.xml"', f'Target="{folder}workbook.xml"'.encode())
    workbook_rels = fx._WORKBOOK_RELS
    if layout == "absolute":
        workbook_rels = workbook_rels.replace(b'Target="', b'Target="/xl/')
    parts = [
        ("[Content_Types].xml", content_types),
        ("_rels/.rels", rels),
        (f"{folder}workbook.xml", fx._WORKBOOK),
        (f"{folder}_rels/workbook.xml.rels", workbook_rels),
        (f"{folder}sharedStrings.xml", fx._EMPTY_SST),
        (f"{folder}worksheets/sheet1.xml", sheet),
    ]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts:
            entry = name.replace("/", "\\") if layout == "backslash" else name
            info = zipfile.ZipInfo(entry, fx.FIXED_TIME.timetuple()[:6])
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, data)
    return path


def shared_strings_claiming(count: int) -> bytes:
    """A shared-strings part holding one string but claiming ``count`` unique ones."""
    return (
        b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" '
        + f'uniqueCount="{count}"'.encode()
        + b"><si><t>Team</t></si></sst>"
    )


# --- merged ranges -----------------------------------------------------------------------------

# Every shape a merged range takes against the table (A1:C4): below it, right of it, across its
# last row and beyond, wholly outside, in a far corner, over the whole sheet, one cell, written
# corner to corner backwards (which calamine passes on as written).
MERGE_SHAPES = {
    "below the last row": "A7:C9",
    "down from the last data row past the end": "A4:A40",
    "right of the last column": "E2:H3",
    "across the last column and beyond": "C2:F2",
    "far corner": "XFC1048575:XFD1048576",
    "whole sheet": "A1:XFD1048576",
    "whole columns below the data": "A6:XFD1048576",
    "backwards": "C40:A30",
    "single cell": "B3:B3",
}
# openpyxl and xlsxwriter make an object or a cell for every cell of a range: small shapes only.
SMALL_SHAPES = (
    "below the last row",
    "down from the last data row past the end",
    "right of the last column",
    "across the last column and beyond",
)


def merged_xlsx(path: Path, shapes: list[str]) -> Path:
    """The table with <mergeCells> written by hand, so any range can be given, backwards too."""
    merges = "".join(f'<mergeCell ref="{ref}"/>' for ref in shapes)
    tail = f'<mergeCells count="{len(shapes)}">{merges}</mergeCells>'.encode()
    return fx.minimal_xlsx(path, table_rows(), sheet_tail=tail)


def merged_openpyxl(path: Path, shapes: list[str]) -> Path:
    """The same through openpyxl, which writes the merged cells as empty styled cells."""
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    for row in TABLE:
        sheet.append(row)
    for ref in shapes:
        sheet.merge_cells(ref)
    book.save(path)
    return path


def merged_xlsxwriter(path: Path, shapes: list[str]) -> Path:
    """And through xlsxwriter, which writes a blank cell in every cell of each range."""
    import xlsxwriter

    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet()
    for r, row in enumerate(TABLE):
        sheet.write_row(r, 0, row)
    for ref in shapes:
        sheet.merge_range(ref, "")
    book.close()
    return path


# --- password-protected OpenDocument -----------------------------------------------------------


def protected_ods(path: Path, password: str = "Wenmoor-2022") -> Path:
    """An .ods encrypted as LibreOffice 7 encrypts one (ODF 1.2: each part deflated, then AES-256-CBC
    with a PBKDF2 key from the SHA-256 of the password; the manifest says how for each part)."""
    from cryptography.hazmat.primitives import padding
    from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
    from cryptography.hazmat.primitives.hashes import SHA1
    from cryptography.hazmat.primitives.kdf.pbkdf2 import PBKDF2HMAC

    source = zipfile.ZipFile(fx.LIBREOFFICE_DIR / "team_averages.ods")
    start_key = hashlib.sha256(password.encode()).digest()
    entries, parts = [], {}
    for name in ("content.xml", "styles.xml", "meta.xml", "settings.xml"):
        plain = source.read(name)
        deflater = zlib.compressobj(9, zlib.DEFLATED, -15)
        packed = deflater.compress(plain) + deflater.flush()
        salt, iv = os.urandom(16), os.urandom(16)
        key = PBKDF2HMAC(algorithm=SHA1(), length=32, salt=salt, iterations=100_000).derive(start_key)
        padder = padding.PKCS7(128).padder()
        encryptor = Cipher(algorithms.AES(key), modes.CBC(iv)).encryptor()
        parts[name] = encryptor.update(padder.update(packed) + padder.finalize()) + encryptor.finalize()
        checksum = base64.b64encode(hashlib.sha256(packed[:1024]).digest()).decode()
        entries.append(
            f'<manifest:file-entry manifest:full-path="{name}" manifest:media-type="text/xml" '
            f'manifest:size="{len(plain)}"><manifest:encryption-data '
            'manifest:checksum-type="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0#sha256-1k" '
            f'manifest:checksum="{checksum}"><manifest:algorithm '
            'manifest:algorithm-name="http://www.w3.org/2001/04/xmlenc#aes256-cbc" '
            f'manifest:initialisation-vector="{base64.b64encode(iv).decode()}"/>'
            "<manifest:start-key-generation "
            'manifest:start-key-generation-name="http://www.w3.org/2000/09/xmldsig#sha256" '
            'manifest:key-size="32"/><manifest:key-derivation manifest:key-derivation-name="PBKDF2" '
            f'manifest:key-size="32" manifest:iteration-count="100000" '
            f'manifest:salt="{base64.b64encode(salt).decode()}"/></manifest:encryption-data></manifest:file-entry>'
        )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
        'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
        '<manifest:file-entry manifest:full-path="/" manifest:version="1.2" '
        'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
        + "".join(entries)
        + "</manifest:manifest>"
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet", zipfile.ZIP_STORED)
        for name, data in parts.items():
            archive.writestr(name, data, zipfile.ZIP_STORED)  # encrypted data does not compress
        archive.writestr("META-INF/manifest.xml", manifest)
    return path


# --- LibreOffice copies (committed; remade only by hand) ---------------------------------------

_FORMATTED_FODS = """<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"
 xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" office:version="1.2"
 office:mimetype="application/vnd.oasis.opendocument.spreadsheet">
 <office:automatic-styles>
  <style:style style:name="ro1" style:family="table-row"><style:table-row-properties style:row-height="0.6cm"
   style:use-optimal-row-height="false"/></style:style>
  <style:style style:name="ro2" style:family="table-row"><style:table-row-properties style:row-height="0.9cm"
   style:use-optimal-row-height="false"/></style:style>
  <style:style style:name="ce1" style:family="table-cell"><style:table-cell-properties fo:background-color="#ffff00"/>
  </style:style>
  <style:style style:name="ce2" style:family="table-cell"><style:table-cell-properties fo:background-color="#00ff00"/>
  </style:style>
 </office:automatic-styles>
 <office:body><office:spreadsheet><table:table table:name="Caseloads">
  <table:table-column table:number-columns-repeated="1024" table:default-cell-style-name="ce1"/>
  {rows}
  <table:table-row table:style-name="ro1" table:number-rows-repeated="{blank}">
   <table:table-cell table:number-columns-repeated="1024"/></table:table-row>
  <table:table-row table:style-name="ro2">
   <table:table-cell table:style-name="ce2" table:number-columns-repeated="1024"/>
  </table:table-row>
 </table:table></office:spreadsheet></office:body>
</office:document>
"""


def _fods_cell(value: object) -> str:
    kind = 'office:value-type="string"'
    if not isinstance(value, str):
        kind = f'office:value-type="float" office:value="{value}"'
    return f'<table:table-cell table:style-name="ce2" {kind}><text:p>{value}</text:p></table:table-cell>'


def formatted_rows_source(path: Path) -> Path:
    """A table whose rows (and one row at the very bottom, 1,048,576) are formatted across all 1,024
    columns: LibreOffice then writes every formatted empty cell, out to AMJ, and the bottom row."""
    rows = "".join(
        '<table:table-row table:style-name="ro2">'
        + "".join(_fods_cell(v) for v in row)
        + f'<table:table-cell table:style-name="ce2" table:number-columns-repeated="{1024 - len(row)}"/>'
        + "</table:table-row>"
        for row in TABLE
    )
    path.write_text(_FORMATTED_FODS.format(rows=rows, blank=1048576 - len(TABLE) - 1), encoding="utf-8")
    return path


def write_libreoffice_fixtures(out_dir: Path = ODD_DIR) -> list[Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    with tempfile.TemporaryDirectory() as tmp:
        source = formatted_rows_source(Path(tmp) / "formatted_rows.fods")
        written += fx.libreoffice_resave(source, out_dir, "xlsx")
        workbook = fx.write_openpyxl(fx.workbook_spec("worker_caseloads"), Path(tmp) / "worker_caseloads.xlsx")
        written += _resave(workbook, out_dir, "fods")
    return written


def _resave(source: Path, out_dir: Path, target: str) -> list[Path]:
    fx.LIBREOFFICE_TARGETS.setdefault(target, target)
    return fx.libreoffice_resave(source, out_dir, target)


def main(argv: list[str]) -> int:
    if "--libreoffice" in argv:
        for made in write_libreoffice_fixtures():
            print(made)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
