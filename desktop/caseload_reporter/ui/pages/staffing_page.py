"""The Staffing page: extra social workers needed to reach target averages, and their cost, option by option.

An option is a choice of team types to count (a cabinet report's options leave out adoption and
fostering, or disabled children's teams too). The officer ticks team types, keeps the choice as an
option, and compares options side by side against each target.
"""

from __future__ import annotations

import pandas as pd
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from caseload_reporter.analysis.inputs import missing
from caseload_reporter.analysis.measures import summarise
from caseload_reporter.analysis.staffing import (
    DEFAULT_COST_PER_POST,
    DEFAULT_TARGETS,
    LEFT_OUT_BY_DEFAULT,
    StaffingInputError,
    StaffingScenario,
    format_targets,
    parse_targets,
    staffing_scenario,
)
from caseload_reporter.core.words import join_and, plural
from caseload_reporter.reading.fields import TEAM_TYPES
from caseload_reporter.reading.values import Period
from caseload_reporter.session.session import Session
from caseload_reporter.ui.dataframe_model import DataFrameModel, places, pounds
from caseload_reporter.ui.pages.data_view import DataView
from caseload_reporter.ui.tables import fitted_table

STAFFING_COLUMNS = (
    "Option",
    "Team types left out",
    "FTE",
    "Cases",
    "Average per FTE",
    "Target",
    "Additional FTE",
    "Posts",
    "Cost",
)


