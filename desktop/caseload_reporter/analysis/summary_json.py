"""The ``summary --json`` shape: measures per period, groups and a total, nulls where data cannot say."""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

import pandas as pd

from caseload_reporter.analysis.measures import summarise, totals
from caseload_reporter.analysis.thresholds import Thresholds
from caseload_reporter.reading.values import Period, parse_period

FIELDS = ("workers", "fte", "cases", "average", "min", "max", "over_ceiling", "average_basis", "missing")


class PeriodFilterError(ValueError):
    pass


def periods_within(available: list[Period], text: str) -> list[Period]:
    """The periods that fall in an ISO month ('2022-03') or on/within a date ('2022-03-07')."""
    wanted = parse_period(text, allow_serial=False)
    if wanted is None or wanted.kind not in ("month", "day"):
        raise PeriodFilterError(f"'{text}' is not a month (2022-03) or a date (2022-03-07).")
    if wanted.kind == "month":
        return [p for p in available if (p.start.year, p.start.month) == (wanted.start.year, wanted.start.month)]
    day = wanted.start
    return [p for p in available if p.start <= day < _end(p)]


def _end(period: Period) -> dt.date:
    if period.kind == "week":
        return period.start + dt.timedelta(days=7)
    if period.kind in ("month", "quarter"):
        months = 1 if period.kind == "month" else 3
        year, month = divmod(period.start.month - 1 + months, 12)
        return dt.date(period.start.year + year, month + 1, 1)
    return period.start + dt.timedelta(days=1)


def _value(value: object) -> object:
    if value is None:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if hasattr(value, "item"):
        value = value.item()  # numpy scalars
    if isinstance(value, float):
        return round(value, 2)
    return value


def summary_json(
    caseloads: pd.DataFrame, by: str, thresholds: Thresholds, basis: str, periods: list[Period]
) -> dict[str, Any]:  # a JSON object, as the command line prints it
    stamps = [pd.Timestamp(p.start) for p in periods]
    groups = summarise(caseloads, by, thresholds, basis=basis, periods=stamps)
    total = totals(caseloads, thresholds, basis=basis, periods=stamps).set_index("period")
    out = []
    for period in periods:
        stamp = pd.Timestamp(period.start)
        rows = groups[groups["period"] == stamp]
        listed = []
        for row in rows.itertuples(index=False):
            item: dict[str, object] = {"name": row.name, "team_type": row.team_type, "district": row.district}
            item.update({f: _value(getattr(row, f)) for f in FIELDS})
            target = None if _value(row.target_low) is None else [_value(row.target_low), _value(row.target_high)]
            item.update({"target": target, "status": row.status})
            listed.append(item)
        summary: dict[str, object] = {"name": "Total", "team_type": None, "district": None}
        summary.update(
            {f: _value(total.loc[stamp, f]) if stamp in total.index and f in total else None for f in FIELDS}
        )
        summary.update({"target": None, "status": None})
        out.append({"period": period.iso(), "groups": listed, "total": summary})
    return {"basis": basis, "ceiling": thresholds.ceiling, "periods": out}
