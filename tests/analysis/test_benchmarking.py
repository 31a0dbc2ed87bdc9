"""The council against England, its region and its neighbours, on the real published files."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path
from statistics import mean

import pandas as pd
import pytest

from caseload_reporter.analysis.benchmark_councils import CouncilNotFound, council_list, find_council
from caseload_reporter.analysis.benchmark_words import gap_notes, measures_text_table, years_text_table
from caseload_reporter.analysis.benchmarking import NEIGHBOURS as AVERAGE  # the neighbours' average column
from caseload_reporter.analysis.benchmarking import NO_ROW, benchmark, benchmark_table, benchmark_years
from caseload_reporter.analysis.england import england_caseload_per_fte, own_against_england
from caseload_reporter.analysis.thresholds import default_thresholds
from caseload_reporter.reading.published_statistics import read_statistical_neighbours, read_workforce_indicators
from published_files import INDICATORS, NEIGHBOURS


@pytest.fixture(scope="module")
def stats():
    return read_workforce_indicators(INDICATORS)


def raw_rows() -> list[dict[str, str]]:
    with INDICATORS.open(encoding="utf-8-sig") as handle:
        return list(csv.DictReader(handle))


def test_a_council_is_found_by_name_old_code_or_either_new_code(stats) -> None:
    assert {find_council(stats, n) for n in ("Barnsley", "barnsley", "370", "E08000016", "E08000038")} == {"370"}
    with pytest.raises(CouncilNotFound, match="several councils"):
        find_council(stats, "North")
    with pytest.raises(CouncilNotFound, match="No council"):
        find_council(stats, "Wenmoor")


def test_barnsley_2018_against_england_region_and_neighbours(stats) -> None:
    report = benchmark(stats, "370", 2018, read_statistical_neighbours(NEIGHBOURS))
    caseload = report["measures"]["caseload_fte"]
    rows = raw_rows()
    own = next(r for r in rows if r["time_period"] == "2018" and r["old_la_code"] == "370")
    england = next(r for r in rows if r["time_period"] == "2018" and r["geographic_level"] == "National")
    region = next(
        r
        for r in rows
        if r["time_period"] == "2018" and r["geographic_level"] == "Regional" and r["region_name"] == own["region_name"]
    )
    assert caseload["council"] == float(own["caseload_fte"]) and caseload["england"] == float(england["caseload_fte"])
    assert caseload["region"] == float(region["caseload_fte"])
    assert caseload["regional_rank"] == "4th highest of 15 in Yorkshire and The Humber"  # as the cabinet paper says
    # The neighbours' mean, counted independently from the raw rows (figures only, markers left out).
    with NEIGHBOURS.open(encoding="utf-8-sig") as handle:
        sn = next(r for r in csv.DictReader(handle) if r["old_la_code"] == "370")
    codes = {sn[f"SN_{i}"] for i in range(1, 11)}
    markers = ("c", "x", "z", "low", "u")
    figures = [
        float(r["caseload_fte"])
        for r in rows
        if r["time_period"] == "2018" and r["old_la_code"] in codes and r["caseload_fte"] not in markers
    ]
    assert caseload["neighbours_average"] == round(mean(figures), 1)
    assert caseload["neighbours_with_figures"] == len(figures)


def test_one_series_across_the_change_of_code(stats) -> None:
    report = benchmark(stats, "370")
    assert report["year"] == 2025 and report["council"]["new_la_code"] == "E08000038"
    assert [p["year"] for p in report["caseload_series"]] == list(range(2017, 2026))
    assert report["caseload_series"][-1]["england"] == 15.2


def test_the_benchmark_command(tmp_path: Path) -> None:
    run = [sys.executable, "-m", "caseload_reporter", "benchmark", str(INDICATORS)]
    result = subprocess.run([*run, "--council", "Barnsley", "--year", "2018", "--json"], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["council"]["name"] == "Barnsley"
    # The statistical neighbours model ships with the app: the neighbours by name, in the model's order.
    with NEIGHBOURS.open(encoding="utf-8-sig") as handle:
        model = next(r for r in csv.DictReader(handle) if r["old_la_code"] == "370")
    names = {r["old_la_code"]: r["la_name"] for r in raw_rows() if r["time_period"] == "2025" and r["old_la_code"]}
    assert report["neighbours"] == [
        {"old_la_code": model[f"SN_{i}"], "name": names[model[f"SN_{i}"]], "closeness": model[f"SN_{i}P"].strip()}
        for i in range(1, 11)
    ]
    assert report["neighbours"][0]["name"] == "Rotherham"
    # With no file named, the release built into the app answers for every council.
    built_in = subprocess.run(
        [sys.executable, "-m", "caseload_reporter", "benchmark", "--council", "370", "--year", "2018", "--json"],
        capture_output=True,
        text=True,
    )
    assert built_in.returncode == 0, built_in.stderr
    assert json.loads(built_in.stdout) == report
    missing = subprocess.run([*run, "--council", "Wenmoor"], capture_output=True, text=True)
    assert missing.returncode == 3 and missing.stderr.count("\n") == 1 and "Traceback" not in missing.stderr
    bad = tmp_path / "not stats.csv"
    bad.write_text("a,b\n1,2\n")
    unreadable = subprocess.run(
        [sys.executable, "-m", "caseload_reporter", "benchmark", str(bad), "--council", "Barnsley"],
        capture_output=True,
        text=True,
    )
    assert (
        unreadable.returncode == 3 and "could not be read" in unreadable.stderr and "Traceback" not in unreadable.stderr
    )


# -- year by year ---------------------------------------------------------------------------------------

MARKERS = ("c", "x", "z", "low", "u")


@pytest.fixture(scope="module")
def neighbours():
    return read_statistical_neighbours(NEIGHBOURS)


def council_rows(code: str) -> dict[int, dict[str, str]]:
    return {int(r["time_period"]): r for r in raw_rows() if r["old_la_code"] == code}


def test_year_by_year_is_one_series_across_barnsleys_change_of_code(stats, neighbours) -> None:
    raw = council_rows("370")
    assert {raw[2024]["new_la_code"], raw[2025]["new_la_code"]} == {"E08000016", "E08000038"}  # the code changed
    years = benchmark_years(stats, "370", "caseload_fte", neighbours)
    assert list(years["year"]) == list(range(2017, 2026))
    assert list(years["council"]) == [float(raw[y]["caseload_fte"]) for y in range(2017, 2026)]
    england = {
        int(r["time_period"]): float(r["caseload_fte"]) for r in raw_rows() if r["geographic_level"] == "National"
    }
    assert list(years["England"]) == [england[y] for y in range(2017, 2026)]
    assert years["council marker"].isna().all() and years[AVERAGE].notna().all()
    assert years.attrs["council"].name == "Barnsley" and set(years["region name"]) == {"Yorkshire and The Humber"}


def test_withheld_figures_are_gaps_with_their_reason_never_zero(stats) -> None:
    raw = council_rows("213")  # Westminster: agency rate marked x from 2022
    withheld = sorted(y for y, r in raw.items() if r["agency_rate_fte"] in MARKERS)
    assert withheld == [2022, 2023, 2024, 2025] and {raw[y]["agency_rate_fte"] for y in withheld} == {"x"}
    years = benchmark_years(stats, "213", "agency_rate_fte")
    gaps = years[years["year"].isin(withheld)]
    assert gaps["council"].isna().all() and set(gaps["council marker"]) == {"x"}
    assert gaps["regional rank"].isna().all()  # no figure, no place in the ranking
    assert AVERAGE not in years  # no neighbours file given: no column, not an empty one
    shown = years_text_table(years, "Westminster")
    assert list(shown.loc[gaps.index, "Westminster"]) == ["not available"] * 4
    assert "0" not in set(shown["Westminster"]) and "0.0" not in set(shown["Westminster"])
    assert "No figure for Westminster in 2022 to 2025: the file marks it 'x', not available." in gap_notes(
        years, "Westminster"
    )
    # A published 0 is a figure, and stays one: Barnsley's agency rate in 2017.
    assert council_rows("370")[2017]["agency_rate_fte"] == "0"
    assert benchmark_years(stats, "370", "agency_rate_fte")["council"].iloc[0] == 0.0
    # Sunderland: 'low' (too few to report) reads as withheld, in words.
    sunderland = benchmark_table(stats, "394", 2025)
    text = measures_text_table(sunderland, "Sunderland")
    assert text.loc[sunderland["measure"] == "agency_rate_fte", "Sunderland"].item() == "withheld (too few to report)"


def hand_rank(code: str, year: int, measure: str) -> str:
    """The council's place among its region's councils, counted from the raw CSV (London as one region)."""
    rows = [r for r in raw_rows() if r["geographic_level"] == "Local authority" and int(r["time_period"]) == year]

    def region(row: dict[str, str]) -> str:
        return "London" if row["region_name"] in ("Inner London", "Outer London") else row["region_name"]

    own = next(r for r in rows if r["old_la_code"] == code)
    value = float(own[measure])
    figures = [float(r[measure]) for r in rows if region(r) == region(own) and r[measure] not in MARKERS]
    above = sum(v > value for v in figures)
    tied = sum(v == value for v in figures) > 1
    nth = f"{above + 1}{ordinal_suffix(above + 1)} highest"
    if tied:
        place = "joint highest" if above == 0 else f"joint {nth}"
    elif above == 0:
        place = "the highest"
    elif above + 1 == len(figures):
        place = "the lowest"  # last of the region: never "24th highest of 24"
    else:
        place = nth
    return f"{place} of {len(figures)} in {region(own)}"


def ordinal_suffix(n: int) -> str:
    return "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")


@pytest.mark.parametrize(
    ("code", "measure"),
    [("370", "caseload_fte"), ("213", "agency_rate_fte"), ("942", "turnover_rate_fte"), ("202", "vacancy_rate_fte")],
)
def test_the_rank_each_year_matches_a_hand_count_from_the_raw_file(stats, code: str, measure: str) -> None:
    years = benchmark_years(stats, code, measure)
    raw = council_rows(code)
    for row in years.to_dict("records"):
        year = int(row["year"])
        if year not in raw or raw[year][measure] in MARKERS:
            assert pd.isna(row["regional rank"]), year
        else:
            assert row["regional rank"] == hand_rank(code, year, measure), year


def test_the_neighbours_average_each_year_is_the_mean_of_those_with_a_figure(stats, neighbours) -> None:
    with NEIGHBOURS.open(encoding="utf-8-sig") as handle:
        sn = next(r for r in csv.DictReader(handle) if r["old_la_code"] == "213")
    codes = {sn[f"SN_{i}"] for i in range(1, 11)}
    years = benchmark_years(stats, "213", "caseload_fte", neighbours)
    for row in years.to_dict("records"):
        figures = [
            float(r["caseload_fte"])
            for r in raw_rows()
            if int(r["time_period"]) == row["year"] and r["old_la_code"] in codes and r["caseload_fte"] not in MARKERS
        ]
        assert row[AVERAGE] == pytest.approx(mean(figures)) and row["neighbours with figures"] == len(figures)
        assert row["neighbours listed"] == 10


def test_a_council_formed_later_has_no_row_before_it_existed(stats) -> None:
    years = benchmark_years(stats, "942", "caseload_fte")  # Cumberland, from 2023
    early = years[years["year"] < 2023]
    assert early["council"].isna().all() and set(early["council marker"]) == {NO_ROW}
    assert early["region"].notna().all()  # its region's figures are still there to read
    assert any(note.startswith("No figure for Cumberland in 2017 to 2022") for note in gap_notes(years, "Cumberland"))
    labels = {c.code: c.label(2025) for c in council_list(stats)}
    assert labels["909"] == "Cumbria (909, figures to 2022)" and labels["370"] == "Barnsley (370)"


def test_an_unknown_council_or_year_is_one_sentence(stats) -> None:
    with pytest.raises(CouncilNotFound, match=r"^No council coded '999' is in the statistics file open\.$"):
        benchmark_years(stats, "999", "caseload_fte")
    with pytest.raises(CouncilNotFound, match="no figures for Cumberland in 2019"):
        benchmark_table(stats, "942", 2019)


def test_before_any_file_the_built_in_england_series_meets_the_councils_own_data(sample_workbook: Path) -> None:
    from caseload_reporter.reading.dataset import Dataset
    from caseload_reporter.reading.importer import import_files

    caseloads = Dataset().add_results(import_files([sample_workbook]), decide=lambda *_: True).caseloads
    frame = own_against_england(caseloads, default_thresholds())
    england = england_caseload_per_fte().values
    assert {int(y): v for y, v in zip(frame["year"], frame["England"], strict=True) if v == v} == england
    for year in sorted(caseloads["period"].dt.year.unique()):
        last = caseloads[caseloads["period"].dt.year == year]["period"].max()
        rows = caseloads[(caseloads["period"] == last) & caseloads["worker"].notna() & caseloads["caseload"].notna()]
        expected = rows["caseload"].sum() / rows["fte"].sum()
        got = frame[frame["year"] == year].iloc[0]
        assert got["own"] == pytest.approx(expected) and got["period"].start == pd.Timestamp(last).date()
