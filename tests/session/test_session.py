"""The session without Qt: open, add, replace, edit, undo, save and reopen, as the window and the command line do.

Every test drives a real :class:`Session` with files written by the generators and watches what it
announces to its listeners, which is all a page or dialog ever sees of a change.
"""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

import pandas as pd
import pytest

from caseload_reporter.analysis.thresholds import default_thresholds
from caseload_reporter.core.atomic_write import TargetLocked
from caseload_reporter.reading.importer import import_files
from caseload_reporter.reporting.draft import Item, Section
from caseload_reporter.reporting.project_file import ProjectError, load_project
from caseload_reporter.session.session import Change, Session
from generators.council_shapes import shape_district_totals, shape_worker_long, write_openpyxl, write_xlsxwriter


class Heard:
    """A listener that keeps every announcement."""

    def __init__(self, session: Session) -> None:
        self.changes: list[frozenset[Change]] = []
        session.subscribe(self.changes.append)

    def all(self) -> set[Change]:
        return set().union(*self.changes) if self.changes else set()


def month_file(folder: Path, month: str, cases: int, name: str) -> Path:
    grid = [["Team", "Social worker", "FTE", "Caseload", "Month"]]
    grid += [["Assessment Team 1", "Ann", 1.0, cases, month], ["Children in Care Team", "Bob", 1.0, 15, month]]
    return write_openpyxl(grid, folder / name)


def test_opening_files_replaces_the_data_and_a_fresh_draft_follows_it(tmp_path: Path) -> None:
    session = Session(default_thresholds())
    heard = Heard(session)
    outcome = session.open_files([write_openpyxl(shape_worker_long(), tmp_path / "workers.xlsx")])
    assert outcome.used and not outcome.failures
    assert heard.all() == {Change.DATA, Change.DRAFT}
    assert "December 2017" in session.draft.header.title  # a starter titled from the data
    assert [Path(d.path).name for d in session.draft.source_documents] == ["workers.xlsx"]
    assert not session.modified and session.fresh
    session.open_files([write_xlsxwriter(shape_district_totals(), tmp_path / "districts.xlsx")])
    assert [f.path.name for f in session.dataset.files] == ["districts.xlsx"]  # replaced, not added


def test_a_file_that_cannot_be_read_changes_nothing(tmp_path: Path) -> None:
    session = Session()
    session.open_files([write_openpyxl(shape_worker_long(), tmp_path / "workers.xlsx")])
    before = session.dataset
    heard = Heard(session)
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"PK\x03\x04 not really a workbook")
    outcome = session.open_files([broken])
    assert not outcome.used and len(outcome.failures) == 1 and outcome.failures[0].error
    assert session.dataset is before and heard.changes == []


def test_adding_a_period_asks_and_replacing_keeps_one_set_of_figures(tmp_path: Path) -> None:
    session = Session()
    session.open_files([month_file(tmp_path, "Mar-22", 20, "march.xlsx")])
    asked = []
    session.open_files(
        [month_file(tmp_path, "Apr-22", 22, "april.xlsx")], add=True, decide=lambda p, r: asked.append(p) or True
    )
    assert asked == [] and len(session.dataset.periods()) == 2
    session.open_files(
        [month_file(tmp_path, "Apr-22", 30, "april again.xlsx")],
        add=True,
        decide=lambda periods, result: asked.append([p.label() for p in periods]) or True,
    )
    assert asked == [["Apr 2022"]]
    april = session.dataset.caseloads[session.dataset.caseloads["period"] == pd.Timestamp(2022, 4, 1)]
    assert sorted(april["caseload"]) == [15, 30]  # replaced, never both


def test_corrected_files_replace_the_open_figures_and_keep_the_council(tmp_path: Path) -> None:
    session = Session()
    results = import_files([month_file(tmp_path, "Mar-22", 20, "march.xlsx")])
    session.use_import(results)
    session.set_council("370")
    heard = Heard(session)
    session.replace_files(results)
    assert Change.DATA in heard.all() and session.dataset.council == "370"


def test_edits_undo_and_redo_announce_the_draft_and_the_unsaved_state(tmp_path: Path) -> None:
    session = Session()
    session.open_files([month_file(tmp_path, "Mar-22", 20, "march.xlsx")])
    heard = Heard(session)
    count = len(session.draft.sections)
    session.edit(lambda draft: draft.sections.append(Section(title="Workforce")))
    assert heard.changes[-1] == frozenset({Change.DRAFT, Change.STATE}) and session.modified and not session.fresh
    session.draft.sections[-1].items.append(Item("paragraph", "Typed words."))
    session.text_edited()
    assert heard.changes[-1] == frozenset({Change.TEXT})
    assert session.undo() and len(session.draft.sections) == count
    assert session.redo() and session.draft.sections[-1].items[0].text == "Typed words."
    assert session.undo() and session.undo() is False  # one step only: the edit


