"""The shipped Word templates, their structure files, the report numbering and the template checks.

Everything here opens real files: the committed templates, templates rebuilt by the generator
into a temporary folder, and deliberately broken files written the way an officer's might be.
"""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import docx
import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from lxml import etree

from caseload_reporter.core.paths import templates_dir
from caseload_reporter.reporting.docx_export import template_path
from caseload_reporter.reporting.docx_numbering import (
    APPENDIX_STYLE,
    BULLET_STYLE,
    NUMBERED_PARAGRAPH_STYLE,
    RECOMMENDATION_STYLE,
    SECTION_HEADING_STYLE,
    SUBPARAGRAPH_STYLE,
    ReportNumbering,
    ensure_report_numbering,
    suppress_numbering,
)
from caseload_reporter.reporting.report_templates import (
    BLOCK_KINDS,
    REQUIRED_STYLES,
    ReportTemplate,
    TemplateError,
    check_template,
    custom_template,
    list_templates,
    load_template,
    missing_styles,
)
from caseload_reporter.reporting.starter_drafts import sample_draft
from generators.report_templates import TEMPLATE_KEYS, build_templates

TEMPLATES = templates_dir()
DOCX_FILES = [TEMPLATES / f"{key}.docx" for key in TEMPLATE_KEYS]
W_NUMBERING = qn("w:numbering")
COLOURED_STYLES = ("Title", "Heading 1", "Heading 2", "Heading 3", "Caption")


def contrast_with_white(hex_colour: str) -> float:
    """WCAG 2.x contrast ratio of an RRGGBB colour against white."""

    def linear(channel: int) -> float:
        c = channel / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (int(hex_colour[i : i + 2], 16) for i in (0, 2, 4))
    luminance = 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b)
    return (1.0 + 0.05) / (luminance + 0.05)


def test_contrast_formula_matches_known_values() -> None:
    assert contrast_with_white("000000") == pytest.approx(21.0)
    assert contrast_with_white("4F81BD") == pytest.approx(4.03, abs=0.01)  # the default's low-contrast blue
    assert contrast_with_white("767676") == pytest.approx(4.54, abs=0.01)


def numbering_root(document) -> etree._Element:
    return document.part.numbering_part.element


def style_num_pr(document, name: str) -> tuple[int | None, int]:
    """(numId, ilvl) of the numPr in a style's pPr."""
    p_pr = document.styles[name].element.find(qn("w:pPr"))
    num_pr = p_pr.find(qn("w:numPr")) if p_pr is not None else None
    if num_pr is None:
        return None, 0
    num_id = num_pr.find(qn("w:numId"))
    ilvl = num_pr.find(qn("w:ilvl"))
    return (
        int(num_id.get(qn("w:val"))) if num_id is not None else None,
        int(ilvl.get(qn("w:val"))) if ilvl is not None else 0,
    )


def abstract_for(numbering, num_id: int):
    num = next(n for n in numbering.findall(qn("w:num")) if n.get(qn("w:numId")) == str(num_id))
    abstract_id = num.find(qn("w:abstractNumId")).get(qn("w:val"))
    return next(a for a in numbering.findall(qn("w:abstractNum")) if a.get(qn("w:abstractNumId")) == abstract_id)


def level(abstract, ilvl: int) -> dict[str, str | None]:
    lvl = next(lv for lv in abstract.findall(qn("w:lvl")) if lv.get(qn("w:ilvl")) == str(ilvl))

    def val(tag: str) -> str | None:
        child = lvl.find(qn(tag))
        return child.get(qn("w:val")) if child is not None else None

    return {"numFmt": val("w:numFmt"), "lvlText": val("w:lvlText"), "pStyle": val("w:pStyle")}


def assert_schema_order(numbering) -> None:
    tags = [etree.QName(child).localname for child in numbering]
    abstracts = [i for i, t in enumerate(tags) if t == "abstractNum"]
    nums = [i for i, t in enumerate(tags) if t == "num"]
    assert abstracts and nums and max(abstracts) < min(nums), "every abstractNum must come before every num"


def counts(document) -> tuple[int, int, int]:
    numbering = numbering_root(document)
    return (
        len(numbering.findall(qn("w:abstractNum"))),
        len(numbering.findall(qn("w:num"))),
        len(list(document.styles)),
    )


# -- the committed templates ------------------------------------------------------------------------


