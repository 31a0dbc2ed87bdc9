"""Each block kind is declared once, and the builders take their defaults from that declaration only.

If a builder kept a default of its own, an item with no options would build differently from one
with every declared default written out; these tests build both from the sample council.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from caseload_reporter.analysis.thresholds import default_thresholds
from caseload_reporter.reading.dataset import Dataset
from caseload_reporter.reading.importer import import_files
from caseload_reporter.reporting.block_context import BlockContext
from caseload_reporter.reporting.block_options import (
    ChoiceOption,
    CountOption,
    NumberOption,
    NumbersOption,
    PeriodOption,
    YearOption,
)
from caseload_reporter.reporting.blocks import BLOCK_KINDS, ChartContent, TableContent, Unavailable, build_block
from caseload_reporter.reporting.draft import Item


@pytest.fixture(scope="module")
def dataset(sample_workbook: Path) -> Dataset:
    return Dataset().add_results(import_files([sample_workbook]), decide=lambda *_: True)


def same(a: object, b: object) -> bool:
    if isinstance(a, TableContent) and isinstance(b, TableContent):
        return a.title == b.title and a.frame.equals(b.frame) and a.note == b.note
    if isinstance(a, ChartContent) and isinstance(b, ChartContent):
        return a.title == b.title and a.alt_text == b.alt_text and same(a.table, b.table)
    return a == b


@pytest.mark.parametrize("kind", list(BLOCK_KINDS))
def test_no_options_build_exactly_as_the_declared_defaults_written_out(kind: str, dataset: Dataset) -> None:
    declared = {o.name: o.default for o in BLOCK_KINDS[kind].options if o.default is not None}
    context = BlockContext(dataset, default_thresholds())
    assert same(build_block(Item(kind), context), build_block(Item(kind, options=declared), context))


@pytest.mark.parametrize("kind", list(BLOCK_KINDS))
def test_every_option_is_declared_whole(kind: str) -> None:
    options = BLOCK_KINDS[kind].options
    assert len({o.name for o in options}) == len(options)
    for option in options:
        if option.shown:
            assert option.label and option.accessible, option
            assert type(option) in (PeriodOption, YearOption, CountOption, NumberOption, NumbersOption, ChoiceOption)
        if isinstance(option, CountOption | NumberOption):
            assert option.low <= option.default <= option.high, option
        if isinstance(option, ChoiceOption):
            assert option.default in option.choices
        if isinstance(option, NumbersOption):
            assert option.parse(option.text({})) == list(option.default)


def test_the_declared_defaults_are_the_ones_the_report_uses(dataset: Dataset) -> None:
    """The figures say which defaults were used: 13 recent periods, 7 for the district table, targets 18 and 16."""
    context = BlockContext(dataset, default_thresholds())
    periods = {o.name: o.default for o in BLOCK_KINDS["chart.district_totals"].options}["periods"]
    chart = build_block(Item("chart.district_totals"), context)
    assert isinstance(chart, ChartContent) and len(chart.spec.periods()) == periods == 13
    table = build_block(Item("table.district_totals"), context)
    assert isinstance(table, TableContent) and len(table.frame) == 7
    staffing = build_block(Item("table.staffing"), context)
    assert isinstance(staffing, TableContent)
    assert sorted(set(staffing.frame["Target average"]), key=float) == ["16", "18"]
    option = next(o for o in BLOCK_KINDS["sentence.staffing"].options if o.name == "target")
    sentence = build_block(Item("sentence.staffing"), context)
    written = build_block(Item("sentence.staffing", options={"target": 18}), context)
    assert option.default == 18 and sentence == written


def test_a_kind_that_needs_an_input_says_so_in_one_sentence(dataset: Dataset) -> None:
    no_measures = replace(dataset, measures=dataset.measures.iloc[0:0])
    per_worker = replace(default_thresholds(), basis="worker")
    cases = {
        "measures": (BlockContext(no_measures, default_thresholds()), "no service measures"),
        "fte": (BlockContext(dataset, per_worker), "per FTE"),
        "council": (BlockContext(dataset, default_thresholds()), "Choose your council on the Benchmarks page"),
    }
    checked = set()
    for kind, info in BLOCK_KINDS.items():
        for need in info.needs:
            if need in cases:
                context, said = cases[need]
                content = build_block(Item(kind), context)
                assert isinstance(content, Unavailable) and said in content.reason, kind
                assert content.reason.endswith(".") and content.reason.count(". ") == 0
                checked.add(need)
    assert checked == set(cases)
