"""Scans that try a pattern only where it can match find exactly what the plain regex finds, for every pattern that uses one."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from policytext import boilerplate, elisions, outline, segment
from policytext.redaction import REDACTION_SCAN
from policytext.scanning import FirstCharacterScan, LiteralPrefilter, first_characters, opening_scan, required_literals

from .helpers import FRAGMENTS, SEED, examples

SCANS = {
    "segment protected": segment._PROTECTED_SCAN,
    "segment protected with quotes": segment._PROTECTED_WITH_QUOTES_SCAN,
    "redaction": REDACTION_SCAN,
    "paragraph gap": outline._PARAGRAPH_GAP_SCAN,
}
# Every character the scanned patterns care about, before and after a match
# (Latin letters next to digits or X, dots inside numbers, each kind of space and quote).
_SPECIAL = list("××✕╳＊○□***XxＸｘAbＡｂ0123456789０１２３４５６７８９.．,，%％‰亿億元万年家项个百分点")
_SPECIAL += list("“”「」『』‘’、。！？；：（）+- \t\r\n\u3000\u00a0!?…" + "\x00")  # NUL: the segmenter's mask, protected where a text holds one
_TEXT = st.lists(
    st.one_of(
        st.text(st.sampled_from(_SPECIAL), max_size=8),
        st.sampled_from(["新质生产力", "1,900亿元", "2,157.8億元", "79.8个百分点", "××", "“卡脖子”", "G20", "5G", "XX市"]),
        st.text(max_size=3),
    ),
    max_size=12,
).map("".join)


def _found(matches):
    return [(m.span(), m.lastgroup, m.group()) for m in matches]


@pytest.mark.parametrize("name", SCANS)
@settings(max_examples=examples(300), deadline=None)
@given(text=_TEXT, data=st.data())
def test_scan_equals_finditer(name, text, data):
    scan = SCANS[name]
    assert _found(scan.finditer(text)) == _found(scan.pattern.finditer(text))
    pos = data.draw(st.integers(0, len(text)))
    endpos = data.draw(st.integers(pos, len(text)))
    assert _found(scan.finditer(text, pos, endpos)) == _found(scan.pattern.finditer(text, pos, endpos))


@pytest.mark.parametrize("name", SCANS)
def test_scan_equals_finditer_on_the_seed(name):
    text = SEED.read_text(encoding="utf-8")
    scan = SCANS[name]
    found = _found(scan.finditer(text))
    assert found == _found(scan.pattern.finditer(text))
    assert found  # the seed has numbers, spaces and redactions: the comparison is not vacuous


def test_a_scan_misses_matches_that_start_elsewhere():
    # The contract the tests above check for each use: leave a start character out and matches go missing.
    scan = FirstCharacterScan(re.compile(r"ab|cd"), "a")
    assert [m.group() for m in scan.finditer("abcdab")] == ["ab", "ab"]


def test_lookbehind_sees_the_text_before_the_candidate():
    scan = FirstCharacterScan(re.compile(r"(?<![A-Za-z0-9])\d+"), "0-9")
    assert [m.span() for m in scan.finditer("G20 与 20")] == [(6, 8)]
    assert [m.span() for m in scan.finditer("G20 与 20", 2)] == [(6, 8)]


# --- literal prefilters and opening scans, read from the patterns -----------------------------

def test_required_literals_of_hand_written_patterns():
    assert required_literals(re.compile(r"此处(已)?隐藏\s*\d+\s*个?字")) == (frozenset({"此处隐藏", "此处已隐藏"}), frozenset({"字"}))
    assert required_literals(re.compile(r"^(首页|主页)\s*[>›»/]")) == (frozenset({"首页", "主页"}), frozenset(">›»/"))
    # A lookbehind consumes nothing: the literals are those of what the match holds.
    assert required_literals(re.compile(r"(?<![\d\w])[—–－]\s+\d{1,4}")) == (frozenset("—–－"),)
    # A string holding another string of its set is left out: the shorter one is always there.
    assert required_literals(re.compile(r"本文档?")) == (frozenset({"本文"}),)
    assert required_literals(re.compile(r"_{3,}")) == (frozenset({"___"}),)


def test_no_literals_where_none_can_be_read():
    for pattern in (r"\d+", r"a*", r"(?:ab)?", r"[^，。]{2,}", r"(?i)www\.", r"(?i:vip)会员", r"(\w)\1", r"."):
        assert required_literals(re.compile(pattern)) == (), pattern


def test_first_characters_skip_lookarounds_and_optional_parts():
    assert first_characters(re.compile(r"(?<=[一二])[（(]x")) == frozenset("（(")
    assert first_characters(re.compile(r"(……)?[(（]?未完")) == frozenset("…(（未")
    assert first_characters(re.compile(r"^(?:首页|登录)")) == frozenset("首登")
    assert first_characters(re.compile(r"a?")) is None  # can match the empty string
    assert first_characters(re.compile(r"\w+")) is None  # a category: unknown
    assert first_characters(re.compile(r"(?i)ab")) is None


def test_opening_scan_only_where_re_cannot_skip():
    assert opening_scan(re.compile(r"第\d+页")).__class__ is re.Pattern  # opens with a literal
    assert opening_scan(re.compile(r"[（(]x")).__class__ is re.Pattern  # opens with a class
    assert isinstance(opening_scan(re.compile(r"(?<!\S)[|｜](?!\S)")), FirstCharacterScan)


def test_prefilter_sees_literals_that_overlap_a_longer_hit():
    # findall reports 本文 and goes on after it: 文档, which starts inside it, must still count.
    prefilter = LiteralPrefilter([re.compile("本文x"), re.compile("文档"), re.compile(r"\d+")])
    assert prefilter.candidates("本文档") == 0b110  # 本文x cannot match; \d+ has no literal, so it always may
    assert prefilter.candidates("本文x") == 0b101
    assert prefilter.candidates("文化", 0, 1) == 0b100


def test_prefilter_needs_every_literal_set():
    prefilter = LiteralPrefilter([re.compile(r"第\s*\d+\s*页\s*共\s*\d+\s*页")])
    assert prefilter.candidates("第2页共18页") == 1
    assert prefilter.candidates("第二个五年计划") == 0


_RULES = tuple(rule for rule in boilerplate.rules() if rule.scope != "page")
_RULE_PIECES = sorted({s for rule in _RULES for strings in required_literals(rule.pattern) for s in strings})
_FURNITURE_TEXT = st.lists(
    st.one_of(
        st.sampled_from(_RULE_PIECES),
        st.sampled_from(FRAGMENTS),
        st.text(st.sampled_from(_SPECIAL + list("_/|｜·•⑴⑵:：字页共第www.com")), max_size=6),
    ),
    max_size=14,
).map("".join)


@settings(max_examples=examples(400), deadline=None)
@given(text=_FURNITURE_TEXT, data=st.data())
def test_prefilter_never_drops_a_rule_that_matches(text, data):
    """Every rule of the boilerplate table that matches a text is among the prefilter's candidates, at any bounds."""
    prefilter = LiteralPrefilter([rule.pattern for rule in _RULES])
    pos = data.draw(st.integers(0, len(text)))
    endpos = data.draw(st.integers(pos, len(text)))
    possible = prefilter.candidates(text, pos, endpos)
    for k, rule in enumerate(_RULES):
        if rule.pattern.search(text, pos, endpos):
            assert possible >> k & 1, (rule.name, rule.pattern.pattern, text)
        assert _found(rule.scan.finditer(text, pos, endpos)) == _found(rule.pattern.finditer(text, pos, endpos))


