"""Cell values: numbers with junk and markers, and periods parsed day first, never guessed."""

from __future__ import annotations

import datetime as dt

import pytest

from caseload_reporter.reading.values import Period, parse_number, parse_period


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Dec-21", Period(dt.date(2021, 12, 1), "month")),
        ("Mar-22", Period(dt.date(2022, 3, 1), "month")),
        ("Nov 2018", Period(dt.date(2018, 11, 1), "month")),
        ("December 2021", Period(dt.date(2021, 12, 1), "month")),
        ("w/c 03/01/22", Period(dt.date(2022, 1, 3), "week")),
        ("03/01/2022", Period(dt.date(2022, 1, 3), "day")),
        ("2022-03-07", Period(dt.date(2022, 3, 7), "day")),
        ("2022-03", Period(dt.date(2022, 3, 1), "month")),
        ("Q3 2021/22", Period(dt.date(2021, 10, 1), "quarter")),
        ("Q4 2021/22", Period(dt.date(2022, 1, 1), "quarter")),
        (44562.0, Period(dt.date(2022, 1, 1), "day")),
        (dt.datetime(2022, 3, 7), Period(dt.date(2022, 3, 7), "day")),
    ],
)
def test_periods_are_read_explicitly(raw: object, expected: Period) -> None:
    assert parse_period(raw) == expected


@pytest.mark.parametrize("raw", ["Dec-21x", "31/02/2022", "hello", 12.0, "", None])
def test_things_that_are_not_periods(raw: object) -> None:
    assert parse_period(raw) is None


def test_dec_21_is_never_the_21st_of_december() -> None:
    period = parse_period("Dec-21")
    assert period is not None and period.start.day == 1 and period.start.year == 2021
    assert period.iso() == "2021-12"


@pytest.mark.parametrize(
    ("raw", "value", "marker"),
    [
        ("1,234", 1234.0, None),
        (" 12 ", 12.0, None),
        ("£41,839", 41839.0, None),
        (17.5, 17.5, None),
        ("N/A", None, "N/A"),
        ("-", None, "-"),
        ("–", None, "–"),
        ("c", None, "c"),
        ("x", None, "x"),
        ("low", None, "low"),
        ("", None, ""),
    ],
)
def test_numbers_and_missing_markers(raw: object, value: float | None, marker: str | None) -> None:
    number = parse_number(raw)
    assert number.value == value
    assert not number.unreadable
    if marker is not None:
        assert number.missing_marker == marker


def test_text_that_is_not_a_number_is_unreadable() -> None:
    assert parse_number("twelve").unreadable
    assert parse_number(dt.date(2022, 1, 1)).unreadable
