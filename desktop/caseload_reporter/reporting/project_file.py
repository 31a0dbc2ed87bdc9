"""The project file: a report draft with where its data came from, as JSON (never pickle).

Reopening a project brings back the draft exactly and re-reads its spreadsheets from where they
were; a file that has moved or changed since is named so the officer knows the figures may differ.
The same format serves the minute-by-minute autosave that is offered back after a crash.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from caseload_reporter.core.atomic_write import write_text_atomically
from caseload_reporter.reporting.draft import DraftError, ReportDraft

PROJECT_FORMAT = "caseload-reporter-project"
PROJECT_VERSION = 1
PROJECT_SUFFIX = ".crproject"
AUTOSAVE_NAME = f"autosave{PROJECT_SUFFIX}"


class ProjectError(ValueError):
    """A project file that cannot be opened; the message is one sentence for the officer."""


@dataclass(frozen=True)
class DataSource:
    path: str
    sha256: str
    size: int

    @classmethod
    def of(cls, path: Path) -> DataSource:
        data = Path(path).read_bytes()
        return cls(str(Path(path).resolve()), hashlib.sha256(data).hexdigest(), len(data))

    def problem(self) -> str | None:
        """Why the file cannot be trusted to give the same figures as when the project was saved."""
        path = Path(self.path)
        if not path.is_file():
            return f"{path.name} is no longer at {path.parent}."
        if DataSource.of(path).sha256 != self.sha256:
            return f"{path.name} has changed since the project was saved, so its figures may differ."
        return None


@dataclass
class Project:
    draft: ReportDraft
    sources: list[DataSource] = field(default_factory=list)
    sample: bool = False  # the built-in sample council, which is found wherever the app is installed
    thresholds: dict[str, Any] | None = None  # the targets in use when saved
    saved: str = ""
    period: str = ""  # the latest period of the data the paper reported (Period.iso), for rolling it forward

    def to_json(self) -> dict[str, Any]:
        return {
            "format": PROJECT_FORMAT,
            "version": PROJECT_VERSION,
            "saved": dt.datetime.now().isoformat(timespec="seconds"),
            "draft": self.draft.to_json(),
            "data": {
                "sample": self.sample,
                "files": [{"path": s.path, "sha256": s.sha256, "size": s.size} for s in self.sources],
            },
            "thresholds": self.thresholds,
            "period": self.period,
        }

    def source_problems(self) -> list[str]:
        return [p for p in (s.problem() for s in self.sources) if p]


def save_project(path: Path, project: Project) -> Path:
    """Write the project atomically: an interrupted save leaves the previous file whole."""
    return write_text_atomically(Path(path), json.dumps(project.to_json(), indent=2, ensure_ascii=False))


def load_project(path: Path) -> Project:
    """Read a project file, or raise :class:`ProjectError` with one sentence."""
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise ProjectError(f"{path.name} could not be found.") from exc
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ProjectError(f"{path.name} is not a Caseload Reporter project file.") from exc
    if not isinstance(data, dict) or data.get("format") != PROJECT_FORMAT:
        raise ProjectError(f"{path.name} is not a Caseload Reporter project file.")
    if not isinstance(data.get("version"), int) or data["version"] > PROJECT_VERSION:
        raise ProjectError(f"{path.name} was saved by a newer version of Caseload Reporter; update to open it.")
    try:
        draft = ReportDraft.from_json(data.get("draft"))
    except DraftError as exc:
        raise ProjectError(f"{path.name}: {exc}") from exc
    raw = data.get("data") or {}
    try:
        sources = [DataSource(str(f["path"]), str(f["sha256"]), int(f["size"])) for f in raw.get("files", [])]
    except (KeyError, TypeError, ValueError) as exc:
        raise ProjectError(f"{path.name} lists its data files in a damaged form.") from exc
    thresholds = data.get("thresholds")
    return Project(
        draft=draft,
        sources=sources,
        sample=bool(raw.get("sample", False)),
        thresholds=thresholds if isinstance(thresholds, dict) else None,
        saved=str(data.get("saved", "")),
        period=str(data.get("period") or ""),
    )
