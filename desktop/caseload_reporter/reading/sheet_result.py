"""What one sheet gave: the layout understood, the rows imported and refused, and why it may need a look.

:class:`SheetResult` is what :func:`caseload_reporter.reading.sheet_import.import_sheet` returns
and what the importer, the Data page and the check window show; it is kept apart from the readers
that fill it so that they, and everything that only reads a result, depend on it alone.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from caseload_reporter.reading.canonical import CASELOAD_COLUMNS, ESTABLISHMENT_COLUMNS, MEASURE_COLUMNS, empty_frame
from caseload_reporter.reading.choices import SheetChoice
from caseload_reporter.reading.column_roles import UnusedColumn
from caseload_reporter.reading.layout import TableRegion
from caseload_reporter.reading.problems import Rejection
from caseload_reporter.reading.published_statistics import WorkforceStatistics
from caseload_reporter.reading.values import Period

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


def empty_result(name: str, layout: str, region: TableRegion | None) -> SheetResult:
    return SheetResult(
        name,
        layout,
        region,
        {},
        empty_frame(CASELOAD_COLUMNS),
        empty_frame(MEASURE_COLUMNS),
        empty_frame(ESTABLISHMENT_COLUMNS),
    )
