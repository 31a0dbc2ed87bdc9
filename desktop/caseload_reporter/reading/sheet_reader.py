"""The sheet reader's common part: which column feeds which field, the officer's corrections, and the doubts.

Every layout is read from the same start: the table found on the sheet, its period columns, the
columns matched to fields (:mod:`caseload_reporter.reading.column_roles`), then the officer's
corrections. :class:`SheetReaderBase` holds that, says why a person should look before the rows
are trusted, and reads the text, team type and period fields that every layout shares. Each
layout's own reading is in ``sheet_long_layout``, ``sheet_wide_layout`` and
``sheet_establishment_layout``; :mod:`caseload_reporter.reading.sheet_import` puts them together.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace

import numpy as np

from caseload_reporter.reading import columns as col
from caseload_reporter.reading.choices import SheetChoice
from caseload_reporter.reading.column_roles import (
    UnusedColumn,
    assign_columns,
    check_figures,
    column_index,
    unused_columns,
    unused_doubts,
)
from caseload_reporter.reading.fields import FIELD_LABELS, infer_team_type, match_field
from caseload_reporter.reading.grid import Grid
from caseload_reporter.reading.layout import TableRegion
from caseload_reporter.reading.problems import Rejection
from caseload_reporter.reading.sheet_result import SheetResult
from caseload_reporter.reading.values import Period, clean_text, parse_period

_PERIOD_IN_TEXT = re.compile(
    r"(w/?c\s*)?\d{1,2}[/.\-]\d{1,2}[/.\-]\d{2,4}|"
    r"\b(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*[\s\-']+\d{2,4}\b|"
    r"\bq[1-4]\s*\d{4}\s*/\s*\d{2,4}",
    re.I,
)


def find_period_in_text(text: str) -> Period | None:
    """The first period written inside free text, such as a title row or a sheet name."""
    for match in _PERIOD_IN_TEXT.finditer(text):
        found = parse_period(match.group(0))
        if found:
            return found
    return None


# The fields each layout reads; a column mapped to any other field is reported as unused.
_ROW_FIELDS = {"period", "district", "team", "team_type", "worker", "fte", "agency", "workers"}
LAYOUT_FIELDS: dict[str, set[str]] = {
    "long": _ROW_FIELDS | {"caseload", "average", "range", "workers_over"},
    "long_team": _ROW_FIELDS | {"caseload", "average", "range", "workers_over", "established_fte", "units"},
    "wide": _ROW_FIELDS - {"period"},
    "district_totals": _ROW_FIELDS - {"period"},
    "measures": {"measure"},
    "establishment": {"period", "district", "team", "team_type", "established_fte", "units"},
}


class SheetReaderBase:
    """One sheet's table being read: its cells, the field each column feeds, and the rows refused so far."""

    def __init__(self, grid: Grid, region: TableRegion, source: str, today: dt.date) -> None:
        self.grid, self.region, self.source, self.today = grid, region, source, today
        self.rejected: list[Rejection] = []
        self.warnings: list[str] = []
        self.period_cols = [
            i
            for i, p in enumerate(region.header_periods)
            if p is not None and (region.header_groups[i] or not match_field(region.headers[i]))
        ]
        # The data rows as one 2-D object array (row by column): a column is then a view, not a
        # Python loop over 200,000 rows, and is factorised once however often it is parsed. The
        # block made while finding the table is taken over. len(self.data) is the number of rows.
        self.block = col.data_block(grid.rows, region)
        self.data = self.block.cells
        self.row_numbers = np.array(region.data_rows, dtype=np.int64) + 1
        periods = set(self.period_cols)
        candidates = [i for i in range(len(region.headers)) if i not in periods]
        self.roles = assign_columns(region.headers, candidates, self.block)
        self.figure_doubts = check_figures(self.roles, region.headers, "worker" in self.roles.fields)
        self.fields: dict[str, int] = dict(self.roles.fields)
        self.unused_period_cols: set[int] = set()  # period columns under a label that is not understood

    # -- helpers --------------------------------------------------------------------------
    def column(self, index: int) -> np.ndarray:
        """One column's cells, '' where a row is too short to reach it."""
        return self.block.column(index)

    def header(self, index: int) -> str:
        return self.region.headers[index] or f"column {index + 1}"

    def reject(self, mask: np.ndarray, index: int, raw: col.CellValues, reason: str, keep: np.ndarray) -> None:
        """Refuse the rows in ``mask`` that are still kept, with one reason each."""
        for pos in np.flatnonzero(mask & keep).tolist():
            self.rejected.append(
                Rejection(self.grid.name, int(self.row_numbers[pos]), self.header(index), clean_text(raw[pos]), reason)
            )
        keep &= ~mask

    def mapping(self) -> dict[str, str]:
        return {f: self.region.headers[i] for f, i in sorted(self.fields.items(), key=lambda kv: kv[1])}

    def sheet_period(self) -> Period | None:
        for text in [self.grid.name, *self.region.title_rows]:
            found = find_period_in_text(text)
            if found:
                return found
        return None

    # -- the officer's corrections ---------------------------------------------------------
    forced_layout: str | None = None
    team_type_overrides: dict[str, str] = {}  # noqa: RUF012 - replaced per instance in apply()

    def apply(self, choice: SheetChoice) -> None:
        """Use the officer's column mapping, layout and team types instead of the detected ones."""
        if choice.mapping is not None:
            by_heading = {h: i for i, h in reversed(list(enumerate(self.region.headers))) if h}
            for field_name, heading in choice.mapping.items():
                self.fields.pop(field_name, None)
                if heading and heading in by_heading:
                    index = by_heading[heading]
                    for other in [f for f, i in self.fields.items() if i == index]:
                        del self.fields[other]  # one column feeds one field
                    self.fields[field_name] = index
                    if index in self.period_cols:
                        self.period_cols.remove(index)
        self.forced_layout = choice.layout
        self.team_type_overrides = dict(choice.team_types)

    def doubts(self, result: SheetResult) -> list[str]:
        """Why a person should look before these rows are trusted: guessed or contradicted columns,
        columns of figures left unused, missing columns."""
        found = []
        headers = self.region.headers
        if result.layout == "unrecognised":
            found.append("the layout was not recognised")
        for field_name, index in self.fields.items():
            if self.roles.confidence.get(field_name, 1.0) < 1.0:
                found.append(f"'{headers[index]}' was taken to be {FIELD_LABELS[field_name].lower()}")
        if result.layout in ("long", "long_team", "wide") and not ({"team", "worker"} & self.fields.keys()):
            found.append("no team column was recognised")
        worker_level = "worker" in self.fields
        found.extend(self.roles.doubts)
        found.extend(self.figure_doubts)
        found.extend(unused_doubts(result.unused, self.fields, worker_level))
        return found

    def unused(self, layout: str) -> list[UnusedColumn]:
        """Columns that hold something but fed nothing in ``layout``."""
        used_fields = LAYOUT_FIELDS.get(layout, set())
        used = {i for name, i in self.fields.items() if name in used_fields}
        if layout in ("wide", "district_totals", "measures"):
            used |= set(self.period_cols) - self.unused_period_cols
        found = unused_columns(self.region.headers, used, self.block, self.roles)
        fed = {i: name for name, i in self.fields.items()}
        return [
            replace(u, note=f"read as {FIELD_LABELS[fed[i]].lower()}, which this layout does not use")
            if (i := column_index(u.column)) in fed and not u.note
            else u
            for u in found
        ]

    def text_field(self, name: str, keep: np.ndarray, required: bool = False) -> np.ndarray:
        if name not in self.fields:
            return np.full(len(self.data), None, dtype=object)
        index = self.fields[name]
        raw = self.column(index)
        values = col.texts(raw)
        if required:
            self.reject(values == None, index, raw, f"no {FIELD_LABELS[name].lower()} given", keep)  # noqa: E711
        return values

    def team_types(self, teams: np.ndarray, keep: np.ndarray) -> np.ndarray:
        """Team type from its column where there is one, else inferred from the team name."""
        if "team_type" in self.fields:
            labels = self.text_field("team_type", keep)
            inferred = np.array([infer_team_type(t) if t else None for t in labels], dtype=object)
            unknown = sorted({str(t) for t, i in zip(labels, inferred, strict=True) if t and i is None})
            if unknown:
                self.warnings.append(
                    "These team types were not recognised and are shown as 'Other': " + ", ".join(unknown) + "."
                )
            fallback = np.array([infer_team_type(t) if t else None for t in teams], dtype=object)
            chosen = np.where(inferred == None, fallback, inferred)  # noqa: E711
        else:
            chosen = np.array([infer_team_type(t) if t else None for t in teams], dtype=object)
            untyped = sorted(
                {
                    str(t)
                    for t, c in zip(teams, chosen, strict=True)
                    if t and c is None and t not in self.team_type_overrides
                }
            )
            if untyped:
                self.warnings.append(
                    "The team type of these teams could not be told from their names and is shown as "
                    "'Other' until you correct it: "
                    + ", ".join(untyped[:10])
                    + ("…" if len(untyped) > 10 else "")
                    + "."
                )
        if self.team_type_overrides:
            corrected = np.array([self.team_type_overrides.get(t) if t else None for t in teams], dtype=object)
            chosen = np.where(corrected == None, chosen, corrected)  # noqa: E711
        return np.where(chosen == None, "other", chosen)  # noqa: E711

    def period_field(self, keep: np.ndarray) -> list[Period | None]:
        fallback = self.sheet_period()
        if "period" not in self.fields:
            if fallback is None:
                self.warnings.append(
                    f"Sheet '{self.grid.name}' has no period column and no date in its title or name, "
                    "so its rows could not be placed in time."
                )
                for pos in np.flatnonzero(keep):
                    self.rejected.append(
                        Rejection(self.grid.name, int(self.row_numbers[pos]), "Period", "", "no period given")
                    )
                keep[:] = False
                return [None] * len(self.data)
            return [fallback] * len(self.data)
        index = self.fields["period"]
        raw = self.column(index)
        parsed = col.periods(raw)
        self.reject(parsed.unreadable, index, raw, "period could not be read as a date", keep)
        found = col.widen_periods(parsed.periods, self.region.headers[index])
        blank = np.array([p is None for p in found], dtype=bool)
        if fallback is not None and blank.any():
            found = [p if p is not None else fallback for p in found]
        else:
            self.reject(blank, index, raw, "no period given", keep)
        future = np.array([p is not None and p.start > self.today for p in found], dtype=bool)
        self.reject(future, index, raw, "period is in the future", keep)
        return found
