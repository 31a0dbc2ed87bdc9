"""The council profile: who writes the papers and for whom, filled in once and shared as a file.

A paper's header block, its officer contact and its house style are the same quarter after
quarter, so the officer fills them in once (Settings > Council profile) and every new paper
starts complete. A service can share one profile as a JSON file, as it shares its targets.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from caseload_reporter.core.atomic_write import write_text_atomically
from caseload_reporter.reporting.draft import OfficerContact

PROFILE_FORMAT = "caseload-reporter-council-profile"
PROFILE_VERSION = 1


class ProfileError(ValueError):
    """A profile file that cannot be used; the message is one sentence for the officer."""


@dataclass
class Officer:
    """One line of a paper's "From": a person or a post, with their role."""

    name: str
    role: str = ""

    def line(self) -> str:
        return ", ".join(part for part in (self.name, self.role) if part)


@dataclass
class CouncilProfile:
    council: str = ""  # printed on every paper: "Wenmoor County Council"
    committees: list[str] = field(default_factory=list)  # the usual committee first
    officers: list[Officer] = field(default_factory=list)  # the usual "From", one line each
    contact: OfficerContact = field(default_factory=OfficerContact)
    house_template: str = ""  # a council's own Word file with its styles, if any
    source_location: str = ""  # where the caseload returns are kept, for "Source documents"

    def is_empty(self) -> bool:
        return self == CouncilProfile()

    @property
    def committee(self) -> str:
        return self.committees[0] if self.committees else ""

    # -- files -----------------------------------------------------------------------------
    def to_json(self) -> dict[str, Any]:
        return {"format": PROFILE_FORMAT, "version": PROFILE_VERSION, **asdict(self)}

    @classmethod
    def from_json(cls, data: object, origin: str = "The council profile") -> CouncilProfile:
        """Strictly: a shared file with a typo must say so rather than print a wrong header."""
        if not isinstance(data, dict) or data.get("format") != PROFILE_FORMAT:
            raise ProfileError(f"{origin} is not a Caseload Reporter council profile.")
        if data.get("version") != PROFILE_VERSION:
            raise ProfileError(f"{origin} was written by a newer version of Caseload Reporter.")
        try:
            return cls(
                council=_text(data, "council"),
                committees=_texts(data, "committees"),
                officers=[Officer(_text(o, "name"), _text(o, "role")) for o in _list(data, "officers")],
                contact=OfficerContact(
                    **{k: _text(data.get("contact") or {}, k) for k in OfficerContact.__dataclass_fields__}
                ),
                house_template=_text(data, "house_template"),
                source_location=_text(data, "source_location"),
            )
        except (TypeError, AttributeError) as problem:
            raise ProfileError(f"{origin} has a part that is not in the expected form.") from problem

    def save(self, path: Path) -> None:
        write_text_atomically(Path(path), json.dumps(self.to_json(), indent=2, ensure_ascii=False))

    @classmethod
    def load(cls, path: Path) -> CouncilProfile:
        try:
            data = json.loads(Path(path).read_text(encoding="utf-8"))
        except FileNotFoundError as problem:
            raise ProfileError(f"{Path(path).name} could not be found.") from problem
        except (OSError, UnicodeDecodeError, ValueError) as problem:
            raise ProfileError(f"{Path(path).name} is not a readable council profile.") from problem
        return cls.from_json(data, origin=Path(path).name)


def _text(data: object, key: str) -> str:
    if not isinstance(data, dict):
        raise TypeError(key)
    value = data.get(key, "")
    if not isinstance(value, str):
        raise TypeError(key)
    return value.strip()


def _list(data: dict[str, Any], key: str) -> list[Any]:
    value = data.get(key, [])
    if not isinstance(value, list):
        raise TypeError(key)
    return value


def _texts(data: dict[str, Any], key: str) -> list[str]:
    values = _list(data, key)
    if not all(isinstance(v, str) for v in values):
        raise TypeError(key)
    return [v.strip() for v in values if v.strip()]
