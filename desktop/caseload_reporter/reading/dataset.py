"""The data the app holds: canonical tables from every imported file, and where they came from."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from caseload_reporter.reading.canonical import (
    CASELOAD_COLUMNS,
    ESTABLISHMENT_COLUMNS,
    MEASURE_COLUMNS,
    empty_frame,
)
from caseload_reporter.reading.importer import FileResult
from caseload_reporter.reading.values import Period


@dataclass
class DatasetSummary:
    """The headline counts the window shows for what is loaded."""

    districts: int
    teams: int
    workers_latest: int  # case-holding workers in the latest period
    periods: int
    first_period: Period | None
    latest_period: Period | None
    caseload_rows: int
    measure_rows: int


@dataclass
class Dataset:
    caseloads: pd.DataFrame = field(default_factory=lambda: empty_frame(CASELOAD_COLUMNS))
    measures: pd.DataFrame = field(default_factory=lambda: empty_frame(MEASURE_COLUMNS))
    establishment: pd.DataFrame = field(default_factory=lambda: empty_frame(ESTABLISHMENT_COLUMNS))
    files: list[FileResult] = field(default_factory=list)
    name: str = ""  # what the officer calls this data: the council, or the file

    @classmethod
    def from_results(cls, results: list[FileResult], name: str = "") -> Dataset:
        """Combine the files that were read; files that failed are kept only in ``files``."""
        good = [r for r in results if r.ok]
        sheets = [s for r in good for s in r.sheets]

        def gather(attr: str, columns: tuple[str, ...]) -> pd.DataFrame:
            frames = [getattr(s, attr) for s in sheets if len(getattr(s, attr))]
            return pd.concat(frames, ignore_index=True) if frames else empty_frame(columns)

        return cls(
            caseloads=gather("records", CASELOAD_COLUMNS),
            measures=gather("measures", MEASURE_COLUMNS),
            establishment=gather("establishment", ESTABLISHMENT_COLUMNS),
            files=list(results),
            name=name or (good[0].path.stem if good else ""),
        )

    def is_empty(self) -> bool:
        return self.caseloads.empty and self.measures.empty

    def periods(self) -> list[Period]:
        frame = self.caseloads if not self.caseloads.empty else self.measures
        if frame.empty:
            return []
        pairs = frame[["period", "period_kind"]].drop_duplicates().sort_values("period")
        return [Period(ts.date(), kind) for ts, kind in pairs.itertuples(index=False)]

    def summary(self) -> DatasetSummary:
        periods = self.periods()
        frame = self.caseloads
        latest_workers = 0
        if not frame.empty and periods:
            latest = frame[frame["period"] == pd.Timestamp(periods[-1].start)]
            latest_workers = int(latest["worker"].dropna().nunique())
        return DatasetSummary(
            districts=int(frame["district"].dropna().nunique()),
            teams=int(frame["team"].dropna().nunique()),
            workers_latest=latest_workers,
            periods=len(periods),
            first_period=periods[0] if periods else None,
            latest_period=periods[-1] if periods else None,
            caseload_rows=len(frame),
            measure_rows=len(self.measures),
        )
