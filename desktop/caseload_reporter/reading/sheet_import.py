"""From one sheet's grid to canonical rows, rejected rows and warnings.

Every data row of the table is either in ``records`` (or ``measures``/``establishment``) or in
``rejected`` with its row number, column, raw value and reason: nothing is lost or invented.

The sheet's table is found (:mod:`caseload_reporter.reading.layout`), its columns mapped and
corrected (:mod:`caseload_reporter.reading.sheet_reader`), its layout told and then read by that
layout's reader (``sheet_long_layout``, ``sheet_wide_layout``, ``sheet_establishment_layout``);
the result is a :class:`caseload_reporter.reading.sheet_result.SheetResult`.
"""

from __future__ import annotations

import datetime as dt

import numpy as np

from caseload_reporter.reading import columns as col
from caseload_reporter.reading import published_statistics as published
from caseload_reporter.reading.choices import ChoiceMemory, SheetChoice, sheet_signature
from caseload_reporter.reading.grid import Grid
from caseload_reporter.reading.layout import find_table
from caseload_reporter.reading.problems import Rejection
from caseload_reporter.reading.sheet_establishment_layout import EstablishmentReader
from caseload_reporter.reading.sheet_long_layout import LongLayoutReader
from caseload_reporter.reading.sheet_result import SheetResult, empty_result
from caseload_reporter.reading.sheet_wide_layout import WideLayoutReader
from caseload_reporter.reading.values import is_blank


def import_sheet(
    grid: Grid,
    source: str,
    today: dt.date | None = None,
    choice: SheetChoice | None = None,
    memory: ChoiceMemory | None = None,
    name_is_meaningful: bool = True,
) -> SheetResult:
    """Understand one sheet, applying the officer's ``choice`` or one remembered for this kind of sheet.

    Never raises for bad cells: they become rejections.
    """
    today = today or dt.date.today()
    if choice is not None and not choice.include:
        result = empty_result(grid.name, "excluded", None)
        result.choice = choice
        result.warnings.append(f"Sheet '{grid.name}' was left out, as you chose.")
        return result
    published_result = _published_statistics(grid, choice)
    if published_result is not None:
        return published_result
    header = None
    if choice is not None and choice.header_row is not None:
        header = (choice.header_row - 1, choice.header_rows or 1)
    region = find_table(grid, header)
    if region is None or not region.data_rows:
        result = empty_result(grid.name, "unrecognised", region)
        result.choice = choice
        if any(any(not is_blank(v) for v in r) for r in grid.rows):
            result.warnings.append(
                f"Sheet '{grid.name}' has no table with recognisable column headings, so nothing was imported from it."
            )
            result.doubts.append("no table with recognisable column headings was found")
        return result
    reader = _SheetReader(grid, region, source, today)
    # A CSV file's only 'sheet' is named after the file, which changes every month.
    signature = sheet_signature(grid.name if name_is_meaningful else "", region.headers, set(reader.period_cols))
    if choice is None and memory is not None:
        remembered = memory.lookup(signature)
        if remembered is not None:
            result = import_sheet(grid, source, today, remembered, name_is_meaningful=name_is_meaningful)
            result.remembered = True
            return result
    if choice is not None:
        reader.apply(choice)
    result = reader.read()
    result.signature, result.choice = signature, choice
    if choice is None:
        result.doubts = reader.doubts(result)
    return result


def _published_statistics(grid: Grid, choice: SheetChoice | None) -> SheetResult | None:
    """The Department for Education's published files have a format of their own: read them as such."""
    if choice is not None and choice.layout not in (None, "workforce_indicators", "statistical_neighbours"):
        return None
    head = next((r for r in grid.rows[:5] if any(not is_blank(v) for v in r)), [])
    if published.is_workforce_indicators(head):
        stats = published.workforce_from_rows(grid.rows, source_name=grid.name)
        result = empty_result(grid.name, "workforce_indicators", None)
        result.benchmarks, result.rejected = stats, list(stats.problems)
        result.rows_read = len(stats.frame) + len(stats.problems)
        return result
    if published.is_statistical_neighbours(head):
        result = empty_result(grid.name, "statistical_neighbours", None)
        result.neighbours = published.neighbours_from_rows(grid.rows, grid.name)
        result.rows_read = len(result.neighbours)
        return result
    return None


