"""Next quarter's paper from this one: the officer's structure and words kept, every figure worked out anew.

Officers write the same update every quarter. Rolling a paper forward keeps its sections, its text and
its data blocks; points every block at the new latest period; makes "since the last report"
comparisons start from the period the last paper reported; moves the period words in the title and
text and the meeting date on; and lists what changed, so the officer reads the figures that moved, the
sentences the new data no longer supports and the blocks that lost their input before anything is sent.
"""

from __future__ import annotations

import calendar
import copy
import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

import pandas as pd

from caseload_reporter.analysis.thresholds import Thresholds
from caseload_reporter.reading.dataset import Dataset
from caseload_reporter.reading.values import Period
from caseload_reporter.reporting.block_context import BlockContext
from caseload_reporter.reporting.blocks import (
    ChartContent,
    Content,
    SentenceContent,
    TableContent,
    Unavailable,
    build_block,
)
from caseload_reporter.reporting.draft import Item, ReportDraft

# Blocks whose first period is "the period before": rolled forward, it becomes the period the last paper reported.
SINCE_LAST_REPORT = {"sentence.average_change": "first", "table.comparison": "first"}
CHANGE_KINDS = {
    "words": "Words moved on to the new period",
    "meeting": "The meeting date",
    "figures": "Figures that moved",
    "unsupported": "Sentences the new data no longer supports",
    "lost_input": "Blocks that lost their input",
    "gained": "Blocks the new data can now give",
}


@dataclass(frozen=True)
class PaperChange:
    kind: str  # a key of CHANGE_KINDS
    where: str  # 'Header: Title', 'Key issues', 'Section 2 "Main issues"'
    before: str
    after: str

    def describe(self) -> str:
        if self.kind in ("unsupported", "lost_input"):
            return f"{self.where}: {self.before} — now left out: {self.after}"
        return f"{self.where}: {self.before} → {self.after}"


@dataclass
class RolledPaper:
    draft: ReportDraft
    previous: Period
    latest: Period
    changes: list[PaperChange] = field(default_factory=list)

    def by_kind(self) -> dict[str, list[PaperChange]]:
        grouped: dict[str, list[PaperChange]] = {kind: [] for kind in CHANGE_KINDS}
        for change in self.changes:
            grouped[change.kind].append(change)
        return {kind: found for kind, found in grouped.items() if found}

    def summary_lines(self) -> list[str]:
        """The change list as plain lines, grouped, for the command line and the window alike."""
        lines = [f"Rolled forward from {self.previous.phrase()} to {self.latest.phrase()}."]
        for kind, found in self.by_kind().items():
            lines.append(f"{CHANGE_KINDS[kind]} ({len(found)}):")
            lines.extend(f"  {change.describe()}" for change in found)
        if not self.changes:
            lines.append("Nothing else changed.")
        return lines


class RollForwardError(ValueError):
    """The new data cannot carry the paper forward; one sentence."""


def roll_forward(
    draft: ReportDraft,
    old_data: Dataset | None,
    new_data: Dataset,
    thresholds: Thresholds,
    previous: Period | None = None,
) -> RolledPaper:
    """The next paper from ``draft`` over ``new_data``; ``old_data`` (if still at hand) gives the figures
    the last paper printed, and ``previous`` the period it reported when its data is not at hand."""
    new_periods = new_data.periods()
    if not new_periods:
        raise RollForwardError("The new files hold no caseload periods to carry the paper forward to.")
    old_periods = old_data.periods() if old_data is not None and not old_data.is_empty() else []
    previous = old_periods[-1] if old_periods else previous
    if previous is None:
        raise RollForwardError("The last paper's period is not known: open its project with its spreadsheets.")
    latest = new_periods[-1]
    if latest.start <= previous.start:
        raise RollForwardError(
            f"The new files go up to {latest.phrase()}, which is not after {previous.phrase()}: "
            "add the next period's spreadsheet."
        )
    paper = RolledPaper(copy.deepcopy(draft), previous, latest)
    _point_blocks(paper)
    _move_words(paper)
    _move_meeting(paper)
    _compare_figures(paper, draft, old_data, new_data, thresholds)
    return paper


def _blocks(draft: ReportDraft) -> Iterator[tuple[str, Item]]:
    for item in draft.key_issue_sentences:
        yield "Key issues", item
    for number, section in enumerate(draft.sections, start=1):
        for item in section.items:
            if item.is_block:
                yield f'Section {number} "{section.title}"', item


def _point_blocks(paper: RolledPaper) -> None:
    """Blocks fixed on the last paper's period follow the new one; 'since the last report' starts there."""
    old, new = paper.previous, paper.latest
    for _where, item in _blocks(paper.draft):
        for key, value in list(item.options.items()):
            if value in (old.iso(), old.start.isoformat()):
                item.options[key] = new.iso()
        first = SINCE_LAST_REPORT.get(item.kind)
        if first is not None and item.options.get(first) in (None, ""):
            item.options[first] = old.iso()


def _period_words(period: Period) -> list[str]:
    """How the officer may have written the period: 'March 2022', 'Mar 2022', '31 March 2022'."""
    words = [period.phrase(), period.label()]
    if period.kind == "month":
        last = calendar.monthrange(period.start.year, period.start.month)[1]
        words.append(f"{last} {period.start.strftime('%B %Y')}")
    return sorted({w for w in words if w}, key=len, reverse=True)


