"""The Department for Education's published workforce statistics, read as they are released.

Two files, downloaded by the officer from the "Children's social work workforce" release:

* the indicators CSV (one row per year and area: England, each region and each local authority)
  with suppression markers where figures are withheld: ``c`` confidential, ``x`` not available,
  ``z`` not applicable, ``low`` too few to report, ``u`` low reliability. A marker becomes a
  missing value with the marker recorded beside it, never 0.
* the statistical neighbours model: each council's ten nearest neighbours and how close each is.

Councils are keyed on ``old_la_code`` (the three-digit code), which is stable: the nine-character
``new_la_code`` changes when a council is reorganised (Barnsley is E08000016 up to 2024 and
E08000038 in 2025). Councils that report jointly carry both codes, as in ``"314 / 318"``.

No Qt here: the app and the command line both use this module.
"""

from __future__ import annotations

import csv
import io
import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from caseload_reporter.core.words import rank
from caseload_reporter.reading import columns as col
from caseload_reporter.reading.grid import MAX_FILE_BYTES, decode_text
from caseload_reporter.reading.problems import EmptyFile, ImportProblem, NotASpreadsheet, Rejection, UnsafeFile
from caseload_reporter.reading.values import MISSING_MARKERS, clean_text, is_blank

# The columns that identify the workforce indicators file; any further columns are measures.
SIGNATURE_COLUMNS = frozenset({"time_period", "geographic_level", "old_la_code", "la_name", "caseload_fte"})
# Columns that hold names and codes, never numbers.
TEXT_COLUMNS = frozenset(
    {
        "time_period",
        "time_identifier",
        "geographic_level",
        "country_code",
        "country_name",
        "region_code",
        "region_name",
        "old_la_code",
        "new_la_code",
        "la_name",
        "lad_code",
        "lad_name",
    }
)
# The published suppression and special-value symbols (GSS guidance), as they appear in the files.
SUPPRESSION_MARKERS = {
    "c": "confidential",
    "x": "not available",
    "z": "not applicable",
    "low": "too few to report",
    "u": "low reliability",
}
LEVELS = ("National", "Regional", "Local authority")
# Inner and Outer London are published as regions of their own, beside London; councils there
# usually compare themselves with the whole of London.
LONDON_PARTS = frozenset({"Inner London", "Outer London"})

_JOINT_CODES = re.compile(r"\s*/\s*")


def _header_name(cell: object) -> str:
    return clean_text(cell).lstrip("\ufeff").strip().lower()


def is_workforce_indicators(header: Sequence[object]) -> bool:
    """Whether a header row is the workforce indicators file's (case, spaces and a BOM ignored)."""
    return {_header_name(h) for h in header} >= SIGNATURE_COLUMNS


def is_statistical_neighbours(header: Sequence[object]) -> bool:
    """Whether a header row is the statistical neighbours model's: old_la_code, SN_1 .. SN_10."""
    names = {_header_name(h) for h in header}
    return "old_la_code" in names and {f"sn_{i}" for i in range(1, 11)} <= names


@dataclass(frozen=True)
class Rank:
    """Where one council stands among the councils of its region for one measure and year."""

    position: int  # 1 is the highest (or lowest, when ranked that way)
    of: int  # councils in the region with a figure that year
    region: str
    value: float
    tied: int = 0  # other councils with exactly the same figure
    highest: bool = True

    def sentence(self) -> str:
        """'4th highest of 15 in Yorkshire and The Humber', 'the highest of 15 in London', 'joint 3rd highest ...'."""
        return rank(
            self.position, self.of, way="highest" if self.highest else "lowest", tied=self.tied, where=self.region
        )


