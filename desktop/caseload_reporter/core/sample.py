"""The built-in sample council: its workbook and what to call it."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from caseload_reporter.core.paths import resources_dir


@dataclass(frozen=True)
class SampleCouncil:
    name: str
    description: str
    workbook: Path


def sample_council() -> SampleCouncil:
    folder = resources_dir() / "sample"
    meta = json.loads((folder / "sample_council.json").read_text(encoding="utf-8"))
    return SampleCouncil(meta["name"], meta["description"], folder / meta["workbook"])
