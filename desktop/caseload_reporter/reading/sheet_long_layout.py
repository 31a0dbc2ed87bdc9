"""Reading a sheet laid out one row per worker (or per team) per period: the 'long' layouts.

Each row states a period, a team or worker and its figures (caseload, average, head count, range,
workers over the ceiling); a cell that is not a figure refuses its row with the reason, and a
worker listed twice for one period is refused at the repeat.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from caseload_reporter.reading import columns as col
from caseload_reporter.reading.canonical import CASELOAD_COLUMNS, frame_from
from caseload_reporter.reading.fields import FIELD_LABELS
from caseload_reporter.reading.problems import Rejection
from caseload_reporter.reading.sheet_reader import SheetReaderBase
from caseload_reporter.reading.values import is_blank, parse_range


class LongLayoutReader(SheetReaderBase):
    """The 'long' and 'long_team' layouts: one row per worker, or per team, per period."""

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
