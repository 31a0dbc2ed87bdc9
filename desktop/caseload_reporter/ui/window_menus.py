"""The main window's menus: File, Edit, View, Settings and Help (the user guide on F1), with their shortcuts.

Built here rather than in the window so the window stays a short list of parts. Each action is
kept on the window (``window.open_action`` and so on) because other parts enable, disable and test them.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu

from caseload_reporter import APP_NAME


def build_menus(window: Any) -> None:
    """Add the menus to ``window`` (a MainWindow), keeping each action as an attribute of it.

    Typed Any: naming MainWindow here, even for the type checker only, would be an import cycle."""
    w = window
    file_menu = w.menuBar().addMenu("&File")
    w.open_action = _action(w, file_menu, "&Open spreadsheet…", w.choose_files, QKeySequence.StandardKey.Open)
    w.add_action = _action(
        w, file_menu, "&Add files to the open data…", lambda: w.choose_files(add=True), QKeySequence("Ctrl+Shift+O")
    )
    w.review_action = _action(w, file_menu, "&Check how the open files were read…", w.review_open_files)
    w.sample_action = _action(w, file_menu, "Open the &sample council", w.open_sample)
    w.recent_menu = QMenu("&Recent files", w)
    file_menu.addMenu(w.recent_menu)
    w.refresh_recent_menu()
    file_menu.addSeparator()
    # The project actions look w.projects up when chosen: the menus exist before the window's workspace does.
    w.new_report_action = _action(
        w, file_menu, "&New report…", lambda: w.projects.new_report(), QKeySequence.StandardKey.New
    )
    w.roll_forward_action = _action(w, file_menu, "New paper from &this one…", w.roll_forward)
    w.open_project_action = _action(w, file_menu, "Open &project…", lambda: w.projects.open_project())
    w.save_project_action = _action(w, file_menu, "Sa&ve project", lambda: w.projects.save(), QKeySequence("Ctrl+S"))
    w.save_as_action = _action(
        w, file_menu, "Save project &as…", lambda: w.projects.save_as(), QKeySequence("Ctrl+Shift+S")
    )
    w.export_action = _action(w, file_menu, "&Export Word report…", w.export_report, QKeySequence("Ctrl+E"))
    file_menu.addSeparator()
    w.quit_action = _action(w, file_menu, "&Quit", w.close, QKeySequence.StandardKey.Quit)

    edit_menu = w.menuBar().addMenu("&Edit")
    w.undo_action = _action(w, edit_menu, "&Undo", lambda: w.report_page.undo(), QKeySequence("Ctrl+Z"))
    w.redo_action = _action(w, edit_menu, "&Redo", lambda: w.report_page.redo(), QKeySequence("Ctrl+Shift+Z"))
    w.redo_action.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])

    # Every page a key away: Ctrl+1 for Data to Ctrl+8 for Report, in the order of the page list.
    view_menu = w.menuBar().addMenu("&View")
    w.page_actions = [
        _action(w, view_menu, f"&{n} {name}", partial(w.go_to_page, name), QKeySequence(f"Ctrl+{n}"))
        for n, name in enumerate(w.page_names(), start=1)
    ]

    settings_menu = w.menuBar().addMenu("&Settings")
    w.targets_action = _action(w, settings_menu, "Caseload &targets…", w.edit_thresholds)
    w.profile_action = _action(w, settings_menu, "Council &profile…", w.edit_profile)

    help_menu = w.menuBar().addMenu("&Help")
    w.guide_action = _action(w, help_menu, "&User guide", lambda: _show_guide(w), QKeySequence("F1"))
    w.about_action = _action(w, help_menu, f"&About {APP_NAME}", w.show_about)


def refresh_recent_menu(menu: QMenu, paths: list[Path], open_paths: Callable[[list[Path]], None]) -> None:
    """The recent files, newest first, each opening its file; the menu is disabled when there are none."""
    menu.clear()
    for path in paths:
        action = menu.addAction(path.name)
        action.setToolTip(str(path))
        action.setData(str(path))
        action.triggered.connect(lambda _=False, p=path: open_paths([p]))
    menu.setEnabled(bool(paths))


def _action(
    window: QMainWindow,
    menu: QMenu,
    text: str,
    slot: Callable[[], object],
    shortcut: QKeySequence | QKeySequence.StandardKey | None = None,
) -> QAction:
    action = QAction(text, window)
    if shortcut is not None:
        action.setShortcut(shortcut)
    action.triggered.connect(lambda _=False: slot())
    menu.addAction(action)
    return action


def _show_guide(window: QMainWindow) -> None:
    """Help > User guide; its module (and the HTML parsing it needs) loads when first asked for."""
    from caseload_reporter.ui.user_guide import show_user_guide

    show_user_guide(window)
