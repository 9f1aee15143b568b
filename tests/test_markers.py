"""One definition of the heading markers: the outline, the loader's repeated-line check and the wrap rule agree."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from policytext import boilerplate, elisions, markers, outline
from policytext.normalize import normalize

from .helpers import examples

# One heading line per family, as it stands at the start of a line.
HEADINGS = {
    "chapter": "第一章 总则",
    "aspect": "第一个方面：提高认识",
    "part": "一、总体要求",
    "section": "（二）指导思想",
    "point": "3.加强组织领导",
    "decimal": "1.1 编制目的",
    "subpoint": "（1）完善机制",
    "ordinal": "第一，要提高站位",
    "item": "一是加强学习",
}
BARE = "一 调研背景"
# Lines that open with a numeral but no marker.
NOT_HEADINGS = ["一个时期以来", "1.5亿元投向", "第一次全体会议", "统一思想", "2024年工作", "十分重要", "一是否可行"]


def _opens_a_family(line: str) -> bool:
    return any(family.pattern.match(normalize(line)) for family in outline.FAMILIES)


def _boilerplate_heading(line: str) -> bool:
    return boilerplate._HEADING_LINE.match(normalize(line + "\n")) is not None


def _paragraph_opening(line: str) -> bool:
    return elisions._PARAGRAPH_OPENING.match(normalize(line)) is not None


def test_the_outline_uses_the_one_definition():
    assert outline.FAMILIES is markers.FAMILIES
    assert {family.name for family in markers.FAMILIES} == set(HEADINGS)


@pytest.mark.parametrize("name", HEADINGS)
def test_every_family_is_a_heading_to_all_three(name):
    line = HEADINGS[name]
    family = next(f for f in markers.FAMILIES if f.name == name)
    assert family.pattern.match(normalize(line)), line
    assert _boilerplate_heading(line) and _paragraph_opening(line), line


def test_bare_marker_and_ascii_forms_are_headings_to_all_three():
    for line in (BARE, "(一)指导思想", "１．总则", "(1)完善机制"):
        assert _opens_a_family(line) and _boilerplate_heading(line) and _paragraph_opening(line), line


@pytest.mark.parametrize("line", NOT_HEADINGS)
def test_numerals_without_a_marker_are_headings_to_none(line):
    assert not _opens_a_family(line)
    assert not _boilerplate_heading(line)
    assert not _paragraph_opening(line)


def test_a_repeated_heading_line_is_no_running_header():
    # 一是加强学习 repeated at page-like intervals: an item marker opens it, so it stays text.
    filler = "这是正文的一句话，讲的是工作的安排和要求。" * 12
    page = "标题\n" + "".join(f"{filler}\n一是加强学习\n" for _ in range(4)) + filler + "\n"
    kinds = {span.kind for span in boilerplate.split_page(page).boilerplate}
    assert "running_header" not in kinds
    page = page.replace("一是加强学习", "某某网站首页")
    assert "running_header" in {span.kind for span in boilerplate.split_page(page).boilerplate}


# The families open with a class (\d\d?, not \d{1,2}) so that re skips ahead; the forms match alike.
_PLAIN = {
    "part": r"(?P<num>[一二三四五六七八九十]{1,3})(?:、|(?P<bare>[ \t\u3000]+)(?=[\u4e00-\u9fff]))",
    "point": r"(?P<num>\d{1,2})(?:\.(?!\d)|、)",
    "decimal": r"\d{1,2}\.(?P<num>\d{1,2})(?![\d.])(?![ \t]*[%％万亿千百个元年月日倍])",
    "item": r"(?P<num>[一二三四五六七八九十]{1,2})是(?!否|非|指)",
}


@pytest.mark.parametrize("name", _PLAIN)
@settings(max_examples=examples(300), deadline=None)
@given(text=st.text(st.sampled_from(list("一二三十是否、. \t\u3000123450国%年\n")), max_size=30))
def test_class_first_forms_match_as_the_plain_ones(name, text):
    family = next(f for f in markers.FAMILIES if f.name == name)
    found = [(m.span(), m.groupdict()) for m in family.pattern.finditer(text)]
    assert found == [(m.span(), m.groupdict()) for m in re.compile(_PLAIN[name]).finditer(text)]


def test_sentence_table_types_are_those_pandas_infers():
    """The sentence table is built with its types given (faster); they are the ones pandas infers from the values."""
    import pandas as pd

    from policytext.document import from_text

    frame = from_text("一、总体要求\n我们要加强学习。“好。”\n").sentences
    inferred = pd.DataFrame({column: list(frame[column]) for column in frame.columns})
    assert dict(frame.dtypes) == dict(inferred.dtypes)
    assert frame.equals(inferred)
    # Without rows every column keeps the object dtype, as a table built from no rows has.
    assert {str(dtype) for dtype in from_text("您好，欢迎访问三七文档\n").sentences.dtypes} == {"object"}
