"""Generate the built-in sample council workbook (resources/sample/sample_council_caseloads.xlsx).

The sample is what a new user sees on first run and what the importer and report tests lean on,
so it has to look like a workbook a council performance officer really keeps: a long weekly
caseload extract, a monthly measures grid and a team establishment list. Every name is invented
(the fictional Wenmoor County Council). The script is deterministic - one seeded
``random.Random`` and fixed document/zip timestamps - so re-running it reproduces the file.

Usage: python tests/generators/sample_council.py [--out PATH]
"""

from __future__ import annotations

import argparse
import math
import random
import statistics
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from io import BytesIO
from pathlib import Path
from zipfile import ZIP_DEFLATED, ZipFile, ZipInfo

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.writer.excel import ExcelWriter

SEED = 20261123
# Fixed so that document properties and zip entry times never depend on when the script ran.
FIXED_TIMESTAMP = datetime(2026, 11, 23, 9, 0, 0)

REPO_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_OUT = REPO_ROOT / "resources" / "sample" / "sample_council_caseloads.xlsx"

COUNCIL = "Wenmoor County Council"
FIRST_WEEK = datetime(2024, 11, 4)  # a Monday
N_WEEKS = 104  # to Monday 26 October 2026
FIRST_MONTH = (2024, 11)
N_MONTHS = 24

DISTRICTS = ("Ashby Vale", "Brackenford", "Coldharbour", "Dunstow", "Eastmere")
BUSIEST_DISTRICT = "Brackenford"  # two assessment teams, higher caseloads throughout
BUSIEST_EXTRA_PER_FTE = 2.5
GAP_DISTRICT = "Coldharbour"  # recruitment gap in the middle of the period

# Caseload per FTE that each team type settles around (assessment drifts, see below).
TYPE_TARGETS: dict[str, float] = {
    "Assessment": 19.5,
    "Children's": 19.0,
    "Adolescent": 18.0,
    "Children in care": 17.0,
    "Unaccompanied asylum-seeking children": 16.0,
    "Leaving care": 21.0,
    "Disabled children": 16.0,
}
ASSESSMENT_CREEP = 3.5  # cases per FTE gained by assessment teams over the two years

# Countywide teams: (name, team type, district the team is based in and listed under).
COUNTYWIDE_TEAMS: tuple[tuple[str, str, str], ...] = (
    ("Adolescent Team North", "Adolescent", "Brackenford"),
    ("Adolescent Team South", "Adolescent", "Dunstow"),
    ("Children in Care Team North", "Children in care", "Ashby Vale"),
    ("Children in Care Team South", "Children in care", "Coldharbour"),
    ("Leaving Care Team North", "Leaving care", "Brackenford"),
    ("Leaving Care Team South", "Leaving care", "Eastmere"),
    ("Unaccompanied Children's Team", "Unaccompanied asylum-seeking children", "Coldharbour"),
    ("Disabled Children's Team North", "Disabled children", "Ashby Vale"),
    ("Disabled Children's Team South", "Disabled children", "Dunstow"),
)

MIN_TEAM, MAX_TEAM = 5, 10  # case-holding workers per team, every week
PART_TIME_SHARE = 0.17  # of permanent staff; roughly 15% of all workers
PART_TIME_FTES = (0.8, 0.8, 0.6, 0.5)

