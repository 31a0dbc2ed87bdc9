"""Target caseloads per team type and the rating rule, shared by every page, table and export.

Targets are local (no national cap exists), so they are settings: shipped defaults from
``resources/settings/thresholds.json``, edited per user, exported to and imported from a JSON
file so a whole service can share one set.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field, replace
from pathlib import Path

from caseload_reporter.analysis.inputs import INPUTS
from caseload_reporter.core.atomic_write import write_text_atomically
from caseload_reporter.core.paths import resources_dir
from caseload_reporter.reading.fields import TEAM_TYPES

STATUSES = ("green", "amber", "red")
# Never colour alone: every status has a word and a symbol as well.
STATUS_LABELS = {"green": "Within target", "amber": "Above target", "red": "Well above target"}
STATUS_SYMBOLS = {"green": "✓", "amber": "▲", "red": "■"}
# Pale tints of the Okabe-Ito bluish green, orange and vermillion, shared by the app and the report:
# told apart with colour-blindness, and black text on each keeps a contrast well above 4.5:1.
STATUS_FILLS = {"green": "CDEBDF", "amber": "FBE3B0", "red": "F5C6AB"}
BASES = {"fte": "per FTE", "worker": "per worker"}


def status_text(status: object) -> str:
    """A rating in words with its symbol, as every table shows it (never colour alone).

    ``status`` is a rating, or a key of :func:`rating_key` for a group that is not rated: with no
    target set for its team type ('no_target'), or with a target but no average, named by the input
    the data lacks ('unrated:fte')."""
    if status in STATUS_LABELS:
        return f"{STATUS_SYMBOLS[status]} {STATUS_LABELS[status]}"
    if isinstance(status, str) and status.startswith("unrated:"):
        lacking = INPUTS.get(status.split(":", 1)[1])
        return f"Not rated: {lacking.short}" if lacking else "Not rated"
    if status == "no_target":
        return "No target set"
    return ""


def rating_key(status: object, target_low: object, missing: object) -> str:
    """The rating, or why there is none: 'no_target' or 'unrated:<missing input>' (see status_text)."""
    if status in STATUS_LABELS:
        return str(status)
    if target_low is None or (isinstance(target_low, float) and math.isnan(target_low)):
        return "no_target"
    return f"unrated:{missing}" if isinstance(missing, str) else "unrated:cases"


class ThresholdsError(ValueError):
    """A thresholds file that cannot be used; the message is one sentence for the officer."""


@dataclass(frozen=True)
class Thresholds:
    targets: dict[str, tuple[float, float]]  # team type -> (low, high); a single target has low == high
    amber_margin: float = 2.0  # amber up to this many cases above the target's top
    ceiling: float = 25.0  # any worker above this makes the team red
    basis: str = "fte"  # 'fte' (the national statistics' definition) or 'worker'
    complex_cp_maximum: float = 12.0  # drawn as a reference line
    children_per_unit: float = 60.0  # the unit model: children one social work unit supports
    source: str = ""
    extra: dict[str, object] = field(default_factory=dict, compare=False)

    def target(self, team_type: str | None) -> tuple[float, float] | None:
        return self.targets.get(team_type or "")

    def rate(self, average: float | None, team_type: str | None, highest: float | None = None) -> str | None:
        """green at or under target; amber up to the margin above it; red beyond, or a worker over the ceiling."""
        target = self.target(team_type)
        if target is None or average is None or (isinstance(average, float) and math.isnan(average)):
            return None
        if highest is not None and not math.isnan(highest) and highest > self.ceiling:
            return "red"
        top = target[1]
        if average <= top + 1e-9:
            return "green"
        if average <= top + self.amber_margin + 1e-9:
            return "amber"
        return "red"

    def with_target(self, team_type: str, low: float, high: float) -> Thresholds:
        targets = dict(self.targets)
        targets[team_type] = (float(min(low, high)), float(max(low, high)))
        return replace(self, targets=targets)

    # -- files ---------------------------------------------------------------------------
    def to_json(self) -> dict[str, object]:
        return {
            "version": 1,
            "basis": self.basis,
            "ceiling": self.ceiling,
            "amber_margin": self.amber_margin,
            "complex_child_protection_maximum": self.complex_cp_maximum,
            "children_per_unit": self.children_per_unit,
            "source": self.source,
            "targets": {k: [lo, hi] for k, (lo, hi) in self.targets.items()},
        }

    @classmethod
    def from_json(cls, data: object, origin: str = "the thresholds file") -> Thresholds:
        """Validate strictly: a shared file with a typo must say so, not silently rate wrongly."""
        if not isinstance(data, dict) or not isinstance(data.get("targets"), dict):
            raise ThresholdsError(f"{origin} is not a Caseload Reporter thresholds file.")
        targets: dict[str, tuple[float, float]] = {}
        for key, value in data["targets"].items():
            if key not in TEAM_TYPES:
                raise ThresholdsError(f"{origin} names a team type that is not known: '{key}'.")
            pair = value if isinstance(value, list) else [value, value]
            try:
                low, high = (float(v) for v in pair)
            except (TypeError, ValueError) as exc:
                raise ThresholdsError(f"{origin} gives a target for '{key}' that is not a number.") from exc
            if not (0 < low <= high <= 100):
                raise ThresholdsError(f"{origin} gives an impossible target for '{key}': {low:g} to {high:g}.")
            targets[key] = (low, high)
        try:
            margin = float(data.get("amber_margin", 2))
            ceiling = float(data.get("ceiling", 25))
            cp_max = float(data.get("complex_child_protection_maximum", 12))
            per_unit = float(data.get("children_per_unit", 60))
        except (TypeError, ValueError) as exc:
            raise ThresholdsError(f"{origin} has a margin or ceiling that is not a number.") from exc
        basis = data.get("basis", "fte")
        if basis not in BASES or margin < 0 or ceiling <= 0 or per_unit <= 0:
            raise ThresholdsError(f"{origin} has a basis, margin or ceiling that cannot be used.")
        return cls(targets, margin, ceiling, str(basis), cp_max, per_unit, str(data.get("source", "")))

    def save(self, path: Path) -> None:
        write_text_atomically(path, json.dumps(self.to_json(), indent=2, ensure_ascii=False))

    @classmethod
    def load(cls, path: Path) -> Thresholds:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError as exc:
            raise ThresholdsError(f"{path.name} could not be found.") from exc
        except (OSError, UnicodeDecodeError, ValueError) as exc:
            raise ThresholdsError(f"{path.name} is not a readable thresholds file.") from exc
        return cls.from_json(data, origin=path.name)


def default_thresholds() -> Thresholds:
    """The shipped defaults: one council's 2019 team-type targets, a ceiling of 25, a margin of 2."""
    return Thresholds.load(resources_dir() / "settings" / "thresholds.json")


def format_target(target: tuple[float, float] | None) -> str:
    if target is None:
        return ""
    low, high = target
    return f"{low:g}" if low == high else f"{low:g} to {high:g}"
