"""The detectors' shortcuts find exactly what testing every candidate one by one finds.

four_character scans for repeated characters and frames in C and tests idioms
only at word edges; parallelism tries only the stretches of clauses that open
with the same character. Each is checked here against the plain definition on
generated texts built from the pieces those rules are about.
"""

from __future__ import annotations

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from policytext import from_text
from policytext.rhetoric import find_four_character
from policytext.rhetoric import parallelism as P
from policytext.parsed import parse
from policytext.rhetoric._base import word_test
from policytext.rhetoric.four_character import (
    _DOUBLED,
    _names,
    jieba_idioms,
    pattern_of,
    tag_table,
)
from policytext.segment import default_tokenizer

from .helpers import examples

_PIECES = [
    "扎扎实实", "研究研究", "善作善成", "投早投小", "苦干实干", "先立后破", "稳中求进", "以进促稳", "多措并举",
    "边学边改", "既要又要", "有进有退", "不折不扣", "因地制宜", "旗帜鲜明", "实事求是", "中共中央", "科技自立自强",
    "四个善作善成", "新质生产力", "发展", "创新", "推动", "坚持", "加快", "建设", "中国", "中国式现代化",
    "，", "、", "。", "；", "：", "“", "”", "要", "的", "和", "是", "在", "有", "不", "先", "后", "中", "以", "促",
]
_TEXT = st.lists(st.sampled_from(_PIECES), min_size=1, max_size=40).map("".join)
_SETTINGS = settings(max_examples=examples(150), deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _four_character_one_by_one(document, tokenizer) -> list[tuple[int, str]]:
    """The definition: every four characters between word edges, in order, non-overlapping (raw offsets)."""
    parsed = parse(document, tokenizer=tokenizer)
    text, start, end = parsed.text, parsed.start, parsed.end
    edges = parsed.edges
    lexicon_ends = {
        start + token.end - 4
        for token in tokenizer.tokenize(text[start:end])
        if len(token.text) > 4 and token.text in tokenizer.lexicon
    }
    idioms, tags = jieba_idioms(), tag_table(tokenizer)
    found, floor = [], start
    for position in range(start, end - 3):
        if position < floor or position + 4 not in edges:
            continue
        chars = text[position : position + 4]
        pattern = pattern_of(chars) or ("idiom" if chars in idioms else None)
        if pattern is None:
            continue
        if position not in edges and (pattern not in _DOUBLED or position not in lexicon_ends):
            continue
        if pattern in _DOUBLED and _names(chars, tags):
            continue
        found.append((parsed.to_raw(position, position + 4)[0], pattern))
        floor = position + 4
    return found


@_SETTINGS
@given(body=_TEXT)
def test_four_character_equals_testing_every_stretch(body):
    tokenizer = default_tokenizer()
    document = from_text("同志们：\n" + body)
    table = find_four_character(document)
    assert list(zip(table.start.tolist(), table.pattern.tolist())) == _four_character_one_by_one(document, tokenizer)


def _groups_trying_every_stretch(text, run, edges, level, min_members, is_word):
    """_groups_in_run without the shared-start shortcut: every stretch, longest first."""
    pieces, found, i = list(run.pieces), [], 0
    while i <= len(pieces) - min_members:
        for j in range(len(pieces) - 1, i + min_members - 2, -1):
            group = P.fit(text, pieces[i : j + 1], edges, loose_left=i == 0 and not run.exact_first,
                          loose_right=j == len(pieces) - 1 and not run.exact_last, level=level,
                          min_members=min_members, is_word=is_word)
            if group:
                found.append(group)
                i = j + 1
                break
        else:
            i += 1
    return found


_WORDS = ["创新", "发展", "科技", "产业", "人才", "为", "引领", "支撑", "的", "、", "改革"]
# Clauses open with one of a few words, so that runs of clauses sharing a start (the templates) are common.
_CLAUSE = st.tuples(st.sampled_from(["坚持", "推动", "以", "加快"]), st.lists(st.sampled_from(_WORDS), min_size=1, max_size=4)).map(
    lambda parts: parts[0] + "".join(parts[1])
)
# 、-lists whose items often share a start or an end (新产业、新模式、新动能; 科技创新、制度创新).
_ITEM = st.one_of(
    st.tuples(st.sampled_from(["新", "高", "强"]), st.sampled_from(["产业", "模式", "动能", "科技", "人才"])).map("".join),
    st.tuples(st.sampled_from(["科技", "制度", "管理", "人才"]), st.sampled_from(["创新", "改革", "支撑"])).map("".join),
    st.sampled_from(_WORDS[:5]),
)
_LIST = st.tuples(st.sampled_from(["推动", "加快", "坚持"]), st.lists(_ITEM, min_size=2, max_size=6)).map(
    lambda parts: parts[0] + "、".join(parts[1])
)
_CLAUSES = st.lists(st.one_of(_CLAUSE, _LIST), min_size=2, max_size=8).map(lambda clauses: "，".join(clauses) + "。")


@_SETTINGS
@given(sentences=st.lists(_CLAUSES, min_size=1, max_size=3))
def test_parallelism_equals_trying_every_stretch(sentences):
    tokenizer = default_tokenizer()
    document = from_text("同志们：\n" + "".join(sentences))
    parsed = parse(document, tokenizer=tokenizer)
    text, edges, is_word = parsed.text, parsed.edges, word_test(tokenizer)
    for level, runs in (("phrase", parsed.phrase_runs), ("clause", parsed.clause_runs)):
        for run in runs:
            groups = P._groups_in_run(text, run, edges, level, P.MIN_MEMBERS, is_word)
            assert groups == _groups_trying_every_stretch(text, run, edges, level, P.MIN_MEMBERS, is_word)
            event(f"{level} groups found: {bool(groups)}")


def test_the_generated_texts_do_form_groups_of_both_levels():
    # The property above is only worth something if its texts hold groups.
    document = from_text("同志们：\n坚持创新引领，坚持人才支撑，坚持改革发展。推动新产业、新模式、新动能。")
    assert set(P.parallelisms(document).level) == {"clause", "phrase"}


def test_payload_items_are_each_series_rows_of_the_item_table():
    # The plain definition the one-pass grouping replaces: filter the item table by series.
    from policytext.rhetoric.report import rhetoric_payload, rhetoric_tables

    text = (
        "标题\n同志们：\n今年要抓好三个方面：一是稳增长；二是促改革；三是惠民生。"
        "要发展关键技术、前沿技术、颠覆性技术等新技术。推动知识、技术、数据等新型生产要素流动。\n"
    )
    document = from_text(text)
    items = rhetoric_tables(document)["enumerations"]
    payload = rhetoric_payload(document)
    assert len(payload["enumerations"]) >= 3 and len(items) >= 9
    for series in payload["enumerations"]:
        rows = items[items.enumeration == series["enumeration"]]
        expected = [{"text": r.text, "start": int(r.start), "end": int(r.end)} for r in rows.itertuples()]
        assert series["items"] == expected and series["items"]
    assert sum(len(s["items"]) for s in payload["enumerations"]) == len(items)


# A body with elisions (inline pinyin, a line-wrap break), so that view and raw offsets differ.
_ELIDED = from_text("标题\n同志们：\n我们要打好攻堅戰(zhàn)，实現(xiàn)新质生产\n力的发展。\n二、继续推进\n改革开放。\n")


@_SETTINGS
@given(spans=st.lists(st.tuples(st.integers(0, 60), st.integers(0, 8)), max_size=12))
def test_span_columns_are_the_span_rows_of_each_span(spans):
    parsed = parse(_ELIDED)
    assert not parsed.view.is_identity  # the property is about the mapping through elisions
    size = len(parsed.text)
    spans = [(min(s, size), min(s + n, size)) for s, n in spans]
    columns = parsed.span_columns(spans)
    rows = [parsed.span_row(s, e) for s, e in spans]
    assert [dict(zip(columns, values)) for values in zip(*columns.values())] == rows


@_SETTINGS
@given(found=st.lists(st.tuples(st.integers(0, 40), st.integers(1, 6), st.sampled_from(["counted", "structural"])), max_size=20))
def test_formulas_without_overlaps_equals_comparing_with_every_chosen_one(found):
    from policytext.rhetoric.formulas import _without_overlaps

    items = [(s, s + n, kind, "2", "") for s, n, kind in found]
    chosen = []  # the definition: the longer wins, then the earlier; a formula overlapping a chosen one is dropped
    for item in sorted(items, key=lambda f: (-(f[1] - f[0]), f[0])):
        if all(item[1] <= other[0] or other[1] <= item[0] for other in chosen):
            chosen.append(item)
    assert _without_overlaps(items) == sorted(chosen)


def test_a_compound_formula_takes_the_extent_of_the_innermost_quotation():
    from policytext.rhetoric import find_formulas

    quoted = find_formulas(from_text("同志们：\n推广“建设‘创新平台+企业孵化’的模式”。\n"))
    assert quoted[quoted.kind == "compound"].text.tolist() == ["创新平台+企业孵化"]
    unquoted = find_formulas(from_text("同志们：\n要建设创新平台+企业孵化的模式。\n"))
    assert "compound" not in set(unquoted.kind)