# Common UK first names (weighted towards women, as the workforce is) and surnames.
FIRST_NAMES: tuple[str, ...] = (
    "Amelia",
    "Olivia",
    "Isla",
    "Ava",
    "Emily",
    "Sophie",
    "Grace",
    "Lily",
    "Ella",
    "Chloe",
    "Hannah",
    "Jessica",
    "Lucy",
    "Rebecca",
    "Charlotte",
    "Laura",
    "Sarah",
    "Rachel",
    "Gemma",
    "Natalie",
    "Zoe",
    "Priya",
    "Aisha",
    "Fatima",
    "Amira",
    "Jasmine",
    "Megan",
    "Bethany",
    "Katie",
    "Joanne",
    "Claire",
    "Helen",
    "Nicola",
    "Kerry",
    "Michelle",
    "Siobhan",
    "Niamh",
    "Sian",
    "Harriet",
    "Abigail",
    "Leanne",
    "Shabnam",
    "Oliver",
    "Jack",
    "Harry",
    "George",
    "Daniel",
    "Samuel",
    "Joseph",
    "Adam",
    "Ryan",
    "Liam",
    "Mohammed",
    "Imran",
    "Ravi",
    "Matthew",
    "Luke",
    "Ben",
    "Chris",
    "Mark",
    "Paul",
    "Andrew",
    "Kwame",
    "Tunde",
    "Rhys",
)
SURNAMES: tuple[str, ...] = (
    "Smith",
    "Jones",
    "Williams",
    "Taylor",
    "Brown",
    "Davies",
    "Evans",
    "Wilson",
    "Thomas",
    "Johnson",
    "Roberts",
    "Robinson",
    "Thompson",
    "Wright",
    "Walker",
    "White",
    "Edwards",
    "Hughes",
    "Green",
    "Hall",
    "Lewis",
    "Harris",
    "Clarke",
    "Patel",
    "Jackson",
    "Wood",
    "Turner",
    "Martin",
    "Cooper",
    "Hill",
    "Ward",
    "Morris",
    "Moore",
    "King",
    "Baker",
    "Harrison",
    "Morgan",
    "Allen",
    "Scott",
    "Phillips",
    "Watson",
    "Parker",
    "Price",
    "Bennett",
    "Young",
    "Griffiths",
    "Mitchell",
    "Kelly",
    "Carter",
    "Richardson",
    "Bailey",
    "Collins",
    "Bell",
    "Shaw",
    "Murphy",
    "Marshall",
    "Simpson",
    "Ellis",
    "Khan",
    "Singh",
    "Begum",
    "Ali",
    "Hussain",
    "Okafor",
    "Mensah",
    "Nowak",
    "Kaur",
    "Ahmed",
    "Chowdhury",
    "Doyle",
)

CASELOAD_HEADERS = (
    "Week commencing",
    "District",
    "Team",
    "Team type",
    "Social worker",
    "FTE",
    "Agency",
    "Caseload",
)
CASELOAD_WIDTHS = (17, 14, 34, 38, 24, 7, 9, 10)
CASELOAD_NOTES = (
    "Notes: each allocated child counts as one case, so siblings are counted separately. "
    "FTE is contracted hours divided by 37. Team managers are not case-holding and are not "
    "listed. Vacant posts are shown on the Teams sheet."
)
MEASURE_LABELS = (
    "Referrals",
    "Children on child protection plans",
    "Looked-after children",
    "Unallocated cases",
    "Social worker vacancies (FTE)",
    "Agency social workers (FTE)",
)
TEAM_HEADERS = ("District", "Team", "Team type", "Established FTE")

TITLE_FONT = Font(bold=True, size=14)
HEADER_FONT = Font(bold=True)
HEADER_FILL = PatternFill(fill_type="solid", fgColor="D9E1F2")


@dataclass
class Team:
    """A case-holding team; ``district`` is where a countywide team is based and listed."""

    district: str
    name: str
    team_type: str
    initial_size: int


@dataclass
class Worker:
    """One social worker's spell in post: weeks ``start`` (inclusive) to ``end`` (exclusive)."""

    name: str
    team: Team
    fte: float
    agency: bool
    offset: float  # personal caseload tendency, cases per FTE above/below the team target
    start: int = 0
    end: int = N_WEEKS
    fte_change_week: int | None = None  # part-timer who goes full-time from this week
    is_starter: bool = False

    def fte_at(self, week: int) -> float:
        """FTE in a given week, allowing for a move from part-time to full-time."""
        if self.fte_change_week is not None and week >= self.fte_change_week:
            return 1.0
        return self.fte

    def active(self, week: int) -> bool:
        """Whether the worker appears in the extract for that week."""
        return self.start <= week < self.end


