"""The Word writer's paper: the header block, front matter, sections, data blocks, figures and back matter, in order.

:class:`PaperWriter` writes a committee paper from the draft and the blocks worked out from the
data, numbering figures and tables as it goes, and ends with each chart's figures as a table for
readers who prefer one. Its paragraphs, tables and page turns go through
:class:`caseload_reporter.reporting.docx_pages.PageWriter`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from docx.document import Document
from docx.enum.text import WD_LINE_SPACING
from docx.shared import Cm
from docx.text.run import Run

from caseload_reporter.analysis.chart_specs import CHART_WIDTH_CM, ChartSpec
from caseload_reporter.core.progress import TaskState
from caseload_reporter.core.words import officer_lines
from caseload_reporter.reporting.blocks import ChartContent, Content, SentenceContent, TableContent, Unavailable
from caseload_reporter.reporting.docx_numbering import (
    APPENDIX_STYLE,
    PARAGRAPH_STYLES,
    RECOMMENDATION_STYLE,
    ensure_report_numbering,
)
from caseload_reporter.reporting.docx_pages import PageWriter
from caseload_reporter.reporting.docx_xml import keep_with_next, set_alt_text, set_language
from caseload_reporter.reporting.draft import ReportDraft, Section
from caseload_reporter.reporting.privacy import WorkerNames, source_location

ChartRenderer = Callable[[ChartSpec, Path], Path]
CHART_WIDTH = Cm(CHART_WIDTH_CM)  # the width the chart is drawn for: its text prints at the size it was set
BACK_TITLES = {
    "author_consultees": "Author and consultees",
    "background_papers": "Background papers",
    "appendices": "Appendices",
    "source_documents": "Source documents",
}


class PaperWriter(PageWriter):
    """Writes the parts of the paper in order, numbering figures and tables as it goes."""

    def __init__(
        self,
        document: Document,
        draft: ReportDraft,
        contents: dict[int, Content],
        names: WorkerNames,
        state: TaskState,
        render_chart: ChartRenderer,
    ) -> None:
        super().__init__(document, draft, names)
        self.contents = contents
        self.state = state
        self.render_chart = render_chart
        self.figure_count = 0
        self.skipped: list[str] = []
        self.figures: list[tuple[int, ChartContent, Run]] = []  # number, content, the caption's words

    # -- the paper -----------------------------------------------------------------------
    def write(self, folder: Path) -> None:
        self.folder = folder
        self._clear_body()
        ensure_report_numbering(self.document)
        set_language(self.document, "en-GB")
        self._properties()
        self._header_block()
        self._front_matter()
        for number, section in enumerate(self.draft.sections):
            self.state.check_cancelled()
            self.state.set_progress(0.3 + 0.55 * number / max(len(self.draft.sections), 1), f"Writing {section.title}")
            self._section(section)
        for part in self.draft.back_matter:
            getattr(self, f"_{part}")()
        self._figure_data()

    def _clear_body(self) -> None:
        """A template starts with one empty paragraph (and may hold sample text): keep only the page setup."""
        body = self.document.element.body
        for child in list(body):
            if not child.tag.endswith("}sectPr"):
                body.remove(child)

    def _properties(self) -> None:
        header = self.draft.header
        properties = self.document.core_properties
        properties.title = header.title or "Committee report"
        properties.subject = header.committee
        # Never left empty, and never the library's name: the officer's, or the service's.
        properties.author = self.draft.author or self.draft.contact.name or header.from_name or "Children's Services"
        properties.last_modified_by = properties.author
        properties.comments = ""
        properties.keywords = "children's social care; caseloads"
        properties.language = "en-GB"
        properties.created = properties.modified = dt.datetime.now(dt.UTC).replace(microsecond=0, tzinfo=None)
        properties.revision = 1

    def _header_block(self) -> None:
        header = self.draft.header
        if header.exempt:
            notice = self.paragraph("Not for publication")
            notice.runs[0].bold = True
            if header.exempt_reason:
                self.paragraph(header.exempt_reason)
        if header.council:
            self.paragraph(header.council)
        self.document.add_paragraph(self.text(header.title or "Committee report"), style="Title")
        values = {
            "committee": ("To", header.committee),
            "meeting_date": ("Date", _long_date(header.meeting_date)),
            "agenda_item": ("Agenda item", header.agenda_item),
            "from": ("From", "\n".join(officer_lines(header.from_name, header.from_role))),  # one officer a line
            "divisions": ("Electoral division(s)", header.divisions),
            "purpose": ("Purpose", header.purpose),
            "key_decision": ("Key decision", "Yes" if header.key_decision else "No"),
            "exempt": ("Exempt from publication", "Yes" if header.exempt else "No"),
        }
        for key in self.draft.header_fields:
            label, value = values[key]
            if value:
                self.labelled(label, value)

    def _front_matter(self) -> None:
        sentences = [(item, self.contents[id(item)]) for item in self.draft.key_issue_sentences]
        said = [c for _, c in sentences if isinstance(c, SentenceContent)]
        if said or any(p.strip() for p in self.draft.key_issues):
            self.heading("Key issues")
        for item, content in sentences:
            if isinstance(content, SentenceContent):
                self.paragraph(content.text)
            else:  # key issues hold sentences only; anything else is reported, never printed
                reason = content.reason if isinstance(content, Unavailable) else "Key issues take sentences only."
                self.skipped.append(f"{item.kind}: {reason}")
        for text in self.draft.key_issues:
            if text.strip():
                self.paragraph(text)
        if not any(section.holds_recommendations for section in self.draft.sections):
            self._recommendations()
        contact = self.draft.contact
        if any((contact.name, contact.post, contact.email, contact.telephone)):
            self.heading("Officer contact")
            for label, value in (
                ("Name", contact.name),
                ("Post", contact.post),
                ("Email", contact.email),
                ("Telephone", contact.telephone),
            ):
                if value:
                    self.labelled(label, value)

    def _recommendations(self, numbered: bool = False, title: str = "") -> None:
        """The lettered recommendations: at the front, or as a numbered section where the template puts them."""
        recommendations = [text for text in self.draft.recommendations if text.strip()]
        if not recommendations:  # none is an error the check names: never an empty heading
            return
        self.heading(title or ("Recommendations" if len(recommendations) != 1 else "Recommendation"), numbered=numbered)
        for text in recommendations:
            self.paragraph(text, RECOMMENDATION_STYLE)

    def _section(self, section: Section) -> None:
        if section.holds_recommendations:
            self._recommendations(numbered=True, title=section.title)
            return
        if section.is_empty() or not self._has_content(section):
            return  # an empty heading helps no reader: a required section left empty is an error the check names
        self.heading(section.title, numbered=True)
        for item in section.items:
            if item.kind in PARAGRAPH_STYLES:
                for part in (p for p in item.text.split("\n") if p.strip()):
                    self.paragraph(part, PARAGRAPH_STYLES[item.kind])
            elif item.kind == "subheading":
                if item.text.strip():
                    self.heading(item.text, level=2)
            else:
                self._block(self.contents[id(item)], item.kind)

    def _has_content(self, section: Section) -> bool:
        """Whether anything in the section will print: text, or a block the data can give."""
        return any(
            item.text.strip() if not item.is_block else not isinstance(self.contents[id(item)], Unavailable)
            for item in section.items
        )

    # -- data blocks ---------------------------------------------------------------------
    def _block(self, content: Content, kind: str) -> None:
        if isinstance(content, Unavailable):
            self.skipped.append(f"{kind}: {content.reason}")
        elif isinstance(content, SentenceContent):
            self.paragraph(content.text, PARAGRAPH_STYLES["paragraph"])
        elif isinstance(content, ChartContent):
            self._chart(content)
        elif isinstance(content, TableContent):
            self._table(content)

    def _chart(self, content: ChartContent) -> None:
        self.figure_count += 1
        number = self.figure_count
        self.state.set_progress(self.state_fraction(), f"Drawing figure {number}")
        image = self.render_chart(content.spec, self.folder / f"figure-{number}.png")
        # The caption and the chart in one paragraph that is never split: LibreOffice does not always keep a
        # caption with a picture in the paragraph after it (keep-with-next), and left captions at a page's foot.
        figure = self.paragraph(f"Figure {number}: {content.title}", "Caption")  # where its figures are: added last
        figure.paragraph_format.keep_together = True
        figure.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE  # a style's exact spacing would crop it
        figure.add_run().add_break()  # a run of its own: the caption's run keeps only its words
        shape = figure.add_run().add_picture(str(image), width=min(CHART_WIDTH, Cm(self._text_twips() / 567)))
        set_alt_text(shape, content.alt_text, f"Figure {number}: {content.title}")
        self.figures.append((number, content, figure.runs[0]))

    def state_fraction(self) -> float:
        return 0.3 + 0.55 * min(self.figure_count / 12, 1.0)

    def _figure_data(self) -> None:
        """Each chart's figures as a table at the end, leaving out the periods a table in the paper already
        shows in full; each figure's caption says which tables hold its figures."""
        remaining = []
        for number, content, caption in self.figures:
            holders, rows = self._held(content.table)
            if rows:
                remaining.append((number, content, caption, holders, rows))
            else:
                caption.text += f" (its figures are in {_tables(holders)})"
        if not remaining:
            return
        self.heading("The figures as tables")
        keep_with_next(
            self.paragraph("The figures in each chart that no table above shows, for readers who prefer a table.")
        )
        for number, content, caption, holders, rows in remaining:
            table = content.table
            title = f"The figures for figure {number}: {content.title}"
            if holders:
                title += f" (the other periods are in {_tables(holders)})"
                table = replace(table, frame=table.frame.iloc[rows].reset_index(drop=True))
            holders.add(self._table(table, title))
            caption.text += f" (its figures are in {_tables(holders)}{', at the end' if len(holders) == 1 else ''})"

    def _held(self, table: TableContent) -> tuple[set[int], list[int]]:
        """Which printed tables show rows of ``table`` with every figure under the same row and column
        names, and the positions of the rows none shows."""
        header = [self.text(str(c)) for c in table.frame.columns]
        holders: set[int] = set()
        missing = []
        for position, row in enumerate(table.frame.itertuples(index=False)):
            cells = [self.text(str(v)) for v in row]
            holder = next(
                (
                    number
                    for number, printed_header, printed_rows in self.printed
                    if _shows(printed_header, printed_rows, header, cells)
                ),
                None,
            )
            if holder is None:
                missing.append(position)
            else:
                holders.add(holder)
        return holders, missing

    # -- back matter ---------------------------------------------------------------------
    def _author_consultees(self) -> None:
        if not (self.draft.author or self.draft.consultees):
            return
        self.heading(BACK_TITLES["author_consultees"])
        if self.draft.author:
            self.labelled("Author", self.draft.author)
        if self.draft.consultees:
            self.labelled("Consultees", "; ".join(self.draft.consultees))

    def _background_papers(self) -> None:
        self.heading(BACK_TITLES["background_papers"])
        papers = [p for p in self.draft.background_papers if p.strip()]
        for paper in papers or ["None."]:
            self.paragraph(paper)

    def _appendices(self) -> None:
        appendices = [a for a in self.draft.appendices if a.strip()]
        if appendices:
            self.heading(BACK_TITLES["appendices"])
            for appendix in appendices:  # lettered by the list: Appendix A, Appendix B
                self.paragraph(appendix, APPENDIX_STYLE)

    def _source_documents(self) -> None:
        import pandas as pd

        self.heading(BACK_TITLES["source_documents"])
        # The file's name and the place the officer chose, never the folder it was opened from.
        rows = [(d.document, source_location(d.location, d.path)) for d in self.draft.source_documents]
        if not rows:  # said as background papers are, not as a table of one empty row
            self.paragraph("None.")
            return
        frame = pd.DataFrame(rows, columns=["Source documents", "Location"])
        self._table(
            TableContent(
                "Source documents and where they are held",
                frame,
                "One row per source document with the place it is held.",
            )
        )


def _shows(printed_header: list[str], printed_rows: list[list[str]], header: list[str], cells: list[str]) -> bool:
    """Whether a printed table has the row labelled ``cells[0]`` with the same figure under each heading."""
    columns = {name: i for i, name in enumerate(printed_header)}
    if not all(name in columns for name in header[1:]):
        return False
    row = next((r for r in printed_rows if r and r[0] == cells[0]), None)
    return row is not None and all(row[columns[n]] == v for n, v in zip(header[1:], cells[1:], strict=True))


def _tables(numbers: set[int]) -> str:
    ordered = sorted(numbers)
    if len(ordered) == 1:
        return f"table {ordered[0]}"
    return "tables " + ", ".join(str(n) for n in ordered[:-1]) + f" and {ordered[-1]}"


def _long_date(iso: str) -> str:
    try:
        day = dt.date.fromisoformat(iso)
    except ValueError:
        return iso
    return f"{day.day} {day.strftime('%B %Y')}"
