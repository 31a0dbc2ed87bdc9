"""The Word document as the accessibility checks read it: styles, tables and paragraphs, read once.

The rules are about what the file says to a screen reader, so the file's XML is read (through
python-docx and lxml): alt text in ``wp:docPr``, the repeated header row in ``w:trPr``, heading
styles and their outline levels, the default language in ``w:docDefaults``, colours resolved
through the style chain. :class:`DocumentContext` resolves those in Word's order once, for every
check in ``accessibility_structure`` and ``accessibility_text`` to share.

Resolution follows Word's order: direct formatting, then the run's character style, then the
paragraph style and the styles it is based on (``w:basedOn``), then the document defaults. Colours
use the ``w:val`` Word writes next to a theme colour. Table-style conditional formatting (banded
rows, coloured header rows from a table style) is not resolved.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from docx.document import Document as DocxDocument
from lxml import etree

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {
    "w": W_NS,
    "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "pic": "http://schemas.openxmlformats.org/drawingml/2006/picture",
    "c": "http://schemas.openxmlformats.org/drawingml/2006/chart",
    "wps": "http://schemas.microsoft.com/office/word/2010/wordprocessingShape",
    "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006",
}


def w_tag(name: str) -> str:
    return f"{{{W_NS}}}{name}"


W_VAL = w_tag("val")
W_P, W_R, W_T, W_TAB, W_BR, W_TBL, W_TR, W_TC = (w_tag(n) for n in ("p", "r", "t", "tab", "br", "tbl", "tr", "tc"))
W_PPR, W_RPR, W_TBLPR, W_TCPR, W_TRPR = (w_tag(n) for n in ("pPr", "rPr", "tblPr", "tcPr", "trPr"))
W_SDT, W_SDT_CONTENT, W_CUSTOM_XML = w_tag("sdt"), w_tag("sdtContent"), w_tag("customXml")
W_SECT_PR, W_TXBX = w_tag("sectPr"), w_tag("txbxContent")

# Elements that make a paragraph more than empty (pictures, breaks, fields, a section break).
CONTENT_TAGS = (
    *(
        w_tag(n)
        for n in (
            "drawing",
            "pict",
            "object",
            "fldChar",
            "fldSimple",
            "instrText",
            "sym",
            "footnoteReference",
            "endnoteReference",
            "sectPr",
        )
    ),
    "{http://schemas.openxmlformats.org/officeDocument/2006/math}oMath",
)

OFF_VALUES = {"false", "0", "off"}


@dataclass
class BodyParagraph:
    element: etree._Element
    text: str
    styles: tuple[etree._Element, ...]  # its paragraph style, then the styles that one is based on
    level: int | None  # heading level 1 to 9, None for body text
    cell: etree._Element | None  # the nearest table cell around it
    in_textbox: bool
    where: str


_BODY_PARAGRAPHS = etree.XPath(".//w:p[not(ancestor::mc:Fallback)]", namespaces=NS)
_BODY_TABLES = etree.XPath(".//w:tbl[not(ancestor::mc:Fallback)]", namespaces=NS)
DRAWINGS = etree.XPath(
    ".//wp:inline[not(ancestor::mc:Fallback)] | .//wp:anchor[not(ancestor::mc:Fallback)]", namespaces=NS
)
HYPERLINKS = etree.XPath(".//w:hyperlink[not(ancestor::mc:Fallback)]", namespaces=NS)


class DocumentContext:
    """What the checks share: the style table, numbered tables and the body's paragraphs."""

    def __init__(self, document: DocxDocument) -> None:
        self.document = document
        self.body = document.element.body
        styles_root = document.styles.element
        self.styles = {s.get(w_tag("styleId")): s for s in styles_root.iterfind(w_tag("style"))}
        self.default_paragraph_style = self._default_style(styles_root, "paragraph")
        self.default_character_style = self._default_style(styles_root, "character")
        self.default_rpr = styles_root.find(f"{w_tag('docDefaults')}/{w_tag('rPrDefault')}/{w_tag('rPr')}")
        background = document.element.find(w_tag("background"))
        self.page_colour = hex_colour(background.get(w_tag("color"))) if background is not None else None
        self._chains: dict[str | None, tuple[etree._Element, ...]] = {}
        self.tables: dict[etree._Element, int] = {t: i for i, t in enumerate(_BODY_TABLES(self.body), start=1)}
        self._row_numbers: dict[etree._Element, int] = {}
        self.paragraphs = [self._paragraph(p) for p in _BODY_PARAGRAPHS(self.body)]
        self.by_element = {p.element: p for p in self.paragraphs}

    @staticmethod
    def _default_style(root: etree._Element, kind: str) -> str | None:
        for style in root.iterfind(w_tag("style")):
            if style.get(w_tag("type")) == kind and style.get(w_tag("default")) in ("1", "true", "on"):
                return style.get(w_tag("styleId"))
        return None

    def chain(self, style_id: str | None) -> tuple[etree._Element, ...]:
        """The style and every style it is based on, nearest first (a loop in basedOn stops the walk)."""
        if style_id not in self._chains:
            found: list[etree._Element] = []
            current = self.styles.get(style_id) if style_id else None
            while current is not None and current not in found:
                found.append(current)
                current = self.styles.get(val(current.find(w_tag("basedOn"))))
            self._chains[style_id] = tuple(found)
        return self._chains[style_id]

    def _paragraph(self, p: etree._Element) -> BodyParagraph:
        ppr = p.find(W_PPR)
        style_id = val(ppr.find(w_tag("pStyle"))) if ppr is not None else None
        styles = self.chain(style_id or self.default_paragraph_style)
        cell, in_textbox = None, False
        for ancestor in p.iterancestors(W_TC, W_TXBX):
            if ancestor.tag == W_TXBX:
                in_textbox = True
            elif cell is None:
                cell = ancestor
        text = _text(p)
        level = _heading_level(ppr, styles)
        return BodyParagraph(p, text, styles, level, cell, in_textbox, self._where(text, level, cell))

    def _where(self, text: str, level: int | None, cell: etree._Element | None) -> str:
        if cell is not None:
            row = next(cell.iterancestors(W_TR), None)
            return self.table_where(next(cell.iterancestors(W_TBL)), row)
        if level is not None:
            return f'Heading "{snippet(text, 60)}"' if text.strip() else f"Empty heading (level {level})"
        return f'Paragraph "{snippet(text)}"' if text.strip() else "Empty paragraph"

    def table_where(self, table: etree._Element, row: etree._Element | None = None) -> str:
        """'Table 3' or 'Table 3 ("Caseloads by team"), row 2': numbered in document order."""
        label = f"Table {self.tables.get(table, '?')}"
        caption = table_caption(table)
        if caption:
            label += f' ("{snippet(caption, 50)}")'
        if row is not None:
            if row not in self._row_numbers:  # counted once per table, so big tables stay fast
                self._row_numbers.update(
                    (r, n) for n, r in enumerate(table.iter(W_TR), start=1) if owning_element(r) is table
                )
            label += f", row {self._row_numbers[row]}" if row in self._row_numbers else ""
        return label

    def paragraph_props(self, paragraph: BodyParagraph, tag: str) -> etree._Element | None:
        """The nearest ``tag`` among the paragraph's own pPr and its styles' pPr."""
        return first_found(tag, paragraph.element.find(W_PPR), *(s.find(W_PPR) for s in paragraph.styles))

    def run_props(self, paragraph: BodyParagraph, run: etree._Element, tag: str) -> etree._Element | None:
        """The nearest ``tag`` for a run: direct, character style chain, paragraph style chain, defaults."""
        rpr = run.find(W_RPR)
        char_style = val(rpr.find(w_tag("rStyle"))) if rpr is not None else None
        char_chain = self.chain(char_style or self.default_character_style)
        return first_found(
            tag, rpr, *(s.find(W_RPR) for s in char_chain), *(s.find(W_RPR) for s in paragraph.styles), self.default_rpr
        )


