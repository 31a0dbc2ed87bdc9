"""Generate the Word templates in templates/ (committee_update, scrutiny_update and cabinet_decision .docx).

Each template is python-docx's default document with everything the default gets wrong for a UK
council paper put right (see shared GUIDE section 4): A4 with 2.54 cm margins instead of US
Letter; en-GB instead of en-US in the style defaults; Arial 12 pt body text, left-aligned, with a
little space after each paragraph; Title, headings and Caption in Arial and a dark blue with at
least 4.5:1 contrast on white (the default 4F81BD has 4.03:1); the report numbering (sections
"1.", paragraphs "1.1", recommendations "a)") linked to the styles; "Page X of Y" in the footer
built from PAGE and NUMPAGES fields; empty document properties with no "python-docx" left in any
part. The body stays empty: the report builder writes it.

The three kinds of paper share the same styles; only their structure files (templates/*.json,
written by hand) differ. Deterministic: fixed document dates and zip entry times, so re-running
the script reproduces the files.

Usage: python tests/generators/report_templates.py [--out FOLDER]
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from datetime import UTC, datetime
from io import BytesIO
from pathlib import Path
from zipfile import ZIP_DEFLATED, ZipFile, ZipInfo

import docx
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Pt, RGBColor, Twips

from caseload_reporter.reporting.docx_numbering import ensure_report_numbering

REPO_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_OUT = REPO_ROOT / "templates"
TEMPLATE_KEYS = ("committee_update", "scrutiny_update", "cabinet_decision")

FIXED_TIMESTAMP = datetime(2026, 11, 23, 9, 0, 0, tzinfo=UTC)
FONT = "Arial"
LANGUAGE = "en-GB"
HEADING_COLOUR = "1F3864"  # dark blue, 11.9:1 on white
CAPTION_COLOUR = "000000"
MIN_CONTRAST = 4.5
# A4 and 2.54 cm margins, in twips (Word's own values for A4).
PAGE_WIDTH, PAGE_HEIGHT, MARGIN = 11906, 16838, 1440
# (style name, size in points, space before, space after) for the styles the export uses.
HEADINGS = (("Title", 20, 0, 12), ("Heading 1", 16, 18, 6), ("Heading 2", 14, 12, 6), ("Heading 3", 12, 12, 6))
THEME_FONT_ATTRIBUTES = ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme")


def relative_luminance(hex_colour: str) -> float:
    """WCAG 2 relative luminance of an RRGGBB colour."""
    channels = []
    for i in (0, 2, 4):
        c = int(hex_colour[i : i + 2], 16) / 255
        channels.append(c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4)
    red, green, blue = channels
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast_on_white(hex_colour: str) -> float:
    return 1.05 / (relative_luminance(hex_colour) + 0.05)


def build_document() -> docx.document.Document:
    """The template as a python-docx document (not yet saved)."""
    document = docx.Document()
    _page_setup(document)
    _style_defaults(document)
    _text_styles(document)
    _dark_style_colours(document)
    assert "Table Grid" in [s.name for s in document.styles], "the default template lost Table Grid"
    ensure_report_numbering(document)
    _page_footer(document)
    _settings_language(document)
    _drop_stale_parts(document)
    _blank_properties(document)
    return document


def build_templates(folder: Path) -> list[Path]:
    """Write the three templates into ``folder``; returns their paths."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for key in TEMPLATE_KEYS:
        path = folder / f"{key}.docx"
        save_reproducibly(build_document(), path)
        written.append(path)
    return written


def save_reproducibly(document: docx.document.Document, path: Path) -> None:
    """Save with fixed zip entry times, so an unchanged template rewrites byte for byte."""
    buffer = BytesIO()
    document.save(buffer)
    with ZipFile(buffer) as source, ZipFile(path, "w", ZIP_DEFLATED) as target:
        for info in source.infolist():
            entry = ZipInfo(info.filename, date_time=FIXED_TIMESTAMP.timetuple()[:6])
            entry.compress_type = ZIP_DEFLATED
            entry.create_system = 3
            entry.external_attr = 0o600 << 16
            target.writestr(entry, source.read(info.filename))


# -- page ------------------------------------------------------------------------------------------


