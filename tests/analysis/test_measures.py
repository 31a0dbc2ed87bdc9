"""Measures against figures worked out by hand from worker rows, December against March."""

from __future__ import annotations

import datetime as dt
import math
from pathlib import Path

import pandas as pd
import pytest

from caseload_reporter.analysis.measures import district_totals, summarise, totals
from caseload_reporter.analysis.thresholds import Thresholds, ThresholdsError, default_thresholds
from caseload_reporter.reading.importer import import_file

DEC, MAR = pd.Timestamp(2021, 12, 1), pd.Timestamp(2022, 3, 1)

# Worked by hand (FTE basis): Team 1 in December has 20 + 30 + 10 = 60 cases over 1 + 1 + 0.5 = 2.5 FTE -> 24.0;
# per worker 60 / 3 = 20.0; range 10 to 30; one worker (30) over 25.
WORKERS = [
    ("Dec-21", "North", "Assessment Team 1", "Ann", 1.0, "No", 20),
    ("Dec-21", "North", "Assessment Team 1", "Bob", 1.0, "No", 30),
    ("Dec-21", "North", "Assessment Team 1", "Cat", 0.5, "Yes", 10),
    ("Dec-21", "South", "Children in Care Team", "Dan", 1.0, "No", 18),
    ("Dec-21", "South", "Children in Care Team", "Eve", 0.8, "No", 18),
    ("Mar-22", "North", "Assessment Team 1", "Ann", 1.0, "No", 22),
    ("Mar-22", "North", "Assessment Team 1", "Bob", 1.0, "No", 21),
    ("Mar-22", "North", "Assessment Team 1", "Cat", 0.5, "Yes", 9),
    ("Mar-22", "South", "Children in Care Team", "Dan", 1.0, "No", 17),
    ("Mar-22", "South", "Children in Care Team", "Eve", 0.8, "No", 13),
]


@pytest.fixture
def caseloads(tmp_path: Path) -> pd.DataFrame:
    path = tmp_path / "two periods.csv"
    rows = ["Month,District,Team,Social worker,FTE,Agency,Caseload"]
    rows += [",".join(map(str, r)) for r in WORKERS]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    result = import_file(path, today=dt.date(2026, 11, 23))
    assert result.ok and not result.sheets[0].rejected
    return result.sheets[0].records


def row(frame: pd.DataFrame, period: pd.Timestamp, name: str) -> pd.Series:
    (found,) = frame[(frame["period"] == period) & (frame["name"] == name)].itertuples(index=False)
    return pd.Series(found._asdict())


def test_team_figures_match_the_hand_worked_ones(caseloads: pd.DataFrame) -> None:
    summary = summarise(caseloads, "team", default_thresholds())
    dec = row(summary, DEC, "Assessment Team 1")
    assert (dec.workers, dec.fte, dec.cases) == (3, 2.5, 60)
    assert dec.average == pytest.approx(24.0)
    assert (dec["min"], dec["max"], dec.over_ceiling, dec.agency_workers) == (10, 30, 1, 1)
    assert dec.status == "red"  # 24 is within 22 + 2, but Bob holds 30, over the ceiling of 25
    mar = row(summary, MAR, "Assessment Team 1")
    assert mar.average == pytest.approx(52 / 2.5)  # 20.8
    assert mar.status == "green" and mar.over_ceiling == 0
    cic_mar = row(summary, MAR, "Children in Care Team")
    assert cic_mar.average == pytest.approx(30 / 1.8)  # 16.67 against a target of 18
    assert cic_mar.status == "green"
    cic_dec = row(summary, DEC, "Children in Care Team")
    assert cic_dec.average == pytest.approx(20.0)  # 36 / 1.8: above 18, within the margin of 2
    assert cic_dec.status == "amber"


def test_per_worker_basis_divides_by_head_count(caseloads: pd.DataFrame) -> None:
    summary = summarise(caseloads, "team", default_thresholds(), basis="worker")
    assert row(summary, DEC, "Assessment Team 1").average == pytest.approx(20.0)
    assert row(summary, DEC, "Children in Care Team").average == pytest.approx(18.0)


def test_districts_team_types_and_totals(caseloads: pd.DataFrame) -> None:
    thresholds = default_thresholds()
    districts = summarise(caseloads, "district", thresholds)
    assert row(districts, DEC, "South").cases == 36
    assert row(districts, DEC, "South").status is None  # a district mixes team types: no single target
    kinds = summarise(caseloads, "team-type", thresholds)
    assert row(kinds, MAR, "children_in_care").target_low == 18
    total = totals(caseloads, thresholds).set_index("period")
    assert total.loc[DEC, "cases"] == 96 and total.loc[DEC, "fte"] == pytest.approx(4.3)
    assert total.loc[MAR, "average"] == pytest.approx(82 / 4.3)
    wide = district_totals(caseloads)
    assert wide.loc[MAR, "North"] == 52 and wide.loc[MAR, "South"] == 30


