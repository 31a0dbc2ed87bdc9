"""One test per reference paper: its template and data of its shape reproduce the paper's structure.

The five papers in the seeds (see the README there) are what officers write by hand. For each, data of
the same shape is generated, a draft is started on the matching template from that data and a council
profile (as the app does), the officer's own parts are added where a paper has them (a second
recommendation, sub-paragraphs, bullet points, appendices), and the exported Word file is read back
element by element: header fields, key issues, lettered recommendations, contact, numbered sections
to the depth used, charts, tables, implications, consultations, source documents or background
papers and appendices.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import docx
import pytest

from caseload_reporter.reading.importer import import_file
from caseload_reporter.reporting.council_profile import CouncilProfile, Officer
from caseload_reporter.reporting.docx_numbering import (
    APPENDIX_STYLE,
    BULLET_STYLE,
    NUMBERED_PARAGRAPH_STYLE,
    RECOMMENDATION_STYLE,
    SUBPARAGRAPH_STYLE,
)
from caseload_reporter.reporting.draft import Item, OfficerContact, ReportDraft
from caseload_reporter.session.session import Session
from generators import import_fixtures as fx
from generators.council_shapes import shape_team_cases_fte, write_xlsxwriter
from libreoffice_pages import HAS_LIBREOFFICE, WHY_NOT, page_problems

PROFILE = CouncilProfile(
    council="Wenmoor County Council",
    committees=["Audit and Accounts Committee"],
    officers=[Officer("Executive Director", "People and Communities")],
    contact=OfficerContact("A. Officer", "Head of Service", "a.officer@example.gov.uk", "01234 567890"),
    source_location="Children's Services shared drive, caseload returns",
)


@dataclass
class Paper:
    seed: str  # the reference paper's file in the seeds
    template: str
    data: Callable[[Path], Path]
    header: tuple[str, ...]  # the header labels the paper prints
    charts: int  # at least this many
    tables: int  # at least this many, the figures-as-tables section left aside
    add: Callable[[ReportDraft], None] = lambda draft: None  # the officer's own parts, as the paper has them
    styles: set[str] = field(default_factory=set)  # numbering the paper uses beyond numbered paragraphs
    back: tuple[str, ...] = ()  # back-matter headings


def officer_words(draft: ReportDraft) -> None:
    """Every section of a real paper has the officer's own words, whatever the data gives it."""
    for section in draft.sections:
        if not section.holds_recommendations and not any(item.text.strip() for item in section.items):
            section.items.insert(0, Item("paragraph", f"What the committee needs to know: {section.title.lower()}."))


def workbook(name: str) -> Callable[[Path], Path]:
    return lambda folder: fx.write_openpyxl(fx.workbook_spec(name), folder / f"{name}.xlsx")


def two_recommendations(draft: ReportDraft) -> None:
    draft.header.meeting_date = "2017-07-25"
    draft.recommendations = ["Note and comment on the report.", "Agree that caseloads continue to be monitored."]
    draft.sections[0].items.insert(0, Item("paragraph", "The districts' total cases over seven weeks are below."))


def scrutiny(draft: ReportDraft) -> None:
    draft.header.meeting_date = "2012-10-09"
    draft.author = "A. Officer, Head of Service"
    draft.consultees = ["Corporate Director", "Cabinet Member for Children"]
    draft.background_papers = ["Quarterly caseload returns, 2012"]


def cabinet(draft: ReportDraft) -> None:
    draft.header.meeting_date = "2017-12-13"
    draft.header.key_decision = True
    draft.recommendations = ["Agree to fund and recruit additional social workers to bring caseloads to 18."]
    options = next(s for s in draft.sections if s.title.startswith("Consideration"))
    options.items += [
        Item("paragraph", "Option 1 leaves out the adoption, fostering and disabled children's teams."),
        Item("subparagraph", "To reduce caseloads to 18 per FTE would need additional social workers."),
        Item("subparagraph", "To reduce caseloads to 16 per FTE would need more."),
        Item("bullet", "The council has the fourth highest average caseloads in its region."),
        Item("bullet", "Most assessments are completed within the national timeframe."),
    ]
    draft.appendices = ["Regional benchmarking of caseloads", "The current and proposed team structures"]
    draft.background_papers = ["Children's social work workforce statistics, 2016"]


def progress(draft: ReportDraft) -> None:
    draft.header.meeting_date = "2022-04-26"
    draft.sections[1].items.insert(0, Item("table.comparison"))


