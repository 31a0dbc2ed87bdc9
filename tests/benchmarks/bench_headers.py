"""How well column headers are understood: precision and recall on the header corpus, now and before.

    python tests/benchmarks/bench_headers.py            # the table, per field and overall
    python tests/benchmarks/bench_headers.py --wrong    # and every wording either matcher gets wrong

The corpus is tests/reading/header_corpus.json: real-world wordings with the field each means, or
null for a header that means no field. Both matchers read every wording:

* now: ``caseload_reporter.reading.fields.match_field`` (words, plurals, abbreviations, notes,
  scored per field; see ``reading/header_words.py`` and the modules it names).
* before: the previous matcher (exact phrase lists, a whole-words search, then difflib), copied
  below from main's reading/fields.py as it stood before issue 14, so the comparison does not
  depend on the repository's history.

Per field: precision is the share of headers read as that field that mean it; recall the share
of headers that mean it that were read as it. Overall figures count every header read as some
field (precision) and every header that means a field (recall); 'false matches' are headers that
mean no field but were read as one. Times are per header, uncached, best of three, this process.
"""

from __future__ import annotations

import argparse
import difflib
import json
import re
import sys
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
CORPUS = HERE.parent / "reading" / "header_corpus.json"
sys.path.insert(0, str(HERE.parents[1] / "desktop"))

from caseload_reporter.reading import header_terms, header_words  # noqa: E402
from caseload_reporter.reading.fields import match_field  # noqa: E402

# --- the previous matcher, as it was ------------------------------------------------------------

OLD_SYNONYMS: dict[str, tuple[str, ...]] = {
    "period": (
        "period",
        "week commencing",
        "week beginning",
        "week ending",
        "w/c",
        "wc",
        "week",
        "date",
        "month",
        "snapshot date",
        "snapshot",
        "as at",
        "as at date",
        "reporting period",
        "quarter",
        "time period",
    ),
    "district": ("district", "area", "locality", "patch", "district area", "geography", "hub"),
    "team": ("team", "team name", "unit", "unit name", "social work team", "social work unit"),
    "team_type": (
        "team type",
        "service",
        "team group",
        "service area",
        "function",
        "team function",
        "type of team",
        "service type",
    ),
    "worker": (
        "social worker",
        "worker",
        "practitioner",
        "sw",
        "worker name",
        "name",
        "staff name",
        "allocated worker",
        "employee",
        "staff member",
        "case holder",
        "social worker name",
    ),
    "fte": ("fte", "full time equivalent", "contracted fte", "wte", "fte hours", "hours fte"),
    "agency": (
        "agency",
        "agency worker",
        "agency?",
        "agency staff",
        "agency / permanent",
        "agency/permanent",
        "employment type",
        "contract type",
        "permanent or agency",
    ),
    "caseload": (
        "caseload",
        "cases",
        "allocated children",
        "no. of cases",
        "no of cases",
        "number of cases",
        "allocated cases",
        "children allocated",
        "case count",
        "total cases",
        "caseload count",
        "open cases",
        "children",
    ),
    "units": ("units", "number of units", "social work units", "unit count", "no of units", "units in post"),
    "established_fte": (
        "established fte",
        "establishment",
        "establishment fte",
        "funded fte",
        "budgeted fte",
        "funded posts",
        "established posts",
    ),
    "measure": ("measure", "indicator", "measure name", "performance measure", "metric"),
    "average": ("average caseload", "average", "avg caseload", "mean caseload", "average cases"),
    "range": ("caseload range", "range", "range of caseloads", "lowest to highest", "min max"),
    "workers_over": (
        "workers with a caseload 25",
        "workers over 25",
        "workers 25",
        "workers above 25",
        "workers with caseload over 25",
        "number of workers over 25",
        "workers over ceiling",
        "workers with more than 25 cases",
    ),
}
_OLD_NORMALISE = re.compile(r"[^a-z0-9/?]+")


def _old_normalise(text: str) -> str:
    return " ".join(_OLD_NORMALISE.sub(" ", text.lower().replace("’", "'")).split())


_OLD_LOOKUP = {_old_normalise(s): f for f, words in OLD_SYNONYMS.items() for s in words}


def old_match_field(header: str) -> tuple[str, float] | None:
    """The previous matcher: exact synonym, then a synonym as whole words, then difflib."""
    norm = _old_normalise(header)
    if not norm:
        return None
    if norm in _OLD_LOOKUP:
        return _OLD_LOOKUP[norm], 1.0
    for synonym, field in sorted(_OLD_LOOKUP.items(), key=lambda kv: -len(kv[0])):
        if len(synonym) >= 4 and re.search(rf"(^|\s){re.escape(synonym)}(\s|$)", norm):
            return field, 0.8
    close = difflib.get_close_matches(norm, list(_OLD_LOOKUP), n=1, cutoff=0.84)
    if close:
        ratio = difflib.SequenceMatcher(None, norm, close[0]).ratio()
        return _OLD_LOOKUP[close[0]], round(ratio * 0.8, 2)
    return None


