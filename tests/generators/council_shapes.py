"""One council's caseloads written in many shapes, for the metamorphic import tests.

Officers keep the same figures in very different workbooks: one row per worker, one column per
month, one row per team with its cases and FTE, team averages only, district totals only, with
headings worded every which way, saved by different programs. Whatever the shape, the app must
give the same answers wherever the shape holds the inputs, and name the missing input where it
does not. The truth is worked out here from the council's own figures (``COUNCIL``), never from
the app.

Usage: python tests/generators/council_shapes.py [--out DIR]
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import openpyxl
import xlsxwriter

PERIODS = (dt.date(2017, 9, 1), dt.date(2017, 12, 1))
LABELS = {PERIODS[0]: "Sep-17", PERIODS[1]: "Dec-17"}


@dataclass(frozen=True)
class Team:
    name: str
    district: str
    team_type: str  # the app's key
    type_label: str  # as an officer writes it in a 'Team group' column


@dataclass(frozen=True)
class Worker:
    name: str
    team: Team
    fte: float
    cases: tuple[int, int]  # one per period


TEAMS = (
    Team("Northfield Assessment Team", "Northfield", "assessment", "Assessment"),
    Team("Southmoor Assessment Team", "Southmoor", "assessment", "Assessment"),
    Team("Northfield Children's Team", "Northfield", "childrens", "Children's"),
    Team("Eastbrook Children's Team", "Eastbrook", "childrens", "Children's"),
    Team("Children in Care Team", "Southmoor", "children_in_care", "Children in care"),
    Team("Leaving Care Team", "Eastbrook", "leaving_care", "Leaving care"),
    Team("Disabled Children's Team", "Northfield", "disabled_children", "Disabled children"),
    Team("Adoption Team", "Southmoor", "adoption", "Adoption"),
)

_FTES = (1.0, 0.8, 1.0, 0.6, 1.0, 0.5)
_NAMES = ("Amélie", "Bryn", "Ciarán", "Dee", "Eóin", "Fay", "Gwen", "Hal", "Iona", "Jude", "Kit", "Lor", "Mo")


def _workers() -> tuple[Worker, ...]:
    """Three to six workers a team, every caseload from 8 to 25 (none over the ceiling of 25), with team
    averages kept well away from their targets' edges so that rounding never moves a rating."""
    workers = []
    for t, team in enumerate(TEAMS):
        count = 3 + t % 4
        for w in range(count):
            fte = _FTES[(t + w) % len(_FTES)]
            base = 9 + (t * 5 + w * 7) % 15  # 9..23
            first = round(base * fte) if fte < 1 else base
            second = max(8, min(25, first + (t % 3) - 1 + (w % 2)))
            workers.append(Worker(f"{_NAMES[(t + w) % len(_NAMES)]} {chr(65 + t)}{w}", team, fte, (first, second)))
    return tuple(workers)


WORKERS = _workers()


@dataclass(frozen=True)
class TeamTruth:
    cases: int
    fte: float
    workers: int

    @property
    def per_fte(self) -> float:
        return self.cases / self.fte


def team_truth(period: int) -> dict[str, TeamTruth]:
    """Each team's cases, FTE and head count in a period, from the workers."""
    out = {}
    for team in TEAMS:
        members = [w for w in WORKERS if w.team == team]
        out[team.name] = TeamTruth(
            sum(w.cases[period] for w in members), round(sum(w.fte for w in members), 2), len(members)
        )
    return out


def service_average(period: int, exclude: frozenset[str] = frozenset()) -> float:
    truth = team_truth(period)
    kept = [t for t in TEAMS if t.team_type not in exclude]
    return sum(truth[t.name].cases for t in kept) / sum(truth[t.name].fte for t in kept)


# --- rows for each shape ------------------------------------------------------------------------


def worker_rows() -> list[tuple[dt.date, Worker, int]]:
    return [(period, w, w.cases[p]) for p, period in enumerate(PERIODS) for w in WORKERS]


