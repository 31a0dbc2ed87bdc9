"""Charts render in print style to PNGs wide enough for the report, from the same spec as the screen."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
from PySide6.QtGui import QColor, QImage

from caseload_reporter.analysis.chart_specs import CHART_WIDTH_CM, Band, ChartSpec, ReferenceLine, Series
from caseload_reporter.reading.values import Period
from caseload_reporter.ui.chart_images import PALETTE, period_ticks, render_png


def spec() -> ChartSpec:
    months = tuple(Period(dt.date(2022, m, 1), "month") for m in range(1, 7))
    return ChartSpec(
        "Average caseload",
        "Average caseload per FTE",
        [
            Series("Assessment Team 1", months, (24.0, 25.0, None, 23.0, 22.0, 21.0)),
            Series("Assessment Team 2", months, (18.0, 18.5, 19.0, 19.5, 20.0, 20.5)),
        ],
        bands=[Band(22, 22, "Target for assessment: 22")],
        lines=[ReferenceLine(16.6, "England average 2022: 16.6")],
    )


def colours_in(image: QImage) -> set[str]:
    found = set()
    for y in range(0, image.height(), 4):
        for x in range(0, image.width(), 4):
            found.add(QColor(image.pixel(x, y)).name().lower())
    return found


def test_print_png_is_the_printed_width_white_and_uses_the_safe_palette(qapp, tmp_path: Path) -> None:
    path = render_png(spec(), tmp_path / "chart.png")
    image = QImage(str(path))
    assert image.width() == round(CHART_WIDTH_CM / 2.54 * 300)  # 300 dots per inch at the width Word prints it
    assert round(image.dotsPerMeterX() * 0.0254) == 300
    assert QColor(image.pixel(5, 5)).name() == "#ffffff"  # white background for print
    found = colours_in(image)
    assert PALETTE[0].lower() in found and PALETTE[1].lower() in found


def test_table_beside_the_chart_holds_the_same_numbers() -> None:
    table = spec().as_table()
    assert list(table.columns) == ["Period", "Assessment Team 1", "Assessment Team 2"]
    assert table["Period"].tolist()[:2] == ["Jan 2022", "Feb 2022"]
    assert pd.isna(table["Assessment Team 1"].tolist()[2])  # a gap stays a gap, never a zero
    assert table["Assessment Team 2"].tolist() == [18.0, 18.5, 19.0, 19.5, 20.0, 20.5]


def test_axis_is_labelled_with_periods_as_officers_write_them() -> None:
    ticks = period_ticks(spec().periods(), most=3)
    assert [label for _, label in ticks] == ["Jan 2022", "Apr 2022", "Jun 2022"]  # the last always labelled


def test_weekly_axis_labels_take_one_form_and_never_repeat() -> None:
    quarter = [Period(dt.date(2026, 8, 3) + dt.timedelta(weeks=i), "week") for i in range(13)]
    labels = [label for _, label in period_ticks(quarter, most=8)]
    assert labels[0] == "3 Aug" and labels[-1] == "26 Oct" and all(len(label.split()) == 2 for label in labels)
    two_years = [Period(dt.date(2024, 11, 4) + dt.timedelta(weeks=i), "week") for i in range(104)]
    labels = [label for _, label in period_ticks(two_years, most=8)]
    assert len(labels) == len(set(labels)) and labels[0] == "4 Nov 2024" and labels[-1] == "26 Oct 2026"
    assert all(len(label.split()) == 3 for label in labels)  # the year on every label when they span two
