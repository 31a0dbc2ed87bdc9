"""The report command as automation runs it, LibreOffice's reading of the export, and the speed target."""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from pathlib import Path

import docx
import pytest

from benchmarks.bench_report import export_once
from caseload_reporter.reading.dataset import Dataset
from caseload_reporter.reading.importer import import_files


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "caseload_reporter", *args], capture_output=True, text=True, timeout=180
    )


@pytest.fixture(scope="module")
def sample_report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("cli") / "sample.docx"
    result = run("report", "--sample", "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert "Wrote" in result.stdout and "figures" in result.stdout
    return out


def test_report_for_the_sample_council_exits_0_and_passes_its_own_check(sample_report: Path) -> None:
    document = docx.Document(str(sample_report))
    assert document.core_properties.title and len(document.inline_shapes) >= 1
    checked = run("check", str(sample_report))
    assert checked.returncode == 0 and checked.stdout.strip().endswith("No problems found")


def test_an_incomplete_paper_is_written_as_a_draft_and_exits_1(sample_workbook: Path, tmp_path: Path) -> None:
    from caseload_reporter.reporting.project_file import Project, save_project
    from caseload_reporter.reporting.starter_drafts import starter_draft

    draft = starter_draft("scrutiny_update")  # no data, no profile: no committee, date, contact or key issues
    draft.header.title = "Scrutiny: caseloads [quarter]"
    project = save_project(tmp_path / "paper.crproject", Project(draft))
    out = tmp_path / "scrutiny.docx"
    result = run("report", str(sample_workbook), "--draft", str(project), "--out", str(out))
    assert result.returncode == 1 and out.exists(), result.stderr
    for says in ("error: Header: Date:", "error: Officer contact:", "'[quarter]' is a placeholder", "not ready"):
        assert says in result.stderr, says
    headings = [p.text for p in docx.Document(str(out)).paragraphs if p.style.name == "Heading 1"]
    empty = [s.title for s in draft.sections if s.is_empty()]
    assert empty and not set(empty) & set(headings)  # an empty section prints no heading
    allowed = run("report", str(sample_workbook), "--draft", str(project), "--out", str(out), "--allow-incomplete")
    assert allowed.returncode == 0 and "error: " in allowed.stderr
    checked = run("check", str(out))
    assert checked.returncode == 1 and "'[quarter]' is a placeholder" in checked.stdout


def test_check_names_headings_with_nothing_under_them(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_heading("Background", level=1)
    document.add_paragraph("Some words.")
    document.add_heading("Main issues", level=1)
    document.add_heading("Future plans", level=1)
    document.add_paragraph("More words, TBC.")
    document.core_properties.title = "A paper"
    path = tmp_path / "gaps.docx"
    document.save(str(path))
    checked = run("check", str(path))
    assert checked.returncode == 1
    assert 'error: Heading "Main issues": Nothing is under this heading' in checked.stdout
    assert "Background" not in checked.stdout.split("Nothing is under")[0].splitlines()[-1]
    assert "'TBC' is a placeholder" in checked.stdout


@pytest.mark.parametrize(
    ("args", "code", "says"),
    [
        (["report", "--sample"], 2, "--out"),  # usage: no output named
        (["report", "--out", "x.docx"], 2, "--sample"),  # usage: nothing to report on
        (["report", "--sample", "--out", "x.pdf"], 2, ".docx"),
        (["report", "{missing}", "--out", "{out}"], 3, "could not"),  # input unreadable
        (["report", "--sample", "--draft", "{bad}", "--out", "{out}"], 3, "not a report draft"),
        (["report", "--sample", "--template", "{bad}", "--out", "{out}"], 3, "not a Word document"),
        (["check", "{bad}"], 3, "could not be read"),
    ],
)
def test_report_exit_codes_and_one_sentence(tmp_path: Path, args: list[str], code: int, says: str) -> None:
    bad = tmp_path / "notes.docx"
    bad.write_text("not a document", encoding="utf-8")
    names = {"missing": str(tmp_path / "missing.xlsx"), "out": str(tmp_path / "out.docx"), "bad": str(bad)}
    result = run(*[a.format(**names) for a in args])
    assert result.returncode == code, result.stderr
    assert says in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "out.docx").exists()


@pytest.mark.skipif(
    not shutil.which("soffice") or not shutil.which("pdftotext"),
    reason="LibreOffice and poppler are not installed on this machine",
)
@pytest.mark.slow
def test_libreoffice_reads_the_export_with_numbering_and_page_x_of_y(sample_report: Path, tmp_path: Path) -> None:
    converted = subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{tmp_path}/lo",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(sample_report),
        ],
        capture_output=True,
        text=True,
        timeout=240,
    )
    pdf = tmp_path / "sample.pdf"
    assert pdf.exists(), converted.stderr
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True).stdout
    document = docx.Document(str(sample_report))
    assert document.core_properties.title.split(":")[0] in text
    pages = int(text.count("\f")) or 1
    assert f"Page 1 of {pages}" in text or "Page 1 of " in text
    assert "1.1" in text and "a)" in text  # drawn by Word numbering: not typed anywhere in the file
    assert not any(p.text.startswith(("1.1", "a)")) for p in document.paragraphs)
    assert "fewer than 5" in text  # small counts suppressed in the team table
    assert "Rating" in text and "Within target" in text


@pytest.mark.slow
def test_a_full_report_exports_in_under_three_seconds(sample_workbook: Path, tmp_path: Path) -> None:
    dataset = Dataset().add_results(import_files([sample_workbook]), decide=lambda *_: True)
    export_once(dataset, tmp_path / "warm.docx")  # Qt, fonts and pyqtgraph start once per process
    best = float("inf")
    for _ in range(2):
        started = time.perf_counter()
        report, _, _ = export_once(dataset, tmp_path / "report.docx")
        best = min(best, time.perf_counter() - started)
    assert report.figures >= 6 and report.tables >= 5
    assert best < 3.0, f"full report took {best:.2f} s"
