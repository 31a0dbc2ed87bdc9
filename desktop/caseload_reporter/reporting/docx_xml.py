"""The WordprocessingML python-docx has no API for, written so the file passes schema validation.

Alt text on pictures, accessible tables (a marked header row that repeats, a caption and a
description, cell widths and shading in schema order, no merged cells), field codes for page
numbers, and the document language in the style defaults where Word and LibreOffice read it.
Tables are written as one XML fragment, which is many times faster than cell-by-cell python-docx.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from xml.sax.saxutils import escape, quoteattr

from docx.document import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.section import Section
from docx.shape import InlineShape
from docx.shared import Pt
from docx.text.paragraph import Paragraph
from lxml import etree

from caseload_reporter.reporting.arial_metrics import text_twips

TWIPS_PER_CM = 567
HEADER_FILL = "DCE3EE"  # pale blue-grey: black bold text on it has a contrast above 14:1
LONGEST_UNBROKEN = 24
CELL_MARGIN_TWIPS = 85  # 0.15 cm each side, a little under the default, so more fits across
# Fonts drawn with Arial's widths (Liberation Sans and Arimo are metric twins made for that), so a
# table set in one of them is measured exactly; any other font gets a tenth spare.
ARIAL_WIDTH_FONTS = frozenset({"arial", "liberation sans", "arimo", "helvetica"})
EXACT_SPARE = 1.0  # the cell padding keeps 30 twips (1.5 pt) over the exact width
UNKNOWN_FONT_SPARE = 1.1


def width_spare(document: Document) -> float:
    """How much wider than Arial the document's body text may run: tables are measured with Arial's
    metrics, which are exact for a template set in Arial and a guess for one set in anything else
    (a theme font left unnamed in the Normal style is Calibri or Aptos, so it is a guess too)."""
    try:
        name = document.styles["Normal"].font.name
    except KeyError:
        name = None
    return EXACT_SPARE if name and name.strip().lower() in ARIAL_WIDTH_FONTS else UNKNOWN_FONT_SPARE


def page_is_set(section: Section) -> bool:
    """Whether the section gives its page width and side margins (Word always writes them; a file made by
    another program may leave them out, and the export sizes its tables from them)."""
    return None not in (section.page_width, section.left_margin, section.right_margin)


def text_width_twips(section: Section) -> int:
    """The width between the side margins of ``section``, in twips; ValueError when :func:`page_is_set`
    is False (``report_templates.check_template`` refuses such a file first)."""
    width, left, right = section.page_width, section.left_margin, section.right_margin
    if width is None or left is None or right is None:
        raise ValueError("the section does not give its page width and margins")
    return int((width - left - right) / 635)


def set_alt_text(shape: InlineShape, description: str, title: str = "") -> None:
    """Alt text a screen reader reads: ``descr`` (and ``title``) on the picture's wp:docPr."""
    doc_pr = shape._inline.docPr
    doc_pr.set("descr", description)
    if title:
        doc_pr.set("title", title)


def set_language(document: Document, language: str = "en-GB") -> None:
    """The language in w:docDefaults (core properties' language is ignored by Word and LibreOffice)."""
    styles = document.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    if defaults is None:
        defaults = parse_xml(f"<w:docDefaults {nsdecls('w')}/>")
        styles.insert(0, defaults)
    r_pr_default = defaults.find(qn("w:rPrDefault"))
    if r_pr_default is None:
        r_pr_default = parse_xml(f"<w:rPrDefault {nsdecls('w')}><w:rPr/></w:rPrDefault>")
        defaults.insert(0, r_pr_default)
    r_pr = r_pr_default.find(qn("w:rPr"))
    if r_pr is None:
        r_pr = parse_xml(f"<w:rPr {nsdecls('w')}/>")
        r_pr_default.append(r_pr)
    lang = r_pr.find(qn("w:lang"))
    if lang is None:
        lang = parse_xml(f"<w:lang {nsdecls('w')}/>")
        _insert_r_pr_child(r_pr, lang)
    for attribute in ("w:val", "w:eastAsia", "w:bidi"):
        lang.set(qn(attribute), language)


