"""Facts about Chinese text that every module shares: character classes and the quotation-mark matcher.

One definition each, so that the loader, the outline, the segmenter and the
analyses agree on what a sentence end, a closing mark or a Chinese character
is. Analyses run on the normalised text (see :mod:`policytext.normalize`),
where ASCII punctuation inside Chinese is already full-width; the ASCII forms
are listed too because digits keep theirs (2,157.8) and scraped text is mixed.

The character sets are strings (usable in a regex class through
:func:`char_class`) or frozensets for membership tests; nothing here is
mutable.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType

# --- characters ----------------------------------------------------------------------------

#: Chinese characters (a regex class body): CJK unified ideographs, extension A
#: and the compatibility ideographs scraped pages sometimes carry.
HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
#: One Chinese character.
HAN_CHAR = re.compile(f"[{HAN}]")

#: Quotation marks proper, opener → closer: “…” ‘…’ 「…」 『…』.
QUOTE_PAIRS: Mapping[str, str] = MappingProxyType({"“": "”", "‘": "’", "「": "」", "『": "』"})
#: Title marks, opener → closer: 《…》 〈…〉 (a document, a journal, a programme).
TITLE_PAIRS: Mapping[str, str] = MappingProxyType({"《": "》", "〈": "〉"})
#: Every pair of marks that encloses words, quotations before titles.
MARK_PAIRS: Mapping[str, str] = MappingProxyType({**QUOTE_PAIRS, **TITLE_PAIRS})
OPENING_QUOTES = "".join(QUOTE_PAIRS)
CLOSING_QUOTES = "".join(QUOTE_PAIRS.values())
TITLE_OPENERS = frozenset(TITLE_PAIRS)
#: Straight quotes: opener and closer look the same, so they pair only where nothing else is
#: possible (see :func:`straight_pairs`).
STRAIGHT_QUOTES = "\"'"

#: Ends a sentence.
SENTENCE_ENDS = "。！？!?"
#: Separates clauses inside a sentence.
CLAUSE_SEPARATORS = "，,；;"
COLONS = "：:"
#: Separates the items of a phrase-level list (教育、科技、人才).
PHRASE_SEPARATOR = "、"
#: What a text may end with when it is complete (besides :data:`SENTENCE_ENDS`): a
#: semicolon or a full stop as an ellipsis or Latin point.
TERMINAL = SENTENCE_ENDS + "；;.…"
#: Marks that may follow a sentence end and still belong to the sentence (。” 。） 。》).
CLOSERS = CLOSING_QUOTES + "".join(TITLE_PAIRS.values()) + "）)】" + STRAIGHT_QUOTES


def char_class(chars: Iterable[str]) -> str:
    """A regex character class matching any of ``chars``."""
    return "[" + "".join(re.escape(char) for char in sorted(set(chars))) + "]"


def full_width(chars: str) -> str:
    """The non-ASCII characters of ``chars``: in normalised text an ASCII comma sits only between digits."""
    return "".join(char for char in chars if not char.isascii())


# --- the quotation-mark matcher ------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class QuotationSpan:
    """A pair of marks: ``start`` is the opening mark, ``end`` is just past the closing one."""

    start: int
    end: int
    mark: str  # the opening mark
    depth: int
    parent: int | None  # index of the enclosing span in the matcher's result

    @property
    def inner(self) -> tuple[int, int]:
        return self.start + 1, self.end - 1

    @property
    def is_title(self) -> bool:
        return self.mark in TITLE_OPENERS


def match_quotations(
    text: str,
    start: int = 0,
    end: int | None = None,
    *,
    pairs: Mapping[str, str] = MARK_PAIRS,
    max_length: int | None = None,
    straight: bool = False,
    breaks: Sequence[int] = (),
) -> tuple[QuotationSpan, ...]:
    """Pairs of matching marks in ``text[start:end]``, outer before inner, in reading order.

    A closer pairs with the nearest open mark of its kind; marks opened after
    that one and never closed are dropped (the text is cut off, or a mark is
    missing), and so is a closer without an opener. A pair longer than
    ``max_length`` is a stray mark pairing with a far one and is left out (its
    marks still close what they close). With ``straight`` ASCII double quotes
    in Chinese text pair too, by :func:`straight_pairs`. ``breaks`` are sorted
    offsets (paragraph starts) where every open mark is forgotten, so that one
    unbalanced mark cannot swallow the rest of a document.
    """
    end = len(text) if end is None else end
    closers = {close: open_ for open_, close in pairs.items()}
    marks = "".join(pairs) + "".join(closers)
    stack: list[tuple[int, str]] = []
    paragraph = -1
    found: list[tuple[int, int, str]] = []
    if straight:
        found += [(a, b, '"') for a, b in straight_pairs(text, start, end, breaks=breaks) if max_length is None or b - a <= max_length]
    for match in re.compile(char_class(marks)).finditer(text, start, end):
        position, char = match.start(), match.group()
        if breaks:
            here = bisect_right(breaks, position)
            if here != paragraph:
                paragraph, stack = here, []
        if char in pairs:
            stack.append((position, char))
            continue
        opener = closers[char]
        for level in range(len(stack) - 1, -1, -1):
            if stack[level][1] == opener:
                open_at = stack[level][0]
                del stack[level:]
                break
        else:
            continue
        if max_length is None or position + 1 - open_at <= max_length:
            found.append((open_at, position + 1, opener))
    found.sort()
    spans: list[QuotationSpan] = []
    # The pairs nest (a closer drops every mark opened after its opener), so the
    # enclosing pair is the innermost one still open: a stack, linear in the
    # pairs (a 50 MB body has hundreds of thousands).
    enclosing: list[int] = []
    for open_at, close_at, mark in found:
        while enclosing and not (spans[enclosing[-1]].start < open_at and close_at <= spans[enclosing[-1]].end):
            enclosing.pop()
        parent = enclosing[-1] if enclosing else None
        depth = 0 if parent is None else spans[parent].depth + 1
        enclosing.append(len(spans))
        spans.append(QuotationSpan(open_at, close_at, mark, depth, parent))
    return tuple(spans)


# A straight quote stands in Chinese text when a Chinese character or Chinese punctuation is beside it.
_CHINESE = re.compile(f"[{HAN}\u3000-\u303f\uff01-\uff0f\uff1a-\uff1f\u2014\u2018\u2019\u201c\u201d\u2026]")
_STRAIGHT_DOUBLE = re.compile('"')


def straight_pairs(text: str, start: int = 0, end: int | None = None, *, breaks: Sequence[int] = ()) -> list[tuple[int, int]]:
    """Pairs of ASCII double quotes in Chinese text, as ``(opening mark, just past the closing one)``.

    Open and close look the same, so a pair is read only where no other
    reading is possible: the marks that have a Chinese character or Chinese
    punctuation beside them pair in order within one line (and one stretch
    between ``breaks``), and only in a line that holds an even number of
    them. With an odd number one mark is stray and nothing tells which, so
    that line pairs none. Quotes in Latin text or code (x="1") are not
    Chinese quotation marks and are left alone.
    """
    end = len(text) if end is None else end
    groups: dict[tuple[int, int], list[int]] = {}
    for match in _STRAIGHT_DOUBLE.finditer(text, start, end):
        at = match.start()
        beside = (at > 0 and _CHINESE.match(text, at - 1)) or (at + 1 < len(text) and _CHINESE.match(text, at + 1))
        if beside:
            key = (text.rfind("\n", start, at), bisect_right(breaks, at) if breaks else 0)
            groups.setdefault(key, []).append(at)
    pairs: list[tuple[int, int]] = []
    for marks in groups.values():
        if len(marks) % 2 == 0:
            pairs += [(marks[i], marks[i + 1] + 1) for i in range(0, len(marks), 2)]
    return sorted(pairs)


def innermost(spans: Sequence[QuotationSpan]) -> list[QuotationSpan]:
    """The spans that hold no other span."""
    parents = {span.parent for span in spans}
    return [span for index, span in enumerate(spans) if index not in parents]
