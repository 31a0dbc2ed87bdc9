"""The Word writer's page-level part: paragraphs and headings, numbered tables fitted to the page, and orientation.

A table is printed portrait at the largest size that fits, turned when it is short and still too
wide, and on a landscape page only when neither serves; everything written after a landscape page
goes back to portrait first, so every paragraph and heading is added through here.
:class:`PageWriter` holds that state; the paper's parts in order are
:class:`caseload_reporter.reporting.docx_paper_writer.PaperWriter`, built on it.
"""

from __future__ import annotations

from dataclasses import replace

from docx.document import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Pt
from docx.text.paragraph import Paragraph

from caseload_reporter.reporting.blocks import TableContent
from caseload_reporter.reporting.docx_numbering import suppress_numbering
from caseload_reporter.reporting.docx_xml import (
    TableSpec,
    body_lines,
    ensure_table_note_style,
    keep_rows_together,
    keep_with_next,
    minimum_width,
    text_width_twips,
    transposed,
    width_spare,
)
from caseload_reporter.reporting.docx_xml import table_element as _table_element
from caseload_reporter.reporting.draft import ReportDraft
from caseload_reporter.reporting.privacy import WorkerNames

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
KEEP_TOGETHER_ROWS = 15  # a table this short is kept on one page; a longer one breaks between rows only
SMALLEST_TABLE_HALF_POINTS = 18  # 9 pt: a wide table shrinks this far before it turns or goes landscape
SHORT_TABLE_ROWS = 8  # a table this short stays portrait even if its rows wrap to three lines
# A table this short stays portrait if its rows wrap to two lines: it still fits on one portrait page,
# where a landscape page of its own would cost a page and turn the reader's document.
ONE_PAGE_TABLE_ROWS = KEEP_TOGETHER_ROWS
TRANSPOSE_ROWS = 2  # a wide table of one or two rows is turned (columns as rows) to stay portrait