def test_committed_templates_match_what_the_generator_writes(tmp_path: Path) -> None:
    rebuilt = build_templates(tmp_path)
    assert [p.name for p in rebuilt] == [p.name for p in DOCX_FILES]
    for fresh, committed in zip(rebuilt, DOCX_FILES, strict=True):
        with zipfile.ZipFile(fresh) as a, zipfile.ZipFile(committed) as b:
            assert sorted(a.namelist()) == sorted(b.namelist()), f"{committed.name}: re-run the generator"
            for name in a.namelist():
                left, right = a.read(name), b.read(name)
                if name.endswith((".xml", ".rels")):
                    left = etree.tostring(etree.fromstring(left), method="c14n")
                    right = etree.tostring(etree.fromstring(right), method="c14n")
                assert left == right, f"{committed.name}: {name} differs; re-run tests/generators/report_templates.py"


@pytest.mark.parametrize("path", DOCX_FILES, ids=lambda p: p.stem)
def test_template_is_a4_with_2_54_cm_margins(path: Path) -> None:
    section = docx.Document(str(path)).sections[0]
    assert section.page_width.mm == pytest.approx(210, abs=0.5)
    assert section.page_height.mm == pytest.approx(297, abs=0.5)
    for margin in (section.top_margin, section.bottom_margin, section.left_margin, section.right_margin):
        assert margin.cm == pytest.approx(2.54, abs=0.01)


@pytest.mark.parametrize("path", DOCX_FILES, ids=lambda p: p.stem)
def test_template_language_and_body_text(path: Path) -> None:
    document = docx.Document(str(path))
    r_pr = document.styles.element.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}")
    lang = r_pr.find(qn("w:lang"))
    assert {lang.get(qn(f"w:{a}")) for a in ("val", "eastAsia", "bidi")} == {"en-GB"}
    fonts = r_pr.find(qn("w:rFonts"))
    assert fonts.get(qn("w:ascii")) == fonts.get(qn("w:hAnsi")) == "Arial"
    assert not [k for k in fonts.attrib if k.endswith("Theme") or k.endswith("theme")]
    normal = document.styles["Normal"]
    assert normal.font.name == "Arial"
    assert normal.font.size.pt >= 12
    assert normal.paragraph_format.alignment in (None, docx.enum.text.WD_ALIGN_PARAGRAPH.LEFT)
    assert normal.paragraph_format.space_after.pt > 0
    assert "Table Grid" in [s.name for s in document.styles]
    # The body is left for the export: nothing but (at most) one empty paragraph.
    assert all(not p.text for p in document.paragraphs) and len(document.paragraphs) <= 1
    assert not document.tables


@pytest.mark.parametrize("path", DOCX_FILES, ids=lambda p: p.stem)
def test_headings_and_caption_are_dark_arial(path: Path) -> None:
    document = docx.Document(str(path))
    for name in COLOURED_STYLES:
        style = document.styles[name]
        colour = style.element.find(f"{qn('w:rPr')}/{qn('w:color')}")
        assert colour is not None, f"{name} has no colour of its own"
        assert colour.get(qn("w:themeColor")) is None, f"{name} takes a theme colour"
        assert contrast_with_white(colour.get(qn("w:val"))) >= 4.5, f"{name} colour is low-contrast"
        assert style.font.name == "Arial"
        assert style.font.size.pt >= 11
        if name != "Caption":
            assert style.font.bold and style.paragraph_format.keep_with_next
    assert document.styles["Caption"].font.size.pt in (11, 12)
    # No paragraph or character style anywhere keeps a colour below 4.5:1.
    for style in document.styles:
        if style.type in (docx.enum.style.WD_STYLE_TYPE.PARAGRAPH, docx.enum.style.WD_STYLE_TYPE.CHARACTER):
            for colour in style.element.iter(qn("w:color")):
                value = colour.get(qn("w:val"))
                assert value == "auto" or contrast_with_white(value) >= 4.5, f"{style.name}: {value}"


