"""Accessibility checks on a Word report, in the spirit of Word's own accessibility checker.

Runs before every export and on its own. It reads the file's XML (through python-docx and lxml),
because the rules are about what the file says to a screen reader: alt text in ``wp:docPr``, the
repeated header row in ``w:trPr``, heading styles and their outline levels, the default language in
``w:docDefaults``, colours resolved through the style chain. No Qt here.

Resolution follows Word's order: direct formatting, then the run's character style, then the
paragraph style and the styles it is based on (``w:basedOn``), then the document defaults. Colours
use the ``w:val`` Word writes next to a theme colour. Table-style conditional formatting (banded
rows, coloured header rows from a table style) is not resolved.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import docx
from docx.document import Document as DocxDocument
from lxml import etree

__all__ = ["RULES", "Finding", "check_document", "summary"]

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


def _w(name: str) -> str:
    return f"{{{W_NS}}}{name}"


W_VAL = _w("val")
W_P, W_R, W_T, W_TAB, W_BR, W_TBL, W_TR, W_TC = (_w(n) for n in ("p", "r", "t", "tab", "br", "tbl", "tr", "tc"))
W_PPR, W_RPR, W_TBLPR, W_TCPR, W_TRPR = (_w(n) for n in ("pPr", "rPr", "tblPr", "tcPr", "trPr"))
W_SDT, W_SDT_CONTENT, W_CUSTOM_XML = _w("sdt"), _w("sdtContent"), _w("customXml")
W_SECT_PR, W_TXBX = _w("sectPr"), _w("txbxContent")

# Elements that make a paragraph more than empty (pictures, breaks, fields, a section break).
CONTENT_TAGS = (
    *(
        _w(n)
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

MIN_CONTRAST = 4.5
MIN_BODY_HALF_POINTS = 24  # 12 pt
WORD_DEFAULT_HALF_POINTS = 20  # what Word uses when nothing sets a size
OFF_VALUES = {"false", "0", "off"}
JUSTIFIED = {"both", "distribute", "thaiDistribute", "lowKashida", "mediumKashida", "highKashida"}
HIGHLIGHTS = {
    "black": "000000",
    "blue": "0000FF",
    "cyan": "00FFFF",
    "green": "00FF00",
    "magenta": "FF00FF",
    "red": "FF0000",
    "yellow": "FFFF00",
    "white": "FFFFFF",
    "darkBlue": "000080",
    "darkCyan": "008080",
    "darkGreen": "008000",
    "darkMagenta": "800080",
    "darkRed": "800000",
    "darkYellow": "808000",
    "darkGray": "808080",
    "lightGray": "C0C0C0",
}
VAGUE_LINK_TEXT = {"here", "click here", "click", "link", "this link", "click this link", "more", "read more"}
URL = re.compile(r"^(?:(?:https?|ftp)://|mailto:|www\.)\S+$|^[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}(?:/\S*)?$", re.IGNORECASE)
# "1.1 Title" (capital after a decimal, so "3.4 per cent" is left alone), "2. ", "a) ", "(i) ", "1) ", "• ".
TYPED_NUMBER = re.compile(
    r"^\s*(?:\d+(?:\.\d+)+\.?\s+(?=[A-Z])|\d+\.\s|\(?\d+\)\s|\(?[A-Za-z]\)\s|\(?[ivxlcdm]+\)\s|[•·▪◦]\s)"
)

RULES: dict[str, str] = {
    "missing-title": "The document has a title in its properties.",
    "missing-language": "The document has a default language, so screen readers pronounce it correctly.",
    "missing-alt-text": "Every picture has alt text, or is marked as decorative.",
    "missing-header-row": "Every table has a header row that repeats and that screen readers announce.",
    "merged-cells": "Tables have no merged or split cells, which screen readers cannot follow.",
    "heading-levels": "Headings start at level 1 and never skip a level.",
    "empty-heading": "Every heading has text.",
    "low-contrast": "Text has a contrast of at least 4.5:1 against its background.",
    "floating-picture": "Pictures are in line with text rather than floating.",
    "table-without-description": "Every table has a title or description (table alt text).",
    "heading-in-table": "Headings are not inside tables.",
    "typed-numbering": "Numbered and lettered lists use real list numbering, not typed numbers.",
    "empty-paragraphs": "Space is made with paragraph spacing, not empty paragraphs, spaces or tabs.",
    "small-text": "Body text is at least 12 pt.",
    "justified-text": "Text is left-aligned, not justified.",
    "link-text": "Link text says where the link goes, not a bare web address or 'click here'.",
}
ERROR_RULES = frozenset(
    {
        "missing-title",
        "missing-language",
        "missing-alt-text",
        "missing-header-row",
        "merged-cells",
        "heading-levels",
        "empty-heading",
        "low-contrast",
    }
)


@dataclass(frozen=True)
class Finding:
    """One problem, said the way an officer can find and fix it."""

    rule: str  # a key of RULES
    severity: str  # "error" or "warning"
    where: str  # e.g. 'Table 3, row 1', 'Heading "Main issues"', 'Document properties'
    message: str  # one plain sentence: what is wrong and how to fix it


def _finding(rule: str, where: str, message: str) -> Finding:
    return Finding(rule, "error" if rule in ERROR_RULES else "warning", where, message)


def summary(findings: list[Finding]) -> str:
    """'2 errors and 1 warning', '1 error', 'No problems found': for a status line."""
    errors = sum(1 for f in findings if f.severity == "error")
    warnings = len(findings) - errors
    parts = [f"{n} {word}{'' if n == 1 else 's'}" for n, word in ((errors, "error"), (warnings, "warning")) if n]
    return " and ".join(parts) if parts else "No problems found"


def check_document(document: DocxDocument | Path | str) -> list[Finding]:
    """Every finding in the body of ``document`` (a .docx path or an open Document), errors first.

    Within a severity, findings follow the order of RULES and then document order. A file python-docx
    cannot open raises its own error.
    """
    if not isinstance(document, DocxDocument):
        document = docx.Document(str(document))
    context = _Context(document)
    findings = [finding for check in CHECKS for finding in check(context)]
    return sorted(findings, key=lambda f: f.severity != "error")  # stable: keeps rule and document order


# ---------------------------------------------------------------------------------------------------------------
# The document, read once: styles, tables, paragraphs with their style chain and where they are.


@dataclass
class _Paragraph:
    element: etree._Element
    text: str
    styles: tuple[etree._Element, ...]  # its paragraph style, then the styles that one is based on
    level: int | None  # heading level 1 to 9, None for body text
    cell: etree._Element | None  # the nearest table cell around it
    in_textbox: bool
    where: str


_BODY_PARAGRAPHS = etree.XPath(".//w:p[not(ancestor::mc:Fallback)]", namespaces=NS)
_BODY_TABLES = etree.XPath(".//w:tbl[not(ancestor::mc:Fallback)]", namespaces=NS)
_DRAWINGS = etree.XPath(
    ".//wp:inline[not(ancestor::mc:Fallback)] | .//wp:anchor[not(ancestor::mc:Fallback)]", namespaces=NS
)
_HYPERLINKS = etree.XPath(".//w:hyperlink[not(ancestor::mc:Fallback)]", namespaces=NS)


class _Context:
    """What the checks share: the style table, numbered tables and the body's paragraphs."""

    def __init__(self, document: DocxDocument) -> None:
        self.document = document
        self.body = document.element.body
        styles_root = document.styles.element
        self.styles = {s.get(_w("styleId")): s for s in styles_root.iterfind(_w("style"))}
        self.default_paragraph_style = self._default_style(styles_root, "paragraph")
        self.default_character_style = self._default_style(styles_root, "character")
        self.default_rpr = styles_root.find(f"{_w('docDefaults')}/{_w('rPrDefault')}/{_w('rPr')}")
        background = document.element.find(_w("background"))
        self.page_colour = _hex(background.get(_w("color"))) if background is not None else None
        self._chains: dict[str | None, tuple[etree._Element, ...]] = {}
        self.tables: dict[etree._Element, int] = {t: i for i, t in enumerate(_BODY_TABLES(self.body), start=1)}
        self._row_numbers: dict[etree._Element, int] = {}
        self.paragraphs = [self._paragraph(p) for p in _BODY_PARAGRAPHS(self.body)]
        self.by_element = {p.element: p for p in self.paragraphs}

    @staticmethod
    def _default_style(root: etree._Element, kind: str) -> str | None:
        for style in root.iterfind(_w("style")):
            if style.get(_w("type")) == kind and style.get(_w("default")) in ("1", "true", "on"):
                return style.get(_w("styleId"))
        return None

    def chain(self, style_id: str | None) -> tuple[etree._Element, ...]:
        """The style and every style it is based on, nearest first (a loop in basedOn stops the walk)."""
        if style_id not in self._chains:
            found: list[etree._Element] = []
            current = self.styles.get(style_id) if style_id else None
            while current is not None and current not in found:
                found.append(current)
                current = self.styles.get(_val(current.find(_w("basedOn"))))
            self._chains[style_id] = tuple(found)
        return self._chains[style_id]

    def _paragraph(self, p: etree._Element) -> _Paragraph:
        ppr = p.find(W_PPR)
        style_id = _val(ppr.find(_w("pStyle"))) if ppr is not None else None
        styles = self.chain(style_id or self.default_paragraph_style)
        cell, in_textbox = None, False
        for ancestor in p.iterancestors(W_TC, W_TXBX):
            if ancestor.tag == W_TXBX:
                in_textbox = True
            elif cell is None:
                cell = ancestor
        text = _text(p)
        level = _heading_level(ppr, styles)
        return _Paragraph(p, text, styles, level, cell, in_textbox, self._where(text, level, cell))

    def _where(self, text: str, level: int | None, cell: etree._Element | None) -> str:
        if cell is not None:
            row = next(cell.iterancestors(W_TR), None)
            return self.table_where(next(cell.iterancestors(W_TBL)), row)
        if level is not None:
            return f'Heading "{_snippet(text, 60)}"' if text.strip() else f"Empty heading (level {level})"
        return f'Paragraph "{_snippet(text)}"' if text.strip() else "Empty paragraph"

    def table_where(self, table: etree._Element, row: etree._Element | None = None) -> str:
        """'Table 3' or 'Table 3 ("Caseloads by team"), row 2': numbered in document order."""
        label = f"Table {self.tables.get(table, '?')}"
        caption = _table_caption(table)
        if caption:
            label += f' ("{_snippet(caption, 50)}")'
        if row is not None:
            if row not in self._row_numbers:  # counted once per table, so big tables stay fast
                self._row_numbers.update((r, n) for n, r in enumerate(table.iter(W_TR), start=1) if _owner(r) is table)
            label += f", row {self._row_numbers[row]}" if row in self._row_numbers else ""
        return label

    def paragraph_props(self, paragraph: _Paragraph, tag: str) -> etree._Element | None:
        """The nearest ``tag`` among the paragraph's own pPr and its styles' pPr."""
        return _first(tag, paragraph.element.find(W_PPR), *(s.find(W_PPR) for s in paragraph.styles))

    def run_props(self, paragraph: _Paragraph, run: etree._Element, tag: str) -> etree._Element | None:
        """The nearest ``tag`` for a run: direct, character style chain, paragraph style chain, defaults."""
        rpr = run.find(W_RPR)
        char_style = _val(rpr.find(_w("rStyle"))) if rpr is not None else None
        char_chain = self.chain(char_style or self.default_character_style)
        return _first(
            tag, rpr, *(s.find(W_RPR) for s in char_chain), *(s.find(W_RPR) for s in paragraph.styles), self.default_rpr
        )


