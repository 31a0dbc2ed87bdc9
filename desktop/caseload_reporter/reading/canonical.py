"""The canonical tables every layout becomes, and their column order and types."""

from __future__ import annotations

import numpy as np
import pandas as pd

# One row per worker (or per team, for team-level files) per period.
CASELOAD_COLUMNS = (
    "period",
    "period_kind",
    "district",
    "team",
    "team_type",
    "worker",
    "fte",
    "agency",
    "workers",  # a head count of social workers stated on a team row (worker rows leave it empty)
    "caseload",
    "average",
    "range_low",
    "range_high",
    "workers_over",
    "caseload_missing",
    "source",
    "sheet",
    "row",
)
MEASURE_COLUMNS = ("measure", "period", "period_kind", "value", "value_missing", "source", "sheet", "row")
ESTABLISHMENT_COLUMNS = (
    "period",
    "district",
    "team",
    "team_type",
    "established_fte",
    "units",
    "source",
    "sheet",
    "row",
)

_DTYPES = {
    "period": "datetime64[ns]",
    "fte": "float64",
    "workers": "float64",
    "caseload": "float64",
    "average": "float64",
    "range_low": "float64",
    "range_high": "float64",
    "workers_over": "float64",
    "value": "float64",
    "established_fte": "float64",
    "units": "float64",
    "row": "int64",
    "agency": "boolean",
}


def empty_frame(columns: tuple[str, ...]) -> pd.DataFrame:
    """An empty frame of ``columns``: a copy of one made once, since building a frame column by
    column takes about 0.8 ms and a workbook of 1,024 empty sheets asks for 3,072 of them."""
    template = _EMPTY.get(columns)
    if template is None:
        template = _EMPTY[columns] = frame_from(columns, {})
    return template.copy()


_EMPTY: dict[tuple[str, ...], pd.DataFrame] = {}


def frame_from(columns: tuple[str, ...], data: dict[str, object]) -> pd.DataFrame:
    """A frame with exactly ``columns`` in order and canonical dtypes; absent columns are empty."""
    length = next((len(v) for v in data.values() if hasattr(v, "__len__")), 0)
    out = {}
    for name in columns:
        values = data.get(name)
        dtype = _DTYPES.get(name, "object")
        if values is None:  # all missing; made directly, as pandas converts a list of Nones slowly
            values = np.full(length, np.nan) if dtype == "float64" else np.full(length, None, dtype=object)
        out[name] = pd.Series(values, dtype=dtype)
    return pd.DataFrame(out, columns=list(columns))
