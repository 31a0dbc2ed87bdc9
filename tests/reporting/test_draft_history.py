"""Undo and redo of a draft's structure: whole snapshots, typing after a change kept for redo, a cap."""

from __future__ import annotations

from caseload_reporter.reporting.draft import Item, ReportDraft, Section
from caseload_reporter.reporting.draft_history import DraftHistory


def draft() -> ReportDraft:
    return ReportDraft(sections=[Section("Background", items=[Item("paragraph", "Why")]), Section("Main issues")])


def test_undo_gives_back_the_draft_before_a_change_and_redo_the_one_after() -> None:
    history = DraftHistory()
    current = draft()
    assert not history.can_undo and history.undo(current) is None
    history.push(current)
    current.sections.pop(0)
    current.key_issues.append("Typed after the change")  # kept by redo, not lost
    before = history.undo(current)
    assert before is not None and [s.title for s in before.sections] == ["Background", "Main issues"]
    assert before.sections[0].items[0].text == "Why"
    assert history.can_redo and not history.can_undo
    after = history.redo(before)
    assert after is not None and [s.title for s in after.sections] == ["Main issues"]
    assert after.key_issues == ["Typed after the change"]
    assert history.can_undo and not history.can_redo


def test_snapshots_are_copies_and_a_new_change_forgets_redo() -> None:
    history = DraftHistory()
    current = draft()
    history.push(current)
    current.sections[0].title = "Renamed"  # the snapshot must not follow the live object
    current.sections[0].items[0].text = "Edited"
    restored = history.undo(current)
    assert restored is not None and restored.sections[0].title == "Background"
    assert restored.sections[0].items[0].text == "Why"
    history.push(restored)
    assert not history.can_redo


def test_pushing_the_same_state_twice_is_one_step() -> None:
    history = DraftHistory()
    current = draft()
    history.push(current)
    history.push(current)
    assert len(history) == 1


def test_the_history_keeps_at_most_its_limit() -> None:
    history = DraftHistory(limit=100)
    current = draft()
    for number in range(150):
        current.header.title = f"Title {number}"
        history.push(current)
    assert len(history) == 100
    oldest = None
    while history.can_undo:
        oldest = history.undo(current)
    assert oldest is not None and oldest.header.title == "Title 50"


def test_clear_forgets_everything() -> None:
    history = DraftHistory()
    history.push(draft())
    history.clear()
    assert not history.can_undo and not history.can_redo