def _first(tag: str, *containers: etree._Element | None) -> etree._Element | None:
    for container in containers:
        if container is not None:
            found = container.find(tag)
            if found is not None:
                return found
    return None


def _val(element: etree._Element | None) -> str | None:
    return element.get(W_VAL) if element is not None else None


def _on(element: etree._Element | None) -> bool:
    """An OOXML on/off element: present and not switched off by val."""
    return element is not None and (element.get(W_VAL) or "true").lower() not in OFF_VALUES


def _owner(element: etree._Element) -> etree._Element | None:
    """The nearest paragraph or table around an element (so a nested table's rows are not its outer table's)."""
    holder = {W_R: W_P, W_TR: W_TBL}[str(element.tag)]
    return next(element.iterancestors(holder), None)


def _own_runs(p: etree._Element) -> Iterator[etree._Element]:
    """The paragraph's runs, including those in hyperlinks and fields, but not those of a text box inside it."""
    return (run for run in p.iter(W_R) if _owner(run) is p)


def _run_text(run: etree._Element) -> str:
    parts = []
    for child in run:
        if child.tag == W_T:
            parts.append(child.text or "")
        elif child.tag == W_TAB:
            parts.append("\t")
        elif child.tag == W_BR and child.get(_w("type")) in (None, "textWrapping"):
            parts.append("\n")
    return "".join(parts)


