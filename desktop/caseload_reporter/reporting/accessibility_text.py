"""Accessibility checks on a document's text: contrast, list numbering, spacing, size, alignment and links.

Each check takes the :class:`DocumentContext` and yields findings in document order;
:func:`caseload_reporter.reporting.accessibility.check_document` runs them all. The thresholds
(4.5:1 contrast, 12 pt body text) are the ones the paper is held to.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator

from lxml import etree

from caseload_reporter.reporting.accessibility_document import (
    CONTENT_TAGS,
    HYPERLINKS,
    W_CUSTOM_XML,
    W_P,
    W_PPR,
    W_R,
    W_RPR,
    W_SDT,
    W_SDT_CONTENT,
    W_SECT_PR,
    W_TBL,
    W_TBLPR,
    W_TC,
    W_TCPR,
    BodyParagraph,
    DocumentContext,
    contrast_ratio,
    first_found,
    hex_colour,
    is_caption,
    is_table_note,
    lower_first,
    own_runs,
    run_text,
    shading_colour,
    snippet,
    val,
    w_tag,
)
from caseload_reporter.reporting.accessibility_findings import Finding, finding

MIN_CONTRAST = 4.5
MIN_BODY_HALF_POINTS = 24  # 12 pt
WORD_DEFAULT_HALF_POINTS = 20  # what Word uses when nothing sets a size
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


def _text_runs(ctx: DocumentContext) -> Iterator[tuple[BodyParagraph, etree._Element]]:
    for paragraph in ctx.paragraphs:
        if paragraph.text.strip():
            for run in own_runs(paragraph.element):
                if run_text(run).strip():
                    yield paragraph, run


def _background(ctx: DocumentContext, paragraph: BodyParagraph, run: etree._Element) -> str:
    """What the text sits on: run shading or highlight, paragraph shading, the cell or table, then the page."""
    rpr = run.find(W_RPR)
    if rpr is not None:
        colour = shading_colour(rpr.find(w_tag("shd"))) or HIGHLIGHTS.get(val(rpr.find(w_tag("highlight"))) or "")
        if colour:
            return colour
    colour = shading_colour(ctx.paragraph_props(paragraph, w_tag("shd")))
    if colour:
        return colour
    for ancestor in paragraph.element.iterancestors(W_TC, W_TBL):
        props = ancestor.find(W_TCPR if ancestor.tag == W_TC else W_TBLPR)
        colour = shading_colour(props.find(w_tag("shd"))) if props is not None else None
        if colour:
            return colour
    return ctx.page_colour or "FFFFFF"


def check_contrast(ctx: DocumentContext) -> Iterator[Finding]:
    seen: set[tuple[str, str]] = set()
    for paragraph, run in _text_runs(ctx):
        colour_element = ctx.run_props(paragraph, run, w_tag("color"))
        colour = hex_colour(val(colour_element))
        if colour is None:
            continue  # "auto" or unset: Word picks black or white to suit the background
        background = _background(ctx, paragraph, run)
        ratio = contrast_ratio(colour, background)
        if ratio < MIN_CONTRAST and (colour, background) not in seen:
            seen.add((colour, background))
            shown = math.floor(ratio * 100) / 100
            yield finding(
                "low-contrast",
                paragraph.where,
                f"Text coloured #{colour} on #{background} has a contrast of {shown:.2f}:1, below 4.5:1; "
                "use a darker text colour or a lighter background (this pair may appear elsewhere too).",
            )


def _is_numbered(ctx: DocumentContext, paragraph: BodyParagraph) -> bool:
    """Real list numbering: the nearest numPr with a numId (paragraph, then style chain) and numId not 0."""
    for ppr in (paragraph.element.find(W_PPR), *(s.find(W_PPR) for s in paragraph.styles)):
        num_id = val(ppr.find(f"{w_tag('numPr')}/{w_tag('numId')}")) if ppr is not None else None
        if num_id is not None:
            return num_id.strip() not in ("", "0")
    return False


def check_typed_numbering(ctx: DocumentContext) -> Iterator[Finding]:
    for paragraph in ctx.paragraphs:
        if TYPED_NUMBER.match(paragraph.text) and not _is_numbered(ctx, paragraph):
            yield finding(
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


def _is_blank(ctx: DocumentContext, block: etree._Element) -> bool:
    paragraph = ctx.by_element.get(block)
    if paragraph is None or paragraph.text.strip(" \t\n\u00a0"):
        return False
    return next(block.iter(*CONTENT_TAGS), None) is None


def check_empty_paragraphs(ctx: DocumentContext) -> Iterator[Finding]:
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


def _blank_findings(
    ctx: DocumentContext, blanks: list[etree._Element], before: etree._Element | None
) -> Iterator[Finding]:
    if before is None:
        where = "At the start of the document"
    elif before.tag == W_TBL:
        where = f"After {ctx.table_where(before)}"
    else:
        where = f"After {lower_first(ctx.by_element[before].where)}"
    if len(blanks) > 1:
        yield finding(
            "empty-paragraphs",
            where,
            f"{len(blanks)} empty paragraphs in a row make space here; delete them and use Spacing Before or "
            "After in the paragraph settings instead.",
        )
    elif ctx.by_element[blanks[0]].text:
        yield finding(
            "empty-paragraphs",
            where,
            "A paragraph of only spaces or tabs makes space here; delete it and use paragraph spacing or "
            "indentation instead.",
        )


def _size(element: etree._Element | None) -> int:
    value = val(element)
    return int(value) if value and value.isdigit() else WORD_DEFAULT_HALF_POINTS


def _points(half_points: int) -> str:
    return f"{half_points / 2:g} pt"


def check_small_text(ctx: DocumentContext) -> Iterator[Finding]:
    reported: set[int] = set()
    normal = ctx.chain(ctx.default_paragraph_style)
    normal_size = _size(first_found(w_tag("sz"), *(s.find(W_RPR) for s in normal), ctx.default_rpr))
    if normal_size < MIN_BODY_HALF_POINTS:
        reported.add(normal_size)
        name = val(normal[0].find(w_tag("name"))) if normal else "Normal"
        yield finding(
            "small-text",
            f'Style "{name}"',
            f"Body text is {_points(normal_size)}; modify the {name} style to at least 12 pt.",
        )
    for paragraph, run in _text_runs(ctx):
        if paragraph.cell is not None or is_caption(paragraph) or is_table_note(paragraph):
            continue
        size = _size(ctx.run_props(paragraph, run, w_tag("sz")))
        if size < MIN_BODY_HALF_POINTS and size not in reported:
            reported.add(size)
            yield finding(
                "small-text",
                paragraph.where,
                f"Text here is {_points(size)}; make body text at least 12 pt (this size may appear elsewhere too).",
            )


def check_justified(ctx: DocumentContext) -> Iterator[Finding]:
    justified = [p for p in ctx.paragraphs if p.text.strip() and val(ctx.paragraph_props(p, w_tag("jc"))) in JUSTIFIED]
    if justified:
        others = len(justified) - 1
        also = f" (and {others} other paragraph{'' if others == 1 else 's'})" if others else ""
        yield finding(
            "justified-text",
            justified[0].where,
            f"This paragraph{also} is justified, which leaves uneven gaps between words; align it left.",
        )


def check_link_text(ctx: DocumentContext) -> Iterator[Finding]:
    for link in HYPERLINKS(ctx.body):
        text = "".join(run_text(run) for run in link.iter(W_R)).strip()
        words = " ".join(re.sub(r"[^\w\s]", " ", text.lower()).split())
        if not text or URL.match(text) or words in VAGUE_LINK_TEXT:
            paragraph = next(link.iterancestors(W_P), None)
            owner = ctx.by_element.get(paragraph) if paragraph is not None else None
            place = f" in {lower_first(owner.where)}" if owner is not None else ""
            where = f'Link "{snippet(text, 60)}"' if text else f"Link with no text{place}"
            yield finding(
                "link-text",
                where,
                "The link text does not say where it goes; use words that name the page, "
                "such as 'Children's social work workforce statistics'.",
            )
