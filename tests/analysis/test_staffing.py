"""The cabinet report's staffing table, rebuilt from team-level cases and FTE.

The report gives averages (20.5, 21.7, 20.4), additional FTE (8.7, 14.47, 11.9 to reach 18;
17.7, 25.1, 24.4 to reach 16), posts and costs at £41,839. Team-level figures consistent with
every one of them, worked out by hand: the teams in option 1 hold 1,296 cases over 63.3 FTE;
disabled children's teams add 232 cases over 7.12 FTE (option 2: 1,528 over 70.42); adoption
and fostering add 272 over 17.68 (option 3: 1,800 over 88.1).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from caseload_reporter.analysis.measures import summarise
from caseload_reporter.analysis.staffing import round_half_up, staffing_scenario
from caseload_reporter.analysis.thresholds import default_thresholds
from caseload_reporter.reading.importer import import_file

TEAMS = [  # team, cases, FTE
    ("Assessment Team", 420, 20.5),
    ("Safeguarding Team", 396, 16.0),
    ("Children in Care Team", 300, 15.3),
    ("Leaving Care Team", 180, 11.5),
    ("Disabled Children's Team", 232, 7.12),
    ("Adoption Team", 130, 8.68),
    ("Fostering Team", 142, 9.0),
]
COST = 41_839

# (excluded team types, average, [(target, additional FTE, posts, cost)]) as published.
PUBLISHED = [
    ({"adoption", "fostering", "disabled_children"}, 20.5, [(18, 8.7, 9, 376_551), (16, 17.7, 18, 753_102)]),
    ({"adoption", "fostering"}, 21.7, [(18, 14.47, 14, 585_746), (16, 25.1, 25, 1_045_975)]),
    (set(), 20.4, [(18, 11.9, 12, 502_068), (16, 24.4, 24, 1_004_136)]),
]


@pytest.fixture
def teams(tmp_path: Path) -> pd.DataFrame:
    """The teams as an officer's one-row-per-team sheet, through the real importer and summary."""
    path = tmp_path / "teams september 2017.csv"
    rows = ["Team,Cases,FTE"] + [f"{t},{c},{f}" for t, c, f in TEAMS]
    path.write_text("Caseloads at Sep 2017\n" + "\n".join(rows) + "\n", encoding="utf-8")
    result = import_file(path)
    assert result.ok and not result.sheets[0].rejected
    return summarise(result.sheets[0].records, "team", default_thresholds())


@pytest.mark.parametrize(("excluded", "average", "published"), PUBLISHED, ids=["option 1", "option 2", "option 3"])
def test_the_three_options_and_two_targets_as_published(teams, excluded, average, published) -> None:
    scenario = staffing_scenario(teams, excluded, [18, 16], COST)
    assert round(scenario.average, 1) == average
    for option, (target, extra, posts, cost) in zip(scenario.options, published, strict=True):
        assert option.target == target
        decimals = 2 if extra == 14.47 else 1  # the report prints 14.47 and one decimal place elsewhere
        assert round(option.additional_fte, decimals) == extra
        assert option.posts == posts
        # The report prints £376,550 and £753,100 for 9 and 18 posts: rounded; 9 x 41,839 is 376,551.
        assert option.cost == cost == posts * COST


def test_the_recommended_option_reads_as_the_report_does(teams) -> None:
    scenario = staffing_scenario(teams, {"adoption", "fostering"}, [18], COST)
    sentence = scenario.sentence(scenario.options[0], COST)
    assert "from 21.7 to 18" in sentence and "14 (or 14.47)" in sentence and "£585,746" in sentence
    assert scenario.as_json()["options"] == [{"target": 18.0, "additional_fte": 14.47, "posts": 14, "cost": 585746.0}]


def test_a_target_already_met_needs_nobody(teams) -> None:
    scenario = staffing_scenario(teams, set(), [25], COST)
    assert scenario.options[0].posts == 0 and scenario.options[0].additional_fte == 0
    assert "no additional social workers" in scenario.sentence(scenario.options[0], COST)


def test_posts_round_half_up() -> None:
    assert [round_half_up(x) for x in (14.47, 8.7, 12.5, 0.49)] == [14, 9, 13, 0]