def _text(p: etree._Element) -> str:
    return "".join(_run_text(run) for run in _own_runs(p))


def _snippet(text: str, limit: int = 40) -> str:
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0] if " " in text[:limit] else text[:limit]
    return cut.rstrip(" ,;:") + "…"


def _lower_first(where: str) -> str:
    """'Heading "Summary"' -> 'heading "Summary"', to follow 'after'; table and picture labels keep their capital."""
    return where if where.startswith(("Table", "Picture", "Chart")) else where[:1].lower() + where[1:]


def _style_name(style: etree._Element) -> str:
    return (_val(style.find(_w("name"))) or "").lower()


def _heading_level(ppr: etree._Element | None, styles: tuple[etree._Element, ...]) -> int | None:
    """Outline level 1 to 9 from the paragraph, else from its style chain (outlineLvl, or a 'heading N' name)."""
    direct = _val(ppr.find(_w("outlineLvl"))) if ppr is not None else None
    if direct is not None:
        return _outline(direct)
    for style in styles:
        outline = _val(style.find(f"{W_PPR}/{_w('outlineLvl')}"))
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


def _is_caption(paragraph: _Paragraph) -> bool:
    return any(_style_name(s) == "caption" for s in paragraph.styles)


def _is_table_note(paragraph: _Paragraph) -> bool:
    """A note under a table, printed in the table's own size (the export's "Table Note" style)."""
    return any(_style_name(s) == "table note" for s in paragraph.styles)


