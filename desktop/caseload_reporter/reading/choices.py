"""The officer's corrections to what the importer detected, and the memory of confirmed ones.

A choice is keyed by the sheet's *signature* (its name and column headings, leaving out the
period columns, which change every month), so next month's file with the same layout is
recognised and imported with the same corrections in one click. Stored as JSON, never pickle.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from caseload_reporter.core.atomic_write import write_text_atomically
from caseload_reporter.reading.fields import normalise_header

log = logging.getLogger(__name__)


@dataclass
class SheetChoice:
    """Corrections for one sheet. ``None`` means 'as the importer detected it'."""

    include: bool = True
    header_row: int | None = None  # 1-based, as the spreadsheet shows it
    header_rows: int | None = None  # 1 or 2
    layout: str | None = None
    mapping: dict[str, str] | None = None  # canonical field -> column heading ('' leaves it unmapped)
    team_types: dict[str, str] = field(default_factory=dict)  # team name -> team type key

    def is_default(self) -> bool:
        return self == SheetChoice()

    def to_json(self) -> dict[str, object]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> SheetChoice:
        known = {k: data[k] for k in cls.__dataclass_fields__ if k in data}
        choice = cls(**known)
        choice.team_types = dict(choice.team_types or {})
        return choice


def sheet_signature(sheet_name: str, headers: list[str], period_columns: set[int]) -> str:
    """A stable identity for 'this kind of sheet', independent of which months it covers."""
    kept = [normalise_header(h) for i, h in enumerate(headers) if i not in period_columns and h]
    text = normalise_header(sheet_name) + "|" + "|".join(kept)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:24]


class ChoiceMemory:
    """Confirmed choices per sheet signature, kept in one JSON file in the user's data folder."""

    VERSION = 1

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self._entries: dict[str, dict[str, Any]] = {}  # as read from JSON
        if path is not None and path.exists():
            try:
                data = json.loads(path.read_text(encoding="utf-8"))
                if data.get("version") == self.VERSION:
                    self._entries = dict(data.get("sheets", {}))
            except (OSError, ValueError, AttributeError):
                log.warning("Remembered mappings in %s could not be read; starting afresh.", path)

    def lookup(self, signature: str) -> SheetChoice | None:
        entry = self._entries.get(signature)
        return SheetChoice.from_json(entry["choice"]) if entry else None

    def remember(self, signature: str, choice: SheetChoice, example: str) -> None:
        self._entries[signature] = {
            "choice": choice.to_json(),
            "example_file": example,
            "confirmed": dt.datetime.now().isoformat(timespec="seconds"),
        }
        self.save()

    def forget(self, signature: str) -> None:
        if self._entries.pop(signature, None) is not None:
            self.save()

    def __len__(self) -> int:
        return len(self._entries)

    def save(self) -> None:
        """Write atomically: a crash mid-write leaves the previous file intact."""
        if self.path is None:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        payload = json.dumps({"version": self.VERSION, "sheets": self._entries}, indent=2, ensure_ascii=False)
        write_text_atomically(self.path, payload)