def first_found(tag: str, *containers: etree._Element | None) -> etree._Element | None:
    for container in containers:
        if container is not None:
            found = container.find(tag)
            if found is not None:
                return found
    return None


def val(element: etree._Element | None) -> str | None:
    return element.get(W_VAL) if element is not None else None


def is_on(element: etree._Element | None) -> bool:
    """An OOXML on/off element: present and not switched off by val."""
    return element is not None and (element.get(W_VAL) or "true").lower() not in OFF_VALUES


def owning_element(element: etree._Element) -> etree._Element | None:
    """The nearest paragraph or table around an element (so a nested table's rows are not its outer table's)."""
    holder = {W_R: W_P, W_TR: W_TBL}[str(element.tag)]
    return next(element.iterancestors(holder), None)


def own_runs(p: etree._Element) -> Iterator[etree._Element]:
    """The paragraph's runs, including those in hyperlinks and fields, but not those of a text box inside it."""
    return (run for run in p.iter(W_R) if owning_element(run) is p)


def run_text(run: etree._Element) -> str:
    parts = []
    for child in run:
        if child.tag == W_T:
            parts.append(child.text or "")
        elif child.tag == W_TAB:
            parts.append("\t")
        elif child.tag == W_BR and child.get(w_tag("type")) in (None, "textWrapping"):
            parts.append("\n")
    return "".join(parts)


