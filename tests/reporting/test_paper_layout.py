"""The printed paper's layout: portrait unless a table cannot fit, headings and captions kept with what
follows, table rows never split, notes in the table's size, and the figures as tables only where no table
already shows them. Checked in the file everywhere and, where LibreOffice is installed, page by page."""

from __future__ import annotations

import re
from pathlib import Path

import docx
import pandas as pd
import pytest
from docx.oxml.ns import qn

from caseload_reporter.analysis.thresholds import default_thresholds
from caseload_reporter.core.progress import PlainTaskState
from caseload_reporter.reading.dataset import Dataset
from caseload_reporter.reading.importer import import_files
from caseload_reporter.reporting.accessibility import check_document
from caseload_reporter.reporting.block_content import TableContent
from caseload_reporter.reporting.docx_export import build_report, template_path
from caseload_reporter.reporting.docx_paper_writer import PaperWriter
from caseload_reporter.reporting.docx_xml import (
    EXACT_SPARE,
    TABLE_NOTE_STYLE,
    UNKNOWN_FONT_SPARE,
    TableSpec,
    minimum_width,
    width_spare,
)
from caseload_reporter.reporting.draft import ReportDraft
from caseload_reporter.reporting.privacy import WorkerNames
from caseload_reporter.reporting.report_templates import load_template
from caseload_reporter.reporting.starter_drafts import sample_draft, starter_draft
from caseload_reporter.ui.chart_images import render_png
from generators.import_fixtures import write_all
from libreoffice_pages import HAS_LIBREOFFICE, WHY_NOT, page_problems

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture(scope="module")
def papers(tmp_path_factory: pytest.TempPathFactory, sample_workbook_path: Path) -> dict[str, Path]:
    """The sample paper, and each template with data shaped like the reference papers'."""
    folder = tmp_path_factory.mktemp("papers")
    fixtures = write_all(folder / "fixtures")

    def data(*names: str) -> Dataset:
        paths = [fixtures[(name, "openpyxl")] for name in names] if names else [sample_workbook_path]
        return Dataset().add_results(import_files(paths), decide=lambda *_: True)

    out = {}
    for name, draft, dataset in (
        ("sample", sample_draft(), data()),
        ("committee, weekly districts", starter_draft("committee_update"), data("district_totals", "weekly_by_team")),
        ("scrutiny, service measures", starter_draft("scrutiny_update"), data("service_measures", "worker_caseloads")),
        ("cabinet, sample council", starter_draft("cabinet_decision"), data()),
    ):
        draft.recommendations = draft.recommendations or ["To note the report."]
        report = build_report(draft, dataset, default_thresholds(), render_chart=render_png)
        out[name] = report.save(folder / f"{name}.docx")
    return out


@pytest.fixture(scope="module")
def sample_workbook_path() -> Path:
    from caseload_reporter.core.sample import sample_council

    return sample_council().workbook


def styles_of(document) -> dict[str, object]:
    return {s.style_id: s for s in document.styles}


def kept_with_next(paragraph, document) -> bool:
    style = paragraph.style
    while style is not None:
        if style.paragraph_format.keep_with_next:
            return True
        style = style.base_style
    return bool(paragraph.paragraph_format.keep_with_next)


def test_headings_and_captions_keep_with_what_follows(papers: dict[str, Path]) -> None:
    """A heading or a table's caption is kept with the next paragraph; a figure's caption holds its chart
    in the same paragraph, which is never split (LibreOffice does not always honour keep-with-next
    before a picture)."""
    figures = 0
    for name, path in papers.items():
        document = docx.Document(str(path))
        for paragraph in document.paragraphs:
            pictures = paragraph._p.findall(f".//{W}drawing")
            if paragraph.style.name == "Caption" and paragraph.text.startswith("Figure"):
                figures += 1
                assert len(pictures) == 1 and paragraph.paragraph_format.keep_together, f"{name}: {paragraph.text}"
                assert paragraph.text.index("(its figures are in") < paragraph.text.index("\n")  # words, then chart
            elif paragraph.style.name.startswith("Heading") or paragraph.style.name == "Caption":
                assert kept_with_next(paragraph, document), f"{name}: '{paragraph.text}' may end a page alone"
            else:
                assert not pictures, f"{name}: a chart without its caption"
    assert figures >= 4


