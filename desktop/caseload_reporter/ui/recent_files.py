"""The recent-files list, kept in QSettings so it survives restarts."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings

MAX_RECENT = 8
_KEY = "files/recent"


def recent_files(settings: QSettings) -> list[Path]:
    value = settings.value(_KEY, [])
    if isinstance(value, str):  # QSettings returns a lone string for a one-item list
        value = [value]
    return [Path(v) for v in (value if isinstance(value, list) else [])]


def remember_file(settings: QSettings, path: Path) -> list[Path]:
    """Put ``path`` first, drop duplicates and anything beyond MAX_RECENT."""
    path = path.resolve()
    paths = [path] + [p for p in recent_files(settings) if p != path]
    paths = paths[:MAX_RECENT]
    settings.setValue(_KEY, [str(p) for p in paths])
    return paths


def clear_recent(settings: QSettings) -> None:
    settings.remove(_KEY)
