"""The shared text facts and the one quotation-mark matcher, on short hand-written texts."""

from __future__ import annotations

import pytest

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