@pytest.mark.parametrize("path", DOCX_FILES, ids=lambda p: p.stem)
def test_footer_reads_page_x_of_y_from_fields(path: Path) -> None:
    document = docx.Document(str(path))
    footer = document.sections[0].footer
    assert not footer.is_linked_to_previous
    paragraph = footer.paragraphs[0]
    assert paragraph.text == "Page 1 of 1"  # the field results Word and LibreOffice replace
    sequence = []
    for run in paragraph._p.findall(qn("w:r")):
        for child in run:
            if child.tag == qn("w:fldChar"):
                sequence.append(child.get(qn("w:fldCharType")))
            elif child.tag == qn("w:instrText"):
                sequence.append(child.text.strip())
            elif child.tag == qn("w:t"):
                sequence.append(f"text:{child.text}")
    expected = [
        "text:Page ",
        "begin",
        "PAGE",
        "separate",
        "text:1",
        "end",
        "text: of ",
        "begin",
        "NUMPAGES",
        "separate",
        "text:1",
        "end",
    ]
    assert sequence == expected


@pytest.mark.parametrize("path", DOCX_FILES, ids=lambda p: p.stem)
def test_numbering_is_linked_to_the_report_styles(path: Path) -> None:
    document = docx.Document(str(path))
    numbering = numbering_root(document)
    assert_schema_order(numbering)
    sections_id, heading_level = style_num_pr(document, SECTION_HEADING_STYLE)
    paragraph_id, paragraph_level = style_num_pr(document, NUMBERED_PARAGRAPH_STYLE)
    recommendations_id, recommendation_level = style_num_pr(document, RECOMMENDATION_STYLE)
    assert sections_id and sections_id == paragraph_id and (heading_level, paragraph_level) == (0, 1)
    assert recommendations_id and recommendations_id != sections_id and recommendation_level == 0
    sections = abstract_for(numbering, sections_id)
    heading_style_id = document.styles[SECTION_HEADING_STYLE].style_id
    paragraph_style_id = document.styles[NUMBERED_PARAGRAPH_STYLE].style_id
    assert level(sections, 0) == {"numFmt": "decimal", "lvlText": "%1.", "pStyle": heading_style_id}
    assert level(sections, 1) == {"numFmt": "decimal", "lvlText": "%1.%2", "pStyle": paragraph_style_id}
    recommendation_style_id = document.styles[RECOMMENDATION_STYLE].style_id
    assert level(abstract_for(numbering, recommendations_id), 0) == {
        "numFmt": "lowerLetter",
        "lvlText": "%1)",
        "pStyle": recommendation_style_id,
    }
    for name in (NUMBERED_PARAGRAPH_STYLE, RECOMMENDATION_STYLE):
        assert document.styles[name].base_style.name == "Normal"


@pytest.mark.parametrize("path", DOCX_FILES, ids=lambda p: p.stem)
def test_no_trace_of_the_generator_or_an_author(path: Path) -> None:
    with zipfile.ZipFile(path) as archive:
        for name in archive.namelist():
            assert b"python-docx" not in archive.read(name).lower(), f"{name} mentions python-docx"
        for name in archive.namelist():
            if name.endswith((".xml", ".rels")):
                etree.fromstring(archive.read(name))  # every XML part parses
    properties = docx.Document(str(path)).core_properties
    assert properties.author == properties.last_modified_by == properties.title == properties.comments == ""


# -- ensure_report_numbering and suppress_numbering --------------------------------------------------


def test_ensure_report_numbering_on_the_default_document_is_idempotent(tmp_path: Path) -> None:
    document = docx.Document()
    styles_before = {s.name for s in document.styles}
    assert NUMBERED_PARAGRAPH_STYLE not in styles_before and RECOMMENDATION_STYLE not in styles_before
    abstracts, nums, n_styles = counts(document)
    first = ensure_report_numbering(document)
    assert isinstance(first, ReportNumbering)
    # Four lists (sections with their paragraphs and sub-paragraphs, recommendations, bullets, appendices),
    # and five styles of the report's own.
    assert counts(document) == (abstracts + 4, nums + 4, n_styles + 5)
    assert_schema_order(numbering_root(document))
    assert style_num_pr(document, SECTION_HEADING_STYLE) == (first.sections_num_id, 0)
    assert style_num_pr(document, NUMBERED_PARAGRAPH_STYLE) == (first.sections_num_id, 1)
    assert style_num_pr(document, SUBPARAGRAPH_STYLE) == (first.sections_num_id, 2)
    assert style_num_pr(document, RECOMMENDATION_STYLE) == (first.recommendations_num_id, 0)
    assert style_num_pr(document, BULLET_STYLE) == (first.bullets_num_id, 0)
    assert style_num_pr(document, APPENDIX_STYLE) == (first.appendices_num_id, 0)
    assert ensure_report_numbering(document) == first
    assert counts(document) == (abstracts + 4, nums + 4, n_styles + 5)
    # And after a save and reopen it is found again, not added again.
    document.save(str(tmp_path / "numbered.docx"))
    reopened = docx.Document(str(tmp_path / "numbered.docx"))
    assert ensure_report_numbering(reopened) == first
    assert counts(reopened) == (abstracts + 4, nums + 4, n_styles + 5)


