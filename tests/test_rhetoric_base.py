"""What the detectors share: choosing among overlapping term hits."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from policytext.rhetoric._base import find_terms, leftmost_longest

from .helpers import examples

_HITS = st.lists(st.tuples(st.integers(0, 30), st.integers(1, 6), st.integers(0, 3)), max_size=25).map(
    lambda hits: [(start, start + length, value) for start, length, value in hits]
)


@settings(max_examples=examples(300), deadline=None)
@given(hits=_HITS)
def test_leftmost_longest_takes_the_earliest_then_the_longest_of_what_is_left(hits):
    # The definition: in order of (start, longest first), keep each hit that starts after the last kept one ends.
    expected, position = [], -1
    for hit in sorted(hits, key=lambda hit: (hit[0], -(hit[1] - hit[0]))):
        if hit[0] >= position:
            expected.append(hit)
            position = hit[1]
    assert leftmost_longest(hits) == expected


def test_overlapping_terms_keep_the_longest_at_the_earliest_start():
    text = "坚持新质生产力发展，发展新质生产力"
    hits = find_terms(text, {"新质生产力": "long", "新质": "short", "生产力发展": "other"}, offset=100)
    assert sorted(hits) == [(102, 104, "short"), (102, 107, "long"), (104, 109, "other"), (112, 114, "short"), (112, 117, "long")]
    assert leftmost_longest(hits) == [(102, 107, "long"), (112, 117, "long")]
