"""Accessibility checks on a Word report, in the spirit of Word's own accessibility checker.

Runs before every export and on its own. It reads the file's XML (through python-docx and lxml),
because the rules are about what the file says to a screen reader: alt text in ``wp:docPr``, the
repeated header row in ``w:trPr``, heading styles and their outline levels, the default language in
``w:docDefaults``, colours resolved through the style chain. No Qt here.

The checks are in :mod:`caseload_reporter.reporting.accessibility_structure` (properties,
pictures, tables, headings) and :mod:`caseload_reporter.reporting.accessibility_text` (contrast,
numbering, spacing, size, alignment, links), over the document as
:mod:`caseload_reporter.reporting.accessibility_document` reads it; the rules and findings are
:mod:`caseload_reporter.reporting.accessibility_findings`. This module runs them in order.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

import docx
from docx.document import Document as DocxDocument

from caseload_reporter.reporting.accessibility_document import DocumentContext
from caseload_reporter.reporting.accessibility_findings import Finding
from caseload_reporter.reporting.accessibility_structure import (
    check_drawings,
    check_empty_headings,
    check_heading_levels,
    check_headings_in_tables,
    check_language,
    check_tables,
    check_title,
)
from caseload_reporter.reporting.accessibility_text import (
    check_contrast,
    check_empty_paragraphs,
    check_justified,
    check_link_text,
    check_small_text,
    check_typed_numbering,
)

__all__ = ["CHECKS", "check_document"]


def check_document(document: DocxDocument | Path | str) -> list[Finding]:
    """Every finding in the body of ``document`` (a .docx path or an open Document), errors first.

    Within a severity, findings follow the order of RULES and then document order. A file python-docx
    cannot open raises its own error.
    """
    if not isinstance(document, DocxDocument):
        document = docx.Document(str(document))
    context = DocumentContext(document)
    findings = [finding for check in CHECKS for finding in check(context)]
    return sorted(findings, key=lambda f: f.severity != "error")  # stable: keeps rule and document order


CHECKS: tuple[Callable[[DocumentContext], Iterable[Finding]], ...] = (
    check_title,
    check_language,
    check_drawings,
    check_tables,
    check_heading_levels,
    check_empty_headings,
    check_contrast,
    check_headings_in_tables,
    check_typed_numbering,
    check_empty_paragraphs,
    check_small_text,
    check_justified,
    check_link_text,
)