def test_changing_a_threshold_changes_the_rating(caseloads: pd.DataFrame) -> None:
    stricter = default_thresholds().with_target("assessment", 18, 18)
    summary = summarise(caseloads, "team", stricter)
    assert row(summary, MAR, "Assessment Team 1").status == "red"  # 20.8 is beyond 18 + a margin of 2
    looser = Thresholds({**stricter.targets}, amber_margin=3.0)
    assert row(summarise(caseloads, "team", looser), MAR, "Assessment Team 1").status == "amber"  # within 18 + 3


def test_stated_team_figures_keep_their_own_average_and_range(tmp_path: Path) -> None:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Team", "Average Caseload", None, "Caseload Range", None])
    sheet.append([None, "December 2021", "March 2022", "December 2021", "March 2022"])
    sheet.append(["Assessment Team 2", 44, 24, "34 – 39", "17 - 29"])
    sheet.merge_cells("B1:C1")
    sheet.merge_cells("D1:E1")
    path = tmp_path / "progress.xlsx"
    book.save(path)
    (result,) = import_file(path).sheets
    assert any("lies outside its stated range" in w for w in result.warnings)
    summary = summarise(result.records, "team", default_thresholds())
    dec = row(summary, DEC, "Assessment Team 2")
    assert dec.average == 44 and (dec["min"], dec["max"]) == (34, 39)
    assert math.isnan(dec.workers)  # a team-level file has no workers: never invented


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"targets": {"assessment": [22, 22]}, "ceiling": "lots"}, "not a number"),
        ({"targets": {"wizards": [22, 22]}}, "not known"),
        ({"targets": {"assessment": [30, -1]}}, "impossible"),
        ([1, 2, 3], "not a Caseload Reporter thresholds file"),
    ],
)
def test_bad_thresholds_files_get_one_sentence(data: object, message: str) -> None:
    with pytest.raises(ThresholdsError, match=message):
        Thresholds.from_json(data, origin="shared.json")


def test_thresholds_round_trip_through_a_shared_file(tmp_path: Path) -> None:
    original = default_thresholds().with_target("adolescent", 16, 17)
    original.save(tmp_path / "service.json")
    assert Thresholds.load(tmp_path / "service.json") == original


def test_december_against_march_side_by_side(caseloads: pd.DataFrame) -> None:
    from caseload_reporter.analysis.comparison import compare_periods

    table = compare_periods(summarise(caseloads, "team", default_thresholds()), DEC, MAR).set_index("name")
    team = table.loc["Assessment Team 1"]
    assert team.average_first == pytest.approx(24.0) and team.average_second == pytest.approx(20.8)
    assert team.average_change == pytest.approx(-3.2)
    assert (team.min_first, team.max_first, team.min_second, team.max_second) == (10, 30, 9, 22)
    assert (team.over_ceiling_first, team.over_ceiling_second, team.over_ceiling_change) == (1, 0, -1)
    assert list(table.columns[:2]) == ["team_type", "district"]


def test_vacancies_come_from_the_establishment_sheet_of_the_sample() -> None:
    from caseload_reporter.analysis.measures import with_vacancies
    from caseload_reporter.core.sample import sample_council
    from caseload_reporter.reading.dataset import Dataset

    data = Dataset.from_results([import_file(sample_council().workbook)])
    latest = data.caseloads["period"].max()
    summary = with_vacancies(
        summarise(data.caseloads, "team", default_thresholds(), periods=[latest]), data.establishment
    )
    posts = data.establishment.set_index("team")["established_fte"]
    for row in summary.itertuples(index=False):
        assert row.established_fte == posts[row.name]
        assert row.vacancies == pytest.approx(max(posts[row.name] - row.fte, 0.0))
    assert (summary["vacancies"] > 0).any()


def test_childrens_team_charts_carry_the_complex_child_protection_maximum(caseloads: pd.DataFrame) -> None:
    from caseload_reporter.analysis.chart_specs import trend_chart

    summary = summarise(caseloads, "team", default_thresholds())
    assessment = trend_chart(summary, ["Assessment Team 1"], default_thresholds(), "fte", "t", {2021: 16.3})
    assert [line.value for line in assessment.lines] == [16.3]  # England only
    summary.loc[summary["name"] == "Assessment Team 1", "team_type"] = "childrens"
    childrens = trend_chart(summary, ["Assessment Team 1"], default_thresholds(), "fte", "t", {2021: 16.3})
    assert sorted(line.value for line in childrens.lines) == [12, 16.3]
