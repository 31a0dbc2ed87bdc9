"""The Word export: a committee paper built from the draft and the data, checked, then saved whole.

:func:`build_report` is a plain long-running function (progress and cancel through a TaskState) that
works out every block from the data, draws the charts in print style, writes the document from
the chosen template's styles and runs the accessibility check on the result. Nothing is written
to disk until :meth:`BuiltReport.save`, which replaces the target in one step, so a failure or a
report held open in Word never leaves a half-written file.
"""

from __future__ import annotations

import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import docx
from docx.document import Document

from caseload_reporter.analysis.thresholds import Thresholds
from caseload_reporter.core.atomic_write import write_atomically
from caseload_reporter.core.progress import PlainTaskState, TaskState
from caseload_reporter.reading.dataset import Dataset
from caseload_reporter.reporting.accessibility import check_document
from caseload_reporter.reporting.accessibility_findings import Finding
from caseload_reporter.reporting.block_context import BlockContext
from caseload_reporter.reporting.blocks import Content, build_block
from caseload_reporter.reporting.completeness import draft_gaps
from caseload_reporter.reporting.docx_paper_writer import ChartRenderer, PaperWriter
from caseload_reporter.reporting.draft import ReportDraft
from caseload_reporter.reporting.privacy import WorkerNames, typed_path_warnings
from caseload_reporter.reporting.report_templates import check_template, load_template


@dataclass
class BuiltReport:
    """A finished document in memory, with what the officer should know before saving it."""

    document: Document
    findings: list[Finding] = field(default_factory=list)  # accessibility, privacy and completeness
    skipped: list[str] = field(default_factory=list)  # blocks the data could not support, and why
    figures: int = 0
    tables: int = 0
    seconds: float = 0.0

    def save(self, path: Path) -> Path:
        """Write to a temporary file beside ``path`` and then replace it (TargetLocked if Word holds it)."""
        return write_atomically(Path(path), lambda temporary: self.document.save(str(temporary)))


def template_path(draft: ReportDraft) -> Path:
    if draft.custom_docx:
        path = Path(draft.custom_docx)
        check_template(path)
        return path
    return load_template(draft.template).docx


def build_report(
    draft: ReportDraft,
    dataset: Dataset,
    thresholds: Thresholds,
    state: TaskState | None = None,
    *,
    render_chart: ChartRenderer,
) -> BuiltReport:
    """Build the Word document for ``draft`` from ``dataset`` (TemplateError if the template is unusable).

    ``render_chart`` draws a chart to a PNG: drawing needs Qt, which this layer never imports, so the
    caller passes it (``ui.chart_images.render_png``, or a wrapper that runs it on the GUI thread)."""
    started = time.perf_counter()
    state = state or PlainTaskState()
    context = BlockContext(dataset, thresholds, draft.privacy)
    blocks = [*draft.key_issue_sentences, *(i for s in draft.sections for i in s.items if i.is_block)]
    contents: dict[int, Content] = {}
    for n, item in enumerate(blocks):
        state.check_cancelled()
        state.set_progress(0.05 + 0.25 * n / max(len(blocks), 1), "Working out the figures")
        contents[id(item)] = build_block(item, context)
    document = docx.Document(str(template_path(draft)))
    writer = PaperWriter(document, draft, contents, WorkerNames(context.worker_names()), state, render_chart)
    with tempfile.TemporaryDirectory(prefix="caseload-report-") as folder:
        writer.write(Path(folder))
    state.set_progress(0.9, "Checking accessibility")
    report = BuiltReport(document, skipped=writer.skipped, figures=writer.figure_count, tables=writer.table_count)
    report.findings = draft_findings(draft, writer.names) + draft_gaps(draft) + check_document(document)
    report.seconds = time.perf_counter() - started
    state.set_progress(1.0, "Report ready")
    return report


def draft_findings(draft: ReportDraft, names: WorkerNames) -> list[Finding]:
    """What the file check cannot see: empty required sections, worker names typed, privacy turned off."""
    fixes = {
        "Report title": ("Header", "The report has no title: write one in the header."),
        "Recommendations": (
            "Recommendations",
            "The report makes no recommendation: add at least one, such as to note it.",
        ),
    }
    out = [
        Finding(
            "empty-section",
            "error",
            *fixes.get(title, (f'Section "{title}"', f'"{title}" is empty: write it, or remove it.')),
        )
        for title in draft.empty_required_sections()
    ]
    found = names.find(draft.worker_free_text())
    for name in sorted({f.name for f in found}):
        text = next(f.text for f in found if f.name == name)
        action = "it is replaced by 'a worker'" if draft.privacy.hide_worker_names else "it will be published"
        out.append(Finding("worker-name", "warning", f'Text "{text}..."', f"A worker's name is in the text: {action}."))
    out += [Finding("privacy-off", "warning", "Privacy settings", warning) for warning in draft.privacy.warnings()]
    sources = [(d.document, d.location, d.path) for d in draft.source_documents]
    out += [Finding("source-path", "warning", "Source documents", warning) for warning in typed_path_warnings(sources)]
    return out
