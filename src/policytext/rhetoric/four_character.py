"""Four-character expressions (四字格): idioms and patterned four-character phrases, and their density.

A four-character stretch counts when it begins and ends at word edges of the
segmentation, holds four Chinese characters, and

``idiom``
    is a word the jieba dictionary tags ``i`` (成语): 旗帜鲜明, 因地制宜;
``AABB`` / ``ABAB``
    doubles its characters or its pair: 扎扎实实, 研究研究;
``ABAC``
    repeats its first character in third place: 善作善成, 投早投小, 做优做强, 先行先试;
``ABCB``
    repeats its second character in fourth place: 苦干实干;
``frame``
    fills a fixed four-character frame with two single characters:
    先X后Y (先立后破), X中生Y / X中求Y (无中生有, 稳中求进), 以X促Y (以进促稳),
    多X并举 (多措并举), 边X边Y, 既X又Y, 有X有Y, 不X不Y.

A repeat across a subject and its predicate (经济实力|实现…) or inside a
number (一百一十) is no pattern. Four characters that are two ordinary words side
by side (科技创新, 关键技术, 人工智能) match none of these and do not count, nor does jieba's looser
``l`` tag (习用语), which covers plain compounds such as 自然资源 and 结构调整.
Density is per 1,000 characters of a section's text (whitespace excluded).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from ..parsed import ParsedDocument, as_parsed
from ._base import HAN, span_frame
from ..sections import per_1000, section_at_level, section_characters

if TYPE_CHECKING:
    from ..document import Document
    from ..segment import Tokenizer

FOUR_CHARACTER_COLUMNS = ("section", "sentence", "start", "end", "text", "pattern")
PATTERNS = ("idiom", "AABB", "ABAB", "ABAC", "ABCB", "frame")
_FOUR_HAN = re.compile(rf"[{HAN}]{{4}}")
FRAMES = re.compile(r"先.后.|.中[生求].|以.促.|多.并举|边.边.|既.又.")
# First characters of FRAMES (边.边. repeats its first character).
_FRAME_FIRST = frozenset("先以多既")
_FRAME_FIRST_CODES = sorted(map(ord, _FRAME_FIRST))


@lru_cache(maxsize=1)
def jieba_idioms() -> frozenset[str]:
    """Four-character words tagged ``i`` (idiom) in jieba's own dictionary."""
    from ..segment import jieba_word_tags

    return frozenset(word for word, tag in jieba_word_tags().items() if tag == "i" and len(word) == 4)


@lru_cache(maxsize=16384)
def pattern_of(chars: str) -> str | None:
    """The four-character pattern of ``chars`` (reduplication or frame), or ``None``."""
    if len(chars) != 4 or not _FOUR_HAN.fullmatch(chars):
        return None
    a, b, c, d = chars
    if a == b and c == d and a != c:
        return "AABB"
    if a == c and b == d and a != b:
        return "ABAB"
    if a == c and b != d and len({a, b, d}) == 3:
        return "ABAC"
    if b == d and a != c and len({a, b, c}) == 3:
        return "ABCB"
    if FRAMES.fullmatch(chars) or (a == c and a in "有不无"):
        return "frame"
    return None


def _code_points(text: str, start: int, end: int) -> np.ndarray:
    """``text[start:end]`` as an array of code points, one per character."""
    return np.frombuffer(text[start:end].encode("utf-32-le", "surrogatepass"), dtype="<u4")


