"""Undo and redo for a report draft's structure, as whole-draft snapshots (JSON), free of Qt.

Text widgets keep their own undo; this history covers what they cannot: adding, removing,
renaming and moving sections and items, and changing the template. Before each such change the
editor calls :meth:`DraftHistory.push` with the draft as it is; :meth:`undo` then gives that
draft back. Undo and redo take the draft as it is now, so that typing done after a structural
change is not lost: it is what redo brings back.
"""

from __future__ import annotations

from typing import Any

from caseload_reporter.reporting.draft import ReportDraft

DEFAULT_LIMIT = 100


class DraftHistory:
    def __init__(self, limit: int = DEFAULT_LIMIT) -> None:
        self.limit = max(int(limit), 1)
        self._undo: list[dict[str, Any]] = []
        self._redo: list[dict[str, Any]] = []

    def push(self, draft: ReportDraft) -> None:
        """Remember ``draft`` as it is, just before a structural change; forgets what could be redone."""
        snapshot = draft.to_json()
        if self._undo and self._undo[-1] == snapshot:
            self._redo.clear()
            return  # nothing changed since the last snapshot: one undo step, not two
        self._undo.append(snapshot)
        del self._undo[: -self.limit]
        self._redo.clear()

    @property
    def can_undo(self) -> bool:
        return bool(self._undo)

    @property
    def can_redo(self) -> bool:
        return bool(self._redo)

    def undo(self, current: ReportDraft) -> ReportDraft | None:
        """The draft before the last structural change (None if there is none); ``current`` can be redone."""
        if not self._undo:
            return None
        self._redo.append(current.to_json())
        return ReportDraft.from_json(self._undo.pop())

    def redo(self, current: ReportDraft) -> ReportDraft | None:
        """The draft the last undo went back from (None if there is none)."""
        if not self._redo:
            return None
        self._undo.append(current.to_json())
        del self._undo[: -self.limit]
        return ReportDraft.from_json(self._redo.pop())

    def clear(self) -> None:
        self._undo.clear()
        self._redo.clear()

    def __len__(self) -> int:
        return len(self._undo)
