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

Step 1 is :mod:`caseload_reporter.reading.header_terms` (with the words in ``header_lexicon`` and
``header_lexicon_not_imported``), step 2's rules are :mod:`caseload_reporter.reading.header_rules`;
this module weighs the evidence and decides.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from caseload_reporter.reading.header_lexicon import FILLERS
from caseload_reporter.reading.header_rules import RULES, RULES_ORDER, Rule
from caseload_reporter.reading.header_terms import ASIDE, QUALIFIER, Term, terms

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
HEAD_BONUS = 0.5
NAME_FIELDS = frozenset({"district", "team", "team_type", "worker"})  # fields whose column holds names


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
    main = [t for t in found if not t.note and t.text not in FILLERS and "NUMBER" not in t.concepts]
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
