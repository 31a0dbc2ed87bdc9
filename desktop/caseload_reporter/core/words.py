"""Counts, lists, ranks, figures, dates and people in words, one way everywhere: '1 team', 'A, B and C',
'3rd highest', '4,473', '+1.4'.

The window, the command line and the Word paper all use these, so a count never reads '1 option(s)'
in one place and '1 option' in another, and a rank never reads 'highest of 15' where 'the highest' is meant.
"""

from __future__ import annotations

import re
from collections.abc import Sequence


def plural(count: int, noun: str, nouns: str | None = None) -> str:
    """'1 team', '2 teams', '1,204 rows'; ``nouns`` for irregular plurals ('1 person', '2 people')."""
    word = noun if count == 1 else (nouns or f"{noun}s")
    return f"{count:,} {word}"


def join_and(items: Sequence[str], conjunction: str = "and") -> str:
    """'A', 'A and B', 'A, B and C': a list as a sentence writes it (no serial comma, as councils write),
    except where one of the last two holds the word itself: 'Gateshead, Redcar and Cleveland, and Sunderland'."""
    items = [str(i) for i in items]
    if len(items) <= 1:
        return "".join(items)
    comma = "," if len(items) > 2 and any(f" {conjunction} " in i for i in items[-2:]) else ""
    return f"{', '.join(items[:-1])}{comma} {conjunction} {items[-1]}"


def ordinal(n: int) -> str:
    """1st, 2nd, 3rd, 4th, 11th, 12th, 13th, 21st."""
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def rank(position: int, of: int, *, way: str = "highest", tied: int = 0, where: str = "") -> str:
    """A place among ``of`` as a sentence says it, after 'was' or in a table cell.

    'the highest of 15', '3rd highest of 15', 'joint 3rd highest of 15', 'joint highest of 15',
    'the lowest of 15' (for 15th highest of 15), 'joint lowest of 15', 'the only one with a figure';
    ``where`` adds ' in London'. ``way`` is 'highest' or 'lowest'; ``position`` 1 is the top that way;
    ``tied`` counts the others with the same figure.
    """
    other = "lowest" if way == "highest" else "highest"
    if of == 1:
        place = "the only one with a figure"
    elif tied:
        if position == 1:
            place = f"joint {way}"
        elif position + tied == of:
            place = f"joint {other}"
        else:
            place = f"joint {ordinal(position)} {way}"
        place = f"{place} of {of}"
    elif position == 1:
        place = f"the {way} of {of}"
    elif position == of:
        place = f"the {other} of {of}"
    else:
        place = f"{ordinal(position)} {way} of {of}"
    return f"{place} in {where}" if where else place


def money(value: float) -> str:
    """Whole pounds with thousands separators: £41,839."""
    return f"£{value:,.0f}"


def number(value: float, decimals: int = 0) -> str:
    """A figure as the paper prints it: thousands separated, a fixed number of decimals ('4,473', '20.8')."""
    text = f"{value:,.{decimals}f}"
    return text[1:] if text.startswith("-") and not text.strip("-0.,") else text  # never '-0.0'


def change(value: float, decimals: int = 1) -> str:
    """A change from one figure to another: '+1.4', '-0.8', or 'no change' when it rounds to nothing
    (never '+0.0', which reads as a rise)."""
    text = number(abs(value), decimals)
    if not text.strip("0.,"):
        return "no change"
    return ("+" if value > 0 else "-") + text


def sentence_start(text: str) -> str:
    """The text with a capital first letter, for the start of a sentence: 'in March 2022' -> 'In March 2022'."""
    return text[:1].upper() + text[1:]


# Words that make a "From" entry a post rather than a person's name.
_POST_WORDS = re.compile(
    r"\b(director|head|manager|officer|lead|leader|assistant|executive|chief|member|service|services|team|"
    r"principal|chair|deputy|interim|acting|corporate|strategic|cabinet|portfolio|councillor|cllr|group)\b",
    re.IGNORECASE,
)
_ENTRIES = re.compile(r"\s*(?:\n|;)\s*")


def is_post(text: str) -> bool:
    """Whether the text names a post ('Head of Safeguarding') rather than a person ('Lou Williams')."""
    return bool(_POST_WORDS.search(text))


def officer_lines(names: str, posts: str = "") -> list[str]:
    """The "From" of a paper, one officer a line, so that two officers never read as one or one as two.

    ``names`` and ``posts`` may each hold several entries, one a line (or separated by ';'), paired in
    order: 'Lou Williams' with 'Service Director' gives 'Lou Williams, Service Director'. Two posts given
    without a person's name ('Director of Children's Services' and 'Head of Safeguarding') are two
    officers, so each has its own line.
    """
    people = [n for n in _ENTRIES.split(names.strip()) if n] if names.strip() else []
    roles = [p for p in _ENTRIES.split(posts.strip()) if p] if posts.strip() else []
    lines: list[str] = []
    for index in range(max(len(people), len(roles))):
        person = people[index] if index < len(people) else ""
        role = roles[index] if index < len(roles) else ""
        if person and role and not is_post(person):
            lines.append(f"{person}, {role}")
        else:
            lines.extend(part for part in (person, role) if part)
    return lines
