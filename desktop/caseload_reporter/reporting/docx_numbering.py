"""Real Word numbering for committee reports: sections "1.", paragraphs "1.1" and recommendations "a)".

Committee papers number their sections and the paragraphs under them, and letter their
recommendations. Typed numbers ("1.1 ") break as soon as an officer inserts a paragraph and an
accessibility checker flags them, so the report uses Word's own numbering: a multilevel list
whose level 0 belongs to Heading 1 and level 1 to the "Numbered Paragraph" style, and a lettered
list for the "Recommendation" style. The lists are linked to the styles (numPr in the style's
pPr, pStyle in the list level), so a paragraph only needs its style to be numbered.

The shipped templates carry this numbering already; a council's own template gets it added the
first time a report is exported into it. python-docx has no API for numbering, so this module
writes the XML itself and keeps Open XML schema order (every abstractNum before every num, numPr
in its place inside pPr). No Qt here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol, cast

from docx.enum.style import WD_STYLE_TYPE
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.parts.numbering import NumberingPart
from docx.styles.style import BaseStyle, ParagraphStyle
from lxml import etree

if TYPE_CHECKING:
    import docx.document

SECTION_HEADING_STYLE = "Heading 1"
NUMBERED_PARAGRAPH_STYLE = "Numbered Paragraph"  # body paragraphs numbered 1.1, 1.2 under the section
SUBPARAGRAPH_STYLE = "Numbered Subparagraph"  # 1.1.1 under a numbered paragraph
BULLET_STYLE = "Bullet Point"  # a bulleted list item
RECOMMENDATION_STYLE = "Recommendation"  # lettered a), b), c)
APPENDIX_STYLE = "Appendix Item"  # "Appendix A:", "Appendix B:"
# The paragraph style each kind of text item in a section is written in.
PARAGRAPH_STYLES = {"paragraph": NUMBERED_PARAGRAPH_STYLE, "subparagraph": SUBPARAGRAPH_STYLE, "bullet": BULLET_STYLE}

# Indent of the text after a number, and the hanging indent that holds the number, in twips
# (720 = 1.27 cm): room for "10.12" in 12 pt Arial.
_TEXT_INDENT = 720
# Fixed list identifiers so that regenerated templates are identical; bumped on a clash.
_SECTIONS_NSID = 0x43524C31
_RECOMMENDATIONS_NSID = 0x43524C32
_BULLETS_NSID = 0x43524C33
_APPENDICES_NSID = 0x43524C34

# Schema order (CT_PPrBase + CT_PPr) of the children of w:pPr.
_PPR_ORDER = tuple(
    qn(f"w:{tag}")
    for tag in (
        "pStyle",
        "keepNext",
        "keepLines",
        "pageBreakBefore",
        "framePr",
        "widowControl",
        "numPr",
        "suppressLineNumbers",
        "pBdr",
        "shd",
        "tabs",
        "suppressAutoHyphens",
        "kinsoku",
        "wordWrap",
        "overflowPunct",
        "topLinePunct",
        "autoSpaceDE",
        "autoSpaceDN",
        "bidi",
        "adjustRightInd",
        "snapToGrid",
        "spacing",
        "ind",
        "contextualSpacing",
        "mirrorIndents",
        "suppressOverlap",
        "jc",
        "textDirection",
        "textAlignment",
        "textboxTightWrap",
        "outlineLvl",
        "divId",
        "cnfStyle",
        "rPr",
        "sectPr",
        "pPrChange",
    )
)
# Schema order of the children of w:numbering.
_NUMBERING_ORDER = tuple(qn(f"w:{tag}") for tag in ("numPicBullet", "abstractNum", "num", "numIdMacAtCleanup"))


class _StyleElement(Protocol):
    """A w:style element as python-docx gives it (CT_Style, whose get_or_add_pPr is made at run time)."""

    def find(self, path: str) -> etree._Element | None: ...

    def get_or_add_pPr(self) -> etree._Element: ...


@dataclass(frozen=True)
class ReportNumbering:
    """The w:num ids a report's paragraphs are numbered with (through their styles)."""

    sections_num_id: int  # Heading 1 ("1."), Numbered Paragraph ("1.1") and Numbered Subparagraph ("1.1.1")
    recommendations_num_id: int  # Recommendation (lowerLetter, "a)")
    bullets_num_id: int  # Bullet Point
    appendices_num_id: int  # Appendix Item ("Appendix A:")


