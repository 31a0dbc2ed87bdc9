"""The Teams page: every team for the chosen period against its target, and its average over time.

The measures are computed once per dataset and basis for every period (pandas, in the analysis
layer); changing the period or a filter only selects rows, so the page refreshes at once even on
large files.
"""

from __future__ import annotations

import pandas as pd
from PySide6.QtCore import QItemSelection, Qt
from PySide6.QtWidgets import QLabel, QSplitter, QTableView, QVBoxLayout, QWidget

from caseload_reporter.analysis.chart_specs import trend_chart
from caseload_reporter.analysis.england import england_caseload_per_fte
from caseload_reporter.analysis.inputs import INPUTS, first_missing, missing
from caseload_reporter.analysis.measures import AVERAGE_BASES, summarise, with_vacancies
from caseload_reporter.analysis.thresholds import BASES, format_target, rating_key
from caseload_reporter.core.words import plural
from caseload_reporter.reading.fields import TEAM_TYPES
from caseload_reporter.reading.values import Period
from caseload_reporter.session.session import Session
from caseload_reporter.ui.chart_view import ChartView
from caseload_reporter.ui.dataframe_model import DataFrameModel, places
from caseload_reporter.ui.pages.data_view import DataView
from caseload_reporter.ui.rating_model import RatedSummaryModel
from caseload_reporter.ui.tables import fitted_table

# What an officer looks for first comes first: the team, its rating, its average against target.
# Columns the data may not give at all (a team-level file has no workers): left out rather than shown empty.
OPTIONAL_COLUMNS = ["workers", "fte", "cases", "min", "max", "over_ceiling", "agency_workers", "vacancies", "district"]
TABLE_COLUMNS = [
    "name",
    "status",
    "average",
    "target",
    "workers",
    "fte",
    "cases",
    "min",
    "max",
    "over_ceiling",
    "agency_workers",
    "vacancies",
    "team_type",
    "district",
]
WORKER_LABELS = {"worker": "Worker", "fte": "FTE", "agency": "Agency", "caseload": "Caseload"}


