"""Anonymising a published paper: small counts suppressed, worker names kept out.

Papers go on the council's website. A count of one to four workers, or a team's range when the
team has so few workers, can point to one person's caseload, so both are withheld unless the
officer explicitly turns suppression off. Worker names in the officer's own text are found and
replaced, since no table the report builds ever lists workers.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass

from caseload_reporter.core.figures import figure

SMALL_COUNT = 5
SUPPRESSED = "fewer than 5"
WITHHELD = "not shown"  # a figure withheld because it could identify someone, said in words
WORKER_PLACEHOLDER = "a worker"


def is_missing(value: object) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def count_text(value: object, suppress: bool) -> str:
    """A count of people as published: '12', '0', or 'fewer than 5' for one to four when suppressing."""
    number = figure(value)
    if number is None:
        return "no figure"
    if suppress and 0 < number < SMALL_COUNT:
        return SUPPRESSED
    return f"{number:,.0f}"


def is_small(value: object) -> bool:
    number = figure(value)
    return number is not None and 0 < number < SMALL_COUNT


@dataclass(frozen=True)
class NameFinding:
    name: str
    text: str  # the start of the text where it was found, so the officer can find it


class WorkerNames:
    """Finds any of the data's worker names in free text, as whole words and ignoring case."""

    def __init__(self, names: Iterable[object]) -> None:
        cleaned = sorted(
            {str(n).strip() for n in names if not is_missing(n) and len(str(n).strip()) >= 3}, key=len, reverse=True
        )
        self.names = cleaned
        self._pattern = (
            re.compile(r"\b(" + "|".join(re.escape(n) for n in cleaned) + r")\b", re.IGNORECASE) if cleaned else None
        )

    def find(self, texts: Iterable[str]) -> list[NameFinding]:
        found = []
        for text in texts:
            for match in self._pattern.finditer(text) if self._pattern else ():
                found.append(NameFinding(match.group(0), text[:60]))
        return found

    def scrub(self, text: str) -> str:
        """The text with every worker name replaced by 'a worker'."""
        return self._pattern.sub(WORKER_PLACEHOLDER, text) if self._pattern else text
