"""What every data block is worked out from: the data, the targets and the privacy choice.

The measures for each grouping are computed once per export and shared by every block, so a
report with a dozen charts and tables costs about as much as one page of the app.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import SupportsInt

import pandas as pd

from caseload_reporter.analysis.england import england_caseload_per_fte
from caseload_reporter.analysis.measures import summarise
from caseload_reporter.analysis.thresholds import Thresholds
from caseload_reporter.reading.dataset import Dataset
from caseload_reporter.reading.values import Period
from caseload_reporter.reporting.draft import Privacy


@dataclass
class BlockContext:
    dataset: Dataset
    thresholds: Thresholds
    privacy: Privacy = field(default_factory=Privacy)
    # The council to benchmark (old_la_code in the published statistics); None takes the dataset's choice.
    council: str | None = None
    _summaries: dict[tuple[str, str], pd.DataFrame] = field(default_factory=dict, repr=False)
    _periods: list[Period] | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        if self.council is None:
            self.council = self.dataset.council

    @property
    def basis(self) -> str:
        return self.thresholds.basis

    def summary(self, by: str, basis: str | None = None) -> pd.DataFrame:
        """Measures by team, district, team type or the whole service for every period (cached);
        ``basis`` overrides the settings' (staffing is always per FTE)."""
        key = (by, basis or self.basis)
        if key not in self._summaries:
            self._summaries[key] = summarise(self.dataset.caseloads, by, self.thresholds, key[1])
        return self._summaries[key]

    def periods(self) -> list[Period]:
        """Caseload periods, or service-measure periods when the data has no caseloads."""
        if self._periods is None:
            self._periods = self.dataset.periods()
        return self._periods

    def measure_periods(self) -> list[Period]:
        frame = self.dataset.measures
        if frame.empty:
            return []
        pairs = frame[["period", "period_kind"]].drop_duplicates().sort_values("period")
        return [Period(ts.date(), kind) for ts, kind in pairs.itertuples(index=False)]

    def period(self, wanted: object) -> Period | None:
        """A period named in a block's options ('2022-03', '2022-03-07' or 'latest'); None if absent."""
        periods = self.periods()
        if not periods:
            return None
        if wanted in (None, "", "latest"):
            return periods[-1]
        return next((p for p in periods if p.iso() == wanted or p.start.isoformat() == wanted), None)

    def earlier(self, period: Period, days: int = 91) -> Period | None:
        """The period nearest to ``days`` before ``period`` (a quarter by default), for comparisons."""
        before = [p for p in self.periods() if p.start < period.start]
        if not before:
            return None
        aim = period.start - dt.timedelta(days=days)
        return min(before, key=lambda p: abs((p.start - aim).days))

    def last(self, count: object, periods: list[Period] | None = None) -> list[Period]:
        periods = self.periods() if periods is None else periods
        try:
            n = max(int(count), 1) if isinstance(count, SupportsInt | str) else 13
        except ValueError:
            n = 13
        return periods[-n:]

    def england(self) -> dict[int, float]:
        return england_caseload_per_fte().values

    def worker_names(self) -> list[str]:
        return [str(n) for n in self.dataset.caseloads["worker"].dropna().unique()]


def timestamps(periods: list[Period]) -> list[pd.Timestamp]:
    return [pd.Timestamp(p.start) for p in periods]
