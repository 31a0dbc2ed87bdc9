"""What the main window says about the data open, and the questions opening files can ask.

The banner names the data and counts only what it holds (a team-level file has no workers, a
district file no teams); the questions ask for a protected file's password (used in memory only)
and whether a file's figures replace figures already open for the same periods.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QInputDialog, QLineEdit, QMessageBox, QWidget

from caseload_reporter.core.words import join_and, plural
from caseload_reporter.reading.dataset import Dataset
from caseload_reporter.reading.importer import FileResult
from caseload_reporter.reading.values import Period
from caseload_reporter.ui.questions import ask, question


def banner_text(dataset: Dataset, is_sample: bool) -> str:
    """The banner over the pages: the data's name, then what it holds and the periods it covers."""
    summary = dataset.summary()
    if is_sample:
        lead = (
            f"<b>{dataset.name}</b> — the built-in sample council. It is fictional: every name is "
            "invented. Open your own spreadsheet with File &gt; Open, or drop it on this window."
        )
    else:
        lead = f"<b>{dataset.name}</b>"
    span = ""
    if summary.first_period and summary.latest_period:
        if summary.periods == 1:
            span = f" · 1 period, {summary.latest_period.label()}"
        else:
            first, last = summary.first_period.label(), summary.latest_period.label()
            span = f" · {plural(summary.periods, 'period')}, {first} to {last}"
    # Only what the data holds: a team-level file has no workers, a district file no teams.
    parts = [
        plural(summary.districts, "district") if summary.districts else "",
        plural(summary.teams, "team") if summary.teams else "",
        f"{plural(summary.workers_latest, 'social worker')} in the latest period" if summary.workers_latest else "",
    ]
    counts = " · ".join(p for p in parts if p) + span if any(parts) else span.lstrip(" ·")
    stats = dataset.benchmarks
    if stats is not None and stats.years:
        published = f"DfE workforce statistics {stats.years[0]} to {stats.years[-1]}"
        published += " and statistical neighbours" if dataset.neighbours is not None else ""
        counts = " · ".join(p for p in (counts, f"{published} open (see Benchmarks)") if p)
    return f"{lead}<br>{counts}"


def ask_passwords(parent: QWidget, locked: list[FileResult]) -> dict[Path, str]:
    """Ask for each protected file's password; it is used in memory only, never saved.

    A file whose question is cancelled is left closed and says so, rather than that its password was wrong.
    """
    passwords = {}
    for result in locked:
        again = "The password was not accepted. " if result.password is not None else ""
        text, ok = QInputDialog.getText(
            parent,
            "Password needed",
            f"{again}{result.path.name} is protected with a password.\n"
            "Enter the password to open it (Caseload Reporter does not keep it):",
            QLineEdit.EchoMode.Password,
        )
        if ok and text:
            passwords[result.path] = text
        else:
            result.error = (
                f"{result.path.name} was not opened: no password was entered. Open it again to enter its password."
            )
    return passwords


def ask_replace(parent: QWidget, periods: list[Period], result: FileResult) -> bool:
    """Asked when a file has figures for periods already open: replace them (True), or keep what is open."""
    return ask(replace_question(parent, periods, result))


def replace_question(parent: QWidget, periods: list[Period], result: FileResult) -> QMessageBox:
    """The question :func:`ask_replace` asks, with Replace and Keep buttons (Keep the default)."""
    labels = [p.label() for p in periods]
    shown = join_and(labels if len(labels) <= 6 else [*labels[:6], f"{len(labels) - 6} more"])
    verb = "is" if len(periods) == 1 else "are"
    return question(
        parent,
        "Figures for these periods are already open",
        f"{result.path.name} has figures for {plural(len(periods), 'period')} that {verb} already open: {shown}.\n\n"
        "Replace the open figures with the ones from this file, or keep the open "
        "figures and leave this file's figures for those periods out? Figures are never counted twice.",
        "&Replace the open figures",
        "&Keep the open figures",
    )