class StaffingPage(DataView):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.options: list[set[str]] = []  # kept options: the team types each leaves out
        layout = QVBoxLayout(self)
        self.heading = QLabel("<h2>Staffing options</h2>", self)
        self.heading.setTextFormat(Qt.TextFormat.RichText)
        layout.addWidget(self.heading)
        intro = QLabel(
            "Tick the team types to count, set the target averages and the cost of one post. The figures use the "
            "period chosen above and the average caseload per FTE. Keep a choice as an option to compare options.",
            self,
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        top = QHBoxLayout()
        self.types = QListWidget(self)
        self.types.setAccessibleName("Team types counted in this option")
        self.types.itemChanged.connect(self.refresh)
        top.addWidget(self.types, 1)
        form = QFormLayout()
        self.targets = QLineEdit(format_targets(DEFAULT_TARGETS), self)
        self.targets.setAccessibleName("Target averages, separated by commas")
        self.targets.textChanged.connect(self.refresh)
        self.cost = QDoubleSpinBox(self)
        self.cost.setRange(0, 500_000)
        self.cost.setDecimals(0)
        self.cost.setSingleStep(500)
        self.cost.setPrefix("£")
        self.cost.setGroupSeparatorShown(True)  # £41,839, as the table and the sentences write it
        self.cost.setValue(DEFAULT_COST_PER_POST)
        self.cost.setAccessibleName("Full-year cost of one social worker post")
        self.cost.valueChanged.connect(self.refresh)
        form.addRow("Target averages", self.targets)
        form.addRow("Cost per post", self.cost)
        self.keep_button = QPushButton("Keep as an option", self)
        self.keep_button.clicked.connect(self.keep_option)
        self.clear_button = QPushButton("Clear kept options", self)
        self.clear_button.clicked.connect(self.clear_options)
        form.addRow(self.keep_button)
        form.addRow(self.clear_button)
        top.addLayout(form, 1)
        layout.addLayout(top)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        self.model = DataFrameModel(parent=self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        fitted_table(self.table, "Staffing options and targets side by side")
        layout.addWidget(self.table, 1)
        self.sentences = QTextBrowser(self)
        self.sentences.setAccessibleName("Each option in a sentence, as a cabinet report writes it")
        self.sentences.setMaximumHeight(130)
        layout.addWidget(self.sentences)

    def data_changed(self) -> None:
        self.types.blockSignals(True)
        self.types.clear()
        present = set(self.dataset.caseloads["team_type"].dropna())
        for key, label in TEAM_TYPES.items():
            if key in present:
                item = QListWidgetItem(label, self.types)
                item.setData(Qt.ItemDataRole.UserRole, key)
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(Qt.CheckState.Unchecked if key in LEFT_OUT_BY_DEFAULT else Qt.CheckState.Checked)
        self.types.blockSignals(False)
        self.options.clear()

    def left_out(self) -> set[str]:
        return {
            self.types.item(i).data(Qt.ItemDataRole.UserRole)
            for i in range(self.types.count())
            if self.types.item(i).checkState() != Qt.CheckState.Checked
        }

    def keep_option(self) -> None:
        """Keep the current choice of team types as the next option (a choice already kept stays as it is)."""
        if self.left_out() not in self.options:
            self.options.append(self.left_out())
        self.refresh()

    def clear_options(self) -> None:
        self.options.clear()
        self.refresh()

    def team_figures(self) -> tuple[pd.DataFrame, str]:
        frame = self.dataset.caseloads
        period = self.filters.period if self.filters.period is not None else frame["period"].max()
        rows = frame[frame["period"] == period]
        label = Period(period.date(), rows["period_kind"].iloc[0]).label() if len(rows) else ""
        return summarise(frame, "team", self.thresholds, basis="fte", periods=[period]), label

    def choices(self) -> list[tuple[str, set[str]]]:
        """(name, team types left out) of each kept option, then of the current choice if it is not kept."""
        named = [(f"Option {n}", left_out) for n, left_out in enumerate(self.options, start=1)]
        current = self.left_out()
        return named if current in self.options else [*named, ("Not kept yet", current)]

    def refresh(self, *_args: object) -> None:
        if self.dataset.caseloads.empty or self.thresholds is None:
            self.message.setText(missing("caseloads"))
            self.model.set_frame(pd.DataFrame())
            self.sentences.clear()
            return
        targets = parse_targets(self.targets.text())
        if targets is None:
            self.message.setText(
                "Problem: the targets must be numbers above 0, separated by commas (for example 18, 16)."
            )
            return
        teams, label = self.team_figures()
        choices = self.choices()
        rows, problems, uncounted = [], [], set()
        sentences: list[str] = []
        for name, left_out in choices:
            try:
                scenario = staffing_scenario(teams, left_out, targets, self.cost.value())
            except StaffingInputError as problem:
                problems.append(f"{name}: {problem}" if len(choices) > 1 else str(problem))
                continue
            uncounted.update(scenario.uncounted)
            rows.extend(self._rows(name, scenario))
            sentences.extend(f"{name}: {scenario.sentence(o, self.cost.value())}" for o in scenario.options)
        self.heading.setText(f"<h2>Staffing options — {label}</h2>" if label else "<h2>Staffing options</h2>")
        parts = [self._kept_text()] if rows else []
        if rows:
            parts.append("Additional FTE = cases ÷ target − current FTE; posts rounded to the nearest whole post.")
        if uncounted:
            parts.append(f"Not counted, as the data gives them no cases or no FTE: {join_and(sorted(uncounted))}.")
        parts.extend(problems)
        self.message.setText(" ".join(parts))
        self.model.set_frame(
            pd.DataFrame(rows, columns=list(STAFFING_COLUMNS)),
            formatters={
                "FTE": places(2),
                "Cases": places(0),
                "Average per FTE": places(1),
                "Target": lambda v: f"{v:g}",
                "Additional FTE": places(2),
                "Posts": places(0),
                "Cost": pounds,
            },
        )
        self.sentences.setPlainText("\n".join(sentences))

    def _kept_text(self) -> str:
        """What Keep did: the choice shown is kept as option n, or not kept yet."""
        current = self.left_out()
        if current in self.options:
            number = self.options.index(current) + 1
            others = len(self.options) - 1
            more = (
                f" beside {plural(others, 'other option')}"
                if others
                else ". Tick other team types and keep them too to compare options side by side"
            )
            return f"This choice is kept as option {number}{more}."
        kept = f"{plural(len(self.options), 'option')} kept. " if self.options else ""
        return f"{kept}The current choice is not kept yet: choose Keep as an option to compare it with others."

    @staticmethod
    def _rows(name: str, scenario: StaffingScenario) -> list[dict[str, object]]:
        left_out = ", ".join(TEAM_TYPES[t] for t in scenario.excluded) or "none"
        return [
            {
                "Option": name,
                "Team types left out": left_out,
                "FTE": scenario.fte,
                "Cases": scenario.cases,
                "Average per FTE": scenario.average,
                "Target": option.target,
                "Additional FTE": option.additional_fte,
                "Posts": option.posts,
                "Cost": option.cost,
            }
            for option in scenario.options
        ]
