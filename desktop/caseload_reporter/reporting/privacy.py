"""Anonymising a published paper: small counts suppressed, totals that would undo them withheld, names kept out.

Papers go on the council's website. A count of one to four workers, or a team's range when the
team has so few workers, can point to one person's caseload, so both are withheld unless the
officer explicitly turns suppression off. Suppressing a count is not enough when a total is printed
beside it: an "All teams" figure of 7 over two teams shown as "fewer than 5" leaves 3 and 4 by
subtraction. So, as the Department for Education and ONS practise it (secondary suppression), a
total is withheld too whenever a count it adds up would otherwise be recovered, and the paper says
so. Worker names in the officer's own text are found and replaced, since no table the report
builds ever lists workers.
"""

from __future__ import annotations

import math
import ntpath
import posixpath
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

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


def total_is_safe(total: object, parts: Iterable[object]) -> bool:
    """Whether a total of people may be printed beside its parts without undoing their suppression.

    Not when any part is a small count (it could be worked out by subtracting the others from the
    total), nor when the total less the parts shown is itself a small count (people in no row of
    the table, such as workers with no team, would then be counted by subtraction).
    """
    if is_missing(total):
        return True
    known = [float(p) for p in parts if not is_missing(p)]  # type: ignore[arg-type]
    if any(0 < p < SMALL_COUNT for p in known):
        return False
    return not is_small(float(total) - sum(known))  # type: ignore[arg-type]


def total_text(total: object, parts: Iterable[object], suppress: bool) -> str:
    """A total of people as published beside its parts: as :func:`count_text`, or 'not shown' when
    printing it would let a suppressed part be worked out (see :func:`total_is_safe`)."""
    if suppress and not total_is_safe(total, parts):
        return WITHHELD
    return count_text(total, suppress)


def overall_range_is_safe(low: object, high: object, parts: Sequence[tuple[object, object, object]]) -> bool:
    """Whether the range of all teams may be printed beside teams' ranges, some withheld.

    ``parts`` holds each team's (low, high, workers). The lowest and highest caseloads of all teams
    must each be reached by a team whose range is shown: otherwise they are one worker's caseload in
    a team too small to show its range, given away by the total row.
    """
    shown = [(lo, hi) for lo, hi, workers in parts if not is_small(workers) and not is_missing(lo)]
    if len(shown) == len([p for p in parts if not is_missing(p[0])]):
        return True  # no team's range is withheld
    if not shown or is_missing(low) or is_missing(high):
        return False
    return float(low) >= min(float(lo) for lo, _ in shown) and float(high) <= max(float(hi) for _, hi in shown)  # type: ignore[arg-type]


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


# -- source documents ------------------------------------------------------------------------------

# Printed for a source document whose location the officer has not typed: true of any paper, and it
# gives away nothing of the officer's computer.
UNTYPED_LOCATION = "Available from the report author"
_FOLDER_PATH = re.compile(r"(?:^|[\s(])(?:[A-Za-z]:[\\/]|\\\\\w|/\w[^/\s]*/|~[\\/])")


def looks_like_path(text: str) -> bool:
    """Whether text holds a folder path on a computer ('C:\\Users\\...', '\\\\server\\share', '/home/...')."""
    return bool(_FOLDER_PATH.search(text))


def source_location(location: str, path: str = "") -> str:
    """Where a source document is held, as the paper prints it: the location the officer chose, such as
    "Children's Services shared drive, caseload returns"; never the folder the file was opened from
    (which earlier versions filled in, and which names the officer's computer) unless typed otherwise."""
    typed = location.strip()
    if not typed:
        return UNTYPED_LOCATION
    if path and typed in {ntpath.dirname(path), posixpath.dirname(path), str(Path(path).parent)}:
        return UNTYPED_LOCATION
    return typed


def typed_path_warnings(rows: Iterable[tuple[str, str, str]]) -> list[str]:
    """A warning for each source document whose chosen location is a folder path: it will be published."""
    return [
        f"The location of {document or 'a source document'} is a folder path on a computer ('{location}'): it "
        'will be published as typed; a description such as "Children\'s Services shared drive" says enough.'
        for document, location, path in rows
        if looks_like_path(source_location(location, path))
    ]
