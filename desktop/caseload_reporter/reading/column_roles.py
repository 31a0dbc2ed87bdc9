"""Which column feeds which field: the heading proposes, the content confirms or questions.

A heading alone is not enough: "Social workers" over names is the worker, over numbers a head
count; "FTE" over whole numbers up to 37 is hours, not FTE. So each column's content is profiled
(from a sample of its cells) and a field is taken only where the content fits it. Whatever the
importer had to guess, found contradicted, or could not use is said: as *doubts* (the sheet is
then marked for a check) and as *unused* columns, listed with their heading and what they hold.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from caseload_reporter.reading.columns import CellBlock, CellValues
from caseload_reporter.reading.fields import (
    FIELD_CONTENT,
    FIELD_LABELS,
    FieldMatch,
    describe_non_field,
    infer_team_type,
    rank_fields,
)
from caseload_reporter.reading.values import (
    MISSING_MARKERS,
    clean_text,
    is_blank,
    parse_number,
    parse_period,
    parse_range,
)

SAMPLE_ROWS = 400  # cells looked at per column: enough to tell what it holds, cheap on 200,000 rows
SAMPLE_TEXTS = 60  # distinct labels kept from a text column, to tell team names from team types
CONFIDENT = 0.8  # a heading at least this sure of a field is a claim the content may contradict
# What the officer is told a column holds.
KIND_WORDS = {
    "numbers": "figures",
    "periods": "dates or periods",
    "text": "text",
    "flags": "yes/no answers",
    "ranges": "ranges",
    "empty": "nothing",
}
# The profile kinds each field's content may have.
_FITS = {
    "text": {"text", "empty"},
    "number": {"numbers", "empty"},
    "period": {"periods", "empty"},
    "flag": {"flags", "text", "empty"},
    "range": {"ranges", "numbers", "empty"},
}
_FLAG_WORDS = {"yes", "no", "y", "n", "true", "false", "agency", "permanent", "perm", "locum", "interim"}


@dataclass(frozen=True)
class ColumnProfile:
    """What a column holds, judged from a sample of its filled cells."""

    kind: str  # a key of KIND_WORDS
    filled: int = 0  # filled cells in the sample
    low: float | None = None  # smallest and largest figure, for numbers
    high: float | None = None
    whole: bool = True  # every figure is a whole number
    texts: tuple[str, ...] = ()  # the distinct labels seen, for text columns (at most SAMPLE_TEXTS)

    @property
    def fractions_at_most_one(self) -> bool:
        """Figures no larger than 1 with some below it and not whole: what one worker's FTE looks like."""
        return self.kind == "numbers" and self.high is not None and self.high <= 1.0 and not self.whole


@dataclass(frozen=True)
class UnusedColumn:
    """A column that holds something but feeds no field, as the Data page and ``inspect --json`` list it."""

    column: str  # the spreadsheet's column letter
    header: str
    kind: str  # a key of KIND_WORDS
    note: str = ""  # what the heading says it holds, when the app does not import that on purpose
    profile: ColumnProfile | None = field(default=None, compare=False, repr=False)

    def as_dict(self) -> dict[str, str]:
        return {"column": self.column, "header": self.header, "kind": self.kind, "note": self.note}

    def describe(self) -> str:
        """ "'Target' (column F, figures: a target ...)", for lists and sentences shown to the officer."""
        heading = f"'{self.header}'" if self.header else "A column with no heading"
        what = KIND_WORDS.get(self.kind, self.kind)
        return f"{heading} (column {self.column}, {what}{': ' + self.note if self.note else ''})"


@dataclass
class ColumnRoles:
    fields: dict[str, int] = field(default_factory=dict)  # canonical field -> column index
    confidence: dict[str, float] = field(default_factory=dict)  # how sure the heading was of each field
    doubts: list[str] = field(default_factory=list)
    profiles: dict[int, ColumnProfile] = field(default_factory=dict)
    notes: dict[int, str] = field(default_factory=dict)  # why a column whose heading was read is not used


