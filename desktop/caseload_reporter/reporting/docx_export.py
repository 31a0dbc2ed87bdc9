"""The Word export: a committee paper built from the draft and the data, checked, then saved whole.

:func:`build_report` is a plain long-running function (progress and cancel through a TaskState) that
works out every block from the data, draws the charts in print style, writes the document from
the chosen template's styles and runs the accessibility check on the result. Nothing is written
to disk until :meth:`BuiltReport.save`, which replaces the target in one step, so a failure or a
report held open in Word never leaves a half-written file.
"""

from __future__ import annotations

import datetime as dt
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

import docx
from docx.document import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Cm, Pt
from docx.text.paragraph import Paragraph

from caseload_reporter.analysis.chart_specs import CHART_WIDTH_CM, ChartSpec
from caseload_reporter.analysis.thresholds import Thresholds
from caseload_reporter.core.atomic_write import write_atomically
from caseload_reporter.core.progress import PlainTaskState, TaskState
from caseload_reporter.core.words import officer_lines
from caseload_reporter.reading.dataset import Dataset
from caseload_reporter.reporting.accessibility import Finding, check_document
from caseload_reporter.reporting.block_context import BlockContext
from caseload_reporter.reporting.blocks import (
    ChartContent,
    Content,
    SentenceContent,
    TableContent,
    Unavailable,
    build_block,
)
from caseload_reporter.reporting.completeness import draft_gaps
from caseload_reporter.reporting.docx_numbering import (
    APPENDIX_STYLE,
    PARAGRAPH_STYLES,
    RECOMMENDATION_STYLE,
    ensure_report_numbering,
    suppress_numbering,
)
from caseload_reporter.reporting.docx_xml import (
    TableSpec,
    body_lines,
    ensure_table_note_style,
    keep_rows_together,
    keep_with_next,
    minimum_width,
    set_alt_text,
    set_language,
    text_width_twips,
    transposed,
)
from caseload_reporter.reporting.docx_xml import table_element as _table_element
from caseload_reporter.reporting.draft import ReportDraft, Section
from caseload_reporter.reporting.privacy import WorkerNames, source_location, typed_path_warnings
from caseload_reporter.reporting.report_templates import check_template, load_template

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
ChartRenderer = Callable[[ChartSpec, Path], Path]
CHART_WIDTH = Cm(CHART_WIDTH_CM)  # the width the chart is drawn for: its text prints at the size it was set
KEEP_TOGETHER_ROWS = 15  # a table this short is kept on one page; a longer one breaks between rows only
SMALLEST_TABLE_HALF_POINTS = 18  # 9 pt: a wide table shrinks this far before it turns or goes landscape
SHORT_TABLE_LINES = 24  # a table this many lines tall or less stays portrait however its rows wrap
SHORT_TABLE_ROWS = 8  # a table this short stays portrait even if its rows wrap to three lines
TRANSPOSE_ROWS = 2  # a wide table of one or two rows is turned (columns as rows) to stay portrait
BACK_TITLES = {
    "author_consultees": "Author and consultees",
    "background_papers": "Background papers",
    "appendices": "Appendices",
    "source_documents": "Source documents",
}


@dataclass
class BuiltReport:
    """A finished document in memory, with what the officer should know before saving it."""

    document: Document
    findings: list[Finding] = field(default_factory=list)  # accessibility, privacy and completeness
    skipped: list[str] = field(default_factory=list)  # blocks the data could not support, and why
    figures: int = 0
    tables: int = 0
    seconds: float = 0.0

    def save(self, path: Path) -> Path:
        """Write to a temporary file beside ``path`` and then replace it (TargetLocked if Word holds it)."""
        return write_atomically(Path(path), lambda temporary: self.document.save(str(temporary)))


def template_path(draft: ReportDraft) -> Path:
    if draft.custom_docx:
        path = Path(draft.custom_docx)
        check_template(path)
        return path
    return load_template(draft.template).docx


def build_report(
    draft: ReportDraft,
    dataset: Dataset,
    thresholds: Thresholds,
    state: TaskState | None = None,
    *,
    render_chart: ChartRenderer,
) -> BuiltReport:
    """Build the Word document for ``draft`` from ``dataset`` (TemplateError if the template is unusable).

    ``render_chart`` draws a chart to a PNG: drawing needs Qt, which this layer never imports, so the
    caller passes it (``ui.chart_images.render_png``, or a wrapper that runs it on the GUI thread)."""
    started = time.perf_counter()
    state = state or PlainTaskState()
    context = BlockContext(dataset, thresholds, draft.privacy)
    blocks = [*draft.key_issue_sentences, *(i for s in draft.sections for i in s.items if i.is_block)]
    contents: dict[int, Content] = {}
    for n, item in enumerate(blocks):
        state.check_cancelled()
        state.set_progress(0.05 + 0.25 * n / max(len(blocks), 1), "Working out the figures")
        contents[id(item)] = build_block(item, context)
    document = docx.Document(str(template_path(draft)))
    writer = _Writer(document, draft, contents, WorkerNames(context.worker_names()), state, render_chart)
    with tempfile.TemporaryDirectory(prefix="caseload-report-") as folder:
        writer.write(Path(folder))
    state.set_progress(0.9, "Checking accessibility")
    report = BuiltReport(document, skipped=writer.skipped, figures=writer.figure_count, tables=writer.table_count)
    report.findings = draft_findings(draft, writer.names) + draft_gaps(draft) + check_document(document)
    report.seconds = time.perf_counter() - started
    state.set_progress(1.0, "Report ready")
    return report