def new_match_field(header: str) -> tuple[str, float] | None:
    found = match_field(header)
    return (found.field, found.confidence) if found else None


# --- scoring ------------------------------------------------------------------------------------


def score(entries: list[dict], matcher: Callable[[str], tuple[str, float] | None]) -> dict:
    """Per-field and overall counts, and the wordings read wrong."""
    fields = sorted({e["field"] for e in entries if e["field"]})
    per = {f: {"tp": 0, "fp": 0, "fn": 0} for f in fields}
    wrong, sure_wrong, unsure_right = [], 0, 0
    for entry in entries:
        found = matcher(entry["header"])
        got, expected = (found[0] if found else None), entry["field"]
        if got == expected:
            if got is not None:
                per[got]["tp"] += 1
                unsure_right += found[1] < 1.0  # right, but shown to the officer as a guess
            continue
        wrong.append((entry["header"], expected, got))
        sure_wrong += found is not None and found[1] == 1.0
        if got is not None:
            per.setdefault(got, {"tp": 0, "fp": 0, "fn": 0})["fp"] += 1
        if expected is not None:
            per[expected]["fn"] += 1
    tp = sum(c["tp"] for c in per.values())
    predicted = sum(c["tp"] + c["fp"] for c in per.values())
    expected_count = sum(1 for e in entries if e["field"])
    false_matches = sum(1 for _, expected, got in wrong if expected is None and got is not None)
    return {
        "per": per,
        "precision": tp / predicted if predicted else 0.0,
        "recall": tp / expected_count,
        "right": len(entries) - len(wrong),
        "false_matches": false_matches,
        "sure_wrong": sure_wrong,
        "unsure_right": unsure_right,
        "wrong": wrong,
    }


def _ratio(num: int, den: int) -> str:
    return f"{num / den:6.1%}" if den else "     -"


def time_per_header(entries: list[dict], matcher: Callable[[str], object], clear: Callable[[], None]) -> float:
    """Microseconds per header, caches cleared first, best of three passes."""
    best = float("inf")
    for _ in range(3):
        clear()
        start = time.perf_counter()
        for entry in entries:
            matcher(entry["header"])
        best = min(best, time.perf_counter() - start)
    return best / len(entries) * 1e6


def _clear_new() -> None:
    for cached in (header_words.read_header, header_terms._singular, header_terms._corrected):
        cached.cache_clear()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--wrong", action="store_true", help="list every wording either matcher reads wrong")
    args = parser.parse_args(argv)
    entries = json.loads(CORPUS.read_text(encoding="utf-8"))["headers"]
    now, before = score(entries, new_match_field), score(entries, old_match_field)
    with_field = sum(1 for e in entries if e["field"])
    print(f"Header corpus: {len(entries)} wordings, {with_field} with a field, {len(entries) - with_field} without.")
    print()
    print(
        f"{'field':<16} {'headers':>7}   {'now: precision':>14} {'recall':>7}   {'before: precision':>17} {'recall':>7}"
    )
    for field in sorted(now["per"]):
        n, b = now["per"][field], before["per"].get(field, {"tp": 0, "fp": 0, "fn": 0})
        count = sum(1 for e in entries if e["field"] == field)
        print(
            f"{field:<16} {count:>7}   {_ratio(n['tp'], n['tp'] + n['fp']):>14} {_ratio(n['tp'], count):>7}"
            f"   {_ratio(b['tp'], b['tp'] + b['fp']):>17} {_ratio(b['tp'], count):>7}"
        )
    print()
    # The previous matcher had no 'workers' field: its figures without those wordings, for fairness.
    known = score([e for e in entries if e["field"] != "workers"], old_match_field)
    for name, key in [("precision", "precision"), ("recall", "recall")]:
        print(
            f"{'overall ' + name:<28} now {now[key]:6.1%}   before {before[key]:6.1%}"
            f"   (before, without 'workers' wordings: {known[key]:.1%})"
        )
    rows = [
        ("wordings read right", "right", len(entries)),
        ("no-field headers matched", "false_matches", len(entries) - with_field),
        ("wrong and shown as certain", "sure_wrong", len(entries)),
        ("right but shown as a guess", "unsure_right", with_field),
    ]
    for label, key, total in rows:
        print(f"{label:<28} now {now[key]:>6}   before {before[key]:>6}   (of {total})")
    old_us = time_per_header(entries, old_match_field, lambda: None)
    new_us = time_per_header(entries, new_match_field, _clear_new)
    print(f"{'time per header, uncached':<28} now {new_us:5.0f} µs   before {old_us:5.0f} µs")
    if args.wrong:
        for label, result in [("now", now), ("before", before)]:
            print(f"\nRead wrong {label}:")
            for header, expected, got in result["wrong"]:
                print(f"  {header!r}: means {expected}, read as {got}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
