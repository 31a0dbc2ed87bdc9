"""From one sheet's grid to canonical rows, rejected rows and warnings.

Every data row of the table is either in ``records`` (or ``measures``/``establishment``) or in
``rejected`` with its row number, column, raw value and reason: nothing is lost or invented.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field, replace
from typing import cast

import numpy as np
import pandas as pd

from caseload_reporter.reading import columns as col
from caseload_reporter.reading import published_statistics as published
from caseload_reporter.reading.canonical import (
    CASELOAD_COLUMNS,
    ESTABLISHMENT_COLUMNS,
    MEASURE_COLUMNS,
    empty_frame,
    frame_from,
)
from caseload_reporter.reading.choices import ChoiceMemory, SheetChoice, sheet_signature
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
from caseload_reporter.reading.layout import TableRegion, find_table
from caseload_reporter.reading.problems import Rejection
from caseload_reporter.reading.published_statistics import WorkforceStatistics
from caseload_reporter.reading.values import Period, clean_text, is_blank, parse_period, parse_range

LAYOUT_LABELS = {
    "long": "One row per worker per period",
    "long_team": "One row per team per period",
    "wide": "One column per period",
    "district_totals": "District totals, one column per period",
    "measures": "Service measures, one column per period",
    "establishment": "Team establishment",
    "workforce_indicators": "Published workforce statistics (DfE)",
    "statistical_neighbours": "Statistical neighbours (DfE)",
    "unrecognised": "Not recognised",
    "excluded": "Left out",
}


SHEET_STATUSES = {
    "excluded": "Left out",
    "check": "Check",
    "confirmed": "Checked by you",
    "remembered": "As remembered",
    "understood": "Understood without guessing",
    "understood_with_unused": "Understood; some columns not used",
}


@dataclass
class SheetResult:
    """What one sheet gave: the layout understood, the rows imported and the rows refused."""

    name: str
    layout: str
    region: TableRegion | None
    mapping: dict[str, str]  # canonical field -> the column header it came from
    records: pd.DataFrame
    measures: pd.DataFrame
    establishment: pd.DataFrame
    rejected: list[Rejection] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    rows_read: int = 0
    signature: str = ""  # identifies this kind of sheet across months (see choices.sheet_signature)
    choice: SheetChoice | None = None  # the corrections applied, if any
    remembered: bool = False  # True when ``choice`` came from a mapping confirmed earlier
    confirmed: bool = False  # True when the officer saw it in the check window and chose Import
    doubts: list[str] = field(default_factory=list)  # why the importer is unsure; empty when sure
    unused: list[UnusedColumn] = field(default_factory=list)  # columns that hold something but fed nothing
    benchmarks: WorkforceStatistics | None = None  # a published workforce statistics file
    neighbours: dict[str, list[tuple[str, str]]] | None = None  # a statistical neighbours file

    @property
    def headers(self) -> list[str]:
        """Every column heading as read (for the mapping dialog's choices)."""
        return self.region.headers if self.region else []

    @property
    def unsure(self) -> bool:
        return bool(self.doubts)

    @property
    def status(self) -> str:
        """A key of SHEET_STATUSES: whether the officer should check this sheet before it is used."""
        if self.layout == "excluded":
            return "excluded"
        if self.unsure and not self.confirmed:
            return "check"
        if self.confirmed and self.unsure:
            return "confirmed"
        if self.remembered:
            return "remembered"
        return "understood" if not self.unused else "understood_with_unused"

    @property
    def header_rows(self) -> list[int]:
        return self.region.header_row_numbers() if self.region else []

    @property
    def notes(self) -> list[tuple[int, str]]:
        return self.region.notes if self.region else []

    def imported_count(self) -> int:
        published = (len(self.benchmarks.frame) if self.benchmarks else 0) + len(self.neighbours or {})
        return len(self.records) + len(self.measures) + len(self.establishment) + published

    def periods(self) -> list[Period]:
        found: set[Period] = set()
        for frame in (self.records, self.measures):
            if len(frame):
                pairs = frame[["period", "period_kind"]].drop_duplicates()
                found.update(Period(ts.date(), kind) for ts, kind in pairs.itertuples(index=False))
        return sorted(found)


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
        result = _empty_result(grid.name, "excluded", None)
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
        result = _empty_result(grid.name, "unrecognised", region)
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
        result = _empty_result(grid.name, "workforce_indicators", None)
        result.benchmarks, result.rejected = stats, list(stats.problems)
        result.rows_read = len(stats.frame) + len(stats.problems)
        return result
    if published.is_statistical_neighbours(head):
        result = _empty_result(grid.name, "statistical_neighbours", None)
        result.neighbours = published.neighbours_from_rows(grid.rows, grid.name)
        result.rows_read = len(result.neighbours)
        return result
    return None


def _empty_result(name: str, layout: str, region: TableRegion | None) -> SheetResult:
    return SheetResult(
        name,
        layout,
        region,
        {},
        empty_frame(CASELOAD_COLUMNS),
        empty_frame(MEASURE_COLUMNS),
        empty_frame(ESTABLISHMENT_COLUMNS),
    )


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


class _SheetReader:
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
            result = _empty_result(self.grid.name, "unrecognised", self.region)
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
        result = _empty_result(self.grid.name, layout, self.region)
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

    def team_figures(self, keep: np.ndarray) -> dict[str, np.ndarray]:
        """The figures a row states: caseload, average, head count, range and workers over the ceiling.

        Every one the sheet maps is read (a team row may state cases, an average and a range at once);
        a cell that is not a figure refuses its row, with the reason.
        """
        f = self.fields
        out: dict[str, np.ndarray] = {}
        for name in ("caseload", "average", "workers", "workers_over"):
            if name not in f:
                continue
            index = f[name]
            raw = self.column(index)
            parsed = col.numbers(raw)
            label = FIELD_LABELS[name].lower()
            self.reject(parsed.unreadable, index, raw, f"{label} is not a number", keep)
            self.reject(parsed.values < 0, index, raw, f"{label} is negative", keep)
            out[name] = parsed.values
            if name == "caseload" or (name == "average" and "caseload" not in f):
                out["caseload_missing"] = parsed.marker
        if "range" in f:
            index = f["range"]
            raw = self.column(index)
            ranges = col.map_distinct(raw, lambda v: None if is_blank(v) else parse_range(v))
            bad = np.array([r is None for r in ranges]) & ~col.map_distinct(raw, is_blank).astype(bool)
            self.reject(bad, index, raw, "not a range such as '12 - 40'", keep)
            out["range_low"] = np.array([r[0] if r else np.nan for r in ranges], dtype=float)
            out["range_high"] = np.array([r[1] if r else np.nan for r in ranges], dtype=float)
        return out

    def read_long(self) -> pd.DataFrame:
        n = len(self.data)
        keep = np.ones(n, dtype=bool)
        f = self.fields
        found = self.period_field(keep)
        district = self.text_field("district", keep)
        team = self.text_field("team", keep, required="team" in f)
        worker = self.text_field("worker", keep, required="worker" in f)
        figures = self.team_figures(keep)
        fte = np.full(n, np.nan)
        if "fte" in f:
            raw_fte = self.column(f["fte"])
            fte_col = col.numbers(raw_fte)
            self.reject(fte_col.unreadable, f["fte"], raw_fte, "FTE is not a number", keep)
            if "worker" in f:
                out_of_range = (fte_col.values <= 0) | (fte_col.values > 1.0)
                self.reject(out_of_range, f["fte"], raw_fte, "FTE for one worker must be above 0 and at most 1.0", keep)
            fte = fte_col.values
        agency = col.no_flags(n)
        if "agency" in f:
            raw_agency = self.column(f["agency"])
            agency, bad = col.flag_array(raw_agency)
            self.reject(bad, f["agency"], raw_agency, "agency should be Yes or No", keep)
        # team_types() works value by value: it is asked about one row per distinct (team, team type)
        # pair of cells, and its answers are spread back. Its warnings list distinct values, so they
        # are the same. Should it ever refuse rows itself, it is asked again about every row instead.
        teams = team if "team" in f else np.full(n, None, dtype=object)
        codes, first = col.distinct_rows(n, *[self.column(f[name]) for name in ("team", "team_type") if name in f])
        all_rows, all_numbers = self.block, self.row_numbers
        rejected, warned, distinct_keep = len(self.rejected), len(self.warnings), np.ones(len(first), dtype=bool)
        try:
            self.block, self.row_numbers = all_rows.rows(first), all_numbers[first]
            self.data = self.block.cells
            team_type = self.team_types(teams[first], distinct_keep).take(codes)
        finally:
            self.block, self.row_numbers = all_rows, all_numbers
            self.data = self.block.cells
        if len(self.rejected) != rejected or not distinct_keep.all():
            del self.rejected[rejected:], self.warnings[warned:]
            team_type = self.team_types(teams, keep)
        starts, kinds = col.period_starts(found)
        frame = frame_from(
            CASELOAD_COLUMNS,
            {
                "period": starts,
                "period_kind": kinds,
                "district": district,
                "team": team if "team" in f else np.full(n, None, dtype=object),
                "team_type": team_type,
                "worker": worker,
                "fte": fte,
                "agency": agency,
                **figures,
                "source": col.constant(self.source, n),
                "sheet": col.constant(self.grid.name, n),
                "row": self.row_numbers,
            },
        )
        if not keep.all():
            frame = frame[keep].reset_index(drop=True)
        if "worker" in f and len(frame):
            frame = self.drop_duplicate_workers(frame)
        return frame

    def drop_duplicate_workers(self, frame: pd.DataFrame) -> pd.DataFrame:
        dupes = frame.duplicated(["period", "worker"], keep="first")
        if not dupes.any():
            return frame
        # The row each repeat repeats, found for all of them at once (a merged extract can repeat thousands).
        first_row = frame.groupby(["period", "worker"], sort=False, dropna=False)["row"].transform("first")
        header = self.header(self.fields["worker"])
        for row, worker, first in zip(
            frame["row"][dupes].tolist(), frame["worker"][dupes].tolist(), first_row[dupes].tolist(), strict=True
        ):
            self.rejected.append(
                Rejection(
                    self.grid.name,
                    int(row),
                    header,
                    str(worker),
                    f"the same worker is already listed for this period at row {int(first)}",
                )
            )
        return frame[~dupes].reset_index(drop=True)

    WIDE_FIELDS = ("caseload", "average", "range", "workers_over")

    def wide_value_field(self, group: str) -> str | None:
        """What the values under a period column are: the group label says, else the title, else caseloads."""
        if not group:
            return self.title_value_field()
        match = match_field(group)
        return match.field if match and match.field in self.WIDE_FIELDS else None

    def title_value_field(self) -> str:
        """'Average caseload per worker by team' in the title means the period columns hold averages."""
        for text in [*self.region.title_rows, self.grid.name]:
            lowered = text.lower()
            if "average" in lowered or "mean caseload" in lowered:
                return "average"
        return "caseload"

    def read_wide(self) -> pd.DataFrame:
        """Melt one column per period into rows; the group label over a column says what it holds.

        A progress report's table ('Average caseload', 'Caseload range', 'Workers with a caseload
        > 25', each over 'December 2021' and 'March 2022') gives one row per team per period
        carrying all three.
        """
        n = len(self.data)
        keep = np.ones(n, dtype=bool)
        f = self.fields
        district = self.text_field("district", keep)
        team = self.text_field("team", keep, required="team" in f)
        worker = self.text_field("worker", keep)
        types = self.team_types(team if "team" in f else np.full(n, None, dtype=object), keep)
        fte = col.numbers(self.column(f["fte"])).values if "fte" in f else np.full(n, np.nan)
        head_count = col.numbers(self.column(f["workers"])).values if "workers" in f else np.full(n, np.nan)
        agency = col.flag_array(self.column(f["agency"]))[0] if "agency" in f else col.no_flags(n)
        periods = col.widen_periods(
            [self.region.header_periods[i] for i in self.period_cols], " ".join(self.region.headers)
        )
        by_period: dict[Period, dict[str, np.ndarray]] = {}
        skipped_groups: set[str] = set()
        for index, period in zip(self.period_cols, periods, strict=True):
            group = self.region.header_groups[index]
            value_field = self.wide_value_field(group)
            if value_field is None:
                skipped_groups.add(group)
                self.unused_period_cols.add(index)
                continue
            if period is None or period.start > self.today:
                continue
            raw = self.column(index)
            fields = by_period.setdefault(period, {"present": np.zeros(n, dtype=bool)})
            cell_keep = keep.copy()
            if value_field == "range":
                ranges = [parse_range(v) if not is_blank(v) else None for v in raw]
                bad = np.array([r is None and not is_blank(v) for r, v in zip(ranges, raw, strict=True)])
                self.reject(bad, index, raw, "not a range such as '12 - 40'", cell_keep)
                fields["range_low"] = np.array([r[0] if r else np.nan for r in ranges], dtype=float)
                fields["range_high"] = np.array([r[1] if r else np.nan for r in ranges], dtype=float)
                present = np.array([r is not None for r in ranges], dtype=bool)
            else:
                values = col.numbers(raw)
                self.reject(values.unreadable, index, raw, "not a number", cell_keep)
                self.reject(values.values < 0, index, raw, "negative number", cell_keep)
                fields[value_field] = np.where(cell_keep, values.values, np.nan)
                marked = np.array([m is not None for m in values.marker], dtype=bool) & cell_keep
                if value_field == "caseload":
                    fields["caseload_missing"] = values.marker
                # A '-' or 'N/A' is a figure that is missing on purpose: keep the row, with what stood there.
                present = ~np.isnan(fields[value_field]) | marked
            fields["present"] = fields["present"] | (present & keep)
        for group in sorted(skipped_groups):
            self.warnings.append(f"Columns under '{group}' were not imported: that measure is not recognised yet.")
        parts = []
        for period, fields in by_period.items():
            present = fields.pop("present")
            part = frame_from(
                CASELOAD_COLUMNS,
                {
                    "period": [pd.Timestamp(period.start)] * n,
                    "period_kind": [period.kind] * n,
                    "district": district,
                    "team": team if "team" in f else np.full(n, None, dtype=object),
                    "team_type": types if "team" in f else np.full(n, None, dtype=object),
                    "worker": worker,
                    "fte": fte,
                    "workers": head_count,
                    "agency": agency,
                    **fields,
                    "source": [self.source] * n,
                    "sheet": [self.grid.name] * n,
                    "row": self.row_numbers,
                },
            )
            parts.append(part[present])
        if not parts:
            return empty_frame(CASELOAD_COLUMNS)
        frame = pd.concat(parts, ignore_index=True).sort_values(["period", "row"], kind="stable")
        self.check_stated_ranges(frame)
        return frame.reset_index(drop=True)

    def check_stated_ranges(self, frame: pd.DataFrame) -> None:
        """A stated average must lie within its stated range (a progress report printed 44 for 34 to 39)."""
        outside = frame[
            frame["average"].notna()
            & frame["range_low"].notna()
            & ((frame["average"] < frame["range_low"]) | (frame["average"] > frame["range_high"]))
        ]
        for r in outside.itertuples(index=False):
            label = Period(cast(pd.Timestamp, r.period).date(), str(r.period_kind)).label()  # a datetime64 column
            self.warnings.append(
                f"Row {r.row}: {r.team}'s stated average for {label} ({r.average:g}) lies outside its stated "
                f"range ({r.range_low:g} to {r.range_high:g})."
            )

    def read_measures(self) -> pd.DataFrame:
        n = len(self.data)
        keep = np.ones(n, dtype=bool)
        name_index = self.fields.get("measure", 0)
        raw_names = self.column(name_index)
        names = col.texts(raw_names)
        self.reject(names == None, name_index, raw_names, "no measure name given", keep)  # noqa: E711
        periods = col.widen_periods([self.region.header_periods[i] for i in self.period_cols], "")
        parts = []
        for index, period in zip(self.period_cols, periods, strict=True):
            if period is None:
                continue
            raw = self.column(index)
            values = col.numbers(raw)
            cell_keep = keep.copy()
            self.reject(values.unreadable, index, raw, "not a number", cell_keep)
            parts.append(
                frame_from(
                    MEASURE_COLUMNS,
                    {
                        "measure": names,
                        "period": [pd.Timestamp(period.start)] * n,
                        "period_kind": [period.kind] * n,
                        "value": values.values,
                        "value_missing": values.marker,
                        "source": [self.source] * n,
                        "sheet": [self.grid.name] * n,
                        "row": self.row_numbers,
                    },
                )[cell_keep]
            )
        if not parts:
            return empty_frame(MEASURE_COLUMNS)
        return pd.concat(parts, ignore_index=True)

    def read_establishment(self, quiet: bool = False) -> pd.DataFrame:
        """Posts per team (established FTE) and, where given, social work units per team or district,
        at a date where the sheet gives one. ``quiet`` when the rows were read (and refused) already."""
        rejected, warned = len(self.rejected), len(self.warnings)
        n = len(self.data)
        keep = np.ones(n, dtype=bool)
        team = self.text_field("team", keep, required="district" not in self.fields)
        figures = {}
        for name, label in (("established_fte", "established FTE"), ("units", "the number of units")):
            if name not in self.fields:
                figures[name] = np.full(n, np.nan)
                continue
            index = self.fields[name]
            raw = self.column(index)
            values = col.numbers(raw)
            self.reject(values.unreadable, index, raw, f"{label} is not a number", keep)
            self.reject(values.values < 0, index, raw, f"{label} is negative", keep)
            figures[name] = values.values
        dated = "period" in self.fields or self.sheet_period() is not None
        starts = col.period_starts(self.period_field(keep))[0] if dated else np.full(n, np.datetime64("NaT", "ns"))
        frame = frame_from(
            ESTABLISHMENT_COLUMNS,
            {
                "period": starts,
                "district": self.text_field("district", keep),
                "team": team,
                "team_type": self.team_types(team, keep) if "team" in self.fields else np.full(n, None, object),
                **figures,
                "source": [self.source] * n,
                "sheet": [self.grid.name] * n,
                "row": self.row_numbers,
            },
        )
        if quiet:
            del self.rejected[rejected:], self.warnings[warned:]
        return frame[keep].reset_index(drop=True)

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
