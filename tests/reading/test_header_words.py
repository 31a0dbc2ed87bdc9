"""Column headers read as officers write them: the corpus, word-order and spelling properties, and
the team-level sheet that lost its FTE column.

The corpus (header_corpus.json) holds real-world wordings with the field each means, or null for a
header that means no field; every one must be read right (tests/benchmarks/bench_headers.py prints
precision and recall on it, beside the previous matcher's).
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import openpyxl
import pytest
import xlsxwriter
from hypothesis import given
from hypothesis import strategies as st

from caseload_reporter.reading.fields import (
    CASELOAD_FIELDS,
    EXTRA_FIELDS,
    FIELD_CONTENT,
    FIELD_LABELS,
    describe_non_field,
    match_field,
    rank_fields,
)
from caseload_reporter.reading.header_rules import NON_FIELDS, RULES
from caseload_reporter.reading.importer import import_file

CORPUS = json.loads((Path(__file__).with_name("header_corpus.json")).read_text(encoding="utf-8"))
ENTRIES = CORPUS["headers"]
WITH_FIELD = [e for e in ENTRIES if e["field"]]
WITHOUT_FIELD = [e for e in ENTRIES if not e["field"]]


def test_the_corpus_is_large_enough_and_sourced() -> None:
    assert len(WITH_FIELD) >= 150 and len(WITHOUT_FIELD) >= 50
    headers = [e["header"] for e in ENTRIES]
    assert len(headers) == len(set(headers)), "a wording is listed twice"
    for entry in ENTRIES:
        assert entry["source"] in CORPUS["sources"], entry
        assert entry["field"] is None or entry["field"] in FIELD_LABELS, entry
    # Every field the importer knows has wordings in the corpus.
    assert {e["field"] for e in WITH_FIELD} == set(CASELOAD_FIELDS) | set(EXTRA_FIELDS)


@pytest.mark.parametrize("entry", ENTRIES, ids=[e["header"] for e in ENTRIES])
def test_every_corpus_wording_is_read_right(entry: dict) -> None:
    header, expected = entry["header"], entry["field"]
    found = match_field(header)
    assert (found.field if found else None) == expected
    ranked = rank_fields(header)
    assert (ranked[0] if ranked else None) == found
    if "ranked" in entry:
        assert set(entry["ranked"]) <= {m.field for m in ranked}, ranked
    if "certain" in entry:
        assert found is not None and (found.confidence == 1.0) == entry["certain"], found
    if expected is None:
        assert ranked == []
        if "describe" in entry:
            assert bool(describe_non_field(header)) == entry["describe"], describe_non_field(header)
    else:
        assert describe_non_field(header) is None


def test_the_issue_wordings_are_certain() -> None:
    """What the new user wrote, and the ambiguity the importer must leave to the column's content."""
    for header, field in [
        ("FTE social workers", "fte"),
        ("Social worker FTE", "fte"),
        ("No. of SWs (FTE)", "fte"),
        ("Team group", "team_type"),
        ("Allocated cases", "caseload"),
        ("Snapshot date", "period"),
        ("Average caseload", "average"),
    ]:
        assert match_field(header) == match_field(header.upper()) is not None
        assert (match_field(header).field, match_field(header).confidence) == (field, 1.0), header
    assert [m.field for m in rank_fields("Social workers")] == ["worker", "workers"]
    assert match_field("Social workers").confidence < 1.0  # names or a head count: the content decides
    assert [m.field for m in rank_fields("Units")][:2] == ["units", "team"]
    assert match_field("Unit").field == "team"


def test_non_fields_are_described_for_the_officer() -> None:
    assert describe_non_field("Target caseload") == "a target (targets are set in Settings > Caseload targets)"
    assert describe_non_field("RAG") == "a RAG rating"
    assert describe_non_field("Team manager") == "a manager's name"
    assert describe_non_field("Comments") == "notes"
    assert describe_non_field("Caseload") is None and describe_non_field("Kittens") is None


def test_every_rule_names_a_field_or_a_described_non_field() -> None:
    for rule in RULES:
        assert rule.field in FIELD_LABELS or rule.field in NON_FIELDS, rule
    assert set(FIELD_CONTENT) == set(CASELOAD_FIELDS) | set(EXTRA_FIELDS)
    assert set(FIELD_CONTENT.values()) == {"text", "number", "period", "flag", "range"}


# --- properties ---------------------------------------------------------------------------------

# Asides that say nothing about what the column is.
NEUTRAL_NOTES = ("(see notes)", "(excluding students)", "(1)", "(anonymised)", "*", "(as at month end)", ":")


@st.composite
def respelt(draw: st.DrawFn, header: str) -> str:
    """The same header as another officer might type it: case, spacing, stray punctuation."""
    text = draw(st.sampled_from([header, header.upper(), header.lower(), header.title()]))
    text = draw(st.sampled_from(["", " ", "  "])) + text + draw(st.sampled_from(["", " ", "\u00a0"]))
    return text.replace(" ", draw(st.sampled_from([" ", "  ", "\n"])), draw(st.integers(0, 1)))


@given(st.data())
def test_case_and_spacing_do_not_change_the_reading(data: st.DataObject) -> None:
    entry = data.draw(st.sampled_from(ENTRIES))
    text = data.draw(respelt(entry["header"]))
    assert match_field(text) == match_field(entry["header"])
    assert describe_non_field(text) == describe_non_field(entry["header"])


