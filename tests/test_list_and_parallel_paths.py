"""The 、-list cuts and the parallelism template's short cuts find what their plain definitions find.

enumerations cuts a list's first and last item by bisecting the parse's
ordered word edges and reads a run without an inner 等 as one list;
parallelism reuses the fixed parts of members it has already aligned and
gives up on a clause run whose loose first piece cannot open with the shared
start. Each is checked here, on generated texts, against the definition it replaces.
"""

from __future__ import annotations

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from policytext import from_text
from policytext.parsed import parse
from policytext.rhetoric import enumerations as E
from policytext.rhetoric import parallelism as P
from policytext.rhetoric._base import word_test

from .helpers import examples

_SETTINGS = settings(max_examples=examples(150), deadline=None, suppress_health_check=[HealthCheck.too_slow])

# 、-lists with governing words before them, joiners and 等 in them, and heads after them.
_BEFORE = ["通过", "推动", "发挥", "加快发展", "在", "以", "我们要", "围绕", "的", "为", ""]
_ITEM = ["关键技术", "前沿技术", "颠覆性技术", "科技服务", "科技金融", "人才", "产业", "以创新为动力", "知识", "数据", "高校院所", "为主"]
_AFTER = ["", "等新技术", "等等", "和科技金融", "与数据", "及服务", "为主力军", "的突破", "四类", "三个方面", "等新型生产要素替代自然资源"]
_LIST = st.tuples(
    st.sampled_from(_BEFORE), st.lists(st.sampled_from(_ITEM), min_size=2, max_size=5), st.sampled_from(_AFTER)
).map(lambda parts: parts[0] + "、".join(parts[1]) + parts[2])
_LISTS = st.lists(_LIST, min_size=1, max_size=4).map(lambda lists: "，".join(lists) + "。")


def _word_at(text: str, position: int, edges) -> str:
    end = position + 1
    while end < len(text) and end not in edges:
        end += 1
    return text[position:end]


def _cut_left_by_character(text, start, end, edges, reference, stops):
    floor = start
    for b in range(start, end):
        if b in edges and _word_at(text, b, edges) in stops:
            floor = b + len(_word_at(text, b, edges))
    candidates = [b for b in range(floor, end) if b in edges]
    if not candidates:
        return None
    if end - floor <= reference + 1:
        return floor, end
    return min(candidates, key=lambda b: (abs((end - b) - reference), end - b)), end


def _cut_right_by_character(text, start, end, edges, reference, stops, *, joiners):
    reach = max(2 * reference, 6)
    for word in ("等等", "等"):
        at = text.find(word, start, min(end, start + reach + len(word)))
        if at > start and at in edges:
            return [(start, at)]
    limit = end
    for b in range(start + 1, end):
        if b in edges and (word := _word_at(text, b, edges)) in stops:
            if joiners and word in ("以及", "和", "与", "及", "或") and b - start <= reference + 3 and b + len(word) < end:
                return [(start, b), *_cut_right_by_character(text, b + len(word), end, edges, reference, stops, joiners=False)[:1]]
            limit = b
            break
    if limit - start <= reference + 3:
        return [(start, limit)]
    candidates = [b for b in range(start + 1, limit + 1) if b in edges]
    if not candidates:
        return []
    return [(start, min(candidates, key=lambda b: (abs((b - start) - reference), b - start)))]


