"""Every supported format, written by every writer we can run, gives the same canonical records.

The workbooks come from tests/generators/import_fixtures.py: openpyxl and xlsxwriter copies are
written at test time, LibreOffice's re-saves (.xlsx, .ods, .xls and Windows-1252 CSV) are
committed. Whatever wrote a file, and whatever its name says, the importer must understand the
same table. Layouts the importer does not yet read correctly are marked xfail (strict) with the
reason, so fixing them shows up here.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import shutil
from pathlib import Path

import pandas as pd
import pytest

from caseload_reporter.reading.importer import FileResult, import_file
from generators import import_fixtures as fx

TODAY = dt.date(2026, 11, 23)
LIBREOFFICE = fx.LIBREOFFICE_DIR
NAMES = [w.name for w in fx.WORKBOOKS]
COPIES = ["xlsxwriter", "libreoffice.xlsx", "libreoffice.ods", "libreoffice.xls"]
EXPECTED_FORMAT = {"xlsx": "xlsx", "ods": "ods", "xls": "xls", "csv": "csv"}


def read(path: Path) -> FileResult:
    result = import_file(path, today=TODAY)
    assert result.ok, result.error
    return result


def copy_path(officer_workbooks: dict[tuple[str, str], Path], name: str, copy: str) -> Path:
    if copy.startswith("libreoffice."):
        return LIBREOFFICE / f"{name}.{copy.split('.')[1]}"
    return officer_workbooks[(name, copy)]


def frames(result: FileResult, drop: tuple[str, ...] = ("source",)) -> dict[str, pd.DataFrame]:
    """Every canonical table of a file, without the columns that name the file."""
    out = {}
    for table in ("records", "measures", "establishment"):
        parts = [getattr(s, table) for s in result.sheets if len(getattr(s, table))]
        if parts:
            frame = pd.concat(parts, ignore_index=True).drop(columns=list(drop))
            keys = [k for k in ("sheet", "row", "period", "measure") if k in frame.columns]
            out[table] = frame.sort_values(keys, kind="stable").reset_index(drop=True)
    return out


def understanding(result: FileResult) -> list[tuple[object, ...]]:
    """What the importer said about each sheet, beyond the records."""
    return [
        (s.name, s.layout, s.header_rows, s.mapping, sorted((r.row, r.reason) for r in s.rejected))
        for s in result.sheets
    ]


def assert_same(a: FileResult, b: FileResult, drop: tuple[str, ...] = ("source",)) -> None:
    fa, fb = frames(a, drop), frames(b, drop)
    assert fa.keys() == fb.keys()
    for table in fa:
        pd.testing.assert_frame_equal(fa[table], fb[table], check_dtype=False)


# --- every copy reads, and all copies agree ---------------------------------------------------


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("copy", COPIES)
def test_every_writer_gives_the_same_records(officer_workbooks, name: str, copy: str) -> None:
    reference = read(officer_workbooks[(name, "openpyxl")])
    other = read(copy_path(officer_workbooks, name, copy))
    assert other.format == EXPECTED_FORMAT.get(copy.rsplit(".", 1)[-1], "xlsx")
    assert_same(reference, other)
    assert understanding(other) == understanding(reference)


LIBREOFFICE_CSV = sorted(LIBREOFFICE.glob("*.csv"))


def test_libreoffice_fixtures_are_committed() -> None:
    expected = {f"{n}.{ext}" for n in NAMES for ext in ("xlsx", "ods", "xls")}
    assert expected <= {p.name for p in LIBREOFFICE.iterdir()}
    assert len(LIBREOFFICE_CSV) == sum(len(w.sheets) for w in fx.WORKBOOKS)
    assert sum(p.stat().st_size for p in LIBREOFFICE.iterdir()) < 400_000  # small: they are committed


@pytest.mark.parametrize("path", LIBREOFFICE_CSV, ids=[p.name for p in LIBREOFFICE_CSV])
def test_libreoffice_windows_1252_csv_gives_the_same_records(officer_workbooks, path: Path) -> None:
    name, sheet = path.stem.split("-", 1)
    spec = fx.workbook_spec(name)
    sheet_spec = next(s for s in spec.sheets if s.name.replace(" ", "_").replace("(", "").replace(")", "") == sheet)
    sheet_name = sheet_spec.name
    reference = read(officer_workbooks[(name, "openpyxl")])
    reference.sheets = [s for s in reference.sheets if s.name == sheet_name]
    result = read(path)
    assert result.format == "csv"
    assert result.encoding == ("cp1252" if max(path.read_bytes()) > 127 else "utf-8-sig")  # plain ASCII is UTF-8
    assert_same(reference, result, drop=("source", "sheet"))
    if "–" in str(sheet_spec.rows[0][0]):
        assert result.sheets[0].region is not None
        assert "–" in " ".join(result.sheets[0].region.title_rows)  # the en dash survived Windows-1252


# --- the reader is chosen from the content, never the name ------------------------------------


@pytest.mark.parametrize(
    ("source", "new_name", "fmt"),
    [
        ("openpyxl", "worker_caseloads.csv", "xlsx"),
        ("libreoffice.csv", "worker_caseloads.xlsx", "csv"),
        ("libreoffice.ods", "worker_caseloads.xlsx", "ods"),
        ("libreoffice.xls", "worker_caseloads.csv", "xls"),
        ("libreoffice.xlsx", "worker_caseloads.ods", "xlsx"),
        ("libreoffice.xls", "worker_caseloads", "xls"),
    ],
)
def test_the_reader_is_chosen_from_content_not_the_name(
    officer_workbooks, tmp_path: Path, source: str, new_name: str, fmt: str
) -> None:
    if source == "libreoffice.csv":
        original = LIBREOFFICE / "worker_caseloads-Dec_2021.csv"
    else:
        original = copy_path(officer_workbooks, "worker_caseloads", source)
    renamed = shutil.copyfile(original, tmp_path / new_name)
    expected, result = read(original), read(renamed)
    assert result.format == fmt
    assert_same(
        expected, result, drop=("source", "sheet") if fmt == "csv" else ("source",)
    )  # a CSV's sheet is its name


# --- CSV encodings and delimiters -------------------------------------------------------------


def csv_text(delimiter: str = ",") -> str:
    """The 'Dec 2021' worker sheet as Excel would save it: dates and numbers as displayed."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
    for row in fx.worker_sheet("Dec 2021", "December 2021", 0).rows:
        writer.writerow(["" if v is None else v for v in row])
    return out.getvalue()


