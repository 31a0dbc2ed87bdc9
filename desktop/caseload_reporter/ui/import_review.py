"""Reviewing an import before it is used: what each sheet was understood to be, corrected by hand.

Shown when the importer is unsure (a column guessed, a layout not recognised) or when the officer
asks. Every change re-reads that sheet with the correction and refreshes the preview, so what is
confirmed is exactly what will be imported. Confirmed corrections can be remembered, so next
month's file with the same layout imports with one click.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, replace
from pathlib import Path

from PySide6.QtCore import QSize, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QScrollArea,
    QSpinBox,
    QSplitter,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from caseload_reporter.core.words import plural
from caseload_reporter.reading.choices import SheetChoice
from caseload_reporter.reading.fields import CASELOAD_FIELDS, FIELD_LABELS, TEAM_TYPES
from caseload_reporter.reading.grid import Grid, read_workbook
from caseload_reporter.reading.importer import FileResult
from caseload_reporter.reading.problems import ImportProblem
from caseload_reporter.reading.sheet_import import import_sheet
from caseload_reporter.reading.sheet_result import LAYOUT_LABELS, SHEET_STATUSES, SheetResult
from caseload_reporter.ui.canonical_display import SHOWN_COLUMNS, for_display
from caseload_reporter.ui.dataframe_model import DataFrameModel
from caseload_reporter.ui.eliding_combo import ElidingComboBox
from caseload_reporter.ui.style import fit_to_screen
from caseload_reporter.ui.tables import fitted_table

MAPPABLE_FIELDS = (
    *CASELOAD_FIELDS,
    "workers",
    "average",
    "range",
    "workers_over",
    "measure",
    "established_fte",
    "units",
)
NOT_USED = "(not used)"
CHOOSABLE_LAYOUTS = [k for k in LAYOUT_LABELS if k not in ("unrecognised", "excluded")]
PREVIEW_COLUMNS = [c for c in SHOWN_COLUMNS if c not in ("agency", "source", "sheet")]  # one file, one sheet
MEASURE_COLUMNS_SHOWN = ["measure", "period", "value", "row"]
PREFERRED_SIZE = QSize(1180, 760)  # on a screen that has the room; smaller screens get what they have


@dataclass
class _SheetState:
    file_index: int
    grid: Grid
    result: SheetResult
    choice: SheetChoice | None = None  # None until the officer changes something
    signature: str = ""  # as detected: what next month's file will be recognised by


class ImportReviewDialog(QDialog):
    """Lets the officer check and correct how each sheet was read before the rows are used."""

    def __init__(self, results: list[FileResult], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Check how your files were read")
        self.results = list(results)
        self.sheets: list[_SheetState] = []
        self._loading = False
        self._current: _SheetState | None = None
        self._refresh = QTimer(self, singleShot=True, interval=250)
        self._refresh.timeout.connect(self._reimport_current)
        self._build()
        self._load_sheets()
        fit_to_screen(self, PREFERRED_SIZE)  # never taller or wider than the screen: Import always shows

    # -- construction ---------------------------------------------------------------------
    def _build(self) -> None:
        layout = QVBoxLayout(self)
        intro = QLabel(
            "Check that each sheet was understood correctly. Where the importer had to guess, the sheet is marked "
            "'Check'. Change the header row, layout, columns or team types and the preview updates. Nothing is "
            "used until you choose Import.",
            self,
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.tree = QTreeWidget(splitter)
        self.tree.setHeaderLabels(["Sheet", "Status"])
        self.tree.setAccessibleName("Files and sheets to check")
        self.tree.setTextElideMode(Qt.TextElideMode.ElideMiddle)  # a long file name keeps its end; whole on hover
        self.tree.header().setStretchLastSection(False)
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.tree.header().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.currentItemChanged.connect(self._select)

        # The choices scroll, the preview has the rest of the height, and Import and Cancel stay below both:
        # on a small screen at 150% the whole dialog still fits.
        right = QSplitter(Qt.Orientation.Vertical, splitter)
        choices = QScrollArea(right)
        choices.setWidgetResizable(True)
        choices.setFrameShape(QScrollArea.Shape.NoFrame)
        choices.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # its fields take focus, and it scrolls to each
        form_area = QWidget(choices)
        choices.setWidget(form_area)
        right_layout = QVBoxLayout(form_area)
        right_layout.setContentsMargins(0, 0, 0, 0)
        self.doubts = QLabel(form_area)
        self.doubts.setWordWrap(True)
        self.doubts.setAccessibleDescription("What the importer was unsure about")
        right_layout.addWidget(self.doubts)

        settings = QHBoxLayout()
        left_column = QVBoxLayout()
        sheet_box = QGroupBox("Table", form_area)
        form = QFormLayout(sheet_box)
        self.include = QCheckBox("Import this sheet", sheet_box)
        self.header_row = QSpinBox(sheet_box)
        self.header_row.setRange(1, 1000)
        self.header_row.setAccessibleName("Row that holds the column headings")
        self.two_rows = QCheckBox("Headings take two rows (a group label above)", sheet_box)
        self.layout_combo = ElidingComboBox(sheet_box)
        for key in CHOOSABLE_LAYOUTS:
            self.layout_combo.addItem(LAYOUT_LABELS[key], key)
        self.layout_combo.setAccessibleName("Layout of the table")
        form.addRow(self.include)
        form.addRow("Headings in row", self.header_row)
        form.addRow(self.two_rows)
        form.addRow("Layout", self.layout_combo)
        left_column.addWidget(sheet_box)

        mapping_box = QGroupBox("Columns", form_area)
        self.mapping_form = QFormLayout(mapping_box)
        self.field_combos: dict[str, QComboBox] = {}
        for name in MAPPABLE_FIELDS:
            # A long heading is elided in the middle (whole on hover and in the list), never cut mid-word.
            combo = ElidingComboBox(mapping_box)
            combo.setAccessibleName(f"Column that holds {FIELD_LABELS[name].lower()}")
            combo.currentIndexChanged.connect(self._changed)
            self.field_combos[name] = combo
            self.mapping_form.addRow(FIELD_LABELS[name], combo)
        left_column.addWidget(mapping_box)
        left_column.addStretch(1)
        settings.addLayout(left_column, 0)

        types_box = QGroupBox("Team types", form_area)
        types_layout = QVBoxLayout(types_box)
        self.team_table = QTableWidget(0, 2, types_box)
        self.team_table.setHorizontalHeaderLabels(["Team", "Team type"])
        self.team_table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.team_table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.team_table.verticalHeader().hide()
        self.team_table.setWordWrap(False)
        # "Ashby Vale Children's Team 1" and "... Team 2" keep the ends that tell them apart; whole on hover.
        self.team_table.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.team_table.setMinimumWidth(360)
        self.team_table.setMinimumHeight(200)
        self.team_table.setAccessibleName("Team type of each team; correct any that are wrong")
        self.team_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        types_layout.addWidget(self.team_table)
        settings.addWidget(types_box, 1)
        right_layout.addLayout(settings, 1)

        preview_box = QWidget(right)
        preview_layout = QVBoxLayout(preview_box)
        preview_layout.setContentsMargins(0, 0, 0, 0)
        self.preview_label = QLabel(preview_box)
        self.preview_label.setWordWrap(True)
        preview_layout.addWidget(self.preview_label)
        self.preview_model = DataFrameModel(parent=self)
        self.preview = QTableView(preview_box)
        self.preview.setModel(self.preview_model)
        self.preview.horizontalHeader().setStretchLastSection(True)
        fitted_table(self.preview, "Preview of the rows that will be imported")
        preview_layout.addWidget(self.preview, 1)
        right.setStretchFactor(0, 3)
        right.setStretchFactor(1, 2)
        right.setChildrenCollapsible(False)
        self.tree.setMinimumWidth(200)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([240, 940])
        layout.addWidget(splitter, 1)

        self.remember = QCheckBox("Remember these choices for files laid out like this one", self)
        self.remember.setChecked(True)
        layout.addWidget(self.remember)
        self.buttons = QDialogButtonBox(self)
        self.import_button = self.buttons.addButton("Import", QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

        self.include.toggled.connect(self._changed)
        self.header_row.valueChanged.connect(self._changed)
        self.two_rows.toggled.connect(self._changed)
        self.layout_combo.currentIndexChanged.connect(self._changed)

    def _load_sheets(self) -> None:
        first_unsure = None
        for index, result in enumerate(self.results):
            top = QTreeWidgetItem([result.path.name, "" if result.ok else "Not read"])
            top.setToolTip(0, str(result.path))
            self.tree.addTopLevelItem(top)
            if not result.ok:
                top.addChild(QTreeWidgetItem([result.error or "", ""]))
                continue
            try:
                grids = {g.name: g for g in read_workbook(result.path, password=result.password).grids}
            except ImportProblem as problem:
                top.setText(1, "Not read")
                top.addChild(QTreeWidgetItem([str(problem), ""]))
                continue
            for sheet in result.sheets:
                if sheet.name not in grids:
                    continue
                state = _SheetState(index, grids[sheet.name], sheet, signature=sheet.signature)
                self.sheets.append(state)
                item = QTreeWidgetItem([sheet.name, self._status(sheet)])
                item.setToolTip(0, sheet.name)
                item.setData(0, Qt.ItemDataRole.UserRole, len(self.sheets) - 1)
                top.addChild(item)
                if first_unsure is None and sheet.unsure:
                    first_unsure = item
            top.setExpanded(True)
        target = first_unsure or self._first_sheet_item()
        if target is not None:
            self.tree.setCurrentItem(target)

    def _first_sheet_item(self) -> QTreeWidgetItem | None:
        for i in range(self.tree.topLevelItemCount()):
            top = self.tree.topLevelItem(i)
            assert top is not None  # i is below topLevelItemCount()
            for j in range(top.childCount()):
                child = top.child(j)
                if child is not None and child.data(0, Qt.ItemDataRole.UserRole) is not None:
                    return child
        return None

    @staticmethod
    def _status(sheet: SheetResult) -> str:
        status = {"understood": "Understood", "understood_with_unused": "Understood"}.get(
            sheet.status, SHEET_STATUSES[sheet.status]
        )
        if sheet.status in ("check", "excluded"):
            return status
        if sheet.unused:
            status += f", {plural(len(sheet.unused), 'column')} not used"
        if sheet.warnings:
            status += f", {plural(len(sheet.warnings), 'warning')}"
        return status

    # -- showing and changing one sheet ---------------------------------------------------
    def _select(self, item: QTreeWidgetItem | None) -> None:
        index = item.data(0, Qt.ItemDataRole.UserRole) if item else None
        self._current = self.sheets[index] if index is not None else None
        self._show_current()

    def _show_current(self) -> None:
        state = self._current
        enabled = state is not None
        for widget in (self.include, self.header_row, self.two_rows, self.layout_combo, self.team_table):
            widget.setEnabled(enabled)
        if state is None:
            return
        sheet = state.result
        self._loading = True
        try:
            self.include.setChecked(sheet.layout != "excluded")
            self.header_row.setValue(sheet.header_rows[0] if sheet.header_rows else 1)
            self.two_rows.setChecked(len(sheet.header_rows) == 2)
            layout_index = self.layout_combo.findData(sheet.layout)
            self.layout_combo.setCurrentIndex(max(layout_index, 0))
            headings = [h for h in sheet.headers if h]
            for name, combo in self.field_combos.items():
                combo.clear()
                combo.addItem(NOT_USED, "")
                for heading in headings:
                    combo.addItem(heading, heading)
                combo.setCurrentIndex(max(combo.findData(sheet.mapping.get(name, "")), 0))
            self._fill_team_types(sheet)
        finally:
            self._loading = False
        self._show_result(sheet)

    def _fill_team_types(self, sheet: SheetResult) -> None:
        frame = sheet.records
        teams = frame[["team", "team_type"]].dropna().drop_duplicates("team") if not frame.empty else frame
        self.team_table.setRowCount(len(teams))
        for row, (team, kind) in enumerate(teams[["team", "team_type"]].itertuples(index=False) if len(teams) else []):
            self.team_table.setItem(row, 0, _readonly(team))
            combo = ElidingComboBox(self.team_table, characters=16)
            for key, label in TEAM_TYPES.items():
                combo.addItem(label, key)
            combo.setCurrentIndex(max(combo.findData(kind), 0))
            combo.setAccessibleName(f"Team type of {team}")
            combo.currentIndexChanged.connect(self._changed)
            self.team_table.setCellWidget(row, 1, combo)

    def _show_result(self, sheet: SheetResult) -> None:
        lines = []
        # A doubt that only says a column was not used is asked below, with the column listed.
        doubts = [d for d in sheet.doubts if not d.endswith("was not used")]
        if doubts:
            lines.append("<b>Please check:</b> " + "; ".join(_escape(d) for d in doubts) + ".")
        if sheet.unused:
            listed = "; ".join(_escape(u.describe()) for u in sheet.unused)
            lines.append(f"<b>Not used:</b> {listed}. If one of them should be used, choose it for its field below.")
        lines.extend(_escape(w) for w in sheet.warnings)
        if not lines:
            lines.append("This sheet was understood without guessing.")
        self.doubts.setText("<br>".join(lines))
        if not sheet.records.empty:
            self.preview_model.set_frame(*for_display(sheet.records, PREVIEW_COLUMNS))
        elif not sheet.measures.empty:
            self.preview_model.set_frame(*for_display(sheet.measures, MEASURE_COLUMNS_SHOWN))
        else:
            self.preview_model.set_frame(*for_display(sheet.establishment, ["district", "team", "team_type", "row"]))
        self.preview_label.setText(
            f"Preview: {sheet.imported_count():,} rows will be imported and {len(sheet.rejected):,} will not "
            f"({LAYOUT_LABELS.get(sheet.layout, sheet.layout)})."
        )

    def current_choice(self) -> SheetChoice:
        """The choice the form shows now."""
        mapping = {name: combo.currentData() or "" for name, combo in self.field_combos.items()}
        team_types = {}
        for row in range(self.team_table.rowCount()):
            combo, team = self.team_table.cellWidget(row, 1), self.team_table.item(row, 0)
            if isinstance(combo, QComboBox) and team is not None:
                team_types[team.text()] = combo.currentData()
        return SheetChoice(
            include=self.include.isChecked(),
            header_row=self.header_row.value(),
            header_rows=2 if self.two_rows.isChecked() else 1,
            layout=self.layout_combo.currentData(),
            mapping=mapping,
            team_types=team_types,
        )

    def _changed(self, *_args: object) -> None:
        if not self._loading and self._current is not None:
            self._refresh.start()

    def _reimport_current(self) -> None:
        """Read the sheet again with the form's choice; the header row may change the columns."""
        state = self._current
        if state is None:
            return
        choice = self.current_choice()
        header_moved = state.result.header_rows[:1] != [choice.header_row] or len(state.result.header_rows) != (
            choice.header_rows or 1
        )
        if header_moved:
            # New headings: keep only the table position and let the columns be detected afresh.
            choice = replace(choice, mapping=None, layout=None, team_types={})
        result_file = self.results[state.file_index]
        state.result = import_sheet(
            state.grid, result_file.path.name, choice=choice, name_is_meaningful=result_file.format != "csv"
        )
        state.choice = choice
        self._update_status(state)
        if header_moved:
            self._show_current()
        else:
            self._show_result(state.result)

    def _update_status(self, state: _SheetState) -> None:
        item = self.tree.currentItem()
        if item is not None:
            item.setText(1, "Corrected" if state.choice is not None else self._status(state.result))

    # -- results --------------------------------------------------------------------------
    def flush(self) -> None:
        """Apply a pending change now (the preview waits a moment after each edit)."""
        if self._refresh.isActive():
            self._refresh.stop()
            self._reimport_current()

    def final_results(self) -> list[FileResult]:
        """The files with every correction applied, ready to be used."""
        self.flush()
        finals = []
        for index, result in enumerate(self.results):
            # Every sheet shown here was seen by the officer, who chose Import: checked, whatever it said.
            sheets = {s.result.name: replace(s.result, confirmed=True) for s in self.sheets if s.file_index == index}
            if not sheets:
                finals.append(result)
                continue
            updated = replace(result, sheets=[sheets.get(s.name, s) for s in result.sheets])
            updated.ok = updated.imported_count() > 0 or not result.ok
            if result.ok and updated.imported_count() == 0:
                updated.ok = False
                updated.error = f"Nothing was imported from {result.path.name}: every sheet was left out or unread."
            finals.append(updated)
        return finals

    def confirmed_choices(self) -> list[tuple[str, SheetChoice, Path]]:
        """(signature, choice, file) for each sheet the officer corrected, to remember if asked."""
        self.flush()
        if not self.remember.isChecked():
            return []
        confirmed = []
        for state in self.sheets:
            choice = state.choice
            if choice is None and state.result.unsure:
                # Imported as detected after being asked to check: that is a confirmation worth keeping,
                # so next month's file laid out the same way is not questioned again.
                choice = confirmed_as_detected(state.result)
            if choice is not None and state.signature:
                confirmed.append((state.signature, choice, self.results[state.file_index].path))
        return confirmed


def _escape(text: str) -> str:
    return html.escape(text, quote=False)


def confirmed_as_detected(sheet: SheetResult) -> SheetChoice:
    """The choice that imports ``sheet`` exactly as it was detected, every field stated."""
    mapping = {name: sheet.mapping.get(name, "") for name in MAPPABLE_FIELDS}
    return SheetChoice(
        include=sheet.layout != "excluded",
        header_row=sheet.header_rows[0] if sheet.header_rows else None,
        header_rows=len(sheet.header_rows) or None,
        layout=sheet.layout if sheet.layout not in ("unrecognised", "excluded") else None,
        mapping=mapping,
    )


def _readonly(text: str) -> QTableWidgetItem:
    item = QTableWidgetItem(str(text))
    item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
    item.setToolTip(str(text))  # the whole name where the column elides it
    return item
