"""The data the app holds: canonical tables from every imported file, and where they came from."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace

import pandas as pd

from caseload_reporter.reading.canonical import (
    CASELOAD_COLUMNS,
    ESTABLISHMENT_COLUMNS,
    MEASURE_COLUMNS,
    empty_frame,
)
from caseload_reporter.reading.importer import FileResult
from caseload_reporter.reading.published_statistics import WorkforceStatistics
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
    # Published national statistics, kept apart from the council's own caseloads.
    benchmarks: WorkforceStatistics | None = None
    neighbours: dict[str, list[tuple[str, str]]] | None = None
    # The officer's own council in those statistics (its stable old_la_code), chosen on the Benchmarks
    # page; it travels with the data so that every report built from it compares the same council.
    council: str | None = None

    @classmethod
    def from_results(cls, results: list[FileResult], name: str = "") -> Dataset:
        """Gather files as they are, without checking overlaps between them (see :meth:`add_results`).

        Files that failed are kept only in ``files``.
        """
        good = [r for r in results if r.ok]
        sheets = [s for r in good for s in r.sheets]

        def gather(attr: str, columns: tuple[str, ...]) -> pd.DataFrame:
            frames = [getattr(s, attr) for s in sheets if len(getattr(s, attr))]
            return pd.concat(frames, ignore_index=True) if frames else empty_frame(columns)

        benchmarks = next((s.benchmarks for s in sheets if s.benchmarks is not None), None)
        neighbours = next((s.neighbours for s in sheets if s.neighbours is not None), None)
        return cls(
            benchmarks=benchmarks,
            neighbours=neighbours,
            caseloads=gather("records", CASELOAD_COLUMNS),
            measures=gather("measures", MEASURE_COLUMNS),
            establishment=gather("establishment", ESTABLISHMENT_COLUMNS),
            files=list(results),
            name=name or (good[0].path.stem if good else ""),
        )

    def overlapping_periods(self, incoming: Dataset) -> list[Period]:
        """Periods for which both hold figures (caseloads, or the same service measure)."""
        clash: set[Period] = set()
        for table in ("caseloads", "measures"):
            mine, theirs = getattr(self, table), getattr(incoming, table)
            if mine.empty or theirs.empty:
                continue
            keys = ["period"] if table == "caseloads" else ["measure", "period"]
            both = mine[[*keys, "period_kind"]].drop_duplicates().merge(theirs[keys].drop_duplicates(), on=keys)
            clash.update(
                Period(ts.date(), kind) for ts, kind in both[["period", "period_kind"]].itertuples(index=False)
            )
        return sorted(clash)

    def with_added(self, incoming: Dataset, replace_overlap: bool) -> Dataset:
        """This data plus ``incoming``. Where both cover a period, one side's figures are kept, never both."""
        combined = {}
        for table in ("caseloads", "measures"):
            mine, theirs = getattr(self, table), getattr(incoming, table)
            keys = ["period"] if table == "caseloads" else ["measure", "period"]
            if not mine.empty and not theirs.empty:
                shared = mine[keys].drop_duplicates().merge(theirs[keys].drop_duplicates(), on=keys)
                if replace_overlap:
                    mine = _without(mine, shared, keys)
                else:
                    theirs = _without(theirs, shared, keys)
            frames = [f for f in (mine, theirs) if not f.empty]
            combined[table] = pd.concat(frames, ignore_index=True) if frames else mine
        establishment = self.establishment
        if not incoming.establishment.empty:
            kept = establishment[~establishment["team"].isin(incoming.establishment["team"])]
            frames = [f for f in (kept, incoming.establishment) if not f.empty]
            establishment = pd.concat(frames, ignore_index=True)
        paths = {f.path for f in incoming.files}
        return replace(
            self,
            caseloads=combined["caseloads"],
            measures=combined["measures"],
            establishment=establishment,
            files=[f for f in self.files if f.path not in paths] + list(incoming.files),
            name=self.name or incoming.name,
            benchmarks=incoming.benchmarks or self.benchmarks,
            neighbours=incoming.neighbours or self.neighbours,
        )

    def add_results(self, results: list[FileResult], decide: Callable[[list[Period], FileResult], bool]) -> Dataset:
        """Add files one at a time; ``decide(periods, file)`` says whether a file's figures replace
        the ones already held for periods both cover (True) or are left out for them (False)."""
        combined = self
        for result in results:
            incoming = Dataset.from_results([result])
            overlap = combined.overlapping_periods(incoming) if result.ok else []
            replace_overlap = decide(overlap, result) if overlap else False
            combined = combined.with_added(incoming, replace_overlap)
        return combined

    def is_empty(self) -> bool:
        return self.caseloads.empty and self.measures.empty

    def has_published_statistics(self) -> bool:
        return self.benchmarks is not None or self.neighbours is not None

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


def _without(frame: pd.DataFrame, shared: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    marked = frame.merge(shared.assign(_drop=True), on=keys, how="left")
    return frame[marked["_drop"].isna().to_numpy()].reset_index(drop=True)
