"""The published workforce statistics, read from the real files with their suppression markers honoured.

Every expectation on the real files is counted here independently from the raw CSV with the csv
module, never taken from the reader under test.
"""

from __future__ import annotations

import csv
import datetime as dt
import math
from collections import Counter
from pathlib import Path

import pytest

from caseload_reporter.reading.importer import import_file
from caseload_reporter.reading.problems import ImportProblem
from caseload_reporter.reading.published_statistics import (
    SUPPRESSION_MARKERS,
    Rank,
    is_statistical_neighbours,
    is_workforce_indicators,
    joint_codes,
    read_statistical_neighbours,
    read_workforce_indicators,
    workforce_from_rows,
)
from published_files import INDICATORS, NEIGHBOURS

IDENTIFIERS = {
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
}
BARNSLEY = "370"
YORKSHIRE = "Yorkshire and The Humber"


def raw_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="module")
def raw() -> list[dict[str, str]]:
    return raw_rows(INDICATORS)


@pytest.fixture(scope="module")
def stats():
    return read_workforce_indicators(INDICATORS)


def figure(text: str) -> float | None:
    try:
        return float(text)
    except ValueError:
        return None


# --- the real indicators file ----------------------------------------------------------------


def test_every_data_row_is_read_and_nothing_is_refused(stats, raw) -> None:
    assert len(raw) == 1463
    assert len(stats.frame) == 1463
    assert stats.problems == []
    assert stats.encoding in ("utf-8-sig", "cp1252")
    assert stats.years == list(range(2017, 2026))
    assert stats.frame["year"].dtype.kind == "i"
    assert Counter(stats.frame["level"]) == Counter(r["geographic_level"] for r in raw)
    assert Counter(stats.frame["level"]) == {"National": 9, "Regional": 99, "Local authority": 1355}
    measures = [name for name in raw[0] if name not in IDENTIFIERS]
    assert stats.measures == measures
    assert all(stats.frame[m].dtype == "float64" for m in measures)


def test_england_2025_caseload_is_cases_over_case_holding_fte(stats) -> None:
    (england,) = stats.national(2025).itertuples(index=False)
    assert england.cases == 321_661
    assert england.case_holders_fte == pytest.approx(21_105.4)
    assert england.caseload_fte == pytest.approx(15.2)
    assert round(england.cases / england.case_holders_fte, 1) == 15.2


def test_every_marker_is_missing_with_its_marker_recorded_and_none_became_zero(stats, raw) -> None:
    measures = [name for name in raw[0] if name not in IDENTIFIERS]
    expected: dict[tuple[int, str], str] = {}
    for i, row in enumerate(raw):
        for name in measures:
            if row[name].strip().lower() in SUPPRESSION_MARKERS:
                expected[(i, name)] = row[name].strip()
    per_marker = Counter(expected.values())
    assert set(per_marker) == set(SUPPRESSION_MARKERS)  # the file really has all five: not a vacuous test
    assert stats.marker_counts() == per_marker
    frame, markers = stats.frame, stats.markers
    assert list(frame["row"]) == list(range(2, len(raw) + 2))  # file order kept: row i is line i + 2
    for (i, name), marker in expected.items():
        value = frame.at[i, name]
        assert math.isnan(value), (i + 2, name, marker, value)  # never 0, nor anything else
        assert stats.marker(i, name) == marker
    # ... and every other cell holds exactly the published figure, with no marker beside it.
    for i, row in enumerate(raw):
        for name in measures:
            if (i, name) not in expected:
                assert frame.at[i, name] == float(row[name]), (i + 2, name)
                assert markers.at[i, name] is None
    zeros_in_file = sum(1 for row in raw for name in measures if figure(row[name]) == 0)
    assert int((frame[measures] == 0).sum().sum()) == zeros_in_file


def test_barnsley_is_one_series_although_its_new_code_changes(stats, raw) -> None:
    rows = stats.council(BARNSLEY)
    assert list(rows["year"]) == list(range(2017, 2026))
    assert set(rows["la_name"]) == {"Barnsley"}
    codes = dict(zip(rows["year"], rows["new_la_code"], strict=True))
    assert codes[2024] == "E08000016" and codes[2025] == "E08000038"
    by_hand = {int(r["time_period"]): float(r["caseload_fte"]) for r in raw if r["la_name"] == "Barnsley"}
    assert stats.series(BARNSLEY, "caseload_fte").to_dict() == by_hand
    assert len(by_hand) == 9


