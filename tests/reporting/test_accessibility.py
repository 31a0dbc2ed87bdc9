"""The accessibility checker finds what Word's checker would, and stays quiet on a report that follows the rules.

Every rule has a bad file (the good report with one small XML edit) that fires it alone, checked
both as an open Document and as a saved .docx path, and quiet variants for the cases a rule must
leave alone (decorative pictures, real numbering, trailing empty paragraphs, captions, ...).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import docx
import pytest
from docx.document import Document
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Pt, RGBColor

from caseload_reporter.reporting.accessibility import check_document
from caseload_reporter.reporting.accessibility_document import contrast_ratio
from caseload_reporter.reporting.accessibility_findings import ERROR_RULES, RULES, Finding, summary
from reporting.docx_samples import (
    FIGURE_CAPTION,
    SOURCE_URL,
    TABLE_CAPTION,
    add_coloured_paragraph,
    add_hyperlink,
    add_picture,
    first,
    good_document,
    insert_after,
    justify,
    large_document,
    make_floating,
    mark_decorative,
    paragraph_with,
    set_cell_shading,
    set_language,
)

PICTURE = f'Picture 1 ("{FIGURE_CAPTION}")'
TABLE = f'Table 1 ("{TABLE_CAPTION}")'


def check_both_ways(document: Document, tmp_path: Path) -> list[Finding]:
    """Findings for the open Document, asserted equal to those for the same file saved and read back."""
    in_memory = check_document(document)
    path = tmp_path / "report.docx"
    document.save(str(path))
    assert check_document(path) == in_memory
    assert check_document(str(path)) == in_memory
    return in_memory


def rules_of(findings: list[Finding]) -> list[str]:
    return [f.rule for f in findings]


# --- The good report -------------------------------------------------------------------------------------------


def test_a_report_that_follows_every_rule_has_no_findings(tmp_path: Path) -> None:
    assert check_both_ways(good_document(), tmp_path) == []


def test_the_python_docx_default_template_breaks_the_rules_the_guide_warns_about() -> None:
    document = docx.Document()
    document.add_heading("Summary", 1)
    document.add_heading("Detail", 2)
    findings = check_document(document)
    assert rules_of(findings) == ["missing-title", "low-contrast", "small-text"]  # en-US still counts as a language
    assert "#4F81BD on #FFFFFF has a contrast of 4.03:1" in findings[1].message
    assert findings[1].where == 'Heading "Detail"'
    assert findings[2].where == 'Style "Normal"' and "11 pt" in findings[2].message


# --- One bad edit per rule -------------------------------------------------------------------------------------


def no_title(d: Document) -> None:
    d.core_properties.title = "  "


def no_language(d: Document) -> None:
    set_language(d, None)


def no_alt_text(d: Document) -> None:
    del first(d, ".//wp:docPr").attrib["descr"]


def floating(d: Document) -> None:
    make_floating(d)


def no_header_row(d: Document) -> None:
    header = first(d, ".//w:tblHeader")
    header.getparent().remove(header)


def header_row_switched_off(d: Document) -> None:
    first(d, ".//w:tblHeader").set(qn("w:val"), "false")


def cells_merged_across(d: Document) -> None:
    table = d.tables[0]
    table.cell(1, 1).merge(table.cell(1, 2))  # writes gridSpan="2"


def cells_merged_down(d: Document) -> None:
    tc_pr = d.tables[0].cell(2, 0)._tc.get_or_add_tcPr()
    tc_pr.append(OxmlElement("w:vMerge"))


def no_table_caption(d: Document) -> None:
    caption = first(d, ".//w:tblCaption")
    caption.getparent().remove(caption)


def heading_skips_a_level(d: Document) -> None:
    paragraph_with(d, "Caseloads by district").style = d.styles["Heading 3"]


def first_heading_is_level_two(d: Document) -> None:
    paragraph_with(d, "Summary").style = d.styles["Heading 2"]


def outline_level_skips_a_level(d: Document) -> None:
    paragraph = insert_after(d, "Summary", "Pressures")  # a Normal paragraph made a level 3 heading directly
    paragraph._p.get_or_add_pPr().append(parse_xml(f'<w:outlineLvl {nsdecls("w")} w:val="2"/>'))


def custom_style_based_on_heading_three(d: Document) -> None:
    style = d.styles.add_style("Report subheading", 1)  # WD_STYLE_TYPE.PARAGRAPH
    style.base_style = d.styles["Heading 3"]
    insert_after(d, "Summary", "Pressures", style="Report subheading")


def heading_in_a_table(d: Document) -> None:
    d.tables[0].cell(1, 0).paragraphs[0].style = d.styles["Heading 2"]


def empty_heading(d: Document) -> None:
    insert_after(d, "Summary", "", style="Heading 2")


def grey_text(d: Document) -> None:
    add_coloured_paragraph(d, "Figures for 2024 are provisional.", "999999")


def white_on_yellow_cell(d: Document) -> None:
    cell = d.tables[0].cell(1, 0)
    set_cell_shading(cell._tc, "FFFF00")
    cell.paragraphs[0].runs[0].font.color.rgb = RGBColor(0xFF, 0xFF, 0xFF)


def grey_from_a_base_style(d: Document) -> None:
    base = d.styles.add_style("Grey base", 1)
    base.base_style = d.styles["Normal"]
    base.font.color.rgb = RGBColor(0xAA, 0xAA, 0xAA)
    note = d.styles.add_style("Note", 1)
    note.base_style = base
    insert_after(d, "Summary", "Figures for 2024 are provisional.", style="Note")


def typed_section_number(d: Document) -> None:
    insert_after(d, "Summary", "1.1 Something about caseloads")


def typed_letter(d: Document) -> None:
    insert_after(d, "Summary", "a) the first recommendation")


def numbering_switched_off(d: Document) -> None:
    paragraph = insert_after(d, "Summary", "2. Review caseloads", style="List Number")
    paragraph._p.get_or_add_pPr().append(parse_xml(f'<w:numPr {nsdecls("w")}><w:numId w:val="0"/></w:numPr>'))


def two_empty_paragraphs(d: Document) -> None:
    insert_after(d, "Summary", "")
    insert_after(d, "Summary", "")


def spaces_and_tabs(d: Document) -> None:
    insert_after(d, "Summary", "   \t ")


def small_run(d: Document) -> None:
    insert_after(d, "Summary", "Source: local returns.").runs[0].font.size = Pt(9)


def small_normal_style(d: Document) -> None:
    d.styles["Normal"].font.size = Pt(11)


def justified(d: Document) -> None:
    justify(paragraph_with(d, "Recruit two more social workers."))


def url_as_link_text(d: Document) -> None:
    add_hyperlink(d.add_paragraph("Source: "), SOURCE_URL, SOURCE_URL)


def click_here(d: Document) -> None:
    add_hyperlink(d.add_paragraph("For the national figures "), SOURCE_URL, "click here.")


SUMMARY = 'Heading "Summary"'
BAD: list[tuple[str, Callable[[Document], None], str]] = [
    ("missing-title", no_title, "Document properties"),
    ("missing-language", no_language, "Document language"),
    ("missing-alt-text", no_alt_text, PICTURE),
    ("floating-picture", floating, PICTURE),
    ("missing-header-row", no_header_row, f"{TABLE}, row 1"),
    ("missing-header-row", header_row_switched_off, f"{TABLE}, row 1"),
    ("merged-cells", cells_merged_across, f"{TABLE}, row 2"),
    ("merged-cells", cells_merged_down, f"{TABLE}, row 3"),
    ("table-without-description", no_table_caption, "Table 1"),
    ("heading-levels", heading_skips_a_level, 'Heading "Caseloads by district"'),
    ("heading-levels", first_heading_is_level_two, SUMMARY),
    ("heading-levels", outline_level_skips_a_level, 'Heading "Pressures"'),
    ("heading-levels", custom_style_based_on_heading_three, 'Heading "Pressures"'),
    ("heading-in-table", heading_in_a_table, f"{TABLE}, row 2"),
    ("empty-heading", empty_heading, 'Empty heading (level 2) after heading "Summary"'),
    ("low-contrast", grey_text, 'Paragraph "Figures for 2024 are provisional."'),
    ("low-contrast", white_on_yellow_cell, f"{TABLE}, row 2"),
    ("low-contrast", grey_from_a_base_style, 'Paragraph "Figures for 2024 are provisional."'),
    ("typed-numbering", typed_section_number, 'Paragraph "1.1 Something about caseloads"'),
    ("typed-numbering", typed_letter, 'Paragraph "a) the first recommendation"'),
    ("typed-numbering", numbering_switched_off, 'Paragraph "2. Review caseloads"'),
    ("empty-paragraphs", two_empty_paragraphs, 'After heading "Summary"'),
    ("empty-paragraphs", spaces_and_tabs, 'After heading "Summary"'),
    ("small-text", small_run, 'Paragraph "Source: local returns."'),
    ("small-text", small_normal_style, 'Style "Normal"'),
    ("justified-text", justified, 'Paragraph "Recruit two more social workers."'),
    ("link-text", url_as_link_text, f'Link "{SOURCE_URL[:60]}…"'),
    ("link-text", click_here, 'Link "click here."'),
]


@pytest.mark.parametrize(("rule", "edit", "where"), BAD, ids=[edit.__name__ for _, edit, _ in BAD])
def test_each_rule_fires_alone_on_a_file_that_breaks_it(
    rule: str, edit: Callable[[Document], None], where: str, tmp_path: Path
) -> None:
    document = good_document()
    edit(document)
    findings = check_both_ways(document, tmp_path)
    assert len(findings) == 1, findings
    (finding,) = findings
    assert (finding.rule, finding.where) == (rule, where)
    assert finding.severity == ("error" if rule in ERROR_RULES else "warning")
    assert finding.message.endswith(".") and ";" in finding.message  # what is wrong; how to fix it


def test_every_rule_has_a_description_and_a_bad_file() -> None:
    assert {rule for rule, _, _ in BAD} == set(RULES)
    assert set(RULES) >= ERROR_RULES
    assert all(description.endswith(".") for description in RULES.values())


def test_word_calls_these_errors() -> None:
    expected = {
        "missing-alt-text",
        "missing-header-row",
        "merged-cells",
        "heading-levels",
        "empty-heading",
        "missing-title",
        "missing-language",
        "low-contrast",
    }
    assert expected == ERROR_RULES


# --- What the rules leave alone --------------------------------------------------------------------------------


def test_a_decorative_picture_needs_no_alt_text(tmp_path: Path) -> None:
    document = good_document()
    doc_pr = add_picture(document, alt_text=None, caption=None)
    mark_decorative(doc_pr)
    assert check_both_ways(document, tmp_path) == []


def test_pictures_are_numbered_and_named_by_caption_or_title() -> None:
    document = good_document()
    add_picture(document, alt_text=None, caption=None).set("title", "District map")
    add_picture(document, alt_text=None, caption=None)
    assert [f.where for f in check_document(document)] == ['Picture 2 ("District map")', "Picture 3"]


def test_a_header_row_marked_true_counts(tmp_path: Path) -> None:
    document = good_document()
    first(document, ".//w:tblHeader").set(qn("w:val"), "true")
    assert check_both_ways(document, tmp_path) == []


def test_title_and_toc_heading_are_not_heading_levels() -> None:
    document = good_document()
    insert_after(document, "Caseload report", "Contents", style="TOC Heading")  # outline level 9: body text
    document.add_paragraph("Appendix", style="Title")
    assert check_document(document) == []


def test_headings_may_step_back_up_any_number_of_levels() -> None:
    document = good_document()
    document.add_heading("Detail", 3)
    document.add_heading("Annex", 1)
    assert check_document(document) == []


def test_real_numbering_from_the_paragraph_or_its_style_is_not_typed_numbering() -> None:
    document = good_document()
    document.add_paragraph("1) Already numbered by the List Number style", style="List Number")
    numbered = document.add_paragraph("a) Numbered directly")
    numbered._p.get_or_add_pPr().append(
        parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="0"/><w:numId w:val="5"/></w:numPr>')
    )
    document.add_paragraph("3.4 per cent more referrals than last year.")  # a number, not a section number
    document.add_paragraph("2024 was a difficult year.")
    assert check_document(document) == []


@pytest.mark.parametrize("text", ["1.1 Background", "2. Findings", "3.4 Options", "b) cost", "(i) first", "1) one"])
def test_typed_numbering_forms(text: str) -> None:
    document = good_document()
    document.add_paragraph(text)
    assert rules_of(check_document(document)) == ["typed-numbering"]


def test_empty_paragraphs_at_the_end_in_cells_and_one_at_a_time_are_allowed(tmp_path: Path) -> None:
    document = good_document()
    insert_after(document, "Summary", "")  # a single empty paragraph
    document.tables[0].cell(1, 1).add_paragraph("")
    document.tables[0].cell(1, 1).add_paragraph("")
    document.add_paragraph("")
    document.add_paragraph("")  # trailing, before the final sectPr
    assert check_both_ways(document, tmp_path) == []


def test_a_content_control_with_no_content_is_passed_over(tmp_path: Path) -> None:
    """w:sdtContent is optional in the schema: the check raised a TypeError on a control without it."""
    document = good_document()
    document.element.body.insert(0, parse_xml(f"<w:sdt {nsdecls('w')}><w:sdtPr/></w:sdt>"))
    assert check_both_ways(document, tmp_path) == []


def test_empty_paragraphs_before_a_section_break_are_allowed() -> None:
    document = good_document()
    document.add_paragraph("")
    document.add_paragraph("")
    document.add_section()
    document.add_heading("Appendix", 1)
    assert check_document(document) == []


def test_a_run_of_empty_paragraphs_is_one_finding_and_says_how_many() -> None:
    document = good_document()
    for _ in range(3):
        insert_after(document, "Summary", "")
    (finding,) = check_document(document)
    assert finding.message.startswith("3 empty paragraphs in a row")


def test_small_text_in_tables_and_captions_is_allowed_and_each_size_is_reported_once() -> None:
    document = good_document()
    for run in (p.runs[0] for row in document.tables[0].rows for c in row.cells for p in c.paragraphs):
        run.font.size = Pt(10)
    for size in (9, 9, 10):
        document.add_paragraph("Note.").runs[0].font.size = Pt(size)
    findings = check_document(document)
    assert rules_of(findings) == ["small-text", "small-text"]
    assert ["9 pt" in findings[0].message, "10 pt" in findings[1].message] == [True, True]


def test_each_colour_pair_is_reported_once_at_its_first_place() -> None:
    document = good_document()
    add_coloured_paragraph(document, "First grey.", "999999")
    add_coloured_paragraph(document, "Second grey.", "999999", after="Next steps")
    add_coloured_paragraph(document, "Automatic colour.", "000000").runs[0].font.color.rgb = None
    (finding,) = check_document(document)
    assert finding.where == 'Paragraph "First grey."'
    assert "#999999 on #FFFFFF has a contrast of 2.84:1" in finding.message


def test_automatic_colour_and_dark_text_on_light_shading_pass() -> None:
    document = good_document()
    cell = document.tables[0].cell(0, 0)
    set_cell_shading(cell._tc, "1F3864")  # auto text turns white on dark shading
    set_cell_shading(document.tables[0].cell(0, 1)._tc, "DDEBF7")
    document.tables[0].cell(0, 1).paragraphs[0].runs[0].font.color.rgb = RGBColor(0, 0, 0)
    paragraph = document.add_paragraph("Auto")
    paragraph.runs[0]._r.get_or_add_rPr().append(parse_xml(f'<w:color {nsdecls("w")} w:val="auto"/>'))
    assert check_document(document) == []


def test_paragraph_shading_is_the_background_for_its_text() -> None:
    document = good_document()
    paragraph = add_coloured_paragraph(document, "Warning box.", "FFFFFF")
    paragraph._p.get_or_add_pPr().append(parse_xml(f'<w:shd {nsdecls("w")} w:val="clear" w:fill="FFFF00"/>'))
    (finding,) = check_document(document)
    assert "#FFFFFF on #FFFF00 has a contrast of 1.07:1" in finding.message


def test_contrast_ratio_follows_wcag() -> None:
    assert contrast_ratio("000000", "FFFFFF") == pytest.approx(21.0)
    assert contrast_ratio("FFFFFF", "FFFFFF") == pytest.approx(1.0)
    assert contrast_ratio("767676", "FFFFFF") == pytest.approx(4.54, abs=0.01)  # the lightest grey that passes
    assert contrast_ratio("4f81bd", "FFFFFF") == pytest.approx(4.03, abs=0.01)


def test_meaningful_link_text_passes() -> None:
    document = good_document()
    add_hyperlink(document.add_paragraph("See "), SOURCE_URL, "the national workforce figures")
    assert check_document(document) == []


def test_every_paragraph_justified_is_one_finding() -> None:
    document = good_document()
    for paragraph in document.paragraphs:
        justify(paragraph)
    (finding,) = check_document(document)
    assert finding.where == 'Paragraph "Caseload report"'
    assert "(and " in finding.message and " other paragraphs)" in finding.message


# --- Summary, order and speed ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("severities", "expected"),
    [
        ([], "No problems found"),
        (["error"], "1 error"),
        (["warning", "warning"], "2 warnings"),
        (["error", "warning", "error"], "2 errors and 1 warning"),
    ],
)
def test_summary(severities: list[str], expected: str) -> None:
    assert summary([Finding("r", s, "w", "m.") for s in severities]) == expected


def test_errors_come_first_and_findings_are_frozen() -> None:
    document = good_document()
    no_table_caption(document)
    no_title(document)
    no_alt_text(document)
    findings = check_document(document)
    assert rules_of(findings) == ["missing-title", "missing-alt-text", "table-without-description"]
    with pytest.raises(AttributeError):
        findings[0].rule = "x"  # type: ignore[misc]


def test_a_thirty_page_report_checks_quickly(tmp_path: Path) -> None:
    document = large_document(paragraphs=200, tables=20, pictures=10)
    path = tmp_path / "large.docx"
    document.save(str(path))
    timings = []
    for _ in range(3):
        start = time.perf_counter()
        assert check_document(path) == []
        timings.append(time.perf_counter() - start)
    assert min(timings) < 0.5, timings
