"""Checks made on a file's container before any parser sees its bytes.

Why here and not in the readers: python-calamine parses in Rust and cannot be interrupted.
It unpacks zip parts without limits, and it builds each sheet as a dense block from the first to
the last used cell, so a 2 KB workbook with cells in A1 and XFD1048576 makes it ask for 500 GB
and abort the whole process (no Python exception to catch). Every check therefore reads
only what the container declares, or streams the XML once with byte-level searches, and
refuses with one sentence before the reader is called.

The checks, by container: :mod:`caseload_reporter.reading.zip_package_checks` (zip bombs, XML
prologs, the parts of an .xlsx package), :mod:`caseload_reporter.reading.xlsx_sheet_scan` (each
.xlsx sheet's extent and formulas, measured by ``xlsx_sheet_extent``),
:mod:`caseload_reporter.reading.ods_checks` (.ods extents and encryption) and
:mod:`caseload_reporter.reading.xls_checks` (.xls records and OLE2 encryption), all refusing a
sheet beyond the limits in :mod:`caseload_reporter.reading.sheet_extent_limits`. This module
holds the one check made at start-up rather than per file.
"""

from __future__ import annotations


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
