"""Column-at-a-time parsing: each distinct value is parsed once, then spread back.

Officers' columns repeat themselves (a few teams, a hundred weeks), so factorising first keeps
a 200,000-row import close to the time the reader itself takes. Everything per row here is a
numpy operation on codes; Python code runs once per distinct value.

The table's rows are held as one 2-D object array (:class:`CellBlock`), so that a column is a
view rather than a Python loop over the rows, and each column is factorised at most once
however many times it is parsed (finding the table already factorises the first two).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import chain, pairwise
from typing import Protocol, TypeVar

import numpy as np
import pandas as pd

from caseload_reporter.reading.values import Period, clean_text, is_blank, parse_number, parse_period

T = TypeVar("T")
Factorized = tuple[np.ndarray, np.ndarray]
# A column of cells as the parsers take it: a list, or a 1-D object array (a Column of a CellBlock or a slice).
CellValues = Sequence[object] | np.ndarray


# --- distinct values -------------------------------------------------------------------------


def object_array(values: CellValues) -> np.ndarray:
    """``values`` as a 1-D object array, never split into more dimensions (a cell may be a tuple)."""
    if isinstance(values, np.ndarray):
        return values if values.dtype == object else values.astype(object)
    return np.fromiter(values, dtype=object, count=len(values))


def factorize(values: CellValues) -> Factorized:
    """(code per cell, distinct values): the pandas factorisation every parser here relies on.

    Missing values (None, NaN, NaT) share one code, represented by NaN; values equal under ``==``
    (1, 1.0, True) share one code too, represented by the first seen. A :class:`Column` of a
    :class:`CellBlock` is factorised once and the codes kept (read-only) for the next parse.
    """
    if isinstance(values, Column) and values.block is not None:
        return values.block.factorize(values.index)
    return _factorize(values)


def _factorize(values: CellValues) -> Factorized:
    # The same as pd.factorize(..., use_na_sentinel=False), whose missing value is always NaN, but
    # without its extra pass over every cell to find and replace the missing values first.
    codes, uniques = pd.factorize(object_array(values))
    missing = codes < 0
    if missing.any():
        codes[missing] = len(uniques)
        uniques = np.append(uniques, np.array([np.nan], dtype=object))
    return codes, uniques


def spread(parsed: Sequence[object], codes: np.ndarray) -> np.ndarray:
    """An object array holding ``parsed[code]`` for every code."""
    return np.fromiter(parsed, dtype=object, count=len(parsed)).take(codes)


def constant(value: object, n: int) -> np.ndarray:
    """An object array of ``n`` copies of ``value`` (np.full is slow for objects other than None)."""
    one = np.empty(1, dtype=object)
    one[0] = value
    return one.repeat(n)


def distinct_objects(values: Sequence[T]) -> tuple[np.ndarray, list[T]]:
    """(code per item, the distinct objects) by identity, which needs no Python-level hashing.

    Equal objects that are not the same object get different codes, which is harmless where the
    result is computed per code: it is only slower. Lists built by :func:`spread` and
    :func:`widen_periods` repeat the same few objects, so this is fast and exact.
    """
    n = len(values)
    ids = np.fromiter(map(id, values), dtype=np.intp, count=n)
    codes, unique_ids = pd.factorize(ids)
    return codes, [values[i] for i in _first_of_each(codes, len(unique_ids))]


def distinct_rows(n: int, *columns: CellValues) -> tuple[np.ndarray, np.ndarray]:
    """(code per row, the first row of each code) for the distinct combinations of ``columns``,
    which have ``n`` rows; with no columns, every row is alike."""
    combined = np.zeros(n, dtype=np.intp)
    for values in columns:
        codes, uniques = factorize(values)
        combined = combined * len(uniques) + codes
    codes, uniques = pd.factorize(combined)
    return codes, _first_of_each(codes, len(uniques))


def _first_of_each(codes: np.ndarray, count: int) -> np.ndarray:
    """The position where each of the ``count`` codes first appears."""
    first = np.empty(count, dtype=np.intp)
    first[codes[::-1]] = np.arange(len(codes) - 1, -1, -1, dtype=np.intp)  # the last write is the first
    return first


# --- the table's cells -----------------------------------------------------------------------


class Column(np.ndarray):
    """One column of a :class:`CellBlock` (a view), which knows where to keep its factorisation.

    Arrays derived from it (slices, comparisons) are plain columns without a block.
    """

    block: CellBlock | None = None
    index: int = -1


class CellBlock:
    """Rows of a grid as one 2-D object array (row by column), with each column's factorisation
    made at most once."""

    def __init__(self, cells: np.ndarray, factorized: dict[int, Factorized] | None = None) -> None:
        self.cells = cells
        self.factorized: dict[int, Factorized] = factorized or {}
        self._order_matters: dict[int, bool] = {}

    def __len__(self) -> int:
        return len(self.cells)

    @property
    def width(self) -> int:
        return int(self.cells.shape[1])

    def column(self, index: int) -> np.ndarray:
        """The cells of one column, '' where the rows are too short to reach it."""
        if index >= self.width:
            return np.full(len(self.cells), "", dtype=object)
        values = self.cells[:, index].view(Column)
        values.block, values.index = self, index
        return values

    def factorize(self, index: int) -> Factorized:
        found = self.factorized.get(index)
        if found is None:
            codes, uniques = _factorize(self.cells[:, index])
            codes.flags.writeable = False  # shared by every parse of this column
            found = self.factorized[index] = (codes, uniques)
        return found

    def rows(self, positions: slice | np.ndarray) -> CellBlock:
        """Some of the rows, keeping the factorisations made so far (their codes taken to match)
        where that gives the same distinct values as factorising those rows afresh."""
        prefix = isinstance(positions, slice) and not positions.start and positions.step in (None, 1)
        kept = {}
        for i, (codes, uniques) in self.factorized.items():
            if not prefix and self._order_matters.setdefault(i, _order_matters(uniques)):
                continue
            kept[i] = (codes[positions], uniques)
        subset = CellBlock(self.cells[positions], kept)
        subset._order_matters = {i: self._order_matters[i] for i in kept if i in self._order_matters}
        return subset


def _order_matters(uniques: np.ndarray) -> bool:
    """Whether one code may stand for cells that parse differently, so that which cell came first
    decides how all of them are read: pandas gives True and 1 (or 1.0) one code, False and 0 too.
    Every other value equals only values that parse alike (1 and 1.0, None and NaN)."""
    return any(isinstance(u, bool | int | float | np.number | np.bool_) and (u == 0 or u == 1) for u in uniques)


def cell_block(rows: Sequence[list[object]], indexes: Sequence[int], width: int | None = None) -> CellBlock:
    """The rows at ``indexes`` as a :class:`CellBlock`; short rows are padded with '' (a blank cell).

    ``width``, when given, must be at least the longest row's length (the table's width).
    """
    if isinstance(indexes, range) and indexes.step == 1:
        picked = rows[indexes.start : indexes.stop]
    else:
        picked = [rows[i] for i in indexes]
    if width is None:
        width = max(map(len, picked), default=0)
    try:  # every row is as wide as the widest (as calamine and the CSV reader give them): no padding
        cells = np.fromiter(chain.from_iterable(picked), dtype=object, count=len(picked) * width)
    except ValueError:  # too few cells: some rows are short
        padded = chain.from_iterable(r if len(r) == width else [*r, *[""] * (width - len(r))] for r in picked)
        cells = np.fromiter(padded, dtype=object, count=len(picked) * width)
    return CellBlock(cells.reshape(len(picked), width))


class DataRows(Protocol):
    """What :func:`data_block` needs of a table region (``layout.TableRegion`` is one); said here so that
    this module, which the layout finder imports, does not import the layout finder back."""

    data_start: int
    data_rows: list[int]
    cells: CellBlock | None


def data_block(rows: Sequence[list[object]], region: DataRows) -> CellBlock:
    """The cells of ``region``'s data rows, taking over the block the layout made of the rows from
    ``data_start`` on (so the region does not keep it alive afterwards)."""
    block, region.cells = region.cells, None
    data_rows = region.data_rows
    if block is None or len(block) != len(rows) - region.data_start or not data_rows:
        return cell_block(rows, data_rows)
    first, last = data_rows[0] - region.data_start, data_rows[-1] - region.data_start
    if last - first + 1 == len(data_rows):  # no blank or total rows in between: views
        return block.rows(slice(first, last + 1))
    return block.rows(np.asarray(data_rows, dtype=np.intp) - region.data_start)


# --- parsers ---------------------------------------------------------------------------------


def map_distinct(values: CellValues, parse: Callable[[object], T]) -> np.ndarray:
    codes, uniques = factorize(values)
    return spread([parse(u) for u in uniques], codes)


@dataclass
class NumberColumn:
    values: np.ndarray  # float, NaN where missing or unreadable
    unreadable: np.ndarray  # bool: text that is not a number
    marker: np.ndarray  # object: the missing-value marker that stood there, or None


def numbers(values: CellValues) -> NumberColumn:
    codes, uniques = factorize(values)
    if not len(uniques):
        return NumberColumn(np.array([], float), np.array([], bool), np.array([], object))
    parsed = [parse_number(u) for u in uniques]
    vals = np.array([p.value if p.value is not None else np.nan for p in parsed], dtype=float)
    bad = np.array([p.unreadable for p in parsed], dtype=bool)
    marks = [p.missing_marker if p.missing_marker else None for p in parsed]
    return NumberColumn(vals.take(codes), bad.take(codes), spread(marks, codes))


def texts(values: CellValues) -> np.ndarray:
    """Display text per cell, or None for a blank cell."""
    return map_distinct(values, lambda v: None if is_blank(v) else clean_text(v))


_YES = {"yes", "y", "true", "1", "agency", "a", "locum", "interim", "contractor"}
_NO = {"no", "n", "false", "0", "permanent", "p", "perm", "employed", "staff", "fixed term", ""}


def _flag(v: object) -> tuple[bool | None, bool]:
    if v is None or (isinstance(v, float) and np.isnan(v)):
        return None, False
    text = clean_text(v).lower()
    if text in _YES:
        return True, False
    if text in _NO:
        return (None, False) if text == "" else (False, False)
    return None, True


def flags(values: CellValues) -> tuple[np.ndarray, np.ndarray]:
    """Agency flags: (True/False/None per row, unreadable mask)."""
    codes, uniques = factorize(values)
    pairs = [_flag(u) for u in uniques]
    bad = np.array([p[1] for p in pairs], dtype=bool)
    return spread([p[0] for p in pairs], codes), bad.take(codes)


def flag_array(values: CellValues) -> tuple[pd.arrays.BooleanArray, np.ndarray]:
    """:func:`flags` as a nullable boolean array, made from the codes rather than cell by cell."""
    codes, uniques = factorize(values)
    pairs = [_flag(u) for u in uniques]
    true = np.array([p[0] is True for p in pairs], dtype=bool)
    unknown = np.array([p[0] is None for p in pairs], dtype=bool)
    bad = np.array([p[1] for p in pairs], dtype=bool)
    return pd.arrays.BooleanArray(true.take(codes), unknown.take(codes)), bad.take(codes)


def no_flags(n: int) -> pd.arrays.BooleanArray:
    """``n`` missing flags."""
    return pd.arrays.BooleanArray(np.zeros(n, dtype=bool), np.ones(n, dtype=bool))


@dataclass
class PeriodColumn:
    periods: list[Period | None]
    unreadable: np.ndarray  # bool: something stood there but is not a period


def _period(v: object) -> tuple[Period | None, bool]:
    if is_blank(v):
        return None, False
    found = parse_period(v)
    return found, found is None


def periods(values: CellValues) -> PeriodColumn:
    codes, uniques = factorize(values)
    pairs = [_period(u) for u in uniques]
    bad = np.array([p[1] for p in pairs], dtype=bool)
    return PeriodColumn(spread([p[0] for p in pairs], codes).tolist(), bad.take(codes))


def period_starts(found: Sequence[Period | None]) -> tuple[np.ndarray, np.ndarray]:
    """(first day as datetime64[ns], NaT where None; kind, None where None) for every period."""
    codes, distinct = distinct_objects(found)
    # pandas, not numpy, converts the dates: numpy wraps a date outside the nanosecond range silently.
    starts = pd.Series([pd.Timestamp(p.start) if p else pd.NaT for p in distinct], dtype="datetime64[ns]")
    kinds = spread([p.kind if p else None for p in distinct], codes)
    return starts.to_numpy().take(codes), kinds


def widen_periods(found: list[Period | None], header: str) -> list[Period | None]:
    """Turn day periods into weeks or months when the header or the spacing says so."""
    codes, distinct = distinct_objects(found)
    days = sorted({p.start for p in distinct if p is not None and p.kind == "day"})
    if not days:
        return found
    lowered = header.lower()
    kind = None
    if "week" in lowered or "w/c" in lowered or lowered in ("wc", "we"):
        kind = "week"
    elif "month" in lowered or (len(days) >= 2 and all(d.day == 1 for d in days)):
        kind = "month"
    elif len(days) >= 2 and all((b - a).days % 7 == 0 for a, b in pairwise(days)):
        kind = "week"
    if kind is None:
        return found
    starts: dict[dt.date, Period] = {}
    for d in days:
        start = d.replace(day=1) if kind == "month" else d
        starts[d] = Period(start, kind)
    widened = [starts[p.start] if p is not None and p.kind == "day" else p for p in distinct]
    result: list[Period | None] = spread(widened, codes).tolist()
    return result
