"""Property: however the officer laid the sheet out, the importer gives the same canonical table.

Hypothesis draws a small caseload data set (periods, districts, teams, workers, FTE, caseloads)
and, independently, a layout: title rows, blank rows, empty leading columns, column order,
header wording, numbers stored as text, long or wide, the writer (openpyxl, xlsxwriter, CSV in
the encodings Excel writes), a total row and a notes row. The file is written, imported with
``import_file``, and the canonical records must be exactly the drawn data set.

The bugs these properties found (a title merged over part of the table, a total label after a
figure, names merged down a block) are fixed; each keeps an explicit test at its smallest below.
"""

from __future__ import annotations

import csv
import datetime as dt
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import openpyxl
import pytest
import xlsxwriter
from hypothesis import given, settings
from hypothesis import strategies as st

from caseload_reporter.reading.importer import import_file

TODAY = dt.date(2030, 1, 1)  # every drawn period is in the past
SETTINGS = settings(max_examples=60)  # the conftest profile, fewer examples: each builds a workbook

# --- the data set ------------------------------------------------------------------------

# Team names with the team type each one implies, stated here rather than asked of the importer.
TEAMS = {
    "Assessment Team 1": "assessment",
    "Assessment Team 2": "assessment",
    "Children in Care Team": "children_in_care",
    "Leaving Care Team": "leaving_care",
    "Child Protection Team": "childrens",
    "Disabled Children’s Team": "disabled_children",  # curly apostrophe: cp1252 has it, latin-1 does not
    "Adolescent Service": "adolescent",
    "UASC Team": "unaccompanied",
}
DISTRICTS = ("North", "South", "Môn and Coast")
WORKERS = (
    "Amina Khan",
    "Ben Hughes",
    "Carys Jones",
    "Dafydd Rees",
    "Ela Nowak",
    "Femi Adeyemi",
    "Gareth Price",
    "Hannah O’Neill",
    "Imran Shah",
    "Jo Clarke",
    "Kasia Wiśniewska",
    "Leah Byrne",
    "Mo Ali",
    "Nia Evans",
    "Oskar Lind",
    "Priya Patel",
    "Rhys Morgan",
    "Siân Davies",
    "Tom Baker",
    "Zoë Brontë",
)
# Wiśniewska has a character cp1252 lacks: CSV cp1252 files use only the names it can encode.
FTES = (1.0, 0.8, 0.5)


@dataclass(frozen=True)
class Worker:
    district: str
    team: str
    name: str
    fte: float


@dataclass
class DataSet:
    kind: str  # "week" or "month"
    periods: list[dt.date]  # ascending
    workers: list[Worker]
    caseloads: dict[tuple[int, int], int]  # (worker index, period index) -> cases; absent = not in post

    def expected(self) -> list[tuple]:
        return sorted(
            (
                self.periods[p],
                self.kind,
                w.district,
                w.team,
                TEAMS[w.team],
                w.name,
                w.fte,
                float(cases),
            )
            for (i, p), cases in self.caseloads.items()
            for w in [self.workers[i]]
        )


