"""Secondary suppression: no suppressed count can be worked out from the figures printed beside it.

For random teams and worker caseloads, written to real workbooks by openpyxl and xlsxwriter and read
by the importer, every table and sentence that prints counts of workers is built: the teams table with
its "All teams" row for each period, the two periods compared, and the sentence on workers over the
ceiling. An attacker then takes every total printed anywhere for a period and subtracts the figures
printed for the teams: each count shown as "fewer than 5" must still be able to be any of 1 to 4, and an
"All teams" caseload range must not give away the lowest or highest caseload of a team whose range is
withheld. The printed figures are also checked against the generated truth, so suppression never
hides a wrong figure.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from caseload_reporter.analysis.thresholds import default_thresholds
from caseload_reporter.reading.dataset import Dataset
from caseload_reporter.reading.importer import import_files
from caseload_reporter.reading.values import Period
from caseload_reporter.reporting.block_context import BlockContext
from caseload_reporter.reporting.blocks import SentenceContent, TableContent, build_block
from caseload_reporter.reporting.draft import Item, Privacy
from caseload_reporter.reporting.privacy import SMALL_COUNT, SUPPRESSED, WITHHELD
from generators.import_fixtures import SheetSpec, WorkbookSpec, write_openpyxl, write_xlsxwriter

DATES = (dt.date(2017, 9, 30), dt.date(2017, 12, 31))  # snapshots at quarter ends, as councils count
CEILING = default_thresholds().ceiling
TEAM_TYPES = ("Assessment", "Children's", "Children in care", "Leaving care", "Adolescent", "Disabled children")

# Each team: for each of the two dates, its workers' caseloads (a team may have no one on a date).
team_strategy = st.tuples(*[st.lists(st.integers(3, 34), min_size=0, max_size=9) for _ in DATES])
teams_strategy = st.lists(team_strategy, min_size=2, max_size=7).filter(
    lambda teams: all(any(team[d] for team in teams) for d in range(len(DATES)))
)


def workbook(teams: list[tuple[list[int], ...]]) -> WorkbookSpec:
    rows: list[list[object]] = [["Date", "Team", "Team type", "Social worker", "FTE", "Caseload"]]
    for d, date in enumerate(DATES):
        for t, team in enumerate(teams):
            for w, caseload in enumerate(team[d]):
                rows.append([date, f"Team {t + 1}", TEAM_TYPES[t % len(TEAM_TYPES)], f"Worker {t}-{w}", 1.0, caseload])
    return WorkbookSpec("teams", [SheetSpec("Caseloads", rows)])


def truth(teams: list[tuple[list[int], ...]], d: int) -> dict[str, dict[str, int]]:
    """Per team on date ``d``: its workers and its workers over the ceiling, from the generated caseloads."""
    return {
        f"Team {t + 1}": {"workers": len(team[d]), "over": sum(c > CEILING for c in team[d])}
        for t, team in enumerate(teams)
        if team[d]
    }


def interval(text: str) -> tuple[int, int] | None:
    """What a printed count tells a reader: exactly n, 1 to 4 for 'fewer than 5', or nothing (None)."""
    if text == SUPPRESSED:
        return 1, SMALL_COUNT - 1
    if re.fullmatch(r"[\d,]+", text):
        value = int(text.replace(",", ""))
        return value, value
    return None  # 'not shown', 'no figure': no figure to subtract


def derivable(total: tuple[int, int], parts: list[tuple[int, int] | None]) -> list[tuple[int, int]]:
    """Each suppressed part's possible values once the printed total and the other printed parts are known."""
    if any(p is None for p in parts):
        return []  # a part with no figure absorbs any difference: nothing can be worked out
    shown = sum(p[0] for p in parts if p[0] == p[1])
    hidden = [p for p in parts if p[0] != p[1]]
    k = len(hidden)
    found = []
    for _ in hidden:
        low = max(1, total[0] - shown - (SMALL_COUNT - 1) * (k - 1))
        high = min(SMALL_COUNT - 1, total[1] - shown - (k - 1))
        found.append((low, high))
    return found


def sentence_totals(text: str) -> dict[str, tuple[int, int]]:
    """The totals a workers-over-the-ceiling sentence prints: over the ceiling, and all workers."""
    found: dict[str, tuple[int, int]] = {}
    if re.search(r"no social worker held more than", text):
        found["over"] = (0, 0)
    match = re.search(r", (fewer than 5|[\d,]+) (?:of the ([\d,]+) )?social workers? (?:was|were) holding", text)
    if match:
        found["over"] = interval(match.group(1))  # type: ignore[assignment]
        if match.group(2):
            found["workers"] = interval(match.group(2))  # type: ignore[assignment]
    return found


