"""Finding the table inside a sheet: header rows, data rows, totals and notes.

No tool finds header rows well, so this scores the first rows as header candidates (text
cells, known field names, periods, numbers below), allows a second header row with merged
group labels spread across their span, and ends the data at two blank rows or the notes.
The result is always shown to the officer, who can correct it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TypeGuard

import numpy as np

from caseload_reporter.reading.columns import CellBlock, cell_block, factorize
from caseload_reporter.reading.fields import match_field
from caseload_reporter.reading.grid import Grid
from caseload_reporter.reading.values import MISSING_MARKERS, Period, clean_text, is_blank, parse_number, parse_period

HEADER_SEARCH_ROWS = 30
_TOTAL = re.compile(r"^\s*(grand\s+)?(sub[\s-]?)?totals?\b|^\s*all\s+(teams|districts)\b|\btotals?\s*$", re.I)
_NOTE_START = re.compile(r"^\s*(notes?|source|\*|nb\b|please note|key\b|definitions?)", re.I)


@dataclass
class TableRegion:
    """Where the table sits in a grid. Row indexes are 0-based; ``row_number`` converts."""

    header_start: int
    header_rows: int
    data_start: int
    data_end: int  # exclusive
    headers: list[str]  # one joined label per column ('Caseload Dec 2021')
    header_periods: list[Period | None]  # the period a column header names, if any
    header_groups: list[str]  # the spread group label above each column ('' if none)
    title_rows: list[str] = field(default_factory=list)
    notes: list[tuple[int, str]] = field(default_factory=list)  # (spreadsheet row, text)
    total_rows: list[int] = field(default_factory=list)
    data_rows: list[int] = field(default_factory=list)  # rows inside the table holding data
    # The cells of the rows from data_start on, made while finding the data rows; the sheet reader
    # takes them over (and drops them here) rather than collecting the cells again.
    cells: CellBlock | None = field(default=None, repr=False, compare=False)

    @staticmethod
    def row_number(index: int) -> int:
        """The row number the officer sees in Excel."""
        return index + 1

    def header_row_numbers(self) -> list[int]:
        return [self.header_start + i + 1 for i in range(self.header_rows)]


def _nonblank(row: list[object]) -> list[tuple[int, object]]:
    return [(i, v) for i, v in enumerate(row) if not is_blank(v)]


def _is_number(value: object) -> bool:
    """A cell that reads as a number ('12', 12.0, '1,234'); dates and booleans are not."""
    return not isinstance(value, bool) and parse_number(value).value is not None


def _header_score(rows: list[list[object]], index: int, known: dict[str, float] | None = None) -> float:
    """How much a row looks like the header; ``known`` keeps field confidences between rows."""
    cells = _nonblank(rows[index])
    if len(cells) < 2:
        return -1.0
    known = {} if known is None else known
    fields = sum(1 for _, v in cells if isinstance(v, str) and _known_conf(v, known) >= 0.8)
    periods = sum(1 for _, v in cells if parse_period(v, allow_serial=False) is not None)
    if fields == 0 and periods < 2:
        return -1.0
    numbers = sum(1 for _, v in cells if not isinstance(v, str) and _is_number(v))
    texts = sum(1 for _, v in cells if isinstance(v, str) and not _is_number(v))
    below = [r for r in rows[index + 1 : index + 6] if _nonblank(r)]
    numeric_below = 0.0
    if below:
        numeric_below = sum(
            sum(1 for _, v in _nonblank(r) if _is_number(v)) / max(len(_nonblank(r)), 1) for r in below
        ) / len(below)
    return 3.0 * fields + 1.5 * min(periods, 4) + 0.3 * texts - 1.0 * numbers + 2.0 * numeric_below


def _field_conf(text: str) -> float:
    match = match_field(text)
    return match.confidence if match else 0.0


def _known_conf(text: str, known: dict[str, float]) -> float:
    """:func:`_field_conf`, once per distinct text: the rows under a header repeat their teams."""
    found = known.get(text)
    if found is None:
        found = known[text] = _field_conf(text)
    return found


def detect_header(grid: Grid) -> tuple[int, int] | None:
    """(first header row, number of header rows), 0-based, or None when nothing looks like a table."""
    rows = grid.rows
    limit = min(len(rows), HEADER_SEARCH_ROWS)
    known: dict[str, float] = {}
    scores = [(_header_score(rows, i, known), i) for i in range(limit)]
    best_score, best = max(scores, default=(-1.0, -1), key=lambda s: (s[0], -s[1]))
    if best_score <= 0:
        return None
    below = rows[best + 1] if best + 1 < len(rows) else []
    above = rows[best - 1] if best > 0 else []
    if _is_sub_header(rows[best], below, grid, best):
        return best, 2
    if best > 0 and _is_group_row(above, rows[best], grid, best - 1):
        return best - 1, 2
    return best, 1


def find_table(grid: Grid, header: tuple[int, int] | None = None) -> TableRegion | None:
    """Locate the header rows and the data block; ``header`` overrides detection (the officer's choice)."""
    found = header if header is not None else detect_header(grid)
    if found is None or found[0] < 0 or found[0] + found[1] > len(grid.rows):
        return None
    return region_at(grid, *found)


def region_at(grid: Grid, header_start: int, header_rows: int) -> TableRegion:
    """The table whose header starts at ``header_start`` (0-based) and spans ``header_rows`` rows."""
    rows = grid.rows
    _fill_merged_data_cells(grid, header_start + header_rows)
    width = max(map(len, rows), default=0)
    group_cells = rows[header_start] if header_rows == 2 else []
    sub_cells = rows[header_start + header_rows - 1]
    groups = _spread_groups(group_cells, sub_cells, grid, header_start, width)
    headers, periods = [], []
    for col in range(width):
        sub = sub_cells[col] if col < len(sub_cells) else ""
        group = groups[col]
        period = parse_period(sub) if not is_blank(sub) else None
        sub_text = period.label() if period and not isinstance(sub, str) else clean_text(sub)
        if period is None and not group and isinstance(sub, str):
            # One cell holding both: 'Average caseload Dec-21' is the group 'Average caseload' over Dec-21.
            group, period = _split_label_and_period(sub_text)
            groups[col] = group
        if header_rows == 2 and group and group != sub_text:
            label = f"{group} {sub_text}".strip()
        else:
            label = sub_text or group
        headers.append(label)
        periods.append(period)
    region = TableRegion(
        header_start=header_start,
        header_rows=header_rows,
        data_start=header_start + header_rows,
        data_end=len(rows),
        headers=headers,
        header_periods=periods,
        header_groups=groups,
        title_rows=[" ".join(clean_text(v) for _, v in _nonblank(r)) for r in rows[:header_start] if _nonblank(r)],
    )
    _scan_data(rows, region, width)
    return region


def _split_label_and_period(text: str) -> tuple[str, Period | None]:
    """('Average caseload', Dec 2021) from 'Average caseload Dec-21'; ('', None) when no period ends the text."""
    words = text.split()
    for cut in range(1, min(len(words), 4) + 1):  # a period is at most a few words: 'w/c 03/01/22', 'Q3 2021/22'
        label, tail = " ".join(words[:-cut]), " ".join(words[-cut:]).strip("()")
        found = parse_period(tail, allow_serial=False)
        if found is not None and label and match_field(label) is not None:
            return label, found
    return "", None


def _fill_merged_data_cells(grid: Grid, data_start: int) -> None:
    """A team name merged down its block of workers belongs to every row of the block, not just the first.

    Writers record merged ranges that reach past the cells read (formatting merged below the last
    row, or right of the last column, or wholly outside), written corner to corner either way
    round: each range is taken as far as it lies within the grid, and one outside it is left
    alone. Only cells within the grid are visited, and no more of them than the grid holds in
    all (merged ranges never overlap in a sound file), so a crafted list of ranges costs no more
    than one pass over the sheet.
    """
    rows = grid.rows
    budget = sum(map(len, rows))
    for (r0, c0), (r1, c1) in grid.merged:
        top, bottom, left, right = min(r0, r1), max(r0, r1), min(c0, c1), max(c0, c1)
        if top < data_start or top >= len(rows) or (top == bottom and left == right):
            continue
        value = rows[top][left] if left < len(rows[top]) else ""
        for r in range(top, min(bottom, len(rows) - 1) + 1):
            cells = rows[r]
            stop = min(right + 1, len(cells))
            budget -= max(stop - left, 0)
            for c in range(left, stop):
                if (r, c) != (top, left) and is_blank(cells[c]):
                    cells[c] = value
        if budget < 0:
            break


def _merges_in_row(grid: Grid, row: int) -> list[tuple[int, int]]:
    return [(a[1], b[1]) for a, b in grid.merged if a[0] <= row <= b[0] and b[1] > a[1]]


def _is_group_row(group: list[object], header: list[object], grid: Grid, row: int) -> bool:
    """A row of labels over period headings: 'Caseload' merged over 'Dec-21' and 'Mar-22'.

    A label counts as a group only when the headings under its span are periods; anything else
    (a title merged over part of the table, a note) stays above the table as a title.
    """
    cells = _nonblank(group)
    if not cells:
        return False
    for lo, hi in _label_spans(group, grid, row):
        under = [header[c] for c in range(lo, hi + 1) if c < len(header) and not is_blank(header[c])]
        if under and all(parse_period(v, allow_serial=False) is not None for v in under):
            return True
    return False


def _label_spans(group: list[object], grid: Grid, row: int) -> list[tuple[int, int]]:
    """The columns each label covers: its merged range, or (unmerged, as in CSV) up to the next label."""
    merges = {lo: hi for lo, hi in _merges_in_row(grid, row)}
    labelled = [i for i, _ in _nonblank(group)]
    spans = []
    for n, col in enumerate(labelled):
        if col in merges:
            spans.append((col, merges[col]))
        else:
            end = labelled[n + 1] - 1 if n + 1 < len(labelled) else len(group) - 1
            spans.append((col, max(col, end)))
    return spans


def _is_sub_header(header: list[object], below: list[object], grid: Grid, row: int) -> bool:
    """The row below the best header holds periods under blank or grouped header cells."""
    below_cells = _nonblank(below)
    if len(below_cells) < 2:
        return False
    period_cols = [i for i, v in below_cells if parse_period(v, allow_serial=False) is not None]
    if len(period_cols) < 2:
        return False
    texts = sum(1 for _, v in below_cells if isinstance(v, str) and not _is_number(v))
    return texts + sum(1 for _, v in below_cells if parse_period(v) is not None) >= len(below_cells)


def _spread_groups(group_cells: list[object], sub_cells: list[object], grid: Grid, row: int, width: int) -> list[str]:
    groups = [""] * width
    if not group_cells:
        return groups
    for col, value in _nonblank(group_cells):
        if col < width:
            groups[col] = clean_text(value)
    for lo, hi in _merges_in_row(grid, row):
        label = groups[lo] if lo < width else ""
        for col in range(lo, min(hi + 1, width)):
            groups[col] = label
    # Unmerged labels (CSV): carry a label right across the columns whose sub-header is a period.
    current = ""
    for col in range(width):
        sub = sub_cells[col] if col < len(sub_cells) else ""
        if groups[col]:
            current = groups[col]
        elif current and parse_period(sub, allow_serial=False) is not None:
            groups[col] = current
        else:
            current = ""
    return groups


def _scan_data(rows: list[list[object]], region: TableRegion, width: int | None = None) -> None:
    """Mark data rows, totals and notes; stop at two blank rows or where notes begin.

    Most rows are plainly data (:func:`_plain_rows`), found column by column; only the others
    (blank rows, totals, notes, rows with a gap at the left) are looked at one by one. A change to
    what makes a row blank, a total or a note must be made in :func:`_plain_rows` too;
    tests/benchmarks/test_fast_paths.py checks that the two agree.
    """
    blanks = 0
    end = len(rows)
    widest = max(sum(1 for h in region.headers if h), 1)
    block = cell_block(rows, range(region.data_start, len(rows)), width)  # width: the longest row's
    done = region.data_start  # rows above this one are dealt with
    for offset in np.flatnonzero(~_plain_rows(block)).tolist():
        index = region.data_start + offset
        if index > done:
            region.data_rows.extend(range(done, index))
            blanks = 0
        done = index + 1
        row = rows[index]
        filled = len(row) - row.count("") - row.count(None)
        if filled == 0:
            blanks += 1
            if blanks >= 2 and region.data_rows:
                end = index - 1
                break
            continue
        blanks = 0
        first_label = next((v for v in row if _is_label(v)), "")
        if first_label and _TOTAL.search(first_label):
            region.total_rows.append(index)
            continue
        if filled == 1 and widest >= 3 and region.data_rows:
            only = next((v for v in row if not is_blank(v)), None)  # a lone space or NaN counts as filled
            if isinstance(only, str) and (len(only) > 25 or _NOTE_START.match(only)):
                end = index
                break
        region.data_rows.append(index)
    else:
        region.data_rows.extend(range(done, len(rows)))
    region.cells = block if region.data_rows else None
    region.data_end = end
    for index in range(end, len(rows)):
        cells = _nonblank(rows[index])
        if cells:
            region.notes.append((index + 1, " ".join(clean_text(v) for _, v in cells)))


def _is_label(value: object) -> TypeGuard[str]:
    """Text that names something (a team, 'Total'): not blank, not a number, a marker or a date.

    In a CSV file every cell is text, so figures and dates must be told apart from labels.
    """
    if not isinstance(value, str):
        return False
    text = value.strip()
    if not text or text.lower() in MISSING_MARKERS:
        return False
    return parse_number(text).value is None and parse_period(text, allow_serial=False) is None


def _plain_rows(block: CellBlock) -> np.ndarray:
    """Rows that are data whatever comes before them: the first two cells are filled, and the row's
    first label (see :func:`_is_label`), wherever it stands, is not a total. Exact: anything unsure
    is left out.

    Each column is judged once per distinct value; a missing value (None or NaN) counts as unsure.
    """
    n, width = len(block), block.width
    if width < 2 or n == 0:
        return np.zeros(n, dtype=bool)
    plain = np.ones(n, dtype=bool)
    labelled = np.zeros(n, dtype=bool)
    total = np.zeros(n, dtype=bool)
    for col in range(width):
        if col < 2:
            rows: np.ndarray = np.arange(n)
            codes, uniques = block.factorize(col)  # kept: the sheet reader parses these columns too
        else:  # only rows that are still plain and have not met their first label
            rows = np.flatnonzero(plain & ~labelled)
            if not len(rows):
                break
            codes, uniques = factorize(block.cells[rows, col])
        if col < 2:
            missing = [isinstance(u, float) and u != u for u in uniques]  # None (blank) or NaN (filled)
            filled = np.array(
                [not (m or (isinstance(u, str) and u == "")) for u, m in zip(uniques, missing, strict=True)]
            )
            plain &= filled.take(codes)
        label = np.array([_is_label(u) for u in uniques], dtype=bool)
        is_total = np.array([bool(lab) and _TOTAL.search(u) is not None for u, lab in zip(uniques, label, strict=True)])
        row_label = label.take(codes)
        fresh = ~labelled[rows]
        total[rows] |= fresh & row_label & is_total.take(codes)
        labelled[rows] |= row_label
    return plain & ~total
