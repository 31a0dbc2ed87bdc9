"""What an import understood, as plain data: the ``inspect --json`` shape and the Data page's source."""

from __future__ import annotations

from caseload_reporter.reading.importer import FileResult
from caseload_reporter.reading.sheet_result import SheetResult


def sheet_as_dict(sheet: SheetResult) -> dict[str, object]:
    return {
        "name": sheet.name,
        "layout": sheet.layout,
        "status": sheet.status,
        "header_rows": sheet.header_rows,
        "mapping": sheet.mapping,
        "periods": [p.iso() for p in sheet.periods()],
        "records": sheet.imported_count(),
        "rejected": [r.as_dict() for r in sheet.rejected],
        "warnings": list(sheet.warnings),
        "doubts": list(sheet.doubts),
        "unused": [u.as_dict() for u in sheet.unused],
        "notes": [{"row": row, "text": text} for row, text in sheet.notes],
    }


def file_as_dict(result: FileResult) -> dict[str, object]:
    return {
        "path": str(result.path),
        "ok": result.ok,
        "error": result.error,
        "reason": result.reason,  # a stable code for why the file could not be used; None when it was
        "format": result.format,
        "sheets": [sheet_as_dict(s) for s in result.sheets],
    }
