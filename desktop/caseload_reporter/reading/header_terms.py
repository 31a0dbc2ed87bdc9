"""The first step of reading a column header: its words, and the concepts each carries.

The text is split into pieces (the main text, bracketed qualifiers, asides after 'excluding' or
'see'), symbols become words ('w/c', '%', '#'), each piece into the longest phrases the lexicon
knows, plurals and misspellings are undone, and meanings that depend on neighbours are settled
('No. of cases' counts, 'Case no.' identifies). What the words are evidence for is weighed
afterwards, by :mod:`caseload_reporter.reading.header_words`.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from functools import lru_cache

from caseload_reporter.reading.header_lexicon import FILLERS, LEXICON, LONGEST, SPELLABLE, VOCAB

MAIN, QUALIFIER, ASIDE = 0, 1, 2  # where a word stands

# Plurals that dropping an 's' does not undo; 'staff' is counted as plural (a group of people).
_IRREGULAR_PLURALS = {"children": "child", "people": "person", "sws": "sw", "staff": "staff"}
# Words that end in 's' but are not plurals.
_NOT_PLURAL = frozenset({"as", "is", "its", "vs", "status", "plus", "this", "s", "was", "has", "less", "us"})
# A term carrying one of these makes the header's period words part of a period *value* ('w/c 3 Jan 22').
_DATE_SIGNS = frozenset({"DATEVALUE"})


@dataclass(frozen=True)
class Term:
    """One understood word or phrase of a header."""

    text: str
    concepts: frozenset[str]
    plural: bool
    note: int  # MAIN, QUALIFIER (in brackets) or ASIDE (after 'excluding', 'see', ...)
    known: bool  # found in the lexicon (possibly after a spelling correction)
    corrected: bool = False


@lru_cache(maxsize=8192)
def _singular(word: str) -> tuple[str, bool]:
    """(the lexicon form of a word, whether it was plural): 'sws' -> ('sw', True)."""
    if word in _IRREGULAR_PLURALS:
        return _IRREGULAR_PLURALS[word], True
    if word in VOCAB or word in _NOT_PLURAL or not word.endswith("s") or word.endswith("ss"):
        return word, False
    for stem in (word[:-1], word[:-2] if word.endswith("es") else "", word[:-3] + "y" if word.endswith("ies") else ""):
        if stem and stem in VOCAB:
            return stem, True
    return word, False


@lru_cache(maxsize=8192)
def _corrected(word: str) -> str | None:
    """The lexicon word a misspelt word most likely is ('caseoad' -> 'caseload'), if any is close."""
    if len(word) < 6 or not word.isalpha():
        return None
    candidates = [w for w in SPELLABLE.get(word[0], ()) if abs(len(w) - len(word)) <= 2]
    found = difflib.get_close_matches(word, candidates, 1, 0.88)
    return found[0] if found else None


_BRACKETS = re.compile(r"[(\[{]([^)\]}]*)[)\]}]?")
_NOTE_START = re.compile(r"\b(excluding|excl|exc|including|incl|inc|except|not including|eg|e\.g|ie|i\.e|see)\b\.?")
_DOTTED = re.compile(r"\b(?:[a-z]\.){2,}")
# A date or a year written as a value: '03/01/22', '3.1.2022', '2021/22', '01/2022'.
_DATE_VALUE = re.compile(
    r"\b(?:\d{1,2}\s*[/.\-]\s*\d{1,2}\s*[/.\-]\s*\d{2,4}|\d{4}\s*[/\-]\s*\d{2,4}|\d{1,2}[/\-]\d{4})\b"
)
_SYMBOLS = (
    (re.compile(r"\+\s*/\s*-"), " plusminus "),
    (re.compile(r"\bw\s*/\s*c\b|\bw\.c\.?"), " weekcommencing "),
    (re.compile(r"\bw\s*/\s*e\b|\bw\.e\.?"), " weekending "),
    (re.compile(r"\bw\s*/\s*b\b|\bw\.b\.?"), " weekbeginning "),
    (re.compile(r"\by\s*/\s*n\b|\byes\s*/\s*no\b|\bn\s*/\s*y\b"), " yesno "),
    (re.compile(r"(?<=\d)\s*\+"), " plus "),
    (re.compile(r"%"), " percent "),
    (re.compile(r"[>≥]=?"), " over "),
    (re.compile(r"[<≤]=?"), " under "),
    (re.compile(r"#"), " number "),
    (re.compile(r"[£$€]"), " pound "),
    (re.compile(r"&"), " and "),
    (re.compile(r"\?"), " question "),
    (re.compile(r"/"), " / "),
)
_WORD = re.compile(r"[a-z0-9]+|/")


def _pieces(text: str) -> list[tuple[str, int]]:
    """The header as (text, where) pieces: the main text, bracketed qualifiers, and asides."""
    pieces: list[tuple[str, int]] = []
    pos = 0
    for found in _BRACKETS.finditer(text):
        pieces.append((text[pos : found.start()], MAIN))
        pieces.append((found.group(1), QUALIFIER))
        pos = found.end()
    pieces.append((text[pos:], MAIN))
    out: list[tuple[str, int]] = []
    for piece, where in pieces:
        start = _NOTE_START.search(piece)
        if start is not None:
            out += [(piece[: start.start()], where), (piece[start.start() :], ASIDE)]
        else:
            out.append((piece, where))
    return [(p, n) for p, n in out if p.strip()]


def _words(piece: str) -> list[str]:
    piece = _DOTTED.sub(lambda m: m.group(0).replace(".", ""), piece)  # 'f.t.e.' -> 'fte'
    piece = _DATE_VALUE.sub(" datevalue ", piece)
    for pattern, replacement in _SYMBOLS:
        piece = pattern.sub(replacement, piece)
    piece = piece.replace("'", "").replace("’", "")
    return _WORD.findall(piece)


def terms(header: str) -> list[Term]:
    """The header's words and phrases with the concepts each carries, in reading order."""
    text = header.lower().replace("‘", "'").replace("’", "'").replace("–", "-").replace("—", "-")
    text = text.replace("_", " ").replace("\n", " ")
    found: list[Term] = []
    for piece, note in _pieces(text):
        here = _piece_terms(_words(piece), note)
        if note == QUALIFIER and len(here) == 1 and "NUMBERWORD" in here[0].concepts:
            here = [Term(here[0].text, frozenset({"COUNT"}), False, note, True)]  # 'Units (No.)': a count
        found += here
    return _resolve(found)


