"""Make the user guide's screenshots from the real app, so they show what it does today.

    python packaging/guide_screenshots.py            # rewrites resources/guide/images/*.png
    python packaging/guide_screenshots.py --out DIR  # writes them somewhere else (the test does this)

Each picture is the real main window or dialog, built on the built-in sample council or on files made
here by the test generators (tests/generators), drawn offscreen (QT_QPA_PLATFORM=offscreen) and grabbed
with QWidget.grab(). Settings, remembered choices and autosaves go to a temporary folder, so the
officer's own are never read or touched. Every window is given a fixed size, so a picture keeps its
size from one run to the next and the guide's test can tell a stale picture from a fresh one.

The pictures are reduced to at most 256 colours (flat interface colours, so nothing visible is lost)
and saved as paletted PNG files, which keeps the guide small in the installed app.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

# Before Qt is imported: no screen needed, nothing flashes up. The offscreen screen is 1920x1080 (its
# default is 800x600), so a dialog is shot at the size asked for rather than squeezed to fit that screen.
_SCREEN = Path(tempfile.gettempdir()) / "caseload-reporter-guide-screen.json"
_SCREEN.write_text(
    '{"screens": [{"name": "Guide", "x": 0, "y": 0, "width": 1920, "height": 1080, '
    '"logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}'
)
os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={_SCREEN}"
os.environ.setdefault("QT_LOGGING_RULES", "qt.qpa.*=false")

ROOT = Path(__file__).resolve().parent.parent
for folder in (ROOT / "desktop", ROOT / "tests"):
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))

import numpy as np  # noqa: E402
from PySide6.QtCore import QCoreApplication, QSettings, QSize, QStandardPaths, Qt  # noqa: E402
from PySide6.QtGui import QImage, qRgb  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

from caseload_reporter import APP_NAME, ORG_NAME  # noqa: E402
from caseload_reporter.core.offline import install_network_guard  # noqa: E402

IMAGES = ROOT / "resources" / "guide" / "images"
WINDOW = QSize(1180, 740)  # about what a 14-inch laptop at 150% scaling leaves for the window
MAX_WIDTH = WINDOW.width()  # a wider picture (a dialog whose least size is wider) is scaled down to this
COLOURS = 256


# -- the data the pictures show --------------------------------------------------------------------------
def messy_caseloads(folder: Path) -> Path:
    """A month's worker list as officers really keep it: a title with the month, a figure typed as words,
    'N/A', an FTE written as text, a 'Total' row that does not add up and a note under the table."""
    from generators.council_shapes import write_openpyxl

    grid: list[list[object]] = [
        ["Social work caseloads, March 2022"],
        [],
        ["Team", "Social worker", "FTE", "Allocated cases"],
        ["Northfield Assessment Team", "Amélie Hart", 1.0, 21],
        ["Northfield Assessment Team", "Bryn Cole", 1.0, "N/A"],
        ["Northfield Assessment Team", "Ciarán Shaw", "full time", 19],
        ["Northfield Assessment Team", "Dee Marsh", 0.8, 15],
        ["Eastbrook Children's Team", "Eóin Price", 1.0, 18],
        ["Eastbrook Children's Team", "Fay Lowe", 0.6, 11],
        ["Eastbrook Children's Team", "Gwen Hale", 1.0, "sixteen"],
        ["Eastbrook Children's Team", "Hal Reid", 1.0, 17],
        ["Total", "", "", 120],
        [],
        ["Note: cases are allocated children at the last working day of the month."],
    ]
    return write_openpyxl(grid, folder / "caseloads march 2022.xlsx")


def unusual_headings(folder: Path) -> Path:
    """Headings the importer has to guess at, so it asks the officer to check (the check window)."""
    path = folder / "allocations.csv"
    lines = [
        "Allocations March 2022",
        "Our unit,Staff,Cases on books (allocated)",
        "Hub North,Worker A,21",
        "Hub North,Worker B,12",
        "Ely Young People,Worker C,17",
        "Ely Young People,Worker D,15",
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def quarter_files(folder: Path) -> tuple[Path, Path]:
    """One council's September and December 2017 in two files, one a quarter, as they arrive."""
    from generators.council_shapes import PERIODS, shape_worker_long, write_openpyxl

    grid = shape_worker_long()
    paths = []
    for period, name in zip(PERIODS, ("caseloads september 2017", "caseloads december 2017"), strict=True):
        rows = [grid[0]] + [row for row in grid[1:] if row[0] == period]
        paths.append(write_openpyxl(rows, folder / f"{name}.xlsx"))
    return paths[0], paths[1]