def draft_findings(draft: ReportDraft, names: WorkerNames) -> list[Finding]:
    """What the file check cannot see: empty required sections, worker names typed, privacy turned off."""
    fixes = {
        "Report title": ("Header", "The report has no title: write one in the header."),
        "Recommendations": (
            "Recommendations",
            "The report makes no recommendation: add at least one, such as to note it.",
        ),
    }
    out = [
        Finding(
            "empty-section",
            "error",
            *fixes.get(title, (f'Section "{title}"', f'"{title}" is empty: write it, or remove it.')),
        )
        for title in draft.empty_required_sections()
    ]
    found = names.find(draft.worker_free_text())
    for name in sorted({f.name for f in found}):
        text = next(f.text for f in found if f.name == name)
        action = "it is replaced by 'a worker'" if draft.privacy.hide_worker_names else "it will be published"
        out.append(Finding("worker-name", "warning", f'Text "{text}..."', f"A worker's name is in the text: {action}."))
    out += [Finding("privacy-off", "warning", "Privacy settings", warning) for warning in draft.privacy.warnings()]
    sources = [(d.document, d.location, d.path) for d in draft.source_documents]
    out += [Finding("source-path", "warning", "Source documents", warning) for warning in typed_path_warnings(sources)]
    return out


class _Writer:
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
        self.document = document
        self.draft = draft
        self.contents = contents
        self.names = names
        self.state = state
        self.render_chart = render_chart
        self.figure_count = 0
        self.table_count = 0
        self.skipped: list[str] = []
        self.figures: list[tuple[int, ChartContent, Paragraph]] = []  # number, content, caption paragraph
        self.printed: list[tuple[int, list[str], list[list[str]]]] = []  # every table: number, header, rows
        self.styles = {s.name: s.style_id for s in document.styles}
        self.note_style = ensure_table_note_style(document)
        self.style_names = {s.style_id: s.name for s in document.styles}
        self.portrait_pending = False
        self._portrait_twips = text_width_twips(document.sections[-1])

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
        caption = self.paragraph(f"Figure {number}: {content.title}", "Caption")  # where its figures are: added last
        keep_with_next(caption)
        picture = self.paragraph()
        shape = picture.add_run().add_picture(str(image), width=min(CHART_WIDTH, Cm(self._text_twips() / 567)))
        set_alt_text(shape, content.alt_text, f"Figure {number}: {content.title}")
        self.figures.append((number, content, caption))

    def state_fraction(self) -> float:
        return 0.3 + 0.55 * min(self.figure_count / 12, 1.0)

    def _table(self, content: TableContent, title: str | None = None) -> int:
        """A numbered table: portrait at the largest size that fits (turned, if short and still too wide),
        landscape only when neither serves; kept on one page when short; its note in its own size."""
        self.table_count += 1
        caption_text = f"Table {self.table_count}: {title or content.title}"
        frame = content.frame
        header = [self.text(str(c)) for c in frame.columns]
        rows = [[self.text(str(v)) for v in row] for row in frame.itertuples(index=False)]
        self.printed.append((self.table_count, header, rows))
        spec = self._fitted(TableSpec(header, rows, caption_text, content.description, content.shading))
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
            # A short table may wrap its rows (a few lines more beat a landscape page of its own).
            allowed = rows * 3 if rows <= SHORT_TABLE_ROWS else max(rows * 1.34, rows + 1)
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

    def _figure_data(self) -> None:
        """Each chart's figures as a table at the end, leaving out the periods a table in the paper already
        shows in full; each figure's caption says which tables hold its figures."""
        remaining = []
        for number, content, caption in self.figures:
            holders, rows = self._held(content.table)
            if rows:
                remaining.append((number, content, caption, holders, rows))
            else:
                caption.add_run(f" (its figures are in {_tables(holders)})")
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
            caption.add_run(f" (its figures are in {_tables(holders)}{', at the end' if len(holders) == 1 else ''})")

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
        rows = rows or [("None", "")]
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
