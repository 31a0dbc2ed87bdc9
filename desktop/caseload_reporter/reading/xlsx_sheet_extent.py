"""How far a piece of .xlsx sheet XML reaches: the last row and column its cells would take.

Two ways, which must agree (tests/reading/test_sheet_extents.py checks that they do): the quick
way reads only the references, with numpy, and vouches for XML written the way spreadsheet
programs write it; the plain way, with regular expressions, measures any XML, counting cells and
rows written without a reference. Where either would refuse a sheet, :func:`built_extent`
measures only the cells calamine builds. :mod:`caseload_reporter.reading.xlsx_sheet_scan` feeds
each piece of a sheet part to them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise

import numpy as np


def column_index(letters: bytes) -> int:
    """1-based column number of 'A', 'Z', 'AA', 'XFD' (any case, as calamine reads them)."""
    number = 0
    for char in letters.upper():
        number = number * 26 + (char - 64)
    return number


class XlsxPatterns:
    """Byte patterns for one namespace prefix (Excel writes none; some tools write 'x:')."""

    def __init__(self, prefix: bytes) -> None:
        p = re.escape(prefix)
        self.row_split = b"<" + prefix + b"row"
        self.formula = re.compile(rb"<" + p + rb"f[\s>/]")
        self.cell = re.compile(rb"<" + p + rb"c\b[^>]*?(?:/>|>(.*?)</" + p + rb"c>)", re.S)
        self.value = re.compile(rb"<" + p + rb"v>\s*[^<\s]")
        self.row_starts = re.compile(rb"<" + p + rb"row[\s>/]")


# --- the quick way: sheet XML as spreadsheet programs write it -------------------------------


@dataclass(frozen=True)
class _Extent:
    rows: int
    columns: int
    formulas: bool


def _byte_set(chars: bytes) -> np.ndarray:
    table = np.zeros(256, dtype=bool)
    table[list(chars)] = True
    return table


_NAME_BYTES = _byte_set(b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-.:" + bytes(range(128, 256)))
_TAG_END = _byte_set(b" \t\r\n>/")
_SPACE_MAX = 32  # XML whitespace is 9, 10, 13 and 32; lower bytes are not allowed in XML at all
_MAX_DIGITS = 7  # 9,999,999 rows: far past the 1,048,576 any spreadsheet program writes

_BEFORE = 4  # the '<c r' before each '=' of a reference
# What is read past either end of a piece: a name byte (so an 'r=' at its very start is no attribute,
# as it cannot be one), and no quote, letter or digit (so a reference cut off at its end is refused).
_PAD = np.frombuffer(b"_" * 16, dtype=np.uint8)
_BLOCK = 1 << 19  # bytes searched at a time, so that they stay in the core's cache through every search


def _pair(first: bytes) -> int:
    return first[0] | first[1] << 8  # two bytes read as one little-endian 16-bit number


_R_EQUALS, _CELL, _FORMULA, _PREFIXED_CELL = _pair(b"r="), _pair(b"<c"), _pair(b"<f"), _pair(b":c")


class UsualExtent:
    """Measures pieces of sheet XML written the usual way, reusing one mask from piece to piece:
    a fresh mask per search would cost more in memory faults than the search itself."""

    def __init__(self) -> None:
        self.mask = np.empty(_BLOCK // 2 + 1, dtype=bool)

    def __call__(self, piece: bytes | memoryview) -> _Extent | None:
        """The last row and column that the references in ``piece`` reach, or None if it is not
        written the usual way: every r attribute as ` r="AB12"` and every cell opening with one.

        That is how Excel, LibreOffice, openpyxl and xlsxwriter write, and then the references
        alone place every cell calamine builds (it places a cell without one after the one
        before), so reading the letters and digits after each ``r="`` is the whole measurement.
        numpy does that at every reference at once, in a fraction of what regular expressions
        take, and without holding the GIL: it finds the two-byte names ('r=', '<c', '<f', ':c')
        by reading the piece as 16-bit numbers from its first byte and from its second, and
        copies the bytes around each reference into small tables. Anything it cannot vouch for
        (an r attribute in other quotes or spacing, a cell without a reference or with another
        attribute first, a prefixed cell element, a reference of four letters or eight digits)
        gives None, and the caller measures the plain way.
        """
        a = np.frombuffer(piece, dtype=np.uint8)
        pairs = max(a.size - 2, 0)  # each byte but the last two, with the one after it
        equals, (cells, formulas, prefixed) = _pair_search(
            piece, pairs, self.mask, _R_EQUALS, _CELL, _FORMULA, _PREFIXED_CELL
        )
        equals += 1
        around = _around(a, equals - _BEFORE, _BEFORE + 6)  # column i: '<c r="' and four bytes on, of the i-th
        attribute = ~_NAME_BYTES[around[2]]  # the attribute r itself, not header= or x:r=
        if not attribute.all():
            around, equals = around[:, attribute], equals[attribute]
        if (around[2] > _SPACE_MAX).any() or (around[5] != ord('"')).any():
            return None
        one = _is_letter(around[6])
        two = one & _is_letter(around[7])
        three = two & _is_letter(around[8])
        if (three & _is_letter(around[9])).any():
            return None
        rows = _highest_number(_around(a, equals + 2 + one + two + three, _MAX_DIGITS + 1))
        if rows is None:
            return None
        columns = 0
        for width, has in ((3, three), (2, two), (1, one)):
            if has.any():
                columns = column_index(_highest(around[6 : 6 + width], has, fold=0x20))
                break

        def tag_ends(pair: int) -> int:  # how many of the pairs end a name there: '<c ', '<c>', '<c/'
            return int(np.count_nonzero(_TAG_END[a[_pair_search(piece, pairs, self.mask, pair)[0] + 2]]))

        referenced = np.count_nonzero((around[1] == ord("c")) & (around[0] == ord("<")))
        if cells != referenced and tag_ends(_CELL) != referenced:
            return None  # a cell without a reference, or with it not first
        if prefixed and tag_ends(_PREFIXED_CELL):
            return None  # a prefixed cell element: calamine ignores prefixes
        return _Extent(rows, columns, bool(formulas) and tag_ends(_FORMULA) > 0)


def _pair_search(
    piece: bytes | memoryview, pairs: int, mask: np.ndarray, located: int, *counted: int
) -> tuple[np.ndarray, list[int]]:
    """Where the two bytes ``located`` start among the first ``pairs`` bytes of ``piece`` (in no
    particular order), and how many times each of ``counted`` does.

    Each block is read as 16-bit numbers twice, from an even offset and from the odd one after.
    """
    starts, counts = [np.empty(0, dtype=np.intp)], [0] * len(counted)
    for block in range(0, pairs, _BLOCK):
        size = min(_BLOCK, pairs - block)
        for parity in (0, 1):
            values = np.frombuffer(piece, dtype="<u2", count=(size + 1 - parity) // 2, offset=block + parity)
            found = np.equal(values, located, out=mask[: values.size])
            starts.append(np.flatnonzero(found) * 2 + (block + parity))
            for i, pair in enumerate(counted):
                counts[i] += int(np.count_nonzero(np.equal(values, pair, out=found)))
    return np.concatenate(starts), counts


def _around(a: np.ndarray, starts: np.ndarray, size: int) -> np.ndarray:
    """The ``size`` bytes from each of ``starts``, a column each (row j: the j-th byte of each),
    reading _PAD before and after ``a``."""
    if starts.size and (starts.min() < 0 or starts.max() > a.size - size):
        a, starts = np.concatenate((_PAD, a, _PAD)), starts + _PAD.size
    fields = np.ndarray((max(a.size - size + 1, 0),), dtype=f"V{size}", buffer=a, strides=(1,))  # one at each byte
    return np.ascontiguousarray(fields[starts].view(np.uint8).reshape(-1, size).T)


def _is_letter(values: np.ndarray) -> np.ndarray:
    return (values | 0x20) - ord("a") < 26  # uint8 arithmetic wraps below 'a'


def _highest(fields: np.ndarray, among: np.ndarray, fold: int = 0) -> bytes:
    """The greatest of the fields ``among`` the columns of ``fields``, compared byte by byte."""
    which = np.flatnonzero(among)
    for row in fields:
        values = row[which] | fold
        which = which[values == values.max()]
    return (fields[:, which[0]] | fold).tobytes()


def _highest_number(digits: np.ndarray) -> int | None:
    """The greatest number among the references whose digits start the columns of ``digits``: the
    longest, then the greatest of those byte by byte. None if one is too long or starts with a 0
    (which would make it longer than a greater number), or if the greatest is not all digits
    (calamine refuses such a reference anyway)."""
    if not digits.shape[1]:
        return 0
    if (digits[0] == ord("0")).any():
        return None
    widths = np.ones(digits.shape[1], dtype=np.uint8)  # to the first quote one to seven bytes on
    unended = digits[1] != ord('"')
    for width in range(2, _MAX_DIGITS + 2):
        np.add(widths, unended, out=widths)
        if width <= _MAX_DIGITS:
            np.logical_and(unended, digits[width] != ord('"'), out=unended)
    if unended.any():
        return None
    width = int(widths.max())
    number = _highest(digits[:width], widths == width)
    return int(number) if number.isdigit() else None


# --- the plain way: any sheet XML ------------------------------------------------------------

# What calamine reads as a position: an attribute named exactly r (not header=, not x:r=), in
# either quotes and any spacing, its column letters in either case. Rows are taken from cell
# references too: calamine places a cell by its own reference, not by its row's.
_REF = re.compile(rb"r(?<![\w:.\-\x80-\xff]r)\s*=\s*[\"']([A-Za-z]*)(\d*)")
# Row and cell elements under any prefix (calamine matches the local name only) without an r
# attribute, walking the attributes whole so that no attribute value can pass for one.
_PREFIX = rb"<(?:[^\s<>/:!?]+:)?"
_NO_REF = rb"(?=[\s>/])(?!(?:\s+[^\s=/>]+\s*=\s*(?:\"[^\"]*\"|'[^']*'))*?\s+r\s*=)"
_CELL_TAG = re.compile(_PREFIX + rb"c[\s>/]")
_CELL_WITHOUT_REF = re.compile(_PREFIX + rb"c" + _NO_REF)
_ROW_WITHOUT_REF = re.compile(_PREFIX + rb"row" + _NO_REF)


def any_extent(piece: bytes, pats: XlsxPatterns, max_row: int, max_col: int) -> tuple[int, int]:
    """The extent so far, taken on by ``piece``: slower, for what the quick way cannot vouch for.

    Rows and cells normally carry their reference (r="12", r="AB12"): the numbers give the height
    and the letters the width. Elements without one (allowed, and written by a few tools) go one
    down or one right of the one before, so they are counted: each such row adds one to the
    height, and the most cells in any row are added to the width.
    """
    refs = _REF.findall(piece)
    numbers = {digits.lstrip(b"0") or b"0" for _, digits in refs if digits}
    if numbers:
        max_row = max(max_row, *(int(x) if len(x) <= _MAX_DIGITS else 10**_MAX_DIGITS for x in numbers))
    max_row += len(_ROW_WITHOUT_REF.findall(piece))
    columns = max((column_index(x) for x in {letters for letters, _ in refs if letters}), default=0)
    if _CELL_WITHOUT_REF.search(piece):
        columns += _widest_row(piece, pats)  # no row runs on into the next piece
    return max_row, max(max_col, columns)


# What calamine leaves out: a row's own tag (it only places cells without a reference) and a cell
# with nothing in it, written <c .../> or <c ...></c>; its attributes are walked whole, so that no
# value can end it early. A cell with an empty text (<is><t/></is>, t="str" with <v></v>) is built.
_ATTRIBUTES = rb"(?:\s+[^\s=/>]+\s*=\s*(?:\"[^\"]*\"|'[^']*'))*\s*"
_EMPTY_CELL = re.compile(_PREFIX + rb"c" + _ATTRIBUTES + rb"(?:/>|>\s*</(?:[^\s<>/:!?]+:)?c\s*>)")
_ROW_TAG = re.compile(_PREFIX + rb"row" + _ATTRIBUTES + rb"/?>")


def built_extent(piece: bytes, bound: tuple[int, int]) -> tuple[int, int]:
    """The last row and column of the cells in ``piece`` that calamine builds, for a piece whose
    references reach too far: every reference counts but those of row tags and of empty cells.

    A cell without a reference goes just right of the cell before it (empty or not) in the row
    its row tag names (or the one after the row before), so where the piece holds one the whole
    ``bound`` (every reference so far) is kept.
    """
    if _CELL_WITHOUT_REF.search(piece):
        return bound
    kept = _ROW_TAG.sub(b" ", _EMPTY_CELL.sub(b" ", piece))
    refs = _REF.findall(kept)
    numbers = {digits.lstrip(b"0") or b"0" for _, digits in refs if digits}
    rows = max((int(x) if len(x) <= _MAX_DIGITS else 10**_MAX_DIGITS for x in numbers), default=0)
    columns = max((column_index(x) for x in {letters for letters, _ in refs if letters}), default=0)
    return rows, columns


def _widest_row(piece: bytes, pats: XlsxPatterns) -> int:
    starts = [m.start() for m in pats.row_starts.finditer(piece)] + [len(piece)]
    return max((len(_CELL_TAG.findall(piece, a, b)) for a, b in pairwise(starts)), default=0)