@pytest.mark.parametrize("path", DOCX_FILES, ids=lambda p: p.stem)
def test_ensure_report_numbering_on_a_template_adds_nothing(path: Path) -> None:
    document = docx.Document(str(path))
    before = counts(document)
    numbering_xml = etree.tostring(numbering_root(document))
    found = ensure_report_numbering(document)
    assert found == ReportNumbering(
        *(style_num_pr(document, name)[0] for name in (SECTION_HEADING_STYLE, RECOMMENDATION_STYLE, BULLET_STYLE)),
        style_num_pr(document, APPENDIX_STYLE)[0],
    )
    assert counts(document) == before
    assert etree.tostring(numbering_root(document)) == numbering_xml


def test_ensure_report_numbering_creates_a_missing_numbering_part(tmp_path: Path) -> None:
    document = docx.Document()
    part = document.part
    r_id = next(r for r, rel in part.rels.items() if rel.reltype.endswith("/numbering"))
    part.drop_rel(r_id)
    document.save(str(tmp_path / "plain.docx"))
    with zipfile.ZipFile(tmp_path / "plain.docx") as archive:
        assert "word/numbering.xml" not in archive.namelist()
    document = docx.Document(str(tmp_path / "plain.docx"))
    numbering = ensure_report_numbering(document)
    assert numbering == ReportNumbering(
        sections_num_id=1, recommendations_num_id=2, bullets_num_id=3, appendices_num_id=4
    )
    document.add_paragraph("Background", style=SECTION_HEADING_STYLE)
    document.add_paragraph("Cases are counted weekly.", style=NUMBERED_PARAGRAPH_STYLE)
    document.save(str(tmp_path / "numbered.docx"))
    with zipfile.ZipFile(tmp_path / "numbered.docx") as archive:
        assert "word/numbering.xml" in archive.namelist()
        assert "wordprocessingml.numbering+xml" in archive.read("[Content_Types].xml").decode()
    reopened = docx.Document(str(tmp_path / "numbered.docx"))
    assert_schema_order(numbering_root(reopened))
    assert ensure_report_numbering(reopened) == numbering


def test_ensure_report_numbering_takes_heading_1_from_a_house_list() -> None:
    """A council's Heading 1 already numbered by a list of its own, with no Numbered Paragraph style."""
    document = docx.Document()
    heading = document.styles[SECTION_HEADING_STYLE].element
    p_pr = heading.get_or_add_pPr()
    p_pr.insert(0, parse_xml(f'<w:numPr {nsdecls("w")}><w:numId w:val="5"/></w:numPr>'))
    numbering = ensure_report_numbering(document)
    assert numbering.sections_num_id not in (5, numbering.recommendations_num_id)
    assert style_num_pr(document, SECTION_HEADING_STYLE) == (numbering.sections_num_id, 0)
    assert len(p_pr.findall(qn("w:numPr"))) == 1
    # numPr sits after keepNext/keepLines and before spacing/outlineLvl.
    tags = [etree.QName(c).localname for c in p_pr]
    assert tags.index("keepLines") < tags.index("numPr") < tags.index("spacing") < tags.index("outlineLvl")


def test_suppress_numbering_writes_numid_0_in_schema_order() -> None:
    document = docx.Document()
    ensure_report_numbering(document)
    paragraph = document.add_paragraph("Key issues", style=SECTION_HEADING_STYLE)
    paragraph.paragraph_format.keep_with_next = True
    paragraph.paragraph_format.space_after = docx.shared.Pt(6)
    paragraph.paragraph_format.alignment = docx.enum.text.WD_ALIGN_PARAGRAPH.LEFT
    suppress_numbering(paragraph)
    suppress_numbering(paragraph)  # twice: still one numPr
    p_pr = paragraph._p.pPr
    tags = [etree.QName(c).localname for c in p_pr]
    assert tags == ["pStyle", "keepNext", "numPr", "spacing", "jc"]
    num_pr = p_pr.find(qn("w:numPr"))
    assert [(etree.QName(c).localname, c.get(qn("w:val"))) for c in num_pr] == [("ilvl", "0"), ("numId", "0")]


