"""What the accessibility check reports: the rules it applies, and each finding in words an officer can act on.

Kept apart from the checks so that everything else that reports on a paper (the completeness and
privacy checks, the export, the Report page's list) can speak of findings without the checks.
"""

from __future__ import annotations

from dataclasses import dataclass

RULES: dict[str, str] = {
    "missing-title": "The document has a title in its properties.",
    "missing-language": "The document has a default language, so screen readers pronounce it correctly.",
    "missing-alt-text": "Every picture has alt text, or is marked as decorative.",
    "missing-header-row": "Every table has a header row that repeats and that screen readers announce.",
    "merged-cells": "Tables have no merged or split cells, which screen readers cannot follow.",
    "heading-levels": "Headings start at level 1 and never skip a level.",
    "empty-heading": "Every heading has text.",
    "low-contrast": "Text has a contrast of at least 4.5:1 against its background.",
    "floating-picture": "Pictures are in line with text rather than floating.",
    "table-without-description": "Every table has a title or description (table alt text).",
    "heading-in-table": "Headings are not inside tables.",
    "typed-numbering": "Numbered and lettered lists use real list numbering, not typed numbers.",
    "empty-paragraphs": "Space is made with paragraph spacing, not empty paragraphs, spaces or tabs.",
    "small-text": "Body text is at least 12 pt.",
    "justified-text": "Text is left-aligned, not justified.",
    "link-text": "Link text says where the link goes, not a bare web address or 'click here'.",
}
ERROR_RULES = frozenset(
    {
        "missing-title",
        "missing-language",
        "missing-alt-text",
        "missing-header-row",
        "merged-cells",
        "heading-levels",
        "empty-heading",
        "low-contrast",
    }
)


@dataclass(frozen=True)
class Finding:
    """One problem, said the way an officer can find and fix it."""

    rule: str  # a key of RULES
    severity: str  # "error" or "warning"
    where: str  # e.g. 'Table 3, row 1', 'Heading "Main issues"', 'Document properties'
    message: str  # one plain sentence: what is wrong and how to fix it


def finding(rule: str, where: str, message: str) -> Finding:
    return Finding(rule, "error" if rule in ERROR_RULES else "warning", where, message)


def summary(findings: list[Finding]) -> str:
    """'2 errors and 1 warning', '1 error', 'No problems found': for a status line."""
    errors = sum(1 for f in findings if f.severity == "error")
    warnings = len(findings) - errors
    parts = [f"{n} {word}{'' if n == 1 else 's'}" for n, word in ((errors, "error"), (warnings, "warning")) if n]
    return " and ".join(parts) if parts else "No problems found"
