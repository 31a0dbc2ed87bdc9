"""The committee report as the officer writes it: plain data, saved as JSON, free of Qt and Word.

A draft holds the words (header block, key issues, recommendations, sections, implications...)
and where data goes (blocks such as a chart or a team table, named by kind with their options);
the figures themselves are worked out from the data at export, so they follow the data. The app
edits a draft, the export turns it into Word, and a project file keeps it with where its data
came from.
"""

from __future__ import annotations

import copy
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from caseload_reporter.core.sample import sample_council

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

SAMPLE_LOCATION = "Built into Caseload Reporter (a fictional council)"
# A "recommendations" section prints the lettered recommendations where the template places it (a cabinet
# report's section 2) rather than at the front.
SECTION_KINDS = ("body", "implications", "consultations", "recommendations")
# Numbered paragraph (4.1), sub-paragraph (4.1.1), bullet point, sub-heading.
TEXT_KINDS = ("paragraph", "subparagraph", "bullet", "subheading")
HEADER_FIELDS = ("agenda_item", "committee", "meeting_date", "from", "divisions", "purpose", "key_decision", "exempt")
BACK_MATTER = ("author_consultees", "background_papers", "appendices", "source_documents")


class DraftError(ValueError):
    """A draft or project file that cannot be used; the message is one sentence for the officer."""


@dataclass
class Item:
    """One thing in a section: a numbered paragraph, a sub-heading, or a data block.

    Data blocks have a kind such as ``chart.district_totals`` or ``sentence.average_change`` and
    options (periods, teams, targets) that say which figures; see ``reporting.blocks``.
    """

    kind: str
    text: str = ""
    options: dict[str, Any] = field(default_factory=dict)

    @property
    def is_block(self) -> bool:
        return self.kind not in TEXT_KINDS


@dataclass
class Section:
    title: str
    kind: str = "body"
    items: list[Item] = field(default_factory=list)
    required: bool = False
    hint: str = ""  # shown to the officer while writing; never exported

    def is_empty(self) -> bool:
        return not any(item.is_block or item.text.strip() for item in self.items)

    @property
    def holds_recommendations(self) -> bool:
        return self.kind == "recommendations"


@dataclass
class ReportHeader:
    council: str = ""  # printed above the title: "Wenmoor County Council"
    committee: str = ""
    meeting_date: str = ""  # ISO date, e.g. 2026-12-10
    agenda_item: str = ""
    title: str = ""
    from_name: str = ""  # one officer a line ("Name, role"); from_role is kept for drafts saved before that
    from_role: str = ""
    divisions: str = "All"
    purpose: str = ""
    key_decision: bool = False
    exempt: bool = False  # not for publication: the paper goes in the exempt part of the agenda
    exempt_reason: str = ""


@dataclass
class OfficerContact:
    name: str = ""
    post: str = ""
    email: str = ""
    telephone: str = ""


@dataclass
class SourceDocument:
    """A row of the "Source documents / location" table.

    Rows with a ``path`` were listed from the imported files and follow them; the officer may
    reword either column and the wording is kept. Rows without one were added by the officer.
    """

    document: str
    location: str
    path: str = ""


@dataclass
class Privacy:
    """Published papers name no worker and show no count under five, unless the officer says otherwise."""

    hide_worker_names: bool = True
    suppress_small_counts: bool = True

    def warnings(self) -> list[str]:
        out = []
        if not self.hide_worker_names:
            out.append("Worker names are allowed in this report: it must not be published (mark it exempt).")
        if not self.suppress_small_counts:
            out.append("Counts under five are shown in full: individual workers may be identifiable.")
        return out


