"""Checks on a zip container (.xlsx, .xlsm, .ods) before any reader unpacks it.

The container's own directory is read first (member count, unpacked sizes), so a zip bomb is
refused before zipfile builds one object per member or calamine unpacks a part without limit;
every XML part's prolog is checked for entity declarations and for shared strings claiming more
than the part could hold; and an Office Open XML package's parts are found the way calamine finds
them, so that the sheets :mod:`caseload_reporter.reading.xlsx_sheet_scan` measures are the ones
calamine will read. See :mod:`caseload_reporter.reading.security` for why all this comes first.
"""

from __future__ import annotations

import io
import posixpath
import re
import struct
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from urllib.parse import unquote
from xml.etree.ElementTree import Element

from defusedxml import DefusedXmlException

from caseload_reporter.reading.problems import DamagedFile, ImportProblem, UnsafeFile

# Absolute caps, not ratios: real styles.xml parts compress 50:1 and more. A large caseload
# workbook is a few MB unpacked; the 200,000-row x 10-column benchmark's sheet is 82 MB.
MAX_UNPACKED_PART_BYTES = 400 * 1024 * 1024
MAX_UNPACKED_TOTAL_BYTES = 600 * 1024 * 1024
MAX_ZIP_MEMBERS = 5_000  # an .xlsx has 10 to 50 parts; one per sheet, image and comment set
MAX_CENTRAL_DIRECTORY_BYTES = 4 * 1024 * 1024
MAX_PROLOG_BYTES = 64 * 1024  # XML declaration and comments before the root element


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
        check_prolog(head, name)
        claimed = _UNIQUE_COUNT.search(head)
        if claimed and int(claimed.group(1)) > info.file_size // 5 + 1:
            raise UnsafeFile(
                f"{name} claims to hold far more text than it does, as files built to crash spreadsheet "
                "readers do, so it was not opened."
            )


_UNIQUE_COUNT = re.compile(rb"<(?:[^\s<>/:!?]+:)?sst\b[^>]*?\suniqueCount\s*=\s*[\"']\s*(\d+)")


def check_prolog(head: bytes, name: str) -> None:
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


def normal_member(member: str) -> str:
    return member.replace("\\", "/").lstrip("/").lower()


def package_parts(archive: zipfile.ZipFile, name: str) -> Package:
    """Find the workbook, its sheets and shared strings. Raises DamagedFile when the workbook's
    relationships or sheet list cannot be read, or a sheet names a part the package lacks (calamine
    could not read it, and might find some other part than this scan would measure)."""
    members: dict[str, list[str]] = {}
    for member in archive.namelist():
        members.setdefault(normal_member(member), []).append(member)
    package = Package(macros=any(n.rsplit("/", 1)[-1] == "vbaproject.bin" for n in members))

    def find(target: str, base: str) -> list[str]:
        target = target.replace("\\", "/").split("#", 1)[0]
        tries = [target] if target.startswith("/") else [posixpath.join(base, target), target, "xl/" + target]
        found: list[str] = []
        for candidate in tries:
            for variant in {candidate, unquote(candidate)}:
                found += members.get(normal_member(posixpath.normpath("/" + variant)), [])
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
        if normal_member(workbook).endswith(".bin"):
            package.binary_workbook = True
            continue
        with archive.open(workbook) as part:
            if _WORKBOOK_ROOT.search(part.read(MAX_PROLOG_BYTES)) is None:
                continue  # a word-processing document or presentation, say
        package.workbook = package.workbook or workbook
        folder, file = posixpath.split(normal_member(workbook))
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
