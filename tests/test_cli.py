"""The command line, run as analysts and automation run it: a real process, real files, exit codes and JSON."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from caseload_reporter.core.sample import sample_council
from published_files import INDICATORS, NEIGHBOURS


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "caseload_reporter", *args], capture_output=True, text=True, cwd=cwd, timeout=120
    )


def messy_csv(folder: Path) -> Path:
    path = folder / "march.csv"
    path.write_text(
        "Caseloads March 2022\nTeam,Social worker,FTE,Caseload\n"
        "Assessment Team 1,Worker A,1,21\nAssessment Team 1,Worker B,1,-2\nAssessment Team 1,Worker C,0.5,9\n",
        encoding="cp1252",
    )
    return path


def test_inspect_json_has_the_documented_shape_and_lists_every_rejected_row(tmp_path: Path) -> None:
    result = run("inspect", str(messy_csv(tmp_path)), "--json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    (entry,) = report["files"]
    assert {"path", "ok", "error", "sheets"} <= entry.keys() and entry["ok"] is True and entry["error"] is None
    (sheet,) = entry["sheets"]
    assert {"name", "layout", "header_rows", "mapping", "periods", "records", "rejected", "warnings"} <= sheet.keys()
    assert sheet["layout"] == "long" and sheet["header_rows"] == [2]
    assert sheet["periods"] == ["2022-03"]
    assert sheet["records"] == 2
    assert sheet["rejected"] == [{"row": 4, "column": "Caseload", "value": "-2", "reason": "caseload is negative"}]
    assert sheet["mapping"]["worker"] == "Social worker"


def test_weeks_are_iso_dates_in_the_json() -> None:
    result = run("inspect", str(sample_council().workbook), "--json")
    sheets = {s["name"]: s for s in json.loads(result.stdout)["files"][0]["sheets"]}
    assert sheets["Caseloads"]["periods"][0] == "2024-11-04"
    assert sheets["Service measures"]["periods"][0] == "2024-11"


def test_an_unreadable_file_exits_3_with_one_line_on_stderr(tmp_path: Path) -> None:
    bad = tmp_path / "broken.xlsx"
    bad.write_bytes(b"PK\x03\x04" + b"\x00" * 50)
    result = run("inspect", str(messy_csv(tmp_path)), str(bad), "--json")
    assert result.returncode == 3
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "broken.xlsx" in lines[0] and "Traceback" not in result.stderr
    files = json.loads(result.stdout)["files"]
    assert [f["ok"] for f in files] == [True, False] and "broken.xlsx" in files[1]["error"]


@pytest.mark.parametrize("args", [["inspect"], ["inspect", "--wat", "x.csv"], ["summary", "x.csv"]])
def test_usage_errors_exit_2(args: list[str]) -> None:
    assert run(*args).returncode == 2


def test_summary_json_by_team_for_one_month(tmp_path: Path) -> None:
    result = run("summary", str(messy_csv(tmp_path)), "--by", "team", "--period", "2022-03", "--json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["basis"] == "fte" and report["ceiling"] == 25
    (period,) = report["periods"]
    assert period["period"] == "2022-03"
    (team,) = period["groups"]
    assert team["name"] == "Assessment Team 1" and team["team_type"] == "assessment"
    assert (team["workers"], team["fte"], team["cases"]) == (2, 1.5, 30)
    assert team["average"] == 20.0 and team["target"] == [22, 22] and team["status"] == "green"
    assert period["total"]["cases"] == 30 and period["total"]["status"] is None


def test_summary_period_selects_the_weeks_in_a_month() -> None:
    result = run("summary", str(sample_council().workbook), "--by", "district", "--period", "2026-10", "--json")
    report = json.loads(result.stdout)
    assert [p["period"] for p in report["periods"]] == ["2026-10-05", "2026-10-12", "2026-10-19", "2026-10-26"]
    assert all(len(p["groups"]) == 5 and p["groups"][0]["status"] is None for p in report["periods"])


def test_summary_of_stated_team_figures_leaves_unknowns_null(tmp_path: Path) -> None:
    path = tmp_path / "averages.csv"
    path.write_text("Team,Average caseload Dec-21,Average caseload Mar-22\nAssessment Team 2,44,24\n")
    report = json.loads(run("summary", str(path), "--by", "team", "--json").stdout)
    first = report["periods"][0]["groups"][0]
    assert first["average"] == 44 and first["workers"] is None and first["fte"] is None


def test_a_bad_period_is_a_usage_error(tmp_path: Path) -> None:
    result = run("summary", str(messy_csv(tmp_path)), "--by", "team", "--period", "soon")
    assert result.returncode == 2 and "not a month" in result.stderr


def test_staffing_json_rebuilds_the_cabinet_reports_recommended_option(tmp_path: Path) -> None:
    path = tmp_path / "teams.csv"
    path.write_text(
        "Caseloads at Sep 2017\nTeam,Cases,FTE\nAssessment Team,420,20.5\nSafeguarding Team,396,16.0\n"
        "Children in Care Team,300,15.3\nLeaving Care Team,180,11.5\nDisabled Children's Team,232,7.12\n"
        "Adoption Team,130,8.68\nFostering Team,142,9.0\n"
    )
    result = run(
        "staffing",
        str(path),
        "--target",
        "18",
        "--target",
        "16",
        "--exclude",
        "adoption",
        "--exclude",
        "Fostering",
        "--cost-per-post",
        "41839",
        "--json",
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert set(report) == {"included", "excluded", "fte", "cases", "average", "uncounted_teams", "options"}
    assert report["uncounted_teams"] == []
    assert report["excluded"] == ["adoption", "fostering"] and "disabled_children" in report["included"]
    assert (report["fte"], report["cases"], report["average"]) == (70.42, 1528, 21.7)
    assert report["options"][0] == {"target": 18, "additional_fte": 14.47, "posts": 14, "cost": 585746}
    assert report["options"][1]["posts"] == 25 and report["options"][1]["cost"] == 1045975


def test_staffing_refuses_an_unknown_team_type(tmp_path: Path) -> None:
    result = run("staffing", str(messy_csv(tmp_path)), "--target", "18", "--exclude", "wizards")
    assert result.returncode == 2 and "not a team type" in result.stderr


def test_report_compares_the_council_named_with_council(tmp_path: Path) -> None:
    import docx

    from caseload_reporter.reporting.draft import Item
    from caseload_reporter.reporting.starter_drafts import sample_draft

    draft = sample_draft()
    draft.sections[0].items = [Item("chart.benchmark"), Item("table.benchmark", options={"year": 2018})]
    draft_path = tmp_path / "draft.json"
    draft_path.write_text(json.dumps(draft.to_json()), encoding="utf-8")
    out = tmp_path / "benchmarks.docx"
    statistics = [str(INDICATORS), str(NEIGHBOURS)]
    result = run(
        "report", "--sample", *statistics, "--council", "Barnsley", "--draft", str(draft_path), "--out", str(out)
    )
    assert result.returncode == 0, result.stderr
    assert not [line for line in result.stderr.splitlines() if "left out" in line and "benchmark" in line]
    table = next(t for t in docx.Document(str(out)).tables if t.rows[0].cells[0].text == "Measure")
    assert [c.text for c in table.rows[0].cells][:2] == ["Measure", "Barnsley"]
    assert table.rows[1].cells[-1].text == "4th highest of 15 in Yorkshire and The Humber"
    for args, says, status in [  # 3: the inputs cannot give it; 2: the command line is wrong
        (["--council", "Wenmoor", *statistics], "No council called or coded 'Wenmoor'", 3),
        ([str(sample_council().workbook)], "with --sample, the only files to add", 2),
    ]:
        refused = run("report", "--sample", *args, "--out", str(tmp_path / "no.docx"))
        assert refused.returncode == status and says in refused.stderr, refused.stderr
        assert refused.stderr.count("\n") == 1 and "Traceback" not in refused.stderr
    assert not (tmp_path / "no.docx").exists()


def test_files_may_come_before_between_or_after_the_options(tmp_path: Path) -> None:
    path = messy_csv(tmp_path)
    for args in (
        ["summary", str(path), "--by", "team", "--json"],
        ["summary", "--by", "team", str(path), "--json"],
        ["summary", "--by", "team", "--json", str(path)],
    ):
        result = run(*args)
        assert result.returncode == 0, (args, result.stderr)
        assert json.loads(result.stdout)["periods"], args


def test_staffing_without_fte_names_the_missing_input_and_exits_3(tmp_path: Path) -> None:
    path = tmp_path / "no fte.csv"
    path.write_text("Team,Cases,Month\nAssessment Team 1,110,Mar-22\n", encoding="utf-8")
    result = run("staffing", "--target", "18", str(path))
    assert result.returncode == 3 and result.stderr.count("\n") == 1, result.stderr
    assert "The data has no FTE" in result.stderr and "left out" not in result.stderr


def test_inspect_in_words_counts_with_thousands_and_says_row_or_rows() -> None:
    """The summary an officer reads: one number format (as on screen), 'header row 4', never 'row(s)'."""
    import re

    done = run("inspect", str(sample_council().workbook))
    assert done.returncode == 0, done.stderr
    assert "(s)" not in done.stdout and "[" not in done.stdout
    assert re.search(r"; header row \d+;", done.stdout)
    counts = re.findall(r"([\d,]+) rows? imported, ([\d,]+) rejected", done.stdout)
    assert counts and all(re.fullmatch(r"\d{1,3}(,\d{3})*", n) for pair in counts for n in pair)
    assert any(len(imported) > 4 for imported, _ in counts)  # the sample's 23 thousand rows, with a comma
