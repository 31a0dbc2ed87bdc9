"""Drafted commentary: every figure in a proposed sentence is worked out again here from the rows.

The expected figures are recomputed with pandas straight from the imported records (what the Teams
and Districts pages show, to one decimal place), never taken from the code under test. Besides the
sample council, small workbooks are generated here by openpyxl and xlsxwriter: caseloads rising
steadily, flat caseloads, and a team with two workers over the ceiling.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pandas as pd
import pytest

from caseload_reporter.analysis.thresholds import default_thresholds
from caseload_reporter.core.paths import resources_dir
from caseload_reporter.reading.dataset import Dataset
from caseload_reporter.reading.importer import import_files
from caseload_reporter.reporting.block_context import BlockContext
from caseload_reporter.reporting.blocks import SentenceContent, build_block
from caseload_reporter.reporting.commentary import propose
from caseload_reporter.reporting.draft import Privacy
from generators.import_fixtures import SheetSpec, WorkbookSpec, write_openpyxl, write_xlsxwriter

WEEKS = [dt.date(2026, 6, 1) + dt.timedelta(weeks=i) for i in range(13)]
DATE = re.compile(r"\d{1,2} \w+ \d{4}|30 September \d{4}")


@pytest.fixture(scope="module")
def sample(sample_workbook: Path) -> Dataset:
    return Dataset().add_results(import_files([sample_workbook]), decide=lambda *_: True)


def proposals(dataset: Dataset, **privacy: bool) -> dict[str, str]:
    commentary = propose(BlockContext(dataset, default_thresholds(), Privacy(**privacy)))
    return {f"{p.kind}:{p.options.get('measure', '')}": p.text for p in commentary.proposals}


def numbers(text: str) -> list[float]:
    """The figures in a sentence, dates taken out first."""
    return [float(n.replace(",", "")) for n in re.findall(r"\d[\d,]*(?:\.\d+)?", DATE.sub("", text))]


def latest_rows(dataset: Dataset) -> pd.DataFrame:
    rows = dataset.caseloads
    rows = rows[rows["worker"].notna() & rows["caseload"].notna()]
    return rows[rows["period"] == rows["period"].max()]


def per_fte(rows: pd.DataFrame) -> float:
    return round(rows["caseload"].sum() / rows["fte"].sum(), 1)


# -- the sample council: each sentence's figures against the rows ----------------------------------


def test_the_change_sentence_gives_the_two_averages_of_the_rows(sample: Dataset) -> None:
    text = proposals(sample)["sentence.average_change:"]
    rows = sample.caseloads[sample.caseloads["worker"].notna() & sample.caseloads["caseload"].notna()]
    periods = sorted(rows["period"].unique())
    second = periods[-1]
    first = min((p for p in periods if p < second), key=lambda p: abs((second - p).days - 91))
    expected = [per_fte(rows[rows["period"] == first]), per_fte(rows[rows["period"] == second])]
    assert numbers(text) == expected


def test_the_district_sentence_names_the_district_apart_and_the_gap_in_tens(sample: Dataset) -> None:
    text = proposals(sample)["sentence.district_gap:cases"]
    totals = latest_rows(sample).groupby("district")["caseload"].sum().sort_values()
    top, rest = totals.index[-1], totals.iloc[:-1]
    assert totals.iloc[-1] - rest.max() > 2 * (rest.max() - rest.min())  # the sample's one district apart
    nearest = round((totals.iloc[-1] - rest.max()) / 10) * 10
    furthest = round((totals.iloc[-1] - rest.min()) / 10) * 10
    assert numbers(text) == [nearest, furthest]
    assert f"{top} has around" in text and "more cases than" in text
    assert all(name in text for name in rest.index)


def test_the_teams_sentence_counts_teams_over_their_target_and_the_largest_excess(sample: Dataset) -> None:
    text = proposals(sample)["sentence.teams_over_target:"]
    rows = latest_rows(sample)
    targets = default_thresholds().targets
    teams = rows.groupby(["team", "team_type"]).apply(per_fte, include_groups=False).reset_index(name="average")
    teams = teams[teams["team_type"].isin(targets)]
    high = teams["team_type"].map(lambda t: targets[t][1])
    over = teams[teams["average"] > high]
    margin, ceiling = default_thresholds().amber_margin, default_thresholds().ceiling
    busiest = rows.groupby("team")["caseload"].max()  # any worker over the ceiling makes a team "well above"
    well_over = teams[(teams["average"] > high + margin) | (teams["team"].map(busiest) > ceiling)]
    excess = round(float((over["average"] - high[over.index]).max()), 1)
    assert numbers(text) == [len(over), len(teams), len(well_over), excess]


def test_the_ceiling_sentence_counts_workers_from_the_rows(sample: Dataset) -> None:
    text = proposals(sample, suppress_small_counts=False)["sentence.workers_over_ceiling:"]
    rows = latest_rows(sample)
    workers = rows.groupby("worker")["caseload"].sum()
    assert numbers(text) == [int((workers > default_thresholds().ceiling).sum()), len(workers), 25]


def test_the_ceiling_sentence_withholds_a_total_that_would_reveal_a_team_count_under_5(sample: Dataset) -> None:
    """Secondary suppression: the sample has teams with 1 to 4 workers over the ceiling, shown as 'fewer than
    5' in the teams table, so the number over the ceiling is not printed; the teams are counted instead."""
    text = proposals(sample)["sentence.workers_over_ceiling:"]
    rows = latest_rows(sample)
    over = rows[rows["caseload"] > default_thresholds().ceiling].groupby("team")["worker"].nunique()
    assert over.between(1, 4).any()  # the sample has what this test is about
    assert numbers(text) == [len(over), rows["team"].nunique(), 25, 5]
    assert "the number of workers is not given" in text