def hand_rank(raw: list[dict[str, str]], code: str, year: str, measure: str, regions: set[str] | None = None):
    """Position, count and region of one council, counted straight from the raw rows."""
    (own,) = [r for r in raw if r["time_period"] == year and r["old_la_code"] == code]
    regions = regions or {own["region_name"]}
    values = [
        figure(r[measure])
        for r in raw
        if r["time_period"] == year and r["geographic_level"] == "Local authority" and r["region_name"] in regions
    ]
    values = [v for v in values if v is not None]
    mine = float(own[measure])
    return 1 + sum(1 for v in values if v > mine), len(values)


def test_regional_rank_matches_a_count_by_hand(stats, raw) -> None:
    assert hand_rank(raw, BARNSLEY, "2018", "caseload_fte") == (4, 15)
    rank = stats.regional_rank(BARNSLEY, 2018, "caseload_fte")
    assert rank == Rank(4, 15, YORKSHIRE, 19.6)
    assert rank.sentence() == "4th highest of 15 in Yorkshire and The Humber"
    for year in range(2017, 2026):
        position, of = hand_rank(raw, BARNSLEY, str(year), "caseload_fte")
        found = stats.regional_rank(BARNSLEY, year, "caseload_fte")
        assert (found.position, found.of) == (position, of), year
    # 2025: Barnsley and Calderdale both 15.2, so the place is shared.
    assert stats.regional_rank(BARNSLEY, 2025, "caseload_fte").sentence() == "joint 9th highest of 15 in " + YORKSHIRE


def test_london_councils_rank_across_london_or_within_their_part(stats, raw) -> None:
    camden = "202"  # Inner London
    whole = stats.regional_rank(camden, 2025, "caseload_fte")
    assert whole.region == "London"
    london = {"Inner London", "Outer London"}
    assert (whole.position, whole.of) == hand_rank(raw, camden, "2025", "caseload_fte", london)
    inner = stats.regional_rank(camden, 2025, "caseload_fte", whole_london=False)
    assert inner.region == "Inner London"
    assert (inner.position, inner.of) == hand_rank(raw, camden, "2025", "caseload_fte")


def test_councils_reporting_jointly_are_found_by_either_code(stats) -> None:
    for code in ("314", "318"):
        rows = stats.council(code)
        assert set(rows["old_la_code"]) == {"314 / 318"}
        assert set(rows["la_name"]) == {"Kingston upon Thames / Richmond upon Thames"}
        assert list(rows["year"]) == list(range(2017, 2026))
    assert joint_codes("940 / 941") == ("940", "941")
    assert joint_codes(BARNSLEY) == (BARNSLEY,)


def test_the_files_are_recognised_by_their_header_rows(raw) -> None:
    header = list(raw[0])
    assert is_workforce_indicators(header)
    assert is_workforce_indicators(["\ufeffTIME_PERIOD ", *header[1:]])  # a BOM read as text, capitals, spaces
    assert not is_workforce_indicators(["Week commencing", "Team", "Social worker", "FTE", "Caseload"])
    with NEIGHBOURS.open(encoding="utf-8-sig", newline="") as handle:
        neighbours_header = next(csv.reader(handle))
    assert not is_workforce_indicators(neighbours_header)
    assert is_statistical_neighbours(neighbours_header)
    assert not is_statistical_neighbours(header)


# --- the real statistical neighbours file ------------------------------------------------------