@dataclass
class Simulation:
    """Everything the three sheets are written from."""

    teams: list[Team]
    workers: list[Worker]
    caseloads: dict[tuple[int, int], int]  # (worker index, week) -> caseload
    leavers: int
    starters: int


def week_date(week: int) -> datetime:
    """Monday of the given week index (datetime, so it round-trips through openpyxl)."""
    return FIRST_WEEK + timedelta(weeks=week)


def month_start(month: int) -> datetime:
    """First day of the given month index (0 = November 2024)."""
    year, mon = divmod(FIRST_MONTH[0] * 12 + FIRST_MONTH[1] - 1 + month, 12)
    return datetime(year, mon + 1, 1)


def weeks_in_month(month: int) -> list[int]:
    """Week indices whose Monday falls in the month (each month has at least four)."""
    start = month_start(month)
    return [w for w in range(N_WEEKS) if (week_date(w).year, week_date(w).month) == (start.year, start.month)]


class NamePool:
    """Hands out invented full names that are unique across the whole data set."""

    def __init__(self, rng: random.Random) -> None:
        self._rng = rng
        self._used: set[str] = set()

    def draw(self) -> str:
        """A fresh first name + surname pair not used before."""
        while True:
            first = self._rng.choice(FIRST_NAMES)
            last = self._rng.choice(SURNAMES)
            name = f"{first} {last}"
            if first != last and name not in self._used:
                self._used.add(name)
                return name


def build_teams(rng: random.Random) -> list[Team]:
    """About thirty teams: district assessment and children's teams plus countywide teams."""
    teams: list[Team] = []
    for district in DISTRICTS:
        if district == BUSIEST_DISTRICT:
            names = [f"{district} Assessment Team 1", f"{district} Assessment Team 2"]
        else:
            names = [f"{district} Assessment Team"]
        for name in names:
            teams.append(Team(district, name, "Assessment", rng.choice((8, 9, 9))))
        for number in (1, 2, 3):
            # The gap district starts fully staffed so it has people to lose.
            size = 8 if district == GAP_DISTRICT else rng.choice((7, 7, 8, 8))
            teams.append(Team(district, f"{district} Children's Team {number}", "Children's", size))
    for name, team_type, district in COUNTYWIDE_TEAMS:
        size = 7 if district == GAP_DISTRICT else rng.choice((6, 7, 7))
        teams.append(Team(district, name, team_type, size))
    return teams


class Planner:
    """Plans who is in post each week, keeping every team between five and ten workers."""

    def __init__(self, rng: random.Random, teams: list[Team]) -> None:
        self.rng = rng
        self.names = NamePool(rng)
        self.workers: list[Worker] = []
        self.counts: dict[str, list[int]] = {t.name: [0] * N_WEEKS for t in teams}
        self.leavers = 0
        self.starters = 0

    def new_worker(self, team: Team, start: int, agency: bool, part_time: bool) -> Worker:
        """Add someone to the roster from ``start``; agency staff are always full-time."""
        fte = self.rng.choice(PART_TIME_FTES) if part_time and not agency else 1.0
        offset = max(-3.5, min(3.5, self.rng.gauss(0.0, 1.3)))
        worker = Worker(self.names.draw(), team, fte, agency, offset, start=start)
        worker.is_starter = start > 0
        self.workers.append(worker)
        for w in range(start, N_WEEKS):
            self.counts[team.name][w] += 1
        return worker

    def can_leave(self, team: Team, week: int) -> bool:
        """A leaver must not take the team below the minimum in any later week."""
        return min(self.counts[team.name][week:]) > MIN_TEAM

    def can_join(self, team: Team, week: int) -> bool:
        """A starter must not take the team above the maximum in any later week."""
        return max(self.counts[team.name][week:]) < MAX_TEAM

    def leave(self, team: Team, week: int, agency_weight: float = 1.0) -> Worker | None:
        """Someone settled in the team (in post 12+ weeks) leaves; agency staff move on more."""
        if not self.can_leave(team, week):
            return None
        pool = [
            x
            for x in self.workers
            if x.team is team and x.end == N_WEEKS and x.start <= week - 12 and x.fte_change_week is None
        ]
        if not pool:
            return None
        weights = [agency_weight if x.agency else 1.0 for x in pool]
        worker = self.rng.choices(pool, weights=weights)[0]
        worker.end = week
        for w in range(week, N_WEEKS):
            self.counts[team.name][w] -= 1
        self.leavers += 1
        return worker

    def join(self, team: Team, week: int, agency_rate: float) -> Worker | None:
        """A new starter joins the team from the given week, if there is room."""
        if week >= N_WEEKS or not self.can_join(team, week):
            return None
        self.starters += 1
        agency = self.rng.random() < agency_rate
        return self.new_worker(team, week, agency, self.rng.random() < PART_TIME_SHARE)


