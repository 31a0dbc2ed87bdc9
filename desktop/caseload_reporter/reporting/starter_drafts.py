"""Where a draft starts: a template's sections, the sample council's worked example, or a saved file."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from caseload_reporter.analysis.thresholds import Thresholds
from caseload_reporter.core.paths import resources_dir
from caseload_reporter.reading.dataset import Dataset
from caseload_reporter.reporting.block_context import BlockContext
from caseload_reporter.reporting.blocks import BLOCK_KINDS
from caseload_reporter.reporting.commentary import propose
from caseload_reporter.reporting.council_profile import CouncilProfile
from caseload_reporter.reporting.draft import DraftError, Item, OfficerContact, ReportDraft, ReportHeader
from caseload_reporter.reporting.project_file import PROJECT_FORMAT, ProjectError, load_project
from caseload_reporter.reporting.report_templates import load_template

SAMPLE_REPORT = "sample_report.json"


# The data sentences a paper leads with, when the data supports them (see reporting.commentary).
KEY_ISSUE_TOPICS = (
    "Change over the quarter", "Trend of the average", "Teams over target", "Against England", "Total cases",
    "Districts apart from the rest", "Service measures",
)  # fmt: skip
KEY_ISSUES_PROPOSED = 3
DEFAULT_RECOMMENDATION = "Note the report and the caseloads it sets out."


def starter_draft(
    template_key: str,
    dataset: Dataset | None = None,
    profile: CouncilProfile | None = None,
    thresholds: Thresholds | None = None,
) -> ReportDraft:
    """A new draft on a template, complete from the data and the council profile: a title, the header
    block, key issues proposed from the figures, a recommendation to note, the contact and the house style.

    What neither gives (the meeting date, an agenda item) is left for the officer, and the paper's
    check names it.
    """
    draft = ReportDraft.from_template(load_template(template_key))
    periods = dataset.periods() if dataset is not None else []
    draft.header.title = "Children's social care caseloads"
    if periods:
        draft.header.title += f": update to {periods[-1].phrase()}"
    apply_profile(draft, profile or CouncilProfile())
    if periods:
        committee = draft.header.committee or "the committee"
        draft.header.purpose = (
            f"To update {committee} on children's social work caseloads to {periods[-1].phrase()}, "
            "against the target caseload for each type of team."
        )
        purpose = next((x for x in draft.sections if x.title.casefold().startswith("purpose")), None)
        if "purpose" not in draft.header_fields and purpose is not None and purpose.is_empty():
            purpose.items.insert(0, Item("paragraph", draft.header.purpose))  # the template says it in a section
    draft.recommendations = [DEFAULT_RECOMMENDATION]
    if dataset is None or not dataset.council:
        for section in draft.sections:
            section.items = [item for item in section.items if not _needs_council(item.kind)]
    if dataset is not None and thresholds is not None and not dataset.is_empty():
        proposals = propose(BlockContext(dataset, thresholds, draft.privacy)).proposals
        placed = {item.kind for section in draft.sections for item in section.items}  # never say a thing twice
        chosen = [p for topic in KEY_ISSUE_TOPICS for p in proposals if p.topic == topic and p.kind not in placed]
        draft.key_issue_sentences = [p.item() for p in chosen[:KEY_ISSUES_PROPOSED]]
    return draft


def apply_profile(draft: ReportDraft, profile: CouncilProfile) -> None:
    """The council, committee, "From", contact and house style the council profile gives, where it gives them."""
    header = draft.header
    header.council = profile.council or header.council
    header.committee = profile.committee or header.committee
    if profile.officers:
        header.from_name = "\n".join(officer.line() for officer in profile.officers)
        header.from_role = ""
    if any(vars(profile.contact).values()):
        draft.contact = OfficerContact(**vars(profile.contact))
    if profile.house_template:
        draft.custom_docx = profile.house_template


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
    order = [str(b["kind"]) for b in plan.blocks]
    for block in wanted:  # each where the template has it: before the first item that comes after it there
        kind = str(block["kind"])
        later = order[order.index(kind) + 1 :]
        at = next((n for n, item in enumerate(section.items) if item.kind in later), len(section.items))
        section.items.insert(at, Item(kind, options=dict(block.get("options", {}))))
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


def _placed(entries: list[Any], blocks: list[Item]) -> list[Item]:
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