def _move_words(paper: RolledPaper) -> None:
    old_words = _period_words(paper.previous)
    new_words = _period_words(paper.latest)
    replacements = dict(zip(old_words, _match(old_words, new_words), strict=True))

    def moved(where: str, text: str) -> str:
        out = text
        for before, after in replacements.items():
            out = out.replace(before, after)
        if out != text:
            paper.changes.append(PaperChange("words", where, text, out))
        return out

    draft = paper.draft
    draft.header.title = moved("Header: Title", draft.header.title)
    draft.header.purpose = moved("Header: Purpose", draft.header.purpose)
    draft.key_issues = [moved("Key issues", text) for text in draft.key_issues]
    draft.recommendations = [moved("Recommendations", text) for text in draft.recommendations]
    for number, section in enumerate(draft.sections, start=1):
        for item in section.items:
            if not item.is_block:
                item.text = moved(f'Section {number} "{section.title}"', item.text)


def _match(old_words: list[str], new_words: list[str]) -> list[str]:
    """The new period written the same way as each old form (phrase for phrase, label for label)."""
    by_shape = {_shape(word): word for word in new_words}
    return [by_shape.get(_shape(word), new_words[0]) for word in old_words]


def _shape(word: str) -> str:
    """'31 March 2022' -> '9 a 9999', 'Mar 2022' -> 'A 9999': how a date is written, whatever its values."""
    return re.sub(
        r"[A-Za-z]+|\d+",
        lambda m: (
            ("A" if len(m.group()) == 3 else "a") if m.group().isalpha() else ("9999" if len(m.group()) == 4 else "9")
        ),
        word,
    )


def _move_meeting(paper: RolledPaper) -> None:
    header = paper.draft.header
    if not header.meeting_date:
        return
    try:
        meeting = dt.date.fromisoformat(header.meeting_date)
    except ValueError:
        return
    months = (paper.latest.start.year - paper.previous.start.year) * 12 + (
        paper.latest.start.month - paper.previous.start.month
    )
    year, month = divmod(meeting.month - 1 + months, 12)
    year, month = meeting.year + year, month + 1
    moved = dt.date(year, month, min(meeting.day, calendar.monthrange(year, month)[1]))
    header.meeting_date = moved.isoformat()
    paper.changes.append(
        PaperChange(
            "meeting", "Header: Date", _long(meeting), f"{_long(moved)} (check it against the committee calendar)"
        )
    )


def _long(day: dt.date) -> str:
    return f"{day.day} {day.strftime('%B %Y')}"


def _compare_figures(
    paper: RolledPaper, old_draft: ReportDraft, old_data: Dataset | None, new_data: Dataset, thresholds: Thresholds
) -> None:
    old_context = BlockContext(old_data, thresholds, old_draft.privacy) if old_data is not None else None
    new_context = BlockContext(new_data, thresholds, paper.draft.privacy)
    olds = list(_blocks(old_draft))
    for (where, item), (_, old_item) in zip(_blocks(paper.draft), olds, strict=True):
        after = build_block(item, new_context)
        before = build_block(old_item, old_context) if old_context is not None else None
        paper.changes.extend(_difference(where, item.kind, before, after))


def _difference(where: str, kind: str, before: Content | None, after: Content) -> Iterator[PaperChange]:
    if isinstance(after, Unavailable):
        if before is None or not isinstance(before, Unavailable):
            shown = before.text if isinstance(before, SentenceContent) else _title(before) or kind
            yield PaperChange(
                "unsupported" if kind.startswith("sentence.") else "lost_input", where, shown, after.reason
            )
        return
    if isinstance(before, Unavailable):
        yield PaperChange("gained", where, before.reason, _title(after) or kind)
        return
    if isinstance(after, SentenceContent):
        if before is None or not isinstance(before, SentenceContent) or before.text != after.text:
            yield PaperChange("figures", where, before.text if isinstance(before, SentenceContent) else "", after.text)
        return
    moved = _moved_cells(before, after)
    if moved:
        sample = "; ".join(moved[:3]) + ("; …" if len(moved) > 3 else "")
        yield PaperChange("figures", where, _title(after) or kind, f"{len(moved)} figures changed: {sample}")


def _title(content: Content | None) -> str:
    if isinstance(content, ChartContent):
        return content.title
    if isinstance(content, TableContent):
        return content.title
    return ""


def _frame(content: Content | None) -> pd.DataFrame | None:
    if isinstance(content, ChartContent):
        return content.table.frame
    if isinstance(content, TableContent):
        return content.frame
    return None


def _moved_cells(before: Content | None, after: Content) -> list[str]:
    """'Assessment Team 1, Average: 21.0 → 19.5' for each cell whose figure moved (rows matched by their
    first column, columns by name; a column or row only in one of them counts as moved)."""
    old, new = _frame(before), _frame(after)
    if new is None:
        return []
    if old is None:
        return [f"{new.iloc[r, 0]!s}, {c!s}: → {new.iloc[r][c]!s}" for r in range(len(new)) for c in new.columns[1:]]
    key = new.columns[0]
    old_rows = {str(row[old.columns[0]]): row for _, row in old.iterrows()} if len(old.columns) else {}
    found = []
    for _, row in new.iterrows():
        label = str(row[key])
        previous = old_rows.get(label)
        for column in new.columns[1:]:
            was = previous[column] if previous is not None and column in previous.index else "no figure"
            if str(was) != str(row[column]):
                found.append(f"{label}, {column}: {was} → {row[column]}")
    return found
