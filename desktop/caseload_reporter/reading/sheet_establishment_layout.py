"""Reading a team establishment: posts (established FTE) and social work units per team or district.

Its own layout, or the posts beside each team's cases in a 'long_team' sheet, read quietly then
(the rows were read, and any refused, already).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from caseload_reporter.reading import columns as col
from caseload_reporter.reading.canonical import ESTABLISHMENT_COLUMNS, frame_from
from caseload_reporter.reading.sheet_reader import SheetReaderBase


class EstablishmentReader(SheetReaderBase):
    """The 'establishment' layout, and the establishment columns of a 'long_team' sheet."""

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