# CT_RPr children in schema order: w:lang comes after these and before the rest.
_RPR_BEFORE_LANG = (
    "rStyle",
    "rFonts",
    "b",
    "bCs",
    "i",
    "iCs",
    "caps",
    "smallCaps",
    "strike",
    "dstrike",
    "outline",
    "shadow",
    "emboss",
    "imprint",
    "noProof",
    "snapToGrid",
    "vanish",
    "webHidden",
    "color",
    "spacing",
    "w",
    "kern",
    "position",
    "sz",
    "szCs",
    "highlight",
    "u",
    "effect",
    "bdr",
    "shd",
    "fitText",
    "vertAlign",
    "rtl",
    "cs",
    "em",
)
_BEFORE_LANG = {qn(f"w:{name}") for name in _RPR_BEFORE_LANG}


def _insert_r_pr_child(r_pr: BaseOxmlElement, lang: BaseOxmlElement) -> None:
    for index, child in enumerate(r_pr):
        if child.tag not in _BEFORE_LANG:
            r_pr.insert(index, lang)
            return
    r_pr.append(lang)


def add_field(paragraph: Paragraph, instruction: str, placeholder: str = "1") -> None:
    """A field such as PAGE or NUMPAGES: begin, instruction, separate, the shown text, end."""
    p: etree._Element = paragraph._p  # a plain element: types-lxml lets an element append only its own class
    for fragment in (
        '<w:r {ns}><w:fldChar w:fldCharType="begin"/></w:r>',
        f'<w:r {{ns}}><w:instrText xml:space="preserve"> {escape(instruction)} </w:instrText></w:r>',
        '<w:r {ns}><w:fldChar w:fldCharType="separate"/></w:r>',
        f"<w:r {{ns}}><w:t>{escape(placeholder)}</w:t></w:r>",
        '<w:r {ns}><w:fldChar w:fldCharType="end"/></w:r>',
    ):
        p.append(parse_xml(fragment.format(ns=nsdecls("w"))))


def keep_with_next(paragraph: Paragraph) -> None:
    paragraph.paragraph_format.keep_with_next = True


TABLE_NOTE_STYLE = "Table Note"  # a note under a table, in the table's own size (the checker treats it as a caption)