def _piece_terms(words: list[str], note: int) -> list[Term]:
    """The terms of one piece: the longest lexicon phrase at each word, else the word (corrected if misspelt)."""
    found: list[Term] = []
    forms = [_singular(w) for w in words]
    i = 0
    while i < len(words):
        for size in range(min(LONGEST, len(words) - i), 0, -1):
            key = " ".join(f for f, _ in forms[i : i + size])
            raw = " ".join(words[i : i + size])
            tags = LEXICON.get(raw, LEXICON.get(key))
            if tags is not None:
                found.append(Term(raw, tags, forms[i + size - 1][1], note, True))
                i += size
                break
        else:
            word = words[i]
            fixed = _corrected(forms[i][0]) if not word.isdigit() else None
            if word.isdigit():
                found.append(Term(word, frozenset({"NUMBER"}), False, note, True))
            elif fixed is not None:
                found.append(Term(word, LEXICON[fixed], forms[i][1], note, True, corrected=True))
            else:
                found.append(Term(word, frozenset(), forms[i][1], note, False))
            i += 1
    return found


def _resolve(found: list[Term]) -> list[Term]:
    """Meanings that depend on neighbours: 'No. of cases' counts, 'Case no.' identifies; plural 'weeks'
    is a length of time; 'Staff' needs a second word; period words beside a date are part of a value."""
    dated = any(t.concepts & _DATE_SIGNS for t in found) or (
        any("MONTH" in t.concepts for t in found) and any("NUMBER" in t.concepts for t in found)
    )
    content = [t for t in found if t.text not in FILLERS]
    out = []
    for i, term in enumerate(found):
        tags = set(term.concepts)
        if "NUMBERWORD" in tags:
            tags.discard("NUMBERWORD")
            after = found[i + 1].text if i + 1 < len(found) else ""
            first = bool(content) and content[0] is term and len(content) > 1
            tags.add("COUNT" if term.plural or after == "of" or first else "ID")
        if "PERIOD_UNIT" in tags and term.plural:
            tags = (tags - {"PERIOD_UNIT"}) | {"DURATION"}
        if "STAFF" in tags and len(content) > 1:
            tags = (tags - {"STAFF"}) | {"WORKER"}
        if "CONTACT" in tags and term.plural and term.text.startswith("contact"):
            tags = (tags - {"CONTACT"}) | {"ACTIVITY"}
        if dated:
            tags -= {"PERIOD", "PERIOD_UNIT", "DATE"}
        if tags != term.concepts:
            term = Term(term.text, frozenset(tags), term.plural, term.note, term.known, term.corrected)
        out.append(term)
    return out
