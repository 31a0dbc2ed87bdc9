"""The Benchmarks page: the officer's council against England, its region and its statistical neighbours.

From the Department for Education's workforce statistics and statistical neighbours model shipped with
the app (or a newer release the officer opens with File > Open), it shows one measure year by year as a
table and a chart, and all four measures for one year with the council's rank in its region. Until a
council is chosen it answers the first question, "how do our caseloads compare with England's?", from
the council's own data and the England series.

The council is chosen once and remembered by its stable old code (QSettings), so it survives both a
restart and a new release of the file in which its nine-character code has changed.
"""

from __future__ import annotations

import pandas as pd
from PySide6.QtCore import QSettings, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSizePolicy,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from caseload_reporter.analysis.benchmark_councils import (
    BenchmarkProblem,
    Council,
    council_list,
    find_council,
    neighbours_named,
    year_for,
)
from caseload_reporter.analysis.benchmark_sources import statistics_in_use
from caseload_reporter.analysis.benchmark_words import (
    NEIGHBOURS_HEADING,
    figure_text,
    gap_notes,
    measures_text_table,
    years_text_table,
)
from caseload_reporter.analysis.benchmarking import MEASURES, SOURCE, benchmark_table, benchmark_years
from caseload_reporter.analysis.chart_specs import benchmark_chart, england_chart
from caseload_reporter.analysis.england import england_caseload_per_fte, own_against_england
from caseload_reporter.analysis.thresholds import default_thresholds
from caseload_reporter.core.words import join_and
from caseload_reporter.reading.published_statistics import WorkforceStatistics
from caseload_reporter.session.session import Session
from caseload_reporter.ui.chart_view import ChartView
from caseload_reporter.ui.dataframe_model import DataFrameModel
from caseload_reporter.ui.message_strip import MessageStrip
from caseload_reporter.ui.pages.data_view import DataView
from caseload_reporter.ui.tables import fitted_table

COUNCIL_KEY = "benchmarks/council"
PLACEHOLDER = "Type or choose your council…"


def remembered_council(settings: QSettings | None = None) -> str | None:
    """The council the officer chose last time (its old_la_code), or None."""
    value = (settings or QSettings()).value(COUNCIL_KEY)
    return str(value) if value not in (None, "") else None


def remember_council(code: str | None, settings: QSettings | None = None) -> None:
    settings = settings or QSettings()
    if code:
        settings.setValue(COUNCIL_KEY, code)
    else:
        settings.remove(COUNCIL_KEY)
    settings.sync()


def _table(name: str, parent: QWidget) -> tuple[QTableView, DataFrameModel]:
    model = DataFrameModel(parent=parent)
    view = QTableView(parent)
    view.setModel(model)
    view.verticalHeader().hide()
    view.horizontalHeader().setStretchLastSection(True)
    view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
    return fitted_table(view, name), model