# -- structure files -----------------------------------------------------------------------------


def test_three_built_in_templates_with_their_sections() -> None:
    templates = list_templates()
    assert sorted(t.key for t in templates) == sorted(TEMPLATE_KEYS)
    assert [t.name for t in templates] == sorted(t.name for t in templates)
    by_key = {t.key: t for t in templates}
    for template in templates:
        assert template.docx == TEMPLATES / f"{template.key}.docx" and template.docx.is_file()
        assert template.name and template.description and template.sections
        assert "source_documents" in template.back_matter
        for section in template.sections:
            assert section.hint.endswith(".") and "\n" not in section.hint
            assert all(block["kind"] in BLOCK_KINDS for block in section.blocks)
    committee = by_key["committee_update"]
    assert [s.title for s in committee.sections] == ["Background", "Main issues", "Future plans"]
    assert {s.kind for s in committee.sections} == {"body"}
    assert {b["kind"] for b in committee.sections[0].blocks} == {"chart.district_totals", "table.district_totals"}
    assert committee.header_fields == ("agenda_item", "committee", "meeting_date", "from", "divisions", "purpose")
    scrutiny = by_key["scrutiny_update"]
    assert [s.kind for s in scrutiny.sections].count("implications") == 3
    assert [s.kind for s in scrutiny.sections].count("consultations") == 1
    assert any(b["kind"] == "chart.measures" for s in scrutiny.sections for b in s.blocks)
    assert scrutiny.back_matter == ("author_consultees", "background_papers", "source_documents")
    cabinet = by_key["cabinet_decision"]
    assert sum(s.kind in ("implications", "consultations") for s in cabinet.sections) >= 12
    assert {"key_decision", "agenda_item"} <= set(cabinet.header_fields)
    assert any(b["kind"] == "table.staffing" for s in cabinet.sections for b in s.blocks)
    assert "appendices" in cabinet.back_matter


def test_load_template_by_key_and_by_path() -> None:
    by_key = load_template("scrutiny_update")
    assert isinstance(by_key, ReportTemplate)
    assert load_template(TEMPLATES / "scrutiny_update.json") == by_key
    with pytest.raises(TemplateError, match="no built-in report template called nothing_here"):
        load_template("nothing_here")


def _structure(**changes) -> dict:
    data = json.loads((TEMPLATES / "committee_update.json").read_text(encoding="utf-8"))
    data["docx"] = str(TEMPLATES / "committee_update.docx")
    data.update(changes)
    return data


def _one_section(**changes) -> str:
    section = {"title": "A", "kind": "body", "required": True, "hint": "Write it.", "blocks": []}
    return json.dumps(_structure(sections=[{**section, **changes}]))


MALFORMED = {
    "not json": '{"name": "Broken", "sections": [',
    "a list": "[]",
    "missing sections": json.dumps({k: v for k, v in _structure().items() if k != "sections"}),
    "unknown kind": _one_section(kind="appendix"),
    "unknown block": _one_section(blocks=[{"kind": "chart.pie"}]),
    "block options not an object": _one_section(blocks=[{"kind": "table.teams", "options": 3}]),
    "required not bool": _one_section(required="yes"),
    "empty title": _one_section(title=" "),
    "no sections": json.dumps(_structure(sections=[])),
    "unknown header field": json.dumps(_structure(header_fields=["committee", "chair"])),
    "missing docx": json.dumps(_structure(docx="no_such_file.docx")),
    "typo key": json.dumps({**_structure(), "sectoins": []}),
}


@pytest.mark.parametrize("text", MALFORMED.values(), ids=MALFORMED.keys())
def test_malformed_structure_file_is_one_sentence(tmp_path: Path, text: str) -> None:
    path = tmp_path / "broken.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(TemplateError) as caught:
        load_template(path)
    message = str(caught.value)
    assert "\n" not in message and "broken.json" in message and message.endswith(".")
    with pytest.raises(TemplateError):
        list_templates(tmp_path)


# -- a council's own Word file -------------------------------------------------------------------


def _docx_without(tmp_path: Path, names: tuple[str, ...]) -> Path:
    """A python-docx document whose styles.xml has lost the named styles, like a Word template never used them."""
    document = docx.Document()
    styles = document.styles.element
    for style in list(styles.findall(qn("w:style"))):
        if style.find(qn("w:name")).get(qn("w:val")).casefold() in {n.casefold() for n in names}:
            styles.remove(style)
    path = tmp_path / "council.docx"
    document.save(str(path))
    return path


