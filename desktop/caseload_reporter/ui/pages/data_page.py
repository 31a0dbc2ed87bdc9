"""The Data page: what was imported, how each sheet was understood, and every row not imported."""

from __future__ import annotations

import pandas as pd
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTableView,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from caseload_reporter.core.words import join_and, plural
from caseload_reporter.reading.dataset import Dataset
from caseload_reporter.reading.fields import FIELD_LABELS
from caseload_reporter.reading.sheet_result import LAYOUT_LABELS, SHEET_STATUSES
from caseload_reporter.ui.canonical_display import SHOWN_COLUMNS, for_display
from caseload_reporter.ui.dataframe_model import DataFrameModel
from caseload_reporter.ui.tables import fitted_table

REJECTED_LABELS = {
    "file": "File",
    "sheet": "Sheet",
    "row": "Row",
    "column": "Column",
    "value": "Value",
    "reason": "Reason",
}


def rejected_frame(dataset: Dataset) -> pd.DataFrame:
    rows = [
        {"file": f.path.name, "sheet": r.sheet, "row": r.row, "column": r.column, "value": r.value, "reason": r.reason}
        for f in dataset.files
        for s in f.sheets
        for r in s.rejected
    ]
    return pd.DataFrame(rows, columns=list(REJECTED_LABELS))


class DataPage(QWidget):
    """Shows what the importer understood, with every row not imported, and leads to corrections."""

    review_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        self.heading = QLabel("<h2>Data</h2>", self)
        layout.addWidget(self.heading)
        top = QHBoxLayout()
        self.intro = QLabel("No data is open. Use File > Open, or drop a spreadsheet on this window.", self)
        self.intro.setWordWrap(True)
        top.addWidget(self.intro, 1)
        self.review_button = QPushButton("Check how files were read…", self)
        self.review_button.setToolTip("Correct the header row, layout, columns or team types of the open files")
        self.review_button.clicked.connect(self.review_requested)
        self.review_button.setEnabled(False)
        top.addWidget(self.review_button)
        layout.addLayout(top)

        splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.files_tree = QTreeWidget(splitter)
        self.files_tree.setHeaderLabels(["File or sheet", "What was understood", "Rows read", "Rows not imported"])
        self.files_tree.setAccessibleName("Imported files and how each sheet was understood")
        self.files_tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.files_tree.header().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)

        self.tabs = QTabWidget(splitter)
        self.tabs.setAccessibleName("Caseload rows, rows not imported, and notes")
        self.records_model = DataFrameModel(parent=self)
        self.records_view = self._table(self.records_model, "Caseload rows in use")
        # The caseload rows, or why there are none (the files open hold other figures).
        self.records_empty = QLabel(self)
        self.records_empty.setWordWrap(True)
        self.records_empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.records_empty.setMargin(24)
        self.records_stack = QStackedWidget(self)
        self.records_stack.addWidget(self.records_view)
        self.records_stack.addWidget(self.records_empty)
        self.rejected_model = DataFrameModel(parent=self)
        self.rejected_view = self._table(self.rejected_model, "Rows that were not imported, with the reason")
        self.notes_list = QListWidget(self)
        self.notes_list.setAccessibleName("Notes found below tables, and warnings")
        self.tabs.addTab(self.records_stack, "Caseload rows")
        self.tabs.addTab(self.rejected_view, "Rows not imported")
        self.tabs.addTab(self.notes_list, "Notes and warnings")
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 2)
        layout.addWidget(splitter, 1)

    def _table(self, model: DataFrameModel, name: str) -> QTableView:
        view = QTableView(self)
        view.setModel(model)
        view.setSortingEnabled(True)
        view.setAlternatingRowColors(True)
        view.horizontalHeader().setStretchLastSection(True)
        view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 10)
        return fitted_table(view, name)

    def show_dataset(self, dataset: Dataset) -> None:
        self.files_tree.clear()
        for result in dataset.files:
            status = f"Read as {result.format_name}" if result.ok else result.error or "Not read"
            top = QTreeWidgetItem(
                [result.path.name, status, f"{result.imported_count():,}", f"{result.rejected_count():,}"]
            )
            top.setToolTip(0, str(result.path))
            for sheet in result.sheets:
                periods = sheet.periods()
                span = f"; {periods[0].label()} to {periods[-1].label()} ({len(periods)} periods)" if periods else ""
                headers = ", ".join(str(n) for n in sheet.header_rows)
                mapping = "; ".join(f"{FIELD_LABELS.get(k, k)} from '{v}'" for k, v in sheet.mapping.items())
                status = SHEET_STATUSES[sheet.status]
                what = f"{status}: {LAYOUT_LABELS[sheet.layout]}; header row {headers or 'none'}{span}"
                child = QTreeWidgetItem(
                    [f"Sheet '{sheet.name}'", what, f"{sheet.imported_count():,}", f"{len(sheet.rejected):,}"]
                )
                if mapping:
                    child.addChild(QTreeWidgetItem(["Columns", mapping, "", ""]))
                for doubt in sheet.doubts:
                    if doubt.endswith("was not used"):
                        continue  # the column is listed below
                    label = "Checked by you" if sheet.confirmed else "Please check"
                    child.addChild(QTreeWidgetItem([label, f"{doubt[0].upper()}{doubt[1:]}.", "", ""]))
                for column in sheet.unused:
                    child.addChild(QTreeWidgetItem(["Column not used", column.describe(), "", ""]))
                for number in range(child.childCount()):  # long lines are cut with '…': the whole line on hover
                    if (line := child.child(number)) is not None:
                        line.setToolTip(1, line.text(1))
                child.setToolTip(1, what)
                top.addChild(child)
            self.files_tree.addTopLevelItem(top)
            top.setExpanded(True)
            for number, sheet in enumerate(result.sheets):  # open the sheets that have something to say
                if (sheet.doubts or sheet.unused) and (item := top.child(number)) is not None:
                    item.setExpanded(True)
        self.records_model.set_frame(*for_display(dataset.caseloads, SHOWN_COLUMNS))
        self.records_empty.setText(no_caseloads_text(dataset))
        self.records_stack.setCurrentWidget(self.records_empty if dataset.caseloads.empty else self.records_view)
        rejected = rejected_frame(dataset)
        self.rejected_model.set_frame(rejected, column_labels=REJECTED_LABELS)
        self.notes_list.clear()
        for result in dataset.files:
            for sheet in result.sheets:
                for row, text in sheet.notes:
                    self.notes_list.addItem(
                        f"{result.path.name}, sheet '{sheet.name}', row {row} (note, not imported): {text}"
                    )
                for warning in sheet.warnings:
                    self.notes_list.addItem(f"{result.path.name}, sheet '{sheet.name}': {warning}")
        self.tabs.setTabText(0, f"Caseload rows ({len(dataset.caseloads):,})")
        self.tabs.setTabText(1, f"Rows not imported ({len(rejected):,})")
        self.tabs.setTabText(2, f"Notes and warnings ({self.notes_list.count():,})")
        self.review_button.setEnabled(any(f.ok for f in dataset.files))
        sheets = [s for f in dataset.files for s in f.sheets]
        unused = sum(len(s.unused) for s in sheets)
        to_check = sum(1 for s in sheets if s.status == "check")
        extra = []
        if to_check:
            extra.append(f"{plural(to_check, 'sheet')} to check: use 'Check how files were read…'.")
        if unused:
            owner = "its" if unused == 1 else "their"
            extra.append(f"{plural(unused, 'column')} not used, listed under {owner} sheet.")
        self.intro.setText(
            " ".join(
                [
                    rows_text(dataset, len(rejected)),
                    "Each sheet below shows the layout, header rows and columns the importer recognised.",
                    *extra,
                ]
            )
        )