class TeamsPage(DataView):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self._summaries: dict[str, pd.DataFrame] = {}
        layout = QVBoxLayout(self)
        self.heading = QLabel("<h2>Teams</h2>", self)
        self.heading.setTextFormat(Qt.TextFormat.RichText)
        layout.addWidget(self.heading)
        self.caption = QLabel(self)
        self.caption.setWordWrap(True)
        layout.addWidget(self.caption)

        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.model = RatedSummaryModel(parent=self)
        self.table = QTableView(splitter)
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        fitted_table(self.table, "Teams with their caseloads and rating against target")
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)

        right = QSplitter(Qt.Orientation.Vertical, splitter)
        self.chart = ChartView("Average caseload over time for the selected teams", right)
        workers_box = QWidget(right)
        workers_layout = QVBoxLayout(workers_box)
        workers_layout.setContentsMargins(0, 0, 0, 0)
        self.workers_caption = QLabel("Select a team to list its workers.", workers_box)
        self.workers_caption.setWordWrap(True)
        self.workers_model = DataFrameModel(parent=self)
        self.workers_table = QTableView(workers_box)
        self.workers_table.setModel(self.workers_model)
        self.workers_table.setSortingEnabled(True)
        fitted_table(self.workers_table, "Workers in the selected team (shown in the app only, never exported)")
        workers_layout.addWidget(self.workers_caption)
        workers_layout.addWidget(self.workers_table)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([800, 520])
        layout.addWidget(splitter, 1)

    # -- inputs ---------------------------------------------------------------------------
    def data_changed(self) -> None:
        self._summaries.clear()

    def summary(self) -> pd.DataFrame:
        """Every team in every period for the current basis, computed once and then only filtered."""
        basis = self.filters.basis
        if basis not in self._summaries and self.thresholds is not None:
            summary = summarise(self.dataset.caseloads, "team", self.thresholds, basis=basis)
            self._summaries[basis] = with_vacancies(summary, self.dataset.establishment)
        return self._summaries.get(basis, pd.DataFrame())

    def period(self) -> pd.Timestamp | None:
        if self.filters.period is not None:
            return self.filters.period
        return self.dataset.caseloads["period"].max() if not self.dataset.caseloads.empty else None

    # -- showing --------------------------------------------------------------------------
    def refresh(self) -> None:
        summary = self.summary()
        period = self.period()
        if self.thresholds is None or period is None:
            self.caption.setText(missing("caseloads"))
            self.model.set_frame(pd.DataFrame())
            return
        if summary.empty:
            self.caption.setText(missing("teams"))
            self.model.set_frame(pd.DataFrame())
            return
        rows = self.filters.select(summary[summary["period"] == period])
        kind = rows["period_kind"].iloc[0] if len(rows) else "day"
        label = Period(period.date(), kind).label()
        basis = BASES[self.filters.basis]
        rated = rows["status"].value_counts()
        self.heading.setText(f"<h2>Teams — {label}</h2>")
        lacking = first_missing(rows)
        if rated.sum() == 0:
            counts = "No team could be rated."  # never 'within target: 0' for ratings that could not be made
        else:
            counts = (
                f"Within target: {rated.get('green', 0)}, above target: {rated.get('amber', 0)}, well above "
                f"target: {rated.get('red', 0)}."
            )
            if lacking is not None:
                counts += f" Not rated: {int(rows['missing'].notna().sum())}."
        if lacking is not None:
            counts += f" {missing(lacking)}"
        self.caption.setText(
            f"{plural(len(rows), 'team')}. Average caseload {basis}; a worker above {self.thresholds.ceiling:g} cases "
            f"makes a team 'well above target'. {counts}{self._basis_note(rows)} England average from: "
            f"{england_caseload_per_fte().source.split('(')[0].strip()}."
        )
        shown = rows.assign(
            team_type=rows["team_type"].map(TEAM_TYPES).fillna(rows["team_type"]),
            target=[format_target(self.thresholds.target(t)) or "none set" for t in rows["team_type"]],
            status=[rating_key(*r) for r in rows[["status", "target_low", "missing"]].itertuples(index=False)],
        )[TABLE_COLUMNS]
        shown = shown.drop(columns=[c for c in OPTIONAL_COLUMNS if shown[c].isna().all()])
        labels = {
            "name": "Team",
            "district": "District",
            "team_type": "Team type",
            "workers": "Workers",
            "fte": "FTE",
            "cases": "Cases",
            "average": f"Average {basis}",
            "min": "Lowest",
            "max": "Highest",
            "over_ceiling": f"Workers over {self.thresholds.ceiling:g}",
            "target": "Target",
            "status": "Rating",
            "agency_workers": "Agency workers",
            "vacancies": "Vacancies (FTE)",
        }
        formatters = {
            "average": places(1),
            "fte": places(1),
            "cases": places(0),
            "workers": places(0),
            "min": places(0),
            "max": places(0),
            "over_ceiling": places(0),
            "agency_workers": places(0),
            "vacancies": places(1),
        }
        no_average = {"average": INPUTS[lacking].short} if lacking else {}
        self.model.set_frame(
            shown.reset_index(drop=True), column_labels=labels, formatters=formatters, missing_text=no_average
        )
        if len(shown):
            self.table.selectRow(0)

    @staticmethod
    def _basis_note(rows: pd.DataFrame) -> str:
        """Say so when an average is not simply cases over FTE (or head count): stated, weighted or a mean."""
        others = [b for b in rows["average_basis"].dropna().unique() if b not in BASES]
        return "".join(f" Some averages are {AVERAGE_BASES[b]}." for b in others)

    def selected_teams(self) -> list[str]:
        frame = self.model.frame()
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        return [str(frame.iloc[r]["name"]) for r in rows if r < len(frame)]

    def _selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        teams = self.selected_teams()
        if not teams or self.thresholds is None:
            return
        title = teams[0] if len(teams) == 1 else f"{len(teams)} teams"
        spec = trend_chart(
            self.summary(),
            teams,
            self.thresholds,
            self.filters.basis,
            title,
            england_caseload_per_fte().values,
        )
        self.chart.show_spec(spec)
        self._show_workers(teams[0])

    def _show_workers(self, team: str) -> None:
        period = self.period()
        frame = self.dataset.caseloads
        rows = frame[(frame["team"] == team) & (frame["period"] == period) & frame["worker"].notna()]
        if rows.empty:
            self.workers_caption.setText(f"{team} has no worker-level figures in this period.")
            self.workers_model.set_frame(pd.DataFrame())
            return
        shown = rows[list(WORKER_LABELS)].assign(agency=rows["agency"].map({True: "Yes", False: "No"}))
        self.workers_caption.setText(
            f"Workers in {team} ({len(rows)}). Names are shown in the app only: reports leave them out."
        )
        self.workers_model.set_frame(
            shown.sort_values("caseload", ascending=False).reset_index(drop=True),
            column_labels=WORKER_LABELS,
            formatters={"fte": places(2), "caseload": places(0)},
        )