@dataclass
class WorkforceStatistics:
    """The indicators as a tidy table, with every withheld figure's marker kept beside it.

    ``frame`` has one row per year and area: ``year`` (int), ``level`` (National, Regional or
    Local authority), ``region_code``, ``region_name``, ``region`` (London for Inner and Outer
    London councils, else the region), ``old_la_code``, ``new_la_code``, ``la_name`` (text, NaN
    where the file has none, as for England), ``row`` (the line in the file), then every measure
    as float, NaN where no figure was published.
    ``markers`` has the same index and measure columns: the marker that stood in a cell (``'c'``,
    ``'x'``, ``'z'``, ``'low'``, ``'u'``, or another missing-value sign) or None where a figure or
    nothing stood.
    """

    frame: pd.DataFrame
    markers: pd.DataFrame
    measures: list[str]
    source: Path | None = None
    encoding: str | None = None
    problems: list[Rejection] = field(default_factory=list)  # cells that were neither a figure nor a marker

    @property
    def years(self) -> list[int]:
        return sorted(int(y) for y in self.frame["year"].unique())

    def marker_counts(self) -> Counter[str]:
        """How many cells held each marker, across every measure."""
        return Counter(str(v) for v in self.markers.to_numpy(dtype=object).ravel() if v is not None)

    def national(self, year: int | None = None) -> pd.DataFrame:
        return self._rows("National", year)

    def regions(self, year: int | None = None) -> pd.DataFrame:
        return self._rows("Regional", year)

    def councils(self, year: int | None = None) -> pd.DataFrame:
        return self._rows("Local authority", year)

    def _rows(self, level: str, year: int | None) -> pd.DataFrame:
        frame = self.frame[self.frame["level"] == level]
        return frame if year is None else frame[frame["year"] == year]

    def council(self, old_la_code: str) -> pd.DataFrame:
        """One council's rows, oldest first, whatever its new code was in each year.

        A council that reports jointly (Kingston upon Thames with Richmond, '314 / 318') is found
        by either code, and its rows are the joint figures.
        """
        code = str(old_la_code).strip()
        councils = self.councils()
        exact = councils[councils["old_la_code"] == code]
        if exact.empty:
            joint = councils["old_la_code"].map(lambda c: code in joint_codes(c))
            exact = councils[joint.astype(bool)]
        return exact.sort_values("year")

    def series(self, old_la_code: str, measure: str) -> pd.Series:
        """One measure for one council by year (NaN where withheld; see ``markers`` for why)."""
        rows = self.council(old_la_code)
        return pd.Series(rows[measure].to_numpy(), index=rows["year"].to_numpy(), name=measure)

    def marker(self, index: object, measure: str) -> str | None:
        """The marker that stood in one cell of ``frame`` (by its index label), or None."""
        value = self.markers.at[index, measure]
        return None if value is None or (isinstance(value, float) and math.isnan(value)) else str(value)

    def regional_rank(
        self, old_la_code: str, year: int, measure: str, *, highest: bool = True, whole_london: bool = True
    ) -> Rank | None:
        """The council's place in its region for ``measure`` in ``year``, or None without a figure.

        Councils without a figure that year (withheld or missing) are left out of the count. With
        ``whole_london`` (the default) Inner and Outer London councils are ranked across London.
        """
        year_rows = self.councils(year)
        own = year_rows[year_rows["old_la_code"] == str(old_la_code).strip()]
        if own.empty or pd.isna(own[measure].iloc[0]):
            return None
        key = "region" if whole_london else "region_name"
        region = own[key].iloc[0]
        values = year_rows.loc[year_rows[key] == region, measure].dropna().to_numpy()
        value = float(own[measure].iloc[0])
        better = int((values > value).sum() if highest else (values < value).sum())
        tied = int((values == value).sum()) - 1
        return Rank(better + 1, len(values), str(region), value, tied, highest)


def joint_codes(code: object) -> tuple[str, ...]:
    """The codes in an old_la_code cell: ('370',) or, for joint reporting, ('314', '318')."""
    if code is None or (isinstance(code, float) and math.isnan(code)):
        return ()
    return tuple(part for part in _JOINT_CODES.split(str(code).strip()) if part)


# --- reading -----------------------------------------------------------------------------