def plan_workforce(rng: random.Random, teams: list[Team]) -> Planner:
    """Initial roster, the Coldharbour recruitment gap, background churn and FTE changes."""
    planner = Planner(rng, teams)
    # Exact shares for the opening roster, so the mix does not hinge on a few coin tosses.
    slots = [t for t in teams for _ in range(t.initial_size)]
    gap_slots = [i for i, t in enumerate(slots) if t.district == GAP_DISTRICT]
    other_slots = [i for i, t in enumerate(slots) if t.district != GAP_DISTRICT]
    agency = set(rng.sample(gap_slots, k=round(0.2 * len(gap_slots))))
    agency |= set(rng.sample(other_slots, k=round(0.11 * len(other_slots))))
    permanent = [i for i in range(len(slots)) if i not in agency]
    part_time = set(rng.sample(permanent, k=round(PART_TIME_SHARE * len(permanent))))
    for i, team in enumerate(slots):
        planner.new_worker(team, 0, i in agency, i in part_time)

    gap_teams = [t for t in teams if t.district == GAP_DISTRICT]
    other_teams = [t for t in teams if t.district != GAP_DISTRICT]

    # Coldharbour loses people through the summer of 2025 (months 8-10)...
    lost = 0
    while lost < 13:
        team = rng.choice(gap_teams)
        if planner.leave(team, rng.randint(30, 44), agency_weight=0.2) is not None:
            lost += 1
    # ...gets some agency cover in the autumn...
    cover: list[Worker] = []
    for _ in range(4):
        week = rng.randint(36, 48)
        team = min(gap_teams, key=lambda t: (planner.counts[t.name][week] - t.initial_size, t.name))
        worker = planner.join(team, week, agency_rate=1.0)
        if worker is not None:
            cover.append(worker)
    # ...and recruits permanent staff over the winter, after which the cover goes.
    for _ in range(11):
        week = rng.randint(58, 72)
        team = min(gap_teams, key=lambda t: (planner.counts[t.name][-1] - t.initial_size, t.name))
        planner.join(team, week, agency_rate=0.0)
    for worker in cover:
        week = rng.randint(70, 80)
        if planner.can_leave(worker.team, week):
            worker.end = week
            for w in range(week, N_WEEKS):
                planner.counts[worker.team.name][w] -= 1
            planner.leavers += 1

    # Elsewhere, ordinary churn: leavers replaced some weeks later, usually in the same team.
    while planner.leavers < 40:
        team = rng.choice(other_teams)
        week = rng.randint(2, 100)
        if planner.leave(team, week, agency_weight=2.0) is not None:
            planner.join(team, week + rng.randint(6, 16), agency_rate=0.2)
    # A few new posts, mostly where demand is highest.
    busiest = [t for t in other_teams if t.district == BUSIEST_DISTRICT]
    attempts = 0
    while planner.starters < 45 and attempts < 200:
        attempts += 1
        team = rng.choice(busiest if rng.random() < 0.6 else other_teams)
        planner.join(team, rng.randint(10, 95), agency_rate=0.1)

    # A few part-timers go full-time.
    part_timers = [x for x in planner.workers if x.fte < 1.0 and x.start == 0 and x.end == N_WEEKS]
    for worker in rng.sample(part_timers, k=min(3, len(part_timers))):
        worker.fte_change_week = rng.randint(20, 90)
    return planner


