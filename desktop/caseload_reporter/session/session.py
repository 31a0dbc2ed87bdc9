"""The officer's open work: data, targets, council, report draft, undo history, project file, unsaved state.

One object holds it and every change goes through one of its methods, which then tells its
listeners what changed. The window's pages and dialogs observe it and call it; the command line
makes one and calls the same methods, so ``caseload-reporter report`` and File > Export cannot
drift apart. It is plain Python (no Qt): the tests drive it directly.

Long work (reading files, building the Word document) stays in plain functions that take a
progress and cancel state; the window runs them off the GUI thread and hands the results here.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import TypedDict, Unpack

from caseload_reporter.analysis.thresholds import Thresholds, ThresholdsError, default_thresholds
from caseload_reporter.core.progress import TaskState
from caseload_reporter.core.sample import sample_council
from caseload_reporter.reading.dataset import Dataset
from caseload_reporter.reading.importer import FileResult, import_files
from caseload_reporter.reading.values import Period, parse_period
from caseload_reporter.reporting.block_context import BlockContext
from caseload_reporter.reporting.council_profile import CouncilProfile
from caseload_reporter.reporting.docx_export import BuiltReport, build_report
from caseload_reporter.reporting.docx_paper_writer import ChartRenderer
from caseload_reporter.reporting.draft import DraftError, ReportDraft
from caseload_reporter.reporting.draft_history import DraftHistory
from caseload_reporter.reporting.project_file import DataSource, Project, load_project, save_project
from caseload_reporter.reporting.report_templates import TemplateError
from caseload_reporter.reporting.roll_forward import RolledPaper, RollForwardError, roll_forward
from caseload_reporter.reporting.starter_drafts import sample_draft, starter_draft

log = logging.getLogger(__name__)

DEFAULT_TEMPLATE = "committee_update"


class Change(StrEnum):
    """What changed, so each observer redraws only what it shows."""

    DATA = "data"  # the open data, or whether it is the sample
    TARGETS = "targets"  # the caseload targets
    COUNCIL = "council"  # the council benchmarked
    PROFILE = "profile"  # the council profile: who the papers are from and to
    DRAFT = "draft"  # the draft replaced, or its structure changed: outlines and editors are rebuilt
    TEXT = "text"  # words typed into the draft (the editors already show them)
    STATE = "state"  # saved or unsaved, or the project's file


Listener = Callable[[frozenset[Change]], None]
# Asked when a file brings figures for periods already open: True replaces them, False keeps the open ones.
Decide = Callable[[list[Period], FileResult], bool]


class ImportOptions(TypedDict, total=False):
    """The keywords of :meth:`Session.use_import` that :meth:`Session.open_files` passes on."""

    sample_name: str | None
    add: bool
    decide: Decide


def replace_overlaps(_periods: list[Period], _result: FileResult) -> bool:
    """The command line's answer: the later file's figures replace the earlier ones'."""
    return True


@dataclass
class ImportOutcome:
    """What came of handing import results to the session."""

    failures: list[FileResult] = field(default_factory=list)  # files that could not be used, with their sentence
    used: bool = False  # the open data changed
    statistics_only: bool = False  # the files held only published statistics, which joined the data open


@dataclass
class ProjectOpened:
    """What opening a project (or the autosave) did, and what the caller must still open."""

    notes: list[str] = field(default_factory=list)  # said to the officer: moved files, targets now in use
    files: list[Path] = field(default_factory=list)  # the spreadsheets to read again
    sample: bool = False  # the project was written on the built-in sample council


