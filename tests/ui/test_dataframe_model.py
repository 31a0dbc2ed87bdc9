"""DataFrameModel: lazy loading, cell text, sorting and headers over real DataFrames."""

from __future__ import annotations

import time

import numpy as np
import pandas as pd
import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QTableView

from caseload_reporter.ui.dataframe_model import CHUNK_ROWS, SORT_ROLE, DataFrameModel

DISPLAY = Qt.ItemDataRole.DisplayRole


def _column(model: DataFrameModel, column: int, role: int = DISPLAY) -> list[object]:
    return [model.data(model.index(row, column), role) for row in range(model.rowCount())]


@pytest.fixture
def cases() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "team": ["North", "South", None, "East"],
            "open_cases": [12, 7, 30, 7],
            "avg_days": [10.25, np.nan, 3.0, 41.96],
            "referred": pd.to_datetime(["2024-03-05", None, "2023-12-31", "2024-01-09"]),
        }
    )


def test_large_frame_is_set_quickly_and_loaded_in_chunks():
    rows = 200_000
    frame = pd.DataFrame({"child": np.arange(rows), "score": np.random.default_rng(1).random(rows)})
    model = DataFrameModel()

    began = time.perf_counter()
    model.set_frame(frame)
    assert time.perf_counter() - began < 0.5

    assert model.rowCount() == CHUNK_ROWS == 500
    assert model.canFetchMore(QModelIndex())
    model.fetchMore(QModelIndex())
    assert model.rowCount() == 1000
    assert model.data(model.index(999, 0)) == "999"


def test_fetch_more_stops_at_the_end_and_announces_new_rows(qtbot):
    model = DataFrameModel(pd.DataFrame({"n": range(1200)}))
    inserted: list[tuple[int, int]] = []
    model.rowsInserted.connect(lambda _parent, first, last: inserted.append((first, last)))

    while model.canFetchMore(QModelIndex()):
        model.fetchMore(QModelIndex())

    assert inserted == [(500, 999), (1000, 1199)]
    assert model.rowCount() == 1200
    model.fetchMore(QModelIndex())  # nothing left: no change
    assert model.rowCount() == 1200


def test_model_passes_qts_model_tester(qtmodeltester, cases):
    qtmodeltester.check(DataFrameModel(cases), force_py=True)


def test_cell_text_formats_missing_floats_and_dates(cases):
    model = DataFrameModel(cases)

    assert _column(model, 0) == ["North", "South", "", "East"]
    assert _column(model, 1) == ["12", "7", "30", "7"]
    assert _column(model, 2) == ["10.2", "", "3.0", "42.0"]
    assert _column(model, 3) == ["05/03/2024", "", "31/12/2023", "09/01/2024"]


def test_per_column_formatter_overrides_the_default(cases):
    model = DataFrameModel(cases, formatters={"avg_days": lambda v: f"{v:.0f} days"})

    assert _column(model, 2) == ["10 days", "", "3 days", "42 days"]
    assert _column(model, 1) == ["12", "7", "30", "7"]


def test_numbers_are_right_aligned_and_text_left(cases):
    model = DataFrameModel(cases)
    align = Qt.ItemDataRole.TextAlignmentRole

    right = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
    left = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
    assert model.data(model.index(0, 1), align) == int(right)
    assert model.data(model.index(1, 2), align) == int(right)  # a missing number too
    assert model.data(model.index(0, 0), align) == int(left)


def test_sort_role_gives_plain_raw_values_and_tooltips_the_full_text(cases):
    model = DataFrameModel(cases)

    assert _column(model, 2, SORT_ROLE) == [10.25, None, 3.0, 41.96]
    assert type(model.data(model.index(0, 1), SORT_ROLE)) is int
    assert model.data(model.index(0, 3), SORT_ROLE).year == 2024
    tooltip = Qt.ItemDataRole.ToolTipRole
    assert model.data(model.index(0, 0), tooltip) == "North"
    assert model.data(model.index(2, 0), tooltip) is None


def test_sort_is_stable_with_missing_values_last(cases):
    model = DataFrameModel(cases)

    model.sort(2, Qt.SortOrder.AscendingOrder)
    assert _column(model, 2) == ["3.0", "10.2", "42.0", ""]
    model.sort(2, Qt.SortOrder.DescendingOrder)
    assert _column(model, 2) == ["42.0", "10.2", "3.0", ""]

    # Ties keep their current order, both ways.
    model.sort(0, Qt.SortOrder.AscendingOrder)
    assert _column(model, 0) == ["East", "North", "South", ""]
    model.sort(1, Qt.SortOrder.AscendingOrder)
    assert _column(model, 0) == ["East", "South", "North", ""]
    model.sort(1, Qt.SortOrder.DescendingOrder)
    assert _column(model, 1) == ["30", "12", "7", "7"]
    assert _column(model, 0) == ["", "North", "East", "South"]

    assert list(model.frame().columns) == list(cases.columns)
    assert cases["team"].iloc[0] == "North"  # the caller's frame is left alone


def test_sort_resets_the_lazy_window():
    model = DataFrameModel(pd.DataFrame({"n": range(2000)}))
    model.fetchMore(QModelIndex())
    assert model.rowCount() == 1000

    model.sort(0, Qt.SortOrder.DescendingOrder)
    assert model.rowCount() == CHUNK_ROWS
    assert model.data(model.index(0, 0)) == "1999"


def test_sort_copes_with_mixed_types():
    model = DataFrameModel(pd.DataFrame({"code": ["b", 2, None, "a", 1]}, dtype=object))

    model.sort(0, Qt.SortOrder.AscendingOrder)
    assert _column(model, 0) == ["1", "2", "a", "b", ""]


def test_headers_use_labels_or_names_and_rows_count_from_one(cases):
    model = DataFrameModel()
    model.set_frame(cases, column_labels={"open_cases": "Open cases", "avg_days": "Average days"})
    horizontal = Qt.Orientation.Horizontal

    labels = [model.headerData(c, horizontal) for c in range(model.columnCount())]
    assert labels == ["team", "Open cases", "Average days", "referred"]
    assert model.headerData(0, Qt.Orientation.Vertical) == "1"
    assert model.headerData(3, Qt.Orientation.Vertical) == "4"


def test_a_view_sorting_by_header_sorts_the_frame(qtbot, cases):
    model = DataFrameModel(cases)
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    view.setSortingEnabled(True)

    view.sortByColumn(1, Qt.SortOrder.AscendingOrder)
    assert list(model.frame()["open_cases"]) == [7, 7, 12, 30]