def _items_by_character(text, pieces, edges, *, exact_first, exact_last):
    """The definition of list_items: every offset of a piece tested for an edge, the word there walked to the next."""
    pieces = list(pieces)
    if len(pieces) < 2:
        return []
    inner = pieces[1:-1]
    if inner:
        reference = sorted(e - s for s, e in inner)[len(inner) // 2]
    else:
        reference = min(4, *(e - s for s, e in pieces))
    stops = E._edge_words() - {_word_at(text, b, edges) for s, e in inner for b in range(s, e) if b in edges}
    first = pieces[0] if exact_first else _cut_left_by_character(text, *pieces[0], edges, reference, stops)
    if first is None:
        return []
    tail = [pieces[-1]] if exact_last else _cut_right_by_character(text, *pieces[-1], edges, reference, stops & E._GOVERNING, joiners=True)
    return [first, *inner, *tail] if tail else []


def _lists_by_character(parsed):
    """Every run's lists, each piece searched for an inner 等 (the definition of _split_at_etc), items by character."""
    text, edges, found = parsed.text, parsed.edges, []
    for run in parsed.phrase_runs:
        current, exact_first = [], run.exact_first
        for index, (s, e) in enumerate(run.pieces):
            at = -1 if index == len(run.pieces) - 1 else next(
                (b for b in range(s + 1, e) if text.startswith("等", b) and b in edges), -1)
            current.append((s, e))
            if at == -1:
                continue
            found.append(_items_by_character(text, current, edges, exact_first=exact_first, exact_last=False))
            rest = at + (2 if text.startswith("等等", at) else 1)
            current, exact_first = ([(rest, e)] if rest < e else []), False
        if current:
            found.append(_items_by_character(text, current, edges, exact_first=exact_first, exact_last=run.exact_last))
    return sorted(tuple(items) for items in found if len(items) >= 2)


@_SETTINGS
@given(body=st.lists(_LISTS, min_size=1, max_size=3).map("".join))
def test_list_items_equal_cutting_character_by_character(body):
    parsed = parse(from_text("同志们：\n" + body))
    lists = sorted(items for kind, items, _, _ in E.find_series(parsed) if kind == "list")
    assert lists == _lists_by_character(parsed)
    event(f"lists found: {min(len(lists), 3)}")


@_SETTINGS
@given(body=_LISTS, bounds=st.tuples(st.integers(0, 80), st.integers(0, 80)))
def test_words_in_a_stretch_are_the_words_at_its_edges(body, bounds):
    parsed = parse(from_text("同志们：\n" + body))
    words, text, edges = E._Words.of(parsed), parsed.text, parsed.edges
    start, end = sorted(min(b, len(text)) for b in bounds)
    assert words.words_in(start, end) == [_word_at(text, b, edges) for b in range(start, end) if b in edges]


def test_a_run_without_an_inner_deng_is_one_list_and_one_with_it_two():
    parsed = parse(from_text("同志们：\n推动知识、技术、数据等新型生产要素替代自然资源、能源等传统要素。发展产业、人才、科技。\n"))
    lists = [[parsed.text[s:e] for s, e in items] for kind, items, _, _ in E.find_series(parsed) if kind == "list"]
    assert lists == [["知识", "技术", "数据"], ["自然资源", "能源"], ["产业", "人才", "科技"]]


# --- parallelism ----------------------------------------------------------------------------

_WORDS = ["创新", "发展", "科技", "产业", "人才", "为", "引领", "支撑", "的", "改革", "以", "新", "技术"]
# Members sharing a character by chance inside a word (化 in 转化/优化/文化), which the template drops.
_CHANCE = st.tuples(st.sampled_from(["科技", "产业", "人才", "以"]), st.sampled_from(["转化", "优化", "文化", "变化"]),
                    st.sampled_from(["成果", "升级", "建设", "为先"])).map("".join)
_MEMBERS = st.one_of(st.lists(st.lists(st.sampled_from(_WORDS), min_size=1, max_size=4).map("".join), min_size=2, max_size=5),
                     st.lists(_CHANCE, min_size=2, max_size=5))


@_SETTINGS
@given(members=_MEMBERS)
def test_fixed_parts_are_the_kept_characters_aligned_again(members):
    # Definition: the kept characters, each member aligned to them afresh, and the parts they form.
    parsed = parse(from_text("同志们：\n" + "、".join(members) + "。"))
    text, edges = parsed.text, parsed.edges
    spans, start = [], text.index(members[0])
    for member in members:
        spans.append((start, start + len(member)))
        start += len(member) + 1
    texts = [text[s:e] for s, e in spans]
    common = P._common_sequence(texts)
    alignments = [P._align(t, common) for t in texts]
    kept = "".join(block for block, first in P._blocks(common, alignments)
                   if len(block) >= 2 or P._keeps(first, common, texts, alignments, spans, edges)) if common else ""
    fixed = P._fixed_parts(text, spans, edges)
    if not kept:
        assert fixed is None
        event("no fixed parts")
        return
    realigned = [P._align(t, kept) for t in texts]
    assert fixed == (kept, realigned, P._blocks(kept, realigned))
    event(f"characters dropped: {kept != common}")


# A loose first piece without the clauses' shared start; those ending in a start's character let the long way open a member.
_OPENERS = st.one_of(st.sampled_from(["同时", "此外", "我们要", "全面发展"]), st.sampled_from(["同时要以", "为此推", "全面坚", "要加", "此外以"]))
_CLAUSE = st.tuples(st.sampled_from(["坚持", "推动", "以", "加快"]), st.lists(st.sampled_from(_WORDS), min_size=1, max_size=4)).map(
    lambda parts: parts[0] + "".join(parts[1])
)
_SENTENCE = st.tuples(_OPENERS, st.lists(_CLAUSE, min_size=3, max_size=6)).map(
    lambda parts: parts[0] + "，" + "，".join(parts[1]) + "。"
)


@_SETTINGS
@given(sentence=_SENTENCE)
def test_a_loose_first_clause_without_the_shared_start_opens_no_group(sentence):
    # fit gives up on it; the long way (open the first member, then the template) finds no group either.
    parsed = parse(from_text("同志们：\n" + sentence))
    text, edges, is_word = parsed.text, parsed.edges, word_test(parsed.tokenizer)
    for run in parsed.clause_runs:
        pieces = list(run.pieces)
        for j in range(P.MIN_MEMBERS - 1, len(pieces) - 1):  # the last piece exact, the first loose
            stretch = pieces[: j + 1]
            prefix = P._common_prefix([text[s:e] for s, e in stretch[1:]])
            s0, e0 = stretch[0]
            if run.exact_first or not prefix or text.find(prefix[0], s0, e0 - 1) != -1:
                continue
            assert P.fit(text, stretch, edges, loose_left=True, loose_right=False, level="clause", is_word=is_word) is None
            settled = stretch[1:]
            fixed = P._fixed_parts(text, settled, edges)
            first = fixed and P._open_start(text, stretch[0], settled, fixed.sequence, edges)
            event(f"first member opened the long way: {bool(first)}")
            if first:
                assert P._template(text, [first, *settled], edges, "clause", is_word) is None


def test_clause_groups_still_open_inside_a_loose_first_piece():
    found = P.parallelisms(from_text("同志们：\n我们要坚持创新引领，坚持人才支撑，坚持改革发展。\n"))
    assert found.members.tolist() == ["坚持创新引领 | 坚持人才支撑 | 坚持改革发展"]