class BenchmarksPage(DataView):
    council_changed = Signal(object)  # the chosen council's old_la_code, or None

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self._stats: WorkforceStatistics | None = None
        self._councils: list[Council] = []
        self._council: str | None = remembered_council()
        self._year_chosen = False
        self._loaded = False
        self._build()

    # -- construction ---------------------------------------------------------------------
    def _build(self) -> None:
        layout = QVBoxLayout(self)
        self.heading = QLabel("<h2>Benchmarks</h2>", self)
        self.heading.setTextFormat(Qt.TextFormat.RichText)
        layout.addWidget(self.heading)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setAccessibleDescription("What this page compares, and what to open to compare more")
        layout.addWidget(self.status)
        self.message = MessageStrip("Benchmarks message", self)

        controls = QHBoxLayout()
        council_label = QLabel("&Council:", self)
        self.council_combo = QComboBox(self)
        self.council_combo.setEditable(True)
        self.council_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.council_combo.setMinimumContentsLength(34)
        self.council_combo.setMaxVisibleItems(20)
        self.council_combo.setAccessibleName("Your council in the published statistics: type its name or code")
        # Typing goes into the box's own text field, which a screen reader announces on its own: name it too.
        self._council_edit().setAccessibleName(self.council_combo.accessibleName())
        self._council_edit().setPlaceholderText(PLACEHOLDER)
        completer = QCompleter(self.council_combo.model(), self.council_combo)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.council_combo.setCompleter(completer)
        self.council_combo.activated.connect(self._council_activated)
        self._council_edit().editingFinished.connect(self._council_typed)
        council_label.setBuddy(self.council_combo)
        measure_label = QLabel("&Measure:", self)
        self.measure_combo = QComboBox(self)
        self.measure_combo.setAccessibleName("Measure compared year by year")
        for key, label in MEASURES.items():
            self.measure_combo.addItem(label, key)
        self.measure_combo.currentIndexChanged.connect(lambda _i: self.refresh())
        measure_label.setBuddy(self.measure_combo)
        controls.addWidget(council_label)
        controls.addWidget(self.council_combo)
        controls.addSpacing(16)
        controls.addWidget(measure_label)
        controls.addWidget(self.measure_combo)
        controls.addStretch(1)
        layout.addLayout(controls)
        self.prompt = QLabel(self)  # shown while no council is chosen: what to do, in bold
        self.prompt.setWordWrap(True)
        self.prompt.setTextFormat(Qt.TextFormat.RichText)
        layout.addWidget(self.prompt)

        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        left = QWidget(splitter)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        self.years_heading = QLabel("<b>Year by year</b>", left)
        self.years_heading.setTextFormat(Qt.TextFormat.RichText)
        left_layout.addWidget(self.years_heading)
        self.years_table, self.years_model = _table("Year by year: your council against its comparators", left)
        left_layout.addWidget(self.years_table, 1)
        self.gaps = QLabel(left)
        self.gaps.setWordWrap(True)
        self.gaps.setTextFormat(Qt.TextFormat.PlainText)
        self.gaps.setAccessibleDescription("Why some figures are missing")
        left_layout.addWidget(self.gaps)
        self.chart = ChartView("Your council against England, its region and its neighbours", splitter)
        splitter.setSizes([680, 440])
        layout.addWidget(splitter, 3)

        self.summary = QWidget(self)
        summary_layout = QVBoxLayout(self.summary)
        summary_layout.setContentsMargins(0, 0, 0, 0)
        year_row = QHBoxLayout()
        self.summary_heading = QLabel("<b>All four measures in</b>", self.summary)
        self.summary_heading.setTextFormat(Qt.TextFormat.RichText)
        self.year_combo = QComboBox(self.summary)
        self.year_combo.setAccessibleName("Year of the four-measure summary")
        self.year_combo.currentIndexChanged.connect(self._year_changed)
        self.summary_heading.setBuddy(self.year_combo)
        year_row.addWidget(self.summary_heading)
        year_row.addWidget(self.year_combo)
        year_row.addStretch(1)
        summary_layout.addLayout(year_row)
        self.summary_table, self.summary_model = _table("All four measures for one year, with the rank", self.summary)
        summary_layout.addWidget(self.summary_table)
        self.summary.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        layout.addWidget(self.summary, 0)
        self.source = QLabel(self)
        self.source.setWordWrap(True)
        self.source.setTextFormat(Qt.TextFormat.PlainText)
        self.source.setAccessibleDescription("Where the figures come from")
        layout.addWidget(self.source)
        layout.addWidget(self.message)  # at the foot of the page: a problem shown never moves the figures

    def _year_changed(self, _index: int) -> None:
        self._year_chosen = True  # the officer's choice now, not the open data's year
        self.refresh()

    # -- the council --------------------------------------------------------------------------
    @property
    def is_sample(self) -> bool:
        """The sample council is fictional, so it is not in the published statistics."""
        return self.session.is_sample

    def council_code(self) -> str | None:
        """The chosen council's old_la_code (remembered from last time until another is chosen)."""
        return self._council

    def choose_council(self, code: str | None) -> None:
        """Compare this council from now on, and remember it for the next run."""
        changed = code != self._council
        self._council = code
        remember_council(code)
        self.message.hide()
        self._select_in_combo()
        if changed:
            self.council_changed.emit(code)
        self.refresh()

    def _council_activated(self, index: int) -> None:
        code = self.council_combo.itemData(index)
        if code:
            self.choose_council(str(code))

    def _council_typed(self) -> None:
        """Typed text: a name, part of one, or an old or new code; one sentence if it names no council."""
        text = self.council_combo.currentText().strip()
        current = self.council_combo.currentIndex()
        if not self._loaded:
            self._load_statistics()
        if self._stats is None or not text or (current >= 0 and text == self.council_combo.itemText(current)):
            return
        try:
            self.choose_council(find_council(self._stats, text))
        except BenchmarkProblem as problem:
            self.message.show_message(str(problem))

    def _select_in_combo(self) -> None:
        index = self.council_combo.findData(self._council) if self._council else -1
        self.council_combo.blockSignals(True)
        self.council_combo.setCurrentIndex(index)
        if index < 0:
            self.council_combo.setEditText("")
        self.council_combo.blockSignals(False)

    # -- the data -----------------------------------------------------------------------------
    def data_changed(self) -> None:
        self._loaded = False  # read the statistics when the page is next seen, not at start-up (about 0.1 s)

    def _load_statistics(self) -> None:
        """The councils and years of the statistics in use: the shipped release or a newer one opened."""
        self._loaded = True
        used = statistics_in_use(self.dataset)
        stats = used.workforce
        if stats is self._stats:
            return
        self._stats = stats
        self._councils = council_list(stats)
        latest = stats.years[-1] if stats.years else None
        self.council_combo.blockSignals(True)
        self.council_combo.clear()
        for council in self._councils:
            self.council_combo.addItem(council.label(latest), council.code)
        self.council_combo.blockSignals(False)
        self._select_in_combo()
        self.year_combo.blockSignals(True)
        self.year_combo.clear()
        for year in reversed(stats.years):
            self.year_combo.addItem(str(year), year)
        self.year_combo.blockSignals(False)
        self._year_chosen = False
        known = {c.code for c in self._councils}
        if self._council and self._council not in known:
            self.message.show_message(
                f"The council chosen before (code {self._council}) is not in this statistics file: choose yours again."
            )
        elif used.note:
            self.message.show_message(used.note)

    def _council_edit(self) -> QLineEdit:
        """The council box's text field (the box is editable, so it has one)."""
        edit = self.council_combo.lineEdit()
        assert edit is not None
        return edit

    def refresh(self, *_args: object) -> None:
        if not self._loaded:
            self._load_statistics()
        used = statistics_in_use(self.dataset)
        council = next((c for c in self._councils if c.code == self._council), None)
        self.measure_combo.setEnabled(council is not None)
        if council is None:
            self._show_against_england()
            return
        self.prompt.hide()
        self._show_council(used.workforce, council)

    def _data_year(self, stats: WorkforceStatistics, council: Council) -> int | None:
        """The year the open data's latest period compares with, as a paper from it would."""
        periods = self.dataset.periods()
        try:
            return year_for(stats, council, periods[-1] if periods else None)
        except BenchmarkProblem:
            return None

    def _show_council(self, stats: WorkforceStatistics, council: Council) -> None:
        used = statistics_in_use(self.dataset)
        measure = self.measure_combo.currentData() or "caseload_fte"
        neighbours = used.neighbours
        try:
            years = benchmark_years(stats, council.code, measure, neighbours)
        except BenchmarkProblem as problem:
            self.message.show_message(str(problem))
            return
        region = str(years["region name"].iloc[-1])
        self.heading.setText(f"<h2>Benchmarks — {council.name} against England, {region} and its neighbours</h2>")
        named = neighbours_named(stats, neighbours, council.code)
        status = [
            f"Published figures for {council.name} ({council.code}) in {region}, {stats.years[0]} to "
            f"{stats.years[-1]}: one measure year by year, and all four measures for one year below."
        ]
        if named:
            status.append(f"Its statistical neighbours: {join_and([n.name for n in named])}.")
        self.status.setText(" ".join(status))
        self.years_heading.setText(f"<b>{MEASURES[measure]}, year by year</b>")
        self.years_model.set_frame(years_text_table(years, council.name), column_labels=self._short_labels(region))
        self.gaps.setText(" ".join(gap_notes(years, council.name)))
        self.gaps.setVisible(bool(self.gaps.text()))
        self.chart.show_spec(benchmark_chart(years, measure, council.name))
        self.summary.show()
        if not self._year_chosen:  # the year of the open data, as the paper compares it, until one is chosen
            paper_year = self._data_year(stats, council)
            index = self.year_combo.findData(paper_year) if paper_year else -1
            if index >= 0 and index != self.year_combo.currentIndex():
                self.year_combo.blockSignals(True)
                self.year_combo.setCurrentIndex(index)
                self.year_combo.blockSignals(False)
        year = self.year_combo.currentData()
        try:
            table = benchmark_table(stats, council.code, year, neighbours)
        except BenchmarkProblem as problem:
            self.summary_model.set_frame(pd.DataFrame({"": [str(problem)]}))
        else:
            self.summary_model.set_frame(measures_text_table(table, council.name), self._short_labels(region))
            self.summary_table.setFixedHeight(self._rows_height(self.summary_table))
        source = [f"Source: {SOURCE}, at 30 September each year; {used.workforce_from}."]
        source.append(
            f"The neighbours' average is the mean of {council.name}'s statistical neighbours that have a figure, "
            f"from {used.neighbours_from}."
        )
        source.append("A rank counts the councils of the region with a figure that year.")
        if used.note:
            source.append(used.note)
        self.source.setText(" ".join(source))

    def _show_against_england(self) -> None:
        """Until a council is chosen: the built-in England series against the council's own data."""
        name = self.dataset.name or "Your council"
        frame = own_against_england(self.dataset.caseloads, self.thresholds or default_thresholds())
        has_own = bool(frame["own"].notna().any())
        self.heading.setText("<h2>Benchmarks — average caseload per FTE against England</h2>")
        if has_own:
            lead = f"{name}'s own average caseload per FTE, from its caseload data, against England's."
        elif self.dataset.caseloads.empty:
            lead = "No caseload data is open, so only England's average caseload per FTE is shown."
        else:
            lead = f"{name}'s data has no FTE figures, so only England's average caseload per FTE is shown."
        self.status.setText(lead)
        sample = (
            f" {name} is the built-in sample council: it is fictional and not in the Department for Education's "
            "statistics, so choose any real council to see how the comparison works."
            if self.is_sample
            else ""
        )
        self.prompt.setText(
            "<b>Choose your council above</b> to compare it with England, its region and its statistical "
            f"neighbours, year by year, from the published statistics built into the app.{sample}"
        )
        self.prompt.show()
        own_label = f"{name} (your data)"
        shown = pd.DataFrame(
            {
                "Year": [str(y) for y in frame["year"]],
                "England": [figure_text(v) for v in frame["England"]],
                own_label: [figure_text(v) for v in frame["own"]],
                "Your figure is from": [p.label() if p is not None else "" for p in frame["period"]],
            }
        )
        if not has_own:
            shown = shown[["Year", "England"]]
        self.years_heading.setText("<b>Average caseload per FTE, year by year</b>")
        self.years_model.set_frame(shown)
        self.gaps.setText(
            "England's figure is the national snapshot at 30 September; yours is from the last period of each year "
            "in your data. 'no figure': England's figure for that year is not yet built in, or your data does not "
            "cover the year."
            if has_own
            else ""
        )
        self.gaps.setVisible(has_own)
        self.chart.show_spec(england_chart(frame, name))
        self.summary.hide()
        self.source.setText(f"England: {england_caseload_per_fte().source}")

    # -- helpers ------------------------------------------------------------------------------
    @staticmethod
    def _short_labels(region: str) -> dict[str, str]:
        """Narrow column headings on screen (the status line names the region), so the rank fits beside them."""
        return {region: "Region", NEIGHBOURS_HEADING: "Neighbours' average", "Rank in its region": "Rank in region"}

    @staticmethod
    def _rows_height(view: QTableView) -> int:
        rows = view.model().rowCount()
        return view.horizontalHeader().height() + sum(view.rowHeight(r) for r in range(rows)) + 2 * view.frameWidth()
