"""Where a draft starts: a template's sections, the sample council's worked example, or a saved file."""

from __future__ import annotations

import json
from pathlib import Path

from caseload_reporter.core.paths import resources_dir
from caseload_reporter.reading.dataset import Dataset
from caseload_reporter.reporting.draft import DraftError, Item, OfficerContact, ReportDraft, ReportHeader
from caseload_reporter.reporting.project_file import PROJECT_FORMAT, ProjectError, load_project
from caseload_reporter.reporting.report_templates import load_template

SAMPLE_REPORT = "sample_report.json"


def starter_draft(template_key: str, dataset: Dataset | None = None) -> ReportDraft:
    """A new draft on a template, titled from the data so the officer starts from something true."""
    draft = ReportDraft.from_template(load_template(template_key))
    draft.header.title = "Children's social care caseloads"
    if dataset is not None and dataset.periods():
        draft.header.title += f": update to {dataset.periods()[-1].phrase()}"
    return draft


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
