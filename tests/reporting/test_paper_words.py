"""The paper's words: dates, lists, ranks, the "From" line, source documents and text placed before its block.

Each rule is tested on its own and then in a real export: a team-level workbook of quarter-end
snapshots (written by openpyxl and by xlsxwriter, read by the importer) goes through
``caseload-reporter report`` and the Word file is read back with python-docx.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import docx
import pytest

from caseload_reporter.cli import main
from caseload_reporter.core.words import join_and, officer_lines, rank, sentence_start
from caseload_reporter.reading.values import Period
from caseload_reporter.reporting.blocks import BLOCK_KINDS
from caseload_reporter.reporting.draft import ReportDraft, SourceDocument
from caseload_reporter.reporting.privacy import UNTYPED_LOCATION
from caseload_reporter.reporting.starter_drafts import sample_draft, starter_draft
from generators.import_fixtures import SheetSpec, WorkbookSpec, write_openpyxl, write_xlsxwriter

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

# -- each rule on its own ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("period", "phrase", "when"),
    [
        (Period(dt.date(2017, 9, 30), "day"), "30 September 2017", "at 30 September 2017"),
        (
            Period(dt.date(2022, 3, 7), "week"),
            "the week commencing 7 March 2022",
            "in the week commencing 7 March 2022",
        ),
        (Period(dt.date(2022, 3, 1), "month"), "March 2022", "in March 2022"),
        (Period(dt.date(2022, 1, 1), "quarter"), "Q4 2021/22", "in Q4 2021/22"),
        (Period(dt.date(2025, 1, 1), "year"), "2025", "in 2025"),
    ],
)
def test_a_date_takes_the_word_english_puts_before_it(period: Period, phrase: str, when: str) -> None:
    assert period.phrase() == phrase  # after 'from', 'to' and 'for'
    assert period.when() == when
    assert sentence_start(period.when()) == when[0].upper() + when[1:]


@pytest.mark.parametrize(
    ("items", "text"),
    [
        ([], ""),
        (["assessment"], "assessment"),
        (["assessment", "children in care"], "assessment and children in care"),
        (["assessment", "children in care", "leaving care"], "assessment, children in care and leaving care"),
        (["a", "b", "c", "d"], "a, b, c and d"),
    ],
)
def test_lists_are_joined_with_and(items: list[str], text: str) -> None:
    assert join_and(items) == text


@pytest.mark.parametrize(
    ("position", "of", "tied", "way", "text"),
    [
        (1, 15, False, "highest", "the highest of 15"),
        (2, 15, False, "highest", "2nd highest of 15"),
        (3, 15, False, "highest", "3rd highest of 15"),
        (11, 15, False, "highest", "11th highest of 15"),
        (12, 15, False, "highest", "12th highest of 15"),
        (13, 15, False, "highest", "13th highest of 15"),
        (21, 24, False, "highest", "21st highest of 24"),
        (15, 15, False, "highest", "the lowest of 15"),
        (1, 15, True, "highest", "joint highest of 15"),
        (3, 15, True, "highest", "joint 3rd highest of 15"),
        (1, 9, False, "lowest", "the lowest of 9"),
        (2, 9, False, "lowest", "2nd lowest of 9"),
        (1, 1, False, "highest", "the only one with a figure"),
    ],
)
def test_ranks_read_as_a_sentence_says_them(position: int, of: int, tied: bool, way: str, text: str) -> None:
    assert rank(position, of, way=way, tied=tied) == text
    assert rank(position, of, way=way, tied=tied, where="London") == f"{text} in London"


@pytest.mark.parametrize(
    ("names", "posts", "lines"),
    [
        (
            "Lou Williams",
            "Service Director, Children and Safeguarding",
            ["Lou Williams, Service Director, Children and Safeguarding"],
        ),
        ("Director of Children's Services", "", ["Director of Children's Services"]),
        (
            "Director of Children's Services",
            "Head of Safeguarding",
            ["Director of Children's Services", "Head of Safeguarding"],
        ),
        (
            "Lou Williams\nSam Patel",
            "Service Director\nHead of Service",
            ["Lou Williams, Service Director", "Sam Patel, Head of Service"],
        ),
        ("Lou Williams; Sam Patel", "", ["Lou Williams", "Sam Patel"]),
        ("", "", []),
    ],
)
def test_each_officer_in_from_has_a_line(names: str, posts: str, lines: list[str]) -> None:
    assert officer_lines(names, posts) == lines


# -- in a real export ----------------------------------------------------------------------------------

SNAPSHOTS = (dt.date(2017, 6, 30), dt.date(2017, 9, 30))


def snapshot_book() -> WorkbookSpec:
    """Two teams' cases and FTE at two quarter ends, as a council's return is kept."""
    rows: list[list[object]] = [["Caseloads at each quarter end"], [], ["Date", "Team", "Team type", "Cases", "FTE"]]
    for number, date in enumerate(SNAPSHOTS):
        rows.append([date, "North Assessment Team", "Assessment", 120 + 6 * number, 6.0])
        rows.append([date, "South Children's Team", "Children's", 90 + 4 * number, 5.0])
    return WorkbookSpec("quarter_ends", [SheetSpec("Caseloads", rows)])


def paragraphs(path: Path) -> list[str]:
    return [p.text for p in docx.Document(str(path)).paragraphs]


def table_rows(path: Path, caption: str) -> list[list[str]]:
    document = docx.Document(str(path))
    texts = [p.text for p in document.paragraphs]
    assert any(t.startswith("Table") and caption in t for t in texts), texts
    for table in document.tables:
        rows = [[c.text for c in row.cells] for row in table.rows]
        if rows and rows[0] == ["Source documents", "Location"]:
            return rows
    raise AssertionError("no source documents table")


@pytest.mark.parametrize("writer", [write_openpyxl, write_xlsxwriter])
def test_a_paper_from_quarter_end_snapshots_says_at_not_in(writer, tmp_path: Path, capsys) -> None:
    book = writer(snapshot_book(), tmp_path / "quarter_ends.xlsx")
    out = tmp_path / "paper.docx"
    assert main(["report", str(book), "--out", str(out), "--allow-incomplete"]) == 0
    text = "\n".join(paragraphs(out))
    assert "At 30 September 2017, both teams were within the target for their team type." in text
    assert "from 19.1 at 30 June 2017 to 20.0 at 30 September 2017" in text  # 210 / 11 and 220 / 11 FTE
    assert not re.search(r"\b[Ii]n \d{1,2} \w+ \d{4}", text)  # never "In 30 September 2017"
    assert "update to 30 September 2017" in text  # the title: a plain date after "to"


def test_the_source_documents_give_the_file_name_and_a_chosen_location(tmp_path: Path, capsys) -> None:
    folder = tmp_path / "officer's own folder"
    folder.mkdir()
    book = write_openpyxl(snapshot_book(), folder / "quarter_ends.xlsx")
    out = tmp_path / "paper.docx"
    assert main(["report", str(book), "--out", str(out), "--allow-incomplete"]) == 0
    rows = table_rows(out, "Source documents")
    assert rows[1:] == [["quarter_ends.xlsx", UNTYPED_LOCATION]]
    assert not any(str(folder) in t or str(tmp_path) in t for t in paragraphs(out))
    where = "Children's Services shared drive, caseload returns"
    assert main(["report", str(book), "--source-location", where, "--out", str(out), "--allow-incomplete"]) == 0
    assert table_rows(out, "Source documents")[1:] == [["quarter_ends.xlsx", where]]


def test_an_old_draft_with_the_folder_filled_in_prints_no_path_and_a_typed_path_is_warned(
    tmp_path: Path, capsys
) -> None:
    book = write_openpyxl(snapshot_book(), tmp_path / "quarter_ends.xlsx")
    draft = starter_draft("committee_update")
    draft.recommendations = ["To note the report."]
    # As earlier versions saved it: the location filled in with the folder the file was opened from.
    draft.source_documents = [SourceDocument("quarter_ends.xlsx", str(tmp_path), str(book))]
    project = tmp_path / "old_draft.json"
    project.write_text(json.dumps(draft.to_json()), encoding="utf-8")
    out = tmp_path / "paper.docx"
    assert main(["report", str(book), "--draft", str(project), "--out", str(out), "--allow-incomplete"]) == 0
    assert table_rows(out, "Source documents")[1:] == [["quarter_ends.xlsx", UNTYPED_LOCATION]]
    assert "folder path" not in capsys.readouterr().err
    typed = ReportDraft.from_json(draft.to_json())
    typed.source_documents = [SourceDocument("quarter_ends.xlsx", r"S:\Childrens\Returns", str(book))]
    project.write_text(json.dumps(typed.to_json()), encoding="utf-8")
    assert main(["report", str(book), "--draft", str(project), "--out", str(out), "--allow-incomplete"]) == 0
    assert table_rows(out, "Source documents")[1:] == [["quarter_ends.xlsx", r"S:\Childrens\Returns"]]
    assert "is a folder path on a computer" in capsys.readouterr().err


def test_several_officers_in_from_are_printed_one_a_line(tmp_path: Path) -> None:
    from caseload_reporter.analysis.thresholds import default_thresholds
    from caseload_reporter.reading.dataset import Dataset
    from caseload_reporter.reading.importer import import_files
    from caseload_reporter.reporting.docx_export import build_report
    from caseload_reporter.ui.chart_images import render_png

    book = write_xlsxwriter(snapshot_book(), tmp_path / "quarter_ends.xlsx")
    dataset = Dataset().add_results(import_files([book]), decide=lambda *_: True)
    draft = starter_draft("committee_update", dataset)
    draft.header.from_name = "Director of Children's Services"
    draft.header.from_role = "Head of Safeguarding"
    report = build_report(draft, dataset, default_thresholds(), render_chart=render_png)
    line = next(p for p in report.document.paragraphs if p.text.startswith("From: "))
    assert line.text == "From: Director of Children's Services\nHead of Safeguarding"  # python-docx: a break is \n
    assert len(line._p.findall(f".//{W}br")) == 1


# -- text placed before the block it describes ----------------------------------------------------------

_STOP = {"by", "the", "of", "and", "a", "in", "your", "against"}


def _stem(word: str) -> str:
    word = word.lower().removesuffix("'s")
    return word[:-1] if word.endswith("s") and not word.endswith("ss") else word


def test_text_that_points_below_describes_the_blocks_after_it() -> None:
    """A paragraph that says "the chart below" (or table) is followed by that chart, and its words name what
    the chart shows: never 'each district's total cases' above a chart of averages by team type."""
    checked = 0
    for section in sample_draft().sections:
        items = section.items
        for index, item in enumerate(items):
            if item.kind != "paragraph" or " below" not in item.text:
                continue
            following = []
            for after in items[index + 1 :]:
                if not after.is_block:
                    break
                following.append(after)
            said = {_stem(w) for w in re.findall(r"[\w']+", item.text)}
            for category in ("chart", "table"):
                if category in said:
                    assert any(b.kind.startswith(f"{category}.") for b in following), (item.text, following)
            for block in following:
                label = BLOCK_KINDS[block.kind].label.split(":", 1)[1]
                wanted = {_stem(w) for w in re.findall(r"[\w']+", label)} - _STOP
                assert wanted <= said, (block.kind, wanted - said, item.text)
                checked += 1
    assert checked >= 4  # the sample has such paragraphs in two sections
