"""The Word export, re-read with python-docx: structure, numbering, alt text, tables, privacy, safety.

The report is built from the generated sample council with the real chart renderer; every figure
checked is recomputed here from the data or read back from the file, never copied from the code.
"""

from __future__ import annotations

import itertools
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn

from benchmarks.bench_report import full_draft
from caseload_reporter.analysis.thresholds import default_thresholds
from caseload_reporter.core.atomic_write import TargetLocked, write_atomically
from caseload_reporter.reading.dataset import Dataset
from caseload_reporter.reading.importer import import_files
from caseload_reporter.reporting.docx_export import BuiltReport, build_report
from caseload_reporter.reporting.draft import Item, SourceDocument
from caseload_reporter.reporting.report_templates import TemplateError
from caseload_reporter.reporting.starter_drafts import sample_draft
from caseload_reporter.ui.chart_images import render_png

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture(scope="module")
def dataset(sample_workbook: Path) -> Dataset:
    return Dataset().add_results(import_files([sample_workbook]), decide=lambda *_: True)


@pytest.fixture(scope="module")
def exported(dataset: Dataset, tmp_path_factory: pytest.TempPathFactory) -> tuple[BuiltReport, Path]:
    draft = full_draft(dataset)
    draft.header.title = "Social work caseloads: options for Cabinet"
    report = build_report(draft, dataset, default_thresholds(), render_chart=render_png)
    path = report.save(tmp_path_factory.mktemp("export") / "report.docx")
    return report, path


def numbering_of(document, style_name: str) -> tuple[int, int]:
    """(numId, ilvl) a paragraph style is linked to."""
    num_pr = document.styles[style_name].element.pPr.find(qn("w:numPr"))
    ilvl = num_pr.find(qn("w:ilvl"))
    return int(num_pr.find(qn("w:numId")).get(qn("w:val"))), int(ilvl.get(qn("w:val"))) if ilvl is not None else 0


def level_format(document, num_id: int, level: int) -> tuple[str, str]:
    numbering = document.part.numbering_part.element
    num = next(n for n in numbering.findall(qn("w:num")) if int(n.get(qn("w:numId"))) == num_id)
    abstract_id = num.find(qn("w:abstractNumId")).get(qn("w:val"))
    abstract = next(a for a in numbering.findall(qn("w:abstractNum")) if a.get(qn("w:abstractNumId")) == abstract_id)
    lvl = next(lv for lv in abstract.findall(qn("w:lvl")) if int(lv.get(qn("w:ilvl"))) == level)
    return lvl.find(qn("w:numFmt")).get(qn("w:val")), lvl.find(qn("w:lvlText")).get(qn("w:val"))


