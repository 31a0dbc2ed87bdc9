"""The councils in the published statistics: finding one, its neighbours, and the year a paper compares.

A council is always named by its stable ``old_la_code`` (two councils that report jointly share
one, such as '940 / 941'), so its years join up across a change of its nine-character code; its
name and region are those of its latest year. The errors here carry one sentence for the officer.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from caseload_reporter.reading.published_statistics import WorkforceStatistics, joint_codes
from caseload_reporter.reading.values import Period


def year_for(stats: WorkforceStatistics, council: Council, latest: Period | None) -> int:
    """The reporting year a paper compares: the latest published 30 September on or before the paper's
    latest period (a paper about December 2017 compares 2017, not the latest release's year), within the
    council's years; the council's latest year when the paper has no periods of its own. BenchmarkProblem
    when nothing was published by then."""
    years = [y for y in stats.years if council.first_year <= y <= council.last_year]
    if latest is None:
        return council.last_year
    before = [y for y in years if dt.date(y, 9, 30) <= latest.start]
    if not before:
        first = years[0] if years else council.first_year
        raise BenchmarkProblem(
            f"The statistics have no figures for {council.name} published by {latest.phrase()}: the first are "
            f"at 30 September {first}."
        )
    return max(before)


@dataclass(frozen=True)
class Neighbour:
    code: str
    name: str
    closeness: str  # the model's label, such as 'Very close'


def neighbours_named(
    stats: WorkforceStatistics, neighbours: dict[str, list[tuple[str, str]]] | None, code: str
) -> list[Neighbour]:
    """The council's statistical neighbours in the model's order, each by name (from the statistics file)."""
    if not neighbours:
        return []
    listed = next((neighbours[part] for part in (code, *joint_codes(code)) if part in neighbours), [])
    named = []
    for neighbour, closeness in listed:
        try:
            name = council_info(stats, neighbour).name
        except CouncilNotFound:
            name = f"council {neighbour}"
        named.append(Neighbour(neighbour, name, closeness.strip()))
    return named


class BenchmarkProblem(LookupError):
    """The statistics cannot answer what was asked; the message is one sentence for the officer."""


class CouncilNotFound(BenchmarkProblem):
    """The council asked for is not in the file; the message is one sentence for the officer."""


@dataclass(frozen=True)
class Council:
    """A council as the statistics file knows it, under the name and region of its latest year."""

    code: str  # old_la_code: stable across years; '940 / 941' for councils that report jointly
    name: str
    region: str
    first_year: int
    last_year: int

    def label(self, latest_year: int | None = None) -> str:
        """'Barnsley (370)', or 'Cumbria (909, figures to 2022)' for a council since reorganised."""
        if latest_year is not None and self.last_year < latest_year:
            return f"{self.name} ({self.code}, figures to {self.last_year})"
        return f"{self.name} ({self.code})"


def council_list(stats: WorkforceStatistics) -> list[Council]:
    """Every council in the file, by name, for the officer to pick theirs from."""
    rows = stats.councils().dropna(subset=["old_la_code"]).sort_values("year")
    found = []
    for code, group in rows.groupby("old_la_code", sort=False):
        last = group.iloc[-1]
        name = last["la_name"] if isinstance(last["la_name"], str) and last["la_name"] else str(code)
        region = last["region"] if isinstance(last["region"], str) else ""
        found.append(Council(str(code), name, region, int(group["year"].min()), int(group["year"].max())))
    return sorted(found, key=lambda c: (c.name.lower(), c.code))


def council_info(stats: WorkforceStatistics, code: str) -> Council:
    """The council with this old code (or one of a joint pair); CouncilNotFound if the file lacks it."""
    rows = stats.council(code)
    if rows.empty:
        raise CouncilNotFound(f"No council coded '{code}' is in the statistics file open.")
    last = rows.iloc[-1]
    name = last["la_name"] if isinstance(last["la_name"], str) and last["la_name"] else str(code)
    region = last["region"] if isinstance(last["region"], str) else ""
    return Council(str(last["old_la_code"]), name, region, int(rows["year"].min()), int(rows["year"].max()))


def find_council(stats: WorkforceStatistics, name_or_code: str) -> str:
    """The stable old code of a council named by old code, new code (any year) or name."""
    wanted = name_or_code.strip().lower()
    if not wanted:
        raise CouncilNotFound("Type your council's name or code, or choose it from the list.")
    councils = stats.councils()
    by_code = councils[
        (councils["old_la_code"].str.lower() == wanted) | (councils["new_la_code"].str.lower() == wanted)
    ]
    if not by_code.empty:
        return str(by_code["old_la_code"].iloc[-1])
    names = councils.dropna(subset=["la_name"]).drop_duplicates("old_la_code")
    exact = names[names["la_name"].str.lower() == wanted]
    found = exact if not exact.empty else names[names["la_name"].str.lower().str.startswith(wanted)]
    if len(found) == 1:
        return str(found["old_la_code"].iloc[0])
    if len(found) > 1:
        listed = ", ".join(sorted(found["la_name"])[:5])
        raise CouncilNotFound(
            f"'{name_or_code}' matches several councils ({listed}); give its name in full or its code."
        )
    raise CouncilNotFound(f"No council called or coded '{name_or_code}' is in the statistics file.")


def neighbour_codes(neighbours: dict[str, list[tuple[str, str]]] | None, code: str) -> list[str]:
    """The council's statistical neighbours' old codes (a joint pair uses the first part listed)."""
    for part in (code, *joint_codes(code)):
        if neighbours and part in neighbours:
            return [c for c, _ in neighbours[part]]
    return []