def _read_rows(path: Path) -> tuple[list[list[str]], str]:
    """A published CSV file as rows of text, decoded strictly (BOM and cp1252 handled)."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise UnsafeFile(f"{path.name} is {size // 2**20} MB, far larger than any published statistics file.")
        data = path.read_bytes()
    except FileNotFoundError as exc:
        raise ImportProblem(f"{path.name} could not be found; it may have been moved or deleted.") from exc
    except OSError as exc:
        raise ImportProblem(f"{path.name} could not be read: {exc.strerror or exc}.") from exc
    text, encoding = decode_text(data, path)
    if not text.strip():
        raise EmptyFile(f"{path.name} is empty: it has no data to import.")
    try:
        rows = list(csv.reader(io.StringIO(text, newline="")))
    except csv.Error as exc:
        raise NotASpreadsheet(f"{path.name} is not a readable CSV file ({exc}).") from exc
    return rows, encoding


def read_workforce_indicators(path: Path | str) -> WorkforceStatistics:
    """Read the published indicators CSV. Raises ImportProblem (one plain sentence) when it is not one."""
    path = Path(path)
    rows, encoding = _read_rows(path)
    if not is_workforce_indicators(_first_filled(rows)[1]):
        raise NotASpreadsheet(
            f"{path.name} is not the children's social work workforce indicators file: its first row lacks "
            "the columns time_period, geographic_level, old_la_code, la_name and caseload_fte."
        )
    stats = workforce_from_rows(rows, source_name=path.stem)
    stats.source, stats.encoding = path, encoding
    return stats


def _first_filled(rows: Sequence[Sequence[object]]) -> tuple[int, Sequence[object]]:
    """(index, cells) of the first row with anything in it: the header row of a published file."""
    for index, row in enumerate(rows):
        if any(not is_blank(v) for v in row):
            return index, row
    return len(rows), []


def workforce_from_rows(rows: Sequence[Sequence[object]], source_name: str = "") -> WorkforceStatistics:
    """The indicators from a CSV file's rows or a sheet's grid: the first filled row is the header.

    Cells may be text (CSV) or typed (a workbook's numbers); blank rows are skipped. ``row`` in the
    frame and in ``problems`` is the row number the officer sees (the header's is 1 in a CSV file).
    """
    start, header_cells = _first_filled(rows)
    header = [_header_name(h) for h in header_cells]
    if not is_workforce_indicators(header):
        raise NotASpreadsheet("These rows are not the children's social work workforce indicators.")
    width = len(header)
    numbered = [
        (number, list(r[:width]) + [""] * (width - len(r)))
        for number, r in enumerate(rows[start + 1 :], start=start + 2)
        if any(not is_blank(v) for v in r)
    ]
    body = [r for _, r in numbered]
    line = np.array([number for number, _ in numbered], dtype=np.int64)
    cells = {name: [r[i] for r in body] for i, name in enumerate(header) if name}
    problems: list[Rejection] = []

    def text(name: str) -> np.ndarray:
        if name not in cells:
            return np.full(len(body), None, dtype=object)
        return col.texts(cells[name])

    years = np.full(len(body), -1, dtype=np.int64)
    for pos, raw in enumerate(cells["time_period"]):
        value = clean_text(raw)
        if re.fullmatch(r"\d{4}", value):
            years[pos] = int(value)
        else:
            problems.append(Rejection(source_name, int(line[pos]), "time_period", value, "not a year"))
    keep = years >= 0

    frame = pd.DataFrame(
        {
            "year": years,
            "level": text("geographic_level"),
            "region_code": text("region_code"),
            "region_name": text("region_name"),
            "old_la_code": text("old_la_code"),
            "new_la_code": text("new_la_code"),
            "la_name": text("la_name"),
            "row": line,
        }
    )
    in_london = (frame["level"] == "Local authority") & frame["region_name"].isin(LONDON_PARTS)
    frame["region"] = frame["region_name"].where(~in_london, "London")
    measures, values, markers = [], {}, {}
    for name, raw in cells.items():
        if name in TEXT_COLUMNS or name in frame.columns:
            continue
        numbers = col.numbers(raw)
        if numbers.unreadable.all() and len(raw):
            frame[name] = col.texts(raw)  # a text column this reader does not know: kept as text
            continue
        for pos in np.flatnonzero(numbers.unreadable).tolist():
            problems.append(Rejection(source_name, int(line[pos]), name, clean_text(raw[pos]), "not a number"))
        measures.append(name)
        values[name] = numbers.values
        markers[name] = numbers.marker
    frame = pd.concat([frame, pd.DataFrame(values, dtype="float64")], axis=1)
    marker_frame = pd.DataFrame(markers, columns=measures, dtype=object)
    frame, marker_frame = frame[keep].reset_index(drop=True), marker_frame[keep].reset_index(drop=True)
    return WorkforceStatistics(frame, marker_frame, measures, problems=problems)


def read_statistical_neighbours(path: Path | str) -> dict[str, list[tuple[str, str]]]:
    """old_la_code -> its neighbours in order, as (old_la_code, closeness label such as 'Very close')."""
    path = Path(path)
    rows, _ = _read_rows(path)
    return neighbours_from_rows(rows, path.name)


def neighbours_from_rows(rows: Iterable[Sequence[object]], name: str = "the file") -> dict[str, list[tuple[str, str]]]:
    rows = list(rows)
    start, header_cells = _first_filled(rows)
    header = [_header_name(h) for h in header_cells]
    if not is_statistical_neighbours(header):
        raise NotASpreadsheet(
            f"{name} is not a statistical neighbours file: its first row lacks old_la_code and SN_1 to SN_10."
        )
    at = {h: i for i, h in enumerate(header)}
    pairs: list[tuple[int, int | None]] = [(at[f"sn_{i}"], at.get(f"sn_{i}p")) for i in range(1, 11)]
    found: dict[str, list[tuple[str, str]]] = {}
    for row in rows[start + 1 :]:
        code = clean_text(row[at["old_la_code"]]) if at["old_la_code"] < len(row) else ""
        if not code:
            continue
        neighbours = []
        for code_at, label_at in pairs:
            neighbour = clean_text(row[code_at]) if code_at < len(row) else ""
            if not neighbour or neighbour.lower() in MISSING_MARKERS:
                continue
            label = clean_text(row[label_at]) if label_at is not None and label_at < len(row) else ""
            neighbours.append((neighbour, label))
        found[code] = neighbours
    return found