def test_prefilter_keeps_the_rules_that_match_real_furniture():
    lines = ["当前位置：首页 > 新闻", "此处隐藏1234字", "第2页共18页", "— 3 —", "line-height: 150%; font-family: 宋体",
             "本文由会员分享，仅供参考，如有侵权请联系删除", "首页 | 登录 | 注册", "人民政协报/2024 年/11 月/12 日/第 001 版"]
    prefilter = LiteralPrefilter([rule.pattern for rule in _RULES])
    for line in lines:
        matching = [k for k, rule in enumerate(_RULES) if rule.pattern.search(line)]
        assert matching, line  # the examples are furniture: the check is not vacuous
        assert all(prefilter.candidates(line) >> k & 1 for k in matching), line


@pytest.mark.parametrize("scan", [elisions.PINYIN_ARTEFACT_SCAN, elisions.TONELESS_READING_SCAN,
                                  elisions._WRAP_SPACE_SCAN, elisions._LINE_START_SCAN])
@settings(max_examples=examples(200), deadline=None)
@given(text=st.lists(st.sampled_from(["實", "(shí)", "（hui）", "(hui)", "(AI)", " ", "\u00a0", "\n", "。", "”", "新质", "a"]),
                     max_size=14).map("".join))
def test_elision_scans_equal_finditer(scan, text):
    assert _found(scan.finditer(text)) == _found(scan.pattern.finditer(text))


@settings(max_examples=examples(200), deadline=None)
@given(text=st.lists(st.sampled_from(["2024", "1999", "2035", "12", "1", "3", "年", "月", "日", "到", "至", "底", "新质", "\n"]),
                     max_size=14).map("".join))
def test_named_date_scan_equals_finditer(text):
    from policytext import dating

    assert _found(dating._NAMED_DATE_SCAN.finditer(text)) == _found(dating._NAMED_DATE.finditer(text))


@settings(max_examples=examples(200), deadline=None)
@given(text=st.lists(st.sampled_from(["實", "(shí)", "（hui）", "(hui)", " ", "\u00a0", "\n", "。", "新质", "a", "\t", "\u3000"]),
                     max_size=14).map("".join), data=st.data())
def test_a_few_first_characters_are_found_one_literal_at_a_time(text, data):
    # Scans with up to four first characters search each as a literal; with more, the class.
    few = [elisions.PINYIN_ARTEFACT_SCAN, elisions._LINE_START_SCAN, outline._PARAGRAPH_GAP_SCAN]
    assert all(scan._literals for scan in few) and not REDACTION_SCAN._literals
    pos = data.draw(st.integers(0, len(text)))
    endpos = data.draw(st.integers(pos, len(text)))
    for scan in few:
        assert _found(scan.finditer(text, pos, endpos)) == _found(scan.pattern.finditer(text, pos, endpos))
