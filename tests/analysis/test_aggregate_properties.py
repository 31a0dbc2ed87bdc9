"""Property: worker rows and the team figures made from them give the same measures.

Hypothesis draws a service (teams of one to six workers, each with an FTE and a caseload) and a
writer. The same service is written as one row per worker, as one row per team with its cases and
FTE, and as one row per team with its average and FTE, and each file is read by the importer. The
service-wide average per FTE, every team type's average and the staffing options must agree with
each other and with the truth worked out here from the drawn workers.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from caseload_reporter.analysis.measures import summarise
from caseload_reporter.analysis.staffing import staffing_scenario
from caseload_reporter.analysis.thresholds import default_thresholds
from caseload_reporter.reading.dataset import Dataset
from caseload_reporter.reading.importer import import_file
from generators.council_shapes import write_csv_cp1252, write_openpyxl, write_xlsxwriter

TEAMS = {
    "Assessment Team 1": "assessment",
    "Assessment Team 2": "assessment",
    "Children in Care Team": "children_in_care",
    "Leaving Care Team": "leaving_care",
    "Child Protection Team": "childrens",
    "Disabled Children's Team": "disabled_children",
}
WRITERS = {
    "openpyxl": (write_openpyxl, ".xlsx"),
    "xlsxwriter": (write_xlsxwriter, ".xlsx"),
    "csv": (write_csv_cp1252, ".csv"),
}
MONTH = "Mar-22"


@dataclass(frozen=True)
class Service:
    teams: dict[str, list[tuple[float, int]]]  # team -> [(fte, caseload)] per worker

    def cases(self, team: str) -> int:
        return sum(c for _, c in self.teams[team])

    def fte(self, team: str) -> float:
        return round(sum(f for f, _ in self.teams[team]), 2)


workers = st.lists(st.tuples(st.sampled_from([1.0, 0.8, 0.6, 0.5]), st.integers(0, 30)), min_size=1, max_size=6)
services = st.dictionaries(st.sampled_from(sorted(TEAMS)), workers, min_size=1, max_size=len(TEAMS)).map(Service)


def read(grid: list[list[object]], writer: str, folder: Path, name: str) -> Dataset:
    write, suffix = WRITERS[writer]
    result = import_file(write(grid, folder / f"{name}{suffix}"), today=dt.date(2030, 1, 1))
    assert result.ok, result.error
    return Dataset.from_results([result])


def shapes(service: Service, writer: str, folder: Path) -> dict[str, Dataset]:
    worker_grid: list[list[object]] = [["Team", "Social worker", "FTE", "Caseload", "Month"]]
    for team, members in service.teams.items():
        worker_grid += [[team, f"{team} worker {n}", fte, cases, MONTH] for n, (fte, cases) in enumerate(members)]
    cases_grid: list[list[object]] = [["Team", "FTE", "Cases", "Month"]]
    cases_grid += [[team, service.fte(team), service.cases(team), MONTH] for team in service.teams]
    averages_grid: list[list[object]] = [["Team", "FTE", "Average caseload", "Month"]]
    averages_grid += [
        [team, service.fte(team), service.cases(team) / service.fte(team), MONTH] for team in service.teams
    ]
    return {
        "workers": read(worker_grid, writer, folder, "workers"),
        "team cases": read(cases_grid, writer, folder, "team cases"),
        "team averages": read(averages_grid, writer, folder, "team averages"),
    }


@settings(max_examples=40)
@given(services, st.sampled_from(sorted(WRITERS)))
def test_worker_rows_and_team_figures_agree(service: Service, writer: str) -> None:
    thresholds = default_thresholds()
    total_cases = sum(service.cases(t) for t in service.teams)
    total_fte = sum(service.fte(t) for t in service.teams)
    with tempfile.TemporaryDirectory() as folder:
        data = shapes(service, writer, Path(folder))
    for name, dataset in data.items():
        whole = summarise(dataset.caseloads, "service", thresholds).iloc[0]
        assert whole["average"] == pytest.approx(total_cases / total_fte, abs=1e-6), name
        kinds = summarise(dataset.caseloads, "team-type", thresholds).set_index("name")
        for kind in set(TEAMS[t] for t in service.teams):
            members = [t for t in service.teams if TEAMS[t] == kind]
            expected = sum(service.cases(t) for t in members) / sum(service.fte(t) for t in members)
            assert kinds.loc[kind, "average"] == pytest.approx(expected, abs=1e-6), (name, kind)
    options = {}
    for name in ("workers", "team cases"):
        teams = summarise(data[name].caseloads, "team", thresholds, basis="fte")
        scenario = staffing_scenario(teams, set(), [18.0, 16.0])
        options[name] = [(o.additional_fte, o.posts) for o in scenario.options]
    assert options["workers"] == options["team cases"]
    expected_fte = [round(max(total_cases / t - total_fte, 0), 2) for t in (18.0, 16.0)]
    assert [fte for fte, _ in options["workers"]] == pytest.approx(expected_fte, abs=0.011)


def test_a_stated_average_with_fte_keeps_its_weight_across_team_types(tmp_path: Path) -> None:
    """The smallest case the property found worth keeping: one big team and one small team of a type."""
    service = Service({"Assessment Team 1": [(1.0, 30)] * 4, "Assessment Team 2": [(0.5, 5)]})
    data = shapes(service, "xlsxwriter", tmp_path)
    kinds = summarise(data["team averages"].caseloads, "team-type", default_thresholds())
    assert kinds["average"].iloc[0] == pytest.approx(125 / 4.5)
    assert kinds["average_basis"].iloc[0] == "weighted_fte"
    assert pd.notna(kinds["status"].iloc[0])
