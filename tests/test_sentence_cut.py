"""The outline's sentence cut, written for speed, gives what its plain reading gives."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from policytext import outline

from .helpers import examples


def _absorbed_plainly(text, pieces):
    """The rule as first written: whitespace joins the piece before it; a piece of only whitespace joins its neighbour."""
    merged = []
    for a, b, *rest in pieces:
        if merged and not text[a:b].strip():
            merged[-1] = (merged[-1][0], b, *merged[-1][2:])
            continue
        stripped_start = a + (len(text[a:b]) - len(text[a:b].lstrip()))
        if merged and stripped_start > a:
            merged[-1] = (merged[-1][0], stripped_start, *merged[-1][2:])
            a = stripped_start
        merged.append((a, b, *rest))
    return merged


# Every kind of space str.strip() knows, beside text.
_TEXT = st.text(st.sampled_from(list("文。 \t\n\u3000\u00a0\u2028\x1c\x0b")), max_size=24)


@settings(max_examples=examples(400), deadline=None)
@given(text=_TEXT, data=st.data())
def test_whitespace_absorption_is_the_plain_rule(text, data):
    cuts = sorted(set(data.draw(st.lists(st.integers(0, len(text)), max_size=8))) | {0, len(text)})
    pieces = [(a, b, "text") for a, b in zip(cuts, cuts[1:])]
    assert outline._absorb_whitespace(text, pieces) == _absorbed_plainly(text, pieces)
    numbered = [(a, b, "text", n) for n, (a, b) in enumerate(zip(cuts, cuts[1:]))]
    assert outline._absorb_with_paragraphs(text, numbered) == _absorbed_plainly(text, numbered)


@settings(max_examples=examples(300), deadline=None)
@given(text=st.text(st.sampled_from(list("。！？!?\n”a ")), max_size=30))
def test_sentence_breaks_are_runs_of_ends_or_line_breaks(text):
    plain = re.compile("[" + re.escape("".join(sorted(outline.SENTENCE_END))) + "]+|\n")
    assert [m.span() for m in outline._SENTENCE_BREAK.finditer(text)] == [m.span() for m in plain.finditer(text)]