def ensure_report_numbering(document: docx.document.Document) -> ReportNumbering:
    """The report numbering of ``document``, added to it (numbering part, lists, styles) where missing.

    Calling it again adds nothing. Raises KeyError when the document has no Heading 1 style
    (check the template with report_templates.check_template first).
    """
    styles = document.styles
    heading = styles[SECTION_HEADING_STYLE]  # KeyError from python-docx names the style
    numbered = _paragraph_style(document, NUMBERED_PARAGRAPH_STYLE)
    sub = _paragraph_style(document, SUBPARAGRAPH_STYLE)
    numbering = _numbering_element(document)

    sections_id = _linked_num_id(numbering, heading.element, 0)
    linked = sections_id is not None and all(
        _linked_num_id(numbering, style.element, level) == sections_id for style, level in ((numbered, 1), (sub, 2))
    )
    if sections_id is None or not linked:
        _unlink_levels(numbering, {heading.style_id, numbered.style_id, sub.style_id})
        abstract = _sections_abstract(heading.style_id, numbered.style_id, sub.style_id)
        sections_id = _add_num(numbering, _add_abstract_num(numbering, abstract))
        _link_style(heading.element, sections_id, 0)
        _link_style(numbered.element, sections_id, 1)
        _link_style(sub.element, sections_id, 2)
    singles: dict[str, int] = {}
    for name, nsid, fmt, text, purpose in (
        (RECOMMENDATION_STYLE, _RECOMMENDATIONS_NSID, "lowerLetter", "%1)", "Report recommendations"),
        (BULLET_STYLE, _BULLETS_NSID, "bullet", "\u2022", "Report bullet points"),
        (APPENDIX_STYLE, _APPENDICES_NSID, "upperLetter", "Appendix %1:", "Report appendices"),
    ):
        style = _paragraph_style(document, name)
        num_id = _linked_num_id(numbering, style.element, 0)
        if num_id is None or num_id == sections_id or num_id in singles.values():
            _unlink_levels(numbering, {style.style_id})
            abstract = _single_level_abstract(nsid, purpose, fmt, text, style.style_id)
            num_id = _add_num(numbering, _add_abstract_num(numbering, abstract))
            _link_style(style.element, num_id, 0)
        singles[name] = num_id
    return ReportNumbering(
        sections_num_id=sections_id,
        recommendations_num_id=singles[RECOMMENDATION_STYLE],
        bullets_num_id=singles[BULLET_STYLE],
        appendices_num_id=singles[APPENDIX_STYLE],
    )


def suppress_numbering(paragraph: Any) -> None:
    """Switch off the numbering a paragraph's style gives it (an unnumbered Heading 1 such as "Key issues").

    ``paragraph`` is a python-docx Paragraph (or its w:p element). Writes
    ``<w:numPr><w:ilvl w:val="0"/><w:numId w:val="0"/></w:numPr>`` in its schema place in w:pPr.
    """
    p = getattr(paragraph, "_p", paragraph)
    p_pr = p.get_or_add_pPr()
    for old in p_pr.findall(qn("w:numPr")):
        p_pr.remove(old)
    _insert_in_order(p_pr, _num_pr(0, 0, with_level=True), _PPR_ORDER)


# -- styles ---------------------------------------------------------------------------------------


def _paragraph_style(document: docx.document.Document, name: str) -> BaseStyle:
    """The paragraph style ``name``, created based on Normal (and followed by itself) when missing."""
    styles = document.styles
    try:
        found: BaseStyle = styles[name]
        return found
    except KeyError:
        pass
    style: ParagraphStyle = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = styles["Normal"]
    style.next_paragraph_style = style
    style.quick_style = True
    return style


