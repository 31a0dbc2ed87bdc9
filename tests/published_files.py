"""The real published statistics the benchmark tests read: the copies the application ships.

resources/benchmarks/ holds the Department for Education's workforce file and statistical neighbours
model byte for byte as published (Open Government Licence v3.0, attribution in its README), so every
clone runs every benchmark test. One place for the paths, so every test reads the same copies.
"""

from __future__ import annotations

from caseload_reporter.core.paths import resources_dir

BENCHMARKS = resources_dir() / "benchmarks"
INDICATORS = BENCHMARKS / "csww_indicators_2017_to_2025.csv"
NEIGHBOURS = BENCHMARKS / "sn_model_2025_wide.csv"
