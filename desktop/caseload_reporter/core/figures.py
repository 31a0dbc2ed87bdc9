"""A figure as a table or series holds it: a number, or missing (None or NaN), never taken for 0."""

from __future__ import annotations

import math
from typing import SupportsFloat, SupportsIndex


def figure(value: object) -> float | None:
    """``value`` as a float, or None where it is missing (None or NaN).

    A cell of a frame may hold any object as far as the type checker knows; this is where one becomes
    a number to print or compare, so that a missing figure is said as such rather than printed as 'nan'.
    Raises TypeError for a value that is not a number at all, as ``float`` would.
    """
    if value is None:
        return None
    if not isinstance(value, (float, int, str, SupportsFloat, SupportsIndex)):  # a tuple: quicker than a union
        raise TypeError(f"not a figure: {value!r}")
    number = float(value)
    return None if math.isnan(number) else number