def _table_caption(table: etree._Element) -> str | None:
    tblpr = table.find(W_TBLPR)
    if tblpr is None:
        return None
    return _val(tblpr.find(_w("tblCaption"))) or _val(tblpr.find(_w("tblDescription")))


# ---------------------------------------------------------------------------------------------------------------
# Colour: WCAG 2 relative luminance and contrast ratio.


def _hex(value: str | None) -> str | None:
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


def _shading(shd: etree._Element | None) -> str | None:
    """The colour a w:shd paints: fill for clear, the pattern colour for solid, a blend for pctN."""
    if shd is None:
        return None
    pattern, colour, fill = shd.get(W_VAL) or "clear", _hex(shd.get(_w("color"))), _hex(shd.get(_w("fill")))
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


# ---------------------------------------------------------------------------------------------------------------
# The checks. Each takes the context and yields findings in document order.


def _check_title(ctx: _Context) -> Iterator[Finding]:
    if not (ctx.document.core_properties.title or "").strip():
        yield _finding(
            "missing-title",
            "Document properties",
            "The document has no title; give it one in File > Info > Properties > Title.",
        )


def _check_language(ctx: _Context) -> Iterator[Finding]:
    lang = ctx.default_rpr.find(_w("lang")) if ctx.default_rpr is not None else None
    if not (_val(lang) or "").strip():
        yield _finding(
            "missing-language",
            "Document language",
            "The document has no default language, so screen readers may mispronounce it; "
            "set it under Review > Language to English (United Kingdom).",
        )


def _drawing_label(ctx: _Context, drawing: etree._Element, counts: dict[str, int]) -> str:
    """'Picture 2 ("Figure 1: ...")': numbered by kind, named by its caption or title if it has one."""
    if drawing.find(".//pic:pic", NS) is not None:
        kind = "Picture"
    elif drawing.find(".//c:chart", NS) is not None:
        kind = "Chart"
    else:
        kind = "Shape"
    counts[kind] = counts.get(kind, 0) + 1
    label = f"{kind} {counts[kind]}"
    doc_pr = drawing.find("wp:docPr", NS)  # the caller passes over a drawing without one
    name = _nearby_caption(ctx, drawing) or ((doc_pr.get("title") if doc_pr is not None else None) or "").strip()
    return f'{label} ("{_snippet(name, 60)}")' if name else label


def _nearby_caption(ctx: _Context, drawing: etree._Element) -> str | None:
    holder = next(drawing.iterancestors(W_P), None)
    if holder is None:
        return None
    for sibling in (holder.getnext(), holder.getprevious()):
        paragraph = ctx.by_element.get(sibling) if sibling is not None else None
        if paragraph is not None and _is_caption(paragraph) and paragraph.text.strip():
            return paragraph.text
    return None