def _link_style(style_element: _StyleElement, num_id: int, level: int) -> None:
    """Put ``<w:numPr>`` (numId, and ilvl above level 0, as Word writes it) in the style's pPr."""
    p_pr = style_element.get_or_add_pPr()
    for old in p_pr.findall(qn("w:numPr")):
        p_pr.remove(old)
    _insert_in_order(p_pr, _num_pr(num_id, level, with_level=level > 0), _PPR_ORDER)


def _num_pr(num_id: int, level: int, *, with_level: bool) -> etree._Element:
    num_pr = OxmlElement("w:numPr")
    if with_level:
        num_pr.append(_val("w:ilvl", level))
    num_pr.append(_val("w:numId", num_id))
    return num_pr


def _linked_num_id(numbering: etree._Element, style_element: _StyleElement, level: int) -> int | None:
    """The numId the style is linked to at ``level``, if that w:num and its abstractNum exist."""
    p_pr = style_element.find(qn("w:pPr"))
    num_pr = p_pr.find(qn("w:numPr")) if p_pr is not None else None
    if num_pr is None:
        return None
    num_id = _int_val(num_pr.find(qn("w:numId")))
    ilvl = _int_val(num_pr.find(qn("w:ilvl")))
    if not num_id or (ilvl or 0) != level:
        return None
    for num in numbering.findall(qn("w:num")):
        if _int_attr(num, "w:numId") == num_id:
            abstract_id = _int_val(num.find(qn("w:abstractNumId")))
            abstracts = {_int_attr(a, "w:abstractNumId") for a in numbering.findall(qn("w:abstractNum"))}
            return num_id if abstract_id in abstracts else None
    return None


# -- numbering part -------------------------------------------------------------------------------


def _numbering_element(document: docx.document.Document) -> etree._Element:
    """The w:numbering root, after creating numbering.xml when the document has none."""
    part = document.part
    try:
        found: etree._Element = cast(NumberingPart, part.part_related_by(RT.NUMBERING)).element  # as python-docx does
        return found
    except KeyError:
        pass
    # python-docx 1.2 cannot create a numbering part itself (NumberingPart.new is not implemented).
    partname = PackURI("/word/numbering.xml")
    if any(existing.partname == partname for existing in part.package.iter_parts()):
        partname = part.package.next_partname("/word/numbering%d.xml")
    element = parse_xml(f"<w:numbering {nsdecls('w')}/>")
    numbering_part = NumberingPart(partname, CT.WML_NUMBERING, element, part.package)
    part.relate_to(numbering_part, RT.NUMBERING)
    return element


def _unlink_levels(numbering: etree._Element, style_ids: set[str]) -> None:
    """Drop the pStyle links of other lists' levels to styles about to be linked to a new list.

    A council template may number its headings with a list of its own; two lists claiming
    Heading 1 would leave Word to pick one.
    """
    for p_style in numbering.findall(f"{qn('w:abstractNum')}/{qn('w:lvl')}/{qn('w:pStyle')}"):
        level = p_style.getparent()
        if level is not None and p_style.get(qn("w:val")) in style_ids:
            level.remove(p_style)


def _add_abstract_num(numbering: etree._Element, abstract: etree._Element) -> int:
    """Give ``abstract`` a free abstractNumId and nsid, and put it after the abstractNums, before any num."""
    used_ids = [_int_attr(a, "w:abstractNumId") or 0 for a in numbering.findall(qn("w:abstractNum"))]
    abstract_id = max(used_ids, default=-1) + 1
    abstract.set(qn("w:abstractNumId"), str(abstract_id))
    nsid = abstract.find(qn("w:nsid"))
    assert nsid is not None, "_abstract_head writes one"
    used_nsids = {
        (n.get(qn("w:val")) or "").upper() for n in numbering.findall(f"{qn('w:abstractNum')}/{qn('w:nsid')}")
    }
    value = int(nsid.get(qn("w:val"), ""), 16)
    while f"{value:08X}" in used_nsids:
        value = (value + 1) & 0xFFFFFFFF
    nsid.set(qn("w:val"), f"{value:08X}")
    _insert_in_order(numbering, abstract, _NUMBERING_ORDER)
    return abstract_id


