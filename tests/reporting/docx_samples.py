"""Word files for the accessibility checker's tests: one good report, and small XML edits that break one rule each.

Built with python-docx and lxml only (no Qt), so the tests see real files the way Word and the
exporter write them. The good report follows every rule in GUIDE.md section 4: title, en-GB in the
style defaults, 12 pt Normal, dark heading and caption colours, alt text, a marked header row and a
table caption, real list numbering and meaningful link text.
"""

from __future__ import annotations

import io
import struct
import zlib

import docx
from docx.document import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Pt, RGBColor
from docx.table import Table
from docx.text.paragraph import Paragraph
from lxml import etree

NS = {
    "w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
}
DARK_BLUE = RGBColor(0x1F, 0x38, 0x64)  # 11.6:1 on white; the template's 4F81BD has only 4.03:1
FIGURE_CAPTION = "Figure 1: Total cases by district"
TABLE_CAPTION = "Cases by team"
ALT_TEXT = "Bar chart: total cases fell in all four districts, most in the North district."
SOURCE_URL = "https://explore-education-statistics.service.gov.uk/find-statistics/childrens-social-work-workforce"


def png_bytes(width: int = 8, height: int = 6, rgb: tuple[int, int, int] = (0, 114, 178)) -> bytes:
    """A real (tiny, single-colour) PNG written with the standard library."""

    def chunk(tag: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + tag + data + struct.pack(">I", zlib.crc32(tag + data) & 0xFFFFFFFF)

    rows = b"".join(b"\x00" + bytes(rgb) * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")


def set_language(document: Document, tag: str | None) -> None:
    """The document language lives in w:docDefaults (core_properties.language does nothing in Word)."""
    rpr = document.styles.element.find("w:docDefaults/w:rPrDefault/w:rPr", NS)
    lang = rpr.find("w:lang", NS)
    if tag is None:
        if lang is not None:
            rpr.remove(lang)
        return
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), tag)


def add_picture(document: Document, alt_text: str | None, caption: str | None = FIGURE_CAPTION) -> etree._Element:
    """An inline picture with alt text in wp:docPr descr, and a Caption paragraph under it; returns the docPr."""
    document.add_picture(io.BytesIO(png_bytes()), width=Cm(8))
    doc_pr = document.paragraphs[-1]._p.findall(".//wp:docPr", NS)[-1]
    if alt_text:
        doc_pr.set("descr", alt_text)
    if caption:
        document.add_paragraph(caption, style="Caption")
    return doc_pr


def add_table(document: Document, caption: str | None = TABLE_CAPTION) -> Table:
    """A data table with a repeating header row, a table caption and widths on every cell."""
    rows = [("Team", "Cases", "FTE"), ("Assessment 1", "240", "11.0"), ("Children in care", "180", "10.5")]
    table = document.add_table(rows=len(rows), cols=3)
    table.style = document.styles["Table Grid"]
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            cell = table.cell(r, c)
            cell.width = Cm(5)
            cell.text = value
    table.rows[0]._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))
    if caption:
        tbl_caption = OxmlElement("w:tblCaption")
        tbl_caption.set(qn("w:val"), caption)
        table._tbl.tblPr.append(tbl_caption)
    return table


def add_hyperlink(paragraph: Paragraph, url: str, text: str) -> etree._Element:
    """A w:hyperlink to an external address (python-docx has no API for one)."""
    r_id = paragraph.part.relate_to(url, RT.HYPERLINK, is_external=True)
    link = parse_xml(
        f'<w:hyperlink {nsdecls("w", "r")} r:id="{r_id}"><w:r><w:rPr><w:color w:val="0563C1"/>'
        f'<w:u w:val="single"/></w:rPr><w:t xml:space="preserve">{text}</w:t></w:r></w:hyperlink>'
    )
    paragraph._p.append(link)
    return link