def gap_pressure(planner: Planner, week: int, baseline_fte: float) -> float:
    """Extra cases per FTE carried by the rest of a district when it is short of staff."""
    fte = sum(x.fte_at(week) for x in planner.workers if x.team.district == GAP_DISTRICT and x.active(week))
    return 14.0 * max(0.0, baseline_fte - fte) / baseline_fte


def simulate_caseloads(rng: random.Random, planner: Planner) -> dict[tuple[int, int], int]:
    """Weekly caseloads as a mean-reverting walk, so each worker changes by small steps."""
    baseline = sum(x.fte for x in planner.workers if x.team.district == GAP_DISTRICT and x.start == 0)
    latent: dict[int, float] = {}
    caseloads: dict[tuple[int, int], int] = {}
    for week in range(N_WEEKS):
        pressure = gap_pressure(planner, week, baseline)
        for index, worker in enumerate(planner.workers):
            if not worker.active(week):
                continue
            team = worker.team
            per_fte = TYPE_TARGETS[team.team_type] + worker.offset
            if team.team_type == "Assessment":
                per_fte += ASSESSMENT_CREEP * week / (N_WEEKS - 1)
            if team.district == BUSIEST_DISTRICT:
                per_fte += BUSIEST_EXTRA_PER_FTE
            elif team.district == GAP_DISTRICT:
                per_fte += pressure
            target = per_fte * worker.fte_at(week)
            weeks_in = week - worker.start
            if worker.is_starter and weeks_in <= 8:
                # New starters are built up gradually from a handful of cases.
                target = 5.0 + (target - 5.0) * weeks_in / 8
                reversion = 0.7
            else:
                reversion = 0.25
            if index not in latent:
                latent[index] = target + rng.gauss(0.0, 1.0)
            else:
                latent[index] += reversion * (target - latent[index]) + rng.gauss(0.0, 0.75)
            caseloads[(index, week)] = max(0, round(latent[index]))
    return caseloads


def simulate(rng: random.Random) -> Simulation:
    """Run the worker model; ``rng`` is the one seeded generator the whole workbook uses."""
    teams = build_teams(rng)
    planner = plan_workforce(rng, teams)
    caseloads = simulate_caseloads(rng, planner)
    return Simulation(teams, planner.workers, caseloads, planner.leavers, planner.starters)


def style_header(ws: Worksheet, row: int, n_columns: int) -> None:
    """Bold, shaded header row, as officers format their extracts."""
    for column in range(1, n_columns + 1):
        cell = ws.cell(row=row, column=column)
        cell.font = HEADER_FONT
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(vertical="center", wrap_text=True)


def set_widths(ws: Worksheet, widths: Sequence[float]) -> None:
    """Column widths in Excel character units."""
    for column, width in enumerate(widths, start=1):
        ws.column_dimensions[ws.cell(row=1, column=column).column_letter].width = width


