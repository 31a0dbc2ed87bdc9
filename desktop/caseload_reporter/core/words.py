"""Counts, lists, ranks, figures and money in words, one way everywhere: '1 team', 'A, B and C', '3rd',
'4,473', '+1.4', '£41,839'.

The window, the command line and the Word paper all use these, so a count never reads '1 option(s)'
in one place and '1 option' in another.
"""

from __future__ import annotations

from collections.abc import Sequence


def plural(count: int, noun: str, nouns: str | None = None) -> str:
    """'1 team', '2 teams', '1,204 rows'; ``nouns`` for irregular plurals ('1 person', '2 people')."""
    word = noun if count == 1 else (nouns or f"{noun}s")
    return f"{count:,} {word}"


def join_and(items: Sequence[str], conjunction: str = "and") -> str:
    """'A', 'A and B', 'A, B and C': a list as a sentence writes it (no serial comma, as councils write)."""
    items = [str(i) for i in items]
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {conjunction} {items[-1]}"


def ordinal(n: int) -> str:
    """1st, 2nd, 3rd, 4th, 11th, 12th, 13th, 21st."""
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def money(value: float) -> str:
    """Whole pounds with thousands separators: £41,839."""
    return f"£{value:,.0f}"


def figure(value: float, decimals: int = 0) -> str:
    """A figure as the paper prints it: thousands separated, a fixed number of decimals ('4,473', '20.8')."""
    text = f"{value:,.{decimals}f}"
    return text[1:] if text.startswith("-") and not text.strip("-0.,") else text  # never '-0.0'


def change(value: float, decimals: int = 1) -> str:
    """A change from one figure to another: '+1.4', '-0.8', or 'no change' when it rounds to nothing
    (never '+0.0', which reads as a rise)."""
    text = figure(abs(value), decimals)
    if not text.strip("0.,"):
        return "no change"
    return ("+" if value > 0 else "-") + text