def _is_decorative(doc_pr: etree._Element) -> bool:
    """Word 2019+ marks decorative images with an adec:decorative (val 1) extension in docPr."""
    for element in doc_pr.iterfind("a:extLst/a:ext/*", NS):
        if etree.QName(element).localname == "decorative" and (element.get("val") or "").lower() in ("1", "true"):
            return True
    return False


def _check_drawings(ctx: _Context) -> Iterator[Finding]:
    counts: dict[str, int] = {}
    for drawing in _DRAWINGS(ctx.body):
        doc_pr = drawing.find("wp:docPr", NS)
        if doc_pr is None or drawing.find(".//wps:txbx", NS) is not None:
            continue  # a text box: its text is read out, it needs no alt text
        where = _drawing_label(ctx, drawing, counts)
        if not (doc_pr.get("descr") or "").strip() and not _is_decorative(doc_pr):
            yield _finding(
                "missing-alt-text",
                where,
                "This has no alt text; right-click it, choose View Alt Text and describe what it shows "
                "(or tick Mark as decorative).",
            )
        if etree.QName(drawing).localname == "anchor":
            yield _finding(
                "floating-picture",
                where,
                "This floats over the text, so screen readers may read it out of order; "
                "set Wrap Text to In Line with Text.",
            )


def _check_tables(ctx: _Context) -> Iterator[Finding]:
    for table in ctx.tables:
        rows = [row for row in table.iter(W_TR) if _owner(row) is table]  # rows in content controls too
        if rows and not _on(_first(_w("tblHeader"), rows[0].find(W_TRPR))):
            yield _finding(
                "missing-header-row",
                ctx.table_where(table, rows[0]),
                "The first row is not marked as a header row; select it and tick "
                "Repeat as header row at the top of each page in Table Properties > Row.",
            )
        merged = _first_merged_row(rows)
        if merged is not None:
            yield _finding(
                "merged-cells",
                ctx.table_where(table, merged),
                "The table has merged or split cells, which screen readers cannot follow; "
                "split them so every row has the same cells.",
            )
        if not _table_caption(table):
            yield _finding(
                "table-without-description",
                ctx.table_where(table),
                "The table has no alt text; add a title or description in Table Properties > Alt Text.",
            )


def _first_merged_row(rows: list[etree._Element]) -> etree._Element | None:
    for row in rows:
        for cell in row.iterchildren(W_TC):
            tcpr = cell.find(W_TCPR)
            if tcpr is None:
                continue
            span = _val(tcpr.find(_w("gridSpan")))
            spans = span is not None and span.isdigit() and int(span) > 1
            if spans or tcpr.find(_w("vMerge")) is not None or tcpr.find(_w("hMerge")) is not None:
                return row
    return None


def _headings(ctx: _Context) -> Iterator[_Paragraph]:
    return (p for p in ctx.paragraphs if p.level is not None and not p.in_textbox)


def _check_heading_levels(ctx: _Context) -> Iterator[Finding]:
    previous = 0
    for heading in _headings(ctx):
        level = heading.level or 0
        if previous == 0 and level != 1:
            yield _finding(
                "heading-levels",
                heading.where,
                f"The first heading is level {level}; start the document's headings with Heading 1.",
            )
        elif level > previous + 1:
            yield _finding(
                "heading-levels",
                heading.where,
                f"This Heading {level} follows a Heading {previous}, skipping a level; "
                f"make it Heading {previous + 1} or add the missing level above it.",
            )
        previous = level


def _check_empty_headings(ctx: _Context) -> Iterator[Finding]:
    for heading in _headings(ctx):
        if not heading.text.strip():
            yield _finding(
                "empty-heading",
                _where_with_context(ctx, heading),
                "This heading has no text, so it shows as a blank entry in the navigation pane; "
                "type the heading or change the paragraph to Normal style.",
            )


def _check_headings_in_tables(ctx: _Context) -> Iterator[Finding]:
    for heading in _headings(ctx):
        if heading.cell is not None:
            yield _finding(
                "heading-in-table",
                heading.where,
                f'The heading "{_snippet(heading.text)}" is inside a table, which confuses navigation; '
                "move it above the table or use a table header row instead.",
            )


def _where_with_context(ctx: _Context, paragraph: _Paragraph) -> str:
    """For an empty paragraph, which says nothing itself: 'Empty heading (level 2) after heading "Summary"'."""
    if paragraph.cell is not None or paragraph.text.strip():
        return paragraph.where
    before = _previous_text(ctx, paragraph)
    return f"{paragraph.where} after {before}" if before else f"{paragraph.where} at the start of the document"