CSV_CASES = {
    "utf-8": ("utf-8", ","),
    "utf-8-bom": ("utf-8-sig", ","),
    "cp1252": ("cp1252", ","),
    "utf-16-bom": ("utf-16", ","),
    "utf-16-le-bom": ("utf-16", "\t"),  # Excel's 'Unicode Text' is UTF-16 LE with a BOM and tabs
    "utf-16-le-no-bom": ("utf-16-le", ","),
    "utf-16-be-no-bom": ("utf-16-be", ","),
    "semicolon": ("utf-8", ";"),
    "tab": ("cp1252", "\t"),
    "utf-16-be-bom": ("be-bom", ","),
}


@pytest.mark.parametrize("case", CSV_CASES)
def test_csv_in_every_encoding_and_delimiter_gives_the_same_records(tmp_path: Path, case: str) -> None:
    encoding, delimiter = CSV_CASES[case]
    reference_path = tmp_path / "reference.csv"
    reference_path.write_text(csv_text(), encoding="utf-8", newline="")
    path = tmp_path / f"{case}.csv"
    text = csv_text(delimiter)
    data = b"\xfe\xff" + text.encode("utf-16-be") if encoding == "be-bom" else text.encode(encoding)
    path.write_bytes(data)
    reference, result = read(reference_path), read(path)
    assert_same(reference, result, drop=("source", "sheet"))
    region = result.sheets[0].region
    assert region is not None and "–" in region.title_rows[0]
    assert len(result.sheets[0].records) == 12


# --- what each layout must give (the same for every copy, as shown above) ----------------------