def test_the_england_sentence_uses_the_shipped_figure_for_the_last_september(sample: Dataset) -> None:
    text = proposals(sample)["sentence.against_england:"]
    shipped = json.loads((resources_dir() / "settings" / "england_caseload_per_fte.json").read_text("utf-8"))
    latest = latest_rows(sample)["period"].max()
    year = max(int(y) for y in shipped["values"] if dt.date(int(y), 9, 30) <= latest.date())
    ours, england = per_fte(latest_rows(sample)), shipped["values"][str(year)]
    assert numbers(text) == [ours, round(abs(ours - england), 1), england]
    assert f"30 September {year}" in text and ("above" if ours > england else "below") in text


def test_proposals_are_exactly_what_the_report_prints(sample: Dataset) -> None:
    context = BlockContext(sample, default_thresholds())
    commentary = propose(context)
    assert len(commentary.proposals) >= 5
    for proposal in commentary.proposals:
        printed = build_block(proposal.item(), context)
        assert isinstance(printed, SentenceContent) and printed.text == proposal.text


def test_the_flat_sample_gets_no_trend_sentence_and_says_why(sample: Dataset) -> None:
    commentary = propose(BlockContext(sample, default_thresholds()))
    assert not [p for p in commentary.proposals if p.kind == "sentence.average_trend"]
    reason = next(n.reason for n in commentary.not_proposed if n.topic == "Trend of the average")
    assert reason.startswith("The average shows no clear trend over the last 13 weeks")


# -- generated workbooks ---------------------------------------------------------------------------


def caseload_book(name: str, caseload, districts=("North", "South", "East")) -> WorkbookSpec:
    """Four workers in each district's one team, week by week; ``caseload(week, district, worker)``."""
    rows: list[list[object]] = [
        ["Weekly caseloads by worker (generated)"],
        [],
        ["Week commencing", "District", "Team", "Team type", "Social worker", "FTE", "Caseload"],
    ]
    for w, week in enumerate(WEEKS):
        for d, district in enumerate(districts):
            for worker in range(4):
                rows.append(
                    [
                        week,
                        district,
                        f"{district} Children's Team",
                        "Children's",
                        f"Worker {d}{worker}",
                        1.0,
                        caseload(w, d, worker),
                    ]
                )
    return WorkbookSpec(name, [SheetSpec("Caseloads", rows)])


def load(spec: WorkbookSpec, folder: Path, writer) -> Dataset:
    path = writer(spec, folder / f"{spec.name}.xlsx")
    result = import_files([path])
    assert result[0].ok, result[0].message
    return Dataset().add_results(result, decide=lambda *_: True)


@pytest.mark.parametrize("writer", [write_openpyxl, write_xlsxwriter])
def test_a_steady_rise_is_described_with_the_first_and_last_averages(writer, tmp_path: Path) -> None:
    spec = caseload_book("rising", lambda w, d, worker: 16 + w // 2 + (worker % 2))
    dataset = load(spec, tmp_path, writer)
    text = proposals(dataset)["sentence.average_trend:"]
    rows = dataset.caseloads
    first = per_fte(rows[rows["period"] == rows["period"].min()])
    last = per_fte(rows[rows["period"] == rows["period"].max()])
    assert "has risen over the last 13 weeks" in text
    assert numbers(text) == [13, first, last]


@pytest.mark.parametrize("writer", [write_openpyxl, write_xlsxwriter])
def test_flat_caseloads_and_even_districts_get_no_trend_or_district_sentence(writer, tmp_path: Path) -> None:
    spec = caseload_book("flat", lambda w, d, worker: 18 + (w + d + worker) % 3 - 1)
    dataset = load(spec, tmp_path, writer)
    offered = proposals(dataset)
    assert "sentence.average_trend:" not in offered
    assert not [key for key in offered if key.startswith("sentence.district_gap")]
    assert "sentence.average_change:" in offered  # the data still supports a plain comparison


def test_two_workers_over_the_ceiling_are_not_counted_unless_shown(tmp_path: Path) -> None:
    """One worker over the ceiling in each of two teams: each team's count is under 5, so even 'fewer than 5'
    for the whole service would narrow them (to 1 to 3); the sentence names the teams, not the workers."""
    spec = caseload_book("ceiling", lambda w, d, worker: 27 if (d, worker) in {(0, 0), (1, 1)} else 15)
    dataset = load(spec, tmp_path, write_openpyxl)
    assert (
        "social workers in 2 of the 3 teams were holding more than 25 cases; the number of workers is not given"
        in (proposals(dataset)["sentence.workers_over_ceiling:"])
    )
    assert (
        "2 of the 12 social workers were holding"
        in (proposals(dataset, suppress_small_counts=False)["sentence.workers_over_ceiling:"])
    )


def test_no_data_proposes_nothing_and_gives_every_reason() -> None:
    commentary = propose(BlockContext(Dataset(), default_thresholds()))
    assert commentary.proposals == []
    assert {n.topic for n in commentary.not_proposed} >= {"Trend of the average", "Teams over target"}
    assert all(n.reason.endswith(".") for n in commentary.not_proposed)