def test_rows_never_split_and_short_tables_stay_on_one_page(papers: dict[str, Path]) -> None:
    for name, path in papers.items():
        for table in docx.Document(str(path)).element.body.iter(f"{W}tbl"):
            rows = table.findall(f"{W}tr")
            assert all(row.find(f"{W}trPr/{W}cantSplit") is not None for row in rows), name
            if len(rows) - 1 <= 15:
                for row in rows[:-1]:
                    assert all(p.find(f"{W}pPr/{W}keepNext") is not None for p in row.iter(f"{W}p")), name


def test_notes_under_tables_are_in_the_tables_size(papers: dict[str, Path]) -> None:
    notes = 0
    for path in papers.values():
        document = docx.Document(str(path))
        body = list(document.element.body)
        for index, element in enumerate(body):
            if element.tag == f"{W}tbl" and index + 1 < len(body):
                after = body[index + 1]
                style = after.find(f"{W}pPr/{W}pStyle")
                if style is None or styles_of(document)[style.get(qn("w:val"))].name != TABLE_NOTE_STYLE:
                    continue
                notes += 1
                table_size = {s.get(qn("w:val")) for s in element.iter(f"{W}sz")} or {"24"}
                note_size = {s.get(qn("w:val")) for s in after.iter(f"{W}sz")}
                assert note_size == table_size
        assert not [f for f in check_document(document) if f.rule == "small-text"]
    assert notes >= 2  # the teams table's suppression note, in at least the sample and the cabinet paper


def table_cells(document) -> list[tuple[str, list[str], list[list[str]]]]:
    """Every table with its caption: (caption, header, rows)."""
    out = []
    for table in document.tables:
        caption = table._tbl.find(f"{W}tblPr/{W}tblCaption").get(qn("w:val"))
        grid = [[cell.text for cell in row.cells] for row in table.rows]
        out.append((caption, grid[0], grid[1:]))
    return out


def test_the_figures_as_tables_hold_only_figures_no_table_shows(papers: dict[str, Path]) -> None:
    for name, path in papers.items():
        document = docx.Document(str(path))
        tables = table_cells(document)
        figures = [t for t in tables if "The figures for figure" in t[0]]
        others = [t for t in tables if t not in figures]
        for caption, header, rows in figures:
            for row in rows:
                for _, other_header, other_rows in others:
                    same = [r for r in other_rows if r[0] == row[0]]
                    if same and set(header) <= set(other_header):
                        column = {h: i for i, h in enumerate(other_header)}
                        reprinted = all(same[0][column[h]] == v for h, v in zip(header, row, strict=True))
                        assert not reprinted, f"{name}: {caption} reprints {row[0]}"
        captions = [p.text for p in document.paragraphs if p.style.name == "Caption" and p.text.startswith("Figure")]
        for caption in captions:  # every figure says where its figures are, and that table exists
            numbers = re.findall(r"\d+", caption.split("its figures are in")[1])
            assert numbers and all(any(t[0].startswith(f"Table {n}:") for t in tables) for n in numbers), caption


def writer_for(template: str = "committee_update") -> PaperWriter:
    draft = ReportDraft.from_template(load_template(template))
    document = docx.Document(str(template_path(draft)))
    writer = PaperWriter(document, draft, {}, WorkerNames([]), PlainTaskState(), render_png)
    writer._clear_body()
    return writer


def orientations(document) -> list[str]:
    return ["landscape" if s.page_width > s.page_height else "portrait" for s in document.sections]


def test_a_short_wide_table_is_turned_to_stay_portrait() -> None:
    writer = writer_for()
    columns = ["Council"] + [f"Measure number {i} (per cent)" for i in range(12)]
    frame = pd.DataFrame([["Wenmoor", *[f"{i}.5" for i in range(12)]]], columns=columns)
    writer._table(TableContent("One council's measures", frame, "One row per council."))
    table = writer.document.tables[0]
    assert orientations(writer.document) == ["portrait"]
    assert len(table.rows) == 13 and table.rows[0].cells[1].text == "Wenmoor"  # turned: measures down
    assert "turned" in table._tbl.find(f"{W}tblPr/{W}tblDescription").get(qn("w:val"))