def test_statistical_neighbours_are_ten_codes_with_labels_stripped(stats) -> None:
    raw_bytes = NEIGHBOURS.read_bytes()
    assert raw_bytes.startswith(b"\xef\xbb\xbf")  # the quirks this test is about are really there
    assert b"Close ," in raw_bytes
    neighbours = read_statistical_neighbours(NEIGHBOURS)
    raw = raw_rows(NEIGHBOURS)
    assert len(neighbours) == len(raw) == 153
    assert "old_la_code" in raw[0]  # the BOM did not stick to the first column's name
    (barnsley_raw,) = [r for r in raw if r["old_la_code"] == BARNSLEY]
    assert neighbours[BARNSLEY] == [(barnsley_raw[f"SN_{i}"], barnsley_raw[f"SN_{i}P"].strip()) for i in range(1, 11)]
    assert [code for code, _ in neighbours[BARNSLEY]][:3] == ["372", "384", "357"]
    labels = Counter(label for found in neighbours.values() for _, label in found)
    assert set(labels) == {"Extremely close", "Very close", "Close", "Somewhat close", "Not close"}
    assert all(len(found) == 10 for found in neighbours.values())
    assert all(code not in {c for c, _ in found} for code, found in neighbours.items())  # never its own neighbour
    # Every neighbour is a council of the 2025 indicators, jointly reporting ones by either code.
    councils_2025 = {c for code in stats.councils(2025)["old_la_code"] for c in joint_codes(code)}
    assert {c for found in neighbours.values() for c, _ in found} <= councils_2025


# --- the generic importer hands the published files to this reader ----------------------------


def test_the_generic_importer_reads_the_published_file_as_statistics() -> None:
    result = import_file(INDICATORS, today=dt.date(2026, 1, 1))
    (sheet,) = result.sheets
    assert result.ok and sheet.layout == "workforce_indicators"
    assert not any(s.mapping.get("worker") == "country_name" for s in result.sheets)
    assert result.rejected_count() == 0
    assert sheet.benchmarks is not None and len(sheet.benchmarks.frame) == 1463
    assert sheet.records.empty  # national figures never mix with the council's own caseloads


# --- small files that need no shared folder ----------------------------------------------------

SMALL = [
    "time_period,time_identifier,geographic_level,country_code,country_name,region_code,region_name,"
    "old_la_code,new_la_code,la_name,case_holders_fte,cases,caseload_fte,agency_rate_fte,vacancy_rate_fte",
    "2025,Reporting year,National,E92000001,England,,,,,,100.5,1500,14.9,13,14.2",
    "2025,Reporting year,Local authority,E92000001,England,E12000004,East Midlands,940 / 941,"
    "E06000061 / E06000062,North Northamptonshire / West Northamptonshire,50,800,16,low,x",
    "2025,Reporting year,Local authority,E92000001,England,E12000003,Yorkshire and The Humber,370,E08000038,"
    'Barnsley,c,u,z, 12.5 ,"1,234"',
    "2025,Reporting year,Local authority,E92000001,England,E12000003,Yorkshire and The Humber,371,E08000017,"
    "Doncaster,40,600,15,,n/a",
    "2024,Reporting year,Local authority,E92000001,England,E12000003,Yorkshire and The Humber,370,E08000016,"
    "Barnsley,42,651,15.5,12,???",
]


def test_markers_in_a_cp1252_file_are_missing_never_zero(tmp_path: Path) -> None:
    path = tmp_path / "csww.csv"
    lines = [*SMALL, SMALL[-1].replace("Barnsley", "Barnsley – test").replace("2024", "2023")]
    path.write_bytes("\r\n".join(lines).encode("cp1252") + b"\r\n")  # the en dash is 0x96 in cp1252
    stats = read_workforce_indicators(path)
    assert stats.encoding == "cp1252"
    assert "Barnsley – test" in set(stats.frame["la_name"])
    barnsley = stats.frame.index[(stats.frame["old_la_code"] == "370") & (stats.frame["year"] == 2025)][0]
    for measure, marker in [("case_holders_fte", "c"), ("cases", "u"), ("caseload_fte", "z")]:
        assert math.isnan(stats.frame.at[barnsley, measure])
        assert stats.marker(barnsley, measure) == marker
    assert stats.frame.at[barnsley, "agency_rate_fte"] == 12.5
    assert stats.frame.at[barnsley, "vacancy_rate_fte"] == 1234.0
    assert stats.marker_counts() == Counter({"c": 1, "u": 1, "z": 1, "low": 1, "x": 1, "n/a": 1})
    doncaster = stats.frame.index[stats.frame["old_la_code"] == "371"][0]
    assert math.isnan(stats.frame.at[doncaster, "agency_rate_fte"])  # blank: missing, and no marker
    assert stats.marker(doncaster, "agency_rate_fte") is None
    # A cell that is neither a figure nor a marker is missing and listed, with its line.
    assert [(p.row, p.column, p.value) for p in stats.problems] == [
        (6, "vacancy_rate_fte", "???"),
        (7, "vacancy_rate_fte", "???"),
    ]
    assert not (stats.frame[stats.measures] == 0).any().any()