def test_missing_styles_are_named_in_one_sentence(tmp_path: Path) -> None:
    path = _docx_without(tmp_path, ("heading 2", "caption"))
    assert missing_styles(path) == ["Heading 2", "Caption"]
    with pytest.raises(TemplateError) as caught:
        check_template(path)
    assert str(caught.value) == (
        "This template has no styles named Heading 2 and Caption: use each once in Word, "
        "save, and choose the file again."
    )
    with pytest.raises(TemplateError, match="Heading 2 and Caption"):
        custom_template(path, load_template("committee_update"))


def test_one_missing_style(tmp_path: Path) -> None:
    path = _docx_without(tmp_path, ("title",))
    with pytest.raises(TemplateError, match=r"^This template has no style named Title: use it once in Word"):
        check_template(path)


@pytest.mark.parametrize("left_out", [("w:pgSz",), ("w:pgMar",), ("w:pgSz", "w:pgMar"), ("whole",)])
def test_a_file_without_its_page_size_or_margins_is_refused_in_one_sentence(
    tmp_path: Path, left_out: tuple[str, ...]
) -> None:
    """Word always writes them; another program may not, and the export sizes its tables from them (it raised
    a TypeError from deep in the export before the check)."""
    path = tmp_path / "house.docx"
    document = docx.Document()
    section = document.element.body.find(qn("w:sectPr"))
    for tag in left_out:
        if tag == "whole":
            document.element.body.remove(section)
        else:
            section.remove(section.find(qn(tag)))
    document.save(str(path))
    assert missing_styles(path) == []
    message = (
        "house.docx does not give its page size and margins: open it in Word, look at Layout > Size and Margins, "
        "save, and choose the file again."
    )
    with pytest.raises(TemplateError) as caught:
        check_template(path)
    assert str(caught.value) == message
    draft = sample_draft()
    draft.custom_docx = str(path)
    with pytest.raises(TemplateError, match="does not give its page size"):
        template_path(draft)  # where the export starts


def test_a_good_council_file_keeps_the_built_in_structure(tmp_path: Path) -> None:
    path = tmp_path / "house.docx"
    docx.Document().save(str(path))
    assert missing_styles(path) == []
    structure = load_template("cabinet_decision")
    custom = custom_template(path, structure)
    assert custom.docx == path and custom.sections == structure.sections
    for committed in DOCX_FILES:
        assert missing_styles(committed) == [] and check_template(committed) is None
    assert set(REQUIRED_STYLES) >= {"Heading 1", "Caption"}


def test_a_text_file_named_docx_is_a_template_error(tmp_path: Path) -> None:
    path = tmp_path / "notes.docx"
    path.write_text("Caseloads, quarter two\n", encoding="utf-8")
    with pytest.raises(TemplateError) as caught:
        check_template(path)
    assert "notes.docx" in str(caught.value) and "\n" not in str(caught.value)
    with pytest.raises(TemplateError):
        missing_styles(path)


def test_word_templates_and_broken_files_say_what_to_do(tmp_path: Path) -> None:
    dotx = tmp_path / "house.dotx"
    docx.Document().save(str(dotx))
    with pytest.raises(TemplateError, match=r"save it as a Word document \(\.docx\)"):
        check_template(dotx)
    # A .dotx renamed to .docx: the package says it is a template.
    source = tmp_path / "source.docx"
    docx.Document().save(str(source))
    renamed = tmp_path / "renamed.docx"
    with zipfile.ZipFile(source) as original, zipfile.ZipFile(renamed, "w") as target:
        for item in original.infolist():
            data = original.read(item.filename)
            if item.filename == "[Content_Types].xml":
                data = data.replace(b"wordprocessingml.document.main+xml", b"wordprocessingml.template.main+xml")
            target.writestr(item, data)
    with pytest.raises(TemplateError, match=r"renamed\.docx is a Word template \(\.dotx\)"):
        check_template(renamed)
    # A zip that is not a Word document, and a file that is not there.
    other = tmp_path / "other.docx"
    with zipfile.ZipFile(other, "w") as archive:
        archive.writestr("readme.txt", "not a document")
    with pytest.raises(TemplateError, match=r"other\.docx"):
        check_template(other)
    with pytest.raises(TemplateError, match="could not be found"):
        check_template(tmp_path / "missing.docx")