@dataclass
class ReportDraft:
    template: str = "committee_update"  # a built-in template's key
    custom_docx: str = ""  # a council's own .docx with its house styles, if chosen
    header_fields: list[str] = field(default_factory=lambda: list(HEADER_FIELDS[:6]))
    header: ReportHeader = field(default_factory=ReportHeader)
    key_issues: list[str] = field(default_factory=list)  # the officer's paragraphs
    # Data sentences (accepted commentary) printed before them, worked out again at every export.
    key_issue_sentences: list[Item] = field(default_factory=list)
    recommendations: list[str] = field(default_factory=list)  # lettered a), b) in the export
    contact: OfficerContact = field(default_factory=OfficerContact)
    sections: list[Section] = field(default_factory=list)
    author: str = ""
    consultees: list[str] = field(default_factory=list)
    background_papers: list[str] = field(default_factory=list)
    appendices: list[str] = field(default_factory=list)
    source_documents: list[SourceDocument] = field(default_factory=list)
    back_matter: list[str] = field(default_factory=lambda: ["source_documents"])
    privacy: Privacy = field(default_factory=Privacy)

    # -- making one ---------------------------------------------------------------------
    @classmethod
    def from_template(cls, template: Any) -> ReportDraft:
        """A new draft with the template's sections, hints and default data blocks.

        ``template`` is a ``reporting.report_templates.ReportTemplate``.
        """
        sections = [
            Section(
                title=plan.title,
                kind=plan.kind,
                required=plan.required,
                hint=plan.hint,
                items=[Item(kind=str(b["kind"]), options=dict(b.get("options", {}))) for b in plan.blocks],
            )
            for plan in template.sections
        ]
        return cls(
            template=template.key,
            header_fields=list(template.header_fields),
            sections=sections,
            back_matter=list(template.back_matter),
        )

    # -- editing ------------------------------------------------------------------------
    def move_section(self, index: int, offset: int) -> int:
        """Move a section up (-1) or down (+1); returns its new index."""
        target = max(0, min(len(self.sections) - 1, index + offset))
        self.sections.insert(target, self.sections.pop(index))
        return target

    def sync_sources(self, files: list[Path]) -> None:
        """List every imported file in the source documents table, keeping the officer's wording.

        Rows for files no longer loaded go; rows the officer added by hand stay.
        """
        wanted = [str(Path(f)) for f in files]
        kept = [row for row in self.source_documents if not row.path or row.path in wanted]
        have = {row.path for row in kept}
        sample = str(sample_council().workbook)
        for path in wanted:
            if path not in have:
                # The location is the officer's to write ("Children's Services shared drive"): the folder the
                # file was opened from names their computer, and the sample's means nothing to a reader.
                where = SAMPLE_LOCATION if path == sample else ""
                kept.append(SourceDocument(document=Path(path).name, location=where, path=path))
        self.source_documents = kept

    def empty_required_sections(self) -> list[str]:
        """Titles of sections the template requires that have nothing in them yet, and empty front matter."""
        empty = [s.title for s in self.sections if s.required and s.is_empty() and not s.holds_recommendations]
        if not self.header.title.strip():
            empty.insert(0, "Report title")
        if not any(r.strip() for r in self.recommendations):
            empty.append("Recommendations")
        return empty

    def worker_free_text(self) -> list[str]:
        """Every piece of text the officer typed, for the worker-name check before export."""
        texts = [*self.key_issues, *self.recommendations, self.header.purpose, self.header.title]
        texts += [s.title for s in self.sections]
        texts += [i.text for s in self.sections for i in s.items]
        texts += [*self.consultees, *self.background_papers, *self.appendices]
        return [t for t in texts if t]

    # -- JSON ---------------------------------------------------------------------------
    def to_json(self) -> dict[str, Any]:
        return copy.deepcopy(asdict(self))

    @classmethod
    def from_json(cls, data: Any) -> ReportDraft:
        """Rebuild a draft, refusing anything that is not one (one sentence, never a traceback)."""
        if not isinstance(data, dict):
            raise DraftError("The report draft in this file is not in the expected form.")
        try:
            draft = _build(cls, data)
            draft.header = _build(ReportHeader, data.get("header", {}))
            draft.contact = _build(OfficerContact, data.get("contact", {}))
            draft.privacy = _build(Privacy, data.get("privacy", {}))
            draft.sections = []
            for raw in data.get("sections", []):
                section = _build(Section, raw)
                section.items = [_build(Item, i) for i in raw.get("items", [])]
                draft.sections.append(section)
            draft.source_documents = [_build(SourceDocument, row) for row in data.get("source_documents", [])]
            draft.key_issue_sentences = [_build(Item, i) for i in data.get("key_issue_sentences", [])]
        except (TypeError, AttributeError) as exc:
            raise DraftError("The report draft in this file is damaged and cannot be opened.") from exc
        for section in draft.sections:
            if section.kind not in SECTION_KINDS:
                raise DraftError(f"The section '{section.title}' has an unknown kind '{section.kind}'.")
        return draft


_T = TypeVar("_T", bound="DataclassInstance")
_NESTED = {"header", "contact", "privacy", "sections", "source_documents", "items", "key_issue_sentences"}


def _build(cls: type[_T], data: Any) -> _T:
    """An instance of dataclass ``cls`` from a dict, checking each flat field's type against its default."""
    if not isinstance(data, dict):
        raise TypeError(f"{cls.__name__} is not an object")
    template = cls(
        **{
            f.name: data[f.name]
            for f in fields(cls)
            if f.name in ("title", "kind", "document", "location") and f.name in data
        }
    )
    for f in fields(cls):
        if f.name not in data or f.name in _NESTED:
            continue
        value, default = data[f.name], getattr(template, f.name)
        if isinstance(default, bool) != isinstance(value, bool) or not isinstance(value, type(default)):
            raise TypeError(f"{cls.__name__}.{f.name} has the wrong type")
        if f.name != "options" and isinstance(default, list) and not all(isinstance(v, str) for v in value):
            raise TypeError(f"{cls.__name__}.{f.name} holds something that is not text")
        setattr(template, f.name, copy.deepcopy(value))
    return template