def team_rows() -> list[tuple[dt.date, Team, TeamTruth]]:
    return [(period, team, team_truth(p)[team.name]) for p, period in enumerate(PERIODS) for team in TEAMS]


def district_rows() -> list[tuple[str, list[int]]]:
    districts = sorted({t.district for t in TEAMS})
    return [
        (d, [sum(team_truth(p)[t.name].cases for t in TEAMS if t.district == d) for p in range(len(PERIODS))])
        for d in districts
    ]


Grid = list[list[object]]


def shape_worker_long() -> Grid:
    rows: Grid = [["Month", "District", "Team", "Team type", "Social worker", "FTE", "Caseload"]]
    rows += [[p, w.team.district, w.team.name, w.team.type_label, w.name, w.fte, c] for p, w, c in worker_rows()]
    return rows


def shape_worker_long_reworded() -> Grid:
    rows: Grid = [["Practitioner", "WTE", "Team name", "Locality", "Service", "No. of cases", "Period"]]
    rows += [
        [w.name, w.fte, w.team.name, w.team.district, w.team.type_label, c, LABELS[p]] for p, w, c in worker_rows()
    ]
    return rows


def shape_worker_long_csv() -> Grid:
    rows: Grid = [["Date", "Area", "Team", "Worker name", "Contracted FTE", "Allocated children"]]
    rows += [[p.strftime("%d/%m/%Y"), w.team.district, w.team.name, w.name, w.fte, c] for p, w, c in worker_rows()]
    return rows


def shape_worker_long_extra_columns() -> Grid:
    rows: Grid = [["Team", "Manager", "Social worker", "FTE", "Caseload", "Target", "Notes", "Month"]]
    rows += [
        [w.team.name, "A. Manager", w.name, w.fte, c, 18, "checked" if c > 20 else "", LABELS[p]]
        for p, w, c in worker_rows()
    ]
    return rows


def shape_worker_wide() -> Grid:
    rows: Grid = [["Caseloads by worker, September and December 2017"], [], ["Team", "Social worker", "FTE"]]
    rows[2] += [LABELS[p] for p in PERIODS]
    rows += [[w.team.name, w.name, w.fte, *w.cases] for w in WORKERS]
    return rows


def shape_team_cases_fte() -> Grid:
    """The cabinet paper's September figures as their authors kept them (the issue's own wording)."""
    rows: Grid = [["Team group", "Team", "FTE social workers", "Allocated cases", "Snapshot date"]]
    rows += [[team.type_label, team.name, truth.fte, truth.cases, p] for p, team, truth in team_rows()]
    return rows


def shape_team_cases_fte_reworded() -> Grid:
    rows: Grid = [["Team / service", "Social worker FTE", "Cases held", "As at"]]
    rows += [[team.name, truth.fte, truth.cases, LABELS[p]] for p, team, truth in team_rows()]
    return rows


def shape_team_cases_fte_csv() -> Grid:
    rows: Grid = [["Month", "Team", "No. of SWs (FTE)", "Caseload (allocated children)"]]
    rows += [[LABELS[p], team.name, truth.fte, truth.cases] for p, team, truth in team_rows()]
    return rows


def shape_team_head_count() -> Grid:
    rows: Grid = [["Team", "Number of social workers", "Cases", "Month"]]
    rows += [[team.name, truth.workers, truth.cases, LABELS[p]] for p, team, truth in team_rows()]
    return rows


def shape_team_averages_with_fte() -> Grid:
    rows: Grid = [["Team", "FTE", "Average caseload", "Month"]]
    rows += [[team.name, truth.fte, round(truth.per_fte, 2), LABELS[p]] for p, team, truth in team_rows()]
    return rows


def shape_team_averages_wide() -> Grid:
    """Monthly average caseload per team and no workers, as a quarterly update tabulates them."""
    rows: Grid = [["Average caseload per FTE by team"], ["Team", *(LABELS[p] for p in PERIODS)]]
    for team in TEAMS:
        rows.append([team.name, *(round(team_truth(p)[team.name].per_fte, 1) for p in range(len(PERIODS)))])
    return rows


