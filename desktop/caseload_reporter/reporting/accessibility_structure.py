"""Accessibility checks on a document's structure: its properties, pictures, tables and headings.

The errors Word's checker reports most (no title or language, pictures without alt text, tables
without a repeated header row or with merged cells, headings that skip a level) and the warnings
that go with them. Each check takes the :class:`DocumentContext` and yields findings in document
order; :func:`caseload_reporter.reporting.accessibility.check_document` runs them all.
"""

from __future__ import annotations

from collections.abc import Iterator

from lxml import etree

from caseload_reporter.reporting.accessibility_document import (
    DRAWINGS,
    NS,
    W_P,
    W_TC,
    W_TCPR,
    W_TR,
    W_TRPR,
    BodyParagraph,
    DocumentContext,
    first_found,
    is_caption,
    is_on,
    lower_first,
    owning_element,
    snippet,
    table_caption,
    val,
    w_tag,
)
from caseload_reporter.reporting.accessibility_findings import Finding, finding


def check_title(ctx: DocumentContext) -> Iterator[Finding]:
    if not (ctx.document.core_properties.title or "").strip():
        yield finding(
            "missing-title",
            "Document properties",
            "The document has no title; give it one in File > Info > Properties > Title.",
        )


def check_language(ctx: DocumentContext) -> Iterator[Finding]:
    lang = ctx.default_rpr.find(w_tag("lang")) if ctx.default_rpr is not None else None
    if not (val(lang) or "").strip():
        yield finding(
            "missing-language",
            "Document language",
            "The document has no default language, so screen readers may mispronounce it; "
            "set it under Review > Language to English (United Kingdom).",
        )


def _drawing_label(ctx: DocumentContext, drawing: etree._Element, counts: dict[str, int]) -> str:
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
    return f'{label} ("{snippet(name, 60)}")' if name else label


def _nearby_caption(ctx: DocumentContext, drawing: etree._Element) -> str | None:
    holder = next(drawing.iterancestors(W_P), None)
    if holder is None:
        return None
    for sibling in (holder.getnext(), holder.getprevious()):
        paragraph = ctx.by_element.get(sibling) if sibling is not None else None
        if paragraph is not None and is_caption(paragraph) and paragraph.text.strip():
            return paragraph.text
    return None


def _is_decorative(doc_pr: etree._Element) -> bool:
    """Word 2019+ marks decorative images with an adec:decorative (val 1) extension in docPr."""
    for element in doc_pr.iterfind("a:extLst/a:ext/*", NS):
        if etree.QName(element).localname == "decorative" and (element.get("val") or "").lower() in ("1", "true"):
            return True
    return False


def check_drawings(ctx: DocumentContext) -> Iterator[Finding]:
    counts: dict[str, int] = {}
    for drawing in DRAWINGS(ctx.body):
        doc_pr = drawing.find("wp:docPr", NS)
        if doc_pr is None or drawing.find(".//wps:txbx", NS) is not None:
            continue  # a text box: its text is read out, it needs no alt text
        where = _drawing_label(ctx, drawing, counts)
        if not (doc_pr.get("descr") or "").strip() and not _is_decorative(doc_pr):
            yield finding(
                "missing-alt-text",
                where,
                "This has no alt text; right-click it, choose View Alt Text and describe what it shows "
                "(or tick Mark as decorative).",
            )
        if etree.QName(drawing).localname == "anchor":
            yield finding(
                "floating-picture",
                where,
                "This floats over the text, so screen readers may read it out of order; "
                "set Wrap Text to In Line with Text.",
            )


def check_tables(ctx: DocumentContext) -> Iterator[Finding]:
    for table in ctx.tables:
        rows = [row for row in table.iter(W_TR) if owning_element(row) is table]  # rows in content controls too
        if rows and not is_on(first_found(w_tag("tblHeader"), rows[0].find(W_TRPR))):
            yield finding(
                "missing-header-row",
                ctx.table_where(table, rows[0]),
                "The first row is not marked as a header row; select it and tick "
                "Repeat as header row at the top of each page in Table Properties > Row.",
            )
        merged = _first_merged_row(rows)
        if merged is not None:
            yield finding(
                "merged-cells",
                ctx.table_where(table, merged),
                "The table has merged or split cells, which screen readers cannot follow; "
                "split them so every row has the same cells.",
            )
        if not table_caption(table):
            yield finding(
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
            span = val(tcpr.find(w_tag("gridSpan")))
            spans = span is not None and span.isdigit() and int(span) > 1
            if spans or tcpr.find(w_tag("vMerge")) is not None or tcpr.find(w_tag("hMerge")) is not None:
                return row
    return None


def _headings(ctx: DocumentContext) -> Iterator[BodyParagraph]:
    return (p for p in ctx.paragraphs if p.level is not None and not p.in_textbox)


def check_heading_levels(ctx: DocumentContext) -> Iterator[Finding]:
    previous = 0
    for heading in _headings(ctx):
        level = heading.level or 0
        if previous == 0 and level != 1:
            yield finding(
                "heading-levels",
                heading.where,
                f"The first heading is level {level}; start the document's headings with Heading 1.",
            )
        elif level > previous + 1:
            yield finding(
                "heading-levels",
                heading.where,
                f"This Heading {level} follows a Heading {previous}, skipping a level; "
                f"make it Heading {previous + 1} or add the missing level above it.",
            )
        previous = level


def check_empty_headings(ctx: DocumentContext) -> Iterator[Finding]:
    for heading in _headings(ctx):
        if not heading.text.strip():
            yield finding(
                "empty-heading",
                _where_with_context(ctx, heading),
                "This heading has no text, so it shows as a blank entry in the navigation pane; "
                "type the heading or change the paragraph to Normal style.",
            )


def check_headings_in_tables(ctx: DocumentContext) -> Iterator[Finding]:
    for heading in _headings(ctx):
        if heading.cell is not None:
            yield finding(
                "heading-in-table",
                heading.where,
                f'The heading "{snippet(heading.text)}" is inside a table, which confuses navigation; '
                "move it above the table or use a table header row instead.",
            )


def _where_with_context(ctx: DocumentContext, paragraph: BodyParagraph) -> str:
    """For an empty paragraph, which says nothing itself: 'Empty heading (level 2) after heading "Summary"'."""
    if paragraph.cell is not None or paragraph.text.strip():
        return paragraph.where
    before = _previous_text(ctx, paragraph)
    return f"{paragraph.where} after {before}" if before else f"{paragraph.where} at the start of the document"


def _previous_text(ctx: DocumentContext, paragraph: BodyParagraph) -> str | None:
    index = ctx.paragraphs.index(paragraph)
    for earlier in reversed(ctx.paragraphs[:index]):
        if earlier.text.strip():
            return lower_first(earlier.where)
    return None
