"""Data blocks an officer places in a section: charts, tables and data sentences, worked out afresh.

Every kind of block is declared once, in :data:`BLOCK_KINDS`: its label, its category, its
options with their types, defaults and limits (``block_options``), the function that builds it
and the inputs it needs. The draft names a block by its kind and options; :func:`build_block`
turns it into content from the data at export time, so figures always follow the data, and the
Report page generates each block's options form from the same declaration. When the data cannot
support a block it says why in one sentence instead of printing something wrong.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from caseload_reporter.analysis.benchmarking import MEASURES
from caseload_reporter.analysis.staffing import DEFAULT_COST_PER_POST, DEFAULT_TARGETS, LEFT_OUT_BY_DEFAULT
from caseload_reporter.reporting import benchmark_blocks, chart_blocks, data_sentences, table_blocks
from caseload_reporter.reporting.block_content import (
    ChartContent,
    Content,
    SentenceContent,
    TableContent,
    Unavailable,
)
from caseload_reporter.reporting.block_context import BlockContext
from caseload_reporter.reporting.block_options import (
    ChoiceOption,
    CountOption,
    ListOption,
    NumberOption,
    NumbersOption,
    Option,
    PeriodOption,
    TextOption,
    YearOption,
    resolve,
)
from caseload_reporter.reporting.data_sentences import SentenceText
from caseload_reporter.reporting.draft import Item

__all__ = [
    "BLOCK_KINDS",
    "BlockKind",
    "ChartContent",
    "Content",
    "SentenceContent",
    "TableContent",
    "Unavailable",
    "build_block",
]

Builder = Callable[[dict[str, Any], BlockContext], Content]

# What a block may need from the data, each with the sentence said when the data does not give it.
NEEDS: dict[str, tuple[Callable[[BlockContext], bool], str]] = {
    "measures": (
        lambda context: not context.dataset.measures.empty,
        "The data has no service measures (referrals, children on plans and the like).",
    ),
    "fte": (
        lambda context: context.basis == "fte",
        "It compares averages per FTE, and Settings > Caseload targets is set to averages per worker.",
    ),
    "council": (lambda context: bool(context.council), benchmark_blocks.CHOOSE_COUNCIL),
}


@dataclass(frozen=True)
class BlockKind:
    label: str
    category: str  # "chart", "table" or "sentence"
    description: str
    build: Builder  # takes the item's options with every declared option filled in
    options: tuple[Option, ...] = ()
    needs: tuple[str, ...] = ()  # keys of NEEDS, checked in order before building

    def resolve(self, options: Mapping[str, Any]) -> dict[str, Any]:
        return resolve(options, self.options)


def _sentence(function: Callable[[dict[str, Any], BlockContext], SentenceText]) -> Builder:
    def build(options: dict[str, Any], context: BlockContext) -> Content:
        text = function(options, context)
        return SentenceContent(text.text) if text.ok else Unavailable(text.reason)

    return build


# -- the options, shared by the kinds that take them -------------------------------------------
PERIOD = PeriodOption(name="period", label="Period", accessible="Period")
FIRST = PeriodOption(
    name="first", label="First period", accessible="First period", placeholder="About a quarter before the second"
)
SECOND = PeriodOption(name="second", label="Second period", accessible="Second period")


def recent(default: int) -> CountOption:
    """How many recent periods a chart, table or trend covers."""
    return CountOption(
        name="periods",
        label="Recent periods",
        accessible="Number of recent periods shown",
        default=default,
        low=1,
        high=520,
        suffix=" periods",
    )


COST = NumberOption(
    name="cost_per_post",
    label="Cost per post",
    accessible="Full-year cost of one social worker post",
    default=DEFAULT_COST_PER_POST,
    low=0,
    high=500_000,
    decimals=0,
    step=500,
    prefix="£",
)
SCOPE = TextOption(name="scope", default="all", shown=False)  # the whole service, a district, team or team type
MEASURE_NAMES = ListOption(name="measures")  # service measures by name; none: the first few in the data

BLOCK_KINDS: dict[str, BlockKind] = {
    "chart.district_totals": BlockKind(
        "Chart: total cases by district",
        "chart",
        "Total cases held in each district, period by period.",
        chart_blocks.district_totals,
        (recent(13),),
    ),
    "chart.district_averages": BlockKind(
        "Chart: average caseload by district",
        "chart",
        "The average caseload in each district over time.",
        chart_blocks.district_averages,
        (recent(13),),
    ),
    "chart.team_type_averages": BlockKind(
        "Chart: average caseload by team type",
        "chart",
        "The average caseload for each type of team over time.",
        chart_blocks.team_type_averages,
        (recent(13),),
    ),
    "chart.measures": BlockKind(
        "Chart: service measures",
        "chart",
        "Monthly measures such as referrals and children on plans.",
        chart_blocks.measures,
        (recent(13), MEASURE_NAMES, TextOption(name="title", shown=False)),
        ("measures",),
    ),
    "table.teams": BlockKind(
        "Table: teams against target",
        "table",
        "Every team's average, target, rating in words, range and workers over the ceiling.",
        table_blocks.teams,
        (PERIOD,),
    ),
    "table.district_totals": BlockKind(
        "Table: total cases by district",
        "table",
        "Total cases per district for recent periods.",
        table_blocks.district_totals,
        (recent(7),),
    ),
    "table.comparison": BlockKind(
        "Table: two periods compared",
        "table",
        "Each team's average, range and workers over the ceiling in two periods.",
        table_blocks.comparison,
        (FIRST, SECOND),
    ),
    "table.measures": BlockKind(
        "Table: service measures",
        "table",
        "Service measures for recent periods.",
        table_blocks.measures,
        (recent(12), MEASURE_NAMES),
        ("measures",),
    ),
    "table.staffing": BlockKind(
        "Table: staffing options",
        "table",
        "Additional social workers needed to reach each target, and their cost.",
        table_blocks.staffing,
        (
            PERIOD,
            NumbersOption(
                name="targets",
                label="Target averages",
                accessible="Target averages",
                default=DEFAULT_TARGETS,
                noun="targets",
            ),
            COST,
            # Each scenario leaves out some team types: all teams, then all but those left out at first.
            ListOption(name="scenarios", default=({"exclude": []}, {"exclude": list(LEFT_OUT_BY_DEFAULT)})),
        ),
    ),
    "chart.benchmark": BlockKind(
        "Chart: your council against England, region and neighbours",
        "chart",
        "One workforce measure year by year from the DfE statistics: your council, England, your region and your "
        "statistical neighbours' average.",
        benchmark_blocks.chart,
        # The council itself is chosen once, on the Benchmarks page.
        (
            ChoiceOption(
                name="measure",
                label="Measure",
                accessible="Workforce measure charted",
                choices=MEASURES,
                default="caseload_fte",
            ),
        ),
    ),
    "table.benchmark": BlockKind(
        "Table: your council against England, region and neighbours",
        "table",
        "Caseload per FTE and the agency, vacancy and turnover rates for one year, with your rank in your region.",
        benchmark_blocks.table,
        (YearOption(name="year", label="Year", accessible="Year of the published statistics"),),
        ("council",),  # the statistics ship with the app
    ),
    "sentence.average_change": BlockKind(
        "Sentence: change in the average caseload",
        "sentence",
        "The average caseload in one period against an earlier one, in words.",
        _sentence(data_sentences.average_change),
        (FIRST, SECOND, SCOPE),
    ),
    "sentence.total_cases": BlockKind(
        "Sentence: total cases",
        "sentence",
        "The cases the service held in a period, and the change since an earlier one.",
        _sentence(data_sentences.total_cases),
        (FIRST, SECOND),
    ),
    "sentence.measure_change": BlockKind(
        "Sentence: change in a service measure",
        "sentence",
        "A service measure such as referrals in the latest month against an earlier one, in words.",
        _sentence(data_sentences.measure_change),
        (
            TextOption(name="measure", default="", shown=False),
            PeriodOption(name="first", label="From", accessible="From"),
        ),
        ("measures",),
    ),
    "sentence.teams_over_target": BlockKind(
        "Sentence: teams above target",
        "sentence",
        "How many teams have an average above the target for their team type.",
        _sentence(data_sentences.teams_over_target),
        (PERIOD,),
    ),
    "sentence.average_trend": BlockKind(
        "Sentence: trend of the average caseload",
        "sentence",
        "Whether the average has risen or fallen over recent periods; nothing when there is no clear trend.",
        _sentence(data_sentences.average_trend),
        (recent(13), SCOPE),
    ),
    "sentence.district_gap": BlockKind(
        "Sentence: districts well apart from the others",
        "sentence",
        "Districts with clearly more or fewer cases (or a higher or lower average) than the rest.",
        _sentence(data_sentences.district_gap),
        (
            PERIOD,
            ChoiceOption(
                name="measure",
                label="Compare by",
                accessible="Compare districts by",
                choices={"cases": "Total cases", "average": "Average caseload"},
                default="cases",
            ),
        ),
    ),
    "sentence.workers_over_ceiling": BlockKind(
        "Sentence: workers over the ceiling",
        "sentence",
        "How many social workers hold more cases than the ceiling (small counts suppressed).",
        _sentence(data_sentences.workers_over_ceiling),
        (PERIOD,),
    ),
    "sentence.against_england": BlockKind(
        "Sentence: against the England average",
        "sentence",
        "The average caseload per FTE against the published England average.",
        _sentence(data_sentences.against_england),
        (PERIOD,),
        ("fte",),
    ),
    "sentence.staffing": BlockKind(
        "Sentence: social workers needed for a target",
        "sentence",
        "Additional social workers needed to bring the average down to a target, and their cost.",
        _sentence(data_sentences.staffing_need),
        (
            PERIOD,
            NumberOption(
                name="target",
                label="Target average",
                accessible="Target average caseload",
                default=DEFAULT_TARGETS[0],
                low=1,
                high=100,
                decimals=1,
            ),
            COST,
            ListOption(name="exclude"),  # team types left out of the count
        ),
    ),
}


def build_block(item: Item, context: BlockContext) -> Content:
    """The content for one block from the current data, or why there is none."""
    kind = BLOCK_KINDS.get(item.kind)
    if kind is None:
        return Unavailable(f"'{item.kind}' is not a kind of data block this version knows.")
    for need in kind.needs:
        given, missing = NEEDS[need]
        if not given(context):
            return Unavailable(missing)
    return kind.build(kind.resolve(item.options), context)
