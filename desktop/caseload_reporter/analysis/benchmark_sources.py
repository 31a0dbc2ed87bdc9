"""Which published statistics the benchmarks use: the release shipped with the app, or a newer one opened.

The Department for Education's workforce statistics and statistical neighbours model ship in
resources/benchmarks, so that benchmarks work for every council before anything is opened; a
release the officer opens replaces the shipped one only when it is at least as new, and the note
says when one is not used. Every benchmark (the page, the paper, the command line) asks here.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from caseload_reporter.core.paths import resources_dir
from caseload_reporter.reading.published_statistics import (
    WorkforceStatistics,
    read_statistical_neighbours,
    read_workforce_indicators,
)

if TYPE_CHECKING:
    from caseload_reporter.reading.dataset import Dataset

# The release shipped in resources/benchmarks, so that benchmarks work for every council before anything is
# opened; a newer release the officer opens replaces it (see :func:`statistics_in_use`).
SHIPPED_WORKFORCE = "csww_indicators_2017_to_2025.csv"
SHIPPED_NEIGHBOURS = "sn_model_2025_wide.csv"
STATISTICS_ATTRIBUTION = (
    "Benchmarks use the Department for Education's Children's social work workforce statistics (reporting years "
    "2017 to 2025) and its Children's services statistical neighbour benchmarking model (2025), shipped with the "
    "app. Contains public sector information licensed under the Open Government Licence v3.0 (Crown copyright)."
)


@cache
def shipped_statistics() -> tuple[WorkforceStatistics, dict[str, list[tuple[str, str]]]]:
    """The workforce statistics and statistical neighbours model shipped with the app, read once."""
    folder = resources_dir() / "benchmarks"
    return read_workforce_indicators(folder / SHIPPED_WORKFORCE), read_statistical_neighbours(
        folder / SHIPPED_NEIGHBOURS
    )


@dataclass(frozen=True)
class StatisticsInUse:
    """The published statistics a comparison uses, and where they came from, in words."""

    workforce: WorkforceStatistics
    neighbours: dict[str, list[tuple[str, str]]]
    workforce_from: str  # 'the release built into Caseload Reporter (2017 to 2025)' or the file's name
    neighbours_from: str
    note: str = ""  # said when a file the officer opened is not used, and why


def statistics_in_use(dataset: Dataset) -> StatisticsInUse:
    """The officer's own release where it is at least as new as the shipped one, else the shipped one.

    A newer release opened with File > Open replaces the shipped file, so a paper uses the latest
    figures; an older one is not used for comparisons (its latest year would hide newer ones) and
    the note says so. A statistical neighbours file the officer opens always replaces the shipped model.
    """
    shipped, shipped_neighbours = shipped_statistics()
    built_in = f"the release built into Caseload Reporter ({shipped.years[0]} to {shipped.years[-1]})"
    opened, note = dataset.benchmarks, ""
    workforce, workforce_from = shipped, built_in
    if opened is not None and opened.years:
        name = _file_of(dataset, "benchmarks", "the workforce statistics file opened")
        if opened.years[-1] >= shipped.years[-1]:
            workforce, workforce_from = opened, name
        else:
            note = f"{name} goes up to {opened.years[-1]}, and {built_in} is newer, so the built-in release is used."
    if dataset.neighbours is not None:
        opened_from = _file_of(dataset, "neighbours", "the statistical neighbours file opened")
        return StatisticsInUse(workforce, dataset.neighbours, workforce_from, opened_from, note)
    return StatisticsInUse(
        workforce, shipped_neighbours, workforce_from, f"the model built in ({SHIPPED_NEIGHBOURS})", note
    )


def _file_of(dataset: Dataset, attr: str, otherwise: str) -> str:
    """The name of the file the dataset's published statistics (``attr``) were read from."""
    held = getattr(dataset, attr)
    return next((r.path.name for r in dataset.files for sheet in r.sheets if getattr(sheet, attr) is held), otherwise)
