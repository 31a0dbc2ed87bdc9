"""Metamorphic: one council's figures in twelve shapes give the same answers, or name what is missing.

The figures are written as worker rows (long and wide), team cases with FTE, team head counts,
team averages with and without FTE, and district totals; by openpyxl, xlsxwriter and as Excel's
Windows-1252 CSV; with headings worded as officers word them. Wherever a shape holds the inputs, the
service-wide average per FTE, every team's rating and the staffing options must match the truth
worked out from the council's own figures (tests/generators/council_shapes.py). Wherever it does
not, the missing input must be named, never shown as 0 or left out in silence.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import pytest

from caseload_reporter.analysis.inputs import INPUTS
from caseload_reporter.analysis.measures import summarise
from caseload_reporter.analysis.staffing import StaffingInputError, staffing_scenario
from caseload_reporter.analysis.thresholds import default_thresholds
from caseload_reporter.reading.dataset import Dataset
from caseload_reporter.reading.importer import import_file
from generators import council_shapes as council

LATEST = len(council.PERIODS) - 1
LATEST_STAMP = pd.Timestamp(council.PERIODS[LATEST])
LEFT_OUT = frozenset({"adoption", "fostering"})
TARGETS = [18.0, 16.0]


@pytest.fixture(scope="module")
def datasets(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Dataset]:
    folder = tmp_path_factory.mktemp("shapes")
    out = {}
    for shape in council.SHAPES:
        result = import_file(council.write_shape(shape, folder), today=dt.date(2026, 12, 1))
        out[shape.name] = Dataset.from_results([result])
    return out


def shape_ids() -> list[str]:
    return [s.name for s in council.SHAPES]


def latest(summary: pd.DataFrame) -> pd.DataFrame:
    months = pd.to_datetime(summary["period"]).dt.to_period("M")
    return summary[months == LATEST_STAMP.to_period("M")]


@pytest.mark.parametrize("shape", council.SHAPES, ids=shape_ids())
def test_every_shape_is_understood_without_guessing(shape: council.Shape, datasets: dict[str, Dataset]) -> None:
    result = datasets[shape.name].files[0]
    assert result.ok, result.error
    (sheet,) = result.sheets
    assert not sheet.doubts, sheet.doubts
    assert not sheet.rejected, sheet.rejected[:3]
    figures = [u for u in sheet.unused if u.kind == "numbers" and not u.note]
    assert not figures, figures


@pytest.mark.parametrize("shape", council.SHAPES, ids=shape_ids())
def test_the_service_average_per_fte_is_the_same_or_named_missing(
    shape: council.Shape, datasets: dict[str, Dataset]
) -> None:
    service = latest(summarise(datasets[shape.name].caseloads, "service", default_thresholds(), basis="fte"))
    assert len(service) == 1
    row = service.iloc[0]
    if shape.per_fte:
        assert row["average"] == pytest.approx(council.service_average(LATEST), abs=0.05)
        assert row["average_basis"] == "fte"
    elif shape.name == "team_averages_with_fte":  # stated averages weighted by FTE: the same figure
        assert row["average"] == pytest.approx(council.service_average(LATEST), abs=0.05)
        assert row["average_basis"] == "weighted_fte"
    elif shape.name == "team_averages_wide":  # no weights at all: a plain mean, and it says so
        assert row["average_basis"] == "mean_of_teams"
    else:
        assert pd.isna(row["average"]) and row["missing"] == "fte"


@pytest.mark.parametrize("shape", council.SHAPES, ids=shape_ids())
def test_team_ratings_are_the_same_or_named_missing(shape: council.Shape, datasets: dict[str, Dataset]) -> None:
    thresholds = default_thresholds()
    teams = latest(summarise(datasets[shape.name].caseloads, "team", thresholds, basis="fte")).set_index("name")
    truth = council.team_truth(LATEST)
    expected = {t.name: thresholds.rate(truth[t.name].per_fte, t.team_type) for t in council.TEAMS}
    if not shape.team_ratings:
        if shape.districts:  # district totals: no team at all
            assert teams.empty
        else:
            assert teams["status"].isna().all() and set(teams["missing"]) == {"fte"}
        return
    found = {name: teams.loc[name, "status"] for name in expected}
    assert {k: v if isinstance(v, str) else None for k, v in found.items()} == expected
    assert teams.loc["Adoption Team", "target_low"] != teams.loc["Adoption Team", "target_low"]  # no target: NaN


@pytest.mark.parametrize("shape", council.SHAPES, ids=shape_ids())
def test_staffing_options_are_the_same_or_say_what_is_missing(
    shape: council.Shape, datasets: dict[str, Dataset]
) -> None:
    teams = latest(summarise(datasets[shape.name].caseloads, "team", default_thresholds(), basis="fte"))
    if not shape.per_fte:
        with pytest.raises(StaffingInputError) as caught:
            staffing_scenario(teams, set(LEFT_OUT), TARGETS)
        named = [INPUTS[k].what for k in ("teams", "fte", "cases")]
        assert any(what in str(caught.value) for what in named), str(caught.value)
        return
    scenario = staffing_scenario(teams, set(LEFT_OUT), TARGETS)
    truth = council.team_truth(LATEST)
    kept = [t for t in council.TEAMS if t.team_type not in LEFT_OUT]
    cases = sum(truth[t.name].cases for t in kept)
    fte = sum(truth[t.name].fte for t in kept)
    assert scenario.cases == cases and scenario.fte == pytest.approx(fte)
    assert [o.additional_fte for o in scenario.options] == [round(max(cases / t - fte, 0), 2) for t in TARGETS]
    assert not scenario.uncounted


def test_district_totals_give_the_same_cases_as_the_workers(datasets: dict[str, Dataset]) -> None:
    thresholds = default_thresholds()
    by_workers = latest(summarise(datasets["worker_long"].caseloads, "district", thresholds)).set_index("name")
    by_totals = latest(summarise(datasets["district_totals"].caseloads, "district", thresholds)).set_index("name")
    assert by_totals["cases"].to_dict() == by_workers["cases"].to_dict()
    assert by_totals["missing"].eq("fte").all() and by_workers["missing"].isna().all()


def test_a_head_count_gives_the_average_per_worker(datasets: dict[str, Dataset]) -> None:
    thresholds = default_thresholds()
    counted = latest(summarise(datasets["team_head_count"].caseloads, "service", thresholds, basis="worker"))
    workers = latest(summarise(datasets["worker_long"].caseloads, "service", thresholds, basis="worker"))
    assert counted["average"].iloc[0] == pytest.approx(workers["average"].iloc[0])
    truth = council.team_truth(LATEST)
    assert counted["average"].iloc[0] == pytest.approx(
        sum(t.cases for t in truth.values()) / sum(t.workers for t in truth.values())
    )


def test_the_generator_writes_every_shape_readably(tmp_path: Path) -> None:
    """The CSV shapes really are Windows-1252 (a name with an accent is not valid UTF-8 there)."""
    shape = next(s for s in council.SHAPES if s.suffix == ".csv")
    raw = council.write_shape(shape, tmp_path).read_bytes()
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    assert "Amélie".encode("cp1252") in raw