PAPERS = [
    Paper("000", "committee_update", workbook("district_totals"), ("To", "Date", "From", "Electoral division"), 1, 1,
          two_recommendations, back=("Source documents",)),
    Paper("001", "committee_update", workbook("team_averages"), ("To", "Date", "From", "Purpose"), 1, 1,
          lambda d: setattr(d.header, "meeting_date", "2019-03-12"), back=("Source documents",)),
    Paper("002", "scrutiny_update", workbook("service_measures"), ("To", "Date", "From"), 1, 1, scrutiny,
          back=("Author and consultees", "Background papers", "Source documents")),
    Paper("003", "cabinet_decision", lambda f: write_xlsxwriter(shape_team_cases_fte(), f / "sept.xlsx"),
          ("To", "Date", "From", "Key decision"), 0, 1, cabinet, {SUBPARAGRAPH_STYLE, BULLET_STYLE, APPENDIX_STYLE},
          back=("Appendices", "Background papers", "Source documents")),
    Paper("004", "committee_update", workbook("progress_report"), ("To", "Date", "From"), 1, 2, progress,
          back=("Source documents",)),
]  # fmt: skip


def export(paper: Paper, folder: Path) -> tuple[ReportDraft, docx.document.Document, list]:
    from caseload_reporter.ui.chart_images import render_png

    result = import_file(paper.data(folder), today=dt.date(2026, 12, 1))
    assert result.ok, result.error
    session = Session(template=paper.template, profile=PROFILE)
    session.use_import([result])
    paper.add(session.draft)
    officer_words(session.draft)
    report = session.build_report(render_png)
    path = report.save(folder / f"{paper.seed}.docx")
    return session.draft, docx.Document(str(path)), report.findings


@pytest.mark.parametrize("paper", PAPERS, ids=[p.seed for p in PAPERS])
def test_a_reference_papers_structure_is_reproduced(paper: Paper, tmp_path: Path) -> None:
    draft, document, findings = export(paper, tmp_path)
    paragraphs = document.paragraphs
    texts = [p.text for p in paragraphs]
    styles = [p.style.name for p in paragraphs]

    # The header block: the council, the title, then each field the paper prints, labelled.
    assert texts[0] == PROFILE.council and styles[1] == "Title"
    for label in paper.header:
        assert any(t.startswith(f"{label}") and ":" in t for t in texts[:12]), label
    # Key issues, the lettered recommendations and the contact.
    assert "Key issues" in texts and draft.key_issue_sentences  # proposed from the data
    lettered = [t for t, s in zip(texts, styles, strict=True) if s == RECOMMENDATION_STYLE]
    assert lettered == [r for r in draft.recommendations if r.strip()]
    assert "Officer contact" in texts and any(t.startswith("Email:") for t in texts)
    # Numbered sections, each with something under it, and numbered paragraphs to the depth used.
    sections = [
        t for t, s in zip(texts, styles, strict=True) if s == "Heading 1" and t in {x.title for x in draft.sections}
    ]
    assert sections == [s.title for s in draft.sections if not s.is_empty() or s.holds_recommendations]
    used = {s for s in styles}
    assert NUMBERED_PARAGRAPH_STYLE in used or paper.seed == "004"
    assert paper.styles <= used
    # Charts and tables, implications and consultations where the template has them, the back matter.
    assert len(document.inline_shapes) >= paper.charts
    assert len(document.tables) >= paper.tables
    implications = [s.title for s in draft.sections if s.kind == "implications"]
    assert set(implications) <= set(texts)
    for heading in paper.back:
        assert heading in texts, heading
    source_table = next(t for t in document.tables if t.rows[0].cells[0].text.startswith("Source"))
    assert PROFILE.source_location in source_table.rows[1].cells[1].text
    assert not [f for f in findings if f.severity == "error"], [f for f in findings if f.severity == "error"]


def test_the_cabinet_papers_recommendations_are_its_second_section(tmp_path: Path) -> None:
    draft, document, _ = export(PAPERS[3], tmp_path)
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    numbered = [h for h in headings if h in {s.title for s in draft.sections}]
    assert numbered[:2] == ["Purpose of the report", "Recommendations"]
    assert "Key issues" in headings and headings.index("Key issues") < headings.index("Purpose of the report")
    appendices = [p.text for p in document.paragraphs if p.style.name == APPENDIX_STYLE]
    assert appendices == draft.appendices  # lettered "Appendix A:", "Appendix B:" by Word's own numbering


@pytest.mark.skipif(not HAS_LIBREOFFICE, reason=WHY_NOT)
@pytest.mark.slow
def test_each_reference_papers_pages_end_on_no_heading_or_caption(tmp_path: Path) -> None:
    """Printed as LibreOffice prints it: no heading or figure caption left at the foot of a page away
    from what it introduces, no short table split, no landscape page without a wide table."""
    found = {}
    for paper in PAPERS:
        _draft, _document, _findings = export(paper, tmp_path)
        problems, orientation = page_problems(tmp_path / f"{paper.seed}.docx", tmp_path)
        print(f"{paper.seed}: {len(orientation)} pages {orientation}")
        if problems:
            found[paper.seed] = problems
    assert not found, found