def test_worker_sheets_with_spacer_rows_markers_and_notes(officer_workbooks) -> None:
    result = read(officer_workbooks[("worker_caseloads", "xlsxwriter")])
    dec, mar = result.sheets
    assert [p.iso() for p in dec.periods()] == ["2021-12"] and [p.iso() for p in mar.periods()] == ["2022-03"]
    assert dec.rejected == [] and mar.rejected == []  # spacer rows are not rows that were refused
    frame = dec.records.set_index("worker")
    assert len(frame) == 12
    assert frame.loc["Worker A2", "caseload_missing"] == "N/A"
    assert frame.loc["Worker B3", "caseload_missing"] == "-"
    assert frame.loc["Worker C1", "caseload_missing"] == "–"
    assert frame.loc["Worker D2", "caseload"] == 19  # ' 19 ' typed with spaces, as text
    assert frame.loc["Worker A1", "caseload"] == 12  # a number stored as text
    assert frame.loc["Worker B3", "fte"] == 0.5
    assert [text for _, text in dec.notes] == [fx.NOTE, fx.SOURCE_NOTE]


def expected_weekly() -> pd.DataFrame:
    rows = []
    for t, (team, district) in enumerate(fx.TEAMS):
        for w, week in enumerate(fx.WEEKS):
            missing = t == 2 and w == 3
            value = float("nan") if missing else float(fx._weekly_value(t, w))
            rows.append((pd.Timestamp(week), district, team, value, "-" if missing else None))
    frame = pd.DataFrame(rows, columns=["period", "district", "team", "caseload", "caseload_missing"])
    return frame.sort_values(["period", "team"]).reset_index(drop=True)


def plain(frame: pd.DataFrame) -> pd.DataFrame:
    """Text columns in pandas' string dtype (missing as NaN), whichever dtype they were built with."""
    text = [
        n for n, c in frame.items() if not (pd.api.types.is_numeric_dtype(c) or pd.api.types.is_datetime64_any_dtype(c))
    ]
    return frame.astype({n: "str" for n in text}).astype({"period": "datetime64[ns]"})


def weekly_records(result: FileResult, sheet: str) -> pd.DataFrame:
    (found,) = [s for s in result.sheets if s.name == sheet]
    assert found.layout == "wide"
    assert {p.kind for p in found.periods()} == {"week"}
    frame = found.records[["period", "district", "team", "caseload", "caseload_missing"]]
    return plain(frame.sort_values(["period", "team"]).reset_index(drop=True))


@pytest.mark.parametrize("sheet", ["Weekly (dates)", "Weekly (text)", "Weekly (serials)"])
def test_weekly_columns_as_dates_text_or_serials_give_the_same_weeks(officer_workbooks, sheet: str) -> None:
    result = read(officer_workbooks[("weekly_by_team", "openpyxl")])
    frame = weekly_records(result, sheet)
    expected = expected_weekly()
    present = expected[expected["caseload_missing"].isna()].reset_index(drop=True)
    got = frame[frame["caseload_missing"].isna()].reset_index(drop=True)
    pd.testing.assert_frame_equal(got, present, check_dtype=False)


def test_a_dash_in_a_weekly_column_is_kept_as_missing_not_dropped(officer_workbooks) -> None:
    result = read(officer_workbooks[("weekly_by_team", "openpyxl")])
    pd.testing.assert_frame_equal(weekly_records(result, "Weekly (dates)"), expected_weekly(), check_dtype=False)


def test_district_totals_per_week(officer_workbooks) -> None:
    result = read(officer_workbooks[("district_totals", "openpyxl")])
    (sheet,) = result.sheets
    assert sheet.layout == "district_totals"
    assert sheet.region is not None and sheet.region.total_rows == [8]  # 0-based: the Total row is checked, not read
    frame = sheet.records
    assert len(frame) == 35
    assert sorted(frame["district"].unique()) == sorted(fx.DISTRICTS)
    assert sorted(frame["period"].dt.date.unique()) == list(fx.WEEKS)
    by_cell = frame.set_index(["district", "period"])["caseload"]
    for d, district in enumerate(fx.DISTRICTS):
        for w, week in enumerate(fx.WEEKS):
            assert by_cell[(district, pd.Timestamp(week))] == 300 + (d * 41 + w * 13) % 120


