"""The benchmark blocks on the real DfE files: the chart and table in the Word report, and why they are
missing when the statistics or the council are.

Expected figures are read from the raw CSV with the csv module, never from the code under test.
"""

from __future__ import annotations

import csv
from dataclasses import replace
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn

from caseload_reporter.analysis.england import england_caseload_per_fte
from caseload_reporter.analysis.thresholds import default_thresholds
from caseload_reporter.reading.dataset import Dataset
from caseload_reporter.reading.importer import import_files
from caseload_reporter.reporting.block_context import BlockContext
from caseload_reporter.reporting.blocks import ChartContent, TableContent, Unavailable, build_block
from caseload_reporter.reporting.docx_export import build_report
from caseload_reporter.reporting.draft import Item
from caseload_reporter.reporting.starter_drafts import starter_draft
from caseload_reporter.ui.chart_images import render_png
from published_files import INDICATORS, NEIGHBOURS


@pytest.fixture(scope="module")
def sample(sample_workbook: Path) -> Dataset:
    return Dataset(name="Wenmoor County Council").add_results(import_files([sample_workbook]), decide=lambda *_: True)


@pytest.fixture(scope="module")
def with_statistics(sample: Dataset) -> Dataset:
    return sample.add_results(import_files([INDICATORS, NEIGHBOURS]), decide=lambda *_: True)


def raw(year: int, **match: str) -> dict[str, str]:
    with INDICATORS.open(encoding="utf-8-sig") as handle:
        return next(
            r
            for r in csv.DictReader(handle)
            if r["time_period"] == str(year) and all(r[k] == v for k, v in match.items())
        )


def one_sentence(text: str) -> bool:
    return "\n" not in text and text.endswith(".") and "Traceback" not in text


def test_without_statistics_the_blocks_say_why_and_the_caseload_chart_uses_the_built_in_england(sample) -> None:
    context = BlockContext(sample, default_thresholds())
    table = build_block(Item("table.benchmark"), context)
    assert isinstance(table, Unavailable) and one_sentence(table.reason)
    assert "workforce statistics file with File > Open" in table.reason
    agency = build_block(Item("chart.benchmark", options={"measure": "agency_rate_fte"}), context)
    assert isinstance(agency, Unavailable) and agency.reason == table.reason
    chart = build_block(Item("chart.benchmark"), context)
    assert isinstance(chart, ChartContent)
    england = next(s for s in chart.spec.series if s.name == "England")
    shown = {p.start.year: v for p, v in zip(england.periods, england.values, strict=True)}
    assert {y: v for y, v in shown.items() if v is not None} == england_caseload_per_fte().values
    assert shown[2026] is None  # the sample runs into 2026, which has no national figure yet: a gap, not a 0
    assert "Wenmoor County Council (your data)" in [s.name for s in chart.spec.series]
    assert england_caseload_per_fte().source in chart.table.note


def test_with_statistics_but_no_council_the_blocks_ask_for_one(with_statistics) -> None:
    context = BlockContext(with_statistics, default_thresholds())
    for kind in ("chart.benchmark", "table.benchmark"):
        content = build_block(Item(kind), context)
        assert (
            isinstance(content, Unavailable) and content.reason == "Choose your council on the Benchmarks page first."
        )
    wrong = build_block(Item("table.benchmark"), BlockContext(with_statistics, default_thresholds(), council="999"))
    assert isinstance(wrong, Unavailable) and one_sentence(wrong.reason) and "'999'" in wrong.reason


def test_the_table_gives_four_measures_with_the_rank_and_words_for_withheld_figures(with_statistics) -> None:
    context = BlockContext(with_statistics, default_thresholds(), council="213")  # Westminster: 2025 all 'x'
    table = build_block(Item("table.benchmark", options={"year": 2025}), context)
    assert isinstance(table, TableContent)
    assert list(table.frame.columns) == [
        "Measure",
        "Westminster",
        "England",
        "London",
        "Statistical neighbours' average",
        "Rank in its region",
    ]
    own, england = raw(2025, old_la_code="213"), raw(2025, geographic_level="National")
    assert own["caseload_fte"] == "x"
    assert list(table.frame["Westminster"]) == ["not available"] * 4
    assert list(table.frame["England"]) == [
        f"{float(england[m]):.1f}" for m in ("caseload_fte", "agency_rate_fte", "vacancy_rate_fte", "turnover_rate_fte")
    ]
    assert "withheld or did not publish are given in words" in table.note
    barnsley_context = BlockContext(with_statistics, default_thresholds(), council="370")
    barnsley = build_block(Item("table.benchmark", options={"year": 2018}), barnsley_context)
    assert barnsley.frame.loc[0, "Rank in its region"] == "4th highest of 15 in Yorkshire and The Humber"


def test_no_neighbours_file_leaves_that_column_out_and_says_so(sample) -> None:
    dataset = sample.add_results(import_files([INDICATORS]), decide=lambda *_: True)
    table = build_block(Item("table.benchmark"), BlockContext(dataset, default_thresholds(), council="370"))
    assert "Statistical neighbours' average" not in table.frame.columns
    assert "No statistical neighbours file is open" in table.note


def test_the_word_report_holds_the_benchmark_chart_and_table(with_statistics, tmp_path: Path) -> None:
    dataset = replace(with_statistics, council="213")  # as the Benchmarks page sets it
    draft = starter_draft("committee_update", dataset)
    draft.sections[0].items = [
        Item("paragraph", "How our workforce compares."),
        Item("chart.benchmark", options={"measure": "agency_rate_fte"}),
        Item("table.benchmark"),
    ]
    report = build_report(draft, dataset, default_thresholds(), render_chart=render_png)
    assert not [s for s in report.skipped if "benchmark" in s], report.skipped
    document = docx.Document(str(report.save(tmp_path / "benchmarks.docx")))
    table = next(t for t in document.tables if t.rows[0].cells[0].text == "Measure")
    header = [c.text for c in table.rows[0].cells]
    assert header[:3] == ["Measure", "Westminster", "England"] and header[-1] == "Rank in its region"
    first_row = table.rows[0]._tr
    assert first_row.trPr is not None and first_row.trPr.find(qn("w:tblHeader")) is not None  # a real header row
    cells = [c.text for row in table.rows[1:] for c in row.cells]
    withheld = [row.cells[1].text for row in table.rows[1:]]
    assert withheld == ["not available"] * 4  # every 2025 figure is marked 'x' in the file, so words, never 0
    assert "0" not in cells and "0.0" not in cells
    # The chart's image carries alt text written from the data, naming the withheld years.
    described = [d.get("descr") for d in document.element.body.iter(qn("wp:docPr"))]
    agency = next(d for d in described if d and "Agency worker rate" in d)
    assert "Westminster" in agency and "No figure for Westminster in 2022 to 2025" in agency