def test_a_utf8_file_with_a_byte_order_mark(tmp_path: Path) -> None:
    path = tmp_path / "csww.csv"
    path.write_text("\n".join(SMALL) + "\n", encoding="utf-8-sig")
    stats = read_workforce_indicators(path)
    assert stats.encoding == "utf-8-sig"
    assert len(stats.frame) == 5
    assert stats.series("370", "caseload_fte").dropna().to_dict() == {2024: 15.5}
    assert stats.council("941")["la_name"].tolist() == ["North Northamptonshire / West Northamptonshire"]


def test_typed_cells_from_a_workbook_grid_read_the_same() -> None:
    rows = [next(csv.reader([line])) for line in SMALL]
    typed = [rows[0]] + [[float(v) if figure(v) is not None else v for v in row] for row in rows[1:]]
    from_text, from_typed = workforce_from_rows(rows), workforce_from_rows(typed)
    assert from_typed.frame["year"].tolist() == [2025, 2025, 2025, 2025, 2024]
    assert from_typed.frame.equals(from_text.frame)
    assert from_typed.marker_counts() == from_text.marker_counts()


def test_ranks_leave_out_councils_without_a_figure_and_share_ties() -> None:
    header = ["time_period", "geographic_level", "region_name", "old_la_code", "new_la_code", "la_name", "caseload_fte"]
    figures = {"1": "18", "2": "16", "3": "16", "4": "c", "5": "12"}
    rows = [header, *(["2025", "Local authority", "North East", c, "", f"LA {c}", v] for c, v in figures.items())]
    stats = workforce_from_rows(rows)
    assert stats.regional_rank("2", 2025, "caseload_fte") == Rank(2, 4, "North East", 16.0, tied=1)
    assert stats.regional_rank("1", 2025, "caseload_fte").sentence() == "the highest of 4 in North East"
    assert stats.regional_rank("5", 2025, "caseload_fte", highest=False).sentence() == "the lowest of 4 in North East"
    assert stats.regional_rank("2", 2025, "caseload_fte").sentence() == "joint 2nd highest of 4 in North East"
    assert stats.regional_rank("4", 2025, "caseload_fte") is None  # suppressed: no place to give
    assert stats.regional_rank("9", 2025, "caseload_fte") is None


def test_other_files_are_refused_with_a_sentence(tmp_path: Path) -> None:
    path = tmp_path / "caseloads.csv"
    path.write_text("Week commencing,Team,Social worker,FTE,Caseload\n07/03/2022,Assessment Team 1,A,1,21\n")
    with pytest.raises(ImportProblem, match="not the children's social work workforce indicators file"):
        read_workforce_indicators(path)
    with pytest.raises(ImportProblem, match="not a statistical neighbours file"):
        read_statistical_neighbours(path)
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    with pytest.raises(ImportProblem, match="empty"):
        read_workforce_indicators(empty)


def test_blank_rows_are_skipped_and_rows_keep_the_numbers_the_officer_sees() -> None:
    rows = [next(csv.reader([line])) for line in SMALL]
    spaced = [[], rows[0], rows[1], ["", ""], *rows[2:]]  # a blank first line, a blank line inside
    stats = workforce_from_rows(spaced)
    assert stats.frame["row"].tolist() == [3, 5, 6, 7, 8]
    assert [(p.row, p.value) for p in stats.problems] == [(8, "???")]


def test_the_grid_the_generic_reader_makes_gives_the_same_statistics(stats) -> None:
    """How import_sheet can hand over: the grid it already holds reads exactly as the file does."""
    from caseload_reporter.reading.grid import read_workbook

    (grid,) = read_workbook(INDICATORS).grids
    assert is_workforce_indicators(grid.rows[0])
    from_grid = workforce_from_rows(grid.rows, source_name=grid.name)
    assert from_grid.frame.equals(stats.frame)
    assert from_grid.marker_counts() == stats.marker_counts()