def write_caseloads(ws: Worksheet, sim: Simulation) -> None:
    """Sheet 1: one row per worker per week, sorted by week, district, team and worker."""
    ws["A1"] = f"{COUNCIL} - Children's social work caseloads by worker (weekly snapshot)"
    ws["A1"].font = TITLE_FONT
    ws["A2"] = "Source: case management system extract. Fictional sample data for Caseload Reporter."
    ws.append([])
    ws.append(list(CASELOAD_HEADERS))
    style_header(ws, 4, len(CASELOAD_HEADERS))
    rows = []
    for (index, week), caseload in sim.caseloads.items():
        worker = sim.workers[index]
        team = worker.team
        rows.append(
            (
                week,
                team.district,
                team.name,
                team.team_type,
                worker.name,
                worker.fte_at(week),
                "Yes" if worker.agency else "No",
                caseload,
            )
        )
    rows.sort(key=lambda r: (*r[:3], r[4]))
    for row_number, (week, *rest) in enumerate(rows, start=5):
        ws.append([week_date(week), *rest])
        ws.cell(row=row_number, column=1).number_format = "dd/mm/yyyy"
        ws.cell(row=row_number, column=6).number_format = "0.0"
    ws.append([])
    ws.append([CASELOAD_NOTES])
    ws.freeze_panes = "A5"
    set_widths(ws, CASELOAD_WIDTHS)


def team_weekly_fte(sim: Simulation) -> dict[str, list[float]]:
    """In-post FTE of each team in each week (agency staff included: they hold cases)."""
    totals = {t.name: [0.0] * N_WEEKS for t in sim.teams}
    for worker in sim.workers:
        for week in range(worker.start, worker.end):
            totals[worker.team.name][week] += worker.fte_at(week)
    return totals


def established_fte(sim: Simulation) -> dict[str, float]:
    """Funded posts: a little above each team's typical in-post FTE, rounded up to a half."""
    weekly = team_weekly_fte(sim)
    return {name: math.ceil((statistics.median(values) + 0.2) * 2) / 2 for name, values in weekly.items()}


def write_measures(ws: Worksheet, sim: Simulation, rng: random.Random) -> None:
    """Sheet 2: monthly measures; staffing rows are derived from the worker data."""
    ws["A1"] = f"{COUNCIL} - Monthly service measures"
    ws["A1"].font = TITLE_FONT
    ws.append([])
    months = [month_start(m) for m in range(N_MONTHS)]
    ws.append(["Measure", *months])
    style_header(ws, 3, N_MONTHS + 1)
    for column in range(2, N_MONTHS + 2):
        ws.cell(row=3, column=column).number_format = "mmm-yy"

    established = sum(established_fte(sim).values())
    weekly_total = [0.0] * N_WEEKS
    weekly_agency = [0.0] * N_WEEKS
    weekly_gap = [0.0] * N_WEEKS
    for worker in sim.workers:
        for week in range(worker.start, worker.end):
            fte = worker.fte_at(week)
            weekly_total[week] += fte
            if worker.agency:
                weekly_agency[week] += fte
            if worker.team.district == GAP_DISTRICT:
                weekly_gap[week] += fte
    gap_baseline = statistics.fmean(weekly_gap[w] for w in weeks_in_month(0))

    seasonal = {1: 10, 2: 0, 3: 15, 4: -5, 5: 10, 6: 8, 7: 5, 8: -38, 9: 20, 10: 15, 11: 10, 12: -32}
    referrals, cp_plans, looked_after, unallocated, vacancies, agency = ([] for _ in range(6))
    cp, lac = 305.0, 612.0
    for m, start in enumerate(months):
        weeks = weeks_in_month(m)
        referral = 298 + 0.4 * m + seasonal[start.month] + rng.gauss(0.0, 10.0)
        referrals.append(round(min(350.0, max(250.0, referral))))
        cp += 0.35 * (310.0 - cp) + rng.gauss(0.0, 7.0)
        cp_plans.append(round(min(340.0, max(280.0, cp))))
        lac += 1.3 + 0.3 * (612.0 + 1.3 * m - lac) + rng.gauss(0.0, 3.0)
        looked_after.append(round(min(660.0, max(600.0, lac))))
        in_post = statistics.fmean(weekly_total[w] for w in weeks)
        gap_short = max(0.0, gap_baseline - statistics.fmean(weekly_gap[w] for w in weeks))
        vacancy = max(0.0, established - in_post)
        unalloc = 1.5 + 1.4 * gap_short + 0.2 * vacancy + rng.gauss(0.0, 1.5)
        unallocated.append(round(min(25.0, max(0.0, unalloc))))
        vacancies.append(round(vacancy, 1))
        agency.append(round(statistics.fmean(weekly_agency[w] for w in weeks), 1))

    series = (referrals, cp_plans, looked_after, unallocated, vacancies, agency)
    for row_number, (label, values) in enumerate(zip(MEASURE_LABELS, series, strict=True), 4):
        ws.append([label, *values])
        if isinstance(values[0], float):
            for column in range(2, N_MONTHS + 2):
                ws.cell(row=row_number, column=column).number_format = "0.0"
    ws.append([])
    ws.append(["Notes: figures at the last working day of each month."])
    ws.freeze_panes = "B4"
    set_widths(ws, (36, *([9] * N_MONTHS)))