def test_district_totals_are_not_teams(officer_workbooks) -> None:
    result = read(officer_workbooks[("district_totals", "openpyxl")])
    assert result.sheets[0].records["team"].isna().all()


def test_a_district_total_row_that_does_not_add_up_is_reported(tmp_path: Path) -> None:
    spec = fx.workbook_spec("district_totals")
    sheet = spec.sheets[0]
    rows = [list(r) for r in sheet.rows]
    rows[8][1] = 1  # the Total row's first week no longer adds up
    path = fx.write_openpyxl(
        fx.WorkbookSpec("wrong_total", [fx.SheetSpec(sheet.name, rows, sheet.merges)]), tmp_path / "t.xlsx"
    )
    warnings = read(path).sheets[0].warnings
    assert any("Row 9" in w and "total" in w.lower() for w in warnings), warnings


def test_service_measures_with_thousands_separators_and_markers(officer_workbooks) -> None:
    result = read(officer_workbooks[("service_measures", "openpyxl")])
    (sheet,) = result.sheets
    assert sheet.layout == "measures"
    frame = sheet.measures.set_index(["measure", "period"])
    assert len(frame) == 18
    assert frame.loc[("Contacts received", pd.Timestamp(2022, 4, 1)), "value"] == 1204
    assert frame.loc[("Children in need", pd.Timestamp(2022, 5, 1)), "value"] == 1198
    pct = ("Assessments completed within 45 working days (%)", pd.Timestamp(2022, 6, 1))
    assert frame.loc[pct, "value_missing"] == "N/A"
    assert frame.loc[("Children subject to a child protection plan", pd.Timestamp(2022, 6, 1)), "value_missing"] == "–"
    assert [text for _, text in sheet.notes] == ["N/A: the indicator was not reported that month."]


def test_team_averages_per_month_are_averages(officer_workbooks) -> None:
    result = read(officer_workbooks[("team_averages", "openpyxl")])
    (sheet,) = result.sheets
    frame = sheet.records
    assert len(frame) == 18
    assert frame["caseload"].isna().all()
    assert frame.set_index(["team", "period"]).loc[("Assessment Team 2", pd.Timestamp(2021, 11, 1)), "average"] == 18.5


def expected_progress_report() -> pd.DataFrame:
    rows = []
    for t, (team, _district) in enumerate(fx.TEAMS):
        dec, mar = 16 + t % 5, 15 + (t * 2) % 7
        over = [t % 3, (t + 1) % 3]
        rows.append((team, pd.Timestamp(2021, 12, 1), float(dec), 8.0 + t, 30.0 + t * 2, float(over[0])))
        rows.append((team, pd.Timestamp(2022, 3, 1), float(mar), 7.0 + t, 28.0 + t, float(over[1])))
    columns = ["team", "period", "average", "range_low", "range_high", "workers_over"]
    return pd.DataFrame(rows, columns=columns).sort_values(["period", "team"]).reset_index(drop=True)


def test_progress_report_averages_under_a_merged_group_label(officer_workbooks) -> None:
    result = read(officer_workbooks[("progress_report", "openpyxl")])
    (sheet,) = result.sheets
    assert sheet.header_rows == [3, 4]
    assert sheet.region is not None and sheet.region.total_rows == [10]
    frame = sheet.records.dropna(subset=["average"])
    got = frame[["team", "period", "average"]].sort_values(["period", "team"]).reset_index(drop=True)
    pd.testing.assert_frame_equal(got, expected_progress_report()[["team", "period", "average"]], check_dtype=False)


def test_progress_report_ranges_and_workers_over_25(officer_workbooks) -> None:
    result = read(officer_workbooks[("progress_report", "openpyxl")])
    (sheet,) = result.sheets
    columns = ["team", "period", "average", "range_low", "range_high", "workers_over"]
    assert set(columns) <= set(sheet.records.columns), "no canonical columns for ranges or workers over 25"
    frame = sheet.records.groupby(["team", "period"], as_index=False)[columns[2:]].first()
    got = frame[columns].sort_values(["period", "team"]).reset_index(drop=True)
    pd.testing.assert_frame_equal(got, expected_progress_report(), check_dtype=False)
