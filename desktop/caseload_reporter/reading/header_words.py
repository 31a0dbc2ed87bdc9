"""Reading a column header word by word, as officers write them.

Headers are short noun phrases in any order ('FTE social workers', 'Social worker FTE', 'No. of
SWs (FTE)'), with plurals, abbreviations, units and notes in brackets. A list of exact phrases
cannot keep up with that, and fuzzy whole-string matching confuses 'Social worker FTE' with
'social worker'. So a header is read in three steps:

1. Words. The text is split into words; abbreviations, plurals and known phrases ('w/c', 'No.',
   'SWs', 'case-holding', 'full time equivalent') become *concepts* ('PERIOD', 'COUNT', 'WORKER',
   'FTE'). Notes count for less: an aside ('excluding students', '(see notes)') gives only how
   something is counted (a unit such as FTE or %, a count, a range); a bracketed qualifier may
   also say the column is something else ('Caseload (target)'), but never which field it is.
2. Evidence. Each field, and each thing the app knowingly does not import ('a target', 'a RAG
   rating'), has rules: a set of concepts that must all be present, and a weight. A unit or a
   quantity weighs more than the person or team it belongs to, so 'Social worker FTE' is FTE and
   'Average caseload' is an average, not a caseload; a word that changes what the column is
   ('target', 'unallocated', 'vacant', '%') outweighs the field words around it.
3. Doubt. The strongest evidence wins. It is certain when every word is understood and no other
   field comes close; unknown words, a close rival or a corrected spelling make it a guess, which
   the importer shows to the officer. A header whose main word is unknown names nothing known.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TypedDict, Unpack

# --- words -----------------------------------------------------------------------------------

# Concepts an aside ('excluding ...', '(see notes)') may contribute: how something is counted, not what.
ASIDE_CONCEPTS = frozenset(
    {
        "FTE",
        "HOURS",
        "PERCENT",
        "COST",
        "HEADCOUNT",
        "COUNT",
        "LOW",
        "HIGH",
        "RANGE",
        "OVER",
        "THRESHOLD",
        "AVG",
        "PER",
        "RATIO",
        "CASE",
        "CASELOAD_W",
        "CHILD",
        "NAME",
        "ID",
        "YESNO",
        "ESTABLISH",
        "WORKER",
    }
)
# A bracketed qualifier ('Caseload (target)', 'FTE (vacant)') may also say the column is something else.
QUALIFIER_CONCEPTS = ASIDE_CONCEPTS | {
    "TARGET",
    "RAG",
    "CHANGE",
    "VACANCY",
    "UNALLOCATED",
    "WEIGHT",
    "BENCHMARK",
    "PREVIOUS",
    "PROJECTION",
    "NEEDED",
}
MAIN, QUALIFIER, ASIDE = 0, 1, 2  # where a word stands
HEAD_BONUS = 0.5
NAME_FIELDS = frozenset({"district", "team", "team_type", "worker"})  # fields whose column holds names

# Each entry: a word or phrase, in singular form, and the concepts it carries. A phrase wins over
# its words ('case holder' is a worker, not a case). '' marks a word understood as carrying no
# field evidence of its own ('current', 'of').
_LEXICON_SOURCE: dict[str, tuple[str, ...]] = {
    "PERIOD": (
        "period",
        "reporting period",
        "time period",
        "snapshot",
        "as at",
        "as of",
        "census",
        "weekcommencing",
        "weekending",
        "weekbeginning",
        "wc",
        "week commencing",
        "week beginning",
        "week ending",
        "week starting",
        "month ending",
        "month end",
        "period ending",
        "period end",
        "reporting month",
        "reporting week",
        "financial year",
        "fy",
        "year ending",
        "quarter ending",
    ),
    "PERIOD_UNIT": ("week", "month", "quarter", "qtr", "year", "fortnight"),
    "DATE": ("date",),
    "DISTRICT": (
        "district",
        "area",
        "locality",
        "patch",
        "geography",
        "geographical area",
        "hub",
        "quadrant",
        "zone",
        "area office",
    ),
    "TEAM": ("team", "pod"),
    "UNIT": ("unit",),
    "GROUP": ("group",),
    "TYPE": ("type", "category", "kind", "classification"),
    "SERVICE": ("service", "function", "service line", "division"),
    "WORKER": (
        "worker",
        "social worker",
        "sw",
        "practitioner",
        "practioner",
        "caseworker",
        "case worker",
        "key worker",
        "keyworker",
        "employee",
        "staff member",
        "member of staff",
        "team member",
        "case holder",
        "caseholder",
        "allocated to",
        "held by",
        "lead professional",
        "allocated sw",
        "named worker",
    ),
    # 'Staff' alone is too vague (names, a count, a staff group); with another word it is a worker.
    "STAFF": ("staff",),
    "NAME": ("name", "full name", "surname", "forename", "first name", "last name"),
    "ID": ("id", "identifier", "ref", "reference", "code"),
    "NUMBERWORD": ("number", "no", "num", "nr"),
    "COUNT": ("count", "how many"),
    "HEADCOUNT": ("headcount", "head count", "team size"),
    "TOTAL": ("total", "grand total", "sub total", "subtotal", "sum"),
    "FTE": ("fte", "wte", "full time equivalent", "whole time equivalent", "full time equivalence"),
    "HOURS": ("hour", "hr"),
    "AGENCY": ("agency", "locum", "interim", "contractor"),
    "PERMANENT": ("permanent", "perm"),
    "EMPLOYMENT": ("employment", "contract"),
    "STATUS": ("status",),
    "YESNO": ("yesno", "question"),
    "CASE": ("case",),
    "CASE ALLOCATED": ("allocation",),
    "CASE CASELOAD_W": ("caseload", "case load"),
    "CHILD": ("child", "cyp", "young person", "child and young person"),
    "ALLOCATED": ("allocated", "held", "open", "active"),
    "UNALLOCATED": ("unallocated", "awaiting allocation", "not allocated", "unassigned"),
    "AVG": ("average", "avg", "ave", "av", "mean", "on average"),
    "PER": ("per",),
    "SLASH": ("/", "or"),
    "RATIO": ("ratio",),
    "RANGE": ("range", "spread"),
    "LOW": ("lowest", "low", "min", "minimum", "smallest", "least"),
    "HIGH": ("highest", "high", "max", "maximum", "largest", "most", "peak"),
    "OVER": (
        "over",
        "above",
        "more than",
        "greater than",
        "in excess of",
        "exceeding",
        "exceed",
        "higher than",
        "plus",
    ),
    "THRESHOLD TARGET": ("threshold", "ceiling"),
    "TARGET": ("target", "goal", "expected", "recommended", "ideal", "cap", "limit", "aspiration"),
    "BENCHMARK": (
        "benchmark",
        "national",
        "england",
        "regional",
        "statistical neighbour",
        "comparator",
        "sn",
        "national average",
        "england average",
    ),
    "PREVIOUS": (
        "previous",
        "prior",
        "last year",
        "last month",
        "last week",
        "last quarter",
        "same time last year",
        "baseline",
    ),
    "PROJECTION": ("projected", "projection", "forecast", "predicted", "estimated", "modelled", "after recruitment"),
    "NEEDED": ("needed", "required", "additional", "extra", "shortfall", "gap", "to recruit"),
    "ESTABLISH": ("established", "establishment", "funded", "budgeted", "approved", "structure", "in structure"),
    "ESTABLISH COST": ("budget",),
    "POST": ("post",),
    "INPOST": ("in post", "inpost"),
    "VACANCY": ("vacancy", "vacant", "unfilled", "vacant post"),
    "MEASURE": ("measure", "indicator", "metric", "kpi", "pi", "performance indicator", "performance measure"),
    "PERCENT": ("percent", "percentage", "rate", "proportion", "pct"),
    "RAG": ("rag", "rag rating", "rag status", "red amber green", "amber", "rating", "traffic light"),
    "MANAGER": (
        "manager",
        "team manager",
        "team leader",
        "team lead",
        "supervisor",
        "line manager",
        "practice manager",
        "service manager",
        "head of service",
        "assistant team manager",
        "group manager",
        "practice supervisor",
        "tm",
        "atm",
    ),
    "NOTES": (
        "note",
        "comment",
        "remark",
        "commentary",
        "narrative",
        "action",
        "reason",
        "explanation",
        "additional information",
        "further information",
        "other information",
        "observation",
        "free text",
    ),
    "CHANGE": (
        "change",
        "variance",
        "difference",
        "diff",
        "movement",
        "increase",
        "decrease",
        "trend",
        "direction of travel",
        "plusminus",
        "vs",
        "versus",
        "compared",
        "delta",
        "variation",
    ),
    "TURNOVER": ("turnover", "leaver", "starter", "new starter", "joiner", "resignation"),
    "ABSENCE": (
        "sickness",
        "absence",
        "sick",
        "day lost",
        "working day lost",
        "annual leave",
        "maternity leave",
        "leave",
        "on leave",
    ),
    "COST": ("cost", "salary", "spend", "pay", "pound", "expenditure", "finance", "price"),
    "ROLE": (
        "role",
        "job title",
        "grade",
        "band",
        "designation",
        "post title",
        "qualification",
        "asye",
        "nqsw",
        "student",
        "newly qualified",
        "job role",
        "position",
        "pay band",
        "spine point",
    ),
    "DATE_QUAL": (
        "start",
        "started",
        "leaving",
        "left",
        "review",
        "reviewed",
        "closure",
        "closed",
        "opened",
        "qualified",
        "due",
        "last",
        "next",
        "end",
        "expiry",
        "joined",
        "appointed",
    ),
    "PERSONAL": (
        "birth",
        "dob",
        "age",
        "gender",
        "sex",
        "ethnicity",
        "religion",
        "legal status",
        "placement",
        "nationality",
        "language",
        "date of birth",
    ),
    "CHILDID": ("upn", "nhs", "client", "person id"),
    "CONTACT": (
        "email",
        "e mail",
        "phone",
        "telephone",
        "tel",
        "mobile",
        "extension",
        "address",
        "postcode",
        "contact",
        "contact detail",
    ),
    "COUNCIL": (
        "local authority",
        "la",
        "council",
        "region",
        "country",
        "geographic level",
        "authority",
        "lad",
    ),
    "ACTIVITY": (
        "referral",
        "re referral",
        "assessment",
        "enquiry",
        "section 47",
        "s47",
        "conference",
        "icpc",
        "strategy meeting",
        "strategy discussion",
    ),
    "TIMELINESS": (
        "supervision",
        "visit",
        "timescale",
        "timeliness",
        "on time",
        "in time",
        "overdue",
        "audit",
        "within timescale",
    ),
    "CASE_KIND": (
        "cin",
        "cp",
        "cla",
        "lac",
        "child protection",
        "child in care",
        "looked after",
        "looked after child",
        "child in need",
        "care leaver",
        "care proceeding",
        "proceeding",
        "pre proceeding",
        "plo",
        "court",
        "child protection plan",
        "cp plan",
        "uasc",
        "early help",
    ),
    "DURATION": ("length of service", "tenure", "time in post", "time in role", "since", "duration"),
    "WEIGHT": ("weighted", "weighting", "weight", "point", "score", "complexity", "workload", "tariff"),
    "MONTH": (
        "jan",
        "feb",
        "mar",
        "apr",
        "may",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "january",
        "february",
        "march",
        "april",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "q1",
        "q2",
        "q3",
        "q4",
    ),
    "DATEVALUE": ("datevalue",),
    "COVER": ("cover",),
    # Understood, but no evidence for any field on their own.
    "": (
        "of",
        "the",
        "a",
        "an",
        "in",
        "for",
        "by",
        "with",
        "and",
        "to",
        "at",
        "on",
        "from",
        "as",
        "is",
        "are",
        "this",
        "that",
        "each",
        "any",
        "their",
        "its",
        "s",
        "all",
        "who",
        "which",
        "be",
        "than",
        "current",
        "actual",
        "available",
        "overall",
        "latest",
        "new",
        "registered",
        "contracted",
        "senior",
        "consultant",
        "frontline",
        "front line",
        "statutory",
        "social work",
        "social care",
        "childrens",
        "child and family",
        "children and family",
        "case holding",
        "caseholding",
        "report",
        "run",
        "extract",
        "data",
        "working",
        "monthly",
        "weekly",
        "quarterly",
        "annual",
        "today",
        "now",
        "only",
        "whole",
        "full",
        "real",
        "live",
        "actively",
        "carried",
        "carrying",
        "under",
        "below",
        "less than",
        "fewer than",
        "everyone",
        "people",
        "practice",
        "operational",
        "figure",
        "value",
        "amount",
        "level",
        "worked",
    ),
}

# Plurals that dropping an 's' does not undo; 'staff' is counted as plural (a group of people).
_IRREGULAR_PLURALS = {"children": "child", "people": "person", "sws": "sw", "staff": "staff"}
# Words that end in 's' but are not plurals.
_NOT_PLURAL = frozenset({"as", "is", "its", "vs", "status", "plus", "this", "s", "was", "has", "less", "us"})
_FILLERS = frozenset({"of", "the", "a", "an", "in", "for", "by", "with", "and", "to", "at", "on", "from", "s"})
# A term carrying one of these makes the header's period words part of a period *value* ('w/c 3 Jan 22').
_DATE_SIGNS = frozenset({"DATEVALUE"})


def _build_lexicon() -> tuple[dict[str, frozenset[str]], int]:
    lexicon: dict[str, frozenset[str]] = {}
    for concepts, phrases in _LEXICON_SOURCE.items():
        tags = frozenset(concepts.split())
        for phrase in phrases:
            lexicon[phrase] = tags
    return lexicon, max(len(p.split()) for p in lexicon)


LEXICON, _LONGEST = _build_lexicon()
_VOCAB = frozenset(w for phrase in LEXICON for w in phrase.split())
# Words long enough to be corrected when misspelt, by first letter (a typo seldom changes it).
_SPELLABLE: dict[str, list[str]] = {}
for _word in sorted(w for w in LEXICON if len(w) >= 6 and w.isalpha()):
    _SPELLABLE.setdefault(_word[0], []).append(_word)


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
    if word in _VOCAB or word in _NOT_PLURAL or not word.endswith("s") or word.endswith("ss"):
        return word, False
    for stem in (word[:-1], word[:-2] if word.endswith("es") else "", word[:-3] + "y" if word.endswith("ies") else ""):
        if stem and stem in _VOCAB:
            return stem, True
    return word, False


@lru_cache(maxsize=8192)
def _corrected(word: str) -> str | None:
    """The lexicon word a misspelt word most likely is ('caseoad' -> 'caseload'), if any is close."""
    if len(word) < 6 or not word.isalpha():
        return None
    candidates = [w for w in _SPELLABLE.get(word[0], ()) if abs(len(w) - len(word)) <= 2]
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
        for size in range(min(_LONGEST, len(words) - i), 0, -1):
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
    content = [t for t in found if t.text not in _FILLERS]
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


# --- evidence ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Rule:
    """Evidence for a field: every group in ``all_of`` has a concept present, none of ``none_of`` is."""

    field: str
    weight: float
    all_of: tuple[frozenset[str], ...]
    none_of: frozenset[str] = frozenset()
    plural: str | None = None  # this concept must be plural ('Units' counts, 'Unit' names)
    singular: str | None = None
    doubt: bool = False  # the words fit, but the reading is a guess the officer should see


class _RuleOptions(TypedDict, total=False):
    """The optional fields of :class:`Rule`, as :func:`_rule` takes them."""

    none_of: frozenset[str]
    plural: str | None
    singular: str | None
    doubt: bool


def _rule(field: str, weight: float, *groups: str, **extra: Unpack[_RuleOptions]) -> Rule:
    return Rule(field, weight, tuple(frozenset(g.split("|")) for g in groups), **extra)


# Quantities: a header that names one of these is not a period, whatever date words qualify it.
_QUANTITY = frozenset(
    {
        "CASE",
        "CHILD",
        "FTE",
        "AVG",
        "RANGE",
        "LOW",
        "HIGH",
        "HEADCOUNT",
        "HOURS",
        "ESTABLISH",
        "POST",
        "UNIT",
        "WORKER",
        "VACANCY",
        "TARGET",
    }
)
# Words that make a case-kind word a qualifier ('CP social worker') rather than a count of one kind.
_NOT_CASE_KIND = frozenset({"WORKER", "TEAM", "UNIT", "FTE", "AVG", "RATIO", "DISTRICT", "SERVICE"})

# Non-fields are named with a leading '~'; their phrases are in NON_FIELDS below.
RULES: tuple[Rule, ...] = (
    _rule("period", 8, "PERIOD", none_of=_QUANTITY),
    _rule("period", 8, "PERIOD_UNIT", none_of=_QUANTITY | {"DATE_QUAL"}),
    _rule("period", 7, "DATE", none_of=_QUANTITY | {"DATE_QUAL", "PERSONAL", "TIMELINESS", "ALLOCATED"}),
    _rule("district", 6, "DISTRICT", none_of=frozenset({"COUNT"})),
    _rule("district", 8, "DISTRICT", "NAME|ID"),
    _rule("team", 6, "TEAM", none_of=frozenset({"COUNT"})),
    _rule("team", 8, "TEAM", "NAME|ID"),
    _rule("team", 6, "UNIT", singular="UNIT", none_of=frozenset({"COUNT"})),
    _rule("team", 5.5, "UNIT", plural="UNIT", none_of=frozenset({"COUNT"})),
    _rule("team", 8, "UNIT", "NAME|ID"),
    _rule("team_type", 9, "TEAM|SERVICE|UNIT", "TYPE|GROUP"),
    _rule("team_type", 9, "TEAM|UNIT", "SERVICE", none_of=frozenset({"SLASH"})),
    _rule("team_type", 9, "SERVICE", "DISTRICT"),
    _rule("team_type", 5.5, "SERVICE"),
    _rule("team_type", 5, "TYPE"),
    _rule("worker", 6, "WORKER"),
    _rule("worker", 8, "WORKER", "NAME"),
    _rule("worker", 7, "WORKER", "ID"),
    _rule("worker", 5, "NAME", none_of=frozenset({"TEAM", "UNIT", "DISTRICT", "SERVICE", "MEASURE", "CASE", "CHILD"})),
    _rule("workers", 6, "WORKER", plural="WORKER"),
    _rule("workers", 7.5, "WORKER", "COUNT|TOTAL|INPOST"),
    _rule("workers", 9, "HEADCOUNT"),
    _rule("fte", 8.5, "FTE"),
    _rule("agency", 8, "AGENCY"),
    _rule("agency", 8.2, "AGENCY", "WORKER", plural="WORKER", doubt=True),  # 'Agency workers': flags or a count
    _rule("agency", 10, "AGENCY", "PERMANENT|YESNO"),
    _rule("agency", 9, "EMPLOYMENT", "TYPE|STATUS"),
    _rule("caseload", 8, "CASELOAD_W"),
    _rule("caseload", 8, "CASE", plural="CASE"),
    _rule("caseload", 8, "CASE|CHILD", "COUNT|TOTAL|ALLOCATED"),
    _rule("caseload", 7, "CHILD", plural="CHILD"),
    _rule("units", 7, "UNIT", plural="UNIT"),
    _rule("units", 9, "UNIT", "COUNT|TOTAL|INPOST"),
    _rule("established_fte", 8, "ESTABLISH"),
    _rule("established_fte", 10, "ESTABLISH", "FTE|POST|WORKER"),
    _rule("established_fte", 6, "POST"),
    _rule("established_fte", 7, "POST", "COUNT|TOTAL"),
    _rule("measure", 8, "MEASURE"),
    _rule("measure", 9, "MEASURE", "NAME"),
    _rule("average", 7, "AVG"),
    _rule("average", 10, "AVG", "CASE|CHILD"),
    _rule("average", 10, "RATIO"),
    _rule("average", 9, "CASE", "FTE", doubt=True),  # 'caseload_fte', 'FTE caseload': cases per FTE
    _rule("range", 10, "RANGE"),
    _rule("range", 10, "LOW", "HIGH"),
    _rule("workers_over", 11, "WORKER", "OVER|THRESHOLD"),
    _rule("workers_over", 10, "CASELOAD_W", "OVER", "NUMBER"),
    # What the app knowingly does not import.
    _rule("~target", 10, "TARGET"),
    _rule("~rag", 10, "RAG"),
    _rule("~manager", 9, "MANAGER"),
    _rule("~notes", 10, "NOTES"),
    _rule("~vacancy", 10, "VACANCY"),
    _rule("~hours", 7, "HOURS"),
    _rule("~change", 10, "CHANGE"),
    _rule("~percent", 12, "PERCENT"),
    _rule("~turnover", 10, "TURNOVER"),
    _rule("~absence", 10, "ABSENCE"),
    _rule("~cost", 9, "COST"),
    _rule("~role", 9, "ROLE"),
    _rule("~role", 9, "WORKER", "TYPE"),
    _rule("~otherdate", 10, "DATE|PERIOD_UNIT", "DATE_QUAL|ALLOCATED|TIMELINESS"),
    _rule("~personal", 10, "PERSONAL"),
    _rule("~childid", 10, "CHILD|CASE", "ID|NAME"),
    _rule("~childid", 10, "CHILDID"),
    _rule("~id", 5, "ID"),
    _rule("~contact", 10, "CONTACT"),
    _rule("~council", 9, "COUNCIL"),
    _rule("~activity", 10, "ACTIVITY"),
    _rule("~timeliness", 10, "TIMELINESS"),
    _rule("~casekind", 9, "CASE_KIND", none_of=_NOT_CASE_KIND),
    _rule("~casekind", 9, "CASE|CHILD", "TYPE|STATUS"),
    _rule("~unallocated", 11, "UNALLOCATED"),
    _rule("~duration", 9, "DURATION"),
    _rule("~weighted", 10, "WEIGHT"),
    _rule("~total", 4, "TOTAL"),
    _rule("~benchmark", 10, "BENCHMARK"),
    _rule("~previous", 10, "PREVIOUS"),
    _rule("~projection", 10, "PROJECTION"),
    _rule("~needed", 10, "NEEDED"),
    _rule("~extreme", 9, "LOW|HIGH", "CASE|CHILD"),
    _rule("~staffing", 10, "AGENCY|PERMANENT", "FTE|HEADCOUNT|COUNT|PERCENT|COVER|POST"),
    _rule("~permanent", 8, "PERMANENT", none_of=frozenset({"AGENCY"})),
)

# Where a field's first rule stands: the order ties are broken in.
RULES_ORDER = {r.field: i for i, r in reversed(list(enumerate(RULES)))}

# Phrases for the officer: "'Target' is <phrase>, which is not imported".
NON_FIELDS: dict[str, str] = {
    "~target": "a target (targets are set in Settings > Caseload targets)",
    "~rag": "a RAG rating",
    "~manager": "a manager's name",
    "~notes": "notes",
    "~vacancy": "vacancies (worked out from established FTE less FTE in post)",
    "~hours": "working hours (the app reads FTE, not hours)",
    "~change": "a change or difference between figures",
    "~percent": "a percentage or rate",
    "~turnover": "a turnover, starters or leavers figure",
    "~absence": "sickness absence",
    "~cost": "a cost or budget",
    "~role": "a job title, grade or role",
    "~otherdate": "a date that is not the reporting period",
    "~personal": "a personal detail",
    "~childid": "a child's name or case reference",
    "~id": "a reference number",
    "~contact": "contact details",
    "~council": "a council or region",
    "~activity": "a count of referrals, assessments or other activity",
    "~timeliness": "supervision or visit timeliness",
    "~casekind": "a count of one kind of case (the caseload is all allocated cases)",
    "~unallocated": "unallocated cases (cases no worker holds)",
    "~duration": "a length of time",
    "~weighted": "a weighted caseload or workload score (the app counts cases)",
    "~total": "a total of other columns",
    "~benchmark": "a comparison figure (national, regional or neighbours': the DfE file gives these)",
    "~previous": "an earlier figure",
    "~projection": "a projected or forecast figure",
    "~needed": "the staff needed (worked out on the Staffing page)",
    "~extreme": "a highest or lowest caseload on its own",
    "~staffing": "agency or permanent staffing figures (agency is read per worker)",
    "~permanent": "whether a worker is permanent (the app reads an agency column: Yes means agency)",
}


@dataclass(frozen=True)
class Reading:
    """What a header gives evidence for: fields with confidences (strongest first), or a non-field."""

    ranked: tuple[tuple[str, float], ...]
    non_field: str | None  # key into NON_FIELDS when the strongest evidence is for something not imported


def _present(found: list[Term]) -> tuple[set[str], dict[str, bool]]:
    """The concepts the header carries (notes contribute units only) and whether each was plural."""
    present: set[str] = set()
    plural: dict[str, bool] = {}
    allowed = {QUALIFIER: QUALIFIER_CONCEPTS, ASIDE: ASIDE_CONCEPTS}
    for term in found:
        tags = term.concepts & allowed[term.note] if term.note else term.concepts
        present |= tags
        for tag in tags:
            plural[tag] = plural.get(tag, False) or term.plural
    if _has_ratio(found):
        present.add("RATIO")
    return present, plural


def _has_ratio(found: list[Term]) -> bool:
    """Cases per worker: a case word, then 'per' or '/', then FTE or a worker ('Cases/FTE', 'Children per SW')."""
    stage = 0
    for term in found:
        tags = term.concepts
        if stage == 0 and tags & {"CASE", "CHILD"}:
            stage = 1
        elif stage == 1 and tags & {"PER", "SLASH"}:
            stage = 2
        elif stage == 2 and tags & {"FTE", "WORKER", "STAFF"}:
            return True
    return False


def _matches(rule: Rule, present: set[str], plural: dict[str, bool]) -> bool:
    if not all(group & present for group in rule.all_of) or rule.none_of & present:
        return False
    if rule.plural is not None and not plural.get(rule.plural, False):
        return False
    return rule.singular is None or not plural.get(rule.singular, False)


@lru_cache(maxsize=16384)
def read_header(header: str) -> Reading:
    """The fields a header gives evidence for, strongest first, with how sure the reading is."""
    found = terms(header)
    present, plural = _present(found)
    main = [t for t in found if not t.note and t.text not in _FILLERS and "NUMBER" not in t.concepts]
    head = next((t for t in reversed(main) if t.concepts - {"MONTH", "DATEVALUE"} or not t.known), None)
    head_unknown = head is not None and not head.known
    # The last main word is the head of an English noun phrase ('Locality team' is a team): a small
    # bonus for a name field decides between two names, never against a quantity; not across a '/'.
    head_tags = head.concepts if head is not None and "SLASH" not in present else frozenset()
    scores: dict[str, tuple[float, Rule]] = {}
    for rule in RULES:
        if not _matches(rule, present, plural):
            continue
        named = rule.field in NAME_FIELDS and any(group & head_tags for group in rule.all_of)
        weight = rule.weight + (HEAD_BONUS if named else 0.0)
        if weight > scores.get(rule.field, (0.0, rule))[0]:
            scores[rule.field] = (weight, rule)
    if not scores:
        return Reading((), None)
    # Strongest first; on a tie a non-field comes first (never a false match) and then field order.
    order = sorted(scores, key=lambda f: (-scores[f][0], not f.startswith("~"), RULES_ORDER[f]))
    top = order[0]
    top_weight, top_rule = scores[top]
    if head_unknown and top_weight < 8:
        return Reading((), None)  # 'Team performance' is about performance, not a team
    if top_weight < 6 and any(not t.known for t in main):
        return Reading((), None)  # weak evidence among unknown words: 'Plan type', 'Preferred name'
    if top.startswith("~"):
        return Reading((), top)
    confidence = 1.0
    rivals = [f for f in order[1:] if scores[f][0] > top_weight - 1.0]
    if top_rule.doubt or rivals or any(not t.known for t in main):
        confidence = 0.9
    if any(t.corrected for t in found):
        confidence = 0.8
    if head_unknown:
        confidence = 0.75
    ranked = [(top, confidence)]
    for name in order[1:]:
        if not name.startswith("~"):
            ranked.append((name, round(min(confidence, 0.9) * scores[name][0] / top_weight, 2)))
    return Reading(tuple(ranked), None)
