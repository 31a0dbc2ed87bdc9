"""The defaults that ship in resources/ are well formed and agree with the published figures."""

from __future__ import annotations

import csv
import json

import pytest

from caseload_reporter.core.paths import resources_dir
from caseload_reporter.reading.fields import TEAM_TYPES
from published_files import INDICATORS


def test_threshold_defaults_cover_every_team_type_with_ordered_ranges() -> None:
    data = json.loads((resources_dir() / "settings" / "thresholds.json").read_text(encoding="utf-8"))
    targets = data["targets"]
    # The seven team types the shipped (2019) targets cover; adoption and fostering have none.
    assert set(targets) == set(TEAM_TYPES) - {"other", "adoption", "fostering"}
    for low, high in targets.values():
        assert 0 < low <= high < data["ceiling"]
    assert targets["assessment"] == [22, 22] and targets["leaving_care"] == [20, 22]


def test_england_series_matches_the_published_workforce_file() -> None:
    data = json.loads((resources_dir() / "settings" / "england_caseload_per_fte.json").read_text(encoding="utf-8"))
    values = {int(k): v for k, v in data["values"].items()}
    assert values[2016] == 16.1 and values[2025] == 15.2
    with INDICATORS.open(encoding="utf-8-sig") as handle:
        national = {
            int(row["time_period"]): float(row["caseload_fte"])
            for row in csv.DictReader(handle)
            if row["geographic_level"] == "National"
        }
    for year, published in national.items():
        if year == 2017:
            continue  # the file carries the revised 17.7; the series keeps the first-published 17.8
        assert values[year] == pytest.approx(published), year