# -- making pictures ------------------------------------------------------------------------------------------
class Studio:
    """The application, a temporary folder for settings and data, and the pictures written so far."""

    def __init__(self, out: Path, work: Path) -> None:
        self.out = out
        self.work = work
        self.app = QApplication.instance() or QApplication([sys.argv[0]])
        self.written: list[Path] = []

    def settle(self, seconds: float = 0.3) -> None:
        """Let queued work (imports, charts, layouts) finish."""
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            self.app.processEvents()
            time.sleep(0.01)

    def wait(self, condition: Callable[[], bool], what: str, seconds: float = 60) -> None:
        end = time.monotonic() + seconds
        while not condition():
            if time.monotonic() > end:
                raise SystemExit(f"{what} did not finish within {seconds:.0f} seconds.")
            self.app.processEvents()
            time.sleep(0.01)
        self.settle()

    def window(self, name: str):  # -> MainWindow (imported late: Qt settings must be set first)
        from caseload_reporter.ui.main_window import MainWindow

        window = MainWindow(data_dir=self.work / "data" / name)
        window.resize(WINDOW)
        window.show()
        self.settle()
        return window

    def open(self, window, paths: list[Path] | None = None) -> None:
        """Open ``paths`` (or the sample council) the way File > Open does, and wait for the import."""
        if paths is None:
            window.open_sample()
        else:
            window.open_paths(paths)
        self.wait(lambda: not window.runner.is_busy() and not window.dataset.is_empty(), "Opening the data")

    def shoot(self, widget: QWidget, name: str, size: QSize | None = None) -> Path:
        if size is not None:
            widget.resize(size)
        widget.show()
        self.settle()
        path = self.out / f"{name}.png"
        save_small_png(widget.grab().toImage(), path)
        self.written.append(path)
        return path


# Flat colours stay flat: dithering would speckle the greys and make the files larger.
_NO_DITHER = Qt.ImageConversionFlag.ThresholdDither | Qt.ImageConversionFlag.AvoidDither


