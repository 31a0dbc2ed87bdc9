"""The Districts page: total cases per district over time, average caseload by district, drill-down to teams."""

from __future__ import annotations

import numpy as np
import pandas as pd
from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import QLabel, QSplitter, QTableView, QVBoxLayout, QWidget

from caseload_reporter.analysis.chart_specs import district_totals_chart
from caseload_reporter.analysis.inputs import first_missing, missing
from caseload_reporter.analysis.measures import district_capacity, summarise
from caseload_reporter.analysis.thresholds import BASES
from caseload_reporter.core.words import join_and
from caseload_reporter.reading.values import Period
from caseload_reporter.session.session import Session
from caseload_reporter.ui.chart_view import ChartView
from caseload_reporter.ui.dataframe_model import DataFrameModel, places
from caseload_reporter.ui.pages.data_view import DataView
from caseload_reporter.ui.tables import fitted_table

COLUMNS = ["name", "teams_over", "average", "workers", "fte", "cases", "min", "max", "over_ceiling", "agency_workers"]


class DistrictsPage(DataView):
    drill_down = Signal(str)  # a district's name: show its teams

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self._cache: dict[str, tuple[pd.DataFrame, pd.DataFrame]] = {}
        self._chart_drawn = False
        layout = QVBoxLayout(self)
        self.heading = QLabel("<h2>Districts</h2>", self)
        self.heading.setTextFormat(Qt.TextFormat.RichText)
        layout.addWidget(self.heading)
        self.caption = QLabel(self)
        self.caption.setWordWrap(True)
        layout.addWidget(self.caption)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.model = DataFrameModel(parent=self)
        self.table = QTableView(splitter)
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        fitted_table(self.table, "Districts with their caseloads; press Enter on a district to see its teams")
        self.table.activated.connect(self._open_district)  # Enter, as well as a double-click
        self.chart = ChartView("Total cases by district over time", splitter)
        splitter.setSizes([260, 420])
        layout.addWidget(splitter, 1)

    def data_changed(self) -> None:
        self._cache.clear()
        self._chart_drawn = False

    def _draw_chart(self) -> None:
        """The totals chart covers every period, so it is drawn once per dataset, when first seen."""
        if not self._chart_drawn and self.thresholds is not None:
            self.chart.show_spec(district_totals_chart(self._summaries()[0]))
            self._chart_drawn = True

    def _summaries(self) -> tuple[pd.DataFrame, pd.DataFrame]:
        """(districts, teams) for every period, once per basis."""
        basis = self.filters.basis
        if basis not in self._cache and self.thresholds is not None:
            frame = self.dataset.caseloads
            self._cache[basis] = (
                summarise(frame, "district", self.thresholds, basis=basis),
                summarise(frame, "team", self.thresholds, basis=basis),
            )
        return self._cache.get(basis, (pd.DataFrame(), pd.DataFrame()))

    def refresh(self) -> None:
        districts, teams = self._summaries()
        frame = self.dataset.caseloads
        self._draw_chart()
        if self.thresholds is None or frame.empty:
            self.caption.setText(missing("caseloads"))
            self.model.set_frame(pd.DataFrame())
            return
        if districts.empty:
            self.caption.setText(missing("districts"))
            self.model.set_frame(pd.DataFrame())
            return
        period = self.filters.period if self.filters.period is not None else frame["period"].max()
        rows = districts[districts["period"] == period]
        if self.filters.district is not None:
            rows = rows[rows["name"] == self.filters.district]
        shown = rows[COLUMNS[2:]].assign(name=rows["name"])
        notes = []
        now = teams[(teams["period"] == period) & teams["district"].notna()]
        if not now.empty:
            rated = now[now["status"].notna()]
            over = rated[rated["status"].isin(["amber", "red"])].groupby("district").size()
            known = set(rated["district"])
            shown = shown.assign(
                teams_over=[over.get(n, 0) if n in known else np.nan for n in rows["name"]],
            )
        else:
            notes.append(
                "Teams above target are not shown: the data has no team figures for the districts in this period."
            )
        capacity = district_capacity(rows, self.dataset.establishment, self.thresholds.children_per_unit)
        if not capacity.empty:
            by_name = capacity.set_index("name")
            shown = shown.assign(
                units=shown["name"].map(by_name["units"]),
                supported=shown["name"].map(by_name["supported"]),
                use=shown["name"].map(by_name["use"]),
            )
            notes.append(f"Capacity: each social work unit supports {self.thresholds.children_per_unit:g} children.")
        else:
            given = sorted(set(self.dataset.establishment.dropna(subset=["units"])["district"].dropna()))
            notes.append(
                f"Capacity against the unit model is not shown: units were given for {join_and(given)}, which "
                "match none of these districts."
                if given
                else f"Capacity against the unit model is not shown. {missing('units')}"
            )
        lacking = first_missing(rows)
        if lacking is not None:
            notes.append(f"Some averages are not shown. {missing(lacking)}")
        shown = shown[[c for c in ["name", "teams_over", *COLUMNS[2:], "units", "supported", "use"] if c in shown]]
        shown = shown.drop(columns=[c for c in shown.columns if c != "name" and shown[c].isna().all()])
        kind = rows["period_kind"].iloc[0] if len(rows) else "day"
        basis = BASES[self.filters.basis]
        self.heading.setText(f"<h2>Districts — {Period(period.date(), kind).label()}</h2>")
        self.caption.setText(
            f"Average caseload {basis}. 'Teams above target' counts teams rated above or well above the target for "
            "their team type. Double-click a district, or press Enter on it, to see its teams. " + " ".join(notes)
        )
        labels = {
            "name": "District",
            "teams_over": "Teams above target",
            "average": f"Average {basis}",
            "workers": "Workers",
            "fte": "FTE",
            "cases": "Cases",
            "min": "Lowest",
            "max": "Highest",
            "over_ceiling": f"Workers over {self.thresholds.ceiling:g}",
            "agency_workers": "Agency workers",
            "units": "Units",
            "supported": "Children the units support",
            "use": "Use of capacity",
        }
        formatters = {
            "average": places(1),
            "fte": places(1),
            **{c: places(0) for c in COLUMNS[3:] if c != "fte"},
            "teams_over": places(0),
            "units": places(0),
            "supported": places(0),
            "use": lambda v: f"{v:.0%}",
        }
        self.model.set_frame(shown.reset_index(drop=True), column_labels=labels, formatters=formatters)

    def _open_district(self, index: QModelIndex) -> None:
        frame = self.model.frame()
        if index.isValid() and index.row() < len(frame):
            self.drill_down.emit(str(frame.iloc[index.row()]["name"]))
