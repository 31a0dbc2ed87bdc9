"""Where the real published statistics for the benchmark tests are: ../shared/benchmarks beside the clone.

One place for the paths, so every test that reads the DfE workforce file or the statistical
neighbours file finds the same copies (and skips with the same reason where they are absent).
"""

from __future__ import annotations

from pathlib import Path

BENCHMARKS = Path(__file__).resolve().parents[2] / "shared" / "benchmarks"
INDICATORS = BENCHMARKS / "csww_indicators_2017_to_2025.csv"
NEIGHBOURS = BENCHMARKS / "sn_model_2025_wide.csv"
