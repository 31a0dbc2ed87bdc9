"""The user guide as a document: headings in order, every picture there with alt text, readable colours,
links that stay inside it, and every message it quotes one the app really says today.

The guide quotes the app word for word so an officer can find the sentence they saw. So that a rewording in
the code cannot leave the guide quoting something the app no longer says, the sentences are produced here
by the app itself, from files made by the test generators; a quote that is neither produced nor a fixed
sentence in the code fails, and so does a missing-input sentence or an accessibility rule the guide leaves out.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import docx
import numpy as np
import pytest

from caseload_reporter.analysis.inputs import INPUTS, missing
from caseload_reporter.reading.importer import import_file
from caseload_reporter.reporting.accessibility_document import contrast_ratio
from caseload_reporter.reporting.accessibility_findings import RULES
from caseload_reporter.reporting.completeness import document_gaps, draft_gaps
from caseload_reporter.reporting.draft import ReportDraft
from generators import import_fixtures as fx
from generators.council_shapes import write_openpyxl
from guide_html import Guide, fold, read_guide

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "desktop" / "caseload_reporter"
SCRIPT = ROOT / "packaging" / "guide_screenshots.py"
PICTURES_BUDGET = 900 * 1024  # the pictures ship in every install: keep them paletted and few
FILE = "caseloads.xlsx"  # the guide's stand-in for the officer's file name
# A window laid out anew changes far more of its picture than this; a reworded label or a font hinted a
# little differently changes less, and is left for the next regeneration.
STALE_SHARE = 0.02


@pytest.fixture(scope="module")
def guide() -> Guide:
    return read_guide()


def test_the_guide_has_a_title_a_language_and_headings_that_never_skip_a_level(guide: Guide) -> None:
    assert guide.lang == "en-GB"
    assert guide.title == "Caseload Reporter user guide"
    levels = [level for level, _, _ in guide.headings]
    assert levels[0] == 1 and levels.count(1) == 1, "one level 1 heading, first"
    for (before, _, text_before), (after, _, text) in zip(guide.headings, guide.headings[1:], strict=False):
        assert after <= before + 1, f'"{text}" (level {after}) follows "{text_before}" (level {before})'
    assert all(text for _, _, text in guide.headings), "every heading has text"


def test_the_contents_list_leads_to_every_section_and_every_link_stays_in_the_guide(guide: Guide) -> None:
    sections = [heading_id for level, heading_id, _ in guide.headings if level == 2 and heading_id != "contents"]
    assert all(sections), "every section has an id to link to"
    assert {f"#{s}" for s in sections} <= set(guide.contents_links), "a section is missing from the contents"
    for href, text in guide.links:
        assert href.startswith("#"), f"{href}: the guide links only within itself (offline, in the app)"
        assert href[1:] in guide.ids, f"{href} leads nowhere"
        assert text and text.casefold() not in ("here", "click here", "link"), f"{href}: say where it goes"


def test_every_picture_is_there_with_alt_text_and_every_picture_is_used(guide: Guide) -> None:
    from PySide6.QtGui import QImage

    images = guide.folder / "images"
    used = set()
    for src, alt in guide.pictures:
        assert alt is not None and len(alt.split()) >= 5, f"{src} needs alt text that says what it shows"
        assert src.startswith("images/") and src.endswith(".png"), src
        path = guide.folder / src
        assert path.is_file(), f"{src} is missing: run python packaging/guide_screenshots.py"
        image = QImage(str(path))
        assert not image.isNull() and image.format() == QImage.Format.Format_Indexed8, f"{src} is not paletted"
        used.add(path.name)
    shipped = {p.name for p in images.glob("*.png")}
    assert shipped == used, f"pictures not in the guide: {sorted(shipped - used)}"
    total = sum(p.stat().st_size for p in images.glob("*.png"))
    assert total <= PICTURES_BUDGET, f"the pictures come to {total / 1024:.0f} KB"


def test_the_guides_colours_have_enough_contrast(guide: Guide) -> None:
    """Every colour the style sheet sets for text, against white or against the background it sets with it."""
    rules = re.findall(r"([^{}]+)\{([^}]*)\}", re.sub(r"/\*.*?\*/", "", guide.css, flags=re.S))
    checked = 0
    for selector, body in rules:
        colour = re.search(r"(?<![-\w])color:\s*#([0-9a-fA-F]{6})", body)
        if colour is None:
            continue
        background = re.search(r"background:\s*#([0-9a-fA-F]{6})", body)
        ratio = contrast_ratio(colour.group(1), background.group(1) if background else "FFFFFF")
        assert ratio >= 4.5, f"{selector.strip()}: contrast {ratio:.2f}:1"
        checked += 1
    assert checked >= 5


def test_every_missing_input_and_every_accessibility_rule_is_explained(guide: Guide) -> None:
    for key in INPUTS:
        assert missing(key) in guide.said, f"the guide does not explain: {missing(key)}"
    assert guide.rules == list(RULES.values())


def app_sentences(folder: Path) -> set[str]:
    """What the app says about files and papers, produced by the app from generated files."""
    said: set[str] = set()

    def opened(make) -> None:
        place = folder / f"case{len(said)}"
        place.mkdir()
        path = place / FILE
        make(path)
        result = import_file(path, password="not it") if path.read_bytes()[:4] == b"\xd0\xcf\x11\xe0" else None
        if result is not None:
            said.add(result.error or "")
        result = import_file(path)
        said.add(result.error or "")
        for sheet in result.sheets:
            said.update(sheet.warnings)
            said.update(rejected.reason for rejected in sheet.rejected)

    source = fx.write_openpyxl(fx.workbook_spec("worker_caseloads"), folder / "source.xlsx")
    opened(lambda p: p.write_bytes(b""))
    opened(lambda p: p.write_bytes(b"%PDF-1.4\n%caseloads\n"))
    opened(lambda p: p.write_bytes(b"<html><body><table><tr><td>Team</td></tr></table></body></html>"))
    opened(lambda p: p.write_bytes(source.read_bytes()[:3000]))
    opened(lambda p: fx.encrypt_workbook(source, p, "Wenmoor-2022"))
    opened(lambda p: fx.unsaved_formulas_xlsx(p, "xlsxwriter"))
    opened(lambda p: write_openpyxl([["Area", "Unit", "Number"], ["North", "Alpha", 3], ["South", "Beta", 4]], p))
    opened(lambda p: write_openpyxl([["Team", "Worker", "Cases"], ["Assessment Team 1", "Ann", 21]], p))
    said.add(import_file(folder / "moved" / FILE).error or "")
    # The month the screenshots show, with its rows not imported and its total that does not add up.
    sys.path.insert(0, str(SCRIPT.parent))
    try:
        from guide_screenshots import messy_caseloads
    finally:
        sys.path.remove(str(SCRIPT.parent))
    for sheet in import_file(messy_caseloads(folder)).sheets:
        said.update(sheet.warnings)
        said.update(rejected.reason for rejected in sheet.rejected)

    draft = ReportDraft()
    draft.recommendations = ["Agree the date of the next review of caseloads, [date]."]
    said.update(gap.message for gap in draft_gaps(draft))
    paper = docx.Document()
    paper.add_heading("Main issues", 1)
    paper.add_heading("Next steps", 1)
    paper.add_paragraph("Caseloads will be reviewed again next quarter.")
    said.update(gap.message for gap in document_gaps(paper))
    said.update(missing(key) for key in INPUTS)
    return {fold(sentence) for sentence in said if sentence}


def fixed_sentences() -> str:
    """The package's source, with string literals that are split over lines joined up again."""
    text = "\n".join(path.read_text(encoding="utf-8") for path in PACKAGE.rglob("*.py"))
    return fold(re.sub(r'"\s*\n\s*f?"', "", text))


