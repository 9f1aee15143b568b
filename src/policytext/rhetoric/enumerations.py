"""Enumerations: numbered series from the outline ((一)(二)…, 一是/二是…) and 、-lists, with their head.

Numbered series come from the document's outline, which already tells a
marker in running text from a heading (a 一是 counts only after a sentence end
or a colon, and only if its number continues the series). Every parent's
children of one marker family form one series. Its ``shared_head`` is the sentence
before the first item when that sentence announces a list (it ends with a
colon or says 包括/如下/以下/N个方面); ``announced`` is the number it names
(主要包括三个方面 → 3), so a series that falls short of its announcement shows.

A 、-list is a run of phrases separated by 、 inside one clause. Items between
two 、 are exact. The first item is cut from the words before it, and the
last from the words after it, at word edges, to about the length of the exact
items (通过|关键技术、前沿技术、颠覆性技术|等“新技术”); a last item joined by
和/与/及/以及 is split off (成果转化、科技服务|和|科技金融). Its ``shared_head`` is
the category named after 等 (…等|新型生产要素), and ``announced`` a count
right after the list (高校院所、行业、区域、服务|四类…).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache
from itertools import islice
from typing import TYPE_CHECKING

import pandas as pd

from ..outline import marker_number
from ..parsed import ParsedDocument, as_parsed
from ._base import frame, span_frame

if TYPE_CHECKING:
    from ..document import Document
    from ..outline import Section
    from ..segment import Tokenizer

ENUMERATION_COLUMNS = ("enumeration", "kind", "section", "sentence", "start", "end", "length", "shared_head", "announced", "items")
ITEM_COLUMNS = ("enumeration", "item", "section", "sentence", "start", "end", "text")
# The series' own columns that enumeration_items_with_series sets beside each item.
_SERIES_COLUMNS = ("kind", "length", "shared_head", "announced")

_ANNOUNCING = re.compile(r"[：:]\s*$|包括|如下|以下|[两二三四五六七八九十]+(?:个方面|方面|项|点)")
_ANNOUNCED_COUNT = re.compile(r"([两二三四五六七八九十]+)(?:个|项|大|条|点|类|种|方面)")
_JOINERS = ("以及", "和", "与", "及", "或")
_ETC = ("等等", "等")
_HEAD_STOPS = frozenset("的在为中是，。；：、")
_GOVERNING = frozenset({"通过", "围绕", "包括", "具有", "发挥", "引育", "形成", "取得", "其中", "以", "为", "在", "对", "把", "向", "从", "将", "使", "让", "和", "与", "及", "以及", "或", "等", "的", "是"})
_MAX_HEAD = 10
# Parts of speech a category noun phrase is made of (jieba tags).
_NOMINAL = ("n", "b", "vn", "l", "j", "a", "an", "s")
#: One enumeration: kind (a marker family or "list"), item spans of the parse's text, shared head, announced count.
Series = tuple[str, tuple[tuple[int, int], ...], str, "int | None"]


def find_enumerations(source: Document | ParsedDocument, *, tokenizer: Tokenizer | None = None,
                      series: tuple[Series, ...] | None = None) -> pd.DataFrame:
    """One row per series or list: kind, span of the whole series, length, head, announced count, items joined by " | ".

    ``series``: what :func:`find_series` returned for this parse, when the caller has it already.
    """
    parsed = as_parsed(source, tokenizer)
    series = find_series(parsed) if series is None else series
    rows = []
    locator = parsed.locator
    for number, (kind, items, head, announced) in enumerate(series):
        start, end = parsed.to_raw(items[0][0], items[-1][1])
        section, sentence = locator.where(start)
        rows.append(
            {
                "enumeration": number,
                "kind": kind,
                "section": section,
                "sentence": sentence,
                "start": start,
                "end": end,
                "length": len(items),
                "shared_head": head,
                "announced": announced,
                "items": " | ".join(parsed.raw_text(s, e) for s, e in items),
            }
        )
    table = frame(rows, ENUMERATION_COLUMNS, ints=("enumeration", "sentence", "start", "end", "length"))
    table["announced"] = table["announced"].astype("Int64")
    return table


def enumeration_items(source: Document | ParsedDocument, *, tokenizer: Tokenizer | None = None) -> pd.DataFrame:
    """One row per item of every enumeration, with its own span."""
    parsed = as_parsed(source, tokenizer)
    rows = []
    for number, (_, items, _, _) in enumerate(find_series(parsed)):
        for index, (start, end) in enumerate(items, 1):
            rows.append(parsed.span_row(start, end, enumeration=number, item=index))
    return frame(rows, ITEM_COLUMNS, ints=("enumeration", "item", "sentence", "start", "end"))


def enumeration_items_with_series(source: Document | ParsedDocument, *, tokenizer: Tokenizer | None = None,
                                  series: tuple[Series, ...] | None = None) -> pd.DataFrame:
    """:func:`enumeration_items` with each item's series columns (kind, length, shared_head, announced) beside it.

    The same table as joining the two on ``enumeration``, made in one pass: the
    report of every detector asks for it on each document. ``series`` as in :func:`find_enumerations`.
    """
    parsed = as_parsed(source, tokenizer)
    spans: list[tuple[int, int]] = []
    columns: dict[str, list] = {name: [] for name in ("enumeration", "item", *_SERIES_COLUMNS)}
    for number, (kind, items, head, announced) in enumerate(find_series(parsed) if series is None else series):
        spans.extend(items)
        columns["enumeration"].extend([number] * len(items))
        columns["item"].extend(range(1, len(items) + 1))
        columns["kind"].extend([kind] * len(items))
        columns["length"].extend([len(items)] * len(items))
        columns["shared_head"].extend([head] * len(items))
        columns["announced"].extend([announced] * len(items))
    return span_frame(parsed, spans, ITEM_COLUMNS + _SERIES_COLUMNS, ints=("enumeration", "item", "sentence", "start", "end", "length"),
                      dtypes={"announced": "Int64"}, **columns)


def find_series(parsed: ParsedDocument) -> tuple[Series, ...]:
    """Every numbered series and 、-list of the parse, in reading order: ``(kind, items, shared_head, announced)``.

    Items are spans of the parse's text. Both enumeration tables are made from it; a caller making both
    (the analysis object) finds the series once and passes them on.
    """
    found = list(_outline_series(parsed)) + list(_list_series(parsed))
    ordered = sorted(found, key=lambda series: (series[1][0][0], series[1][-1][1]))
    return tuple((kind, tuple(items), head, announced) for kind, items, head, announced in ordered)


def _outline_series(parsed: ParsedDocument):
    """Series of outline siblings; the outline's raw offsets become offsets of the parse's text."""
    document = parsed.document
    raw = document.raw
    sentences = document.sentences
    # Sentences tile the document in order, so those ending before a point are a prefix.
    starts, ends = sentences.start.tolist(), sentences.end.tolist()
    for parent_children in _sibling_groups(document.outline.sections):
        by_family: dict[str, list[Section]] = {}
        for child in parent_children:
            by_family.setdefault(child.family, []).append(child)
        for family, members in by_family.items():
            if len(members) < 2:
                continue
            items = [(parsed.from_raw(m.start), parsed.from_raw(max(m.heading_end, m.title_end))) for m in members]
            before = bisect_right(ends, members[0].start)
            head, announced = "", None
            if before:
                start, end = starts[before - 1], ends[before - 1]
                if _ANNOUNCING.search(document.norm[start:end]):
                    head = raw[start:end].strip()
                    announced = _count_in(document.norm[start:end])
            yield family, items, head, announced


def _sibling_groups(sections):
    yield [s for s in sections if s.level > 0]
    for section in sections:
        stack = [section]
        while stack:
            node = stack.pop()
            if node.children:
                yield list(node.children)
                stack.extend(node.children)


def _count_in(text: str) -> int | None:
    matches = _ANNOUNCED_COUNT.findall(text)
    if not matches:
        return None
    return marker_number(matches[-1].replace("两", "二"))


def _list_series(parsed: ParsedDocument):
    text, tokenizer = parsed.text, parsed.tokenizer
    words = _Words.of(parsed)
    for run in parsed.phrase_runs:
        for pieces, exact_first, exact_last in _split_at_etc(text, run, words):
            items = list_items(text, pieces, words, exact_first=exact_first, exact_last=exact_last)
            if len(items) < 2:
                continue
            last_end = items[-1][1]
            head = _head_after(text, last_end, pieces[-1][1], tokenizer)
            announced = None
            following = _ANNOUNCED_COUNT.match(text, last_end)
            if following:
                announced = _count_in(following.group())
            yield "list", items, parsed.raw_text(*head) if head else "", announced


@dataclass(frozen=True, slots=True)
class _Words:
    """The parse's word edges, as a set (is this offset an edge?) and in order (which words lie in a piece?).

    The cuts below look at the words of a piece: bisecting the ordered edges
    visits each word once, where stepping through the piece character by
    character tested every offset and walked on to the next edge for each word.
    """

    text: str
    edges: frozenset[int]
    ordered: tuple[int, ...]  # the text's end is one, so every edge before it has a next one

    @classmethod
    def of(cls, parsed: ParsedDocument) -> _Words:
        # The words tile the body in order, so their bounds are its edges, sorted (shifted by where the body starts).
        bounds = parsed.segmentation.bounds
        return cls(parsed.text, parsed.edges, bounds if not parsed.start else tuple(parsed.start + b for b in bounds))

    def __contains__(self, offset: int) -> bool:
        return offset in self.edges

    def words_in(self, start: int, end: int) -> list[str]:
        """The words that start at ``start <= offset < end`` (the last may run past ``end``)."""
        ordered, text = self.ordered, self.text
        return [text[ordered[i] : ordered[i + 1]] for i in range(bisect_left(ordered, start), bisect_left(ordered, end))]


def _split_at_etc(text: str, run, words: _Words):
    """A run holding two lists (知识、技术、数据等新型生产要素替代自然资源、能源等…) split after each inner 等."""
    if text.find("等", run.pieces[0][0], run.pieces[-1][0]) == -1:
        # No 等 before the last piece (most runs): the run is one list, as the loop below would find.
        yield run.pieces, run.exact_first, run.exact_last
        return
    current: list[tuple[int, int]] = []
    exact_first = run.exact_first
    for index, (s, e) in enumerate(run.pieces):
        at = -1 if index == len(run.pieces) - 1 else _etc_at(text, s, e, words)
        current.append((s, e))
        if at == -1:
            continue
        # This piece ends one list (cut at its 等 later) and starts the next.
        yield current, exact_first, False
        rest = at + (2 if text.startswith("等等", at) else 1)
        current = [(rest, e)] if rest < e else []
        exact_first = False
    if current:
        yield current, exact_first, run.exact_last


def _etc_at(text: str, start: int, end: int, words: _Words) -> int:
    at = text.find("等", start, end)
    while at != -1:
        if at in words and at > start:
            return at
        at = text.find("等", at + 1, end)
    return -1


@lru_cache(maxsize=1)
def _edge_words() -> frozenset[str]:
    # A list item does not begin with the verb or preposition that governs the
    # list (通过|关键技术、…, 发挥|海河产业基金、…) nor run past one (…企业|为主力军).
    from .directives import directive_lexicon

    return frozenset(e.term for e in directive_lexicon() if e.category == "directive") | _GOVERNING


def list_items(text: str, pieces, words: _Words, *, exact_first: bool = False, exact_last: bool = False) -> list[tuple[int, int]]:
    """The items of a 、-run: exact inner pieces, the first and last cut at word edges.

    A governing word counts as an edge only if no inner item uses it: in
    以X为Y、以Z为W the 以 and 为 belong to the items.
    """
    if len(pieces) < 2:
        return []
    inner = pieces[1:-1]
    stops = _edge_words()
    # Verbs govern what follows them, so only function words end a last item
    # (the governing words are edge words: these are the stops among them).
    governing = _GOVERNING
    if inner:
        lengths = sorted(e - s for s, e in inner)
        reference = lengths[len(lengths) // 2]
        if inner_words := {word for s, e in inner for word in words.words_in(s, e)}:
            stops, governing = stops - inner_words, governing - inner_words
    else:
        (s0, e0), (s1, e1) = pieces
        reference = min(4, e0 - s0, e1 - s1)
    first = pieces[0] if exact_first else _cut_left(*pieces[0], words, reference, stops)
    if first is None:
        return []
    tail = [pieces[-1]] if exact_last else _cut_right(text, *pieces[-1], words, reference, governing, joiners=True)
    if not tail:
        return []
    return [first, *inner, *tail]


def _cut_left(start: int, end: int, words: _Words, reference: int, stops) -> tuple[int, int] | None:
    ordered, text = words.ordered, words.text
    low, high = bisect_left(ordered, start), bisect_left(ordered, end)
    # The item starts after the last governing word of the piece (searched from the end, where it usually is).
    for i in range(high - 1, low - 1, -1):
        if text[ordered[i] : ordered[i + 1]] in stops:
            low = i + 1
            floor = ordered[low]
            break
    else:
        floor = start
    if low >= high:
        return None
    if end - floor <= reference + 1:
        return floor, end
    best = min(ordered[low:high], key=lambda b: (abs((end - b) - reference), end - b))
    return best, end


def _cut_right(text, start: int, end: int, words: _Words, reference: int, stops, *, joiners: bool) -> list[tuple[int, int]]:
    reach = max(2 * reference, 6)
    for word in _ETC:
        at = text.find(word, start, min(end, start + reach + len(word)))
        if at > start and at in words:
            return [(start, at)]
    ordered = words.ordered
    low, high = bisect_left(ordered, start + 1), bisect_left(ordered, end)
    limit = end
    for i in range(low, high):
        b = ordered[i]
        if (word := text[b : ordered[i + 1]]) in stops:
            if joiners and word in _JOINERS and b - start <= reference + 3 and b + len(word) < end:
                second = _cut_right(text, b + len(word), end, words, reference, stops, joiners=False)
                return [(start, b), *second[:1]]
            limit, high = b, i + 1
            break
    else:
        high += end in words  # the piece's end counts when it is an edge
    if limit - start <= reference + 3:
        return [(start, limit)]
    if low >= high:
        return []
    best = min(ordered[low:high], key=lambda b: (abs((b - start) - reference), b - start))
    return [(start, best)]


def _head_after(text: str, position: int, limit: int, tokenizer: Tokenizer) -> tuple[int, int] | None:
    """The category named after 等 that closes a list (…等|新型生产要素|替代…): nominal words up to the first verb."""
    for word in _ETC:
        if text.startswith(word, position):
            head_start = position + len(word)
            tags = tokenizer.tagger().word_tag_tab
            head_end = head_start
            cut = tokenizer.segment(text[head_start : min(limit, head_start + _MAX_HEAD)])
            for word, kind, word_end in zip(cut.words, cut.kinds, islice(cut.bounds, 1, None)):
                tag = tags.get(word)
                nominal = word in "“”" or (kind == "word" and (tag is None or tag.startswith(_NOMINAL)))
                if not nominal or word in _HEAD_STOPS:
                    break
                head_end = head_start + word_end
            return (head_start, head_end) if head_end > head_start else None
    return None