def good_document() -> Document:
    """A short report that follows every rule the checker knows."""
    document = docx.Document()
    document.core_properties.title = "Caseload report: March 2025"
    set_language(document, "en-GB")
    document.styles["Normal"].font.size = Pt(12)
    for name in ("Heading 2", "Heading 3", "Caption"):
        document.styles[name].font.color.rgb = DARK_BLUE
    document.add_paragraph("Caseload report", style="Title")  # Title is not a heading level
    document.add_heading("Summary", 1)
    document.add_paragraph("Average caseloads fell in every district this year, to 17.9 cases per worker.")
    document.add_heading("Caseloads by district", 2)
    add_picture(document, ALT_TEXT)
    document.add_paragraph("Table 1: Cases by team", style="Caption")
    add_table(document)
    document.add_heading("Next steps", 2)
    document.add_paragraph("Recruit two more social workers.", style="List Number")
    document.add_paragraph("Review caseloads in June.", style="List Number")
    source = document.add_paragraph("The national figures are in ")
    add_hyperlink(source, SOURCE_URL, "Children's social work workforce statistics")
    return document


def large_document(paragraphs: int = 200, tables: int = 20, pictures: int = 10) -> Document:
    """About 30 pages: headings every tenth paragraph, with tables and pictures spread through."""
    document = good_document()
    for i in range(paragraphs):
        if i % 10 == 0:
            document.add_heading(f"Section {i // 10 + 1}", 1 if i % 20 == 0 else 2)
        document.add_paragraph(f"Paragraph {i + 1}: caseloads in this team stayed near the target of 18. " * 3)
        if i % (paragraphs // tables) == 0:
            add_table(document, caption=f"Cases by team, part {i}")
        if i % (paragraphs // pictures) == 5:
            add_picture(document, ALT_TEXT, caption=f"Figure {i}: cases by month")
    return document


# --- Edits that break one rule each -----------------------------------------------------------------------------


def first(document: Document, xpath: str) -> etree._Element:
    return document.element.body.xpath(xpath)[0]  # python-docx knows the w, wp, a and pic prefixes


def paragraph_with(document: Document, text: str) -> Paragraph:
    return next(p for p in document.paragraphs if p.text == text)


def insert_after(document: Document, text: str, new_text: str = "", style: str | None = None) -> Paragraph:
    """A new paragraph straight after the one reading ``text`` (python-docx only inserts before)."""
    anchor = paragraph_with(document, text)
    following = Paragraph(anchor._p.getnext(), anchor._parent)
    return following.insert_paragraph_before(new_text, style=style)


def make_floating(document: Document) -> None:
    """Turn the first inline picture into an anchored (floating) one, keeping its docPr and graphic."""
    inline = first(document, ".//wp:inline")
    anchor = parse_xml(
        f'<wp:anchor {nsdecls("wp")} distT="0" distB="0" distL="114300" distR="114300" simplePos="0" '
        'relativeHeight="251659264" behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1">'
        '<wp:simplePos x="0" y="0"/><wp:positionH relativeFrom="column"><wp:posOffset>0</wp:posOffset>'
        '</wp:positionH><wp:positionV relativeFrom="paragraph"><wp:posOffset>0</wp:posOffset></wp:positionV>'
        "</wp:anchor>"
    )
    extent, doc_pr, frame = (inline.find(f"wp:{n}", NS) for n in ("extent", "docPr", "cNvGraphicFramePr"))
    for element in (extent, parse_xml(f'<wp:wrapSquare {nsdecls("wp")} wrapText="bothSides"/>'), doc_pr, frame):
        anchor.append(element)
    anchor.append(inline.find("a:graphic", NS))
    inline.getparent().replace(inline, anchor)


def mark_decorative(doc_pr: etree._Element) -> None:
    """Word's 'Mark as decorative': an adec:decorative val="1" extension in docPr's extLst."""
    doc_pr.append(
        parse_xml(
            f'<a:extLst {nsdecls("a")}><a:ext uri="{{C183D7F6-B498-43B3-948B-1728B52AA6E4}}">'
            '<adec:decorative xmlns:adec="http://schemas.microsoft.com/office/drawing/2017/decorative" val="1"/>'
            "</a:ext></a:extLst>"
        )
    )


def set_cell_shading(cell_element: etree._Element, fill: str) -> None:
    tc_pr = cell_element.get_or_add_tcPr()
    tc_pr.append(parse_xml(f'<w:shd {nsdecls("w")} w:val="clear" w:color="auto" w:fill="{fill}"/>'))


def add_coloured_paragraph(document: Document, text: str, colour: str, after: str = "Summary") -> Paragraph:
    paragraph = insert_after(document, after, text)
    paragraph.runs[0].font.color.rgb = RGBColor.from_string(colour)
    return paragraph


def justify(paragraph: Paragraph) -> None:
    paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
