"""Turning cell values into numbers, text and periods, explicitly and day first (UK).

Cells arrive as whatever the reader gave: floats, ints, strings, dates, datetimes or ''.
Everything here works on distinct values (callers factorise columns first), so a column of
200,000 cells with 104 distinct weeks costs 104 parses, not 200,000.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass

# Values that mean "no figure here". Lower-cased, stripped. c x z low u are the published
# statistics' suppression markers; the dashes are what officers type.
MISSING_MARKERS = frozenset(
    {"", "n/a", "na", "n.a.", "-", "–", "—", "..", ":", "c", "x", "z", "low", "u", "none", "nil"}
)

_NUMBER_JUNK = re.compile(r"[,£\s\u00a0]")

EXCEL_EPOCH = dt.date(1899, 12, 30)
# Serial numbers in this range are dates from 1954 to 2119: a bare number outside it is not a period.
_SERIAL_RANGE = (20000, 80000)


@dataclass(frozen=True)
class Number:
    """The outcome of reading one cell as a number."""

    value: float | None
    missing_marker: str | None = None  # what stood there when the value is missing on purpose
    unreadable: bool = False


def is_blank(value: object) -> bool:
    return (
        value is None
        or (isinstance(value, str) and not value.strip())
        or (isinstance(value, float) and math.isnan(value))
    )


def parse_number(value: object) -> Number:
    """Read a cell as a number: '1,234', ' 12 ', '£41,839', '12%' (as 12); markers are missing."""
    if isinstance(value, bool):
        return Number(None, unreadable=True)
    if isinstance(value, int | float):
        if isinstance(value, float) and math.isnan(value):
            return Number(None, missing_marker="")
        return Number(float(value))
    if value is None:
        return Number(None, missing_marker="")
    if isinstance(value, dt.date | dt.datetime | dt.time | dt.timedelta):
        return Number(None, unreadable=True)
    text = str(value).strip()
    if text.lower() in MISSING_MARKERS:
        return Number(None, missing_marker=text)
    cleaned = _NUMBER_JUNK.sub("", text).rstrip("%")
    if cleaned.startswith("(") and cleaned.endswith(")"):  # accounting negatives
        cleaned = "-" + cleaned[1:-1]
    try:
        number = float(cleaned)
    except ValueError:
        return Number(None, unreadable=True)
    if math.isnan(number) or math.isinf(number):
        return Number(None, unreadable=True)
    return Number(number)


def clean_text(value: object) -> str:
    """A cell as display text: numbers that are whole lose their '.0', whitespace is tidied."""
    if value is None:
        return ""
    if isinstance(value, float):
        if math.isnan(value):
            return ""
        if value.is_integer():
            return str(int(value))
    if isinstance(value, dt.datetime):
        return value.strftime("%d/%m/%Y") if value.time() == dt.time() else value.isoformat(" ")
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    return " ".join(str(value).split())


# --- periods -------------------------------------------------------------------------------

PERIOD_KINDS = ("day", "week", "month", "quarter")


@dataclass(frozen=True, order=True)
class Period:
    """A reporting period: its first day and how long it is."""

    start: dt.date
    kind: str  # one of PERIOD_KINDS, or "year" for published annual statistics (never read from a sheet)

    def iso(self) -> str:
        """'2022-03' for a month or quarter (its first month), '2022-03-07' for a week or a day, '2025' for a year."""
        if self.kind == "year":
            return str(self.start.year)
        if self.kind in ("month", "quarter"):
            return f"{self.start.year:04d}-{self.start.month:02d}"
        return self.start.isoformat()

    def label(self) -> str:
        """How officers write it: 'Mar 2022', 'w/c 07/03/2022', 'Q4 2021/22', '07/03/2022', '2025'."""
        if self.kind == "year":
            return str(self.start.year)
        if self.kind == "month":
            return self.start.strftime("%b %Y")
        if self.kind == "quarter":
            fy = self.start.year if self.start.month >= 4 else self.start.year - 1
            q = ((self.start.month - 4) % 12) // 3 + 1
            return f"Q{q} {fy}/{(fy + 1) % 100:02d}"
        if self.kind == "week":
            return "w/c " + self.start.strftime("%d/%m/%Y")
        return self.start.strftime("%d/%m/%Y")

    def phrase(self) -> str:
        """How a sentence names it after 'from', 'to' or 'for': 'March 2022', '30 September 2017',
        'the week commencing 7 March 2022', 'Q4 2021/22', '2025'."""
        day = f"{self.start.day} {self.start.strftime('%B %Y')}"
        if self.kind == "year":
            return str(self.start.year)
        if self.kind == "month":
            return self.start.strftime("%B %Y")
        if self.kind == "quarter":
            return self.label()
        if self.kind == "week":
            return f"the week commencing {day}"
        return day

    def when(self) -> str:
        """When something was, with the word English puts before it: 'at 30 September 2017' (a day is a
        moment: a snapshot), 'in March 2022', 'in the week commencing 7 March 2022', 'in Q4 2021/22', 'in 2025'.
        At the start of a sentence, ``core.words.sentence_start`` gives 'At 30 September 2017'."""
        return f"{'at' if self.kind == 'day' else 'in'} {self.phrase()}"


_MONTHS = {
    name: i
    for i, names in enumerate(
        [
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ],
        start=1,
    )
    for name in names
}
_MONTH_RE = "|".join(sorted(_MONTHS, key=len, reverse=True))
_WEEK_PREFIX = re.compile(r"^(w/?c|w\.c\.|wc|week\s+commencing|week\s+beginning|week\s+ending|we)\b[\s:.]*", re.I)
_MONTH_YEAR = re.compile(rf"^({_MONTH_RE})[\s\-/.']*(\d{{2}}|\d{{4}})$", re.I)
_DAY_MONTH_YEAR_TEXT = re.compile(
    rf"^(\d{{1,2}})(?:st|nd|rd|th)?[\s\-/.]*({_MONTH_RE})[\s\-/.,]*(\d{{2}}|\d{{4}})$", re.I
)
_NUMERIC_DATE = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{2}|\d{4})$")
_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:[ T]00:00(?::00)?)?$")
_ISO_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_QUARTER = re.compile(r"^q([1-4])[\s\-]*(\d{4})\s*[/\-]\s*(\d{2}|\d{4})$", re.I)
_CAL_QUARTER = re.compile(r"^q([1-4])[\s\-]*(\d{4})$", re.I)


def _year(text: str) -> int:
    year = int(text)
    return year + 2000 if year < 100 else year


def _date_or_none(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def parse_period(value: object, *, allow_serial: bool = True) -> Period | None:
    """Read a header or cell as a period, or None. Never guesses month-first.

    'Dec-21' is December 2021 (never the 21st of December); '03/01/22' is 3 January 2022.
    Date cells come back as days; callers widen them to weeks or months from context.
    """
    if isinstance(value, dt.datetime):
        return Period(value.date(), "day")
    if isinstance(value, dt.date):
        return Period(value, "day")
    if isinstance(value, int | float) and not isinstance(value, bool):
        if allow_serial and float(value).is_integer() and _SERIAL_RANGE[0] <= value <= _SERIAL_RANGE[1]:
            return Period(EXCEL_EPOCH + dt.timedelta(days=int(value)), "day")
        return None
    if not isinstance(value, str):
        return None
    text = " ".join(value.split())
    if not text:
        return None
    kind_hint = None
    stripped = _WEEK_PREFIX.sub("", text)
    if stripped != text:
        kind_hint, text = "week", stripped.strip()
    if allow_serial and re.fullmatch(r"\d{5}(\.0+)?", text):
        found = parse_period(float(text))
    else:
        found = _parse_period_text(text)
    if found is None:
        return None
    if kind_hint == "week" and found.kind == "day":
        return Period(found.start, "week")
    return found


def _parse_period_text(text: str) -> Period | None:
    if m := _ISO_DATE.match(text):
        day = _date_or_none(int(m[1]), int(m[2]), int(m[3]))
        return Period(day, "day") if day else None
    if m := _NUMERIC_DATE.match(text):  # day first, always
        day = _date_or_none(_year(m[3]), int(m[2]), int(m[1]))
        return Period(day, "day") if day else None
    if m := _DAY_MONTH_YEAR_TEXT.match(text):
        day = _date_or_none(_year(m[3]), _MONTHS[m[2].lower()], int(m[1]))
        return Period(day, "day") if day else None
    if m := _MONTH_YEAR.match(text):
        return Period(dt.date(_year(m[2]), _MONTHS[m[1].lower()], 1), "month")
    if m := _ISO_MONTH.match(text):
        month = int(m[2])
        return Period(dt.date(int(m[1]), month, 1), "month") if 1 <= month <= 12 else None
    if m := _QUARTER.match(text):  # financial year quarters: Q1 is April to June
        q, fy = int(m[1]), int(m[2])
        month = 4 + 3 * (q - 1)
        year = fy if month <= 12 else fy + 1
        month = month if month <= 12 else month - 12
        return Period(dt.date(year, month, 1), "quarter")
    if m := _CAL_QUARTER.match(text):
        q = int(m[1])
        return Period(dt.date(int(m[2]), 3 * (q - 1) + 1, 1), "quarter")
    return None


_RANGE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(?:-|–|—|to)\s*(\d+(?:\.\d+)?)\s*$", re.I)


def parse_range(value: object) -> tuple[float, float] | None:
    """'12 – 40' or '16 - 34' as (12.0, 40.0); a single number n as (n, n); else None."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return (float(value), float(value)) if value == value else None
    if not isinstance(value, str):
        return None
    if m := _RANGE.match(value):
        low, high = float(m[1]), float(m[2])
        return (low, high) if low <= high else (high, low)
    number = parse_number(value)
    return (number.value, number.value) if number.value is not None else None
