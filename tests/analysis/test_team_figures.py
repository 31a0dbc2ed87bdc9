"""Aggregates are first-class: team rows, team averages and district totals feed every measure, with the
right weights, nothing counted twice, and what cannot be worked out named rather than shown as 0.

Every case is a real file read by the importer; expected figures are worked out by hand in comments.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import pytest

from caseload_reporter.analysis.inputs import INPUTS, missing
from caseload_reporter.analysis.measures import district_capacity, summarise
from caseload_reporter.analysis.staffing import StaffingInputError, staffing_scenario
from caseload_reporter.analysis.thresholds import default_thresholds, rating_key, status_text
from caseload_reporter.reading.dataset import Dataset
from caseload_reporter.reading.importer import import_file
from generators.council_shapes import write_openpyxl, write_xlsxwriter

MAR = pd.Timestamp(2022, 3, 1)
TODAY = dt.date(2026, 12, 1)


def dataset(*grids: list[list[object]], folder: Path) -> Dataset:
    """The grids as files read together, as the sheets of one workbook are (no period replaces another)."""
    folder.mkdir(parents=True, exist_ok=True)
    results = []
    for n, grid in enumerate(grids):
        write = write_openpyxl if n % 2 == 0 else write_xlsxwriter
        result = import_file(write(grid, folder / f"file{n}.xlsx"), today=TODAY)
        assert result.ok, result.error
        results.append(result)
    return Dataset.from_results(results)


def one(frame: pd.DataFrame, name: str) -> pd.Series:
    (row,) = frame[frame["name"] == name].itertuples(index=False)
    return pd.Series(row._asdict())


TEAM_AVERAGES = [
    ["Team", "FTE", "Average caseload", "Month"],
    ["Assessment Team 1", 4.0, 25.0, "Mar-22"],  # 100 cases
    ["Assessment Team 2", 1.0, 15.0, "Mar-22"],  # 15 cases
]


def test_stated_averages_are_weighted_by_fte(tmp_path: Path) -> None:
    data = dataset(TEAM_AVERAGES, folder=tmp_path)
    kinds = summarise(data.caseloads, "team-type", default_thresholds())
    row = one(kinds, "assessment")
    assert row["average"] == pytest.approx(115 / 5)  # 23.0, not the plain mean of 20.0
    assert row["average_basis"] == "weighted_fte"
    assert row["status"] == "amber"  # 23 against 22, within the margin


def test_stated_averages_without_weights_are_a_mean_that_says_so(tmp_path: Path) -> None:
    grid = [
        ["Team", "Average caseload", "Month"],
        ["Assessment Team 1", 25, "Mar-22"],
        ["Assessment Team 2", 15, "Mar-22"],
    ]
    service = summarise(dataset(grid, folder=tmp_path).caseloads, "service", default_thresholds())
    assert service["average"].iloc[0] == 20.0 and service["average_basis"].iloc[0] == "mean_of_teams"


def test_team_cases_without_fte_name_fte_as_missing_and_per_worker_uses_the_head_count(tmp_path: Path) -> None:
    grid = [["Team", "Number of social workers", "Cases", "Month"], ["Assessment Team 1", 5, 110, "Mar-22"]]
    data = dataset(grid, folder=tmp_path)
    per_fte = one(summarise(data.caseloads, "team", default_thresholds(), basis="fte"), "Assessment Team 1")
    assert pd.isna(per_fte["average"]) and per_fte["missing"] == "fte" and per_fte["status"] is None
    assert status_text(rating_key(per_fte["status"], per_fte["target_low"], per_fte["missing"])) == "Not rated: no FTE"
    per_worker = one(summarise(data.caseloads, "team", default_thresholds(), basis="worker"), "Assessment Team 1")
    assert per_worker["average"] == 22.0 and per_worker["status"] == "green"


def test_a_team_type_without_a_target_says_so() -> None:
    assert status_text(rating_key(None, float("nan"), None)) == "No target set"
    assert status_text(rating_key("amber", 22.0, None)) == "▲ Above target"


def test_worker_rows_win_over_a_team_summary_of_the_same_team(tmp_path: Path) -> None:
    workers = [
        ["Team", "Social worker", "FTE", "Caseload", "Month"],
        ["Assessment Team 1", "Ann", 1.0, 20, "Mar-22"],
        ["Assessment Team 1", "Bob", 1.0, 24, "Mar-22"],
    ]
    summary = [
        ["Team", "FTE", "Cases", "Month"],
        ["Assessment Team 1", 2.0, 99, "Mar-22"],
        ["Assessment Team 2", 2.0, 40, "Mar-22"],
    ]
    data = dataset(workers, summary, folder=tmp_path)
    service = summarise(data.caseloads, "service", default_thresholds()).iloc[0]
    assert service["cases"] == 44 + 40  # team 1 from its workers, never also its summary's 99
    assert service["fte"] == 4.0 and service["average"] == 21.0


def test_district_totals_do_not_add_to_the_teams_of_the_same_district(tmp_path: Path) -> None:
    teams = [["District", "Team", "FTE", "Cases", "Month"], ["North", "Assessment Team 1", 5.0, 100, "Mar-22"]]
    totals = [["District", "Mar-22", "Apr-22"], ["North", 100, 90], ["South", 60, 70]]
    data = dataset(teams, totals, folder=tmp_path)
    districts = summarise(data.caseloads, "district", default_thresholds(), periods=[MAR])
    assert one(districts, "North")["cases"] == 100  # the team's figures, not 100 + 100
    assert one(districts, "South")["cases"] == 60 and one(districts, "South")["missing"] == "fte"
    service = summarise(data.caseloads, "service", default_thresholds(), periods=[MAR]).iloc[0]
    assert service["cases"] == 160
    assert pd.isna(service["average"]) and service["missing"] == "fte"  # South has no FTE: no service average


def test_district_totals_alone_feed_cases_and_name_the_missing_fte(tmp_path: Path) -> None:
    totals = [["District", "Mar-22"], ["North", 100], ["South", 60]]
    data = dataset(totals, folder=tmp_path)
    assert summarise(data.caseloads, "team", default_thresholds()).empty
    service = summarise(data.caseloads, "service", default_thresholds()).iloc[0]
    assert service["cases"] == 160 and service["missing"] == "fte"
    teams = summarise(data.caseloads, "team", default_thresholds(), basis="fte")
    with pytest.raises(StaffingInputError, match=INPUTS["teams"].what):
        staffing_scenario(teams, set(), [18])


def test_staffing_names_the_missing_fte_and_the_teams_it_could_not_count(tmp_path: Path) -> None:
    no_fte = [["Team", "Cases", "Month"], ["Assessment Team 1", 110, "Mar-22"]]
    teams = summarise(dataset(no_fte, folder=tmp_path / "a").caseloads, "team", default_thresholds(), basis="fte")
    with pytest.raises(StaffingInputError) as caught:
        staffing_scenario(teams, set(), [18])
    assert missing("fte") in str(caught.value) and "left out" not in str(caught.value)
    some = [
        ["Team", "FTE", "Cases", "Month"],
        ["Assessment Team 1", 5.0, 110, "Mar-22"],
        ["Assessment Team 2", None, 40, "Mar-22"],
    ]
    teams = summarise(dataset(some, folder=tmp_path / "b").caseloads, "team", default_thresholds(), basis="fte")
    scenario = staffing_scenario(teams, set(), [18])
    assert scenario.uncounted == ["Assessment Team 2"] and scenario.cases == 110
    with pytest.raises(StaffingInputError, match="No team is left"):
        staffing_scenario(teams, {"assessment"}, [18])


def test_units_with_dates_apply_from_their_date(tmp_path: Path) -> None:
    totals = [["District", "Jan-17", "Feb-17", "Mar-17"], ["North", 300, 310, 290]]
    units = [["District", "Units", "Date"], ["North", 5, dt.date(2017, 1, 1)], ["North", 6, dt.date(2017, 3, 1)]]
    data = dataset(totals, units, folder=tmp_path)
    districts = summarise(data.caseloads, "district", default_thresholds())
    capacity = district_capacity(districts, data.establishment, 60).set_index("period")
    assert capacity["units"].tolist() == [5, 5, 6]
    assert capacity["supported"].tolist() == [300, 300, 360]
    assert capacity.loc[pd.Timestamp(2017, 2, 1), "use"] == pytest.approx(310 / 300)
