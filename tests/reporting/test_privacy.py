"""Anonymising: small counts in words, worker names found and replaced."""

from __future__ import annotations

import math

from caseload_reporter.reporting.privacy import SUPPRESSED, WorkerNames, count_text


def test_counts_of_one_to_four_are_suppressed_only_when_asked() -> None:
    shown = {n: count_text(float(n), suppress=True) for n in range(0, 7)}
    assert shown[0] == "0" and shown[5] == "5" and shown[6] == "6"
    assert {shown[n] for n in range(1, 5)} == {SUPPRESSED}
    assert count_text(3.0, suppress=False) == "3"
    assert count_text(math.nan, suppress=True) == "no figure"


def test_worker_names_are_found_as_whole_words_whatever_their_case() -> None:
    names = WorkerNames(["Abigail Baker", "Chloe Cooper", None, "Al"])  # "Al" is too short to search for safely
    text = "abigail baker holds 30 cases; Chloe Coopers is not a worker; Alan is fine."
    assert [f.name for f in names.find([text])] == ["abigail baker"]
    assert names.scrub(text).startswith("a worker holds 30 cases")
    assert WorkerNames([]).scrub(text) == text
