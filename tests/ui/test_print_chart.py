"""Charts for print: text at least 9 pt at the printed size, measured in the image; axes labelled with
units and counted from zero; time ticks in one form with both ends labelled; flows and stocks in
separate panels; one period as bars. Shapes as the reference papers carry them."""

from __future__ import annotations

import datetime as dt
import re

import pandas as pd
import pytest
from PySide6.QtGui import QColor, QImage

from caseload_reporter.analysis.chart_specs import Band, ChartSpec, ReferenceLine, Series, measures_chart
from caseload_reporter.reading.values import Period
from caseload_reporter.reporting.chart_blocks import describe_chart
from caseload_reporter.ui.print_chart import draw_print_chart
from caseload_reporter.ui.print_chart_page import DrawnText

MIN_PT = 9.0
CAP_HEIGHT_EM = 0.68  # capitals and digits in Arial, Liberation Sans, Nimbus Sans and DejaVu Sans: 0.70 to 0.73 em


def weeks(count: int, start: dt.date = dt.date(2026, 8, 3)) -> tuple[Period, ...]:
    return tuple(Period(start + dt.timedelta(weeks=i), "week") for i in range(count))


def months(count: int, start: dt.date = dt.date(2021, 10, 1)) -> tuple[Period, ...]:
    out, day = [], start
    for _ in range(count):
        out.append(Period(day, "month"))
        day = dt.date(day.year + day.month // 12, day.month % 12 + 1, 1)
    return tuple(out)


def district_weeks() -> ChartSpec:
    """Reference paper 000: weekly total cases for five districts, counts far above zero."""
    names = ["Cambridge City", "South Cambridgeshire", "East Cambridgeshire", "Fenland", "Huntingdonshire"]
    series = [Series(n, weeks(7), tuple(float(240 + 10 * k + 3 * i) for i in range(7))) for k, n in enumerate(names)]
    return ChartSpec("Total cases by district", "Cases (children allocated)", series, decimals=0)


def team_type_months() -> ChartSpec:
    """Reference paper 001: average caseload per team type over three months, with a target band."""
    names = ["Assessment", "Children's", "Adolescent", "Children in care", "Leaving care", "Disabled children"]
    series = [Series(n, months(3, dt.date(2018, 11, 1)), (18.0 + k, 19.0 + k, 20.5 + k)) for k, n in enumerate(names)]
    return ChartSpec(
        "Average caseload by team type",
        "Average caseload (cases per FTE)",
        series,
        bands=[Band(18, 20, "Target for children's teams: 18 to 20")],
        lines=[ReferenceLine(16.1, "England average 2016: 16.1")],
    )


def scrutiny_measures() -> ChartSpec:
    """Reference paper 002: referrals (a flow) beside children on the register and looked after (stocks)."""
    rows = []
    for i, period in enumerate(months(11)):
        for measure, value in (("Referrals", 194 + 9 * i), ("Child protection register", 288 - 6 * i)):
            rows.append(
                {"period": pd.Timestamp(period.start), "period_kind": "month", "measure": measure, "value": value}
            )
        rows.append(
            {
                "period": pd.Timestamp(period.start),
                "period_kind": "month",
                "measure": "Looked after children",
                "value": 250,
            }
        )
    frame = pd.DataFrame(rows)
    return measures_chart(
        frame, ["Referrals", "Child protection register", "Looked after children"], "Service measures"
    )


def one_period() -> ChartSpec:
    """One period only: averages for four teams in March 2022 (reference paper 004's second period)."""
    march = (Period(dt.date(2022, 3, 1), "month"),)
    values = {
        "Assessment Team 1": 30.0,
        "Assessment Team 2": 24.0,
        "Assessment Team 3": 15.0,
        "Assessment Team 4": 20.0,
    }
    series = [Series(name, march, (value,)) for name, value in values.items()]
    return ChartSpec(
        "Average caseload by team", "Average caseload (cases per FTE)", series, bands=[Band(22, 22, "Target: 22")]
    )


def two_periods() -> ChartSpec:
    """Reference paper 004: December 2021 against March 2022."""
    both = (Period(dt.date(2021, 12, 1), "month"), Period(dt.date(2022, 3, 1), "month"))
    return ChartSpec(
        "Average caseload", "Average caseload (cases per FTE)", [Series("Assessment teams", both, (27.3, 21.4))]
    )


def years_across() -> ChartSpec:
    years = tuple(Period(dt.date(y, 1, 1), "year") for y in range(2016, 2026))
    values = (16.1, 17.8, 17.4, 16.9, 16.3, 16.3, 16.6, 16.0, 15.4, 15.2)
    return ChartSpec("Average caseload per FTE", "Cases per FTE", [Series("England", years, values)], x_label="Year")


SHAPES = {
    "weekly districts": district_weeks,
    "team types with a band": team_type_months,
    "flows and stocks": scrutiny_measures,
    "one period": one_period,
    "two periods": two_periods,
    "years": years_across,
    "two years of weeks": lambda: ChartSpec(
        "Cases", "Cases (children allocated)", [Series("All", weeks(104, dt.date(2024, 11, 4)), (300.0,) * 104)]
    ),
}


def ink_height(image: QImage, text: DrawnText) -> int:
    """Rows of dark pixels inside the rectangle the text was drawn in: measured from the image itself."""
    rect = text.rect.toAlignedRect().intersected(image.rect())
    rows = [
        y
        for y in range(rect.top(), rect.bottom() + 1)
        if any(QColor(image.pixel(x, y)).lightness() < 110 for x in range(rect.left(), rect.right() + 1, 2))
    ]
    return rows[-1] - rows[0] + 1 if rows else 0


@pytest.mark.parametrize("shape", SHAPES)
def test_every_text_is_at_least_9_pt_at_the_printed_size(qapp, shape: str) -> None:
    chart = draw_print_chart(SHAPES[shape]())
    assert chart.texts, "the chart drew no text"
    smallest = min(text.points for text in chart.texts)
    assert smallest >= MIN_PT, f"{shape}: smallest text {smallest:.1f} pt"
    # Measured in the image: any text with a capital or a digit stands at least a 9 pt capital's height.
    pixels_per_point = chart.dpi / 72
    for text in chart.texts:
        if re.search(r"[A-Z0-9]", text.text):
            measured = ink_height(chart.image, text) / CAP_HEIGHT_EM / pixels_per_point
            assert measured >= MIN_PT, f"{shape}: '{text.text}' measures {measured:.1f} pt in the image"


def drawn(chart_spec: ChartSpec) -> list[str]:
    return [t.text for t in draw_print_chart(chart_spec).texts]


def test_count_axis_starts_at_zero_with_its_unit(qapp) -> None:
    texts = drawn(district_weeks())
    assert "0" in texts and "Cases (children allocated)" in texts
    assert "Week commencing (2026)" in texts  # the x axis says what its ticks are, and their year


def test_date_ticks_take_one_form_with_the_first_and_last_period_labelled(qapp) -> None:
    for spec, first, last, form in (
        (district_weeks(), "3 Aug", "14 Sep", r"\d{1,2} [A-Z][a-z]{2}"),
        (SHAPES["two years of weeks"](), "4 Nov 2024", "26 Oct 2026", r"\d{1,2} [A-Z][a-z]{2} \d{4}"),
        (scrutiny_measures(), "Oct 2021", "Aug 2022", r"[A-Z][a-z]{2} \d{4}"),
        (two_periods(), "Dec 2021", "Mar 2022", r"[A-Z][a-z]{2} \d{4}"),
        (years_across(), "2016", "2025", r"\d{4}"),
    ):
        ticks = [t for t in drawn(spec) if re.fullmatch(r"\d{1,2} [A-Z][a-z]{2}( \d{4})?|[A-Z][a-z]{2} \d{4}|\d{4}", t)]
        assert (ticks[0] == first and ticks[-1] == last) or (first in ticks and last in ticks), ticks
        assert all(re.fullmatch(form, t) for t in ticks), ticks


def test_flows_and_stocks_get_panels_of_their_own(qapp) -> None:
    spec = scrutiny_measures()
    panels = spec.panels()
    assert [[s.name for s in series] for _, series in panels] == [
        ["Referrals"],
        ["Child protection register", "Looked after children"],
    ]
    texts = drawn(spec)
    assert "Number in the month" in texts and "Number at the count" in texts
    assert texts.count("0") == 2  # each panel's axis from zero
    assert "2 panels" in describe_chart(spec)


def test_one_period_is_drawn_as_bars_and_described_so(qapp) -> None:
    spec = one_period()
    texts = drawn(spec)
    assert spec.is_bars()
    assert "Average caseload (cases per FTE), March 2022" in texts  # the value axis names its unit and period
    assert {"30.0", "24.0", "15.0", "20.0"} <= set(texts)  # each bar carries its figure
    assert describe_chart(spec).startswith("Bar chart: Average caseload by team, Mar 2022, one bar for each of 4")


def test_a_gap_is_left_empty_and_a_lone_point_still_shows(qapp) -> None:
    periods = months(5)
    spec = ChartSpec("Gaps", "Cases (children allocated)", [Series("Team", periods, (10.0, None, 12.0, None, 14.0))])
    chart = draw_print_chart(spec)
    colour = QColor("#0072B2")
    found = {
        (x, y)
        for y in range(0, chart.image.height(), 3)
        for x in range(0, chart.image.width(), 3)
        if QColor(chart.image.pixel(x, y)) == colour
    }
    assert found  # the three isolated figures are drawn as markers, though no line joins them