def _page_setup(document) -> None:
    for section in document.sections:
        section.page_width, section.page_height = Twips(PAGE_WIDTH), Twips(PAGE_HEIGHT)
        section.top_margin = section.bottom_margin = Twips(MARGIN)
        section.left_margin = section.right_margin = Twips(MARGIN)
        section.header_distance = section.footer_distance = Twips(709)  # 1.25 cm


def _page_footer(document) -> None:
    """ "Page X of Y" on every page: PAGE and NUMPAGES fields, centred in the Footer style."""
    footer = document.sections[0].footer
    footer.is_linked_to_previous = False
    paragraph = footer.paragraphs[0] if footer.paragraphs else footer.add_paragraph()
    paragraph.style = document.styles["Footer"]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.add_run("Page ")
    _add_field(paragraph, "PAGE", "1")
    paragraph.add_run(" of ")
    _add_field(paragraph, "NUMPAGES", "1")


def _add_field(paragraph, instruction: str, placeholder: str) -> None:
    """A simple field as runs: fldChar begin, instrText, fldChar separate, the shown text, fldChar end."""
    p = paragraph._p
    for kind, text in (
        ("begin", None),
        ("instr", f" {instruction} "),
        ("separate", None),
        ("text", placeholder),
        ("end", None),
    ):
        run = OxmlElement("w:r")
        if kind == "instr":
            child = OxmlElement("w:instrText")
            child.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
            child.text = text
        elif kind == "text":
            child = OxmlElement("w:t")
            child.text = text
        else:
            child = OxmlElement("w:fldChar", attrs={qn("w:fldCharType"): kind})
        run.append(child)
        p.append(run)


# -- styles ----------------------------------------------------------------------------------------


def _style_defaults(document) -> None:
    """Arial 12 pt en-GB in w:docDefaults; 8 pt after each paragraph and 1.15 line spacing."""
    styles_element = document.styles.element
    defaults = styles_element.find(qn("w:docDefaults"))
    if defaults is None:
        defaults = OxmlElement("w:docDefaults")
        styles_element.insert(0, defaults)
    for child in list(defaults):
        defaults.remove(child)
    defaults.append(
        parse_xml(
            f"<w:rPrDefault {nsdecls('w')}><w:rPr>"
            f'<w:rFonts w:ascii="{FONT}" w:eastAsia="{FONT}" w:hAnsi="{FONT}" w:cs="{FONT}"/>'
            '<w:sz w:val="24"/><w:szCs w:val="24"/>'
            f'<w:lang w:val="{LANGUAGE}" w:eastAsia="{LANGUAGE}" w:bidi="{LANGUAGE}"/>'
            "</w:rPr></w:rPrDefault>"
        )
    )
    defaults.append(
        parse_xml(
            f"<w:pPrDefault {nsdecls('w')}><w:pPr>"
            '<w:spacing w:after="160" w:line="276" w:lineRule="auto"/>'
            "</w:pPr></w:pPrDefault>"
        )
    )
    # Theme fonts (Calibri, Cambria) would override Arial wherever a style names them.
    for fonts in styles_element.iter(qn("w:rFonts")):
        for attribute in THEME_FONT_ATTRIBUTES:
            fonts.attrib.pop(qn(attribute), None)
        if not fonts.attrib:
            fonts.getparent().remove(fonts)