def write_teams(ws: Worksheet, sim: Simulation) -> None:
    """Sheet 3: one row per team with its established (funded) FTE."""
    ws["A1"] = f"{COUNCIL} - Team establishment"
    ws["A1"].font = TITLE_FONT
    ws.append([])
    ws.append(list(TEAM_HEADERS))
    style_header(ws, 3, len(TEAM_HEADERS))
    established = established_fte(sim)
    for row_number, team in enumerate(sorted(sim.teams, key=lambda t: (t.district, t.name)), 4):
        ws.append([team.district, team.name, team.team_type, established[team.name]])
        ws.cell(row=row_number, column=4).number_format = "0.0"
    ws.freeze_panes = "A4"
    set_widths(ws, (14, 34, 38, 16))


def build_workbook() -> Workbook:
    """Build the sample workbook in memory; identical on every call."""
    rng = random.Random(SEED)
    sim = simulate(rng)
    wb = Workbook()
    caseloads = wb.active
    caseloads.title = "Caseloads"
    write_caseloads(caseloads, sim)
    # Measures noise is drawn after all worker data, so editing it never moves the workers.
    write_measures(wb.create_sheet("Service measures"), sim, rng)
    write_teams(wb.create_sheet("Teams"), sim)
    wb.properties.creator = "Caseload Reporter sample generator"
    wb.properties.title = f"{COUNCIL} caseloads (fictional sample)"
    wb.properties.created = FIXED_TIMESTAMP
    wb.properties.modified = FIXED_TIMESTAMP
    return wb


def save_reproducibly(wb: Workbook, path: Path) -> None:
    """Save without openpyxl stamping 'modified' with now and with fixed zip entry times."""
    buffer = BytesIO()
    with ZipFile(buffer, "w", ZIP_DEFLATED, allowZip64=True) as archive:
        ExcelWriter(wb, archive).save()
    path.parent.mkdir(parents=True, exist_ok=True)
    with ZipFile(buffer) as source, ZipFile(path, "w", ZIP_DEFLATED) as target:
        for info in source.infolist():
            entry = ZipInfo(info.filename, date_time=FIXED_TIMESTAMP.timetuple()[:6])
            entry.compress_type = ZIP_DEFLATED
            entry.create_system = 3
            entry.external_attr = 0o600 << 16
            target.writestr(entry, source.read(info.filename))


def main(argv: Sequence[str] | None = None) -> int:
    """Command-line entry point: write the workbook and say where it went."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="where to write the .xlsx")
    args = parser.parse_args(argv)
    wb = build_workbook()
    save_reproducibly(wb, args.out)
    data_rows = sum(1 for row in wb["Caseloads"].iter_rows(min_row=5, values_only=True) if isinstance(row[0], datetime))
    print(f"Wrote {args.out} ({data_rows} caseload rows)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
