"""core.figures.figure: the one place a frame's cell becomes a number to print."""

import decimal
import math

import numpy as np
import pandas as pd
import pytest

from caseload_reporter.core.figures import figure


@pytest.mark.parametrize("missing", [None, math.nan, np.float64("nan"), np.float32("nan"), "nan"])
def test_missing_values_are_none(missing: object) -> None:
    assert figure(missing) is None


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (12, 12.0),
        (12.5, 12.5),
        (np.int64(7), 7.0),
        (np.float32(2.5), 2.5),
        (True, 1.0),
        ("4", 4.0),
        (decimal.Decimal("1.5"), 1.5),
    ],
)
def test_numbers_become_floats(value: object, expected: float) -> None:
    number = figure(value)
    assert type(number) is float and number == expected


def test_a_frame_cell_reads_as_its_figure() -> None:
    frame = pd.DataFrame({"average": [17.25, np.nan]})
    assert [figure(v) for v in frame["average"]] == [17.25, None]
    assert figure(frame.at[0, "average"]) == 17.25


@pytest.mark.parametrize("value", [object(), [1], pd.Timestamp("2024-01-01")])
def test_anything_else_is_refused_as_float_would(value: object) -> None:
    with pytest.raises(TypeError):
        figure(value)
