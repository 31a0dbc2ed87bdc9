"""The libraries and data the app bundles, their licences and the licence texts, for Help > About.

Versions and licence texts are read from the installed distributions' metadata (a frozen build
carries the same ``.dist-info`` folders), so they always describe what is really shipped. Licence
names are stated here because package metadata spells them inconsistently or, for Qt, not at all;
Qt's own texts (LGPL-3.0 and the GPL-3.0 it builds on) and Python's ship in ``resources/licences``.
So do the Open Government Licence and the attribution for the Department for Education's statistics
the app ships in ``resources/benchmarks`` (OGL v3.0 asks that the source be acknowledged).
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from caseload_reporter.core.paths import resources_dir

_LICENCE_FILE = re.compile(r"(LICEN[CS]E|COPYING|NOTICE|AUTHORS)", re.IGNORECASE)


@dataclass(frozen=True)
class Bundled:
    name: str
    distribution: str  # empty for what is not a Python distribution (the interpreter itself)
    licence: str
    url: str
    shipped_texts: tuple[str, ...] = ()  # files in resources/licences, for what has none in its metadata
    frozen_only: bool = False  # only in the packaged build (PyInstaller's bootloader)
    version: str = ""  # for what is neither a distribution nor the interpreter: data, by its release
    folder: str = ""  # its sub-folder of the licences folder, when its name does not make a good one


_QT_TEXTS = ("LGPL-3.0.txt", "GPL-3.0.txt")

BUNDLED = (
    Bundled("Python", "", "PSF-2.0", "https://www.python.org", ("Python-PSF-2.0.txt",), frozen_only=True),
    Bundled(
        "Qt for Python (PySide6)",
        "PySide6-Essentials",
        "LGPL-3.0-only (Qt is used as shared libraries)",
        "https://www.qt.io/qt-for-python",
        _QT_TEXTS,
    ),
    Bundled("Shiboken6", "shiboken6", "LGPL-3.0-only", "https://www.qt.io/qt-for-python", _QT_TEXTS),
    Bundled("pyqtgraph", "pyqtgraph", "MIT", "https://www.pyqtgraph.org"),
    Bundled("colorama", "colorama", "BSD-3-Clause", "https://github.com/tartley/colorama"),
    Bundled("pandas", "pandas", "BSD-3-Clause", "https://pandas.pydata.org"),
    Bundled("NumPy", "numpy", "BSD-3-Clause and others (see its texts)", "https://numpy.org"),
    Bundled("python-dateutil", "python-dateutil", "BSD-3-Clause", "https://github.com/dateutil/dateutil"),
    Bundled("tzdata", "tzdata", "Apache-2.0", "https://github.com/python/tzdata"),
    Bundled("openpyxl", "openpyxl", "MIT", "https://openpyxl.readthedocs.io"),
    Bundled("et_xmlfile", "et_xmlfile", "MIT", "https://foss.heptapod.net/openpyxl/et_xmlfile"),
    Bundled("python-calamine", "python-calamine", "MIT", "https://github.com/dimastbk/python-calamine"),
    Bundled("defusedxml", "defusedxml", "PSF-2.0", "https://github.com/tiran/defusedxml"),
    Bundled("python-docx", "python-docx", "MIT", "https://github.com/python-openxml/python-docx"),
    Bundled("lxml", "lxml", "BSD-3-Clause", "https://lxml.de"),
    Bundled("typing_extensions", "typing_extensions", "PSF-2.0", "https://github.com/python/typing_extensions"),
    Bundled("msoffcrypto-tool", "msoffcrypto-tool", "MIT", "https://github.com/nolze/msoffcrypto-tool"),
    Bundled("cryptography", "cryptography", "Apache-2.0 OR BSD-3-Clause", "https://cryptography.io"),
    Bundled("olefile", "olefile", "BSD-2-Clause", "https://github.com/decalage2/olefile"),
    Bundled("cffi", "cffi", "MIT-0", "https://cffi.readthedocs.io"),
    Bundled("pycparser", "pycparser", "BSD-3-Clause", "https://github.com/eliben/pycparser"),
    Bundled(
        "Department for Education statistics (children's social work workforce; statistical neighbours)",
        "",
        "Open Government Licence v3.0 (Crown copyright)",
        "https://explore-education-statistics.service.gov.uk",
        ("DfE-statistics-NOTICE.txt", "OGL-UK-3.0.txt"),
        version="workforce 2017 to 2025; neighbours model 2025",
        folder="DfE-statistics",
    ),
    Bundled(
        "PyInstaller bootloader",
        "pyinstaller",
        "GPL-2.0-or-later with the bootloader exception (the packaged app may carry any licence)",
        "https://pyinstaller.org",
        frozen_only=True,
    ),
)


def is_frozen() -> bool:
    """True in the packaged (PyInstaller) build, false when run from a wheel or a checkout."""
    return bool(getattr(sys, "frozen", False))


def shipped(frozen: bool | None = None) -> tuple[Bundled, ...]:
    """What this copy of the app carries (``frozen``: what a packaged build carries, wherever this runs)."""
    frozen = is_frozen() if frozen is None else frozen
    return tuple(item for item in BUNDLED if frozen or not item.frozen_only)


def bundled_versions() -> list[tuple[Bundled, str]]:
    """Each shipped library with its installed version ('not installed' if absent)."""
    found = []
    for item in shipped():
        if item.version:
            version = item.version
        elif not item.distribution:
            version = sys.version.split()[0]
        else:
            try:
                version = metadata.version(item.distribution)
            except metadata.PackageNotFoundError:
                version = "not installed"
        found.append((item, version))
    return found


def licence_texts(item: Bundled) -> list[tuple[str, str]]:
    """(file name, text) for each licence file of a library: those in its metadata, then ours."""
    texts: list[tuple[str, str]] = []
    if item.distribution:
        try:
            files = metadata.distribution(item.distribution).files or []
        except metadata.PackageNotFoundError:
            files = []
        for file in files:
            in_metadata = file.parts[0].endswith(".dist-info")
            if in_metadata and _LICENCE_FILE.search(file.name):
                raw = Path(file.locate()).read_bytes()
                name = "/".join(file.parts[2:] if file.parts[1] == "licenses" else file.parts[1:])
                texts.append((name, raw.decode("utf-8", errors="replace")))
    for name in item.shipped_texts:
        texts.append((name, (resources_dir() / "licences" / name).read_text(encoding="utf-8")))
    return texts


def write_licence_folder(folder: Path, frozen: bool | None = None) -> list[Path]:
    """Every shipped library's (and data set's) licence texts as files, one sub-folder each, for a package to carry
    beside the app (IT departments read them there). Returns the files written."""
    written = []
    for item in shipped(frozen):
        for name, text in licence_texts(item):
            target = folder / (item.folder or item.distribution or item.name) / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
            written.append(target)
    return written
