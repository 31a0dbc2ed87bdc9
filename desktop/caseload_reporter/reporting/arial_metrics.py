"""How wide a piece of text is in Arial, without Qt, so table columns can be sized before Word sees them.

The templates set Arial (LibreOffice substitutes Liberation Sans, which has the same advance widths).
A flat "characters times a typical width" estimate is a quarter too wide for lower-case words and
sent tables of seven short columns onto landscape pages of their own; these are Arial's own widths
in thousandths of an em, for regular and bold.
"""

from __future__ import annotations

_REGULAR_GROUPS = {
    278: " !,./:;I[\\]ft" + "\u00a0",
    222: "ijl\u2018\u2019",
    191: "'",
    333: "-()r`{}",
    355: '"',
    500: "Jcksvxyz^\u2013",
    556: "0123456789abdeghnopqu$#?L_\u00a3",
    584: "+<=>~",
    611: "FTZ",
    667: "ABEKPSVXY&",
    722: "CDHNRUw",
    778: "GOQ",
    833: "Mm",
    889: "%",
    944: "W",
    1000: "@\u2014",
}
_BOLD_GROUPS = {
    278: " ,./\\Iijl\u2018\u2019" + "\u00a0",
    238: "'",
    333: "!()-:;[]`ft{}",
    389: "r",
    474: '"',
    556: "0123456789$#Jaceksvxyz\u00a3_\u2013",
    584: "+<=>~^",
    611: "?FLTZbdghnopqu",
    667: "EPSVXY",
    722: "&ABCDHKNRU",
    778: "GOQw",
    833: "M",
    889: "%m",
    944: "W",
    975: "@",
    1000: "\u2014",
}
_REGULAR = {ch: width for width, chars in _REGULAR_GROUPS.items() for ch in chars}
_BOLD = {ch: width for width, chars in _BOLD_GROUPS.items() for ch in chars}
_UNKNOWN = 600  # anything else (accented letters, symbols): a little wider than a typical letter


def text_twips(text: str, half_points: int, bold: bool = False) -> float:
    """The width of ``text`` set in Arial at ``half_points`` (Word's unit for font size), in twips."""
    table = _BOLD if bold else _REGULAR
    thousandths = sum(table.get(ch, _UNKNOWN) for ch in text)
    return thousandths / 1000 * half_points * 10  # one point is 20 twips; a half-point is 10