def ensure_table_note_style(document: Document) -> str:
    """The paragraph style for notes under tables: Normal's font with a little space after, added if missing."""
    styles = document.styles
    if TABLE_NOTE_STYLE not in [s.name for s in styles]:
        style = styles.add_style(TABLE_NOTE_STYLE, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = styles["Normal"]
        style.paragraph_format.space_before = Pt(3)
        style.paragraph_format.space_after = Pt(10)
    return TABLE_NOTE_STYLE


def keep_rows_together(table: BaseOxmlElement, through_last: bool, last: int | None = None) -> None:
    """Keep a table on one page: every row's paragraphs kept with the next row (``through_last``: the last
    row with the paragraph after it too, such as its note; ``last``: only the last rows). Word and
    LibreOffice both honour this."""
    rows = table.findall(qn("w:tr"))
    rows = rows if through_last else rows[:-1]
    for row in rows[-last:] if last else rows:
        for p_pr in row.iter(qn("w:pPr")):
            if p_pr.find(qn("w:keepNext")) is None:
                style = p_pr.find(qn("w:pStyle"))
                p_pr.insert(0 if style is None else 1, parse_xml(f"<w:keepNext {nsdecls('w')}/>"))


@dataclass
class TableSpec:
    """A data table ready for Word: text cells, flat one-row header, optional shading per cell."""

    header: list[str]
    rows: list[list[str]]
    caption: str  # w:tblCaption, the table's title for assistive technology
    description: str  # w:tblDescription
    shading: dict[tuple[int, int], str] = field(default_factory=dict)  # (body row, column) -> fill
    font_half_points: int | None = None  # smaller text for wide tables; None keeps the body size
    spare: float = UNKNOWN_FONT_SPARE  # widths measured in Arial are multiplied by this (see width_spare)


def transposed(spec: TableSpec, note: str) -> TableSpec:
    """The table turned: its columns become rows, so a short, wide table (one row of many figures) fits a
    portrait page. The first column's entries head the new columns; ``note`` is added to the description."""
    header = [spec.header[0], *(row[0] for row in spec.rows)]
    rows = [[name, *(row[c] for row in spec.rows)] for c, name in enumerate(spec.header) if c > 0]
    shading = {(c - 1, r + 1): fill for (r, c), fill in spec.shading.items() if c > 0}
    return TableSpec(
        header, rows, spec.caption, f"{spec.description} {note}".strip(), shading, spec.font_half_points, spec.spare
    )


def _column_needs(spec: TableSpec) -> tuple[list[float], list[float]]:
    """Each column's width for its longest word (the least it can have) and for its longest body text.

    Widths come from Arial's metrics (headings in bold), times the spec's ``spare`` for a council
    template's own font. A "word" longer than :data:`LONGEST_UNBROKEN` characters (a folder path, a web address)
    is allowed to wrap, so one long path cannot push a table onto a landscape page.
    """
    half_points = spec.font_half_points or 24
    padding = 2 * CELL_MARGIN_TWIPS + 30

    def width(text: str, bold: bool) -> float:
        return text_twips(text, half_points, bold) * spec.spare

    def words(text: str) -> list[str]:
        return [w[:LONGEST_UNBROKEN] for w in text.replace("-", "- ").split()] or [""]

    minimums, wants = [], []
    for index, heading in enumerate(spec.header):
        cells = [row[index] for row in spec.rows]
        longest_word = max(
            [width(w, True) for w in words(heading)] + [width(w, False) for cell in cells for w in words(cell)]
        )
        # A heading may wrap (one row taller); a body cell that wraps makes every such row taller.
        longest = max([longest_word] + [width(cell, False) for cell in cells])
        minimums.append(longest_word + padding)
        wants.append(min(longest, width("n" * 28, False)) + padding)  # past 28 characters, wrapping is fine
    return minimums, wants


def minimum_width(spec: TableSpec) -> int:
    """The narrowest the table can be without breaking a word, in twips."""
    return int(sum(_column_needs(spec)[0]))


def column_widths(spec: TableSpec, total_twips: int) -> list[int]:
    """Cell widths that never break a word where the page allows, the rest shared by text length.

    LibreOffice lays tables out from these widths, so a column too narrow for its longest word
    splits it across lines ("Distri/ct"); each column gets its longest word first.
    """
    minimums, wants = _column_needs(spec)
    if sum(minimums) >= total_twips:
        widths = [m * total_twips / sum(minimums) for m in minimums]
    else:
        # The columns needing least extra get all of it first, so as many as possible sit on one line;
        # the rest share what is left in proportion to what they would need.
        spare = total_twips - sum(minimums)
        extra = [max(w - m, 0) for w, m in zip(wants, minimums, strict=True)]
        widths = list(minimums)
        waiting = sorted(range(len(extra)), key=lambda i: extra[i])
        while waiting and extra[waiting[0]] <= spare:
            column = waiting.pop(0)
            widths[column] += extra[column]
            spare -= extra[column]
        still = sum(extra[i] for i in waiting)
        for column in waiting:
            widths[column] += spare * extra[column] / still
        leftover = total_twips - sum(widths)
        widths = [w + leftover / len(widths) for w in widths]
    out = [int(w) for w in widths]
    out[-1] += total_twips - sum(out)
    return out


def body_lines(spec: TableSpec, total_twips: int) -> int:
    """How many lines of text the body rows take at ``total_twips`` wide (each row as tall as its fullest
    cell), from the same widths and metrics the table is laid out with: how much a narrow page costs."""
    half_points = spec.font_half_points or 24
    widths = column_widths(spec, total_twips)
    room = [w - 2 * CELL_MARGIN_TWIPS - 30 for w in widths]
    total = 0
    for row in spec.rows:
        tallest = 1
        for text, width in zip(row, room, strict=True):
            lines, used = 1, 0.0
            for word in text.replace("-", "- ").split():
                need = text_twips(word + " ", half_points, False) * spec.spare
                if used and used + need > width + text_twips(" ", half_points, False):
                    lines, used = lines + 1, 0.0
                used += need
            tallest = max(tallest, lines)
        total += tallest
    return total


def table_element(
    spec: TableSpec, total_twips: int, style_id: str | None, paragraph_style_id: str | None
) -> BaseOxmlElement:
    """The w:tbl element: header row marked to repeat, widths on every cell, caption and description."""
    widths = column_widths(spec, total_twips)
    size = ""
    if spec.font_half_points:
        size = f'<w:sz w:val="{spec.font_half_points}"/><w:szCs w:val="{spec.font_half_points}"/>'
    p_style = f'<w:pStyle w:val="{paragraph_style_id}"/>' if paragraph_style_id else ""
    borders = "".join(
        f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="595959"/>'
        for side in ("top", "left", "bottom", "right", "insideH", "insideV")
    )
    parts = [
        f"<w:tbl {nsdecls('w')}><w:tblPr>",
        f'<w:tblStyle w:val="{style_id}"/>' if style_id else "",
        '<w:tblW w:w="5000" w:type="pct"/>',
        f"<w:tblBorders>{borders}</w:tblBorders>",
        '<w:tblLayout w:type="fixed"/>',
        f'<w:tblCellMar><w:left w:w="{CELL_MARGIN_TWIPS}" w:type="dxa"/>'
        f'<w:right w:w="{CELL_MARGIN_TWIPS}" w:type="dxa"/></w:tblCellMar>',
        '<w:tblLook w:val="0420" w:firstRow="1" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" '
        'w:noHBand="0" w:noVBand="1"/>',
        f"<w:tblCaption w:val={quoteattr(spec.caption)}/>",
        f"<w:tblDescription w:val={quoteattr(spec.description)}/>",
        "</w:tblPr><w:tblGrid>",
        "".join(f'<w:gridCol w:w="{w}"/>' for w in widths),
        "</w:tblGrid>",
    ]

    def cell(text: str, width: int, fill: str | None, bold: bool) -> str:
        shd = f'<w:shd w:val="clear" w:color="auto" w:fill="{fill}"/>' if fill else ""
        r_pr = f"<w:rPr>{'<w:b/><w:bCs/>' if bold else ''}{size}</w:rPr>" if (bold or size) else ""
        keep = "<w:keepNext/>" if bold else ""
        mark = f"<w:rPr>{size}</w:rPr>" if size else ""
        return (
            f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{shd}</w:tcPr>'
            f'<w:p><w:pPr>{p_style}{keep}<w:spacing w:before="20" w:after="20"/>{mark}</w:pPr>'
            f'<w:r>{r_pr}<w:t xml:space="preserve">{escape(text)}</w:t></w:r></w:p></w:tc>'
        )

    parts.append("<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>")
    parts += [cell(h, w, HEADER_FILL, True) for h, w in zip(spec.header, widths, strict=True)]
    parts.append("</w:tr>")
    for r, row in enumerate(spec.rows):
        parts.append("<w:tr><w:trPr><w:cantSplit/></w:trPr>")
        parts += [cell(t, w, spec.shading.get((r, c)), False) for c, (t, w) in enumerate(zip(row, widths, strict=True))]
        parts.append("</w:tr>")
    parts.append("</w:tbl>")
    return parse_xml("".join(parts))
