"""Column-at-a-time parsing: each distinct value is parsed once, then spread back.

Officers' columns repeat themselves (a few teams, a hundred weeks), so factorising first keeps
a 200,000-row import close to the time the reader itself takes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import TypeVar

import numpy as np
import pandas as pd

from caseload_reporter.reading.values import Period, clean_text, is_blank, parse_number, parse_period

T = TypeVar("T")


def _map_distinct(values: Sequence[object], parse: Callable[[object], T]) -> list[T]:
    codes, uniques = pd.factorize(pd.Series(values, dtype=object), use_na_sentinel=False)
    parsed = [parse(u) for u in uniques]
    return [parsed[c] for c in codes]


@dataclass
class NumberColumn:
    values: np.ndarray  # float, NaN where missing or unreadable
    unreadable: np.ndarray  # bool: text that is not a number
    marker: np.ndarray  # object: the missing-value marker that stood there, or None


def numbers(values: Sequence[object]) -> NumberColumn:
    codes, uniques = pd.factorize(pd.Series(values, dtype=object), use_na_sentinel=False)
    parsed = [parse_number(u) for u in uniques]
    vals = np.array([p.value if p.value is not None else np.nan for p in parsed], dtype=float)
    bad = np.array([p.unreadable for p in parsed], dtype=bool)
    marks = np.array([p.missing_marker if p.missing_marker else None for p in parsed], dtype=object)
    if not len(uniques):
        return NumberColumn(np.array([], float), np.array([], bool), np.array([], object))
    return NumberColumn(vals[codes], bad[codes], marks[codes])


def texts(values: Sequence[object]) -> np.ndarray:
    """Display text per cell, or None for a blank cell."""
    return np.array(_map_distinct(values, lambda v: None if is_blank(v) else clean_text(v)), dtype=object)


_YES = {"yes", "y", "true", "1", "agency", "a", "locum", "interim", "contractor"}
_NO = {"no", "n", "false", "0", "permanent", "p", "perm", "employed", "staff", "fixed term", ""}


def flags(values: Sequence[object]) -> tuple[np.ndarray, np.ndarray]:
    """Agency flags: (True/False/None per row, unreadable mask)."""

    def parse(v: object) -> tuple[bool | None, bool]:
        if v is None or (isinstance(v, float) and np.isnan(v)):
            return None, False
        text = clean_text(v).lower()
        if text in _YES:
            return True, False
        if text in _NO:
            return (None, False) if text == "" else (False, False)
        return None, True

    pairs = _map_distinct(values, parse)
    return (
        np.array([p[0] for p in pairs], dtype=object),
        np.array([p[1] for p in pairs], dtype=bool),
    )


@dataclass
class PeriodColumn:
    periods: list[Period | None]
    unreadable: np.ndarray  # bool: something stood there but is not a period


def periods(values: Sequence[object]) -> PeriodColumn:
    def parse(v: object) -> tuple[Period | None, bool]:
        if is_blank(v):
            return None, False
        found = parse_period(v)
        return found, found is None

    pairs = _map_distinct(values, parse)
    return PeriodColumn([p[0] for p in pairs], np.array([p[1] for p in pairs], dtype=bool))


def widen_periods(found: list[Period | None], header: str) -> list[Period | None]:
    """Turn day periods into weeks or months when the header or the spacing says so."""
    days = sorted({p.start for p in found if p is not None and p.kind == "day"})
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
    return [starts[p.start] if p is not None and p.kind == "day" else p for p in found]