@st.composite
def datasets(draw: st.DrawFn, cp1252_only: bool = False) -> DataSet:
    kind = draw(st.sampled_from(["week", "month"]))
    count = draw(st.integers(2, 4))
    if kind == "month":
        # Monthly returns, or quarterly snapshots such as Dec-21 and Mar-22.
        step = draw(st.sampled_from([1, 3]))
        first = draw(st.integers(2021 * 12, 2024 * 12 + 11))
        periods = [dt.date((first + i * step) // 12, (first + i * step) % 12 + 1, 1) for i in range(count)]
    else:
        # Weeks commencing Monday, weekly or fortnightly: never 28 days apart, where two Mondays
        # on the 1st of a month would honestly look like months.
        step = draw(st.sampled_from([1, 2]))
        monday = dt.date(2021, 1, 4) + dt.timedelta(weeks=draw(st.integers(0, 200)))
        periods = [monday + dt.timedelta(weeks=i * step) for i in range(count)]
    districts = draw(st.lists(st.sampled_from(DISTRICTS), min_size=1, max_size=3, unique=True))
    teams = draw(st.lists(st.sampled_from(sorted(TEAMS)), min_size=1, max_size=4, unique=True))
    sizes = [draw(st.integers(1, 5)) for _ in teams]
    pool = [w for w in WORKERS if not cp1252_only or _cp1252(w)]
    names = draw(st.lists(st.sampled_from(pool), min_size=sum(sizes), max_size=sum(sizes), unique=True))
    workers, caseloads = [], {}
    for t, team in enumerate(teams):
        district = draw(st.sampled_from(districts))
        for _ in range(sizes[t]):
            workers.append(Worker(district, team, names[len(workers)], draw(st.sampled_from(FTES))))
    for i in range(len(workers)):
        # The first worker is in post throughout (so every period appears); others may join or leave.
        present = [True] * count if i == 0 else draw(st.lists(st.booleans(), min_size=count, max_size=count))
        if not any(present):
            present[draw(st.integers(0, count - 1))] = True
        for p in range(count):
            if present[p]:
                caseloads[(i, p)] = draw(st.integers(0, 40))
    return DataSet(kind, periods, workers, caseloads)


def _cp1252(text: str) -> bool:
    try:
        text.encode("cp1252")
    except UnicodeEncodeError:
        return False
    return True


# --- the layout --------------------------------------------------------------------------

# Header wordings as officers write them (tests/reading/header_corpus.json holds many more).
HEADERS = {
    "district": ("District", "Area", "Locality", "Patch", "District / area"),
    "team": ("Team", "Team name", "Unit", "Social work team", "Unit name"),
    "worker": ("Social worker", "Practitioner", "SW", "Worker", "Allocated worker", "Case holder", "Social workers"),
    "fte": ("FTE", "WTE", "Full time equivalent", "Social worker FTE", "FTE (case holding)", "F.T.E."),
    "caseload": (
        "Caseload",
        "Cases",
        "No. of cases",
        "Allocated children",
        "Cases held",
        "Caseload (allocated children)",
        "Number of children allocated",
    ),
}
PERIOD_HEADERS = {
    "week": ("Week commencing", "w/c", "Period", "Date", "Snapshot date", "Week beginning", "As at"),
    "month": ("Month", "Period", "Date", "Reporting month", "Snapshot date"),
}
TITLES = (
    "Children’s Services – social work caseloads",
    "OFFICIAL – SENSITIVE",
    "Prepared by Performance & Intelligence",
)
NOTES = (
    "Note: caseloads counted at 9am on the Monday of each week.",
    "Figures exclude students and newly qualified workers in their first month.",
    "Source: case management system extract",
    "* Agency workers are included in the figures above.",
)
WRITERS = ("openpyxl", "xlsxwriter", "csv-utf-8-sig", "csv-utf-8", "csv-cp1252")


@dataclass
class Layout:
    shape: str  # "long" or "wide"
    writer: str
    titles: list[str]
    title_merge: str  # "none", "full" (across the table), "partial" (first columns only)
    blank_rows: int  # between the title and the header
    offset: int  # empty leading columns
    headers: dict[str, str]  # field -> header text, as written (case and stray spaces included)
    order: list[str]  # the identifying fields, left to right
    number_style: dict[str, str]  # "fte"/"caseload" -> "native", "text" or "mixed"
    period_style: str
    row_order: str  # "period", "team" (rows in team blocks), "shuffled"
    team_blocks: str  # with row_order "team": "plain", "blank" (a blank row between teams), "subtotal"
    merge_labels: bool  # xlsx, rows in team blocks: team and district cells merged down their block
    group_label: str | None  # wide: a label such as 'Caseload' over the period columns
    newest_first: bool  # wide: period columns newest first
    total_row: bool
    notes: list[str]
    blank_before_note: bool
    noise: object = field(repr=False, default=None)  # a random.Random for cell-by-cell choices

    @property
    def is_csv(self) -> bool:
        return self.writer.startswith("csv")


def _period_styles(kind: str, writer: str) -> list[str]:
    """How a period can be written, as a cell (long) or a column header (wide)."""
    text = {
        "week": ["dd/mm/yyyy", "d/m/yyyy", "dd/mm/yy", "w/c dd/mm/yyyy", "d mmm yyyy", "iso"],
        "month": ["mmm-yy", "mmm yyyy", "mmmm yyyy", "01/mm/yyyy", "yyyy-mm"],
    }[kind]
    return text if writer.startswith("csv") else ["date cell", "datetime cell", *text]


def _header_text(draw: st.DrawFn, words: tuple[str, ...]) -> str:
    word = draw(st.sampled_from(words))
    word = draw(st.sampled_from([word, word.upper(), word.lower()]))
    return draw(st.sampled_from([word, word + " ", " " + word]))


@st.composite
def layouts(draw: st.DrawFn, data: DataSet, shape: str, writer: str) -> Layout:
    is_csv = writer.startswith("csv")
    titles = draw(st.lists(st.sampled_from(TITLES), min_size=0, max_size=3))
    headers = {f: _header_text(draw, words) for f, words in HEADERS.items()}
    fields = ["district", "team", "worker", "fte"] + (["period", "caseload"] if shape == "long" else [])
    if shape == "long":
        headers["period"] = _header_text(draw, PERIOD_HEADERS[data.kind])
    group = draw(st.sampled_from([None, "Caseload", "Cases", "No. of cases"])) if shape == "wide" else None
    row_order = draw(st.sampled_from(["period", "team", "shuffled"]))
    return Layout(
        shape=shape,
        writer=writer,
        titles=titles,
        title_merge=draw(st.sampled_from(["none", "full", "partial"])) if titles and not is_csv else "none",
        blank_rows=draw(st.integers(0, 2)),
        offset=draw(st.integers(0, 2)),
        headers=headers,
        order=draw(st.permutations(fields)),
        number_style={f: draw(st.sampled_from(["native", "text", "mixed"])) for f in ("fte", "caseload")},
        period_style=draw(st.sampled_from(_period_styles(data.kind, writer))),
        row_order=row_order,
        team_blocks=draw(st.sampled_from(["plain", "blank", "subtotal"])) if row_order == "team" else "plain",
        merge_labels=row_order == "team" and not is_csv and draw(st.booleans()),
        group_label=group,
        newest_first=draw(st.booleans()) if shape == "wide" else False,
        total_row=draw(st.booleans()),
        notes=draw(st.lists(st.sampled_from(NOTES), max_size=2, unique=True)),
        blank_before_note=draw(st.booleans()),
        noise=draw(st.randoms(use_true_random=False)),
    )


# --- writing the sheet -------------------------------------------------------------------


def _period_value(day: dt.date, style: str) -> object:
    match style:
        case "date cell":
            return day
        case "datetime cell":
            return dt.datetime.combine(day, dt.time())
        case "dd/mm/yyyy" | "01/mm/yyyy":
            return day.strftime("%d/%m/%Y")
        case "d/m/yyyy":
            return f"{day.day}/{day.month}/{day.year}"
        case "dd/mm/yy":
            return day.strftime("%d/%m/%y")
        case "w/c dd/mm/yyyy":
            return "w/c " + day.strftime("%d/%m/%Y")
        case "d mmm yyyy":
            return f"{day.day} {day.strftime('%b %Y')}"
        case "iso":
            return day.isoformat()
        case "mmm-yy":
            return day.strftime("%b-%y")
        case "mmm yyyy":
            return day.strftime("%b %Y")
        case "mmmm yyyy":
            return day.strftime("%B %Y")
        case "yyyy-mm":
            return day.strftime("%Y-%m")
    raise AssertionError(style)


def _number(value: float, style: str, layout: Layout) -> object:
    """A number as the writer stores it: a number cell, or text as Excel's CSV or a typist writes it."""
    as_text = style == "text" or (style == "mixed" and layout.noise.random() < 0.5)
    if as_text:
        return layout.noise.choice([f"{value:g}", f"{value:.1f}", f"{value:.2f}", f" {value:g} "])
    if layout.is_csv:
        return f"{value:g}"  # what Excel writes for a number cell: 1 for 1.0, 0.8 for 0.80
    return int(value) if float(value).is_integer() and layout.noise.random() < 0.5 else float(value)


@dataclass
class Sheet:
    rows: list[list[object]]  # cells, None where empty, leading empty columns included
    header_at: int  # 0-based row of the (last) header row
    body: range  # the rows between the header and the notes
    merges: list[tuple[int, int, int, int]]  # (first row, first col, last row, last col), 0-based


def _total_label_at(layout: Layout) -> int:
    """The column (within the table) of a total row's label: the first, unless that holds the figure."""
    return 1 if layout.shape == "long" and layout.order[0] == "caseload" else 0


def table_rows(data: DataSet, layout: Layout) -> Sheet:
    fields = list(layout.order)
    periods = list(range(len(data.periods)))
    if layout.shape == "wide" and layout.newest_first:
        periods.reverse()
    header = [layout.headers[f] for f in fields]
    group_row = None
    if layout.shape == "wide":
        header += [_period_value(data.periods[p], layout.period_style) for p in periods]
        if layout.group_label:
            group_row = [None] * len(fields) + [layout.group_label] + [None] * (len(periods) - 1)

    def total(label: str, cells: dict[tuple[int, int], int]) -> list[object]:
        row: list[object] = [None] * len(header)
        if layout.shape == "long":
            row[fields.index("caseload")] = sum(cells.values())
        else:
            for k, p in enumerate(periods):
                row[len(fields) + k] = sum(c for (_, q), c in cells.items() if q == p)
        row[_total_label_at(layout)] = label
        return row

    # Rows as (team, cells) so that team blocks can be separated, subtotalled and merged.
    rows_by: list[tuple[str, list[object]]] = []
    if layout.shape == "long":
        cells = sorted(data.caseloads.items(), key=lambda kv: (kv[0][1], kv[0][0]))
        if layout.row_order == "team":
            cells.sort(key=lambda kv: (data.workers[kv[0][0]].team, kv[0][0], kv[0][1]))
        elif layout.row_order == "shuffled":
            layout.noise.shuffle(cells)
        for (i, p), cases in cells:
            w = data.workers[i]
            values = {
                "district": w.district,
                "team": w.team,
                "worker": w.name,
                "fte": _number(w.fte, layout.number_style["fte"], layout),
                "period": _period_value(data.periods[p], layout.period_style),
                "caseload": _number(cases, layout.number_style["caseload"], layout),
            }
            rows_by.append((w.team, [values[f] for f in fields]))
    else:
        order = sorted(range(len(data.workers)), key=lambda i: (data.workers[i].team, i))
        if layout.row_order == "shuffled":
            layout.noise.shuffle(order)
        for i in order:
            w = data.workers[i]
            values = {
                "district": w.district,
                "team": w.team,
                "worker": w.name,
                "fte": _number(w.fte, layout.number_style["fte"], layout),
            }
            row = [values[f] for f in fields]
            for p in periods:
                cases = data.caseloads.get((i, p))
                row.append(None if cases is None else _number(cases, layout.number_style["caseload"], layout))
            rows_by.append((w.team, row))
    body: list[list[object]] = []
    blocks: list[tuple[int, int]] = []  # (first, last) body index of each team block
    for k, (team, row) in enumerate(rows_by):
        if k and team != rows_by[k - 1][0] and layout.team_blocks == "blank":
            body.append([])
        if not k or team != rows_by[k - 1][0]:
            blocks.append((len(body), len(body)))
        body.append(row)
        blocks[-1] = (blocks[-1][0], len(body) - 1)
        last_of_team = k == len(rows_by) - 1 or rows_by[k + 1][0] != team
        if layout.team_blocks == "subtotal" and last_of_team:
            label = layout.noise.choice(["Subtotal", "Sub-total", "Sub total"])
            team_cells = {key: c for key, c in data.caseloads.items() if data.workers[key[0]].team == team}
            body.append(total(label, team_cells))
    if layout.total_row:
        body.append(total("Total", data.caseloads))

    rows: list[list[object]] = [[t] for t in layout.titles]
    rows += [[] for _ in range(layout.blank_rows)]
    if group_row:
        rows.append(group_row)
    header_at = len(rows)
    rows.append(header)
    rows += body
    if layout.notes:
        if layout.blank_before_note:
            rows.append([])
        rows += [[note] for note in layout.notes]
    width = len(header) + layout.offset
    out = []
    for r, row in enumerate(rows):
        in_table = header_at - (1 if group_row else 0) <= r <= header_at + len(body) and row
        shifted = [None] * layout.offset + row if in_table else row
        out.append(shifted + [None] * (width - len(shifted)))
    start = header_at + 1
    merges = []
    if layout.merge_labels:
        for name in ("team", "district"):
            c = layout.offset + fields.index(name)
            for first, last in blocks:
                lo = first
                for k in range(first, last + 1):  # runs of equal labels inside the block
                    if k == last or out[start + k + 1][c] != out[start + k][c]:
                        if k > lo:
                            merges.append((start + lo, c, start + k, c))
                        lo = k + 1
    return Sheet(out, header_at, range(start, start + len(body)), merges)


def write_sheet(data: DataSet, layout: Layout, folder: Path) -> Path:
    sheet_rows = table_rows(data, layout)
    rows, header_at = sheet_rows.rows, sheet_rows.header_at
    width = len(rows[header_at])
    title_span = width - 1 if layout.title_merge == "full" else min(2, width - 1)
    merges = list(sheet_rows.merges)
    if layout.title_merge != "none":
        merges += [(r, 0, r, title_span) for r in range(len(layout.titles))]
    if layout.group_label and layout.shape == "wide" and len(data.periods) > 1:
        merges.append((header_at - 1, layout.offset + len(layout.order), header_at - 1, width - 1))
    for r0, c0, r1, c1 in sheet_rows.merges:  # a merged range keeps its top-left value only
        for r in range(r0, r1 + 1):
            for c in range(c0, c1 + 1):
                if (r, c) != (r0, c0):
                    rows[r][c] = None
    if layout.writer == "openpyxl":
        path = folder / "caseloads.xlsx"
        book = openpyxl.Workbook()
        sheet = book.active
        sheet.title = "Caseloads"
        for r, row in enumerate(rows, start=1):
            for c, value in enumerate(row, start=1):
                if value is not None:
                    cell = sheet.cell(r, c, value)
                    if isinstance(value, dt.date):
                        cell.number_format = "mmm-yy" if data.kind == "month" else "dd/mm/yyyy"
        for r0, c0, r1, c1 in merges:
            sheet.merge_cells(start_row=r0 + 1, start_column=c0 + 1, end_row=r1 + 1, end_column=c1 + 1)
        book.save(path)
        return path
    if layout.writer == "xlsxwriter":
        path = folder / "caseloads.xlsx"
        book = xlsxwriter.Workbook(str(path))
        sheet = book.add_worksheet("Caseloads")
        date_format = book.add_format({"num_format": "dd/mm/yyyy"})
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                if value is None:
                    continue
                if isinstance(value, dt.date):
                    when = value if isinstance(value, dt.datetime) else dt.datetime.combine(value, dt.time())
                    sheet.write_datetime(r, c, when, date_format)
                elif isinstance(value, str):
                    sheet.write_string(r, c, value)  # '12' stays text: numbers stored as text
                else:
                    sheet.write_number(r, c, value)
        for r0, c0, r1, c1 in merges:
            sheet.merge_range(r0, c0, r1, c1, rows[r0][c0] or "")  # merged cells here always hold text
        book.close()
        return path
    encoding = layout.writer.removeprefix("csv-")
    path = folder / "caseloads.csv"
    with path.open("w", encoding=encoding, newline="") as handle:
        writer = csv.writer(handle, lineterminator="\r\n")
        for row in rows:
            writer.writerow(["" if v is None else v for v in row])
    return path


# --- the comparison ----------------------------------------------------------------------

COMPARED = ["period", "period_kind", "district", "team", "team_type", "worker", "fte", "caseload"]


def imported(path: Path) -> tuple[list[tuple], object]:
    result = import_file(path, today=TODAY)
    assert result.ok, result.error
    (sheet,) = result.sheets
    got = sorted(
        (ts.date(), kind, district, team, team_type, worker, float(fte), float(cases))
        for ts, kind, district, team, team_type, worker, fte, cases in sheet.records[COMPARED].itertuples(index=False)
    )
    return got, sheet


def check(data: DataSet, layout: Layout) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = write_sheet(data, layout, Path(folder))
        got, sheet = imported(path)
    expected = data.expected()
    assert got == expected, _difference(expected, got)
    assert sheet.layout == layout.shape
    assert sheet.rejected == [], sheet.rejected
    assert not [w for w in sheet.warnings if "total" in w], sheet.warnings


def _difference(expected: list[tuple], got: list[tuple]) -> str:
    missing = [r for r in expected if r not in got]
    extra = [r for r in got if r not in expected]
    return f"{len(expected)} expected, {len(got)} imported; missing {missing[:5]}; unexpected {extra[:5]}"


# --- known importer bugs, kept out of the property tests and pinned below --------------------


# --- the properties --------------------------------------------------------------------------


@st.composite
def cases(draw: st.DrawFn, shape: str) -> tuple[DataSet, Layout]:
    writer = draw(st.sampled_from(WRITERS))
    data = draw(datasets(cp1252_only=writer == "csv-cp1252"))
    return data, draw(layouts(data, shape, writer))


@SETTINGS
@given(cases("long"))
def test_long_layouts_import_as_the_drawn_table(case: tuple[DataSet, Layout]) -> None:
    data, layout = case
    check(data, layout)


@SETTINGS
@given(cases("wide"))
def test_wide_layouts_melt_back_to_the_drawn_table(case: tuple[DataSet, Layout]) -> None:
    data, layout = case
    check(data, layout)


# --- the bugs the properties found, each kept at its smallest ---------------------------------

HEADER = ["District", "Team", "Social worker", "FTE", "Week commencing", "Caseload"]
WEEK = dt.date(2022, 3, 7)
TWO_WORKERS = [
    ["North", "Assessment Team 1", "Amina Khan", 1.0, WEEK, 21],
    ["North", "Assessment Team 1", "Ben Hughes", 0.5, WEEK, 9],
]
EXPECTED_TWO = [
    (WEEK, "week", "North", "Assessment Team 1", "assessment", "Amina Khan", 1.0, 21.0),
    (WEEK, "week", "North", "Assessment Team 1", "assessment", "Ben Hughes", 0.5, 9.0),
]


def _xlsx(path: Path, rows: list[list[object]], merges: list[str]) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Caseloads"
    for row in rows:
        sheet.append(row)
    for span in merges:
        sheet.merge_cells(span)
    book.save(path)
    return path


def test_title_merged_over_part_of_the_table_is_not_a_header_row(tmp_path: Path) -> None:
    # A title merged over A1:C1 (not the whole table), directly above the header.
    rows = [["Children’s Services – social work caseloads"], HEADER, *TWO_WORKERS]
    got, sheet = imported(_xlsx(tmp_path / "title.xlsx", rows, ["A1:C1"]))
    assert sheet.header_rows == [2]  # today: [1, 2], headings 'Children’s Services – … District' and so on
    assert got == EXPECTED_TWO  # today: team lost, every row's team is its district and its type 'other'


def test_title_merged_over_the_whole_table_is_not_a_header_row(tmp_path: Path) -> None:
    """The control for the test above: merged across every column, the title is recognised."""
    rows = [["Children’s Services – social work caseloads"], HEADER, *TWO_WORKERS]
    got, sheet = imported(_xlsx(tmp_path / "title.xlsx", rows, ["A1:F1"]))
    assert sheet.header_rows == [2]
    assert got == EXPECTED_TWO


def _csv(path: Path, rows: list[list[object]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\r\n")
        for row in rows:
            writer.writerow([v.strftime("%d/%m/%Y") if isinstance(v, dt.date) else "" if v is None else v for v in row])
    return path


@pytest.mark.parametrize(
    ("writer", "rows"),
    [
        # Found by the property test, shrunk: the caseload column first, the label beside its figure.
        pytest.param(
            "csv",
            [["Caseload", "Team", "Social worker", "FTE", "Week commencing", "District"]]
            + [[r[5], *r[1:5], r[0]] for r in TWO_WORKERS]
            + [[30, "Total"]],
            id="csv-figure-before-label",
        ),
        # The same sheet as a workbook: the figure is a number cell there, so it works (control).
        pytest.param(
            "xlsx",
            [["Caseload", "Team", "Social worker", "FTE", "Week commencing", "District"]]
            + [[r[5], *r[1:5], r[0]] for r in TWO_WORKERS]
            + [[30, "Total"]],
            id="xlsx-figure-before-label",
        ),
        # The everyday form of the same bug: a week's total row that repeats the week in column A.
        pytest.param(
            "csv",
            [["Week commencing", "District", "Team", "Social worker", "FTE", "Caseload"]]
            + [[r[4], *r[:4], r[5]] for r in TWO_WORKERS]
            + [[WEEK, None, "Total", None, None, 30]],
            id="csv-week-before-label",
        ),
        # A table that starts in column D: the label is the fourth cell, past where it is looked for.
        pytest.param(
            "xlsx",
            [[None, None, None, *r] for r in [HEADER, *TWO_WORKERS, ["Total", None, None, None, None, 30]]],
            id="xlsx-table-from-column-D",
        ),
    ],
)
def test_total_row_is_recognised_when_a_figure_comes_before_its_label(
    tmp_path: Path, writer: str, rows: list[list[object]]
) -> None:
    path = _csv(tmp_path / "total.csv", rows) if writer == "csv" else _xlsx(tmp_path / "total.xlsx", rows, [])
    got, sheet = imported(path)
    assert got == EXPECTED_TWO  # true today: the figures are right
    assert sheet.rejected == []  # today: the total row is read as a worker's row and rejected
    assert sheet.region is not None and len(sheet.region.total_rows) == 1


@pytest.mark.parametrize("shape", ["long", "wide"])
def test_team_names_merged_down_their_block_belong_to_every_row(tmp_path: Path, shape: str) -> None:
    if shape == "long":
        rows = [list(HEADER), *[list(r) for r in TWO_WORKERS]]
    else:
        rows = [[*HEADER[:4], WEEK], *[[*r[:4], r[5]] for r in TWO_WORKERS]]
    # District and team merged down the team's two rows (A2:A3, B2:B3), as officers lay out blocks.
    for row in rows[2:]:
        row[0] = row[1] = None
    got, sheet = imported(_xlsx(tmp_path / "merged.xlsx", rows, ["A2:A3", "B2:B3"]))
    assert sheet.rejected == []
    if shape == "wide":  # one date column alone cannot say it is a week: compare all but the period kind
        got = [g[:1] + g[2:] for g in got]
        expected = [e[:1] + e[2:] for e in EXPECTED_TWO]
    else:
        expected = EXPECTED_TWO
    assert got == expected
