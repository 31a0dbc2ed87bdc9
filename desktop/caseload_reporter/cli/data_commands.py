"""The subcommands that read spreadsheets and answer from them: inspect, summary, staffing, benchmark."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from caseload_reporter.cli.exits import EXIT_INPUT, EXIT_OK, EXIT_USAGE
from caseload_reporter.core.words import join_and, plural

if TYPE_CHECKING:
    from caseload_reporter.reading.dataset import Dataset
    from caseload_reporter.session.session import Session


def inspect_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="caseload-reporter inspect", description="Say what the importer understood in each file."
    )
    parser.add_argument("files", nargs="+", type=Path, metavar="FILE")
    parser.add_argument("--json", action="store_true", help="print one JSON object instead of text")
    return parser


def summary_parser() -> argparse.ArgumentParser:
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


def staffing_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="caseload-reporter staffing",
        description="Additional FTE social workers needed to bring the average caseload per FTE down to each "
        "target, in the latest period, and their cost.",
    )
    parser.add_argument("files", nargs="+", type=Path, metavar="FILE")
    parser.add_argument("--target", type=float, action="append", required=True, help="a target average (repeatable)")
    parser.add_argument(
        "--exclude",
        action="append",
        default=[],
        metavar="TEAM_TYPE",
        help="a team type to leave out, such as adoption or fostering (repeatable)",
    )
    parser.add_argument("--cost-per-post", type=float, default=None, help="full-year cost of one post (pounds)")
    parser.add_argument("--json", action="store_true", help="print one JSON object instead of sentences")
    return parser


def benchmark_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="caseload-reporter benchmark",
        description="A council's caseload, agency, vacancy and turnover rates against England, its region and its "
        "statistical neighbours, from the Department for Education's children's social work workforce file.",
    )
    parser.add_argument(
        "workforce_file",
        type=Path,
        metavar="WORKFORCE_FILE",
        nargs="?",
        help="a release of the workforce statistics CSV (default: the 2017 to 2025 release built in)",
    )
    parser.add_argument("--council", required=True, help="the council's name, or its old or new code")
    parser.add_argument("--year", type=int, help="the reporting year (default: the latest with figures)")
    parser.add_argument(
        "--neighbours",
        type=Path,
        metavar="SN_FILE",
        help="the statistical neighbours model file (default: the 2025 model built in)",
    )
    parser.add_argument("--json", action="store_true", help="print one JSON object instead of a table")
    return parser


def inspect(args: argparse.Namespace) -> int:
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
            print_file(result)
    return EXIT_OK if all(r.ok for r in results) else EXIT_INPUT


def read_all(files: list[Path]) -> Dataset | None:
    """Every file into one dataset (later files replace earlier ones' periods), or None after saying
    on stderr, one line per file, which could not be read."""
    from caseload_reporter.session.session import Session

    session = Session()
    return session.dataset if open_all(session, files) is not None else None


def open_all(session: Session, files: list[Path], sample_name: str | None = None) -> Session | None:
    """Open every file in ``session`` as the window would, or None after naming on stderr each file
    that could not be read (the command line uses nothing when any file fails)."""
    from caseload_reporter.reading.importer import import_files

    results = import_files(list(files))
    for result in results:
        if not result.ok:
            print(f"caseload-reporter: {result.error}", file=sys.stderr)
    if not all(r.ok for r in results):
        return None
    session.use_import(results, sample_name=sample_name)
    return session


def summary(args: argparse.Namespace) -> int:
    from caseload_reporter.analysis.inputs import INPUTS, missing
    from caseload_reporter.analysis.summary_json import PeriodFilterError, periods_within, summary_json
    from caseload_reporter.analysis.thresholds import Thresholds, ThresholdsError, default_thresholds

    try:
        thresholds = Thresholds.load(args.thresholds) if args.thresholds else default_thresholds()
    except ThresholdsError as problem:
        print(f"caseload-reporter: {problem}", file=sys.stderr)
        return EXIT_INPUT
    dataset = read_all(args.files)
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
    for period in report["periods"]:
        print(f"{period['period']}  (average caseload {basis}; ceiling {report['ceiling']:g})")
        for group in [*period["groups"], period["total"]]:
            lacking = INPUTS[group["missing"]].short if group["missing"] in INPUTS else "no figure"
            average = lacking if group["average"] is None else f"{group['average']:.1f}"
            print(f"  {group['name']:<40} {average:>12}  {group['status'] or ''}")
        notes = {g["missing"] for g in [*period["groups"], period["total"]] if g["missing"] in INPUTS}
        for key in sorted(notes):
            print(f"  {missing(key)}")
    return EXIT_OK


def staffing(args: argparse.Namespace) -> int:
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
    dataset = read_all(args.files)
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
        print(
            f"caseload-reporter: not counted (no cases or no FTE in the data): {join_and(scenario.uncounted)}.",
            file=sys.stderr,
        )
    if args.json:
        json.dump(scenario.as_json(), sys.stdout, indent=2)
        print()
    else:
        for option in scenario.options:
            print(scenario.sentence(option, cost))
    return EXIT_OK


def benchmark(args: argparse.Namespace) -> int:
    from caseload_reporter.analysis.benchmark_councils import CouncilNotFound, find_council
    from caseload_reporter.analysis.benchmark_sources import shipped_statistics
    from caseload_reporter.analysis.benchmarking import benchmark
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
    print(f"{council['name']} ({council['region']}), {report['year']}")
    if report["neighbours"]:
        named = [f"{n['name']} ({n['closeness']})" if n["closeness"] else n["name"] for n in report["neighbours"]]
        print(f"  statistical neighbours: {', '.join(named)}")
    print(f"  {'':<28}{'council':>9}{'England':>9}{'region':>9}{'neighbours':>12}  regional rank")
    for figures in report["measures"].values():
        cells = [figures[k] for k in ("council", "england", "region", "neighbours_average")]
        shown = ["" if v is None else f"{v:.1f}" for v in cells]
        print(
            f"  {figures['label']:<28}{shown[0]:>9}{shown[1]:>9}{shown[2]:>9}{shown[3]:>12}  "
            f"{figures['regional_rank'] or ''}"
        )
    return EXIT_OK


def print_file(result: object) -> None:
    from caseload_reporter.reading.importer import FileResult
    from caseload_reporter.reading.sheet_result import LAYOUT_LABELS, SHEET_STATUSES

    assert isinstance(result, FileResult)
    print(f"{result.path}: {'read as ' + result.format_name if result.ok else result.error}")
    for sheet in result.sheets:
        periods = sheet.periods()
        span = f"{periods[0].label()} to {periods[-1].label()}" if periods else "no periods"
        rows = sheet.header_rows
        headings = f"header row{'s' if len(rows) != 1 else ''} {join_and([str(r) for r in rows])}"
        print(
            f"  sheet '{sheet.name}': {LAYOUT_LABELS[sheet.layout]}; {headings}; {span}; "
            f"{SHEET_STATUSES[sheet.status].lower()}"
        )
        print(f"    {plural(sheet.imported_count(), 'row')} imported, {len(sheet.rejected):,} rejected")
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
