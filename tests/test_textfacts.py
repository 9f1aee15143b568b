"""The shared text facts and the one quotation-mark matcher, on short hand-written texts."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from policytext import resources
from policytext.errors import PolicytextError
from policytext.sections import per_1000, text_size
from policytext.textfacts import (
    CLOSERS,
    HAN_CHAR,
    QUOTE_PAIRS,
    TERMINAL,
    innermost,
    match_quotations,
    straight_pairs,
)


def spans(text, **options):
    return [(s.start, s.end, s.depth, s.parent) for s in match_quotations(text, **options)]


def test_nested_pairs_outer_first_with_depth_and_parent():
    text = "他说“要‘投早’，要《规划》”。"
    assert spans(text) == [(2, 15, 0, None), (4, 8, 1, 0), (10, 14, 1, 0)]


def test_unclosed_opener_dropped_with_what_opened_after_it():
    assert spans("“甲‘乙”丙") == [(0, 5, 0, None)]
    assert spans("”甲“乙") == []


def test_max_length_drops_a_far_pair():
    text = "“" + "字" * 20 + "”"
    assert spans(text, max_length=10) == []
    assert len(spans(text, max_length=30)) == 1


def test_breaks_forget_open_marks_and_straight_quotes_pair():
    text = "“甲\n乙”"
    assert spans(text) == [(0, 5, 0, None)]
    assert spans(text, breaks=[3]) == []
    assert spans('说"好"。', straight=True) == [(1, 4, 0, None)]
    assert spans('说"好"。') == []


def test_straight_quotes_pair_in_chinese_text_only_where_unambiguous():
    assert spans('坚持"四高"要求，对"四高"有认识。', straight=True) == [(2, 6, 0, None), (10, 14, 0, None)]
    # Odd on a line: one mark is stray and nothing tells which, so that line pairs none; the next line still pairs.
    assert spans('对"四高"要求和"五好\n说"好"。', straight=True) == [(13, 16, 0, None)]
    # Quotes in Latin text or code are not Chinese quotation marks.
    assert spans('代码 x="1" y="2" 完', straight=True) == []
    # Inside curly quotes a straight pair nests.
    assert spans('“要"四高"”', straight=True) == [(0, 7, 0, None), (2, 6, 1, 0)]
    assert straight_pairs('说"好"。', 0) == [(1, 4)]


@given(st.text(alphabet='"“”甲乙a \n，', max_size=40))
def test_straight_pairs_are_ordered_disjoint_and_within_a_line(text):
    pairs = straight_pairs(text)
    assert all(text[a] == '"' == text[b - 1] and "\n" not in text[a:b] for a, b in pairs)
    assert all(b1 <= a2 for (_, b1), (a2, _) in zip(pairs, pairs[1:]))
    # Every pair is also a span of the matcher, which never fails on any text.
    assert set(pairs) <= {(s.start, s.end) for s in match_quotations(text, straight=True)}


def test_innermost_and_quote_only_pairs():
    found = match_quotations("“甲“乙”丙”《书》", pairs=QUOTE_PAIRS)
    assert [(s.start, s.end) for s in innermost(found)] == [(2, 5)]


def test_character_classes():
    assert HAN_CHAR.search("abc中") and not HAN_CHAR.search("abc，。")
    assert "”" in CLOSERS and "。" not in CLOSERS
    assert set("。！？；") <= set(TERMINAL) and "，" not in TERMINAL


def test_size_and_rate():
    assert text_size("科技 创新\n。") == 5
    assert per_1000(3, 1500) == 2.0
    assert per_1000(3, 0) == 0.0


def test_package_data_loader_names_the_file_and_line(monkeypatch):
    assert resources.data_table("rhetoric_leaders.tsv", ("name", "category", "canonical", "ambiguous"), required=3)[0]["name"]
    assert "同志" not in resources.word_list("openers.txt")[:0]
    with pytest.raises(PolicytextError, match="no_such_file.tsv"):
        resources.data_text("no_such_file.tsv")
    monkeypatch.setattr(resources, "data_text", lambda name: "# c\na\tb\nonly-one\n")
    with pytest.raises(PolicytextError, match="x.tsv: line 3"):
        resources.data_table("x.tsv", ("a", "b"))
