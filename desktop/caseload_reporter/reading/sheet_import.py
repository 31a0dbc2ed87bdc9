"""From one sheet's grid to canonical rows, rejected rows and warnings.

Every data row of the table is either in ``records`` (or ``measures``/``establishment``) or in
``rejected`` with its row number, column, raw value and reason: nothing is lost or invented.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from caseload_reporter.reading import columns as col
from caseload_reporter.reading.canonical import (
    CASELOAD_COLUMNS,
    ESTABLISHMENT_COLUMNS,
    MEASURE_COLUMNS,
    empty_frame,
    frame_from,
)
from caseload_reporter.reading.fields import FIELD_LABELS, infer_team_type, match_field
from caseload_reporter.reading.grid import Grid
from caseload_reporter.reading.layout import TableRegion, find_table
from caseload_reporter.reading.problems import Rejection
from caseload_reporter.reading.values import Period, clean_text, is_blank, parse_period

LAYOUT_LABELS = {
    "long": "One row per worker per period",
    "long_team": "One row per team per period",
    "wide": "One column per period",
    "district_totals": "District totals, one column per period",
    "measures": "Service measures, one column per period",
    "establishment": "Team establishment",
    "unrecognised": "Not recognised",
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

    @property
    def header_rows(self) -> list[int]:
        return self.region.header_row_numbers() if self.region else []

    @property
    def notes(self) -> list[tuple[int, str]]:
        return self.region.notes if self.region else []

    def imported_count(self) -> int:
        return len(self.records) + len(self.measures) + len(self.establishment)

    def periods(self) -> list[Period]:
        found: set[Period] = set()
        for frame in (self.records, self.measures):
            if len(frame):
                pairs = frame[["period", "period_kind"]].drop_duplicates()
                found.update(Period(ts.date(), kind) for ts, kind in pairs.itertuples(index=False))
        return sorted(found)


def import_sheet(grid: Grid, source: str, today: dt.date | None = None) -> SheetResult:
    """Understand one sheet. Never raises for bad cells: they become rejections."""
    today = today or dt.date.today()
    region = find_table(grid)
    if region is None or not region.data_rows:
        result = _empty_result(grid.name, "unrecognised", region)
        if any(any(not is_blank(v) for v in r) for r in grid.rows):
            result.warnings.append(
                f"Sheet '{grid.name}' has no table with recognisable column headings, so nothing was imported from it."
            )
        return result
    return _SheetReader(grid, region, source, today).read()


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


class _SheetReader:
    def __init__(self, grid: Grid, region: TableRegion, source: str, today: dt.date) -> None:
        self.grid, self.region, self.source, self.today = grid, region, source, today
        self.rejected: list[Rejection] = []
        self.warnings: list[str] = []
        self.fields: dict[str, int] = {}
        confidences: dict[str, float] = {}
        self.period_cols = [
            i
            for i, p in enumerate(region.header_periods)
            if p is not None and not (match_field(region.headers[i]) or None)
        ]
        for index, header in enumerate(region.headers):
            if index in self.period_cols or not header:
                continue
            match = match_field(header)
            if match and match.confidence > confidences.get(match.field, 0.0):
                self.fields[match.field] = index
                confidences[match.field] = match.confidence
        self.data = [grid.rows[i] for i in region.data_rows]
        self.row_numbers = np.array(region.data_rows, dtype=np.int64) + 1

    # -- helpers --------------------------------------------------------------------------
    def column(self, index: int) -> list[object]:
        return [r[index] if index < len(r) else "" for r in self.data]

    def header(self, index: int) -> str:
        return self.region.headers[index] or f"column {index + 1}"

    def reject(self, mask: np.ndarray, index: int, raw: list[object], reason: str, keep: np.ndarray) -> None:
        """Refuse the rows in ``mask`` that are still kept, with one reason each."""
        for pos in np.flatnonzero(mask & keep):
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

    # -- layouts --------------------------------------------------------------------------
    def read(self) -> SheetResult:
        f = self.fields
        n = len(self.data)
        has_periods = len(self.period_cols) >= 2 or (len(self.period_cols) == 1 and "period" not in f)
        if "measure" in f or (has_periods and not ({"team", "worker", "district"} & f.keys())):
            layout = "measures"
        elif (has_periods and "team" in f) or (has_periods and "worker" in f):
            layout = "wide"
        elif has_periods and "district" in f:
            layout = "district_totals"
        elif ({"caseload", "average"} & f.keys()) and ({"team", "worker", "district"} & f.keys()):
            layout = "long" if "worker" in f else "long_team"
        elif "established_fte" in f and "team" in f:
            layout = "establishment"
        else:
            result = _empty_result(self.grid.name, "unrecognised", self.region)
            result.rows_read = n
            missing = "a caseload column" if "caseload" not in f else "a team or worker column"
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
        self.check_totals(result)
        result.mapping = self.mapping()
        result.rejected = sorted(self.rejected, key=lambda r: r.row)
        result.warnings = self.warnings
        return result

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
            untyped = sorted({str(t) for t, c in zip(teams, chosen, strict=True) if t and c is None})
            if untyped:
                self.warnings.append(
                    "The team type of these teams could not be told from their names and is shown as "
                    "'Other' until you correct it: "
                    + ", ".join(untyped[:10])
                    + ("…" if len(untyped) > 10 else "")
                    + "."
                )
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

    def read_long(self) -> pd.DataFrame:
        n = len(self.data)
        keep = np.ones(n, dtype=bool)
        f = self.fields
        found = self.period_field(keep)
        district = self.text_field("district", keep)
        team = self.text_field("team", keep, required="team" in f)
        worker = self.text_field("worker", keep, required="worker" in f)
        value_field = "caseload" if "caseload" in f else "average"
        index = f[value_field]
        raw = self.column(index)
        cases = col.numbers(raw)
        self.reject(cases.unreadable, index, raw, f"{FIELD_LABELS[value_field].lower()} is not a number", keep)
        self.reject(cases.values < 0, index, raw, f"{FIELD_LABELS[value_field].lower()} is negative", keep)
        fte = np.full(n, np.nan)
        if "fte" in f:
            raw_fte = self.column(f["fte"])
            fte_col = col.numbers(raw_fte)
            self.reject(fte_col.unreadable, f["fte"], raw_fte, "FTE is not a number", keep)
            if "worker" in f:
                out_of_range = (fte_col.values <= 0) | (fte_col.values > 1.0)
                self.reject(out_of_range, f["fte"], raw_fte, "FTE for one worker must be above 0 and at most 1.0", keep)
            fte = fte_col.values
        agency = np.full(n, None, dtype=object)
        if "agency" in f:
            raw_agency = self.column(f["agency"])
            agency, bad = col.flags(raw_agency)
            self.reject(bad, f["agency"], raw_agency, "agency should be Yes or No", keep)
        frame = frame_from(
            CASELOAD_COLUMNS,
            {
                "period": [pd.Timestamp(p.start) if p else pd.NaT for p in found],
                "period_kind": [p.kind if p else None for p in found],
                "district": district,
                "team": team if "team" in f else district,
                "team_type": self.team_types(team if "team" in f else np.full(n, None, dtype=object), keep),
                "worker": worker,
                "fte": fte,
                "agency": agency,
                "caseload": cases.values if value_field == "caseload" else np.full(n, np.nan),
                "average": cases.values if value_field == "average" else np.full(n, np.nan),
                "caseload_missing": cases.marker,
                "source": [self.source] * n,
                "sheet": [self.grid.name] * n,
                "row": self.row_numbers,
            },
        )
        frame = frame[keep].reset_index(drop=True)
        if "worker" in f and len(frame):
            frame = self.drop_duplicate_workers(frame)
        return frame

    def drop_duplicate_workers(self, frame: pd.DataFrame) -> pd.DataFrame:
        dupes = frame.duplicated(["period", "worker"], keep="first")
        if dupes.any():
            first_row = frame.drop_duplicates(["period", "worker"]).set_index(["period", "worker"])["row"]
            index = self.fields["worker"]
            for _, r in frame[dupes].iterrows():
                first = int(first_row[(r["period"], r["worker"])])
                self.rejected.append(
                    Rejection(
                        self.grid.name,
                        int(r["row"]),
                        self.header(index),
                        str(r["worker"]),
                        f"the same worker is already listed for this period at row {first}",
                    )
                )
        return frame[~dupes].reset_index(drop=True)

    def wide_value_field(self, group: str) -> str:
        match = match_field(group) if group else None
        return match.field if match and match.field in ("caseload", "average") else "caseload"

    def read_wide(self) -> pd.DataFrame:
        """Melt one column per period into rows; the group label says what the values are."""
        n = len(self.data)
        keep = np.ones(n, dtype=bool)
        f = self.fields
        district = self.text_field("district", keep)
        team = self.text_field("team", keep, required="team" in f)
        worker = self.text_field("worker", keep)
        types = self.team_types(team if "team" in f else np.full(n, None, dtype=object), keep)
        fte = col.numbers(self.column(f["fte"])).values if "fte" in f else np.full(n, np.nan)
        periods = col.widen_periods(
            [self.region.header_periods[i] for i in self.period_cols], " ".join(self.region.headers)
        )
        parts = []
        skipped_groups: set[str] = set()
        for index, period in zip(self.period_cols, periods, strict=True):
            group = self.region.header_groups[index]
            value_field = self.wide_value_field(group)
            if group and not match_field(group):
                skipped_groups.add(group)
                continue
            if period is None or period.start > self.today:
                continue
            raw = self.column(index)
            values = col.numbers(raw)
            cell_keep = keep.copy()
            self.reject(values.unreadable, index, raw, "not a number", cell_keep)
            self.reject(values.values < 0, index, raw, "negative caseload", cell_keep)
            blank = np.array([is_blank(v) for v in raw], dtype=bool)
            cell_keep &= ~blank
            part = frame_from(
                CASELOAD_COLUMNS,
                {
                    "period": [pd.Timestamp(period.start)] * n,
                    "period_kind": [period.kind] * n,
                    "district": district,
                    "team": team if "team" in f else district,
                    "team_type": types if "team" in f else np.full(n, "other", dtype=object),
                    "worker": worker,
                    "fte": fte,
                    "caseload": values.values if value_field == "caseload" else np.full(n, np.nan),
                    "average": values.values if value_field == "average" else np.full(n, np.nan),
                    "caseload_missing": values.marker,
                    "source": [self.source] * n,
                    "sheet": [self.grid.name] * n,
                    "row": self.row_numbers,
                },
            )
            parts.append(part[cell_keep])
        for group in sorted(skipped_groups):
            self.warnings.append(f"Columns under '{group}' were not imported: that measure is not recognised yet.")
        if not parts:
            return empty_frame(CASELOAD_COLUMNS)
        return pd.concat(parts, ignore_index=True).sort_values(["period", "row"], kind="stable").reset_index(drop=True)

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

    def read_establishment(self) -> pd.DataFrame:
        n = len(self.data)
        keep = np.ones(n, dtype=bool)
        team = self.text_field("team", keep, required=True)
        index = self.fields["established_fte"]
        raw = self.column(index)
        values = col.numbers(raw)
        self.reject(values.unreadable, index, raw, "established FTE is not a number", keep)
        frame = frame_from(
            ESTABLISHMENT_COLUMNS,
            {
                "district": self.text_field("district", keep),
                "team": team,
                "team_type": self.team_types(team, keep),
                "established_fte": values.values,
                "source": [self.source] * n,
                "sheet": [self.grid.name] * n,
                "row": self.row_numbers,
            },
        )
        return frame[keep].reset_index(drop=True)

    def check_totals(self, result: SheetResult) -> None:
        """A stated 'Total' row must equal the sum of the rows above it."""
        value_index = self.fields.get("caseload")
        if value_index is None or not self.region.total_rows or result.layout not in ("long", "long_team"):
            return
        start = self.region.data_start
        for total_index in self.region.total_rows:
            stated = col.numbers([self.grid.rows[total_index][value_index]]).values[0]
            rows = [i for i in self.region.data_rows if start <= i < total_index]
            start = total_index + 1
            if np.isnan(stated) or not rows:
                continue
            computed = float(np.nansum(col.numbers([self.grid.rows[i][value_index] for i in rows]).values))
            if abs(computed - stated) > 0.5:
                self.warnings.append(
                    f"Row {total_index + 1} states a total of {stated:g} but the rows above it add up to {computed:g}."
                )