def _text_styles(document) -> None:
    styles = document.styles
    normal = styles["Normal"]
    _set_font(styles, normal, size=12, bold=None, colour=None)
    normal.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.LEFT
    normal.paragraph_format.space_after = Pt(8)
    normal.paragraph_format.line_spacing = 1.15

    for name, size, before, after in HEADINGS:
        style = styles[name]
        _set_font(styles, style, size=size, bold=True, colour=HEADING_COLOUR)
        fmt = style.paragraph_format
        fmt.space_before, fmt.space_after = Pt(before), Pt(after)
        fmt.keep_with_next = True
        fmt.keep_together = True
        fmt.alignment = WD_ALIGN_PARAGRAPH.LEFT
        if name == "Title":
            p_pr = style.element.get_or_add_pPr()
            for border in p_pr.findall(qn("w:pBdr")):  # the default's thin blue rule under the title
                p_pr.remove(border)
            fmt.line_spacing = 1.0

    caption = styles["Caption"]
    _set_font(styles, caption, size=12, bold=True, colour=CAPTION_COLOUR)
    caption.paragraph_format.space_before = Pt(6)
    caption.paragraph_format.space_after = Pt(6)

    text_width = PAGE_WIDTH - 2 * MARGIN
    for name in ("Header", "Footer"):  # centre and right tab stops of the default sit on a Letter page
        style = styles[name]
        _set_font(styles, style, size=12, bold=None, colour=None)
        tabs = style.element.get_or_add_pPr().find(qn("w:tabs"))
        if tabs is not None:
            for tab in tabs.findall(qn("w:tab")):
                position = {"center": text_width // 2, "right": text_width}.get(tab.get(qn("w:val")))
                if position is not None:
                    tab.set(qn("w:pos"), str(position))


def _set_font(styles, style, *, size: int, bold: bool | None, colour: str | None) -> None:
    """Arial at ``size`` on a paragraph style and on the character style linked to it (Heading 1 Char...)."""
    targets = [style]
    link = style.element.find(qn("w:link"))
    if link is not None:
        targets += [s for s in styles if s.style_id == link.get(qn("w:val"))]
    for target in targets:
        font = target.font
        font.name = FONT
        font.size = Pt(size)
        r_pr = target.element.get_or_add_rPr()
        fonts = r_pr.get_or_add_rFonts()
        fonts.set(qn("w:cs"), FONT)
        fonts.set(qn("w:eastAsia"), FONT)
        size_cs = r_pr.find(qn("w:szCs"))
        if size_cs is None:
            size_cs = OxmlElement("w:szCs")
            r_pr.find(qn("w:sz")).addnext(size_cs)  # szCs follows sz in CT_RPr
        size_cs.set(qn("w:val"), str(size * 2))
        if bold is not None:
            font.bold = bold
        if colour is not None:
            font.color.rgb = RGBColor.from_string(colour)


def _dark_style_colours(document) -> None:
    """Any paragraph or character style still coloured below 4.5:1 on white (Subtitle, Intense Quote...) gets the
    heading colour; table styles keep theirs (their text sits on their own shading)."""
    for style in document.styles:
        if style.type not in (WD_STYLE_TYPE.PARAGRAPH, WD_STYLE_TYPE.CHARACTER):
            continue
        for colour in style.element.iter(qn("w:color")):
            value = colour.get(qn("w:val"), "auto")
            if value != "auto" and contrast_on_white(value) < MIN_CONTRAST:
                for attribute in ("w:themeColor", "w:themeShade", "w:themeTint"):
                    colour.attrib.pop(qn(attribute), None)
                colour.set(qn("w:val"), HEADING_COLOUR)
    assert contrast_on_white(HEADING_COLOUR) >= MIN_CONTRAST and contrast_on_white(CAPTION_COLOUR) >= MIN_CONTRAST


# -- package ---------------------------------------------------------------------------------------


def _settings_language(document) -> None:
    settings = document.settings.element
    theme_lang = settings.find(qn("w:themeFontLang"))
    if theme_lang is not None:
        theme_lang.set(qn("w:val"), LANGUAGE)


def _drop_stale_parts(document) -> None:
    """Leave out the default's thumbnail (a blank Letter page) and stylesWithEffects.xml (the old styles, which
    Word 2010 would read instead of ours)."""
    part = document.part
    for r_id, rel in list(part.rels.items()):
        if rel.reltype == "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects":
            part.drop_rel(r_id)
    package_rels = part.package.rels
    for r_id, rel in list(package_rels.items()):
        if rel.reltype == RT.THUMBNAIL:
            package_rels.pop(r_id)


def _blank_properties(document) -> None:
    """No author, title or "generated by python-docx": the officer's own report fills these in."""
    properties = document.core_properties
    properties.author = ""
    properties.last_modified_by = ""
    properties.title = ""
    properties.subject = ""
    properties.comments = ""
    properties.keywords = ""
    properties.category = ""
    properties.language = LANGUAGE
    properties.revision = 1
    properties.created = FIXED_TIMESTAMP
    properties.modified = FIXED_TIMESTAMP


def main(argv: Sequence[str] | None = None) -> int:
    """Command-line entry point: write the templates and say where they went."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="folder to write the .docx files into")
    args = parser.parse_args(argv)
    for path in build_templates(args.out):
        print(f"Wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
