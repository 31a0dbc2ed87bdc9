"""Whether a paper is ready for the agenda: every part a clerk expects is there, and nothing is a placeholder.

Word's checker looks at accessibility; a clerk looks at whether the paper is whole: who it is to and
from, the meeting date, its purpose, key issues, recommendations, a contact, and sections with
something under their headings. These checks are errors, like Word's, so ``report`` does not pass
an incomplete paper in silence and ``check`` lists the same gaps in any Word file.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import docx
from docx.document import Document as DocxDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml.ns import qn
from lxml import etree

from caseload_reporter.reporting.accessibility_findings import Finding
from caseload_reporter.reporting.draft import ReportDraft

# Text left to be filled in: "[date]", "TBC", "XX", "Lorem ipsum".
PLACEHOLDER = re.compile(r"\[[^\[\]]{1,60}\]|\b(?:TBC|TBA|TBD)\b|\bX{2,}\b|\bx{2,}\b|\blorem ipsum\b", re.IGNORECASE)
# Header parts a committee paper cannot go without, when its template prints them.
REQUIRED_HEADER = {
    "committee": ("To", "which committee the paper is to"),
    "meeting_date": ("Date", "the date of the meeting"),
    "from": ("From", "who the paper is from"),
    "purpose": ("Purpose", "what the paper is for"),
}
PROFILE_HINT = "Settings > Council profile fills it in for every new paper"


def draft_gaps(draft: ReportDraft) -> list[Finding]:
    """Every part of the draft a clerk would find missing, and every placeholder left in its text."""
    out = list(_header_gaps(draft))
    if not draft.key_issues and not draft.key_issue_sentences:
        out.append(_gap("Key issues", "The paper has no key issues: accept suggested sentences or write them."))
    contact = draft.contact
    if not contact.name or not (contact.email or contact.telephone):
        out.append(
            _gap(
                "Officer contact",
                f"The paper gives no officer contact with an email or telephone number: add one ({PROFILE_HINT}).",
            )
        )
    for where, text in _texts(draft):
        out.extend(_placeholders(text, where))
    return out


def _header_gaps(draft: ReportDraft) -> Iterator[Finding]:
    header = draft.header
    values = {
        "committee": header.committee,
        "meeting_date": header.meeting_date,
        "from": header.from_name or header.from_role,
        "purpose": header.purpose,
    }
    for key in draft.header_fields:
        if key in REQUIRED_HEADER and not values[key].strip():
            label, what = REQUIRED_HEADER[key]
            hint = f" ({PROFILE_HINT})" if key in ("committee", "from") else ""
            yield _gap(f"Header: {label}", f"The header does not say {what}: set it in the header{hint}.")


def _texts(draft: ReportDraft) -> Iterator[tuple[str, str]]:
    """(where, text) for every piece of the officer's wording."""
    header = draft.header
    for label, text in (("Title", header.title), ("Purpose", header.purpose), ("Agenda item", header.agenda_item)):
        yield f"Header: {label}", text
    for number, text in enumerate(draft.key_issues, start=1):
        yield f"Key issue {number}", text
    for number, text in enumerate(draft.recommendations, start=1):
        yield f"Recommendation {number}", text
    for section in draft.sections:
        yield f'Section "{section.title}"', section.title
        for item in section.items:
            yield f'Section "{section.title}"', item.text
    for label, lines in (("Background papers", draft.background_papers), ("Appendices", draft.appendices)):
        for text in lines:
            yield label, text


def _gap(where: str, message: str) -> Finding:
    return Finding("missing-part", "error", where, message)


def document_gaps(document: DocxDocument | Path | str) -> list[Finding]:
    """In any Word file: headings with nothing under them, and placeholders left in the text."""
    if not isinstance(document, DocxDocument):
        document = docx.Document(str(document))
    out: list[Finding] = []
    levels = _heading_styles(document)
    open_headings: list[tuple[int, str, bool]] = []  # (level, text, has content) for the headings above
    for element in document.element.body.iterchildren():
        if element.tag == qn("w:tbl"):
            open_headings = [(level, text, True) for level, text, _ in open_headings]
            for cell_text in _table_texts(element):
                out.extend(_placeholders(cell_text, "Table"))
            continue
        if element.tag != qn("w:p"):
            continue
        text = "".join(t.text or "" for t in element.iter(qn("w:t")))
        level = _heading_level(levels, element)
        if level is None:
            if text.strip() or element.find(f".//{qn('w:drawing')}") is not None:
                open_headings = [(lv, t, True) for lv, t, _ in open_headings]
            out.extend(_placeholders(text, f'Text "{text.strip()[:40]}"'))
            continue
        out.extend(_close(open_headings, level))
        open_headings = [h for h in open_headings if h[0] < level] + [(level, text.strip(), False)]
        out.extend(_placeholders(text, f'Heading "{text.strip()[:40]}"'))
    out.extend(_close(open_headings, 0))
    return out


def _close(open_headings: list[tuple[int, str, bool]], level: int) -> Iterator[Finding]:
    """The headings a new heading at ``level`` ends (0: the end of the document) that had nothing under them."""
    for heading_level, text, has_content in open_headings:
        if heading_level >= level and not has_content and text:
            yield Finding(
                "empty-section",
                "error",
                f'Heading "{text[:40]}"',
                "Nothing is under this heading: write the section, or remove the heading.",
            )


def _heading_styles(document: DocxDocument) -> dict[str, int]:
    """The level of each 'Heading N' paragraph style, by its style id."""
    levels = {}
    for style in document.styles:
        match = re.fullmatch(r"Heading ([1-9])", style.name or "") if style.type == WD_STYLE_TYPE.PARAGRAPH else None
        if match:
            levels[style.style_id] = int(match.group(1))
    return levels


def _heading_level(levels: dict[str, int], paragraph: etree._Element) -> int | None:
    style = paragraph.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
    return levels.get(style.get(qn("w:val"), "")) if style is not None else None


def _table_texts(table: etree._Element) -> Iterator[str]:
    for cell in table.iter(qn("w:tc")):
        yield "".join(t.text or "" for t in cell.iter(qn("w:t")))


def _placeholders(text: str, where: str) -> list[Finding]:
    match = PLACEHOLDER.search(text)
    if not match:
        return []
    return [Finding("placeholder", "error", where, f"'{match.group(0)}' is a placeholder: replace it with the text.")]
