"""Phrase and clause runs: the walls-and-separators scan gives the runs a character-by-character reading gives.

:mod:`policytext.runs` visits only the separators and looks the walls around
them up; the plain definition below reads every character of the body once,
in order. Both must agree on texts built from the characters the rules are
about (separators, boundaries, spaces, quotation and title marks) and on any
outline markers.
"""

from __future__ import annotations

import sys

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from policytext import textfacts
from policytext.parsed import MAX_QUOTATION
from policytext.runs import (
    CLAUSE_BOUNDARIES,
    CLAUSE_SEPARATORS,
    SENTENCE_BOUNDARIES,
    Run,
    _masks,
    clause_runs,
    phrase_runs,
)
from policytext.textfacts import MARK_PAIRS, PHRASE_SEPARATOR, match_quotations

from .helpers import examples

_PIECES = ["发展", "创新", "科技", "人才", "教育", "、", "，", "；", "。", "：", "\n", "—", " ", "\u3000",
           "“", "”", "《", "》", "投早、投小", "一、", "要", "的"]
_TEXT = st.lists(st.sampled_from(_PIECES), max_size=40).map("".join)
_SETTINGS = settings(max_examples=examples(300), deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _runs_char_by_char(text, start, end, quotations, markers, *, outer, inner, name) -> list[Run]:
    """The definition: walk the body; a wall closes the current clause, a separator closes a piece."""
    opaque, bounding = _masks(text, quotations)
    runs, pieces, piece_start, exact_first = [], [], start, False

    def close(last: int, exact_last: bool) -> None:
        stripped = []
        for s, e in [*pieces, (piece_start, last)]:
            while s < e and text[s].isspace():
                s += 1
            while e > s and text[e - 1].isspace():
                e -= 1
            stripped.append((s, e))
        if all(e > s for s, e in stripped):
            exact = exact_first and exact_last
            runs.append(Run(name, tuple(stripped), exact, exact))

    for position in range(start, end):
        if position in opaque:
            continue
        if position in bounding or position in markers or text[position] in outer:
            if pieces:
                close(position, bounding.get(position) == "close")
            pieces, piece_start = [], position + 1
            exact_first = bounding.get(position) == "open"
        elif text[position] in inner:
            pieces.append((piece_start, position))
            piece_start = position + 1
    if pieces:
        close(end, False)
    return runs


def _quotations(text: str):
    return match_quotations(text, 0, len(text), pairs=MARK_PAIRS, max_length=MAX_QUOTATION, straight=True)


@_SETTINGS
@given(text=_TEXT, data=st.data())
def test_phrase_runs_are_the_character_by_character_runs(text, data):
    markers = frozenset(data.draw(st.sets(st.integers(0, max(len(text) - 1, 0)), max_size=3)))
    start = data.draw(st.integers(0, len(text)))
    quotations = _quotations(text)
    expected = _runs_char_by_char(text, start, len(text), quotations, markers, outer=CLAUSE_SEPARATORS | CLAUSE_BOUNDARIES,
                                  inner={PHRASE_SEPARATOR}, name=PHRASE_SEPARATOR)
    assert phrase_runs(text, start, len(text), quotations=quotations, markers=markers) == expected


@_SETTINGS
@given(text=_TEXT, data=st.data())
def test_clause_runs_are_the_character_by_character_runs(text, data):
    markers = frozenset(data.draw(st.sets(st.integers(0, max(len(text) - 1, 0)), max_size=3)))
    start = data.draw(st.integers(0, len(text)))
    quotations = _quotations(text)
    expected = _runs_char_by_char(text, start, len(text), quotations, markers,
                                  outer=SENTENCE_BOUNDARIES | frozenset(textfacts.COLONS), inner=CLAUSE_SEPARATORS, name="，")
    assert clause_runs(text, start, len(text), quotations=quotations, markers=markers) == expected


def test_a_run_is_cut_at_its_separators_and_bounded_by_its_clause():
    text = "我们要加强教育、科技、人才建设，推动发展。"
    (run,) = phrase_runs(text, 0, len(text))
    assert [text[s:e] for s, e in run.pieces] == ["我们要加强教育", "科技", "人才建设"]
    assert not run.exact_first and not run.exact_last
    (clauses,) = clause_runs(text, 0, len(text))
    assert [text[s:e] for s, e in clauses.pieces] == ["我们要加强教育、科技、人才建设", "推动发展"]


def test_spaces_at_a_piece_edge_are_stripped_and_an_empty_piece_drops_the_run():
    text = "教育 、\u3000科技、人才。教育、、科技。"
    (run,) = phrase_runs(text, 0, len(text))
    assert [text[s:e] for s, e in run.pieces] == ["教育", "科技", "人才"]


def test_a_quoted_list_has_exact_edges_and_a_title_separates_nothing():
    text = "坚持“投早、投小、投硬科技”，学习《教育、科技、人才》。"
    runs = phrase_runs(text, 0, len(text), quotations=_quotations(text))
    assert [[text[s:e] for s, e in run.pieces] for run in runs] == [["投早", "投小", "投硬科技"]]
    assert runs[0].exact_first and runs[0].exact_last


def test_a_marker_ends_a_clause_and_its_separator_cuts_nothing():
    text = "一、教育、科技"
    assert [[text[s:e] for s, e in run.pieces] for run in phrase_runs(text, 0, len(text))] == [["一", "教育", "科技"]]
    runs = phrase_runs(text, 0, len(text), markers=frozenset({0, 1}))
    assert [[text[s:e] for s, e in run.pieces] for run in runs] == [["教育", "科技"]]


def test_the_space_pattern_is_what_str_strip_removes():
    # _run checks a run for spaces with one regex search before stripping its pieces with str.strip.
    from policytext.runs import _SPACE

    everything = "".join(map(chr, range(sys.maxunicode + 1)))
    assert set(_SPACE.findall(everything)) == {char for char in everything if char.isspace()}
