"""Benchmark: a full committee report on the sample council, exported to Word.

The issue's target: at least six charts and five tables in under three seconds on this machine.
Run: .venv/bin/python tests/benchmarks/bench_report.py [--repeat 3]
It prints the time of each step (import, build with charts, save) and the best total.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from caseload_reporter.analysis.thresholds import default_thresholds
from caseload_reporter.core.sample import sample_council
from caseload_reporter.reading.dataset import Dataset
from caseload_reporter.reading.importer import import_files
from caseload_reporter.reporting.docx_export import BuiltReport, build_report
from caseload_reporter.reporting.draft import Item, ReportDraft
from caseload_reporter.reporting.starter_drafts import starter_draft
from caseload_reporter.ui.chart_images import render_png

FULL_REPORT_BLOCKS = [
    Item("chart.district_totals"),
    Item("chart.district_averages"),
    Item("chart.team_type_averages"),
    Item("chart.measures", options={"measures": ["Referrals", "Looked-after children"]}),
    Item("chart.measures", options={"measures": ["Children on child protection plans", "Unallocated cases"]}),
    Item("chart.measures", options={"measures": ["Social worker vacancies (FTE)", "Agency social workers (FTE)"]}),
    Item("table.teams"),
    Item("table.district_totals"),
    Item("table.comparison"),
    Item("table.measures"),
    Item("table.staffing"),
    Item("sentence.average_change"),
    Item("sentence.teams_over_target"),
    Item("sentence.staffing"),
]


def full_draft(dataset: Dataset) -> ReportDraft:
    """The cabinet template with every kind of block in its first section, and a line in every other."""
    draft = starter_draft("cabinet_decision", dataset)
    draft.recommendations = ["To note the report.", "To agree option 1."]
    draft.sections[0].items = [Item("paragraph", "Why this report comes to Cabinet."), *FULL_REPORT_BLOCKS]
    for section in draft.sections[1:]:
        section.items.insert(0, Item("paragraph", f"What the officer writes about {section.title.lower()}."))
    draft.sync_sources([f.path for f in dataset.files])
    return draft


def export_once(dataset: Dataset, out: Path) -> tuple[BuiltReport, float, float]:
    started = time.perf_counter()
    report = build_report(full_draft(dataset), dataset, default_thresholds(), render_chart=render_png)
    built = time.perf_counter()
    report.save(out)
    return report, built - started, time.perf_counter() - built


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    started = time.perf_counter()
    dataset = Dataset().add_results(import_files([sample_council().workbook]), decide=lambda *_: True)
    print(f"import of the sample council: {time.perf_counter() - started:.2f} s")
    totals = []
    with tempfile.TemporaryDirectory() as folder:
        for run in range(args.repeat):
            report, build, save = export_once(dataset, Path(folder) / "report.docx")
            totals.append(build + save)
            print(
                f"run {run + 1}: build {build:.2f} s (charts, tables, check) + save {save:.2f} s = "
                f"{build + save:.2f} s; {report.figures} figures, {report.tables} tables"
            )
    print(f"best export: {min(totals):.2f} s (target: under 3 s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
