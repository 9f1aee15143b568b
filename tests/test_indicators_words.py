"""The word edges a claim's checks read (a unit that ends a word, the noun a count counts, the verb before it).

They come from the body's cut, shared with the other analyses. Before, each check cut the stretch of text
between the clause marks around its position on its own; jieba cuts at those marks anyway, so both give
the same edges, and so the same claims: these properties compare the two on random sentences.
"""

from __future__ import annotations

import re
from bisect import bisect_left

from hypothesis import given, settings
from hypothesis import strategies as st

from policytext import from_text
from policytext.indicators import extract
from policytext.indicators.claims import _core_pattern, _sentence_claims, _Words
from policytext.segment import default_tokenizer

from .helpers import examples

# The clause marks jieba never joins into a word, unless a digit stands beside one (1,000).
_CLAUSE_MARK = re.compile(r"(?<!\d)[，。；：、！？,;:!?](?!\d)")

# What the neighbourhood of a figure is made of: numerals, units, counted nouns, verbs, the marks around
# them, digits with the separators and redaction marks a figure may be written with.
_PIECES = (
    "一", "二", "三", "九", "十", "百", "千", "万", "亿", "个", "人", "家", "项", "次", "元", "%", "名",
    "部门", "项目", "工业", "集中区", "企业", "人口", "开展", "增长", "达到", "到", "团组", "召开", "会议",
    "，", "。", "、", "；", "：", ",", ".", " ", "×", "X", "0", "1", "2", "5", "8",
)
# Figures with their units, so that most sentences hold a candidate claim.
_FIGURES = ("12个", "三次", "5家", "九个", "8万人", "二百人", "3.5%", "1,000元", "××个", "四个")
SENTENCES = st.lists(st.sampled_from(_PIECES) | st.sampled_from(_FIGURES), max_size=24).map("".join)
# The first example loads the tokenizer's dictionary.
CUTS = settings(max_examples=examples(200), deadline=None)


def _stretch_edges(text: str, position: int) -> list[int]:
    """The old definition: the edges of the stretch between the clause marks around ``position``, cut alone."""
    marks = [m.start() for m in _CLAUSE_MARK.finditer(text)]
    k = bisect_left(marks, position)
    start = marks[k - 1] if k else 0
    end = marks[k] if k < len(marks) else len(text)
    return [start + edge for edge in default_tokenizer().segment(text[start:end]).bounds]


class _StretchWords:
    """:class:`_Words`' questions answered the old way, from the stretch around each position cut alone."""

    def __init__(self, text: str) -> None:
        self.text = text

    def is_edge(self, position: int) -> bool:
        return position in _stretch_edges(self.text, position)

    def previous(self, position: int) -> int:
        return max((e for e in _stretch_edges(self.text, position) if e < position), default=0)

    def following(self, position: int, count: int) -> list[int]:
        return [e for e in _stretch_edges(self.text, position) if e > position][:count]


def _body_words(text: str) -> _Words:
    return _Words(default_tokenizer().segment(text).bounds, 0, len(text))


@CUTS
@given(SENTENCES)
def test_each_stretch_cut_alone_has_the_edges_of_the_whole_cut(text):
    bounds = default_tokenizer().segment(text).bounds
    marks = [m.start() for m in _CLAUSE_MARK.finditer(text)]
    for start, end in zip([0, *marks], [*marks, len(text)]):
        alone = [start + edge for edge in default_tokenizer().segment(text[start:end]).bounds]
        assert alone == sorted({start, end, *(edge for edge in bounds if start <= edge <= end)})


@CUTS
@given(SENTENCES, st.data())
def test_words_answer_from_the_whole_cut_as_the_stretch_did(text, data):
    words, old = _body_words(text), _StretchWords(text)
    position = data.draw(st.integers(0, len(text)))
    assert words.is_edge(position) == old.is_edge(position)
    assert words.previous(position) == old.previous(position)
    following, old_following = words.following(position, 3), old.following(position, 3)
    assert following[: len(old_following)] == old_following
    if len(following) > len(old_following):
        # The old stretch ended at a clause mark; the whole cut goes on, the mark a word of its own
        # (which names nothing, so no check reads past it).
        start = old_following[-1] if old_following else position
        assert text[start : following[len(old_following)]] in "，。；：、！？,;:!?"


@CUTS
@given(SENTENCES)
def test_a_sentence_gives_the_same_claims_from_the_whole_cut(text):
    matches = list(_core_pattern().finditer(text))
    new = _sentence_claims(text, matches, words=_body_words(text), protected=[])
    assert new == _sentence_claims(text, matches, words=_StretchWords(text), protected=[])


def test_the_words_of_a_sentence_are_offsets_of_that_sentence():
    # 九个部门 counts organisations, 三个方面 counts for rhetoric: the noun after the unit is read from the
    # body's cut at the second sentence's own offsets.
    table = extract(from_text("全区共有九个部门参加。今年成立九个部门，推进三个方面工作。"))
    assert list(table.raw) == ["九个", "九个"]
    assert list(table.indicator) == ["部门", "部门"]
