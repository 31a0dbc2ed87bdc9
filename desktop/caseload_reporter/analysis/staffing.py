"""Staffing options for a cabinet paper: how many more social workers bring the average down to a target.

The arithmetic a cabinet report sets out by hand: additional FTE = cases / target - current FTE
(the same as FTE x (average / target - 1)), to two decimal places; whole posts, rounded to the
nearest post; cost = posts x cost per post. Several options (different team types included) side
by side, each against several targets.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field

import pandas as pd

from caseload_reporter.analysis.inputs import missing
from caseload_reporter.core.words import join_and, money
from caseload_reporter.reading.fields import TEAM_TYPES

DEFAULT_COST_PER_POST = 41_839.0  # one council's full-year cost of a social worker post (2017, Grade 9 mid-point)
DEFAULT_TARGETS = (18.0, 16.0)  # the target averages a cabinet paper usually sets side by side
LEFT_OUT_BY_DEFAULT = ("adoption", "fostering")  # team types whose caseloads are not comparable at first


def parse_targets(text: str) -> list[float] | None:
    """'18, 16' -> [18.0, 16.0]; None when any part is not a positive number."""
    try:
        values = [float(part) for part in text.replace(";", ",").split(",") if part.strip()]
    except ValueError:
        return None
    return values if values and all(v > 0 for v in values) else None


def format_targets(targets: Iterable[float]) -> str:
    """[18.0, 16.0] -> '18, 16', as the officer types them (what :func:`parse_targets` reads back)."""
    return ", ".join(f"{float(t):g}" for t in targets)


@dataclass(frozen=True)
class TargetOption:
    target: float
    additional_fte: float  # two decimal places; 0 when the average is already at or under the target
    posts: int
    cost: float


@dataclass
class StaffingScenario:
    included: list[str]  # team types counted
    excluded: list[str]
    fte: float
    cases: float
    average: float
    options: list[TargetOption] = field(default_factory=list)
    uncounted: list[str] = field(default_factory=list)  # teams without cases or FTE, left out of the sums

    def as_json(self) -> dict[str, object]:
        return {
            "included": self.included,
            "excluded": self.excluded,
            "fte": round(self.fte, 2),
            "cases": self.cases,
            "average": round(self.average, 1),
            "uncounted_teams": self.uncounted,
            "options": [
                {"target": o.target, "additional_fte": o.additional_fte, "posts": o.posts, "cost": o.cost}
                for o in self.options
            ],
        }

    def sentence(self, option: TargetOption, cost_per_post: float) -> str:
        """The sentence a cabinet report writes for one option and target."""
        included = join_and([TEAM_TYPES.get(t, t).lower() for t in self.included])
        if option.posts == 0:
            return (
                f"Across {included} teams the average caseload is {self.average:.1f} cases per FTE social worker, "
                f"already at or under {option.target:g}: no additional social workers are needed."
            )
        return (
            f"To reduce the average caseload across {included} teams from {self.average:.1f} to {option.target:g} "
            f"cases per FTE social worker would require {option.posts} (or {option.additional_fte:.2f}) additional "
            f"social workers, at an estimated cost of {money(option.cost)} ({money(cost_per_post)} per social worker)."
        )


def round_half_up(value: float) -> int:
    """Posts are whole: 14.47 is 14, 8.7 is 9, and 12.5 is 13 (not Python's banker's 12)."""
    return math.floor(value + 0.5)


class StaffingInputError(ValueError):
    """The data (or the choice of team types) cannot give staffing options; one sentence saying why."""


def staffing_scenario(
    teams: pd.DataFrame, exclude: set[str], targets: list[float], cost_per_post: float = DEFAULT_COST_PER_POST
) -> StaffingScenario:
    """One option: the teams whose type is not excluded, against each target.

    ``teams`` has one row per team with ``team_type``, ``cases`` and ``fte`` (a team summary for one period).
    Teams without cases or FTE cannot be counted: they are named in ``uncounted``, never dropped in silence.
    """
    if teams.empty:
        raise StaffingInputError(missing("teams"))
    if teams["cases"].isna().all():
        raise StaffingInputError(f"Staffing options need each team's cases. {missing('cases')}")
    if teams["fte"].isna().all():
        raise StaffingInputError(f"Staffing options need each team's FTE. {missing('fte')}")
    chosen = teams[~teams["team_type"].isin(exclude)]
    known = chosen["cases"].notna() & chosen["fte"].notna()
    counted = chosen[known]
    cases = float(counted["cases"].sum())
    fte = float(counted["fte"].sum())
    if fte <= 0:
        if chosen.empty:
            raise StaffingInputError("No team is left once those team types are left out.")
        raise StaffingInputError(
            "None of the teams left in has both cases and FTE in the data, so no average per FTE can be worked out."
        )
    scenario = StaffingScenario(
        included=sorted(set(counted["team_type"]), key=list(TEAM_TYPES).index),
        excluded=sorted(exclude & set(teams["team_type"]), key=list(TEAM_TYPES).index),
        fte=fte,
        cases=cases,
        average=cases / fte,
        uncounted=sorted(str(n) for n in chosen.loc[~known, "name"]) if "name" in chosen else [],
    )
    for target in targets:
        if target <= 0:
            raise StaffingInputError("A target average must be above 0.")
        needed = max(cases / target - fte, 0.0)
        posts = round_half_up(needed)
        scenario.options.append(TargetOption(float(target), round(needed, 2), posts, posts * cost_per_post))
    return scenario