def _add_num(numbering: etree._Element, abstract_id: int) -> int:
    used = [_int_attr(n, "w:numId") or 0 for n in numbering.findall(qn("w:num"))]
    num_id = max(used, default=0) + 1
    num = OxmlElement("w:num", attrs={qn("w:numId"): str(num_id)})
    num.append(_val("w:abstractNumId", abstract_id))
    _insert_in_order(numbering, num, _NUMBERING_ORDER)
    return num_id


def _sections_abstract(heading_style_id: str, paragraph_style_id: str, sub_style_id: str) -> etree._Element:
    """Multilevel list: "1." (Heading 1), "1.1" (Numbered Paragraph), "1.1.1" (Numbered Subparagraph), deeper
    levels "1.1.1.1" and so on."""
    abstract = _abstract_head(_SECTIONS_NSID, "multilevel", "Report sections and paragraphs")
    styles = {0: heading_style_id, 1: paragraph_style_id, 2: sub_style_id}
    for level in range(9):
        text = "%1." if level == 0 else ".".join(f"%{i + 1}" for i in range(level + 1))
        indent = _TEXT_INDENT * max(1, level)
        abstract.append(_level(level, "decimal", text, styles.get(level), left=indent, hanging=_TEXT_INDENT))
    return abstract


def _single_level_abstract(nsid: int, name: str, fmt: str, text: str, style_id: str) -> etree._Element:
    """A one-level list for one style: lettered recommendations "a)", bullets, "Appendix A:"."""
    abstract = _abstract_head(nsid, "singleLevel", name)
    hanging = _TEXT_INDENT * 2 if fmt == "upperLetter" else _TEXT_INDENT  # room for "Appendix A:"
    abstract.append(_level(0, fmt, text, style_id, left=hanging, hanging=hanging))
    return abstract


def _abstract_head(nsid: int, multi_level_type: str, name: str) -> etree._Element:
    abstract = OxmlElement("w:abstractNum")
    abstract.append(_val("w:nsid", f"{nsid:08X}"))
    abstract.append(_val("w:multiLevelType", multi_level_type))
    abstract.append(_val("w:name", name))
    return abstract


def _level(level: int, fmt: str, text: str, style_id: str | None, *, left: int, hanging: int) -> etree._Element:
    """A w:lvl in schema order: start, numFmt, pStyle, lvlText, lvlJc, pPr."""
    lvl = OxmlElement("w:lvl", attrs={qn("w:ilvl"): str(level)})
    lvl.append(_val("w:start", 1))
    lvl.append(_val("w:numFmt", fmt))
    if style_id:
        lvl.append(_val("w:pStyle", style_id))
    lvl.append(_val("w:lvlText", text))
    lvl.append(_val("w:lvlJc", "left"))
    p_pr = OxmlElement("w:pPr")
    p_pr.append(OxmlElement("w:ind", attrs={qn("w:left"): str(left), qn("w:hanging"): str(hanging)}))
    lvl.append(p_pr)
    return lvl


# -- small XML helpers ----------------------------------------------------------------------------


def _insert_in_order(parent: etree._Element, child: etree._Element, order: tuple[str, ...]) -> etree._Element:
    """Insert ``child`` into ``parent`` before the first child that the schema puts after it.

    Children whose tags are not in ``order`` (extensions) are stepped over; with nothing later
    present the child is appended.
    """
    later = set(order[order.index(child.tag) + 1 :])
    for existing in parent:
        if existing.tag in later:
            existing.addprevious(child)
            return child
    parent.append(child)
    return child


def _val(tag: str, value: object) -> etree._Element:
    return OxmlElement(tag, attrs={qn("w:val"): str(value)})


def _int_val(element: etree._Element | None) -> int | None:
    return _int_attr(element, "w:val") if element is not None else None


def _int_attr(element: etree._Element, name: str) -> int | None:
    value = element.get(qn(name))
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None