def _candidates(codes: np.ndarray, bounds: np.ndarray, lexicon_ends: list[int]) -> list[int]:
    """Offsets (into ``codes``) where an expression may start, in order: the tests of the loop of :func:`find_four_character`, on all offsets at once.

    Four characters that end at a word edge and start at one (or end a longer
    lexicon word, ``lexicon_ends``) and either repeat a character or open a
    frame (every pattern but an idiom does one or the other) or are an idiom
    of jieba's dictionary. Comparing code points as arrays settles every
    offset of the body at once instead of one by one.
    """
    n = len(codes) - 3  # offsets with four characters before the end
    if n <= 0:
        return []
    edge = np.zeros(len(codes) + 1, dtype=bool)
    edge[bounds] = True
    opens = edge[:n].copy()
    opens[np.asarray(lexicon_ends, dtype=np.int64)] = True
    a, b, c, d = codes[:n], codes[1 : n + 1], codes[2 : n + 2], codes[3 : n + 3]
    may = (a == b) | (a == c) | (b == d) | (b == ord("中"))
    # One comparison per frame opener: np.isin's set-up costs more than the four comparisons.
    for code in _FRAME_FIRST_CODES:
        may |= a == code
    closes = edge[4 : n + 4]
    # An idiom is a word: it starts at a word edge too (few offsets have an edge on both sides).
    whole = np.flatnonzero(edge[:n] & closes)
    may[whole] |= _is_idiom(a[whole], b[whole], c[whole], d[whole])
    return np.flatnonzero(may & opens & closes).tolist()


def _is_idiom(a: np.ndarray, b: np.ndarray, c: np.ndarray, d: np.ndarray) -> np.ndarray:
    """Whether the four characters with code points a, b, c, d (arrays, one per offset) may be an idiom.

    Four code points of the Basic Multilingual Plane pack into one 64-bit key;
    a stretch with a character beyond it is left to the loop's own test.
    """
    wide = (a > 0xFFFF) | (b > 0xFFFF) | (c > 0xFFFF) | (d > 0xFFFF)
    keys, idioms = _pack(a, b, c, d), _idiom_keys()
    if not len(idioms):
        return wide
    at = np.minimum(np.searchsorted(idioms, keys), len(idioms) - 1)
    return (idioms[at] == keys) | wide


def _pack(a, b, c, d) -> np.ndarray:
    wide = np.uint64
    return (a.astype(wide) << wide(48)) | (b.astype(wide) << wide(32)) | (c.astype(wide) << wide(16)) | d.astype(wide)


@lru_cache(maxsize=1)
def _idiom_keys() -> np.ndarray:
    codes = np.array([[ord(char) for char in idiom] for idiom in sorted(jieba_idioms()) if max(map(ord, idiom)) <= 0xFFFF], dtype=np.uint64)
    if not len(codes):
        return np.array([], dtype=np.uint64)
    return np.unique(_pack(codes[:, 0], codes[:, 1], codes[:, 2], codes[:, 3]))


def find_four_character(source: Document | ParsedDocument, *, tokenizer: Tokenizer | None = None) -> pd.DataFrame:
    """Each four-character expression of the body with its pattern, non-overlapping, in reading order."""
    parsed = as_parsed(source, tokenizer)
    tokenizer = parsed.tokenizer
    text, start, end = parsed.text, parsed.start, parsed.end
    edge_set = parsed.edges
    idioms = jieba_idioms()
    tags = tag_table(tokenizer)
    # A doubled pattern may also close a longer lexicon word (四个善作善成,
    # 科技自立自强): it then ends at a word edge without starting at one.
    segmentation = parsed.segmentation
    words, bounds = segmentation.words, segmentation.bounds
    # The words longer than four characters picked out from the lengths in numpy: a body has tens of thousands of words.
    bound_array = np.fromiter(bounds, dtype=np.int64, count=len(bounds))
    lexicon = tokenizer.lexicon
    ends = [bounds[i + 1] - 4 for i in np.flatnonzero(np.diff(bound_array) > 4).tolist() if words[i] in lexicon]
    codes = _code_points(text, start, end)
    spans, patterns, floor = [], [], start
    for offset in _candidates(codes, bound_array, ends):
        position = start + offset
        if position < floor or position + 4 > end:
            continue
        chars = text[position : position + 4]
        # Every pattern but an idiom repeats a character or opens a frame
        # (先…后…, 以…促…, …中求…): most candidates are settled without pattern_of.
        if chars[0] == chars[1] or chars[0] == chars[2] or chars[1] == chars[3] or chars[0] in _FRAME_FIRST or chars[1] == "中":
            pattern = pattern_of(chars) or ("idiom" if chars in idioms else None)
        elif chars in idioms:
            pattern = "idiom"
        else:
            continue
        if position not in edge_set and pattern not in _DOUBLED:
            continue
        if pattern in _DOUBLED and (_names(chars, tags) or _across_words(text, position, edge_set, tags)):
            continue
        if pattern:
            spans.append((position, position + 4))
            patterns.append(pattern)
            floor = position + 4
    return span_frame(parsed, spans, FOUR_CHARACTER_COLUMNS, pattern=patterns)