def column_letter(index: int) -> str:
    """0 -> 'A', 27 -> 'AB', as the spreadsheet shows columns."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def column_index(letters: str) -> int:
    """'A' -> 0, 'AB' -> 27: the inverse of :func:`column_letter`."""
    index = 0
    for letter in letters:
        index = index * 26 + ord(letter) - 64
    return index - 1


def _cell_kind(value: object) -> str | None:
    """One filled cell's kind; None for a missing-value marker ('N/A', '-')."""
    if isinstance(value, str):
        text = value.strip()
        if text.lower() in MISSING_MARKERS:
            return None
        if text.lower() in _FLAG_WORDS:
            return "flags"
        if parse_number(text).value is not None:
            return "numbers"
        if parse_period(text, allow_serial=False) is not None:
            return "periods"
        if parse_range(text) is not None:
            return "ranges"
        return "text"
    if isinstance(value, bool):
        return "flags"
    if parse_number(value).value is not None:
        return "numbers"
    if parse_period(value, allow_serial=False) is not None:
        return "periods"
    return "text"


def profile_column(values: CellValues) -> ColumnProfile:
    """The kind a column's cells share (three in four of the filled ones), from up to SAMPLE_ROWS of them."""
    n = len(values)
    picks = range(n) if n <= SAMPLE_ROWS else np.linspace(0, n - 1, SAMPLE_ROWS).astype(int).tolist()
    kinds: dict[str, int] = {}
    figures: list[float] = []
    texts: dict[str, None] = {}
    filled = 0
    for i in picks:
        value = values[i]
        if is_blank(value):
            continue
        kind = _cell_kind(value)
        if kind is None:
            continue
        filled += 1
        kinds[kind] = kinds.get(kind, 0) + 1
        if kind == "numbers" and (number := parse_number(value).value) is not None:
            figures.append(number)
        elif kind == "text" and len(texts) < SAMPLE_TEXTS:
            texts[clean_text(value)] = None
    if not filled:
        return ColumnProfile("empty")
    kind, count = max(kinds.items(), key=lambda kv: kv[1])
    if count * 4 < filled * 3:
        kind = "text"  # a mixture reads best as labels; the field's own parser rejects what does not fit
    if kind == "numbers" and figures:
        return ColumnProfile(kind, filled, min(figures), max(figures), all(f.is_integer() for f in figures))
    return ColumnProfile(kind, filled, texts=tuple(texts))


def fits(field_name: str, profile: ColumnProfile) -> bool:
    """Whether a column holding what ``profile`` describes can feed ``field_name``."""
    allowed = _FITS.get(FIELD_CONTENT.get(field_name, "text"), {"text"})
    if field_name == "period" and profile.kind == "numbers":  # Excel date serials, or years
        return profile.low is not None and profile.low >= 1900
    return profile.kind in allowed


def _label(field_name: str) -> str:
    return FIELD_LABELS.get(field_name, field_name).lower()


def assign_columns(headers: list[str], candidates: Sequence[int], block: CellBlock) -> ColumnRoles:
    """Fields for the ``candidates`` columns (the ones that are not period columns), strongest evidence first."""
    roles = ColumnRoles()
    claims = []  # (fits, confidence, -rank, column, field)
    top: dict[int, tuple[str, float]] = {}
    for index in candidates:
        header = headers[index] if index < len(headers) else ""
        if not header:
            continue
        ranked = rank_fields(header)
        if not ranked:
            continue
        profile = roles.profiles.setdefault(index, profile_column(block.column(index)))
        ranked = confirmed_by_content(ranked, profile)
        top[index] = (ranked[0].field, ranked[0].confidence)
        for rank, match in enumerate(ranked):
            claims.append((fits(match.field, profile), match.confidence, -rank, index, match.field))
    claims.sort(key=lambda c: (c[0], c[1], c[2], -c[3]), reverse=True)
    taken: dict[int, str] = {}
    for fit, confidence, rank, index, name in claims:
        if not fit:
            continue
        if index in taken:
            continue
        if name in roles.fields:
            holder = roles.fields[name]
            if rank == 0 and confidence >= CONFIDENT and top.get(holder, ("", 0.0))[0] == name:
                roles.doubts.append(
                    f"both '{headers[holder]}' and '{headers[index]}' could be the {_label(name)}; "
                    f"'{headers[holder]}' was used"
                )
            continue
        roles.fields[name] = index
        roles.confidence[name] = confidence
        taken[index] = name
    for index, (name, confidence) in top.items():
        if index not in taken and confidence >= CONFIDENT and not fits(name, roles.profiles[index]):
            what = KIND_WORDS[roles.profiles[index].kind]
            roles.doubts.append(f"'{headers[index]}' reads as the {_label(name)} but holds {what}, so it was not used")
    return roles


