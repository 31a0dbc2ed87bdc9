"""The England average caseload per FTE, shipped built in so a national comparison works offline at once."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache

from caseload_reporter.core.paths import resources_dir


@dataclass(frozen=True)
class NationalSeries:
    measure: str
    source: str
    values: dict[int, float]


@cache
def england_caseload_per_fte() -> NationalSeries:
    data = json.loads((resources_dir() / "settings" / "england_caseload_per_fte.json").read_text(encoding="utf-8"))
    return NationalSeries(data["measure"], data["source"], {int(k): float(v) for k, v in data["values"].items()})
