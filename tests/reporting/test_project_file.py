"""Project files: the draft and where its data came from, as JSON, reopened exactly."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from caseload_reporter.reporting.draft import ReportDraft
from caseload_reporter.reporting.project_file import DataSource, Project, ProjectError, load_project, save_project


def test_project_round_trip_restores_the_draft_and_its_sources(tmp_path: Path, sample_workbook: Path) -> None:
    draft = ReportDraft()
    draft.header.title = "Caseloads"
    draft.recommendations = ["To note."]
    project = Project(draft, [DataSource.of(sample_workbook)], sample=True, thresholds={"basis": "fte"})
    path = save_project(tmp_path / "paper.crproject", project)
    again = load_project(path)
    assert again.draft.to_json() == draft.to_json()
    assert again.sources == project.sources and again.sample and again.thresholds == {"basis": "fte"}
    assert again.source_problems() == []
    text = path.read_text(encoding="utf-8")
    assert json.loads(text)["format"] == "caseload-reporter-project"  # JSON, readable, never pickle


def test_a_moved_or_changed_data_file_is_named(tmp_path: Path) -> None:
    data = tmp_path / "caseloads.csv"
    data.write_text("Team,Caseload\nA,12\n", encoding="utf-8")
    source = DataSource.of(data)
    data.write_text("Team,Caseload\nA,13\n", encoding="utf-8")
    assert "has changed since" in (source.problem() or "")
    data.unlink()
    assert "is no longer at" in (source.problem() or "")


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"\x80\x04\x95pickle", "is not a Caseload Reporter project file."),
        (b'{"format": "something-else"}', "is not a Caseload Reporter project file."),
        (b'{"format": "caseload-reporter-project", "version": 99, "draft": {}}', "newer version"),
        (b'{"format": "caseload-reporter-project", "version": 1, "draft": []}', "not in the expected form"),
        (b'{"format": "caseload-reporter-project", "version": 1, "draft": {}, "data": {"files": [{}]}}', "damaged"),
    ],
)
def test_a_bad_project_file_gets_one_sentence(tmp_path: Path, content: bytes, expected: str) -> None:
    path = tmp_path / "bad.crproject"
    path.write_bytes(content)
    with pytest.raises(ProjectError) as caught:
        load_project(path)
    assert expected in str(caught.value) and "\n" not in str(caught.value)


def test_an_interrupted_save_leaves_the_previous_project_whole(tmp_path: Path) -> None:
    path = tmp_path / "paper.crproject"
    save_project(path, Project(ReportDraft()))
    before = path.read_bytes()

    class Unsaveable(ReportDraft):
        def to_json(self) -> dict:
            raise RuntimeError("disk full")

    with pytest.raises(RuntimeError):
        save_project(path, Project(Unsaveable()))
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["paper.crproject"]  # no temporary file left behind
