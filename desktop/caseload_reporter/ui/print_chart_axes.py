"""A print chart's value axis and time axis: round ticks from zero, their labels, and which periods are labelled.

Print needs every value axis to start at zero (or below, for a negative value) with ticks in one
form, and the time axis to label its first and last period with evenly spaced labels between that
never overlap. Pure arithmetic on the chart's figures and the widths of its labels.
"""

from __future__ import annotations

import itertools
import math

from caseload_reporter.analysis.chart_specs import ChartSpec, Series


def nice_ticks(low: float, high: float, most: int = 6) -> list[float]:
    """Round tick values from ``low`` (zero for the charts here) past ``high``, at most ``most`` of them."""
    if high <= low:
        high = low + 1
    raw = (high - low) / (most - 1)
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)
    first = math.floor(low / step) * step
    count = math.ceil((high - first) / step - 1e-9)
    return [round(first + i * step, 10) for i in range(count + 1)]


def tick_text(value: float, ticks: list[float]) -> str:
    """A tick value with as few decimals as the ticks need ('2.5' beside '5.0', '1,200' beside '1,400')."""
    decimals = next((d for d in range(4) if all(abs(round(t, d) - t) < 1e-9 for t in ticks)), 4)
    return f"{value:,.{decimals}f}"


def value_text(value: float | None, decimals: int) -> str:
    return "no figure" if value is None else f"{value:,.{decimals}f}"


def value_range(spec: ChartSpec, series: list[Series], with_marks: bool) -> tuple[float, float]:
    """From zero (or the lowest value, if below zero) to a little above the highest value, band or line."""
    values = [v for s in series for v in s.values if v is not None]
    if with_marks:
        values += [b.high for b in spec.bands] + [line.value for line in spec.lines]
    high = max(values, default=1.0)
    return min(0.0, min(values, default=0.0)), high * 1.06 if high > 0 else 1.0


def labelled_indices(positions: list[float], widths: list[float], gap: float) -> list[int]:
    """Which periods carry a label: evenly spaced, always the first and the last, none overlapping."""
    count = len(positions)
    if count <= 2:
        return list(range(count))

    def fits(chosen: list[int]) -> bool:
        return all(
            positions[b] - widths[b] / 2 - (positions[a] + widths[a] / 2) >= gap for a, b in itertools.pairwise(chosen)
        )

    for step in range(1, count):
        chosen = list(range(count - 1, -1, -step))[::-1]  # counted back from the last period
        if chosen[0] != 0:
            chosen = [0, *chosen] if fits([0, chosen[0]]) else [0, *chosen[1:]]
        if fits(chosen):
            return chosen
    return [0, count - 1] if fits([0, count - 1]) else [count - 1]