def test_sections_are_real_headings_in_order_with_real_numbering(exported) -> None:
    _, path = exported
    document = docx.Document(str(path))
    draft = full_draft(Dataset())  # the same sections, without data
    headings = [p for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert headings[0].style.name == "Heading 1"
    levels = [int(p.style.name.split()[-1]) for p in headings]
    assert all(b - a <= 1 for a, b in itertools.pairwise(levels))  # no skipped level
    numbered = [p.text for p in headings if p._p.pPr.find(qn("w:numPr")) is None]
    assert numbered == [s.title for s in draft.sections]  # every section, in order, numbered by its style
    unnumbered = [p for p in headings if p._p.pPr.find(qn("w:numPr")) is not None]
    # The cabinet template prints its recommendations as section 2, numbered; the back matter is not numbered.
    assert "Recommendations" in numbered and "Source documents" in {p.text for p in unnumbered}
    for p in unnumbered:  # front and back matter: numbering switched off, not typed
        assert p._p.pPr.find(qn("w:numPr")).find(qn("w:numId")).get(qn("w:val")) == "0"
    sections_id, level = numbering_of(document, "Heading 1")
    assert level == 0 and level_format(document, sections_id, 0) == ("decimal", "%1.")
    paragraph_id, paragraph_level = numbering_of(document, "Numbered Paragraph")
    assert paragraph_id == sections_id and level_format(document, sections_id, paragraph_level) == ("decimal", "%1.%2")
    recommendation_id, _ = numbering_of(document, "Recommendation")
    assert level_format(document, recommendation_id, 0) == ("lowerLetter", "%1)")
    recommendations = [p.text for p in document.paragraphs if p.style.name == "Recommendation"]
    assert recommendations == ["To note the report.", "To agree option 1."]
    assert not [p.text for p in document.paragraphs if re.match(r"^(\d+\.\d*|[a-z]\))\s", p.text)]  # none typed


def test_every_picture_has_alt_text_from_its_data_and_a_caption(exported) -> None:
    report, path = exported
    document = docx.Document(str(path))
    pictures = document.inline_shapes
    assert len(pictures) == report.figures >= 6
    for shape in pictures:
        description = shape._inline.docPr.get("descr")
        assert description.startswith("Line chart: ") and " to " in description
    captions = [p.text for p in document.paragraphs if p.style.name == "Caption" and p.text.startswith("Figure")]
    assert len(captions) == report.figures
    table_captions = [t._tbl.tblPr.find(qn("w:tblCaption")).get(qn("w:val")) for t in document.tables]
    for number in range(1, report.figures + 1):  # the same figures available as a table
        assert any(f"for figure {number}:" in c for c in table_captions)


def test_tables_mark_their_header_row_and_merge_nothing(exported) -> None:
    report, path = exported
    document = docx.Document(str(path))
    assert len(document.tables) == report.tables >= 5
    for table in document.tables:
        first = table.rows[0]._tr
        assert first.trPr is not None and first.trPr.find(qn("w:tblHeader")) is not None
        assert first.trPr.find(qn("w:tblHeader")).get(qn("w:val")) is None  # the schema-valid empty form
        assert not table._tbl.xpath(".//w:gridSpan | .//w:vMerge")
        assert all(cell.width for cell in table.rows[0].cells)  # LibreOffice lays out from cell widths
    teams = next(
        t
        for t in document.tables
        if t.rows[0].cells[0].text == "Team" and "Rating" in [c.text for c in t.rows[0].cells]
    )
    rating = [c.text for c in teams.rows[0].cells].index("Rating")
    for row in teams.rows[1:-1]:
        cell = row.cells[rating]
        fill = cell._tc.tcPr.find(qn("w:shd"))
        assert cell.text.split(" ", 1)[1] in {"Within target", "Above target", "Well above target"}
        assert fill is not None  # shading beside the words, never instead of them


def tables_by_orientation(path: Path) -> list[tuple[str, bool]]:
    """Each table's first heading cell and whether its page is landscape, read from the body's section breaks."""
    body = docx.Document(str(path)).element.body
    found, pending = [], []
    for child in body:
        if child.tag == qn("w:tbl"):
            pending.append(child.xpath("string(.//w:tr[1]/w:tc[1])"))
        sect_pr = child.find(f"{qn('w:pPr')}/{qn('w:sectPr')}") if child.tag == qn("w:p") else None
        if child.tag == qn("w:sectPr"):
            sect_pr = child
        if sect_pr is not None:
            size = sect_pr.find(qn("w:pgSz"))
            landscape = int(size.get(qn("w:w"))) > int(size.get(qn("w:h")))
            found += [(heading, landscape) for heading in pending]
            pending = []
    return found


def test_only_a_table_too_wide_for_portrait_gets_a_landscape_page(dataset: Dataset, tmp_path: Path) -> None:
    draft = sample_draft()
    long_folder = "\\\\fileserver01\\ChildrensServices\\Performance\\Caseloads\\2026-27\\Quarter2\\Weekly"
    draft.source_documents.append(SourceDocument("Weekly caseload returns", long_folder))  # one unbroken "word"
    path = build_report(draft, dataset, default_thresholds(), render_chart=render_png).save(tmp_path / "report.docx")
    placed = dict(reversed(tables_by_orientation(path)))  # the first table with each heading
    assert placed["Team"] is True  # eight columns of team, type, average, target, rating, range and counts
    assert placed["Period"] is False  # district totals: seven short columns fit across A4 portrait
    assert placed["Source documents"] is False  # a long folder path may wrap rather than turn the page


def test_title_author_and_language_are_set_and_nothing_says_python_docx(exported) -> None:
    _, path = exported
    document = docx.Document(str(path))
    assert document.core_properties.title == "Social work caseloads: options for Cabinet"
    assert document.core_properties.author and document.core_properties.author != "python-docx"
    lang = document.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    assert lang.find(qn("w:lang")).get(qn("w:val")) == "en-GB"
    section = document.sections[0]
    assert round(section.page_width.mm) == 210 and round(section.page_height.mm) == 297  # A4
    with zipfile.ZipFile(path) as package:
        assert not [n for n in package.namelist() if b"python-docx" in package.read(n)]


def test_no_worker_name_anywhere_in_the_document(exported, dataset: Dataset) -> None:
    _, path = exported
    names = set(dataset.caseloads["worker"].dropna())
    with zipfile.ZipFile(path) as package:
        text = " ".join(package.read(n).decode("utf-8", "ignore") for n in package.namelist() if n.endswith(".xml"))
    assert len(names) > 100 and not [n for n in names if n in text]


def test_a_worker_named_in_the_officers_text_is_replaced_unless_allowed(dataset: Dataset) -> None:
    name = str(dataset.caseloads["worker"].dropna().iloc[0])
    draft = sample_draft()
    draft.sections[0].items.insert(0, Item("paragraph", f"{name} holds the most cases in the district."))
    hidden = build_report(draft, dataset, default_thresholds(), render_chart=render_png)
    body = "\n".join(p.text for p in hidden.document.paragraphs)
    assert name not in body and "a worker holds the most cases" in body
    assert any(f.rule == "worker-name" for f in hidden.findings)
    draft.privacy.hide_worker_names = False
    shown = build_report(draft, dataset, default_thresholds(), render_chart=render_png)
    assert name in "\n".join(p.text for p in shown.document.paragraphs)
    assert any(f.rule == "privacy-off" for f in shown.findings)


def test_empty_required_sections_are_reported_and_export_still_proceeds(dataset: Dataset, tmp_path: Path) -> None:
    draft = sample_draft()
    draft.sections[0].items = []
    report = build_report(draft, dataset, default_thresholds(), render_chart=render_png)
    assert [f.where for f in report.findings if f.rule == "empty-section"] == [f'Section "{draft.sections[0].title}"']
    assert report.save(tmp_path / "anyway.docx").stat().st_size > 10_000


def test_a_council_template_missing_styles_is_refused_in_one_sentence(dataset: Dataset, tmp_path: Path) -> None:
    plain = tmp_path / "house-style.docx"
    document = docx.Document()
    styles = document.styles.element
    for style in styles.findall(qn("w:style")):
        if style.find(qn("w:name")).get(qn("w:val")) in ("heading 2", "caption", "Caption"):
            styles.remove(style)
    document.save(str(plain))
    draft = sample_draft()
    draft.custom_docx = str(plain)
    with pytest.raises(TemplateError) as caught:
        build_report(draft, dataset, default_thresholds(), render_chart=render_png)
    assert "Heading 2" in str(caught.value) and "Caption" in str(caught.value)


def test_a_failed_write_leaves_the_previous_report_whole(tmp_path: Path) -> None:
    target = tmp_path / "report.docx"
    target.write_bytes(b"the report as it was")

    def half_then_fail(temporary: Path) -> None:
        temporary.write_bytes(b"half a rep")
        raise OSError("disk full")

    with pytest.raises(OSError, match="disk full"):
        write_atomically(target, half_then_fail)
    assert target.read_bytes() == b"the report as it was"
    assert [p.name for p in tmp_path.iterdir()] == ["report.docx"]


def test_a_locked_target_is_reported_as_locked_and_kept(exported, tmp_path: Path) -> None:
    """Word locks an open document on Windows; an immutable file (root) or a read-only folder does the same here."""
    report, _ = exported
    target = tmp_path / "locked" / "report.docx"
    target.parent.mkdir()
    target.write_bytes(b"open in Word")
    chattr = shutil.which("chattr")
    locked = chattr and subprocess.run([chattr, "+i", str(target)], capture_output=True).returncode == 0
    if not locked:
        if Path("/proc/self").exists() and __import__("os").geteuid() == 0:
            pytest.skip("as root without chattr +i nothing can lock a file here")
        target.parent.chmod(0o500)
    try:
        with pytest.raises(TargetLocked):
            report.save(target)
        assert target.read_bytes() == b"open in Word"
    finally:
        if locked:
            subprocess.run([chattr, "-i", str(target)], check=True)
        target.parent.chmod(0o700)
