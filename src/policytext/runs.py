"""Runs of phrases and clauses separated by 、 or ，/；, the raw material of lists and parallelism.

A quotation whose words hold a separator (“投早、投小、投硬科技”) is a clause
of its own: its marks bound it. Any other quotation (“书架”) is part of the
phrase around it. A 《title》 is opaque: a 、 inside it separates nothing.
The quotation spans come from the caller (the parsed document holds them),
so this module needs nothing above the text facts.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import NamedTuple

from . import textfacts
from .textfacts import PHRASE_SEPARATOR, QuotationSpan, char_class

CLAUSE_SEPARATORS = frozenset(textfacts.CLAUSE_SEPARATORS)
# Ends a clause: a sentence end, a colon, a dash, a line break.
CLAUSE_BOUNDARIES = frozenset(textfacts.SENTENCE_ENDS + textfacts.COLONS + "\n—")
SENTENCE_BOUNDARIES = frozenset(textfacts.SENTENCE_ENDS + "\n")
_SEPARATING = frozenset(PHRASE_SEPARATOR + textfacts.CLAUSE_SEPARATORS + textfacts.SENTENCE_ENDS + textfacts.COLONS)
# The characters at which a phrase run or a clause run changes state.
_PHRASE_EVENTS = re.compile(char_class(CLAUSE_SEPARATORS | CLAUSE_BOUNDARIES | {PHRASE_SEPARATOR}))
_CLAUSE_EVENTS = re.compile(char_class(SENTENCE_BOUNDARIES | frozenset(textfacts.COLONS) | CLAUSE_SEPARATORS))


class Run(NamedTuple):
    """Pieces of text separated by one kind of separator, as absolute ``(start, end)`` spans.

    The first piece may hold words before the first item (探索一条|以…为牵引)
    and the last piece words after the last item (以…为动力|的××特色创新之路):
    only the pieces between two separators are known to be exact.
    """

    separator: str
    pieces: tuple[tuple[int, int], ...]
    exact_first: bool = False  # the first piece starts right after a quotation mark
    exact_last: bool = False  # the last piece ends right before a quotation mark
    # A named tuple, not a frozen dataclass: a long body has tens of thousands of runs.


def _masks(text: str, quotations: Sequence[QuotationSpan]) -> tuple[set[int], dict[int, str]]:
    """Offsets inside titles (separators there do not count), and marks of quotations that bound a clause ("open"/"close")."""
    opaque: set[int] = set()
    bounding: dict[int, str] = {}
    for span in quotations:
        inner_start, inner_end = span.inner
        if span.is_title:
            opaque.update(range(inner_start, inner_end))
        elif any(char in _SEPARATING for char in text[inner_start:inner_end]):
            bounding[span.start] = "open"
            bounding[span.end - 1] = "close"
    return opaque, bounding


def phrase_runs(
    text: str, start: int, end: int, *, quotations: Sequence[QuotationSpan] = (), markers: frozenset[int] = frozenset()
) -> list[Run]:
    """Within each clause, the pieces separated by 、 (runs of two or more pieces).

    ``quotations`` are the pairs of marks in ``text[start:end]``
    (:func:`~policytext.textfacts.match_quotations`). ``markers`` are offsets
    of outline markers (the 、 of 一、 numbers a part, it separates nothing);
    they end a clause.
    """
    opaque, bounding = _masks(text, quotations)
    boundaries = CLAUSE_SEPARATORS | CLAUSE_BOUNDARIES
    return _runs(text, start, end, opaque, bounding, markers, outer=boundaries, inner=frozenset(PHRASE_SEPARATOR), name=PHRASE_SEPARATOR, events=_PHRASE_EVENTS)


def clause_runs(
    text: str, start: int, end: int, *, quotations: Sequence[QuotationSpan] = (), markers: frozenset[int] = frozenset()
) -> list[Run]:
    """Within each sentence, the clauses separated by ， or ； (runs of two or more)."""
    opaque, bounding = _masks(text, quotations)
    return _runs(text, start, end, opaque, bounding, markers, outer=SENTENCE_BOUNDARIES | frozenset(textfacts.COLONS), inner=CLAUSE_SEPARATORS, name="，", events=_CLAUSE_EVENTS)


def _runs(text, start, end, opaque, bounding, markers, *, outer, inner, name, events) -> list[Run]:
    runs: list[Run] = []
    # Pieces of the current clause before its last one, unstripped: most
    # clauses hold no separator and end without ever being split or stripped.
    pieces: list[tuple[int, int]] = []
    piece_start = start
    exact_first = False
    # Only separators, boundaries, bounding marks and markers change the state:
    # visit those offsets rather than every character of the body.
    pattern = events
    events = {match.start() for match in pattern.finditer(text, start, end)}
    events.update(at for at in bounding if start <= at < end)
    events.update(at for at in markers if start <= at < end)
    for position in sorted(events - opaque if opaque else events):
        char = text[position]
        if position in bounding or position in markers or char in outer:
            if pieces:
                pieces.append((piece_start, position))
                if run := _run(text, pieces, name, exact_first, bounding.get(position) == "close"):
                    runs.append(run)
                pieces = []
            piece_start = position + 1
            exact_first = bounding.get(position) == "open"
        elif char in inner:
            pieces.append((piece_start, position))
            piece_start = position + 1
    if pieces:
        pieces.append((piece_start, end))
        if run := _run(text, pieces, name, exact_first, False):
            runs.append(run)
    return runs


def _run(text: str, pieces: list[tuple[int, int]], name: str, exact_first: bool, exact_last: bool) -> Run | None:
    """The run of these pieces (stripped of spaces), or None if one of them is empty."""
    stripped = tuple(_strip(text, s, e) for s, e in pieces)
    if not all(e > s for s, e in stripped):
        return None
    # The marks give exact edges only when the quotation is the whole run.
    exact = exact_first and exact_last
    return Run(name, stripped, exact, exact)


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