def _previous_text(ctx: _Context, paragraph: _Paragraph) -> str | None:
    index = ctx.paragraphs.index(paragraph)
    for earlier in reversed(ctx.paragraphs[:index]):
        if earlier.text.strip():
            return _lower_first(earlier.where)
    return None


def _text_runs(ctx: _Context) -> Iterator[tuple[_Paragraph, etree._Element]]:
    for paragraph in ctx.paragraphs:
        if paragraph.text.strip():
            for run in _own_runs(paragraph.element):
                if _run_text(run).strip():
                    yield paragraph, run


def _background(ctx: _Context, paragraph: _Paragraph, run: etree._Element) -> str:
    """What the text sits on: run shading or highlight, paragraph shading, the cell or table, then the page."""
    rpr = run.find(W_RPR)
    if rpr is not None:
        colour = _shading(rpr.find(_w("shd"))) or HIGHLIGHTS.get(_val(rpr.find(_w("highlight"))) or "")
        if colour:
            return colour
    colour = _shading(ctx.paragraph_props(paragraph, _w("shd")))
    if colour:
        return colour
    for ancestor in paragraph.element.iterancestors(W_TC, W_TBL):
        props = ancestor.find(W_TCPR if ancestor.tag == W_TC else W_TBLPR)
        colour = _shading(props.find(_w("shd"))) if props is not None else None
        if colour:
            return colour
    return ctx.page_colour or "FFFFFF"


def _check_contrast(ctx: _Context) -> Iterator[Finding]:
    seen: set[tuple[str, str]] = set()
    for paragraph, run in _text_runs(ctx):
        colour_element = ctx.run_props(paragraph, run, _w("color"))
        colour = _hex(_val(colour_element))
        if colour is None:
            continue  # "auto" or unset: Word picks black or white to suit the background
        background = _background(ctx, paragraph, run)
        ratio = contrast_ratio(colour, background)
        if ratio < MIN_CONTRAST and (colour, background) not in seen:
            seen.add((colour, background))
            shown = math.floor(ratio * 100) / 100
            yield _finding(
                "low-contrast",
                paragraph.where,
                f"Text coloured #{colour} on #{background} has a contrast of {shown:.2f}:1, below 4.5:1; "
                "use a darker text colour or a lighter background (this pair may appear elsewhere too).",
            )


def _is_numbered(ctx: _Context, paragraph: _Paragraph) -> bool:
    """Real list numbering: the nearest numPr with a numId (paragraph, then style chain) and numId not 0."""
    for ppr in (paragraph.element.find(W_PPR), *(s.find(W_PPR) for s in paragraph.styles)):
        num_id = _val(ppr.find(f"{_w('numPr')}/{_w('numId')}")) if ppr is not None else None
        if num_id is not None:
            return num_id.strip() not in ("", "0")
    return False


def _check_typed_numbering(ctx: _Context) -> Iterator[Finding]:
    for paragraph in ctx.paragraphs:
        if TYPED_NUMBER.match(paragraph.text) and not _is_numbered(ctx, paragraph):
            yield _finding(
                "typed-numbering",
                paragraph.where,
                "This starts with a typed number or letter, which screen readers do not announce as a list; "
                "use the Numbering button (or a numbered heading style) instead.",
            )


def _body_blocks(container: etree._Element) -> Iterator[etree._Element]:
    """Top-level paragraphs, tables and the body's sectPr, looking inside content controls."""
    for child in container:
        if child.tag in (W_SDT, W_CUSTOM_XML):
            inner = child.find(W_SDT_CONTENT) if child.tag == W_SDT else child
            if inner is not None:  # the schema lets a content control have no content
                yield from _body_blocks(inner)
        elif child.tag in (W_P, W_TBL, W_SECT_PR):
            yield child


def _is_blank(ctx: _Context, block: etree._Element) -> bool:
    paragraph = ctx.by_element.get(block)
    if paragraph is None or paragraph.text.strip(" \t\n\u00a0"):
        return False
    return next(block.iter(*CONTENT_TAGS), None) is None