def test_a_long_wide_table_goes_landscape_with_its_heading(tmp_path: Path) -> None:
    writer = writer_for()
    writer.heading("Teams", numbered=True)
    columns = ["Team"] + [f"Average caseload in week {i}" for i in range(12)]
    frame = pd.DataFrame([[f"Team {r}", *[f"{r}.{i}" for i in range(12)]] for r in range(20)], columns=columns)
    writer._table(TableContent("Every team", frame, "One row per team."))
    writer.paragraph("After the table.")
    document = writer.document
    assert orientations(document) == ["portrait", "landscape", "portrait"]
    body = list(document.element.body)
    heading = next(p for p in body if p.tag == f"{W}p" and "".join(t.text for t in p.iter(f"{W}t")) == "Teams")
    breaks = [i for i, p in enumerate(body) if p.find(f"{W}pPr/{W}sectPr") is not None]
    assert body.index(heading) > breaks[0]  # the heading starts the landscape page, not the end of the last


def test_a_table_that_fits_stays_portrait_at_its_size() -> None:
    writer = writer_for()
    frame = pd.DataFrame([["Option 1", "18", "20.3", "14.5", "14", "£585,746"]], columns=list("ABCDEF"))
    writer._table(TableContent("Staffing", frame, "One row per option."))
    assert orientations(writer.document) == ["portrait"]
    sizes = {s.get(qn("w:val")) for s in writer.document.tables[0]._tbl.iter(f"{W}sz")}
    assert sizes == {"22"}  # six columns at 11 pt, as before: shrunk only when it must be


def weekly_figures(weeks: int) -> pd.DataFrame:
    """A figures-as-table of one week per row and eight columns, the shape of the sample paper's figure 2:
    at 9 pt its week labels wrap onto two lines on a portrait page."""
    columns = ["Period", "Adolescent", "Assessment", "Children in care", "Children's", "Disabled children"]
    columns += ["Leaving care", "Unaccompanied asylum-seeking children"]
    rows = [[f"w/c {day:02d}/08/2026", *[f"{18 + (day + c) % 5}.{c}" for c in range(7)]] for day in range(weeks)]
    return pd.DataFrame(rows, columns=columns)


def test_a_table_that_fits_a_page_with_rows_of_two_lines_stays_portrait() -> None:
    writer = writer_for()
    writer._table(TableContent("Average caseload per FTE by team type", weekly_figures(13), "One row per week."))
    assert orientations(writer.document) == ["portrait"]
    sizes = {s.get(qn("w:val")) for s in writer.document.tables[0]._tbl.iter(f"{W}sz")}
    assert sizes == {"18"}  # shrunk to 9 pt, never below


def test_a_long_table_of_wrapping_rows_still_turns_the_page() -> None:
    writer = writer_for()
    writer._table(TableContent("Average caseload per FTE by team type", weekly_figures(30), "One row per week."))
    assert orientations(writer.document) == ["portrait", "landscape"]  # 30 rows of two lines: on their side


def test_tables_are_measured_exactly_in_arial_and_with_room_to_spare_in_another_font() -> None:
    writer = writer_for()
    assert writer.document.styles["Normal"].font.name == "Arial"
    assert width_spare(writer.document) == EXACT_SPARE
    arial = minimum_width(TableSpec(["Team"], [["Unaccompanied"]], "", "", spare=EXACT_SPARE))
    writer.document.styles["Normal"].font.name = "Georgia"
    assert width_spare(writer.document) == UNKNOWN_FONT_SPARE > EXACT_SPARE
    writer.document.styles["Normal"].font.name = None  # the theme's font, unnamed: a guess too
    assert width_spare(writer.document) == UNKNOWN_FONT_SPARE
    spared = minimum_width(TableSpec(["Team"], [["Unaccompanied"]], "", "", spare=UNKNOWN_FONT_SPARE))
    assert spared > arial


# -- read page by page, as LibreOffice prints it ------------------------------------------------------


@pytest.mark.skipif(not HAS_LIBREOFFICE, reason=WHY_NOT)
@pytest.mark.slow
def test_libreoffice_pages_end_on_no_heading_and_short_tables_are_never_split(
    papers: dict[str, Path], tmp_path: Path
) -> None:
    for name, path in papers.items():
        problems, orientation = page_problems(path, tmp_path)
        assert problems == [], f"{name}: {problems}"
        print(f"{name}: {len(orientation)} pages {orientation}")
