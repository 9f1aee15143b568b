"""Crafted input cannot make the clause trimming quadratic (issue 15, defect 6).

Long runs of spaces or combining marks inside or at the edge of a clause: the
clause cores must come out the same as a plain rule says, each example within
a time budget (the old trailing-edge search took 150 s on 100,000 spaces).
"""

from __future__ import annotations

import re
import time
from datetime import timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from policytext import from_text
from policytext.compare.clauses import _core, split_clauses

RUN_CHARACTERS = [" ", "\u3000", "\u0301", "\u200b", "\t", "—", "“"]
words = st.sampled_from(["推动", "高质量发展", "新质生产力", "科技创新", "一、", "（二）", "，", "。", "：", "”"])
runs = st.builds(lambda char, length: char * length, st.sampled_from(RUN_CHARACTERS), st.integers(1, 20_000))
texts = st.lists(st.one_of(words, runs), min_size=1, max_size=12).map(lambda parts: "同志们：\n" + "".join(parts) + "。")


def edge(char: str) -> bool:
    return not char.isalnum()  # what [\s\W_] matches


@settings(max_examples=25, deadline=timedelta(seconds=3), suppress_health_check=list(HealthCheck))
@given(texts)
def test_clause_cores_are_trimmed_in_linear_time(text):
    document = from_text(text)
    for clause in split_clauses(document):
        core = document.raw[clause.start : clause.end]
        assert core == clause.text and core
        assert not edge(core[0]) or core[0] in "“×", core
        assert not edge(core[-1]) or core[-1] in "”×", core


_OLD_EDGE = re.compile(r"^[\s\W_]+|[\s\W_]+$")


def old_trim(piece: str) -> tuple[int, int]:
    """The former (quadratic) trimming, kept here as the specification on short pieces."""
    lead = _OLD_EDGE.match(piece)
    offset = lead.end() if lead else 0
    trail = _OLD_EDGE.search(piece[offset:])
    stop = len(piece) - (len(trail.group()) if trail and trail.end() == len(piece) - offset else 0)
    return offset, max(offset, stop)


@given(st.text(alphabet=st.sampled_from(["推", "动", "a", "1", "_", " ", "\u0301", "，", "“", "”", "\u3000", "×"]), max_size=20))
def test_the_trimming_is_the_former_rule(piece):
    norm = piece  # no marker, no quotation repair for these: compare the edge trimming itself
    start, end = _core(norm, 0, len(norm))
    expected = old_trim(piece)
    if norm[expected[0] : expected[1]].count("“") == norm[expected[0] : expected[1]].count("”"):
        assert (start, end) == expected


@pytest.mark.parametrize("run", [" " * 100_000, "\u0301" * 100_000, "\u3000" * 100_000])
@pytest.mark.parametrize("where", ["inside", "end"])
def test_a_clause_with_100000_edge_characters_is_fast(run, where):
    text = "同志们：\n一、总体要求\n我们要推动" + (run + "高质量发展。" if where == "inside" else "高质量发展" + run + "。")
    document = from_text(text)
    started = time.monotonic()
    found = split_clauses(document)
    assert time.monotonic() - started < 2
    last = found[-1].text
    assert last.endswith("高质量发展") and last.startswith("我们要推动")