def _check_empty_paragraphs(ctx: _Context) -> Iterator[Finding]:
    blank_run: list[etree._Element] = []
    before: etree._Element | None = None
    for block in _body_blocks(ctx.body):
        if _is_blank(ctx, block):
            blank_run.append(block)
            continue
        ends_section = block.tag == W_SECT_PR or (block.tag == W_P and block.find(f"{W_PPR}/{W_SECT_PR}") is not None)
        if blank_run and not ends_section:
            yield from _blank_findings(ctx, blank_run, before)
        blank_run, before = [], block
    # blank paragraphs left at the very end sit before the final sectPr (or there is none): ignored


def _blank_findings(ctx: _Context, blanks: list[etree._Element], before: etree._Element | None) -> Iterator[Finding]:
    if before is None:
        where = "At the start of the document"
    elif before.tag == W_TBL:
        where = f"After {ctx.table_where(before)}"
    else:
        where = f"After {_lower_first(ctx.by_element[before].where)}"
    if len(blanks) > 1:
        yield _finding(
            "empty-paragraphs",
            where,
            f"{len(blanks)} empty paragraphs in a row make space here; delete them and use Spacing Before or "
            "After in the paragraph settings instead.",
        )
    elif ctx.by_element[blanks[0]].text:
        yield _finding(
            "empty-paragraphs",
            where,
            "A paragraph of only spaces or tabs makes space here; delete it and use paragraph spacing or "
            "indentation instead.",
        )


def _size(element: etree._Element | None) -> int:
    value = _val(element)
    return int(value) if value and value.isdigit() else WORD_DEFAULT_HALF_POINTS


def _points(half_points: int) -> str:
    return f"{half_points / 2:g} pt"


def _check_small_text(ctx: _Context) -> Iterator[Finding]:
    reported: set[int] = set()
    normal = ctx.chain(ctx.default_paragraph_style)
    normal_size = _size(_first(_w("sz"), *(s.find(W_RPR) for s in normal), ctx.default_rpr))
    if normal_size < MIN_BODY_HALF_POINTS:
        reported.add(normal_size)
        name = _val(normal[0].find(_w("name"))) if normal else "Normal"
        yield _finding(
            "small-text",
            f'Style "{name}"',
            f"Body text is {_points(normal_size)}; modify the {name} style to at least 12 pt.",
        )
    for paragraph, run in _text_runs(ctx):
        if paragraph.cell is not None or _is_caption(paragraph) or _is_table_note(paragraph):
            continue
        size = _size(ctx.run_props(paragraph, run, _w("sz")))
        if size < MIN_BODY_HALF_POINTS and size not in reported:
            reported.add(size)
            yield _finding(
                "small-text",
                paragraph.where,
                f"Text here is {_points(size)}; make body text at least 12 pt (this size may appear elsewhere too).",
            )


def _check_justified(ctx: _Context) -> Iterator[Finding]:
    justified = [p for p in ctx.paragraphs if p.text.strip() and _val(ctx.paragraph_props(p, _w("jc"))) in JUSTIFIED]
    if justified:
        others = len(justified) - 1
        also = f" (and {others} other paragraph{'' if others == 1 else 's'})" if others else ""
        yield _finding(
            "justified-text",
            justified[0].where,
            f"This paragraph{also} is justified, which leaves uneven gaps between words; align it left.",
        )


def _check_link_text(ctx: _Context) -> Iterator[Finding]:
    for link in _HYPERLINKS(ctx.body):
        text = "".join(_run_text(run) for run in link.iter(W_R)).strip()
        words = " ".join(re.sub(r"[^\w\s]", " ", text.lower()).split())
        if not text or URL.match(text) or words in VAGUE_LINK_TEXT:
            paragraph = next(link.iterancestors(W_P), None)
            owner = ctx.by_element.get(paragraph) if paragraph is not None else None
            place = f" in {_lower_first(owner.where)}" if owner is not None else ""
            where = f'Link "{_snippet(text, 60)}"' if text else f"Link with no text{place}"
            yield _finding(
                "link-text",
                where,
                "The link text does not say where it goes; use words that name the page, "
                "such as 'Children's social work workforce statistics'.",
            )


CHECKS: tuple[Callable[[_Context], Iterable[Finding]], ...] = (
    _check_title,
    _check_language,
    _check_drawings,
    _check_tables,
    _check_heading_levels,
    _check_empty_headings,
    _check_contrast,
    _check_headings_in_tables,
    _check_typed_numbering,
    _check_empty_paragraphs,
    _check_small_text,
    _check_justified,
    _check_link_text,
)
