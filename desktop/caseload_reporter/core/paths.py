"""Where the shipped resources and templates are, in a checkout, an installed wheel or a frozen build.

The repository keeps ``resources/`` and ``templates/`` at its top level (the design card); the
wheel carries them as ``caseload_reporter/_data/...``; a PyInstaller build puts ``_data`` next to
the package inside its bundle. Every lookup goes through here so no other module guesses.
"""

from __future__ import annotations

import ntpath
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


# Windows refuses a path of MAX_PATH (260) characters or more, and a folder of 248, unless the whole
# machine has long paths switched on (LongPathsEnabled, off unless IT sets it). Paths from here up get the
# extended-length form, which Windows always accepts; the margin covers a temporary file's longer name.
WINDOWS_LONG_PATH = 200


def long_path_form(path: Path | str, windows: bool = sys.platform == "win32") -> str:
    """``path`` in the form the system opens whatever its length: on Windows, an absolute path of
    WINDOWS_LONG_PATH characters or more as ``\\\\?\\C:\\...`` (``\\\\?\\UNC\\server\\share\\...`` on a network
    share), normalised because that form takes no ``/`` or ``..``. Anything else is returned as it is."""
    text = str(path)
    if not windows or len(text) < WINDOWS_LONG_PATH or text.startswith("\\\\?\\"):
        return text
    text = ntpath.normpath(text)
    if text.startswith("\\\\"):
        return "\\\\?\\UNC\\" + text[2:]
    drive, rest = ntpath.splitdrive(text)
    return "\\\\?\\" + text if len(drive) == 2 and rest.startswith("\\") else text
