"""The benchmark workbook: a large long worker-by-week caseload extract, built deterministically.

It looks like the weekly extract a big council's performance team keeps: a title row, one header
row of ten columns, one row per social worker per week (week commencing as real date cells) and
a notes row under the data. Writing it takes several seconds, so it is cached under the system
temporary folder, keyed by ``VERSION`` and the row count: change ``VERSION`` whenever the content
changes and old copies are simply never read again.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import tempfile
from pathlib import Path

VERSION = "v1"
SEED = 20261123
TITLE = "Wenmoor County Council - Children's social work caseloads by worker and week"
HEADER = [
    "Week commencing",
    "District",
    "Team",
    "Team type",
    "Social worker",
    "FTE",
    "Agency",
    "Caseload",
    "Grade",
    "Start date",
]
NOTE = "Notes: caseloads are counted at 9am on the Monday of each week; blank means not yet returned."
FIXED_TIMESTAMP = dt.datetime(2026, 11, 23, 9, 0, 0)
FIRST_WEEK = dt.datetime(2024, 11, 4)  # a Monday; 104 weeks run to Monday 26 October 2026
WEEKS = 104
TITLE_ROWS = 1  # the title row; the header row follows it

_DISTRICTS = ("North", "South", "East", "West", "Central", "Coastal")
_TEAM_TYPES = (
    ("Assessment", "Assessment Team"),
    ("Children in Need", "Children in Need Team"),
    ("Child Protection", "Safeguarding Team"),
    ("Children in Care", "Children in Care Team"),
    ("Leaving Care", "Leaving Care Team"),
    ("Disabled Children", "Disabled Children's Team"),
    ("Adolescent", "Adolescent Service"),
)
_GRADES = ("Social Worker", "Senior Social Worker", "Advanced Practitioner", "Newly Qualified Social Worker")
_FIRST = (
    "Amina",
    "Ben",
    "Chloe",
    "Daniel",
    "Ella",
    "Farah",
    "George",
    "Hannah",
    "Isaac",
    "Jade",
    "Kofi",
    "Laura",
    "Mohammed",
    "Nadia",
    "Oliver",
    "Priya",
    "Rhys",
    "Sophie",
    "Tom",
    "Uma",
    "Victor",
    "Wendy",
    "Yusuf",
    "Zara",
    "Aaron",
    "Bethany",
    "Callum",
    "Dina",
    "Ethan",
    "Fiona",
    "Grace",
    "Harvey",
    "Imran",
    "Jess",
    "Kieran",
    "Leah",
    "Martin",
    "Nina",
    "Owen",
    "Paula",
)
_LAST = (
    "Adams",
    "Begum",
    "Clarke",
    "Davies",
    "Evans",
    "Fraser",
    "Green",
    "Hughes",
    "Iqbal",
    "Jones",
    "Khan",
    "Lewis",
    "Morgan",
    "Nowak",
    "Owens",
    "Patel",
    "Quinn",
    "Roberts",
    "Singh",
    "Taylor",
    "Umar",
    "Vaughan",
    "Walsh",
    "Young",
    "Zielinski",
    "Ahmed",
    "Baker",
    "Carter",
    "Dixon",
    "Ellis",
    "Foster",
    "Grant",
    "Hall",
    "Ingram",
    "Jackson",
    "Kelly",
    "Lloyd",
    "Mason",
    "Norris",
    "Parry",
    "Reid",
    "Shaw",
    "Turner",
    "Walker",
    "Wright",
    "Ward",
    "Webb",
    "Hayes",
    "Holmes",
    "Kaur",
    "Lowe",
    "Marsh",
    "Nash",
    "Pearce",
    "Rees",
    "Sharp",
    "Stone",
    "Tucker",
    "Yates",
)


def worker_count(rows: int) -> int:
    """Workers needed so that ``WEEKS`` weeks give at least ``rows`` rows."""
    return -(-rows // WEEKS)


def cache_dir() -> Path:
    folder = os.environ.get("CASELOAD_BENCH_CACHE") or Path(tempfile.gettempdir()) / "caseload-reporter-bench"
    path = Path(folder)
    path.mkdir(parents=True, exist_ok=True)
    return path


def benchmark_workbook(rows: int = 200_000, folder: Path | None = None) -> Path:
    """The cached workbook with exactly ``rows`` data rows, written first if it is not there yet."""
    path = (folder or cache_dir()) / f"long_caseloads_{VERSION}_{rows}.xlsx"
    if not path.exists():
        partial = path.with_suffix(f".{os.getpid()}.partial.xlsx")
        write_workbook(partial, rows)
        partial.replace(path)  # atomic: a half-written file is never picked up
    return path


def write_workbook(path: Path, rows: int) -> None:
    """Write ``rows`` data rows: every worker every week, except that the last few join a week or two late."""
    import xlsxwriter

    rng = random.Random(SEED)
    n_workers = worker_count(rows)
    weeks_missed = [0] * n_workers  # new starters: no rows before they joined
    for j in range(n_workers * WEEKS - rows):
        weeks_missed[n_workers - 1 - j % n_workers] += 1
    names = [f"{first} {last}" for first in _FIRST for last in _LAST]
    if n_workers > len(names):
        names += [f"{name} {i}" for i in range(2, 2 + n_workers // len(names)) for name in names]
    names = rng.sample(names, n_workers)

    teams = []
    for district in _DISTRICTS:
        for type_label, team_word in _TEAM_TYPES:
            for number in range(1, max(2, n_workers // (12 * len(_DISTRICTS) * len(_TEAM_TYPES))) + 1):
                teams.append((district, f"{district} {team_word} {number}", type_label))
    workers = []
    for i, name in enumerate(names):
        district, team, team_type = teams[i % len(teams)]
        workers.append(
            {
                "district": district,
                "team": team,
                "team_type": team_type,
                "name": name,
                "fte": rng.choices((1.0, 0.8, 0.6, 0.5), weights=(80, 10, 5, 5))[0],
                "agency": "Yes" if rng.random() < 0.15 else "No",
                "grade": rng.choice(_GRADES),
                "start": dt.datetime(2008, 1, 1) + dt.timedelta(days=rng.randrange(0, 6200)),
                "caseload": rng.randint(8, 24),
            }
        )

    book = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    book.set_properties({"created": FIXED_TIMESTAMP})  # so the same rows give the same bytes
    sheet = book.add_worksheet("Caseloads")
    date_format = book.add_format({"num_format": "dd/mm/yyyy"})
    bold = book.add_format({"bold": True})
    sheet.write(0, 0, TITLE, bold)
    sheet.write_row(1, 0, HEADER, bold)
    r = 2
    for week in range(WEEKS):
        monday = FIRST_WEEK + dt.timedelta(weeks=week)
        for i, w in enumerate(workers):
            if week < weeks_missed[i]:
                continue
            w["caseload"] = min(35, max(0, w["caseload"] + rng.choice((-1, 0, 0, 0, 1))))
            sheet.write_datetime(r, 0, monday, date_format)
            sheet.write_string(r, 1, w["district"])
            sheet.write_string(r, 2, w["team"])
            sheet.write_string(r, 3, w["team_type"])
            sheet.write_string(r, 4, w["name"])
            sheet.write_number(r, 5, w["fte"])
            sheet.write_string(r, 6, w["agency"])
            if rng.random() < 0.003:  # a return not yet in: the caseload cell is left empty
                sheet.write_blank(r, 7, None)
            else:
                sheet.write_number(r, 7, w["caseload"])
            sheet.write_string(r, 8, w["grade"])
            sheet.write_datetime(r, 9, w["start"], date_format)
            r += 1
    assert r - 2 == rows, (r - 2, rows)
    sheet.write(r + 1, 0, NOTE)
    book.close()