def test_every_message_the_guide_quotes_is_one_the_app_says(guide: Guide, tmp_path: Path) -> None:
    produced = app_sentences(tmp_path)
    source = fixed_sentences()
    assert len(guide.said) >= 30
    for sentence in guide.said:
        assert sentence in produced or f'"{sentence}"' in source, f"the app does not say: {sentence}"
    file_messages = [s for s in produced if s.startswith(FILE) or FILE in s]
    assert len(file_messages) >= 8, file_messages  # the files above really were refused, each in its own words


@pytest.mark.slow
def test_the_screenshot_script_remakes_every_picture_at_the_size_the_guide_has(guide: Guide, tmp_path: Path) -> None:
    """The one command in the README makes every picture the guide shows, from the real app; a picture
    whose size differs from the committed one is stale (the window or the script changed)."""
    from PySide6.QtGui import QImage

    done = subprocess.run(
        [sys.executable, str(SCRIPT), "--out", str(tmp_path)], capture_output=True, text=True, timeout=300, check=False
    )
    assert done.returncode == 0, done.stdout + done.stderr
    made = {p.name for p in tmp_path.glob("*.png")}
    assert made == {Path(src).name for src, _ in guide.pictures}
    stale = []
    for name in sorted(made):
        fresh, committed = QImage(str(tmp_path / name)), QImage(str(guide.folder / "images" / name))
        if fresh.size() != committed.size():
            stale.append(
                f"{name}: {committed.width()}x{committed.height()} committed, now {fresh.width()}x{fresh.height()}"
            )
        elif (share := differing_pixels(fresh, committed)) > STALE_SHARE:
            stale.append(f"{name}: {share:.1%} of its pixels changed")
    assert not stale, "stale pictures (run python packaging/guide_screenshots.py): " + "; ".join(stale)
    assert "pictures" in done.stdout.splitlines()[-1]


def differing_pixels(first, second) -> float:
    """The share of pixels whose colour differs by more than anti-aliasing would (a channel by over 48)."""
    from PySide6.QtGui import QImage

    def pixels(image):
        image = image.convertToFormat(QImage.Format.Format_RGB32)
        data = np.frombuffer(image.constBits(), dtype=np.uint8, count=image.sizeInBytes())
        return data.reshape(image.height(), image.bytesPerLine())[:, : image.width() * 4].astype(np.int16)

    difference = np.abs(pixels(first) - pixels(second)).reshape(first.height(), first.width(), 4)
    return float((difference.max(axis=2) > 48).mean())