def shape_district_totals() -> Grid:
    rows: Grid = [["Total cases by district"], ["District", *(LABELS[p] for p in PERIODS)]]
    rows += [[district, *totals] for district, totals in district_rows()]
    return rows


# --- writers ------------------------------------------------------------------------------------


def write_openpyxl(grid: Grid, path: Path, sheet: str = "Caseloads") -> Path:
    book = openpyxl.Workbook()
    book.active.title = sheet
    for row in grid:
        book.active.append(row)
    for cells in book.active.iter_rows():
        for cell in cells:
            if isinstance(cell.value, dt.date):
                cell.number_format = "dd/mm/yyyy"
    book.save(path)
    return path


def write_xlsxwriter(grid: Grid, path: Path, sheet: str = "Caseloads") -> Path:
    book = xlsxwriter.Workbook(str(path))
    dates = book.add_format({"num_format": "dd/mm/yyyy"})
    sheet_out = book.add_worksheet(sheet)
    for r, row in enumerate(grid):
        for c, value in enumerate(row):
            if isinstance(value, dt.date):
                sheet_out.write_datetime(r, c, dt.datetime.combine(value, dt.time()), dates)
            elif value is not None:
                sheet_out.write(r, c, value)
    book.close()
    return path


def write_csv_cp1252(grid: Grid, path: Path) -> Path:
    """As Excel saves 'CSV (Comma delimited)' on a UK Windows laptop: Windows-1252, CRLF line ends."""
    with path.open("w", encoding="cp1252", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\r\n")
        for row in grid:
            writer.writerow(["" if v is None else v for v in row])
    return path


@dataclass(frozen=True)
class Shape:
    name: str
    grid: Callable[[], Grid]
    write: Callable[[Grid, Path], Path]
    suffix: str
    # Which inputs the shape holds: the app must answer these, and name the rest as missing.
    per_fte: bool  # cases and FTE per team: service average per FTE, team ratings, staffing options
    team_ratings: bool  # an average per team that the ratings can use
    districts: bool


SHAPES = (
    Shape("worker_long", shape_worker_long, write_openpyxl, ".xlsx", True, True, True),
    Shape("worker_long_reworded", shape_worker_long_reworded, write_xlsxwriter, ".xlsx", True, True, True),
    Shape("worker_long_cp1252", shape_worker_long_csv, write_csv_cp1252, ".csv", True, True, True),
    Shape("worker_long_extra_columns", shape_worker_long_extra_columns, write_openpyxl, ".xlsx", True, True, False),
    Shape("worker_wide", shape_worker_wide, write_xlsxwriter, ".xlsx", True, True, False),
    Shape("team_cases_fte", shape_team_cases_fte, write_openpyxl, ".xlsx", True, True, False),
    Shape("team_cases_fte_reworded", shape_team_cases_fte_reworded, write_xlsxwriter, ".xlsx", True, True, False),
    Shape("team_cases_fte_cp1252", shape_team_cases_fte_csv, write_csv_cp1252, ".csv", True, True, False),
    Shape("team_head_count", shape_team_head_count, write_openpyxl, ".xlsx", False, False, False),
    Shape("team_averages_with_fte", shape_team_averages_with_fte, write_xlsxwriter, ".xlsx", False, True, False),
    Shape("team_averages_wide", shape_team_averages_wide, write_openpyxl, ".xlsx", False, True, False),
    Shape("district_totals", shape_district_totals, write_xlsxwriter, ".xlsx", False, False, True),
)


def write_shape(shape: Shape, folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    return shape.write(shape.grid(), folder / f"{shape.name}{shape.suffix}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("council_shapes"))
    args = parser.parse_args(argv)
    for shape in SHAPES:
        print(write_shape(shape, args.out))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
