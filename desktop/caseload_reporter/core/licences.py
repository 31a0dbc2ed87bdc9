"""The libraries the app bundles and their licences, for Help > About.

Versions are read from the installed distributions; licence names are stated here because
package metadata spells them inconsistently (or, for Qt, not at all).
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import metadata


@dataclass(frozen=True)
class Bundled:
    name: str
    distribution: str
    licence: str
    url: str


BUNDLED = (
    Bundled(
        "Qt for Python (PySide6)",
        "PySide6-Essentials",
        "LGPL-3.0-only (Qt is used as shared libraries)",
        "https://www.qt.io/qt-for-python",
    ),
    Bundled("Shiboken6", "shiboken6", "LGPL-3.0-only", "https://www.qt.io/qt-for-python"),
    Bundled("pyqtgraph", "pyqtgraph", "MIT", "https://www.pyqtgraph.org"),
    Bundled("pandas", "pandas", "BSD-3-Clause", "https://pandas.pydata.org"),
    Bundled("NumPy", "numpy", "BSD-3-Clause", "https://numpy.org"),
    Bundled("openpyxl", "openpyxl", "MIT", "https://openpyxl.readthedocs.io"),
    Bundled("python-calamine", "python-calamine", "MIT", "https://github.com/dimastbk/python-calamine"),
    Bundled("defusedxml", "defusedxml", "PSF-2.0", "https://github.com/tiran/defusedxml"),
    Bundled("python-docx", "python-docx", "MIT", "https://github.com/python-openxml/python-docx"),
    Bundled("msoffcrypto-tool", "msoffcrypto-tool", "MIT", "https://github.com/nolze/msoffcrypto-tool"),
    Bundled("cryptography", "cryptography", "Apache-2.0 OR BSD-3-Clause", "https://cryptography.io"),
    Bundled("olefile", "olefile", "BSD-2-Clause", "https://github.com/decalage2/olefile"),
    Bundled("cffi", "cffi", "MIT", "https://cffi.readthedocs.io"),
    Bundled("pycparser", "pycparser", "BSD-3-Clause", "https://github.com/eliben/pycparser"),
    Bundled("lxml", "lxml", "BSD-3-Clause", "https://lxml.de"),
    Bundled("et_xmlfile", "et_xmlfile", "MIT", "https://foss.heptapod.net/openpyxl/et_xmlfile"),
)


def bundled_versions() -> list[tuple[Bundled, str]]:
    """Each bundled library with its installed version ('not installed' if absent)."""
    found = []
    for item in BUNDLED:
        try:
            version = metadata.version(item.distribution)
        except metadata.PackageNotFoundError:
            version = "not installed"
        found.append((item, version))
    return found