def _text(p: etree._Element) -> str:
    return "".join(run_text(run) for run in own_runs(p))


def snippet(text: str, limit: int = 40) -> str:
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0] if " " in text[:limit] else text[:limit]
    return cut.rstrip(" ,;:") + "…"


def lower_first(where: str) -> str:
    """'Heading "Summary"' -> 'heading "Summary"', to follow 'after'; table and picture labels keep their capital."""
    return where if where.startswith(("Table", "Picture", "Chart")) else where[:1].lower() + where[1:]


def _style_name(style: etree._Element) -> str:
    return (val(style.find(w_tag("name"))) or "").lower()


def _heading_level(ppr: etree._Element | None, styles: tuple[etree._Element, ...]) -> int | None:
    """Outline level 1 to 9 from the paragraph, else from its style chain (outlineLvl, or a 'heading N' name)."""
    direct = val(ppr.find(w_tag("outlineLvl"))) if ppr is not None else None
    if direct is not None:
        return _outline(direct)
    for style in styles:
        outline = val(style.find(f"{W_PPR}/{w_tag('outlineLvl')}"))
        if outline is not None:
            return _outline(outline)
        match = re.fullmatch(r"heading ([1-9])", _style_name(style))
        if match:
            return int(match.group(1))
    return None


def _outline(value: str) -> int | None:
    """w:outlineLvl counts from 0; 9 means body text."""
    try:
        level = int(value)
    except ValueError:
        return None
    return level + 1 if 0 <= level < 9 else None


def is_caption(paragraph: BodyParagraph) -> bool:
    return any(_style_name(s) == "caption" for s in paragraph.styles)


def is_table_note(paragraph: BodyParagraph) -> bool:
    """A note under a table, printed in the table's own size (the export's "Table Note" style)."""
    return any(_style_name(s) == "table note" for s in paragraph.styles)


def table_caption(table: etree._Element) -> str | None:
    tblpr = table.find(W_TBLPR)
    if tblpr is None:
        return None
    return val(tblpr.find(w_tag("tblCaption"))) or val(tblpr.find(w_tag("tblDescription")))


# ---------------------------------------------------------------------------------------------------------------
# Colour: WCAG 2 relative luminance and contrast ratio.


def hex_colour(value: str | None) -> str | None:
    if value and re.fullmatch(r"[0-9A-Fa-f]{6}", value):
        return value.upper()
    return None


@lru_cache(maxsize=512)
def _luminance(colour: str) -> float:
    def channel(part: str) -> float:
        c = int(part, 16) / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(colour[i : i + 2]) for i in (0, 2, 4))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(foreground: str, background: str) -> float:
    """WCAG 2 contrast between two RRGGBB colours, from 1 to 21."""
    light, dark = sorted((_luminance(foreground.upper()), _luminance(background.upper())), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def shading_colour(shd: etree._Element | None) -> str | None:
    """The colour a w:shd paints: fill for clear, the pattern colour for solid, a blend for pctN."""
    if shd is None:
        return None
    pattern, colour, fill = (
        shd.get(W_VAL) or "clear",
        hex_colour(shd.get(w_tag("color"))),
        hex_colour(shd.get(w_tag("fill"))),
    )
    if pattern == "nil":
        return None
    if pattern == "solid" and colour:
        return colour
    percent = re.fullmatch(r"pct(\d+)", pattern)
    if percent and colour:
        share, base = int(percent.group(1)) / 100, fill or "FFFFFF"
        mixed = (round(int(base[i : i + 2], 16) * (1 - share) + int(colour[i : i + 2], 16) * share) for i in (0, 2, 4))
        return "".join(f"{c:02X}" for c in mixed)
    return fill
