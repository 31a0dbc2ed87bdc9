"""The app on a real display (Xvfb) at one scale: every page and dialog screenshotted, measured and walked.

Run by test_desktop_display.py, once for each of 100%, 125% and 150% (QT_SCALE_FACTOR), on a screen
that leaves 1280x720 for windows at that scale, as a 14-inch laptop at 150% does:

    DISPLAY=:99 QT_QPA_PLATFORM=xcb QT_SCALE_FACTOR=1.5 python tests/ui/desktop_run.py --out DIR [--atspi DIR]

It starts the app as it starts for the officer (ui.app.ensure_application: the focus ring, the keyboard
rules), opens the sample council and writes DIR/report.json with, for each page and dialog: its
screenshot, its size against the screen's free area, whether its buttons show, what Tab did, and
anything the offscreen accessibility walk found. With --atspi it stops on each page until a screen
reader's view of it (atspi_walk.py, run by the test) has been taken.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent)]

from desktop_checks import (  # noqa: E402
    dialogs,
    open_sample_window,
    plain,
    report_entries,
    settle,
    show_dialog,
    walk_accessibility,
    walk_focus,
)
from PySide6.QtCore import QEventLoop, QRect, QSettings, QStandardPaths, Qt, QTimer  # noqa: E402
from PySide6.QtWidgets import (  # noqa: E402
    QAbstractScrollArea,
    QApplication,
    QLabel,
    QPushButton,
    QTableView,
    QWidget,
)

from caseload_reporter.ui.app import ensure_application  # noqa: E402


def slug(name: str) -> str:
    return "".join(c if c.isalnum() else "-" for c in name.lower()).strip("-")


def global_rect(widget: QWidget) -> QRect:
    return QRect(widget.mapToGlobal(widget.rect().topLeft()), widget.size())


def hidden_buttons(window: QWidget, room: QRect) -> list[str]:
    """Push buttons of ``window`` (outside any scrolling area) that are off the screen's free area or outside
    the window itself: Import, Cancel, Close must always show."""
    inside = global_rect(window)
    return [
        button.text().replace("&", "")
        for button in window.findChildren(QPushButton)
        if button.isVisible()
        and button.window() is window
        and button.text()
        and not any(isinstance(a, QAbstractScrollArea) for a in ancestors(button))
        and not (room.contains(global_rect(button)) and inside.contains(global_rect(button)))
    ]


def ancestors(widget: QWidget) -> list[QWidget]:
    found = []
    parent = widget.parentWidget()
    while parent is not None:
        found.append(parent)
        parent = parent.parentWidget()
    return found


def cut_figures(window: QWidget) -> list[str]:
    """Columns of figures narrower than their figures, in the tables shown (the view elides the rest)."""
    found = []
    for view in window.findChildren(QTableView):
        model = view.model()
        if not view.isVisible() or model is None or model.rowCount() == 0:
            continue
        for column in range(model.columnCount()):
            alignment = model.data(model.index(0, column), Qt.ItemDataRole.TextAlignmentRole)
            figures = alignment is not None and int(alignment) & Qt.AlignmentFlag.AlignRight.value
            if figures and view.columnWidth(column) < view.sizeHintForColumn(column):
                found.append(f"{view.accessibleName()}: {model.headerData(column, Qt.Orientation.Horizontal)}")
    return found


def shown_labels(window: QWidget) -> list[str]:
    """The text of every label shown, as a screen reader should read it."""
    texts = []
    for label in window.findChildren(QLabel):
        if label.isVisible() and label.window() is window and plain(label.text()):
            texts.append(plain(label.text()))
    return texts


def wait_for_screen_reader(folder: Path, step: str, page: str, window: QWidget) -> None:
    """Hand the page to the AT-SPI walk and keep answering it until the walk says it is done."""
    (folder / f"{step}.json").write_text(json.dumps({"page": page, "labels": shown_labels(window)}))
    done = folder / f"{step}.done"
    end = time.monotonic() + 120
    # An event loop of its own, so the app answers the screen reader's questions as soon as they come.
    loop = QEventLoop()
    timer = QTimer()
    timer.timeout.connect(lambda: loop.quit() if done.exists() or time.monotonic() > end else None)
    timer.start(50)
    loop.exec()
    timer.stop()


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--atspi", type=Path, help="a folder shared with atspi_walk.py's runner")
    args = parser.parse_args()
    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)

    QStandardPaths.setTestModeEnabled(True)
    settings = Path(tempfile.mkdtemp(prefix="caseload-settings-"))
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(settings))
    app = ensure_application()
    window = open_sample_window(settings / "data")
    screen = window.screen()
    room = screen.availableGeometry()
    report: dict[str, object] = {
        "scale": float(os.environ.get("QT_SCALE_FACTOR", "1")),
        "platform": QApplication.platformName(),
        "style": app.style().baseStyle().name(),
        "screen": [room.width(), room.height()],
        "device_pixel_ratio": screen.devicePixelRatio(),
        "window": [window.frameGeometry().width(), window.frameGeometry().height()],
        "window_fits": room.contains(window.frameGeometry()),
        "pages": {},
        "report_parts": {},
        "dialogs": {},
    }

    tops = set()
    for number, name in enumerate(window.page_names(), start=1):
        window.show_page(name)
        settle(20)
        shot = out / f"page-{number}-{slug(name)}.png"
        window.grab().save(str(shot))
        walk = walk_focus(window, start=window.nav)
        tree = walk_accessibility(window)
        tops.add(window.pages.mapTo(window, window.pages.rect().topLeft()).y())
        report["pages"][name] = {
            "screenshot": shot.name,
            "tab_stops": len(walk.stops),
            "focus_problems": walk.problems(),
            "objects": tree.objects,
            "focusable": tree.focusable,
            "name_problems": tree.problems(),
            "cut_figures": cut_figures(window),
            "hidden_buttons": hidden_buttons(window, room),
        }
        if args.atspi:
            window.nav.setFocus()
            wait_for_screen_reader(args.atspi, f"page-{number}", name, window)
    report["page_tops"] = sorted(tops)  # one value: no page moves the others up or down

    window.show_page("Report")
    for part in report_entries(window):
        window.report_page.outline.select(part)
        settle(10)
        walk = walk_focus(window, start=window.nav)
        report["report_parts"][str(part)] = {
            "tab_stops": len(walk.stops),
            "focus_problems": walk.problems(),
            "name_problems": walk_accessibility(window).problems(),
        }
    window.report_page.outline.select("header")

    window.show_page("Teams")
    settle(10)
    before = window.geometry(), window.pages.mapTo(window, window.pages.rect().topLeft()).y()
    window.message_strip.show_message(
        "The report could not be saved as C:/Users/officer/OneDrive - Wenmoor County Council/Documents/Reports/"
        "Children's social work caseloads quarterly update March 2026.docx: the folder is read-only."
    )
    settle(20)
    window.grab().save(str(out / "message-strip.png"))
    after = window.geometry(), window.pages.mapTo(window, window.pages.rect().topLeft()).y()
    report["message_strip"] = {
        "window_resized": before[0].size() != after[0].size(),
        "window_moved": before[0].topLeft() != after[0].topLeft(),
        "pages_moved_down_by": after[1] - before[1],
        "screenshot": "message-strip.png",
    }
    window.message_strip.hide()

    for name, make in dialogs(window).items():
        dialog = show_dialog(make)
        frame = dialog.frameGeometry()
        shot = out / f"dialog-{slug(name)}.png"
        dialog.grab().save(str(shot))
        walk = walk_focus(dialog)
        report["dialogs"][name] = {
            "screenshot": shot.name,
            "size": [frame.width(), frame.height()],
            "fits": room.contains(frame),
            "hidden_buttons": hidden_buttons(dialog, room),
            "tab_stops": len(walk.stops),
            "focus_problems": walk.problems(),
            "name_problems": walk_accessibility(dialog).problems(),
            "cut_figures": cut_figures(dialog),
        }
        if args.atspi:
            wait_for_screen_reader(args.atspi, f"dialog-{slug(name)}", name, dialog)
        dialog.close()
        dialog.deleteLater()
        settle(5)

    (out / "report.json").write_text(json.dumps(report, indent=2))
    window.runner.shutdown()
    window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
