"""The officer's corrections: mapping, header row, layout and team types, and remembering them per source."""

from __future__ import annotations

import json
from pathlib import Path

from caseload_reporter.reading.choices import ChoiceMemory, SheetChoice
from caseload_reporter.reading.importer import import_file


def unusual_file(folder: Path, month: str, name: str = "team sheet.csv") -> Path:
    """Headings the importer can only guess at: 'Cases on books (allocated)' (an unknown word) and 'Our unit'."""
    path = folder / name
    lines = [
        f"Allocations {month}",
        "Our unit,Staff,Cases on books (allocated),Weekly hours",
        "Hub North,Worker A,21,37",
        "Hub North,Worker B,12,18.5",
        "Ely Young People,Worker C,17,37",
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_the_importer_says_when_it_is_unsure(tmp_path: Path) -> None:
    result = import_file(unusual_file(tmp_path, "Mar 2022"))
    (sheet,) = result.sheets
    assert result.unsure
    assert "'Cases on books (allocated)' was taken to be caseload" in sheet.doubts
    assert "'Our unit' was taken to be team" in sheet.doubts
    assert "worker" not in sheet.mapping  # 'Staff' is too vague to take without asking


def test_a_choice_corrects_mapping_and_team_types(tmp_path: Path) -> None:
    choice = SheetChoice(
        mapping={"team": "Our unit", "worker": "Staff", "caseload": "Cases on books (allocated)"},
        layout="long",
        team_types={"Hub North": "assessment"},
    )
    path = unusual_file(tmp_path, "Mar 2022")
    result = import_file(path, choices={path.stem: choice})
    (sheet,) = result.sheets
    assert not sheet.unsure and sheet.choice == choice
    records = sheet.records.sort_values("worker")
    assert records["team"].tolist() == ["Hub North", "Hub North", "Ely Young People"]
    assert records["team_type"].tolist() == ["assessment", "assessment", "adolescent"]
    assert records["caseload"].tolist() == [21.0, 12.0, 17.0]
    assert sheet.mapping["caseload"] == "Cases on books (allocated)"


def test_a_header_row_chosen_by_hand_is_used(tmp_path: Path) -> None:
    path = tmp_path / "odd.csv"
    path.write_text(
        "Team,Social worker,Caseload\nnot,the,header\nMonth,Team,Social worker,Caseload\nMar-22,A Team,W,3\n"
    )
    result = import_file(path, choices={"odd": SheetChoice(header_row=3)})
    (sheet,) = result.sheets
    assert sheet.header_rows == [3]
    assert sheet.records["worker"].tolist() == ["W"]


def test_a_sheet_left_out_imports_nothing(tmp_path: Path) -> None:
    path = unusual_file(tmp_path, "Mar 2022")
    result = import_file(path, choices={path.stem: SheetChoice(include=False)})
    assert result.sheets[0].layout == "excluded" and result.imported_count() == 0


def test_a_confirmed_mapping_is_remembered_for_next_months_file(tmp_path: Path) -> None:
    memory_path = tmp_path / "data" / "mappings.json"
    march = unusual_file(tmp_path, "Mar 2022", "march.csv")
    first = import_file(march, choices={"march": SheetChoice(mapping={"team": "Our unit", "worker": "Staff"})})
    memory = ChoiceMemory(memory_path)
    memory.remember(first.sheets[0].signature, first.sheets[0].choice, example=str(march))
    assert json.loads(memory_path.read_text())["version"] == ChoiceMemory.VERSION

    # Next month: a new file, a new period, the same layout; a fresh memory object reads the file.
    april = unusual_file(tmp_path, "Apr 2022", "april.csv")
    second = import_file(april, memory=ChoiceMemory(memory_path))
    (sheet,) = second.sheets
    assert sheet.signature == first.sheets[0].signature
    assert sheet.remembered and not second.unsure
    assert set(sheet.records["team"]) == {"Hub North", "Ely Young People"}
    assert [p.iso() for p in sheet.periods()] == ["2022-04"]


def test_a_damaged_memory_file_is_set_aside_not_fatal(tmp_path: Path) -> None:
    memory_path = tmp_path / "mappings.json"
    memory_path.write_text("{ not json")
    memory = ChoiceMemory(memory_path)
    assert len(memory) == 0
    memory.remember("abc", SheetChoice(layout="long"), example="x.csv")
    assert ChoiceMemory(memory_path).lookup("abc") == SheetChoice(layout="long")
