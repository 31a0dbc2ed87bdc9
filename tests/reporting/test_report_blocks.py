"""Data blocks work their figures out from the data itself, and say so when the data cannot give them.

Expected figures are recomputed here straight from the imported rows with pandas, not copied from
the code under test; the data is the generated sample council and the generated progress report.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pandas as pd
import pytest

from caseload_reporter.analysis.thresholds import default_thresholds, status_text
from caseload_reporter.reading.dataset import Dataset
from caseload_reporter.reading.importer import import_files
from caseload_reporter.reporting.block_context import BlockContext
from caseload_reporter.reporting.blocks import (
    BLOCK_KINDS,
    ChartContent,
    SentenceContent,
    TableContent,
    Unavailable,
    build_block,
)
from caseload_reporter.reporting.draft import Item, Privacy
from caseload_reporter.reporting.privacy import SUPPRESSED, WITHHELD


@pytest.fixture(scope="module")
def dataset(sample_workbook: Path) -> Dataset:
    return Dataset().add_results(import_files([sample_workbook]), decide=lambda *_: True)


def context(dataset: Dataset, **privacy: bool) -> BlockContext:
    return BlockContext(dataset, default_thresholds(), Privacy(**privacy))


def per_fte(frame: pd.DataFrame, period: pd.Timestamp) -> float:
    rows = frame[(frame["period"] == period) & frame["worker"].notna() & frame["caseload"].notna()]
    return rows["caseload"].sum() / rows["fte"].sum()


def test_every_block_kind_builds_from_the_sample_council(dataset: Dataset) -> None:
    built = {kind: build_block(Item(kind), context(dataset)) for kind in BLOCK_KINDS}
    # The sample's averages are flat, so no trend sentence: see test_commentary for the reason given.
    # The benchmark table needs the DfE workforce statistics file: see test_benchmark_blocks.
    unavailable = {k for k, c in built.items() if isinstance(c, Unavailable)}
    assert unavailable == {"sentence.average_trend", "table.benchmark"}, built
    assert sum(isinstance(c, ChartContent) for c in built.values()) == 5  # chart.benchmark: the built-in England
    for content in built.values():
        if isinstance(content, ChartContent):
            table = content.table.frame
            assert len(table) == len(content.spec.periods()) and len(table.columns) == len(content.spec.series) + 1


def test_average_change_sentence_carries_the_figures_of_the_data(dataset: Dataset) -> None:
    periods = dataset.periods()
    first, second = periods[-14], periods[-1]
    item = Item("sentence.average_change", options={"first": first.iso(), "second": second.iso()})
    content = build_block(item, context(dataset))
    assert isinstance(content, SentenceContent)
    before = per_fte(dataset.caseloads, pd.Timestamp(first.start))
    after = per_fte(dataset.caseloads, pd.Timestamp(second.start))
    assert f"{before:.1f} in {first.phrase()}" in content.text
    assert f"{after:.1f} in {second.phrase()}" in content.text
    assert ("increased" if round(after, 1) > round(before, 1) else "reduced") in content.text


def test_the_sentence_follows_the_data_when_it_changes(dataset: Dataset) -> None:
    latest = dataset.caseloads["period"].max()
    busier = dataset.caseloads.copy()
    busier.loc[busier["period"] == latest, "caseload"] += 5
    changed = replace(dataset, caseloads=busier)
    item = Item("sentence.average_change", options={"second": "latest"})
    old, new = build_block(item, context(dataset)), build_block(item, context(changed))
    assert isinstance(old, SentenceContent) and isinstance(new, SentenceContent)
    assert f"{per_fte(busier, latest):.1f}" in new.text and new.text != old.text


def test_no_sentence_when_the_data_cannot_support_it(dataset: Dataset) -> None:
    latest = dataset.periods()[-1].iso()
    same = build_block(Item("sentence.average_change", options={"first": latest, "second": latest}), context(dataset))
    assert isinstance(same, Unavailable) and "Two different periods" in same.reason
    measures_only = replace(dataset, caseloads=dataset.caseloads.iloc[0:0])
    for kind in ("sentence.average_change", "table.teams", "chart.district_totals", "table.staffing"):
        assert isinstance(build_block(Item(kind), context(measures_only)), Unavailable), kind
    no_measures = replace(dataset, measures=dataset.measures.iloc[0:0])
    assert "no service measures" in build_block(Item("chart.measures"), context(no_measures)).reason
    assert isinstance(build_block(Item("chart.pie"), context(dataset)), Unavailable)


def test_team_table_rates_in_words_and_shades_only_beside_them(dataset: Dataset) -> None:
    content = build_block(Item("table.teams"), context(dataset))
    assert isinstance(content, TableContent)
    frame = content.frame
    latest = dataset.caseloads["period"].max()
    teams = dataset.caseloads[dataset.caseloads["period"] == latest]["team"].nunique()
    assert len(frame) == teams + 1 and frame["Team"].iloc[-1] == "All teams"
    rating_column = list(frame.columns).index("Rating")
    for (row, column), _fill in content.shading.items():
        assert column == rating_column and frame.iat[row, column] != "No target"
    assert set(frame["Rating"].iloc[:-1]) <= {status_text(s) for s in ("green", "amber", "red", None)}
    names = set(dataset.caseloads["worker"].dropna())
    assert not names & set(frame.to_numpy().ravel())  # no worker is ever listed


def small_team(dataset: Dataset) -> tuple[Dataset, str]:
    """The sample with one team cut to three workers in the latest period."""
    frame = dataset.caseloads
    latest = frame["period"].max()
    team = frame[frame["period"] == latest]["team"].iloc[0]
    rows = frame[(frame["period"] == latest) & (frame["team"] == team)]
    drop = rows.index[3:]
    return replace(dataset, caseloads=frame.drop(index=drop)), team


def test_small_counts_and_their_ranges_are_suppressed_unless_turned_off(dataset: Dataset) -> None:
    cut, team = small_team(dataset)
    shown = build_block(Item("table.teams"), context(cut)).frame.set_index("Team")
    assert shown.loc[team, "Workers"] == SUPPRESSED and shown.loc[team, "Caseload range"] == WITHHELD
    full = build_block(Item("table.teams"), context(cut, suppress_small_counts=False)).frame.set_index("Team")
    assert full.loc[team, "Workers"] == "3" and " to " in full.loc[team, "Caseload range"]


def test_comparison_table_has_flat_columns_named_by_period(dataset: Dataset) -> None:
    periods = dataset.periods()
    item = Item("table.comparison", options={"first": periods[-5].iso(), "second": periods[-1].iso()})
    content = build_block(item, context(dataset))
    columns = list(content.frame.columns)
    assert f"Average {periods[-5].label()}" in columns and f"Average {periods[-1].label()}" in columns
    assert all(isinstance(c, str) for c in columns)


def test_staffing_table_follows_the_cabinet_arithmetic(dataset: Dataset) -> None:
    content = build_block(Item("table.staffing", options={"targets": [18]}), context(dataset))
    latest = dataset.caseloads["period"].max()
    rows = dataset.caseloads[(dataset.caseloads["period"] == latest) & dataset.caseloads["worker"].notna()]
    needed = rows["caseload"].sum() / 18 - rows["fte"].sum()
    assert content.frame["Additional FTE"].iloc[0] == f"{max(needed, 0):.2f}"


def test_chart_alt_text_names_the_main_finding(dataset: Dataset) -> None:
    content = build_block(Item("chart.district_totals", options={"periods": 4}), context(dataset))
    latest = dataset.caseloads["period"].max()
    totals = dataset.caseloads[dataset.caseloads["period"] == latest].groupby("district")["caseload"].sum()
    assert content.alt_text.startswith("Line chart: Total cases by district")
    assert f"{totals.idxmax()} was the highest at {totals.max():,.0f}" in content.alt_text
    assert f"{totals.idxmin()} the lowest at {totals.min():,.0f}" in content.alt_text
