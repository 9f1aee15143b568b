"""Runs of phrases and clauses separated by 、 or ，/；, the raw material of lists and parallelism.

A quotation whose words hold a separator (“投早、投小、投硬科技”) is a clause
of its own: its marks bound it. Any other quotation (“书架”) is part of the
phrase around it. A 《title》 is opaque: a 、 inside it separates nothing.
The quotation spans come from the caller (the parsed document holds them),
so this module needs nothing above the text facts.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from functools import partial
from itertools import groupby
from operator import lt
from typing import NamedTuple

from . import textfacts
from .textfacts import PHRASE_SEPARATOR, QuotationSpan, char_class

CLAUSE_SEPARATORS = frozenset(textfacts.CLAUSE_SEPARATORS)
# Ends a clause: a sentence end, a colon, a dash, a line break.
CLAUSE_BOUNDARIES = frozenset(textfacts.SENTENCE_ENDS + textfacts.COLONS + "\n—")
SENTENCE_BOUNDARIES = frozenset(textfacts.SENTENCE_ENDS + "\n")
# A quotation holding one of these is a clause of its own.
_SEPARATING = re.compile(char_class(PHRASE_SEPARATOR + textfacts.CLAUSE_SEPARATORS + textfacts.SENTENCE_ENDS + textfacts.COLONS))
# What ends a stretch of phrases (a clause) and what cuts it into phrases; likewise for clauses in a sentence.
_PHRASE_WALLS = re.compile(char_class(CLAUSE_SEPARATORS | CLAUSE_BOUNDARIES))
_PHRASE_CUTS = re.compile(re.escape(PHRASE_SEPARATOR))
_CLAUSE_WALLS = re.compile(char_class(SENTENCE_BOUNDARIES | frozenset(textfacts.COLONS)))
_CLAUSE_CUTS = re.compile(char_class(CLAUSE_SEPARATORS))
# The characters str.isspace() and str.strip() take for spaces (the same set, checked in the tests).
_SPACE = re.compile(r"\s")


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
        elif _SEPARATING.search(text, inner_start, inner_end):
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
    return _runs(text, start, end, opaque, bounding, markers, walls=_PHRASE_WALLS, cuts=_PHRASE_CUTS, name=PHRASE_SEPARATOR)


def clause_runs(
    text: str, start: int, end: int, *, quotations: Sequence[QuotationSpan] = (), markers: frozenset[int] = frozenset()
) -> list[Run]:
    """Within each sentence, the clauses separated by ， or ； (runs of two or more)."""
    opaque, bounding = _masks(text, quotations)
    return _runs(text, start, end, opaque, bounding, markers, walls=_CLAUSE_WALLS, cuts=_CLAUSE_CUTS, name="，")


def _runs(text, start, end, opaque, bounding, markers, *, walls, cuts, name) -> list[Run]:
    """The runs of pieces that ``cuts`` (separators) make of each stretch between two walls.

    Walls are the characters ``walls`` matches, the marks of bounding
    quotations and the outline's markers; nothing inside a title counts. Only
    the separators are visited one by one: most stretches hold none, and the
    walls around the others are looked up.
    """
    wall_set = set(map(re.Match.start, walls.finditer(text, start, end)))
    wall_set.update(at for at in bounding if start <= at < end)
    wall_set.update(at for at in markers if start <= at < end)
    wall_at = sorted(wall_set - opaque if opaque else wall_set)
    separators = list(map(re.Match.start, cuts.finditer(text, start, end)))
    if markers or opaque:
        # The 、 of a marker (一、) numbers a part: a wall, not a separator. Quotation marks are never separators.
        separators = [at for at in separators if at not in markers and at not in opaque]
    runs: list[Run] = []
    # Separators between the same two walls have the same number of walls before them.
    for index, group in groupby(separators, key=partial(bisect_right, wall_at)):
        if index:
            opening = wall_at[index - 1]
            first, exact_first = opening + 1, bounding.get(opening) == "open"
        else:
            first, exact_first = start, False
        if index < len(wall_at):
            last = wall_at[index]
            exact_last = bounding.get(last) == "close"
        else:
            last, exact_last = end, False
        at = list(group)
        if run := _run(text, [first, *(cut + 1 for cut in at)], [*at, last], name, exact_first, exact_last):
            runs.append(run)
    return runs


def _run(text: str, starts: list[int], ends: list[int], name: str, exact_first: bool, exact_last: bool) -> Run | None:
    """The run of the pieces ``text[starts[i]:ends[i]]`` (stripped of spaces), or None if one of them is empty."""
    # Most runs hold no space at all: one search spares stripping each piece.
    if _SPACE.search(text, starts[0], ends[-1]):
        starts, ends = zip(*(_strip(text, s, e) for s, e in zip(starts, ends)))
    if not all(map(lt, starts, ends)):
        return None
    # The marks give exact edges only when the quotation is the whole run.
    exact = exact_first and exact_last
    return Run(name, tuple(zip(starts, ends)), exact, exact)


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    """``(start, end)`` without the spaces at either edge of ``text[start:end]``."""
    piece = text[start:end]
    kept = piece.lstrip()
    start += len(piece) - len(kept)
    return start, start + len(kept.rstrip())