class _SheetReader(LongLayoutReader, WideLayoutReader, EstablishmentReader):
    """Tells a sheet's layout, reads it with that layout's reader and checks its stated totals."""

    # -- layouts --------------------------------------------------------------------------
    def detect_layout(self) -> str:
        f = self.fields
        has_periods = len(self.period_cols) >= 2 or (len(self.period_cols) == 1 and "period" not in f)
        if "measure" in f or (has_periods and not ({"team", "worker", "district"} & f.keys())):
            return "measures"
        if has_periods and ("team" in f or "worker" in f):
            return "wide"
        if has_periods and "district" in f:
            return "district_totals"
        if ({"caseload", "average"} & f.keys()) and ({"team", "worker", "district"} & f.keys()):
            return "long" if "worker" in f else "long_team"
        if ({"established_fte", "units"} & f.keys()) and ({"team", "district"} & f.keys()):
            return "establishment"
        return "unrecognised"

    def read(self) -> SheetResult:
        f = self.fields
        n = len(self.data)
        layout = self.forced_layout or self.detect_layout()
        if layout == "unrecognised" or not self.can_read(layout):
            result = empty_result(self.grid.name, "unrecognised", self.region)
            result.rows_read = n
            missing = "caseload column" if "caseload" not in f else "team or worker column"
            result.warnings.append(
                f"Sheet '{self.grid.name}' was not imported: it has no {missing} that could be recognised."
            )
            result.mapping = self.mapping()
            for pos in range(n):
                self.rejected.append(
                    Rejection(self.grid.name, int(self.row_numbers[pos]), "", "", "sheet not recognised")
                )
            result.rejected = self.rejected
            return result
        result = empty_result(self.grid.name, layout, self.region)
        result.rows_read = n
        if layout in ("long", "long_team"):
            result.records = self.read_long()
        elif layout in ("wide", "district_totals"):
            result.records = self.read_wide()
        elif layout == "measures":
            result.measures = self.read_measures()
        else:
            result.establishment = self.read_establishment()
        if layout == "long_team" and {"established_fte", "units"} & f.keys():
            result.establishment = self.read_establishment(quiet=True)  # posts or units beside each team's cases
        self.check_totals(result)
        result.mapping = self.mapping()
        result.unused = self.unused(layout)
        result.rejected = sorted(self.rejected, key=lambda r: r.row)
        result.warnings = self.warnings
        return result

    def can_read(self, layout: str) -> bool:
        """Whether the mapped columns are enough for ``layout`` (an officer may force one that is not)."""
        f = self.fields
        needs = {
            "long": ({"caseload", "average"} & f.keys()) and "worker" in f,
            "long_team": ({"caseload", "average"} & f.keys()) and ({"team", "district"} & f.keys()),
            "wide": bool(self.period_cols) and ({"team", "worker"} & f.keys()),
            "district_totals": bool(self.period_cols) and "district" in f,
            "measures": bool(self.period_cols),
            "establishment": bool({"established_fte", "units"} & f.keys()) and bool({"team", "district"} & f.keys()),
        }
        return bool(needs.get(layout, False))

    def check_totals(self, result: SheetResult) -> None:
        """A stated 'Total' row must equal the sum of the rows above it, column by column."""
        if not self.region.total_rows:
            return
        columns: list[int] = []
        if result.layout in ("long", "long_team") and "caseload" in self.fields:
            columns = [self.fields["caseload"]]
        elif result.layout in ("wide", "district_totals"):
            columns = [
                i
                for i in self.period_cols
                if self.wide_value_field(self.region.header_groups[i]) in ("caseload", "workers_over")
            ]
        for index in columns:
            start = self.region.data_start
            for total_index in self.region.total_rows:
                row = self.grid.rows[total_index]
                stated = col.numbers([row[index] if index < len(row) else ""]).values[0]
                rows = [i for i in self.region.data_rows if start <= i < total_index]
                start = total_index + 1
                if np.isnan(stated) or not rows:
                    continue
                cells = [self.grid.rows[i][index] if index < len(self.grid.rows[i]) else "" for i in rows]
                computed = float(np.nansum(col.numbers(cells).values))
                if abs(computed - stated) > 0.5:
                    self.warnings.append(
                        f"Row {total_index + 1} states a total of {stated:g} under '{self.header(index)}' "
                        f"but the rows above it add up to {computed:g}."
                    )
