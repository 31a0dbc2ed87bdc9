"""The options a data block takes, each declared once: its name, label, type, default and limits.

A block kind (``reporting.blocks.BLOCK_KINDS``) lists its options with these types. The builders
read an item's options through :func:`resolve`, which fills in the declared defaults, and the
Report page generates a block's options form from the same declarations, so no default or limit
is written twice. Options marked ``shown=False`` are set by templates, proposals or project files
and keep their declared default here; the form leaves them alone.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from caseload_reporter.analysis.staffing import format_targets, parse_targets


@dataclass(frozen=True, kw_only=True)
class Option:
    name: str  # the key in the item's options, as saved in project files and templates
    label: str = ""  # the form's label for it
    accessible: str = ""  # what a screen reader announces for its field
    default: Any = None  # used when the item does not set it (None: the type's own meaning, such as "latest")
    shown: bool = True  # False: not in the options form

    def value(self, options: Mapping[str, Any]) -> Any:
        """The item's value for this option, or the default when it is absent, None or empty text."""
        value = options.get(self.name)
        return self.default if value is None or value == "" else value


@dataclass(frozen=True, kw_only=True)
class PeriodOption(Option):
    """A period of the open data, saved as its ISO form ('2022-03'); None stands for ``placeholder``."""

    placeholder: str = "The latest period"
    missing: str = "not in the open data"  # said beside a saved period the data no longer has


@dataclass(frozen=True, kw_only=True)
class CountOption(Option):
    """A whole number within limits, such as how many recent periods a chart shows."""

    default: int
    low: int
    high: int
    suffix: str = ""

    def number(self, options: Mapping[str, Any]) -> int:
        """The value as a whole number; the default when the saved value is not one."""
        try:
            return int(self.value(options))
        except (TypeError, ValueError):
            return self.default


@dataclass(frozen=True, kw_only=True)
class NumberOption(Option):
    """A number within limits, shown with ``decimals`` places (a target average, a cost)."""

    default: float
    low: float
    high: float
    decimals: int = 1
    step: float = 1.0
    prefix: str = ""

    def number(self, options: Mapping[str, Any]) -> float:
        try:
            return float(self.value(options))
        except (TypeError, ValueError):
            return float(self.default)


@dataclass(frozen=True, kw_only=True)
class NumbersOption(Option):
    """Numbers above 0 typed with commas between them ('18, 16'), such as target averages."""

    default: tuple[float, ...]
    noun: str  # how the problem sentence names them ("targets")

    def text(self, options: Mapping[str, Any]) -> str:
        return format_targets(self.value(options))

    def parse(self, text: str) -> list[float] | None:
        return parse_targets(text)

    @property
    def problem(self) -> str:
        return f"the {self.noun} must be numbers above 0, separated by commas ({format_targets(self.default)})."


@dataclass(frozen=True, kw_only=True)
class ChoiceOption(Option):
    """One of a fixed set of keys, each shown by its label."""

    choices: Mapping[str, str]
    default: str


@dataclass(frozen=True, kw_only=True)
class YearOption(Option):
    """A year of the published statistics in use; None stands for ``placeholder``: the year of the paper's data."""

    placeholder: str = "The year of the paper's data"
    missing: str = "not in the open statistics"


@dataclass(frozen=True, kw_only=True)
class TextOption(Option):
    """Free text, such as a chart title or the district, team or team type a sentence is about."""

    default: str = ""


@dataclass(frozen=True, kw_only=True)
class ListOption(Option):
    """A list set by a template or a proposal (service measures by name, team types left out, scenarios)."""

    default: tuple[Any, ...] = field(default=())
    shown: bool = False


def resolve(options: Mapping[str, Any], declared: Sequence[Option]) -> dict[str, Any]:
    """The item's options with every declared option present (its default where the item does not set it).

    Keys the declaration does not know are kept, so nothing a newer version saved is lost on the way."""
    resolved = dict(options)
    for option in declared:
        resolved[option.name] = option.value(options)
    return resolved
