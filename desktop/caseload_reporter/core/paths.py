"""Where the shipped resources and templates are, in a checkout, an installed wheel or a frozen build.

The repository keeps ``resources/`` and ``templates/`` at its top level (the design card); the
wheel carries them as ``caseload_reporter/_data/...``; a PyInstaller build puts ``_data`` next to
the package inside its bundle. Every lookup goes through here so no other module guesses.
"""

from __future__ import annotations

import sys
from functools import cache
from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent.parent


@cache
def data_root() -> Path:
    """The folder that holds ``resources/`` and ``templates/``."""
    candidates = [_PACKAGE_DIR / "_data"]
    frozen_base = getattr(sys, "_MEIPASS", None)
    if frozen_base:
        candidates.append(Path(frozen_base) / "caseload_reporter" / "_data")
    # A source checkout: desktop/caseload_reporter -> repository root.
    candidates.append(_PACKAGE_DIR.parent.parent)
    for candidate in candidates:
        if (candidate / "resources").is_dir() and (candidate / "templates").is_dir():
            return candidate
    raise FileNotFoundError("Caseload Reporter's resources folder is missing; reinstall the application.")


def resources_dir() -> Path:
    return data_root() / "resources"


def templates_dir() -> Path:
    return data_root() / "templates"
