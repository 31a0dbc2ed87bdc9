"""Charts render in print style to PNGs wide enough for the report, from the same spec as the screen."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
from PySide6.QtGui import QColor, QImage

from caseload_reporter.analysis.chart_specs import Band, ChartSpec, ReferenceLine, Series
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


def test_print_png_is_wide_white_and_uses_the_safe_palette(qapp, tmp_path: Path) -> None:
    path = render_png(spec(), tmp_path / "chart.png", width=1800, height=1000)
    image = QImage(str(path))
    assert image.width() == 1800 and image.height() == 1000
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
    assert [label for _, label in ticks] == ["Jan 2022", "Mar 2022", "May 2022"]


def test_weekly_axis_never_repeats_a_label() -> None:
    quarter = [Period(dt.date(2026, 8, 3) + dt.timedelta(weeks=i), "week") for i in range(13)]
    labels = [label for _, label in period_ticks(quarter, most=8)]
    assert labels[:3] == ["3 Aug", "17 Aug 2026", "31 Aug"]
    two_years = [Period(dt.date(2024, 11, 4) + dt.timedelta(weeks=i), "week") for i in range(104)]
    labels = [label for _, label in period_ticks(two_years, most=8)]
    assert len(labels) == len(set(labels)) and labels[0] == "Nov 2024"