def rows_in_use(dataset: Dataset) -> int:
    """Rows the pages work from: caseloads, service measures, team establishment and published statistics."""
    published = (len(dataset.benchmarks.frame) if dataset.benchmarks is not None else 0) + len(dataset.neighbours or {})
    return len(dataset.caseloads) + len(dataset.measures) + len(dataset.establishment) + published


def rows_text(dataset: Dataset, rejected: int) -> str:
    """'2 files open; 50 rows in use of 100 read: ...': what is used, and why any row read is not."""
    read = sum(r.imported_count() for r in dataset.files if r.ok)
    in_use = rows_in_use(dataset)
    text = f"{plural(len(dataset.files), 'file')} open; {plural(in_use, 'row')} in use"
    if read > in_use:
        text += (
            f" of {read:,} read: {plural(read - in_use, 'row')} left out because another file has figures for the "
            "same periods (figures are never counted twice)"
        )
    return f"{text}; {rejected:,} not imported."


def no_caseloads_text(dataset: Dataset) -> str:
    """Why the caseload table is empty: nothing open, or the files hold other kinds of figures."""
    if not dataset.files:
        return "No data is open. Use File > Open, or drop a spreadsheet on this window."
    held = []
    if not dataset.measures.empty:
        held.append("service measures (see Service measures)")
    if dataset.has_published_statistics():
        held.append("published statistics (see Benchmarks)")
    if not dataset.establishment.empty:
        held.append("team establishment figures")
    if held:
        return f"No caseload rows: the files open hold {join_and(held)}."
    return "No caseload rows: nothing in the files open was read as caseloads. The sheets above say why."
