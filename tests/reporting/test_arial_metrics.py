"""Arial widths used to size table columns, checked against Arial's published advance widths (AFM)."""

from __future__ import annotations

import string

import pytest

from caseload_reporter.reporting.arial_metrics import text_twips


def test_widths_follow_arials_published_metrics() -> None:
    # From the Arial AFM files: regular 1 = 556, i = 222, W = 944; bold B = 722, r = 389 (thousandths of an em).
    assert text_twips("1", 24) == 556 / 1000 * 12 * 20  # 12 pt = 24 half-points; a point is 20 twips
    assert text_twips("iW", 20) == (222 + 944) / 1000 * 10 * 20
    assert text_twips("Br", 20, bold=True) == (722 + 389) / 1000 * 10 * 20


def test_bold_is_never_narrower_and_width_scales_with_size() -> None:
    for ch in string.ascii_letters + string.digits + " ,.-/()%":
        assert text_twips(ch, 20, bold=True) >= text_twips(ch, 20)
    assert text_twips("Brackenford Assessment Team 1", 24) == pytest.approx(
        1.2 * text_twips("Brackenford Assessment Team 1", 20)
    )


def test_narrow_letters_measure_narrower_than_wide_ones() -> None:
    # The old flat estimate gave every character the same width, which is what pushed tables to landscape.
    assert text_twips("illi", 20) < 0.5 * text_twips("MWMW", 20)
    assert text_twips("\u00e9", 20) > 0  # a letter outside the table still takes room
