"""Where a draft starts: a template's sections, the sample council's worked example, or a saved file."""

from __future__ import annotations

import json
from pathlib import Path

from caseload_reporter.core.paths import resources_dir
from caseload_reporter.reading.dataset import Dataset
from caseload_reporter.reporting.blocks import BLOCK_KINDS
from caseload_reporter.reporting.draft import DraftError, Item, OfficerContact, ReportDraft, ReportHeader
from caseload_reporter.reporting.project_file import PROJECT_FORMAT, ProjectError, load_project
from caseload_reporter.reporting.report_templates import load_template

SAMPLE_REPORT = "sample_report.json"


def starter_draft(template_key: str, dataset: Dataset | None = None) -> ReportDraft:
    """A new draft on a template, titled from the data so the officer starts from something true.

    The template's blocks that compare a chosen council with the published statistics are placed only
    once a council is chosen (``dataset.council``): without one they could only say so."""
    draft = ReportDraft.from_template(load_template(template_key))
    draft.header.title = "Children's social care caseloads"
    if dataset is not None and dataset.periods():
        draft.header.title += f": update to {dataset.periods()[-1].phrase()}"
    if dataset is None or not dataset.council:
        for section in draft.sections:
            section.items = [item for item in section.items if not _needs_council(item.kind)]
    return draft


def _needs_council(kind: str) -> bool:
    return kind in BLOCK_KINDS and "council" in BLOCK_KINDS[kind].needs


def place_benchmarks(draft: ReportDraft) -> str:
    """Put the template's benchmark blocks in its benchmarking section when the draft lacks them, for a
    council just chosen (``report --council``); what was done, or why nothing was, in one sentence.

    A template's benchmarking section is the one whose default blocks compare a chosen council with the
    published statistics (the cabinet paper's "National and local caseloads", for one)."""
    held = {item.kind for section in draft.sections for item in section.items}
    if any(_needs_council(kind) for kind in held):
        return ""  # the officer has placed them already
    template = load_template(draft.template)
    plan = next((p for p in template.sections if any(_needs_council(str(b["kind"])) for b in p.blocks)), None)
    if plan is None:
        return (
            f"the {template.key} template has no benchmarking section, so no benchmark block was placed: choose "
            "--template cabinet_decision or scrutiny_update, or add a benchmark block to the draft in the app."
        )
    wanted = [b for b in plan.blocks if _needs_council(str(b["kind"])) and b["kind"] not in held]
    section = next((s for s in draft.sections if s.title == plan.title), None)
    if section is None:
        return f'the draft has no section "{plan.title}", where the {template.key} template compares the council.'
    section.items += [Item(str(b["kind"]), options=dict(b.get("options", {}))) for b in wanted]
    labels = [BLOCK_KINDS[str(b["kind"])].label.split(": ", 1)[0].lower() for b in wanted]
    return f'placed the benchmark {" and ".join(labels)} in the section "{plan.title}".'


def sample_draft() -> ReportDraft:
    """The sample council's worked example: an invented committee update on the committee template."""
    data = json.loads((resources_dir() / "sample" / SAMPLE_REPORT).read_text(encoding="utf-8"))
    draft = ReportDraft.from_template(load_template(data["template"]))
    draft.header = ReportHeader(**data["header"])
    draft.contact = OfficerContact(**data["contact"])
    draft.key_issues = list(data["key_issues"])
    draft.recommendations = list(data["recommendations"])
    draft.author = data["author"]
    draft.consultees = list(data["consultees"])
    draft.background_papers = list(data.get("background_papers", []))
    for section in draft.sections:
        section.items = _placed(data["sections"].get(section.title, []), section.items)
    return draft


def _placed(entries: list, blocks: list[Item]) -> list[Item]:
    """A section's items in the order written: each paragraph just before the blocks it describes.

    ``entries`` are paragraphs (text) and ``{"block": kind}`` markers naming where each of the
    template's ``blocks`` goes; blocks the entries do not place follow at the end, so none is lost.
    """
    waiting = list(blocks)
    items = []
    for entry in entries:
        if isinstance(entry, str):
            items.append(Item("paragraph", entry))
            continue
        block = next((b for b in waiting if b.kind == entry.get("block")), None)
        if block is None:
            raise DraftError(f"The sample report places a block '{entry.get('block')}' its template does not have.")
        waiting.remove(block)
        items.append(block)
    return items + waiting


def load_draft_file(path: Path) -> ReportDraft:
    """A draft from a project file or from a bare draft JSON file (DraftError with one sentence)."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise DraftError(f"{Path(path).name} could not be found.") from exc
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise DraftError(f"{Path(path).name} is not a report draft or project file.") from exc
    if isinstance(data, dict) and data.get("format") == PROJECT_FORMAT:
        try:
            return load_project(Path(path)).draft
        except ProjectError as exc:
            raise DraftError(str(exc)) from exc
    return ReportDraft.from_json(data)