def column(frame: pd.DataFrame, name: str) -> dict[str, str]:
    return dict(zip(frame["Team"], frame[name], strict=True))


@settings(max_examples=40)
@given(teams=teams_strategy, writer=st.sampled_from([write_openpyxl, write_xlsxwriter]))
def test_no_suppressed_count_can_be_worked_out_from_printed_figures(tmp_path_factory, teams, writer) -> None:
    folder = tmp_path_factory.mktemp("suppression")
    path = writer(workbook(teams), folder / "teams.xlsx")
    result = import_files([Path(path)])
    assert result[0].ok, result[0].message
    dataset = Dataset().add_results(result, decide=lambda *_: True)
    context = BlockContext(dataset, default_thresholds(), Privacy())
    periods = [Period(date, "day") for date in DATES]
    assert dataset.periods() == periods

    comparison = build_block(Item("table.comparison", options={"first": "2017-09-30", "second": "2017-12-31"}), context)
    assert isinstance(comparison, TableContent)
    for d, period in enumerate(periods):
        real = truth(teams, d)
        table = build_block(Item("table.teams", options={"period": period.iso()}), context)
        assert isinstance(table, TableContent)
        frame = table.frame
        sentence = build_block(Item("sentence.workers_over_ceiling", options={"period": period.iso()}), context)
        said = sentence_totals(sentence.text) if isinstance(sentence, SentenceContent) else {}
        team_rows = frame[frame["Team"] != "All teams"]
        total_row = frame[frame["Team"] == "All teams"].iloc[0]
        label = period.label()
        for key, heading, compared in (
            ("over", f"Workers over {CEILING:g} cases", f"Workers over {CEILING:g} {label}"),
            ("workers", "Workers", None),
        ):
            printed = column(team_rows, heading)
            # Each printed team figure is the truth, or 'fewer than 5' for a truth of 1 to 4.
            assert set(printed) == set(real)
            for team, text in printed.items():
                value = real[team][key]
                assert text == (SUPPRESSED if 0 < value < SMALL_COUNT else f"{value:,}"), (team, key, text)
            # The same team's figure reads the same in the two-period table: one table never shows what
            # the other hides.
            if compared is not None:
                beside = {t: v for t, v in column(comparison.frame, compared).items() if t in printed}
                assert all(beside[t] == printed[t] for t in beside), (printed, beside)
            parts = [interval(printed[team]) for team in printed]
            totals = [interval(str(total_row[heading]))]
            totals.append(said.get(key))
            for total in totals:
                if total is None:
                    continue
                for possible in derivable(total, parts):
                    assert possible == (1, SMALL_COUNT - 1), (key, total, parts, possible)
        # The range of all teams gives away no caseload of a team whose range is withheld.
        ranges = dict(zip(team_rows["Team"], team_rows.get("Caseload range", pd.Series(dtype=str)), strict=False))
        spread = str(total_row.get("Caseload range", ""))
        if WITHHELD in ranges.values() and " to " in spread:
            low, high = (float(x) for x in spread.split(" to "))
            shown = [tuple(float(x) for x in r.split(" to ")) for r in ranges.values() if " to " in r]
            assert low in {lo for lo, _ in shown} and high in {hi for _, hi in shown}, (spread, ranges)


def test_the_all_teams_figure_is_withheld_over_two_suppressed_teams(tmp_path: Path) -> None:
    """The issue's case: two teams of 3 and 4 workers beside a team of 6; 'All teams' 13 would leave 7 for the
    two, so the total is 'not shown' and the note says why."""
    teams = [([20, 21, 22], [20, 21, 22]), ([18, 19, 20, 21], [18, 19, 20, 21]), ([15] * 6, [15] * 6)]
    path = write_xlsxwriter(workbook(teams), tmp_path / "teams.xlsx")
    dataset = Dataset().add_results(import_files([path]), decide=lambda *_: True)
    table = build_block(Item("table.teams"), BlockContext(dataset, default_thresholds(), Privacy()))
    total = table.frame[table.frame["Team"] == "All teams"].iloc[0]
    assert total["Workers"] == WITHHELD
    assert "would let a count under 5 be worked out by subtraction" in table.note
    shown = build_block(
        Item("table.teams"), BlockContext(dataset, default_thresholds(), Privacy(suppress_small_counts=False))
    )
    assert shown.frame[shown.frame["Team"] == "All teams"].iloc[0]["Workers"] == "13"
    assert "subtraction" not in shown.note
