"""The ``caseload-reporter`` command: opens the app, or runs a subcommand for analysts.

``caseload-reporter [FILE...]`` opens the window (on the sample council when no file is given);
``caseload-reporter inspect FILE... [--json]`` says what the importer understood. Qt is imported
only when the window is wanted, so the subcommands and ``--version`` start fast and headless.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from caseload_reporter import APP_NAME, __version__

if TYPE_CHECKING:
    from caseload_reporter.reading.dataset import Dataset

# 2: the command line itself is wrong; 3: the inputs (files, data) cannot give what was asked.
EXIT_OK, EXIT_USAGE, EXIT_INPUT = 0, 2, 3

SUBCOMMANDS = {
    "inspect": "say what the importer understood in each file (--json for machines)",
    "summary": "caseload measures by team, district or team type for each period",
    "staffing": "additional social workers needed to reach target averages, and their cost",
    "benchmark": "a council against England, its region and statistical neighbours (DfE statistics)",
    "report": "export the Word committee report (--sample for the built-in sample council)",
    "check": "check a Word report for accessibility problems, as Word's checker does",
}
EXIT_FAILED = 1


def _gui_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="caseload-reporter",
        description=f"{APP_NAME}: caseload spreadsheets into accessible committee reports, offline.",
        epilog="subcommands:\n"
        + "\n".join(f"  {name:<10} {text}" for name, text in SUBCOMMANDS.items())
        + "\n\nRun 'caseload-reporter SUBCOMMAND --help' for a subcommand's options.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"{APP_NAME} {__version__}")
    parser.add_argument("files", nargs="*", type=Path, help="spreadsheets to open (.xlsx .xlsm .xls .ods .csv)")
    parser.add_argument(
        "--sample", action="store_true", help="open the built-in sample council (the default when no file is given)"
    )
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="check this installation headless and offline: open the sample, export and check a report, exit 0",
    )
    # For the packaging test's start-up timing: quit once the window has painted. Not for officers.
    parser.add_argument("--exit-when-shown", action="store_true", help=argparse.SUPPRESS)
    return parser


def _inspect_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="caseload-reporter inspect", description="Say what the importer understood in each file."
    )
    parser.add_argument("files", nargs="+", type=Path, metavar="FILE")
    parser.add_argument("--json", action="store_true", help="print one JSON object instead of text")
    return parser


def _summary_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="caseload-reporter summary",
        description="Caseload measures for each period, rated against the target for each team type.",
    )
    parser.add_argument("files", nargs="+", type=Path, metavar="FILE")
    parser.add_argument("--by", choices=["team", "district", "team-type"], required=True)
    parser.add_argument("--period", help="an ISO month (2022-03) or date (2022-03-07); default: every period")
    parser.add_argument("--basis", choices=["fte", "worker"], help="average per FTE (default) or per worker")
    parser.add_argument("--thresholds", type=Path, help="a thresholds JSON file shared by your service")
    parser.add_argument("--json", action="store_true", help="print one JSON object instead of a table")
    return parser


def _staffing_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="caseload-reporter staffing",
        description="Additional FTE social workers needed to bring the average caseload per FTE down to each "
        "target, in the latest period, and their cost.",
    )
    parser.add_argument("files", nargs="+", type=Path, metavar="FILE")
    parser.add_argument("--target", type=float, action="append", required=True, help="a target average (repeatable)")
    parser.add_argument("--exclude", action="append", default=[], metavar="TEAM_TYPE",
                        help="a team type to leave out, such as adoption or fostering (repeatable)")  # fmt: skip
    parser.add_argument("--cost-per-post", type=float, default=None, help="full-year cost of one post (pounds)")
    parser.add_argument("--json", action="store_true", help="print one JSON object instead of sentences")
    return parser


def _benchmark_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="caseload-reporter benchmark",
        description="A council's caseload, agency, vacancy and turnover rates against England, its region and its "
        "statistical neighbours, from the Department for Education's children's social work workforce file.",
    )
    parser.add_argument("workforce_file", type=Path, metavar="WORKFORCE_FILE", nargs="?",
                        help="a release of the workforce statistics CSV (default: the 2017 to 2025 release "
                        "built in)")  # fmt: skip
    parser.add_argument("--council", required=True, help="the council's name, or its old or new code")
    parser.add_argument("--year", type=int, help="the reporting year (default: the latest with figures)")
    parser.add_argument("--neighbours", type=Path, metavar="SN_FILE",
                        help="the statistical neighbours model file (default: the 2025 model built in)")  # fmt: skip
    parser.add_argument("--json", action="store_true", help="print one JSON object instead of a table")
    return parser


def _report_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="caseload-reporter report",
        description="Export the Word committee report from spreadsheets (or the sample council) and a draft.",
    )
    parser.add_argument("files", nargs="*", type=Path, metavar="FILE",
                        help="caseload spreadsheets, and the DfE workforce statistics and statistical neighbours "
                        "files for the benchmark blocks (with --sample, only those two)")  # fmt: skip
    parser.add_argument("--sample", action="store_true", help="use the built-in sample council and its draft")
    parser.add_argument("--council", metavar="NAME_OR_CODE",
                        help="your council in the DfE workforce statistics (name, old or new code), for the "
                        "benchmark blocks")  # fmt: skip
    parser.add_argument("--draft", type=Path, help="a project file (.crproject) or draft JSON saved by the app")
    parser.add_argument("--template", help="a built-in template (committee_update, scrutiny_update, "
                        "cabinet_decision) or a council's own .docx")  # fmt: skip
    parser.add_argument("--thresholds", type=Path, help="a thresholds JSON file shared by your service")
    parser.add_argument("--out", type=Path, required=True, metavar="OUT.docx")
    parser.add_argument("--source-location", metavar="TEXT",
                        help="where the spreadsheets are held, for the source documents table (for example "
                        "\"Children's Services shared drive, caseload returns\"); default: available from the "
                        "report author")  # fmt: skip
    parser.add_argument("--show-names", action="store_true",
                        help="allow worker names (the paper must then not be published)")  # fmt: skip
    parser.add_argument("--show-small-counts", action="store_true",
                        help="show counts of fewer than 5 workers in full (they may identify people)")  # fmt: skip
    return parser


def _check_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="caseload-reporter check", description="List accessibility problems in a Word report (.docx)."
    )
    parser.add_argument("report", type=Path, metavar="REPORT.docx")
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] in SUBCOMMANDS:
        from caseload_reporter.reading.security import check_xml_safety

        try:
            check_xml_safety()
        except RuntimeError as problem:
            print(f"caseload-reporter: {problem}", file=sys.stderr)
            return EXIT_INPUT
    try:
        if argv and argv[0] == "inspect":
            return _inspect(_inspect_parser().parse_args(argv[1:]))
        if argv and argv[0] == "summary":
            return _summary(_summary_parser().parse_args(argv[1:]))
        if argv and argv[0] == "staffing":
            return _staffing(_staffing_parser().parse_args(argv[1:]))
        if argv and argv[0] == "benchmark":
            return _benchmark(_benchmark_parser().parse_args(argv[1:]))
        if argv and argv[0] == "report":
            return _report(_report_parser().parse_args(argv[1:]))
        if argv and argv[0] == "check":
            return _check(_check_parser().parse_args(argv[1:]))
        args = _gui_parser().parse_args(argv)
    except SystemExit as exc:  # argparse: --help and --version exit 0, usage errors exit 2
        return int(exc.code or 0)
    if args.self_test:
        from caseload_reporter.ui.self_test import run_self_test

        return run_self_test()
    return _open_window(args.files, sample=args.sample or not args.files, exit_when_shown=args.exit_when_shown)


def _inspect(args: argparse.Namespace) -> int:
    from caseload_reporter.reading.importer import import_files
    from caseload_reporter.reading.report_json import file_as_dict

    results = import_files(list(args.files))
    for result in results:
        if not result.ok:
            print(f"caseload-reporter: {result.error}", file=sys.stderr)
    if args.json:
        json.dump({"files": [file_as_dict(r) for r in results]}, sys.stdout, indent=2, ensure_ascii=False)
        print()
    else:
        for result in results:
            _print_file(result)
    return EXIT_OK if all(r.ok for r in results) else EXIT_INPUT


def _read_all(files: list[Path]) -> Dataset | None:
    """Every file into one dataset (later files replace earlier ones' periods), or None after saying
    on stderr, one line per file, which could not be read."""
    from caseload_reporter.reading.dataset import Dataset
    from caseload_reporter.reading.importer import import_files

    results = import_files(list(files))
    for result in results:
        if not result.ok:
            print(f"caseload-reporter: {result.error}", file=sys.stderr)
    if not all(r.ok for r in results):
        return None
    return Dataset().add_results(results, decide=lambda *_: True)


def _summary(args: argparse.Namespace) -> int:
    from caseload_reporter.analysis.inputs import INPUTS, missing
    from caseload_reporter.analysis.summary_json import PeriodFilterError, periods_within, summary_json
    from caseload_reporter.analysis.thresholds import Thresholds, ThresholdsError, default_thresholds

    try:
        thresholds = Thresholds.load(args.thresholds) if args.thresholds else default_thresholds()
    except ThresholdsError as problem:
        print(f"caseload-reporter: {problem}", file=sys.stderr)
        return EXIT_INPUT
    dataset = _read_all(args.files)
    if dataset is None:
        return EXIT_INPUT
    periods = dataset.periods()
    if args.period:
        try:
            periods = periods_within(periods, args.period)
        except PeriodFilterError as problem:
            print(f"caseload-reporter: {problem}", file=sys.stderr)
            return EXIT_USAGE
        if not periods:
            print(f"caseload-reporter: the data has no figures for {args.period}.", file=sys.stderr)
            return EXIT_INPUT
    report = summary_json(dataset.caseloads, args.by, thresholds, args.basis or thresholds.basis, periods)
    if args.json:
        json.dump(report, sys.stdout, indent=2, ensure_ascii=False)
        print()
        return EXIT_OK
    basis = "per FTE" if report["basis"] == "fte" else "per worker"
    for period in report["periods"]:  # type: ignore[union-attr]
        print(f"{period['period']}  (average caseload {basis}; ceiling {report['ceiling']:g})")
        for group in [*period["groups"], period["total"]]:
            lacking = INPUTS[group["missing"]].short if group["missing"] in INPUTS else "no figure"
            average = lacking if group["average"] is None else f"{group['average']:.1f}"
            print(f"  {group['name']:<40} {average:>12}  {group['status'] or ''}")
        notes = {g["missing"] for g in [*period["groups"], period["total"]] if g["missing"] in INPUTS}
        for key in sorted(notes):
            print(f"  {missing(key)}")
    return EXIT_OK


def _staffing(args: argparse.Namespace) -> int:
    from caseload_reporter.analysis.measures import summarise
    from caseload_reporter.analysis.staffing import DEFAULT_COST_PER_POST, StaffingInputError, staffing_scenario
    from caseload_reporter.analysis.thresholds import default_thresholds
    from caseload_reporter.core.words import join_and
    from caseload_reporter.reading.fields import TEAM_TYPES, infer_team_type

    excluded = set()
    for name in args.exclude:
        key = name if name in TEAM_TYPES else infer_team_type(name)
        if key is None:
            print(f"caseload-reporter: '{name}' is not a team type ({', '.join(TEAM_TYPES)}).", file=sys.stderr)
            return EXIT_USAGE
        excluded.add(key)
    dataset = _read_all(args.files)
    if dataset is None:
        return EXIT_INPUT
    if dataset.caseloads.empty:
        print("caseload-reporter: the files hold no caseload figures to work from.", file=sys.stderr)
        return EXIT_INPUT
    latest = dataset.caseloads["period"].max()
    teams = summarise(dataset.caseloads, "team", default_thresholds(), basis="fte", periods=[latest])
    cost = args.cost_per_post if args.cost_per_post is not None else DEFAULT_COST_PER_POST
    if any(t <= 0 for t in args.target):
        print("caseload-reporter: a target average must be above 0.", file=sys.stderr)
        return EXIT_USAGE
    try:
        scenario = staffing_scenario(teams, excluded, list(args.target), cost)
    except StaffingInputError as problem:
        print(f"caseload-reporter: {problem}", file=sys.stderr)
        return EXIT_INPUT
    if scenario.uncounted:
        print(f"caseload-reporter: not counted (no cases or no FTE in the data): {join_and(scenario.uncounted)}.",
              file=sys.stderr)  # fmt: skip
    if args.json:
        json.dump(scenario.as_json(), sys.stdout, indent=2)
        print()
    else:
        for option in scenario.options:
            print(scenario.sentence(option, cost))
    return EXIT_OK


def _benchmark(args: argparse.Namespace) -> int:
    from caseload_reporter.analysis.benchmarking import (
        CouncilNotFound,
        benchmark,
        find_council,
        shipped_statistics,
    )
    from caseload_reporter.reading.problems import ImportProblem
    from caseload_reporter.reading.published_statistics import read_statistical_neighbours, read_workforce_indicators

    shipped, shipped_neighbours = shipped_statistics()
    try:
        stats = read_workforce_indicators(args.workforce_file) if args.workforce_file else shipped
        neighbours = read_statistical_neighbours(args.neighbours) if args.neighbours else shipped_neighbours
    except (ImportProblem, OSError, ValueError, KeyError) as problem:
        name = (args.neighbours if args.neighbours and args.workforce_file is None else args.workforce_file).name
        print(f"caseload-reporter: {name} could not be read as published statistics ({problem}).", file=sys.stderr)
        return EXIT_INPUT
    try:
        report = benchmark(stats, find_council(stats, args.council), args.year, neighbours)
    except CouncilNotFound as problem:
        print(f"caseload-reporter: {problem}", file=sys.stderr)
        return EXIT_INPUT
    if args.json:
        json.dump(report, sys.stdout, indent=2, ensure_ascii=False)
        print()
        return EXIT_OK
    council = report["council"]
    print(f"{council['name']} ({council['region']}), {report['year']}")  # type: ignore[index]
    if report["neighbours"]:
        named = [f"{n['name']} ({n['closeness']})" if n["closeness"] else n["name"] for n in report["neighbours"]]  # type: ignore[union-attr]
        print(f"  statistical neighbours: {', '.join(named)}")
    print(f"  {'':<28}{'council':>9}{'England':>9}{'region':>9}{'neighbours':>12}  regional rank")
    for figures in report["measures"].values():  # type: ignore[union-attr]
        cells = [figures[k] for k in ("council", "england", "region", "neighbours_average")]
        shown = ["" if v is None else f"{v:.1f}" for v in cells]
        print(f"  {figures['label']:<28}{shown[0]:>9}{shown[1]:>9}{shown[2]:>9}{shown[3]:>12}  "
              f"{figures['regional_rank'] or ''}")  # fmt: skip
    return EXIT_OK


def _report(args: argparse.Namespace) -> int:
    from caseload_reporter.analysis.thresholds import Thresholds, ThresholdsError, default_thresholds
    from caseload_reporter.core.atomic_write import TargetLocked
    from caseload_reporter.core.sample import sample_council
    from caseload_reporter.reporting.docx_export import build_report
    from caseload_reporter.reporting.draft import DraftError
    from caseload_reporter.reporting.report_templates import TemplateError
    from caseload_reporter.reporting.starter_drafts import (
        load_draft_file,
        place_benchmarks,
        sample_draft,
        starter_draft,
    )
    from caseload_reporter.ui.chart_images import render_png

    if not args.files and not args.sample:
        print("caseload-reporter: give the spreadsheets to report on, or --sample.", file=sys.stderr)
        return EXIT_USAGE
    if args.out.suffix.lower() != ".docx":
        print("caseload-reporter: --out must name a .docx file.", file=sys.stderr)
        return EXIT_USAGE
    try:
        thresholds = Thresholds.load(args.thresholds) if args.thresholds else default_thresholds()
    except ThresholdsError as problem:
        print(f"caseload-reporter: {problem}", file=sys.stderr)
        return EXIT_INPUT
    files = [sample_council().workbook, *args.files] if args.sample else list(args.files)
    dataset = _read_all(files)
    if dataset is None:
        return EXIT_INPUT
    if args.sample and args.files:
        from caseload_reporter.reading.dataset import Dataset

        extra = Dataset.from_results(dataset.files[1:])  # the files given beside the sample's own workbook
        if not (extra.has_published_statistics() and extra.is_empty() and extra.establishment.empty):
            problem = ("with --sample, the only files to add are the DfE workforce statistics and statistical "
                       "neighbours files; give your own spreadsheets without --sample.")  # fmt: skip
            print(f"caseload-reporter: {problem}", file=sys.stderr)
            return EXIT_USAGE
    if args.council:
        problem = _choose_council(dataset, args.council)
        if problem:
            print(f"caseload-reporter: {problem}", file=sys.stderr)
            return EXIT_INPUT
    try:
        if args.draft:
            draft = load_draft_file(args.draft)
        elif args.sample:
            draft = sample_draft()
        else:
            draft = starter_draft(args.template or "committee_update", dataset)
        if args.template:
            template = Path(args.template)
            if template.suffix.lower() in (".docx", ".dotx", ".doc"):
                draft.custom_docx = str(template)
            else:
                draft.template, draft.custom_docx = args.template, ""
        if args.council:
            placed = place_benchmarks(draft)  # where the template compares the council, unless already there
            if placed:
                print(f"caseload-reporter: {placed}", file=sys.stderr)
        draft.sync_sources(files)
        for row in draft.source_documents:
            if args.source_location and row.path and not row.location.strip():
                row.location = args.source_location
        draft.privacy.hide_worker_names = not args.show_names
        draft.privacy.suppress_small_counts = not args.show_small_counts
        report = build_report(draft, dataset, thresholds, render_chart=render_png)
    except (DraftError, TemplateError) as problem:
        print(f"caseload-reporter: {problem}", file=sys.stderr)
        return EXIT_INPUT
    for finding in report.findings:
        print(f"caseload-reporter: {finding.severity}: {finding.where}: {finding.message}", file=sys.stderr)
    for skipped in report.skipped:
        print(f"caseload-reporter: left out {skipped}", file=sys.stderr)
    try:
        report.save(args.out)
    except TargetLocked:
        print(f"caseload-reporter: {args.out.name} is open in another program (Word?): close it and run again.",
              file=sys.stderr)  # fmt: skip
        return EXIT_FAILED
    except OSError as problem:
        print(f"caseload-reporter: {args.out} could not be written ({problem.strerror or problem}).", file=sys.stderr)
        return EXIT_FAILED
    print(f"Wrote {args.out} ({report.figures} figures, {report.tables} tables) in {report.seconds:.2f} s.")
    return EXIT_OK


def _choose_council(dataset: Dataset, name_or_code: str) -> str:
    """Set the council the benchmark blocks compare, in the statistics built in or a newer release among the
    files; the problem in one sentence, or '' when found."""
    from caseload_reporter.analysis.benchmarking import CouncilNotFound, find_council, statistics_in_use

    used = statistics_in_use(dataset)
    if used.note:
        print(f"caseload-reporter: {used.note}", file=sys.stderr)
    try:
        dataset.council = find_council(used.workforce, name_or_code)
    except CouncilNotFound as problem:
        return str(problem)
    return ""


def _check(args: argparse.Namespace) -> int:
    from caseload_reporter.reporting.accessibility import check_document, summary

    try:
        findings = check_document(args.report)
    except Exception as problem:
        print(f"caseload-reporter: {args.report.name} could not be read as a Word document ({type(problem).__name__}).",
              file=sys.stderr)  # fmt: skip
        return EXIT_INPUT
    for finding in findings:
        print(f"{finding.severity}: {finding.where}: {finding.message}")
    print(summary(findings))
    return EXIT_OK if not any(f.severity == "error" for f in findings) else EXIT_FAILED


def _print_file(result: object) -> None:
    from caseload_reporter.reading.importer import FileResult
    from caseload_reporter.reading.sheet_import import LAYOUT_LABELS, SHEET_STATUSES

    assert isinstance(result, FileResult)
    print(f"{result.path}: {'read as ' + result.format_name if result.ok else result.error}")
    for sheet in result.sheets:
        periods = sheet.periods()
        span = f"{periods[0].label()} to {periods[-1].label()}" if periods else "no periods"
        print(f"  sheet '{sheet.name}': {LAYOUT_LABELS[sheet.layout]}; header row(s) {sheet.header_rows}; {span}; "
              f"{SHEET_STATUSES[sheet.status].lower()}")  # fmt: skip
        print(f"    {sheet.imported_count()} rows imported, {len(sheet.rejected)} rejected")
        for field_name, header in sheet.mapping.items():
            print(f"    {field_name:<16} <- '{header}'")
        for rejection in sheet.rejected[:20]:
            print(f"    row {rejection.row}, {rejection.column}: '{rejection.value}': {rejection.reason}")
        if len(sheet.rejected) > 20:
            print(f"    ... and {len(sheet.rejected) - 20} more rejected rows (use --json for all)")
        for warning in sheet.warnings:
            print(f"    warning: {warning}")
        for doubt in sheet.doubts:
            print(f"    check: {doubt}")
        for column in sheet.unused:
            print(f"    not used: {column.describe()}")


def _has_display() -> bool:
    if sys.platform in ("win32", "darwin") or os.environ.get("QT_QPA_PLATFORM"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


NO_DISPLAY_MESSAGE = (
    "Caseload Reporter needs a screen, and this session has none (DISPLAY is not set).\n"
    "To run it on a virtual screen: Xvfb :99 -screen 0 1600x1000x24 & DISPLAY=:99 caseload-reporter\n"
    "The subcommands (caseload-reporter inspect ...) work without a screen."
)


def _open_window(files: list[Path], sample: bool, exit_when_shown: bool = False) -> int:
    if not _has_display():
        print(NO_DISPLAY_MESSAGE, file=sys.stderr)
        return EXIT_USAGE
    from caseload_reporter.ui.app import run_app

    return run_app(files, open_sample=sample, exit_when_shown=exit_when_shown)


if __name__ == "__main__":  # pragma: no cover - python -m caseload_reporter.cli
    sys.exit(main())