class Session:
    """The open data and the report being written, with undo, a project file and an unsaved flag."""

    def __init__(
        self,
        thresholds: Thresholds | None = None,
        template: str = DEFAULT_TEMPLATE,
        profile: CouncilProfile | None = None,
    ) -> None:
        self.thresholds = thresholds if thresholds is not None else default_thresholds()
        self.profile = profile if profile is not None else CouncilProfile()
        self.dataset = Dataset()
        self.is_sample = False
        self.history = DraftHistory()
        self.project_path: Path | None = None
        self.modified = False
        # The latest period of the data the open project reported, as saved: what a roll forward starts from
        # when the project's own spreadsheets cannot be read again.
        self.reported_period: Period | None = None
        # A starter draft nobody has touched follows the data: opening other files starts it afresh.
        self.fresh = True
        self._listeners: list[Listener] = []
        self._context: BlockContext | None = None
        self._fingerprints: dict[tuple[str, int, int], DataSource] = {}
        self.draft = self._starter(template)

    # -- observers -----------------------------------------------------------------------------
    def subscribe(self, listener: Listener) -> Callable[[], None]:
        """Call ``listener`` with what changed after every change; returns the way to stop."""
        self._listeners.append(listener)
        return lambda: self._listeners.remove(listener) if listener in self._listeners else None

    def _announce(self, *changes: Change) -> None:
        if Change.DATA in changes or Change.TARGETS in changes or Change.COUNCIL in changes:
            self._context = None
        for listener in list(self._listeners):
            listener(frozenset(changes))

    # -- the open data ---------------------------------------------------------------------------
    def use_import(
        self,
        results: list[FileResult],
        *,
        sample_name: str | None = None,
        add: bool = False,
        decide: Decide = replace_overlaps,
    ) -> ImportOutcome:
        """Take files read by ``import_files``: they replace the open data, or join it when ``add``.

        Nothing changes when no file could be used. Published statistics always join the data open,
        as they are compared with it. Where a file covers periods already open, ``decide`` says which
        figures to keep (never both).
        """
        failures = [r for r in results if not r.ok]
        if len(failures) == len(results):
            return ImportOutcome(failures=failures)
        incoming = Dataset.from_results([r for r in results if r.ok])
        statistics_only = incoming.has_published_statistics() and incoming.is_empty() and incoming.establishment.empty
        add = (add or statistics_only) and not self.dataset.is_empty()
        base = self.dataset if add else Dataset(name=sample_name or "")
        council = self.dataset.council
        self.dataset = base.add_results(results, decide=decide)
        self.dataset.council = self.dataset.council or council
        self.is_sample = sample_name is not None or (add and self.is_sample)
        self._data_changed()
        return ImportOutcome(failures=failures, used=True, statistics_only=statistics_only)

    def replace_files(self, results: list[FileResult]) -> None:
        """The open files read again with corrections (the check window): their figures replace the open ones."""
        council = self.dataset.council
        self.dataset = Dataset(name=self.dataset.name).add_results(results, decide=replace_overlaps)
        self.dataset.council = council
        self._data_changed()

    def open_files(self, paths: list[Path], **import_options: Unpack[ImportOptions]) -> ImportOutcome:
        """Read ``paths`` here and now (the command line; the window reads on a worker thread)."""
        return self.use_import(import_files(list(paths)), **import_options)

    def _data_changed(self) -> None:
        changes = [Change.DATA]
        if self.fresh:
            fresh = self._fresh_draft()
            if fresh is not None:
                self.draft = fresh
                self.history.clear()
                changes.append(Change.DRAFT)
        before = [asdict(row) for row in self.draft.source_documents]
        self.draft.sync_sources(self.open_paths())
        self._locate_sources()
        if not self.fresh and [asdict(row) for row in self.draft.source_documents] != before:
            self._mark_modified(changes)
            changes.append(Change.DRAFT)
        self._announce(*changes)

    def _locate_sources(self) -> None:
        """A spreadsheet newly listed in the source documents is held where the council profile says."""
        for row in self.draft.source_documents:
            if row.path and not row.location.strip() and self.profile.source_location:
                row.location = self.profile.source_location

    def open_paths(self) -> list[Path]:
        """The spreadsheets the open data was read from."""
        return [Path(f.path) for f in self.dataset.files if f.ok]

    def set_thresholds(self, thresholds: Thresholds) -> None:
        self.thresholds = thresholds
        self._announce(Change.TARGETS)

    def set_profile(self, profile: CouncilProfile) -> None:
        """A new council profile: new papers start from it, and a draft nobody has touched follows it."""
        self.profile = profile
        changes = [Change.PROFILE]
        if self.fresh:
            fresh = self._fresh_draft()
            if fresh is not None:
                self.draft = fresh
                self.history.clear()
                changes.append(Change.DRAFT)
        self._announce(*changes)

    def set_council(self, code: str | None) -> None:
        """The council compared in the benchmark blocks (its old_la_code in the published statistics)."""
        self.dataset.council = code
        self._announce(Change.COUNCIL)

    def block_context(self) -> BlockContext:
        """What every data block is worked out from, shared until the data, targets or council change."""
        if self._context is None:
            self._context = BlockContext(self.dataset, self.thresholds, self.draft.privacy)
        return self._context

    # -- the draft --------------------------------------------------------------------------------
    def edit(self, change: Callable[[ReportDraft], object]) -> None:
        """A change of structure (a section added, moved or removed, a block placed): undoable."""
        self.history.push(self.draft)
        change(self.draft)
        self.fresh = False
        changes = [Change.DRAFT]
        self._mark_modified(changes)
        self._announce(*changes)

    def text_edited(self) -> None:
        """Words typed into the draft (the text boxes keep their own undo)."""
        self.fresh = False
        changes = [Change.TEXT]
        self._mark_modified(changes)
        self._announce(*changes)

    def privacy_changed(self) -> None:
        """Names or small counts shown or hidden: every block's figures may read differently."""
        self._context = None
        self.text_edited()

    @property
    def can_undo(self) -> bool:
        return self.history.can_undo

    @property
    def can_redo(self) -> bool:
        return self.history.can_redo

    def undo(self) -> bool:
        """Back to the draft before the last change of structure; False when there is none."""
        return self._step(self.history.undo)

    def redo(self) -> bool:
        return self._step(self.history.redo)

    def _step(self, step: Callable[[ReportDraft], ReportDraft | None]) -> bool:
        draft = step(self.draft)
        if draft is None:
            return False
        self.draft = draft
        self._context = None
        self.fresh = False
        changes = [Change.DRAFT]
        self._mark_modified(changes)
        self._announce(*changes)
        return True

    def new_draft(self, template: str) -> None:
        """File > New report: a starter draft on ``template`` from the open data (TemplateError if unusable)."""
        draft = self._starter(template, strict=True)
        draft.sync_sources(self.open_paths())
        self.load_draft(draft)
        self._locate_sources()

    def load_draft(self, draft: ReportDraft, project_path: Path | None = None, modified: bool = False) -> None:
        """Replace the draft (a project opened, a new report): undo starts afresh."""
        self.draft = draft
        self.history.clear()
        self.fresh = False
        self._context = None
        self.project_path = project_path
        self.modified = modified
        self._announce(Change.DRAFT, Change.STATE)

    def _starter(self, template: str, strict: bool = False) -> ReportDraft:
        """A starter draft on ``template`` from the open data and the profile (TemplateError when ``strict``)."""
        data = self.dataset if not self.dataset.is_empty() else None
        try:
            return starter_draft(template, data, self.profile, self.thresholds)
        except TemplateError as problem:
            if strict:
                raise
            log.warning("No starter draft on %s: %s", template, problem)
            return ReportDraft(template=template)

    def _fresh_draft(self) -> ReportDraft | None:
        """The draft an untouched one becomes when the data changes: the sample's worked example, or a starter."""
        try:
            if self.is_sample:
                return sample_draft()
            return self._starter(self.draft.template, strict=True)
        except (TemplateError, DraftError, OSError, KeyError, TypeError, ValueError) as problem:
            log.warning("No starter draft: %s", problem)
            return None

    def _mark_modified(self, changes: list[Change]) -> None:
        if not self.modified:
            self.modified = True
            changes.append(Change.STATE)

    @property
    def project_name(self) -> str:
        return self.project_path.stem if self.project_path else "Untitled report"

    # -- the project file ---------------------------------------------------------------------------
    def snapshot(self) -> Project:
        """The project as it stands: the draft, the spreadsheets' fingerprints and the targets."""
        paths = self.open_paths()
        if self.is_sample:
            sample = sample_council().workbook.resolve()
            paths = [p for p in paths if p.resolve() != sample]
        sources = [s for s in map(self._fingerprint, paths) if s is not None]
        periods = self.dataset.periods()
        return Project(
            self.draft,
            sources=sources,
            sample=self.is_sample,
            thresholds=self.thresholds.to_json(),
            period=periods[-1].iso() if periods else "",
        )

    def _fingerprint(self, path: Path) -> DataSource | None:
        """A file's fingerprint, worked out again only when it has changed (the autosave asks each minute)."""
        try:
            status = path.stat()
            key = (str(path), status.st_mtime_ns, status.st_size)
            if key not in self._fingerprints:
                self._fingerprints[key] = DataSource.of(path)
            return self._fingerprints[key]
        except OSError:
            return None

    def save(self, path: Path) -> None:
        """Save the project (TargetLocked when another program holds the file, OSError otherwise)."""
        save_project(Path(path), self.snapshot())
        self.project_path = Path(path)
        self.modified = False
        self._announce(Change.STATE)

    def open_project(self, path: Path | None, project: Project | None = None, restored: bool = False) -> ProjectOpened:
        """Open a project file (ProjectError if it cannot be), or ``project`` itself (the autosave, ``restored``).

        The draft and the targets saved with it come back here; the spreadsheets it was written from
        are named in the result, for the caller to read again (the window does so off the GUI thread).
        """
        if project is None:
            if path is None:
                raise TypeError("open_project needs a path or a project")
            project = load_project(Path(path))
        self.load_draft(project.draft, project_path=None if restored else path, modified=restored)
        self.reported_period = parse_period(project.period, allow_serial=False) if project.period else None
        opened = ProjectOpened(sample=project.sample)
        if project.thresholds is not None:
            try:
                saved = Thresholds.from_json(project.thresholds, origin="The project's caseload targets")
            except ThresholdsError as problem:
                opened.notes.append(f"{problem} Your own targets are in use.")
            else:
                if saved.to_json() != self.thresholds.to_json():
                    self.set_thresholds(saved)
                    opened.notes.append("The caseload targets saved with the project are now in use.")
        opened.notes += project.source_problems()
        opened.files = [Path(s.path) for s in project.sources if Path(s.path).is_file()]
        if project.sources and not opened.files and not project.sample:
            opened.notes.append(
                "None of the project's spreadsheets could be found, so the figures come from the data open now."
            )
        return opened

    # -- next quarter's paper ---------------------------------------------------------------------
    def roll_forward(self, results: list[FileResult], decide: Decide = replace_overlaps) -> RolledPaper:
        """Next quarter's paper from this one: ``results`` (the new period's files) join the open data and
        the draft moves on to their latest period, unsaved, with the list of what changed.

        RollForwardError (one sentence) when the new files cannot carry the paper forward; nothing changes then.
        """
        good = [r for r in results if r.ok]
        if not good:
            reasons = " ".join(r.error or "" for r in results).strip()
            raise RollForwardError(reasons or "None of the new files could be read.")
        old_data = None if self.dataset.is_empty() else self.dataset
        combined = (old_data or Dataset()).add_results(results, decide=decide)
        combined.council = self.dataset.council
        rolled = roll_forward(self.draft, old_data, combined, self.thresholds, self.reported_period)
        self.dataset = combined
        self.is_sample = False
        rolled.draft.sync_sources(self.open_paths())
        self.reported_period = None
        self.load_draft(rolled.draft, project_path=None, modified=True)
        self._announce(Change.DATA)
        return rolled

    # -- the Word paper ----------------------------------------------------------------------------
    def build_report(self, render_chart: ChartRenderer, state: TaskState | None = None) -> BuiltReport:
        """The Word document for the draft from the open data (long: the window runs it off the GUI thread)."""
        return build_report(self.draft, self.dataset, self.thresholds, state, render_chart=render_chart)
