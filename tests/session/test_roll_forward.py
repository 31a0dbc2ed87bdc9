"""Next quarter's paper from this one: structure and words kept, figures worked out anew, what changed listed.

A project written on two quarters' worker files is rolled forward with the next quarter's file, through
the session (as File > New paper from this one does) and through ``report --draft LAST NEW``.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from caseload_reporter.reading.importer import import_files
from caseload_reporter.reporting.draft import Item, Section
from caseload_reporter.reporting.roll_forward import RollForwardError
from caseload_reporter.session.session import Change, Session
from generators.council_shapes import write_openpyxl, write_xlsxwriter


def quarter(folder: Path, month: str, assessment: int, writer=write_openpyxl) -> Path:
    grid = [["Team", "Social worker", "FTE", "Caseload", "Month"]]
    grid += [
        ["Assessment Team 1", "Ann", 1.0, assessment, month],
        ["Assessment Team 1", "Bob", 1.0, assessment + 4, month],
        ["Children in Care Team", "Cat", 1.0, 15, month],
        ["Children in Care Team", "Dan", 0.8, 17, month],
    ]
    return writer(grid, folder / f"{month}.xlsx")


@pytest.fixture
def march_paper(tmp_path: Path) -> Path:
    """The March paper as the officer left it: their own words, a section of their own, a date, saved."""
    session = Session()
    session.open_files([quarter(tmp_path, "Dec-21", 24), quarter(tmp_path, "Mar-22", 20)])

    def write(draft) -> None:
        draft.header.meeting_date = "2022-04-20"
        draft.key_issues.append("At 31 March 2022 the teams held fewer cases than in December.")
        draft.sections.append(Section("Workforce", items=[Item("paragraph", "Two posts were filled in March 2022.")]))
        draft.sections[-1].items.append(Item("sentence.average_change", options={"second": "2022-03"}))

    session.edit(write)
    path = tmp_path / "march.crproject"
    session.save(path)
    return path


def opened(path: Path) -> Session:
    session = Session()
    project = session.open_project(path)
    session.open_files(project.files)
    return session


def test_the_next_paper_keeps_the_words_and_moves_the_figures_on(march_paper: Path, tmp_path: Path) -> None:
    session = opened(march_paper)
    before = session.draft
    heard: list[frozenset[Change]] = []
    session.subscribe(heard.append)
    paper = session.roll_forward(import_files([quarter(tmp_path, "Jun-22", 27, write_xlsxwriter)]))

    draft = session.draft
    assert (paper.previous.iso(), paper.latest.iso()) == ("2022-03", "2022-06")
    assert [s.title for s in draft.sections] == [s.title for s in before.sections]  # the structure kept
    assert draft.header.title.endswith("update to June 2022")
    assert draft.key_issues == ["At 30 June 2022 the teams held fewer cases than in December."]
    assert draft.sections[-1].items[0].text == "Two posts were filled in June 2022."
    assert draft.header.meeting_date == "2022-07-20"
    # A block fixed on March now reports June, and "since the last report" starts at March.
    change = draft.sections[-1].items[1]
    assert change.options == {"second": "2022-06", "first": "2022-03"}
    assert session.modified and session.project_path is None  # a new paper, not saved over the old one
    assert Change.DATA in set().union(*heard) and len(session.dataset.periods()) == 3

    kinds = paper.by_kind()
    assert {c.where for c in kinds["words"]} >= {"Header: Title", "Key issues", 'Section 4 "Workforce"'}
    moved = {c.after for c in kinds["figures"]}
    assert "The average caseload per FTE has increased from 20.0 in March 2022 to 23.7 in June 2022." in moved
    teams = next(c for c in kinds["figures"] if c.before.startswith("Teams against"))
    assert "Assessment Team 1, Average caseload per FTE: 22.0 → 29.0" in teams.after
    assert paper.summary_lines()[0] == "Rolled forward from March 2022 to June 2022."


def test_a_sentence_the_new_data_cannot_support_is_listed(march_paper: Path, tmp_path: Path) -> None:
    session = opened(march_paper)
    # The new quarter's file gives team cases with no FTE: per-FTE sentences can no longer be said.
    grid = [["Team", "Cases", "Month"], ["Assessment Team 1", 60, "Jun-22"], ["Children in Care Team", 30, "Jun-22"]]
    paper = session.roll_forward(import_files([write_openpyxl(grid, tmp_path / "june teams.xlsx")]))
    lost = paper.by_kind()["unsupported"]
    assert lost and all("The data has no FTE" in c.after for c in lost)
    assert any("England average" in c.before for c in lost)


def test_files_that_reach_no_later_period_change_nothing(march_paper: Path, tmp_path: Path) -> None:
    session = opened(march_paper)
    draft, data = session.draft, session.dataset
    with pytest.raises(RollForwardError, match="not after March 2022"):
        session.roll_forward(import_files([quarter(tmp_path, "Feb-22", 21)]))
    assert session.draft is draft and session.dataset is data


def test_the_project_period_carries_the_paper_when_its_spreadsheets_are_gone(march_paper: Path, tmp_path: Path) -> None:
    for name in ("Dec-21.xlsx", "Mar-22.xlsx"):
        (tmp_path / name).unlink()
    session = Session()
    project = session.open_project(march_paper)
    assert project.files == [] and session.reported_period.iso() == "2022-03"
    paper = session.roll_forward(import_files([quarter(tmp_path, "Jun-22", 27)]))
    assert paper.previous.iso() == "2022-03" and session.draft.header.title.endswith("June 2022")


def test_report_draft_last_new_rolls_the_paper_forward(march_paper: Path, tmp_path: Path) -> None:
    june = quarter(tmp_path, "Jun-22", 27)
    out = tmp_path / "june.docx"
    run = subprocess.run(
        [sys.executable, "-m", "caseload_reporter", "report", "--draft", str(march_paper), str(june), "--out", str(out),
         "--allow-incomplete"],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr
    assert run.stdout.startswith("Rolled forward from March 2022 to June 2022.")
    assert "Figures that moved" in run.stdout and "20 July 2022" in run.stdout
    import docx

    text = "\n".join(p.text for p in docx.Document(str(out)).paragraphs)
    assert "update to June 2022" in text and "Two posts were filled in June 2022." in text
