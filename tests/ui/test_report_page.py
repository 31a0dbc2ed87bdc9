"""The Report page in the real window with the sample council open: outline, editors, undo, templates, projects."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QCheckBox, QComboBox

from caseload_reporter.core.sample import sample_council
from caseload_reporter.reporting.block_options import ChoiceOption, CountOption, NumberOption, NumbersOption
from caseload_reporter.reporting.blocks import BLOCK_KINDS
from caseload_reporter.reporting.draft import Item
from caseload_reporter.reporting.project_file import PROJECT_SUFFIX, load_project
from caseload_reporter.reporting.report_templates import list_templates
from caseload_reporter.ui.main_window import MainWindow
from caseload_reporter.ui.pages.report_page import ReportPage
from caseload_reporter.ui.report_editors import PrivacyEditor, RecommendationsEditor, SourcesEditor
from caseload_reporter.ui.report_template_bar import CUSTOM_TEMPLATE
from caseload_reporter.ui.section_editors import KeyIssuesEditor, SectionEditor


@pytest.fixture
def window(qtbot, tmp_path: Path) -> MainWindow:
    win = MainWindow(data_dir=tmp_path / "data")
    qtbot.addWidget(win)
    win.show()
    yield win
    win.runner.shutdown()


@pytest.fixture
def sample(qtbot, window: MainWindow) -> MainWindow:
    window.open_sample()
    qtbot.waitUntil(lambda: not window.runner.is_busy() and not window.dataset.is_empty(), timeout=30_000)
    window.show_report_page()
    return window


def section_titles(page: ReportPage) -> list[str]:
    return [s.title for s in page.draft.sections]


def shown_sections(page: ReportPage) -> list[str]:
    return [label for label in page.outline.labels() if label[0].isdigit()]


def test_the_report_page_outlines_every_part_of_the_paper(window: MainWindow) -> None:
    window.show_page("Report")
    assert window.pages.currentWidget() is window.report_page
    labels = window.report_page.outline.labels()
    assert labels[:4] == ["Header", "Key issues", "Recommendations", "Officer contact"]
    assert labels[-5:] == ["Author and consultees", "Background papers", "Appendices", "Source documents", "Privacy"]


def test_the_sample_council_gives_the_worked_example_with_numbered_sections(sample: MainWindow) -> None:
    page = sample.report_page
    assert page.draft.header.title == "Children's social work caseloads: quarterly update"
    assert shown_sections(page) == ["1. Background", "2. Main issues", "3. Future plans"]
    assert not page.modified and "*" not in sample.windowTitle()


def test_sections_are_added_renamed_moved_and_removed(sample: MainWindow) -> None:
    page = sample.report_page
    outline = page.outline
    page.ask_section_title = lambda current, adding: "Staffing" if adding else "Staffing and recruitment"
    outline.select(0)
    outline.add_button.click()
    assert section_titles(page) == ["Background", "Staffing", "Main issues", "Future plans"]
    assert shown_sections(page)[1] == "2. Staffing" and outline.current_section() == 1
    assert isinstance(page.current_editor(), SectionEditor)
    assert page.current_editor().heading.text() == "<h2>2. Staffing</h2>"

    outline.rename_button.click()
    assert section_titles(page)[1] == "Staffing and recruitment"
    outline.up_button.click()
    assert section_titles(page)[:2] == ["Staffing and recruitment", "Background"]
    assert shown_sections(page)[:2] == ["1. Staffing and recruitment", "2. Background"]
    assert not outline.up_button.isEnabled()  # already first
    outline.select(3)
    assert not outline.down_button.isEnabled()  # already last

    outline.select(0)
    page.confirm_remove_section = lambda title: False
    outline.remove_button.click()
    assert len(page.draft.sections) == 4  # refused: nothing removed
    asked = []
    page.confirm_remove_section = lambda title: asked.append(title) or True
    outline.remove_button.click()
    assert asked == ["Staffing and recruitment"]
    assert shown_sections(page) == ["1. Background", "2. Main issues", "3. Future plans"]
    assert page.modified and sample.windowTitle().startswith("Untitled report*")


def test_outline_buttons_have_names_and_shortcuts(qtbot, sample: MainWindow) -> None:
    outline = sample.report_page.outline
    for button in (
        outline.add_button,
        outline.remove_button,
        outline.rename_button,
        outline.up_button,
        outline.down_button,
    ):
        assert button.accessibleName() and "Shortcut" in button.accessibleDescription()
    outline.select(1)
    sample.activateWindow()
    outline.list.setFocus()
    qtbot.waitUntil(outline.list.hasFocus)
    QTest.keyClick(outline.list, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)  # move up
    assert section_titles(sample.report_page)[0] == "Main issues"


def test_structural_undo_restores_a_removed_section_and_redo_removes_it_again(sample: MainWindow) -> None:
    page = sample.report_page
    before = page.draft.to_json()
    page.confirm_remove_section = lambda title: True
    page.outline.select(1)
    page.outline.remove_button.click()
    assert section_titles(page) == ["Background", "Future plans"]
    page.outline.list.setFocus()  # no text box has focus: Edit > Undo acts on the structure
    sample.undo_action.trigger()
    assert page.draft.to_json() == before
    assert shown_sections(page)[1] == "2. Main issues"
    sample.redo_action.trigger()
    assert section_titles(page) == ["Background", "Future plans"]


def test_typing_key_issues_writes_through_and_the_text_box_undoes_it(sample: MainWindow) -> None:
    page = sample.report_page
    original = list(page.draft.key_issues)
    page.outline.select("key_issues")
    editor = page.current_editor()
    assert isinstance(editor, KeyIssuesEditor)
    editor.text.moveCursor(QTextCursor.MoveOperation.End)
    QTest.keyClick(editor.text, Qt.Key.Key_Return)
    QTest.keyClick(editor.text, Qt.Key.Key_Return)
    QTest.keyClicks(editor.text, "Recruitment is going well.")
    assert page.draft.key_issues == [*original, "Recruitment is going well."]
    assert page.modified
    editor.text.undo()
    assert page.draft.key_issues == original  # Qt's own undo, and the draft follows it


def test_recommendations_are_lettered_added_and_moved(sample: MainWindow) -> None:
    page = sample.report_page
    page.outline.select("recommendations")
    editor = page.current_editor()
    assert isinstance(editor, RecommendationsEditor)
    assert [e.accessibleName() for e in editor.editors] == ["Recommendation a)", "Recommendation b)"]
    editor.add_button.click()
    editor = page.current_editor()
    assert len(editor.editors) == 3 and editor.editors[2].accessibleName() == "Recommendation c)"
    QTest.keyClicks(editor.editors[2], "That the Committee notes the recruitment plan.")
    assert page.draft.recommendations[2] == "That the Committee notes the recruitment plan."
    editor._move(2, -1)
    assert page.draft.recommendations[1] == "That the Committee notes the recruitment plan."


def test_a_data_block_previews_its_figures_and_follows_its_options(sample: MainWindow) -> None:
    page = sample.report_page
    page.outline.select(1)  # Main issues: a chart, the teams table and a sentence
    editor = page.current_editor()
    previews = {row.item.kind: row.preview.text() for row in editor.rows if row.preview is not None}
    assert previews["sentence.teams_over_target"].startswith("Will read: “In the week commencing 26 October 2026")
    assert previews["table.teams"].startswith("Will be a table: Teams against the target caseload")
    assert previews["chart.team_type_averages"].startswith("Will be a chart: Average caseload")
    sentence = next(row for row in editor.rows if row.item.kind == "sentence.teams_over_target")
    combo = sentence.findChild(QComboBox)
    combo.setCurrentIndex(5)  # an earlier week
    assert sentence.item.options["period"] == combo.currentData()
    assert "26 October 2026" not in sentence.preview.text()

    action = next(a for a in editor.block_menu.actions() if a.data() == "table.comparison")
    action.trigger()
    editor = page.current_editor()
    added = editor.rows[-1]
    assert added.item.kind == "table.comparison" and added.preview.text().startswith("Will be a table: Each team in")
    action = next(a for a in editor.block_menu.actions() if a.data() == "chart.measures")
    assert action.text() == "Chart: service measures"


def test_without_data_the_page_still_writes_and_export_says_there_is_no_data(window: MainWindow) -> None:
    page = window.report_page
    window.show_report_page()
    page.outline.select(0)
    editor = page.current_editor()
    editor.add_paragraph.click()
    QTest.keyClicks(page.current_editor().rows[-1].text_editor, "Written before any data is open.")
    assert page.draft.sections[0].items[-1].text == "Written before any data is open."
    assert "No data is open" in next(r for r in page.current_editor().rows if r.preview is not None).preview.text()
    page.export.choose_path = lambda: pytest.fail("no file dialog without data")
    assert not page.export.export()
    assert (
        page.message.text() == "Problem: " + "There is no data to report on: open a spreadsheet, or the sample "
        "council, and then export."
    )


def test_source_documents_list_the_workbook_and_keep_an_edit_when_the_data_reloads(qtbot, sample: MainWindow) -> None:
    page = sample.report_page
    page.outline.select("source_documents")
    table = page.current_editor().table
    assert table.item(0, 0).text() == sample_council().workbook.name
    table.item(0, 1).setText("Performance team shared drive")
    assert page.draft.source_documents[0].location == "Performance team shared drive"
    page.current_editor().add_button.click()
    assert len(page.draft.source_documents) == 2  # a row added by hand
    sample.open_sample()  # the data reloads
    qtbot.waitUntil(lambda: not sample.runner.is_busy(), timeout=30_000)
    editor = page.current_editor()
    assert isinstance(editor, SourcesEditor)
    assert [r.location for r in page.draft.source_documents] == ["Performance team shared drive", ""]
    assert editor.table.item(0, 1).text() == "Performance team shared drive"


def test_unticking_privacy_asks_and_a_refusal_keeps_it_ticked(sample: MainWindow) -> None:
    page = sample.report_page
    page.outline.select("privacy")
    editor = page.current_editor()
    assert isinstance(editor, PrivacyEditor)
    names = editor.boxes["hide_worker_names"]
    assert names.isChecked() and editor.boxes["suppress_small_counts"].isChecked()
    asked = []
    page.ask_privacy_off = lambda which: asked.append(which) or False
    names.setChecked(False)
    assert asked == ["hide_worker_names"] and names.isChecked() and page.draft.privacy.hide_worker_names
    page.ask_privacy_off = lambda which: True
    editor.boxes["suppress_small_counts"].setChecked(False)
    assert not page.draft.privacy.suppress_small_counts
    assert "Counts under five are shown in full" in editor.warnings.text()


def test_the_exempt_box_is_in_the_header_form(sample: MainWindow) -> None:
    page = sample.report_page
    page.outline.select("header")
    editor = page.current_editor()
    assert not editor.exempt_reason.isEnabled()
    editor.exempt.setChecked(True)
    QTest.keyClicks(editor.exempt_reason, "Paragraph 1 of Schedule 12A")
    assert page.draft.header.exempt and page.draft.header.exempt_reason == "Paragraph 1 of Schedule 12A"
    editor.date.setDate(editor.date.minimumDate())
    assert page.draft.header.meeting_date == ""
    assert isinstance(editor.key_decision, QCheckBox)


def test_changing_template_asks_and_undo_brings_the_sections_back(sample: MainWindow) -> None:
    page = sample.report_page
    before = page.draft.to_json()
    combo = page.template_bar.combo
    scrutiny = combo.findData("scrutiny_update")
    page.template_bar.confirm_template_change = lambda name: False
    combo.activated.emit(scrutiny)
    assert page.draft.to_json() == before and combo.currentData() == "committee_update"
    page.template_bar.confirm_template_change = lambda name: True
    combo.activated.emit(scrutiny)
    assert page.draft.template == "scrutiny_update"
    assert section_titles(page)[0] == "Purpose of report" and combo.currentData() == "scrutiny_update"
    assert page.draft.header.title == before["header"]["title"]  # the header is kept
    page.outline.list.setFocus()
    page.undo_structure()
    assert page.draft.to_json() == before and combo.currentData() == "committee_update"


def test_a_council_template_that_is_not_a_word_file_is_refused_in_one_sentence(sample: MainWindow, tmp_path) -> None:
    page = sample.report_page
    text = tmp_path / "council template.txt"
    text.write_text("not a template")
    page.template_bar.choose_template_docx = lambda: text
    page.template_bar.combo.activated.emit(page.template_bar.combo.findData(CUSTOM_TEMPLATE))
    message = page.message.text()
    assert message.startswith("Problem: council template.txt") and message.count(". ") <= 1
    assert page.draft.custom_docx == "" and page.template_bar.combo.currentData() == "committee_update"

    council = next(t for t in list_templates() if t.key == "committee_update").docx
    page.template_bar.choose_template_docx = lambda: council
    page.template_bar.combo.activated.emit(page.template_bar.combo.findData(CUSTOM_TEMPLATE))
    assert page.draft.custom_docx == str(council) and page.template_bar.custom_label.text().endswith(council.name)


def test_a_project_saves_and_opens_with_the_draft_exactly(qtbot, sample: MainWindow, tmp_path: Path) -> None:
    page = sample.report_page
    page.outline.select("key_issues")
    QTest.keyClicks(page.current_editor().text, " Extra words.")
    page.ask_section_title = lambda current, adding: "Staffing"
    page.outline.add_button.click()
    saved = page.draft.to_json()
    target = tmp_path / "quarterly update"
    sample.projects.choose_save_path = lambda: target.with_suffix(PROJECT_SUFFIX)
    sample.save_as_action.trigger()
    path = target.with_suffix(PROJECT_SUFFIX)
    assert path.is_file() and load_project(path).sample
    assert not page.modified and sample.windowTitle().startswith("quarterly update — ")

    sample.projects.confirm_discard = lambda: True
    sample.projects.choose_new_template = lambda: "cabinet_decision"
    sample.new_report_action.trigger()
    assert page.draft.template == "cabinet_decision" and page.project_path is None

    sample.projects.choose_open_path = lambda: path
    sample.open_project_action.trigger()
    qtbot.waitUntil(lambda: not sample.runner.is_busy(), timeout=30_000)
    assert page.draft.to_json() == saved
    assert page.project_path == path and not page.modified
    assert sample.windowTitle().startswith("quarterly update — ")
    page.outline.select("key_issues")
    QTest.keyClicks(page.current_editor().text, "!")
    assert sample.windowTitle().startswith("quarterly update* — ")


def test_a_project_file_double_clicked_opens_as_a_project_with_its_data(
    qtbot, sample: MainWindow, tmp_path: Path
) -> None:
    """The installers associate .crproject with the app, which then receives the file as an argument."""
    page = sample.report_page
    page.outline.select("key_issues")
    QTest.keyClicks(page.current_editor().text, " Written before the weekend.")
    path = tmp_path / f"weekend{PROJECT_SUFFIX}"
    assert sample.projects.save_to(path)
    saved = page.draft.to_json()

    fresh = MainWindow(data_dir=tmp_path / "fresh")
    qtbot.addWidget(fresh)
    fresh.show()
    fresh.open_paths([path, tmp_path / f"another{PROJECT_SUFFIX}"])
    qtbot.waitUntil(lambda: not fresh.runner.is_busy() and not fresh.dataset.is_empty(), timeout=30_000)
    assert fresh.report_page.draft.to_json() == saved
    assert fresh.report_page.project_path == path
    assert fresh.is_sample  # the project's own data came back with it
    assert fresh.windowTitle().startswith("weekend — ")
    fresh.runner.shutdown()


def test_a_damaged_project_file_is_one_sentence_and_the_draft_is_kept(sample: MainWindow, tmp_path: Path) -> None:
    page = sample.report_page
    before = page.draft.to_json()
    damaged = tmp_path / f"damaged{PROJECT_SUFFIX}"
    damaged.write_text(json.dumps({"format": "caseload-reporter-project", "version": 1, "draft": {"sections": 3}}))
    sample.projects.choose_open_path = lambda: damaged
    sample.open_project_action.trigger()
    assert page.message.text().startswith("Problem: damaged.crproject")
    assert page.draft.to_json() == before
    truncated = tmp_path / f"truncated{PROJECT_SUFFIX}"
    truncated.write_text('{"format": "caseload-reporter-proj')
    assert not sample.projects.open_path(truncated)
    assert page.message.text() == "Problem: truncated.crproject is not a Caseload Reporter project file."


def test_every_block_kinds_options_form_is_generated_from_its_declaration(sample: MainWindow) -> None:
    page = sample.report_page
    page.outline.select(0)
    items = page.draft.sections[0].items
    page.structural(lambda: items.extend(Item(kind) for kind in BLOCK_KINDS), 0)
    rows = page.current_editor().rows[-len(BLOCK_KINDS) :]
    assert [row.item.kind for row in rows] == list(BLOCK_KINDS)
    for row, (kind, info) in zip(rows, BLOCK_KINDS.items(), strict=True):
        shown = [o for o in info.options if o.shown]
        assert list(row.options_form.fields) == [o.name for o in shown], kind
        for option in shown:
            field = row.options_form.fields[option.name]
            assert field.accessibleName() == option.accessible
            assert row.options_form.layout.labelForField(field).text() == option.label
            if isinstance(option, CountOption | NumberOption):
                assert field.value() == option.default and field.minimum() == option.low
            elif isinstance(option, NumbersOption):
                assert field.text() == "18, 16"
            elif isinstance(option, ChoiceOption):
                assert field.currentData() == option.default
            else:  # a period or a year: nothing chosen means the placeholder (the latest)
                assert field.currentData() is None and field.currentText() == option.placeholder
    staffing = rows[list(BLOCK_KINDS).index("table.staffing")]
    staffing.options_form.fields["targets"].setText("20, 15")
    assert staffing.item.options["targets"] == [20.0, 15.0]
    staffing.options_form.fields["targets"].setText("20, x")
    assert staffing.preview.text() == "Problem: the targets must be numbers above 0, separated by commas (18, 16)."
    assert staffing.item.options["targets"] == [20.0, 15.0]  # the unusable text is not saved
    rows[0].options_form.fields["periods"].setValue(4)
    assert rows[0].item.options["periods"] == 4 and "over 4 periods" in rows[0].preview.text()


def test_every_part_of_the_report_fits_the_editor_without_scrolling_sideways(qtbot, sample: MainWindow) -> None:
    """At the window size a 14-inch laptop at 150% leaves, no editor is wider than its viewport: the
    buttons at the right of a block (Up, Down, Remove) are never off the side of the page."""
    sample.resize(1180, 740)
    page = sample.report_page
    too_wide = []
    for row in range(page.outline.list.count()):
        page.outline.list.setCurrentRow(row)
        qtbot.wait(20)
        editor = page.current_editor()
        assert editor is not None
        needed, room = editor.widget().minimumSizeHint().width(), editor.viewport().width()
        if needed > room:
            too_wide.append(f"{page.outline.labels()[row]}: needs {needed} px, has {room}")
    assert not too_wide, too_wide
