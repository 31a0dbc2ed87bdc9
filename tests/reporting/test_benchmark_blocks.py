"""The benchmark blocks on the real DfE files: the chart and table in the Word report, why they are missing
when the council is, the year of the paper's own data, and the neighbours by name.

Expected figures are read from the raw CSV with the csv module, never from the code under test.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
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
from generators.import_fixtures import SheetSpec, WorkbookSpec, write_xlsxwriter
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


def test_before_a_council_is_chosen_the_blocks_ask_for_one_and_the_caseload_chart_uses_england(sample) -> None:
    context = BlockContext(sample, default_thresholds())
    table = build_block(Item("table.benchmark"), context)
    assert isinstance(table, Unavailable) and one_sentence(table.reason)
    assert table.reason == "Choose your council on the Benchmarks page (or with --council) first."
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
    wrong = build_block(Item("table.benchmark"), BlockContext(sample, default_thresholds(), council="999"))
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


def test_the_statistics_shipped_with_the_app_serve_before_anything_is_opened(sample, with_statistics) -> None:
    """No statistics file open: the shipped release and neighbours model give the same table as the files."""
    shipped = build_block(
        Item("table.benchmark", options={"year": 2018}), BlockContext(sample, default_thresholds(), council="370")
    )
    opened = build_block(
        Item("table.benchmark", options={"year": 2018}),
        BlockContext(with_statistics, default_thresholds(), council="370"),
    )
    assert isinstance(shipped, TableContent) and shipped.frame.equals(opened.frame)
    assert "Statistical neighbours' average" in shipped.frame.columns
    # The neighbours by name, in the model's order, so a reader knows who they are.
    with NEIGHBOURS.open(encoding="utf-8-sig") as handle:
        model = next(r for r in csv.DictReader(handle) if r["old_la_code"] == "370")
    first_three = [raw(2025, old_la_code=model[f"SN_{i}"])["la_name"] for i in (1, 2, 3)]
    assert f"Its statistical neighbours: {', '.join(first_three)}, " in shipped.note


def quarter_ends_file(folder: Path, dates: tuple[dt.date, ...]) -> Path:
    """Two teams' cases and FTE at quarter ends, written by xlsxwriter."""
    rows: list[list[object]] = [["Date", "Team", "Team type", "Cases", "FTE"]]
    for date in dates:
        rows += [[date, "North Assessment Team", "Assessment", 120, 6.0], [date, "South Team", "Children's", 90, 5.0]]
    return write_xlsxwriter(WorkbookSpec("quarter_ends", [SheetSpec("Caseloads", rows)]), folder / "quarter_ends.xlsx")


def quarter_ends(folder: Path, dates: tuple[dt.date, ...]) -> Dataset:
    """The same, read by the importer."""
    path = quarter_ends_file(folder, dates)
    return Dataset().add_results(import_files([path]), decide=lambda *_: True)


def test_a_paper_about_2017_compares_2017_not_the_latest_year(tmp_path: Path) -> None:
    dataset = quarter_ends(tmp_path, (dt.date(2017, 9, 30), dt.date(2017, 12, 31)))
    context = BlockContext(dataset, default_thresholds(), council="370")
    table = build_block(Item("table.benchmark"), context)
    assert isinstance(table, TableContent) and table.title.endswith(", 2017")
    assert table.frame.loc[0, "Barnsley"] == f"{float(raw(2017, old_la_code='370')['caseload_fte']):.1f}"
    assert "2017 is the latest year published by 31 December 2017" in table.note
    chart = build_block(Item("chart.benchmark"), context)
    assert isinstance(chart, ChartContent) and list(chart.table.frame["Year"]) == ["2017"]  # nothing after the paper
    chosen = build_block(Item("table.benchmark", options={"year": 2019}), context)  # the officer's choice stands
    assert chosen.title.endswith(", 2019")
    summer = quarter_ends(tmp_path, (dt.date(2017, 3, 31), dt.date(2017, 6, 30)))
    early = build_block(Item("table.benchmark"), BlockContext(summer, default_thresholds(), council="370"))
    assert isinstance(early, Unavailable) and one_sentence(early.reason)
    assert "published by" in early.reason and "30 June 2017: the first are at 30 September 2017." in early.reason
    later = quarter_ends(tmp_path, (dt.date(2019, 9, 30), dt.date(2020, 3, 31)))
    assert build_block(
        Item("table.benchmark"), BlockContext(later, default_thresholds(), council="370")
    ).title.endswith(", 2019")


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


def test_report_council_places_the_benchmark_blocks_where_the_template_compares_the_council(tmp_path: Path, capsys):
    from caseload_reporter.cli import main

    book = quarter_ends_file(tmp_path, (dt.date(2017, 9, 30), dt.date(2017, 12, 31)))
    out = tmp_path / "cabinet.docx"
    assert (
        main(
            [
                "report",
                str(book),
                "--council",
                "Barnsley",
                "--template",
                "cabinet_decision",
                "--out",
                str(out),
                "--allow-incomplete",
            ]
        )
        == 0  # a cabinet paper from data alone has sections only the officer can write
    )
    texts = [p.text for p in docx.Document(str(out)).paragraphs]
    section = texts.index("National and local caseloads")
    following = texts[section + 1 : section + 6]
    assert following[0].startswith("Figure 1: Average caseload per FTE: Barnsley against England, Yorkshire and The")
    assert any(
        t.startswith("Table 1: Barnsley against England, Yorkshire and The Humber and its statistical")
        for t in following
    )
    assert any(t.endswith("neighbours, 2017") for t in following)  # the paper's year, not the latest release's
    capsys.readouterr()

    # A draft saved without them (no council chosen then): --council puts them in that section and says so.
    plain = starter_draft("cabinet_decision")
    assert not [i for s in plain.sections for i in s.items if i.kind == "table.benchmark"]
    saved = tmp_path / "draft.json"
    saved.write_text(json.dumps(plain.to_json()), encoding="utf-8")
    argv = ["report", str(book), "--draft", str(saved), "--council", "370", "--out", str(out), "--allow-incomplete"]
    assert main(argv) == 0
    assert 'placed the benchmark table in the section "National and local caseloads".' in capsys.readouterr().err
    texts = [p.text for p in docx.Document(str(out)).paragraphs]
    assert any(t.startswith("Table") and "Barnsley against England" in t for t in texts)

    # A template with no benchmarking section: nothing placed, and the command says where one is.
    assert main(["report", str(book), "--council", "Barnsley", "--out", str(out), "--allow-incomplete"]) == 0
    err = capsys.readouterr().err
    assert "the committee_update template has no benchmarking section" in err and err.count("benchmarking") == 1
