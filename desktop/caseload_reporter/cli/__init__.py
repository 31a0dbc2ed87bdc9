"""The ``caseload-reporter`` command: opens the app, or runs a subcommand for analysts.

``caseload-reporter [FILE...]`` opens the window (on the sample council when no file is given);
``caseload-reporter inspect FILE... [--json]`` says what the importer understood. Qt is imported
only when the window is wanted, so the subcommands and ``--version`` start fast and headless.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from pathlib import Path

from caseload_reporter import APP_NAME, __version__
from caseload_reporter.cli.exits import EXIT_INPUT, EXIT_USAGE

SUBCOMMANDS = {
    "inspect": "say what the importer understood in each file (--json for machines)",
    "summary": "caseload measures by team, district or team type for each period",
    "staffing": "additional social workers needed to reach target averages, and their cost",
    "benchmark": "a council against England, its region and statistical neighbours (DfE statistics)",
    "report": "export the Word committee report (--sample for the built-in sample council)",
    "check": "check a Word report for empty parts, placeholders and accessibility problems, as Word's checker does",
}


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
    # For timing start-up (tests/benchmarks/bench_start.py, the packaging test): quit once the window has
    # painted, or once the data it opens is shown. Not for officers.
    parser.add_argument("--exit-when-shown", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--exit-when-ready", action="store_true", help=argparse.SUPPRESS)
    return parser


def commands() -> dict[str, tuple[Callable[[], argparse.ArgumentParser], Callable[[argparse.Namespace], int]]]:
    """Each subcommand: how to read its arguments, and what to do with them. Imported when a subcommand
    is run, so opening the window does not pay for them (see tests/benchmarks/bench_start.py)."""
    from caseload_reporter.cli import data_commands, report_commands

    return {
        "inspect": (data_commands.inspect_parser, data_commands.inspect),
        "summary": (data_commands.summary_parser, data_commands.summary),
        "staffing": (data_commands.staffing_parser, data_commands.staffing),
        "benchmark": (data_commands.benchmark_parser, data_commands.benchmark),
        "report": (report_commands.report_parser, report_commands.report),
        "check": (report_commands.check_parser, report_commands.check),
    }


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
        if argv and argv[0] in SUBCOMMANDS:
            make_parser, run = commands()[argv[0]]
            # Files may come before, between or after the options, as in other command-line tools.
            return run(make_parser().parse_intermixed_args(argv[1:]))
        args = _gui_parser().parse_intermixed_args(argv)
    except SystemExit as exc:  # argparse: --help and --version exit 0, usage errors exit 2
        return int(exc.code or 0)
    if args.self_test:
        from caseload_reporter.ui.self_test import run_self_test

        return run_self_test()
    # The sample only when asked for: with no file the first window opens it anyway, and a launch handing
    # nothing to a window already open must not replace the officer's data with it.
    return _open_window(args.files, args.sample, args.exit_when_shown, args.exit_when_ready)


def _has_display() -> bool:
    if sys.platform in ("win32", "darwin") or os.environ.get("QT_QPA_PLATFORM"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


NO_DISPLAY_MESSAGE = (
    "Caseload Reporter needs a screen, and this session has none (DISPLAY is not set).\n"
    "To run it on a virtual screen: Xvfb :99 -screen 0 1600x1000x24 & DISPLAY=:99 caseload-reporter\n"
    "The subcommands (caseload-reporter inspect ...) work without a screen."
)


def _open_window(files: list[Path], sample: bool, exit_when_shown: bool = False, exit_when_ready: bool = False) -> int:
    if not _has_display():
        print(NO_DISPLAY_MESSAGE, file=sys.stderr)
        return EXIT_USAGE
    from caseload_reporter.ui.app import run_app

    return run_app(files, sample, exit_when_shown, exit_when_ready)
