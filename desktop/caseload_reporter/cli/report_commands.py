"""The subcommands for the committee paper: report (export it) and check (its accessibility)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from caseload_reporter.cli.exits import EXIT_FAILED, EXIT_INPUT, EXIT_OK, EXIT_USAGE

if TYPE_CHECKING:
    from caseload_reporter.reading.dataset import Dataset
    from caseload_reporter.session.session import Session

from caseload_reporter.cli.data_commands import open_all


def report_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="caseload-reporter report",
        description="Export the Word committee report from spreadsheets (or the sample council) and a draft.",
    )
    parser.add_argument(
        "files",
        nargs="*",
        type=Path,
        metavar="FILE",
        help="caseload spreadsheets, and the DfE workforce statistics and statistical neighbours "
        "files for the benchmark blocks (with --sample, only those two)",
    )
    parser.add_argument("--sample", action="store_true", help="use the built-in sample council and its draft")
    parser.add_argument(
        "--council",
        metavar="NAME_OR_CODE",
        help="your council in the DfE workforce statistics (name, old or new code), for the benchmark blocks",
    )
    parser.add_argument("--draft", type=Path, help="a project file (.crproject) or draft JSON saved by the app")
    parser.add_argument(
        "--template",
        help="a built-in template (committee_update, scrutiny_update, cabinet_decision) or a council's own .docx",
    )
    parser.add_argument("--thresholds", type=Path, help="a thresholds JSON file shared by your service")
    parser.add_argument("--out", type=Path, required=True, metavar="OUT.docx")
    parser.add_argument(
        "--show-names", action="store_true", help="allow worker names (the paper must then not be published)"
    )
    parser.add_argument(
        "--show-small-counts",
        action="store_true",
        help="show counts of fewer than 5 workers in full (they may identify people)",
    )
    parser.add_argument(
        "--profile", type=Path, metavar="PROFILE.json", help="the council profile (Settings > Council profile > Export)"
    )
    parser.add_argument(
        "--source-location",
        metavar="TEXT",
        help="where the spreadsheets are held, for the source documents table (for example \"Children's Services "
        "shared drive, caseload returns\"); default: the council profile's, else available from the report author",
    )
    parser.add_argument(
        "--allow-incomplete",
        action="store_true",
        help="exit 0 even when the paper has errors (an empty part, a placeholder, an accessibility error)",
    )
    return parser


def check_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="caseload-reporter check",
        description="List the problems in a Word report (.docx): empty required parts, placeholders and "
        "accessibility problems, as Word's checker lists them. Exit 1 when there is an error.",
    )
    parser.add_argument("report", type=Path, metavar="REPORT.docx")
    return parser


def report(args: argparse.Namespace) -> int:
    from caseload_reporter.analysis.thresholds import Thresholds, ThresholdsError, default_thresholds
    from caseload_reporter.core.atomic_write import TargetLocked
    from caseload_reporter.core.sample import sample_council
    from caseload_reporter.reporting.accessibility_findings import summary
    from caseload_reporter.reporting.council_profile import CouncilProfile, ProfileError
    from caseload_reporter.reporting.draft import DraftError
    from caseload_reporter.reporting.project_file import PROJECT_SUFFIX
    from caseload_reporter.reporting.report_templates import TemplateError
    from caseload_reporter.reporting.starter_drafts import load_draft_file, place_benchmarks
    from caseload_reporter.session.session import DEFAULT_TEMPLATE, Session
    from caseload_reporter.ui.chart_images import render_png

    if not args.files and not args.sample:
        print("caseload-reporter: give the spreadsheets to report on, or --sample.", file=sys.stderr)
        return EXIT_USAGE
    if args.out.suffix.lower() != ".docx":
        print("caseload-reporter: --out must name a .docx file.", file=sys.stderr)
        return EXIT_USAGE
    try:
        thresholds = Thresholds.load(args.thresholds) if args.thresholds else default_thresholds()
        profile = CouncilProfile.load(args.profile) if args.profile else None
    except (ThresholdsError, ProfileError) as error:
        print(f"caseload-reporter: {error}", file=sys.stderr)
        return EXIT_INPUT
    sample = sample_council()
    session = Session(thresholds, template=args.template or DEFAULT_TEMPLATE, profile=profile)
    files = [sample.workbook, *args.files] if args.sample else list(args.files)
    rolling = bool(args.draft and args.draft.suffix.lower() == PROJECT_SUFFIX and args.files and not args.sample)
    if rolling:
        status = roll_paper_forward(session, args.draft, files)
        if status != EXIT_OK:
            return status
    elif open_all(session, files, sample.name if args.sample else None) is None:
        return EXIT_INPUT
    dataset = session.dataset
    if args.sample and args.files:
        from caseload_reporter.reading.dataset import Dataset

        extra = Dataset.from_results(dataset.files[1:])  # the files given beside the sample's own workbook
        if not (extra.has_published_statistics() and extra.is_empty() and extra.establishment.empty):
            problem = (
                "with --sample, the only files to add are the DfE workforce statistics and statistical "
                "neighbours files; give your own spreadsheets without --sample."
            )
            print(f"caseload-reporter: {problem}", file=sys.stderr)
            return EXIT_USAGE
    if args.council:
        problem = choose_council(dataset, args.council)
        if problem:
            print(f"caseload-reporter: {problem}", file=sys.stderr)
            return EXIT_INPUT
    try:
        if args.draft and not rolling:
            session.load_draft(load_draft_file(args.draft))
        draft = session.draft  # without --draft: the sample's worked example, or a starter on the template
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
        draft.sync_sources(session.open_paths())
        location = args.source_location or session.profile.source_location
        for row in draft.source_documents:
            if location and row.path and not row.location.strip():
                row.location = location
        draft.privacy.hide_worker_names = not args.show_names
        draft.privacy.suppress_small_counts = not args.show_small_counts
        report = session.build_report(render_png)
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
        print(
            f"caseload-reporter: {args.out.name} is open in another program (Word?): close it and run again.",
            file=sys.stderr,
        )
        return EXIT_FAILED
    except OSError as problem:
        print(f"caseload-reporter: {args.out} could not be written ({problem.strerror or problem}).", file=sys.stderr)
        return EXIT_FAILED
    print(f"Wrote {args.out} ({report.figures} figures, {report.tables} tables) in {report.seconds:.2f} s.")
    errors = [f for f in report.findings if f.severity == "error"]
    if errors and not args.allow_incomplete:
        print(
            f"caseload-reporter: the paper is not ready for the agenda ({summary(report.findings)}, listed above); "
            "it was written as a draft. Fix them, or give --allow-incomplete.",
            file=sys.stderr,
        )
        return EXIT_FAILED
    return EXIT_OK


def roll_paper_forward(session: Session, project: Path, files: list[Path]) -> int:
    """``report --draft LAST.crproject NEW_FILES``: the last paper over its own spreadsheets, carried forward
    to the new files' latest period, with the change list on standard output. New files that reach no
    later period than the paper's cannot carry it forward: that is said, and the exit status is 3. A draft
    saved before any data was open simply takes the new files."""
    from caseload_reporter.reading.importer import import_files
    from caseload_reporter.reporting.project_file import ProjectError
    from caseload_reporter.reporting.roll_forward import RollForwardError

    try:
        opened = session.open_project(project)
    except ProjectError as problem:
        print(f"caseload-reporter: {problem}", file=sys.stderr)
        return EXIT_INPUT
    for note in opened.notes:
        print(f"caseload-reporter: {note}", file=sys.stderr)
    if opened.files and open_all(session, opened.files) is None:
        return EXIT_INPUT
    results = import_files(list(files))
    failed = [r for r in results if not r.ok]
    for result in failed:
        print(f"caseload-reporter: {result.error}", file=sys.stderr)
    if failed:
        return EXIT_INPUT
    if session.dataset.is_empty() and session.reported_period is None:
        session.use_import(results)  # a draft saved before any data: nothing to roll forward from
        return EXIT_OK
    try:
        paper = session.roll_forward(results)
    except RollForwardError as problem:
        print(f"caseload-reporter: {problem}", file=sys.stderr)
        return EXIT_INPUT
    print("\n".join(paper.summary_lines()))
    return EXIT_OK


def choose_council(dataset: Dataset, name_or_code: str) -> str:
    """Set the council the benchmark blocks compare, in the statistics built in or a newer release among the
    files; the problem in one sentence, or '' when found."""
    from caseload_reporter.analysis.benchmark_councils import CouncilNotFound, find_council
    from caseload_reporter.analysis.benchmark_sources import statistics_in_use

    used = statistics_in_use(dataset)
    if used.note:
        print(f"caseload-reporter: {used.note}", file=sys.stderr)
    try:
        dataset.council = find_council(used.workforce, name_or_code)
    except CouncilNotFound as problem:
        return str(problem)
    return ""


def check(args: argparse.Namespace) -> int:
    from caseload_reporter.reporting.accessibility import check_document
    from caseload_reporter.reporting.accessibility_findings import summary
    from caseload_reporter.reporting.completeness import document_gaps

    try:
        findings = check_document(args.report)
        findings += document_gaps(args.report)
    except Exception as problem:
        print(
            f"caseload-reporter: {args.report.name} could not be read as a Word document ({type(problem).__name__}).",
            file=sys.stderr,
        )
        return EXIT_INPUT
    for finding in findings:
        print(f"{finding.severity}: {finding.where}: {finding.message}")
    print(summary(findings))
    return EXIT_OK if not any(f.severity == "error" for f in findings) else EXIT_FAILED