_DOUBLED = frozenset({"AABB", "ABAB", "ABAC", "ABCB"})
_NAME_TAGS = ("nr", "ns", "nt")


# Characters of numbers: 一百一十 repeats 一 because it is a number.
_NUMBER_CHARACTERS = frozenset("零〇一二两三四五六七八九十百千万亿")
_HAN_CHARACTER = re.compile(rf"[{HAN}]")


def _across_words(text: str, position: int, edges, tags) -> bool:
    """Whether a repeat is an accident of two neighbouring phrases (经济实力|实现历史性跃升) or a number (一百一十).

    A number repeats its digits. Otherwise the telling case is a noun and a
    verb that happen to share a first character, cut apart by the
    segmentation, inside running text on both sides, with no third member
    continuing the series: the noun ends a subject and the verb opens its
    predicate. Coordinated pairs (共商共建共享, 关心关爱, 节能节水) and bound
    forms (善作善成, 先行先试) keep their place.
    """
    chars = text[position : position + 4]
    if _NUMBER_CHARACTERS.issuperset(chars):
        return True
    if chars[0] != chars[2] or position + 2 not in edges or chars in tags:
        return False
    first, second = tags.get(chars[:2]) or "", tags.get(chars[2:]) or ""
    embedded = _HAN_CHARACTER.match(text, position - 1) and _HAN_CHARACTER.match(text, position + 4)
    continues = text.startswith(chars[0], position + 4)
    return first == "n" and second == "v" and bool(embedded) and not continues


def _names(chars: str, tags) -> bool:
    # 中共中央 and 海河海棠 repeat a character because they are (or hold) names.
    return _is_name(tags.get(chars)) or _is_name(tags.get(chars[:2])) or _is_name(tags.get(chars[2:]))


def _is_name(tag: str | None) -> bool:
    return tag is not None and tag.startswith(_NAME_TAGS)


def tag_table(tokenizer: Tokenizer):
    """jieba's part-of-speech tags for the tokenizer's dictionary (lexicon tags included)."""
    return tokenizer.tagger().word_tag_tab


def four_character_density(
    source: Document | ParsedDocument,
    *,
    level: int = 1,
    tokenizer: Tokenizer | None = None,
    expressions: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Per section at ``level``: expressions, characters, expressions per 1,000 characters, share of text covered.

    ``expressions`` is :func:`find_four_character`'s table when it is already at hand.
    """
    found = find_four_character(source, tokenizer=tokenizer) if expressions is None else expressions
    document = source.document if isinstance(source, ParsedDocument) else source
    sizes = section_characters(document, level=level)
    parts = found.section.map(lambda s: section_at_level(s, level))
    counts = parts.value_counts()
    table = sizes.copy()
    table["expressions"] = table.section.map(counts).fillna(0).astype("int64")
    table["per_1000"] = per_1000(table.expressions, table.characters)
    table["share_of_text"] = (4 * table.expressions / table.characters.where(table.characters > 0)).round(4).fillna(0.0)
    table["examples"] = table.section.map(lambda s: " ".join(found[parts == s].text.head(8)))
    return table
