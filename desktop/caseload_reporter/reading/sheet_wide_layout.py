"""Reading a sheet laid out one column per period: caseloads by team or district, and service measures.

The period columns are melted into rows; the group label over a column (or else the title) says
what its figures are ('Average caseload', 'Caseload range'). The 'wide' and 'district_totals'
layouts give caseload records, 'measures' gives monthly service measures.
"""

from __future__ import annotations

from typing import cast

import numpy as np
import pandas as pd

from caseload_reporter.reading import columns as col
from caseload_reporter.reading.canonical import CASELOAD_COLUMNS, MEASURE_COLUMNS, empty_frame, frame_from
from caseload_reporter.reading.fields import match_field
from caseload_reporter.reading.sheet_reader import SheetReaderBase
from caseload_reporter.reading.values import Period, is_blank, parse_range


class WideLayoutReader(SheetReaderBase):
    """The 'wide', 'district_totals' and 'measures' layouts: one column per period."""

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