def save_small_png(image: QImage, path: Path) -> None:
    """Save ``image`` as a paletted PNG of at most COLOURS colours chosen from the image itself.

    Interface pictures are mostly flat colours with anti-aliased text: the most used colours (counted
    after dropping the lowest three bits of each channel) cover them, and every pixel takes the nearest.
    """
    if image.width() > MAX_WIDTH:
        image = image.scaledToWidth(MAX_WIDTH, Qt.TransformationMode.SmoothTransformation)
    image = image.convertToFormat(QImage.Format.Format_RGB32)
    width, height = image.width(), image.height()
    pixels = np.frombuffer(image.constBits(), dtype=np.uint32, count=image.sizeInBytes() // 4)
    pixels = pixels.reshape(height, image.bytesPerLine() // 4)[:, :width] & 0xFFFFFF
    colours, counts = np.unique(pixels, return_counts=True)
    if len(colours) > COLOURS:
        buckets = (colours >> 3) & 0x1F1F1F
        keys, inverse = np.unique(buckets, return_inverse=True)
        weight = np.bincount(inverse, weights=counts)
        chosen = np.argsort(-weight, kind="stable")[:COLOURS]
        rgb = np.stack([(colours >> 16) & 0xFF, (colours >> 8) & 0xFF, colours & 0xFF], axis=1).astype(np.float64)
        sums = np.zeros((len(keys), 3))
        np.add.at(sums, inverse, rgb * counts[:, None])
        palette_rgb = np.rint(sums[chosen] / weight[chosen, None]).astype(np.int64)
    else:
        palette_rgb = np.stack([(colours >> 16) & 0xFF, (colours >> 8) & 0xFF, colours & 0xFF], axis=1)
    palette = [qRgb(int(r), int(g), int(b)) for r, g, b in palette_rgb]
    small = image.convertToFormat(QImage.Format.Format_Indexed8, palette, _NO_DITHER)
    path.parent.mkdir(parents=True, exist_ok=True)
    if not small.save(str(path), "PNG", 0):  # quality 0: the smallest file zlib can make
        raise SystemExit(f"Could not write {path}.")


# -- the pictures -------------------------------------------------------------------------------------------------
def shoot_all(studio: Studio) -> list[Path]:
    from caseload_reporter.reading.importer import import_files
    from caseload_reporter.reporting.completeness import draft_gaps
    from caseload_reporter.reporting.council_profile import CouncilProfile, Officer, OfficerContact
    from caseload_reporter.ui.commentary_dialog import CommentaryDialog
    from caseload_reporter.ui.import_review import ImportReviewDialog
    from caseload_reporter.ui.profile_dialog import ProfileDialog
    from caseload_reporter.ui.report_export import FindingsDialog
    from caseload_reporter.ui.roll_forward_dialog import RollForwardDialog
    from caseload_reporter.ui.thresholds_dialog import ThresholdsDialog

    files = studio.work / "files"
    files.mkdir(parents=True, exist_ok=True)

    # The sample council: the window, each page, the settings and the report.
    sample = studio.window("sample")
    studio.open(sample)
    sample.show_page("Teams")
    select_row(sample.teams_page.table, "Brackenford Assessment Team 1")  # a team well above its target
    studio.shoot(sample, "teams-page")
    sample.show_page("Districts")
    studio.shoot(sample, "districts-page")
    sample.show_page("Compare periods")
    studio.shoot(sample, "compare-periods-page")
    sample.show_page("Service measures")
    studio.shoot(sample, "service-measures-page")
    sample.show_page("Staffing")
    staffing = sample.staffing_page
    staffing.keep_option()
    for row in range(staffing.types.count()):
        item = staffing.types.item(row)
        if item.text() == "Disabled children":
            item.setCheckState(Qt.CheckState.Unchecked)
    staffing.keep_option()
    studio.shoot(sample, "staffing-page")
    sample.show_page("Benchmarks")
    sample.benchmarks_page.choose_council("873")  # Cambridgeshire: any real council shows the comparison
    studio.settle()
    studio.shoot(sample, "benchmarks-page")
    sample.benchmarks_page.choose_council(None)

    targets = ThresholdsDialog(sample.thresholds, sample)
    studio.shoot(targets, "caseload-targets", targets.sizeHint().expandedTo(QSize(640, 0)))
    targets.reject()
    profile = CouncilProfile(
        council="Wenmoor County Council",
        committees=["Children and Young People Committee", "Corporate Parenting Panel"],
        officers=[Officer("Director of Children's Services")],
        contact=OfficerContact(
            name="Sam Okafor", post="Head of Service", email="sam.okafor@example.org", telephone="01234 567890"
        ),
        source_location="Children's Services shared drive, caseload returns",
    )
    profile_dialog = ProfileDialog(profile, sample)
    studio.shoot(profile_dialog, "council-profile", QSize(640, 620))
    profile_dialog.reject()

    sample.show_report_page()
    report = sample.report_page
    report.outline.select(1)  # the first numbered section holds data blocks
    studio.settle()
    studio.shoot(sample, "report-page")
    commentary = CommentaryDialog(
        _proposals(report), "the key issues", lambda item: None, lambda text: None, set(), sample
    )
    studio.shoot(commentary, "suggested-sentences", QSize(760, 560))
    commentary.reject()

    # A messy month: the Data page says what was and was not imported.
    messy = studio.window("messy")
    studio.open(messy, [messy_caseloads(files)])
    messy.show_page("Data")
    messy.data_page.tabs.setCurrentIndex(1)
    studio.shoot(messy, "data-page")

    # Headings it has to guess at: the check window.
    results = import_files([unusual_headings(files)])
    review = ImportReviewDialog(results, messy)
    studio.shoot(review, "check-window", QSize(1180, 740))
    review.reject()

    # Next quarter's paper from this one.
    september, december = quarter_files(files)
    paper = studio.window("paper")
    studio.open(paper, [september])
    paper.session.edit(lambda draft: _fill_header(draft, profile))
    shown: list[object] = []
    paper.show_changes = shown.append
    paper.imports.roll_forward_with([december])
    studio.wait(lambda: bool(shown), "Rolling the paper forward")
    changes = RollForwardDialog(shown[0], paper)
    studio.shoot(changes, "new-paper-what-changed", QSize(980, 520))
    changes.reject()
    gaps = draft_gaps(paper.session.draft)
    findings = FindingsDialog(gaps, [], exporting=True, parent=paper)
    studio.shoot(findings, "before-you-export", QSize(820, 420))
    findings.reject()

    for window in (sample, messy, paper):
        window.runner.shutdown()
        window.close()
    return studio.written


def select_row(table, text: str) -> None:
    """Select the row whose first column reads ``text`` (as an officer clicks it)."""
    model = table.model()
    for row in range(model.rowCount()):
        if model.index(row, 0).data() == text:
            table.selectRow(row)
            return
    raise SystemExit(f"No row reads {text!r}: the sample council has changed, so the guide needs another example.")


def _proposals(report_page):
    from caseload_reporter.reporting.commentary import propose

    return propose(report_page.block_context())


def _fill_header(draft, profile) -> None:
    """What an officer types for the September paper: the committee and meeting, a recommendation still to
    finish, and no contact yet (so the checks before export have something to say)."""
    draft.header.committee = profile.committee
    draft.header.meeting_date = dt.date(2017, 10, 19).isoformat()
    draft.header.from_name = profile.officers[0].name
    draft.recommendations.append("Agree the date of the next review of caseloads, [date].")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=IMAGES, help=f"folder for the pictures (default: {IMAGES})")
    args = parser.parse_args(argv)
    install_network_guard()
    QStandardPaths.setTestModeEnabled(True)
    QCoreApplication.setOrganizationName(ORG_NAME)
    QCoreApplication.setApplicationName(APP_NAME)
    with tempfile.TemporaryDirectory(prefix="guide-screenshots-") as work:
        QSettings.setDefaultFormat(QSettings.Format.IniFormat)
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(Path(work) / "settings"))
        studio = Studio(args.out, Path(work))
        written = shoot_all(studio)
    total = sum(path.stat().st_size for path in written)
    for path in written:
        print(f"{path.name}: {path.stat().st_size / 1024:.0f} KB")
    print(f"{len(written)} pictures, {total / 1024:.0f} KB in all, in {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