@given(st.data())
def test_a_neutral_note_does_not_change_the_field(data: st.DataObject) -> None:
    entry = data.draw(st.sampled_from(WITH_FIELD))
    note = data.draw(st.sampled_from(NEUTRAL_NOTES))
    found = match_field(f"{entry['header']} {note}")
    assert found is not None and found.field == entry["field"], (entry, note)


SUBJECTS = ("social workers", "SWs", "practitioners", "case holders", "social worker", "case-holding staff")
FTE_WORDS = ("FTE", "WTE", "full time equivalent", "F.T.E.")


@given(st.sampled_from(SUBJECTS), st.sampled_from(FTE_WORDS), st.integers(0, 4))
def test_fte_of_social_workers_in_any_word_order(subject: str, fte: str, order: int) -> None:
    header = [
        f"{fte} {subject}",
        f"{subject} {fte}",
        f"{subject} ({fte})",
        f"No. of {subject} ({fte})",
        f"{fte} of {subject}",
    ][order]
    found = match_field(header)
    assert found is not None and (found.field, found.confidence) == ("fte", 1.0), header


@given(
    st.sampled_from(("Average", "Avg", "Mean", "Av.")),
    st.sampled_from(("caseload", "cases", "no. of cases", "number of children")),
    st.sampled_from(("", " per FTE", " per social worker", " (per FTE)", " per SW")),
    st.booleans(),
)
def test_an_average_in_any_word_order(average: str, cases: str, per: str, after: bool) -> None:
    header = f"{cases.capitalize()}{per} ({average.lower()})" if after else f"{average} {cases}{per}"
    found = match_field(header)
    assert found is not None and found.field == "average", header


@given(
    st.sampled_from(("Workers", "SWs", "Social workers", "Practitioners", "No. of workers", "Staff")),
    st.sampled_from(("over", "above", "with more than", ">", "exceeding", "with a caseload over")),
    st.sampled_from(("25", "20", "30")),
    st.sampled_from(("", " cases", " children")),
)
def test_workers_over_a_ceiling_in_any_wording(workers: str, over: str, limit: str, unit: str) -> None:
    found = match_field(f"{workers} {over} {limit}{unit}")
    assert found is not None and found.field == "workers_over"


CHANGING_WORDS = ("target", "RAG", "variance", "%", "notes", "comments", "change", "vacant", "unallocated")


@given(
    st.sampled_from(("Caseload", "Cases", "FTE", "Team", "Average caseload")),
    st.sampled_from(CHANGING_WORDS),
    st.booleans(),
)
def test_a_word_that_changes_the_column_wins_in_either_place(field_words: str, word: str, before: bool) -> None:
    header = f"{word} {field_words}" if before else f"{field_words} {word}"
    assert match_field(header) is None and describe_non_field(header), header


@given(st.text(max_size=60))
def test_any_text_gives_a_sound_answer(text: str) -> None:
    ranked = rank_fields(text)
    assert all(m.field in FIELD_LABELS and 0.0 < m.confidence <= 1.0 for m in ranked)
    assert [m.confidence for m in ranked] == sorted((m.confidence for m in ranked), reverse=True)
    assert match_field(text) == (ranked[0] if ranked else None)
    assert not (ranked and describe_non_field(text))


def test_the_benchmark_command_prints_the_figures(capsys: pytest.CaptureFixture[str]) -> None:
    from benchmarks.bench_headers import main

    assert main(["--wrong"]) == 0
    printed = capsys.readouterr().out
    assert "overall precision            now 100.0%" in printed
    assert "overall recall               now 100.0%" in printed
    assert "Read wrong now:\n\nRead wrong before:" in printed  # nothing listed under 'now'


# --- end to end ----------------------------------------------------------------------------------

TEAM_HEADER = ["Team group", "Team", "FTE social workers", "Allocated cases", "Snapshot date"]
TEAM_ROWS = [
    ["Safeguarding", "Assessment Team 1", 5.5, 121, dt.datetime(2022, 3, 31)],
    ["Safeguarding", "Child Protection Team", 6.0, 102, dt.datetime(2022, 3, 31)],
    ["Children in care", "Children in Care Team", 4.6, 80, dt.datetime(2022, 3, 31)],
]


@pytest.mark.parametrize("writer", ["openpyxl", "xlsxwriter"])
def test_a_team_level_sheet_keeps_its_fte_column(tmp_path: Path, writer: str) -> None:
    """The new user's sheet: 'FTE social workers' was not used, so every per-FTE average vanished."""
    path = tmp_path / f"teams-{writer}.xlsx"
    if writer == "openpyxl":
        book = openpyxl.Workbook()
        for row in [TEAM_HEADER, *TEAM_ROWS]:
            book.active.append(row)
        book.save(path)
    else:
        with xlsxwriter.Workbook(path) as book:
            sheet = book.add_worksheet()
            dates = book.add_format({"num_format": "dd/mm/yyyy"})
            for r, row in enumerate([TEAM_HEADER, *TEAM_ROWS]):
                for c, value in enumerate(row):
                    sheet.write_datetime(r, c, value, dates) if isinstance(value, dt.datetime) else sheet.write(
                        r, c, value
                    )
    (sheet,) = import_file(path, today=dt.date(2023, 1, 1)).sheets
    assert sheet.mapping == dict(zip(["team_type", "team", "fte", "caseload", "period"], TEAM_HEADER, strict=True))
    assert not sheet.doubts
    records = sheet.records.sort_values("team")
    assert records["fte"].tolist() == [5.5, 6.0, 4.6]
    assert records["caseload"].tolist() == [121.0, 102.0, 80.0]