def test_an_edited_draft_no_longer_follows_new_data(tmp_path: Path) -> None:
    session = Session()
    session.open_files([month_file(tmp_path, "Mar-22", 20, "march.xlsx")])
    session.edit(lambda draft: setattr(draft.header, "title", "My own title"))
    session.open_files([month_file(tmp_path, "Apr-22", 22, "april.xlsx")])
    assert session.draft.header.title == "My own title"
    assert [Path(d.path).name for d in session.draft.source_documents] == ["april.xlsx"]  # the sources still follow


def test_save_and_reopen_bring_back_the_draft_targets_and_files(tmp_path: Path) -> None:
    session = Session()
    data = month_file(tmp_path, "Mar-22", 20, "march.xlsx")
    session.open_files([data])
    session.edit(lambda draft: setattr(draft.header, "title", "Caseloads in March"))
    session.set_thresholds(default_thresholds().with_target("assessment", 20, 20))
    heard = Heard(session)
    path = tmp_path / "march.crproject"
    session.save(path)
    assert heard.changes == [frozenset({Change.STATE})] and not session.modified and session.project_path == path

    again = Session(default_thresholds())
    opened = again.open_project(path)
    assert again.draft.header.title == "Caseloads in March" and again.project_path == path and not again.modified
    assert opened.files == [data.resolve()] and not opened.sample
    assert again.thresholds.target("assessment") == (20, 20)
    assert "The caseload targets saved with the project are now in use." in opened.notes
    again.open_files(opened.files)
    assert again.draft.header.title == "Caseloads in March"  # the project's draft, not a starter


def test_a_moved_spreadsheet_is_named_when_the_project_opens(tmp_path: Path) -> None:
    session = Session()
    data = month_file(tmp_path, "Mar-22", 20, "march.xlsx")
    session.open_files([data])
    session.save(tmp_path / "p.crproject")
    data.unlink()
    opened = Session().open_project(tmp_path / "p.crproject")
    assert opened.files == [] and any("march.xlsx is no longer at" in n for n in opened.notes)


def test_the_autosave_comes_back_unsaved_and_without_a_project_file(tmp_path: Path) -> None:
    session = Session()
    session.open_files([month_file(tmp_path, "Mar-22", 20, "march.xlsx")])
    session.edit(lambda draft: setattr(draft.header, "title", "Half written"))
    snapshot = session.snapshot()
    restored = Session()
    restored.open_project(None, snapshot, restored=True)
    assert restored.draft.header.title == "Half written" and restored.modified and restored.project_path is None


def test_a_broken_project_file_is_one_sentence(tmp_path: Path) -> None:
    path = tmp_path / "broken.crproject"
    path.write_text("{not json", encoding="utf-8")
    with pytest.raises(ProjectError) as caught:
        Session().open_project(path)
    assert "\n" not in str(caught.value)
    with pytest.raises(ProjectError):
        load_project(tmp_path / "missing.crproject")


def test_saving_over_a_file_held_open_keeps_the_unsaved_state(tmp_path: Path, monkeypatch) -> None:
    session = Session()
    session.edit(lambda draft: setattr(draft.header, "title", "Draft"))
    path = tmp_path / "held.crproject"

    def refuse(target: Path, text: str) -> Path:
        raise TargetLocked(target)

    monkeypatch.setattr("caseload_reporter.reporting.project_file.write_text_atomically", refuse)
    with pytest.raises(TargetLocked):
        session.save(path)
    assert session.modified and session.project_path is None


def white_pixel(_spec: object, path: Path) -> Path:
    """A chart renderer with no Qt: a 1 x 1 white PNG, enough for the document to hold a picture."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0))
    body = chunk(b"IDAT", zlib.compress(b"\x00\xff\xff\xff"))
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + header + body + chunk(b"IEND", b""))
    return path


def test_the_session_builds_the_paper_from_what_it_holds(tmp_path: Path) -> None:
    """The report command and File > Export both build from a session: its draft over its data."""
    session = Session()
    session.open_files([write_openpyxl(shape_worker_long(), tmp_path / "workers.xlsx")])
    report = session.build_report(white_pixel)
    assert report.figures >= 1 and report.tables >= 1
    text = "\n".join(p.text for p in report.document.paragraphs)
    assert session.draft.header.title in text
