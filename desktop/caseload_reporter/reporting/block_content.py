"""What a data block becomes from the data: a chart, a table, a sentence, or why there is none.

The Word export writes these, the Report page previews them; every builder in ``chart_blocks``,
``table_blocks``, ``benchmark_blocks`` and ``data_sentences`` returns one.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from caseload_reporter.analysis.chart_specs import ChartSpec


@dataclass
class TableContent:
    title: str  # the caption, without its number
    frame: pd.DataFrame  # every cell already text
    description: str  # what the table shows, for screen readers (w:tblDescription)
    shading: dict[tuple[int, int], str] = field(default_factory=dict)  # (row, column) -> fill, with words beside
    note: str = ""  # printed under the table, e.g. why some figures are not shown


@dataclass
class ChartContent:
    spec: ChartSpec
    title: str
    alt_text: str
    table: TableContent


@dataclass
class SentenceContent:
    text: str


@dataclass
class Unavailable:
    reason: str  # one sentence: why the data cannot give this block


Content = ChartContent | TableContent | SentenceContent | Unavailable