def confirmed_by_content(ranked: list[FieldMatch], profile: ColumnProfile) -> list[FieldMatch]:
    """A heading with two readings ('Social workers': names or a head count; 'Team / service': team
    names or team types) made certain where the content fits one reading only."""
    if len(ranked) < 2 or profile.kind == "empty":
        return ranked
    fitting = [m for m in ranked if fits(m.field, profile)]
    names = {m.field for m in fitting}
    if {"team", "team_type"} <= names:
        decided = "team_type" if _team_types_only(profile.texts) else "team"
        fitting = [m for m in fitting if m.field == decided]
    if len(fitting) != 1:
        return ranked
    chosen = fitting[0]
    return [FieldMatch(chosen.field, 1.0), *(m for m in ranked if m.field != chosen.field)]


def _team_types_only(labels: Sequence[str]) -> bool:
    """Labels that each name a different team type ('Assessment', "Children's") rather than teams,
    several of which share a type ('Assessment Team 1', 'Assessment Team 2')."""
    types = [infer_team_type(label) for label in labels]
    return bool(labels) and None not in types and len(set(types)) == len(labels)


def check_figures(roles: ColumnRoles, headers: list[str], worker_level: bool) -> list[str]:
    """Figures whose size contradicts their heading: hours under 'FTE' (then not used as FTE, so the
    rows still import), FTE under 'Caseload'. Returns the doubts."""
    found = []
    fte = roles.fields.get("fte")
    profile = roles.profiles.get(fte) if fte is not None else None
    if worker_level and fte is not None and profile is not None and profile.low is not None and profile.low > 1.0:
        found.append(
            f"'{headers[fte]}' holds figures from {profile.low:g} to {profile.high:g}, too large for one "
            "worker's FTE (at most 1.0): they may be hours, so they were not used as FTE"
        )
        del roles.fields["fte"]
        roles.notes[fte] = "too large for one worker's FTE"
    for name in ("caseload", "average"):
        index = roles.fields.get(name)
        profile = roles.profiles.get(index) if index is not None else None
        if index is not None and profile is not None and profile.fractions_at_most_one:
            found.append(
                f"'{headers[index]}' holds figures of 1 or less with decimals, which look like FTE rather than "
                f"the {_label(name)}"
            )
    return found


def unused_columns(headers: list[str], used: set[int], block: CellBlock, roles: ColumnRoles) -> list[UnusedColumn]:
    """Every column that holds something and feeds nothing, with what it holds."""
    out = []
    for index in range(block.width):
        if index in used:
            continue
        profile = roles.profiles.get(index) or profile_column(block.column(index))
        roles.profiles[index] = profile
        if profile.kind == "empty":
            continue
        header = clean_text(headers[index]) if index < len(headers) else ""
        note = roles.notes.get(index) or describe_non_field(header) or ""
        out.append(UnusedColumn(column_letter(index), header, profile.kind, note, profile))
    return out


def unused_doubts(unused: list[UnusedColumn], fields: dict[str, int], worker_level: bool) -> list[str]:
    """Unused columns of figures the importer could not place; one that could be a missing FTE says so."""
    found = []
    for column in unused:
        if column.note or column.kind not in ("numbers", "periods"):
            continue
        if "fte" not in fields and _could_be_fte(column.profile, worker_level):
            found.append(
                f"no FTE column was recognised, but {column.describe()} could be FTE: choose it as the FTE column "
                "if it is"
            )
        else:
            found.append(f"{column.describe()} was not used")
    return found


def _could_be_fte(profile: ColumnProfile | None, worker_level: bool) -> bool:
    """One worker's FTE lies above 0 and at most 1; a team's is a modest positive figure."""
    if profile is None or profile.kind != "numbers" or profile.low is None or profile.high is None:
        return False
    if worker_level:
        return profile.low > 0 and profile.high <= 1.0
    return profile.low > 0 and profile.high <= 200