class PageWriter:
    """Adds paragraphs, headings and numbered tables to a document, turning pages for wide tables and back."""

    def __init__(self, document: Document, draft: ReportDraft, names: WorkerNames) -> None:
        self.document = document
        self.draft = draft
        self.names = names
        self.table_count = 0
        self.printed: list[tuple[int, list[str], list[list[str]]]] = []  # every table: number, header, rows
        self.styles = {s.name: s.style_id for s in document.styles}
        self.note_style = ensure_table_note_style(document)
        self.style_names = {s.style_id: s.name for s in document.styles}
        self.portrait_pending = False
        self._portrait_twips = text_width_twips(document.sections[-1])
        self._spare = width_spare(document)

    # -- text ----------------------------------------------------------------------------
    def text(self, value: str) -> str:
        return self.names.scrub(value) if self.draft.privacy.hide_worker_names else value

    def paragraph(self, value: str = "", style: str | None = None) -> Paragraph:
        self._restore_portrait()
        return self.document.add_paragraph(self.text(value), style=style)

    def heading(self, title: str, level: int = 1, numbered: bool = False) -> Paragraph:
        self._restore_portrait()
        paragraph = self.document.add_paragraph(self.text(title), style=f"Heading {level}")
        keep_with_next(paragraph)  # a council's own heading styles may not keep with what follows
        if level == 1 and not numbered:
            suppress_numbering(paragraph)
        return paragraph

    def labelled(self, label: str, value: str) -> None:
        self._restore_portrait()
        paragraph = self.document.add_paragraph()
        paragraph.add_run(f"{label}: ").bold = True
        for number, line in enumerate(value.split("\n")):  # several officers in "From": a line each
            if number:
                paragraph.add_run().add_break()
            paragraph.add_run(self.text(line))

    def _table(self, content: TableContent, title: str | None = None) -> int:
        """A numbered table: portrait at the largest size that fits (turned, if short and still too wide),
        landscape only when neither serves; kept on one page when short; its note in its own size."""
        self.table_count += 1
        caption_text = f"Table {self.table_count}: {title or content.title}"
        frame = content.frame
        header = [self.text(str(c)) for c in frame.columns]
        rows = [[self.text(str(v)) for v in row] for row in frame.itertuples(index=False)]
        self.printed.append((self.table_count, header, rows))
        spec = TableSpec(header, rows, caption_text, content.description, content.shading, spare=self._spare)
        spec = self._fitted(spec)
        wide = minimum_width(spec) > self._portrait_twips
        if wide and self.portrait_pending:
            self.portrait_pending = False  # already on a landscape page: the next wide table follows on
        elif wide:
            self._landscape(True, carry_headings=True)
        elif self.portrait_pending:
            self._restore_portrait()
        keep_with_next(self.paragraph(caption_text, "Caption"))
        style_id = self.styles.get("Table Grid")
        table = _table_element(spec, self._text_twips(), style_id, None)
        if len(spec.rows) <= KEEP_TOGETHER_ROWS:
            keep_rows_together(table, through_last=bool(content.note))
        elif content.note:  # a long table breaks between rows, its header repeated; its last rows stay with the note
            keep_rows_together(table, through_last=True, last=2)
        self.document.element.body.append(table)
        self._move_sect_pr_last()
        if content.note:
            note = self.document.add_paragraph(self.text(content.note), style=self.note_style)
            note.runs[0].font.size = Pt((spec.font_half_points or 24) / 2)
        if wide:
            self.portrait_pending = True  # back to portrait only if more follows, so no blank last page
        return self.table_count

    def _fitted(self, spec: TableSpec) -> TableSpec:
        """The table at the largest size that fits the portrait page, or turned, or as it is (landscape)."""
        columns = len(spec.header)
        first = 20 if columns > 6 else 22 if columns > 4 else None
        sizes = [first, *(size for size in (22, 20, SMALLEST_TABLE_HALF_POINTS) if first and size < first)]
        if columns > 4 and first is None:
            sizes.append(SMALLEST_TABLE_HALF_POINTS)
        for size in sizes:
            candidate = replace(spec, font_half_points=size)
            # Portrait only where rows stay short: squeezed into two or three lines each, a table runs
            # over more pages than it would take on its side.
            lines = body_lines(candidate, self._portrait_twips)
            rows = len(spec.rows)
            allowed: float
            # A short table may wrap its rows (a few lines more beat a landscape page of its own).
            if rows <= SHORT_TABLE_ROWS:
                allowed = rows * 3
            elif rows <= ONE_PAGE_TABLE_ROWS:
                allowed = rows * 2
            else:
                allowed = max(rows * 1.34, rows + 1)
            if minimum_width(candidate) <= self._portrait_twips and lines <= allowed:
                return candidate
        turned = transposed(
            replace(spec, font_half_points=first),
            "It is printed turned to fit the page: each row described above is a column here.",
        )
        if len(spec.rows) <= TRANSPOSE_ROWS and minimum_width(turned) <= self._portrait_twips:
            return turned
        return replace(spec, font_half_points=first)

    def _landscape(self, landscape: bool, carry_headings: bool = False) -> None:
        """Start a new page in landscape (for a wide table) or back in portrait.

        ``carry_headings``: headings and lead-in lines just written to stay with what follows (nothing under
        them yet) move to the new page with the table they introduce, never left at the foot of the page."""
        body = self.document.element.body
        carried: list[BaseOxmlElement] = []
        while carry_headings:
            last = body[-2] if len(body) > 1 else None  # body[-1] is the section properties
            if last is None or not last.tag.endswith("}p") or not self._kept_with_next(last):
                break
            body.remove(last)
            carried.insert(0, last)
        section = self.document.add_section(WD_SECTION.NEW_PAGE)
        for paragraph in carried:
            body.insert(len(body) - 1, paragraph)
        if (section.orientation == WD_ORIENT.LANDSCAPE) != landscape:
            section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
            section.page_width, section.page_height = section.page_height, section.page_width

    def _kept_with_next(self, paragraph: BaseOxmlElement) -> bool:
        if paragraph.find(f"{W}pPr/{W}keepNext") is not None:
            return True
        style = paragraph.find(f"{W}pPr/{W}pStyle")
        name = self.style_names.get(style.get(f"{W}val")) if style is not None else None
        return bool(name and name.startswith("Heading"))

    def _restore_portrait(self) -> None:
        if self.portrait_pending:
            self.portrait_pending = False
            self._landscape(False)

    def _text_twips(self) -> int:
        return text_width_twips(self.document.sections[-1])

    def _move_sect_pr_last(self) -> None:
        body = self.document.element.body
        sect_pr = body.find("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}sectPr")
        if sect_pr is not None and body[-1] is not sect_pr:
            body.remove(sect_pr)
            body.append(sect_pr)
