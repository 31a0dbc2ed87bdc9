"""The report draft: plain data that survives a JSON round trip, and refuses what is not a draft."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from caseload_reporter.core.sample import sample_council
from caseload_reporter.reporting.draft import SAMPLE_LOCATION, DraftError, Item, ReportDraft, Section, SourceDocument


def full_draft() -> ReportDraft:
    draft = ReportDraft()
    draft.header.title = "Caseloads: quarterly update"
    draft.header.key_decision = True
    draft.key_issues = ["First issue.", "Second issue."]
    draft.key_issue_sentences = [Item("sentence.average_change", options={"second": "2026-10-26"})]
    draft.recommendations = ["To note the report.", "To agree option 2."]
    draft.contact.email = "officer@example.gov.uk"
    draft.sections = [
        Section(
            "Background", items=[Item("paragraph", "Some text."), Item("chart.district_totals", options={"periods": 7})]
        ),
        Section("Financial implications", kind="implications", required=True),
    ]
    draft.source_documents = [SourceDocument("Caseloads.xlsx", "Shared drive", "/data/Caseloads.xlsx")]
    return draft


def test_a_draft_round_trips_through_json_text_exactly() -> None:
    draft = full_draft()
    text = json.dumps(draft.to_json())
    again = ReportDraft.from_json(json.loads(text))
    assert again == draft
    assert again.sections[0].items[1].options == {"periods": 7}
    assert again.key_issue_sentences[0].options == {"second": "2026-10-26"}


@pytest.mark.parametrize(
    "damaged",
    [
        [],  # not an object
        {"sections": [{"kind": "body"}]},  # a section without a title
        {"sections": [{"title": "A", "kind": "chapter"}]},  # an unknown kind
        {"header": {"key_decision": "yes"}},  # a flag that is not true or false
        {"recommendations": [1, 2]},  # not text
        {"sections": "Background"},
        {"key_issue_sentences": ["The average rose."]},  # sentences from the data are blocks, not text
    ],
)
def test_anything_that_is_not_a_draft_gets_one_sentence(damaged: object) -> None:
    with pytest.raises(DraftError) as caught:
        ReportDraft.from_json(damaged)
    message = str(caught.value)
    assert message.endswith(".") and "\n" not in message and "Traceback" not in message


def test_sections_move_within_bounds() -> None:
    draft = full_draft()
    titles = [s.title for s in draft.sections]
    assert draft.move_section(0, +1) == 1
    assert [s.title for s in draft.sections] == titles[::-1]
    assert draft.move_section(1, +1) == 1  # already last: stays


def test_source_documents_follow_the_files_and_keep_the_officers_wording(tmp_path: Path) -> None:
    draft = ReportDraft()
    first, second = tmp_path / "a.xlsx", tmp_path / "b.csv"
    draft.sync_sources([first, second])
    assert [row.document for row in draft.source_documents] == ["a.xlsx", "b.csv"]
    assert draft.source_documents[0].location == ""  # the officer's to choose: never the folder opened from
    draft.source_documents[0].location = "Performance team's shared drive"
    draft.source_documents.append(SourceDocument("Ofsted letter, March 2026", "Council website"))
    draft.sync_sources([first])  # b.csv closed
    assert [(r.document, r.location) for r in draft.source_documents] == [
        ("a.xlsx", "Performance team's shared drive"),
        ("Ofsted letter, March 2026", "Council website"),
    ]


def test_the_sample_workbook_is_described_rather_than_given_the_install_folder() -> None:
    draft = ReportDraft()
    workbook = sample_council().workbook
    draft.sync_sources([workbook])
    assert [(r.document, r.location) for r in draft.source_documents] == [(workbook.name, SAMPLE_LOCATION)]
    assert str(workbook.parent) not in draft.source_documents[0].location


def test_empty_required_sections_are_named() -> None:
    draft = full_draft()
    assert draft.empty_required_sections() == ["Financial implications"]
    draft.sections[1].items.append(Item("paragraph", "  "))
    assert draft.empty_required_sections() == ["Financial implications"]  # blank text is still empty
    draft.sections[1].items.append(Item("paragraph", "There are no financial implications."))
    draft.recommendations = []
    draft.header.title = ""
    assert draft.empty_required_sections() == ["Report title", "Recommendations"]
