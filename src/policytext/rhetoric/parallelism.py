"""Parallelism (排比): three or more phrases or clauses built on one template.

Found by structure alone, never by a list of known examples:

1. Candidates are runs of phrases separated by 、 within a clause, and runs
   of clauses separated by ，/； within a sentence (see ``_clauses``). Pieces
   between two separators are exact; the first piece may carry words before
   the first member and the last piece words after the last member.
2. A group is a stretch of three or more consecutive pieces whose members
   share a template: the characters common to all members in the same order
   (a multiple alignment built from ``difflib`` matching blocks), grouped into
   fixed parts, with slots between them. A shared start (以…, 从…, 快…, 不…)
   finds where the first member begins inside its piece (its last occurrence),
   a shared end (…转) where the last member ends; without one, the open slot
   takes about the length the same slot has in the other members, cut at a
   word edge and never past a function word (…为动力|的××特色创新之路). A
   last member joined by 和/与/及 and beginning like the others is split off.
3. A fixed part in the middle must be a function character (以 为 从 到 不 …)
   or begin a word in every member (走 in 走进/走向/走上), so that characters
   shared by chance inside words (化 in 转化/优化) are not a template.
4. A group is kept when its template holds (a) a shared start that ends at a
   word edge in every member, or (b) fixed characters making up at least half
   of the members (不_转), or (c) a fixed function character between slots
   (_为_); a template that is only a shared ending (…技术、…技术) is a list of
   kinds with one head noun, left to :mod:`enumerations`. Members must not be
   identical, and the longest may be at most 2.5 times the shortest.

Templates are written with ``_`` for each slot: 以_为_, 不_转, 快_, 从_走_.
"""

from __future__ import annotations

from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache
from typing import TYPE_CHECKING, NamedTuple

import pandas as pd

from ..parsed import ParsedDocument, as_parsed
from ..runs import Run
from ._base import frame, span_frame, word_test

if TYPE_CHECKING:
    from ..document import Document
    from ..segment import Tokenizer

GROUP_COLUMNS = ("group", "section", "sentence", "start", "end", "text", "template", "members", "n_members", "level")
MEMBER_COLUMNS = ("group", "member", "section", "sentence", "start", "end", "text", "slots", "template")
SLOT = "_"
MIN_MEMBERS = 3
# Grammatical characters that hold a template together around its slots.
FUNCTION_CHARS = frozenset("以为从到向在对把被让使于与和及而之的地得是有无不非更最将所由既又也都再越且亦")
# A member never runs on past these (…为动力|的…, …企业|和…).
_STOP_WORDS = frozenset({"的", "和", "与", "及", "以及", "等", "并", "而", "中", "上"})
_JOINERS = ("以及", "和", "与", "及")
# An open first member starts after the last of these before its template (以…为动力|的…).
_START_STOPS = _STOP_WORDS | FUNCTION_CHARS
_MAX_SPREAD = 2.5
_MIN_RATIO = 0.5


@dataclass(frozen=True, slots=True)
class Group:
    """A parallel group: members as spans of the normalised text, the template, the run's level."""

    members: tuple[tuple[int, int], ...]
    fixed: tuple[str, ...]
    template: str
    slots: tuple[tuple[str, ...], ...]
    level: str  # "phrase" (、) or "clause" (，；)


def parallelisms(source: Document | ParsedDocument, *, min_members: int = MIN_MEMBERS, tokenizer: Tokenizer | None = None,
                 groups: tuple[Group, ...] | None = None) -> pd.DataFrame:
    """One row per parallel group: span from the first member to the last, template, members joined by " | ".

    ``groups``: what :func:`find_groups` returned for this parse, when the caller has it already.
    """
    parsed = as_parsed(source, tokenizer)
    groups = find_groups(parsed, min_members=min_members) if groups is None else groups
    rows = [
        parsed.span_row(
            group.members[0][0], group.members[-1][1],
            group=number,
            template=group.template,
            members=" | ".join(parsed.raw_text(s, e) for s, e in group.members),
            n_members=len(group.members),
            level=group.level,
        )
        for number, group in enumerate(groups)
    ]
    return frame(rows, GROUP_COLUMNS, ints=("group", "sentence", "start", "end", "n_members"))


def parallelism_members(source: Document | ParsedDocument, *, min_members: int = MIN_MEMBERS, tokenizer: Tokenizer | None = None,
                        groups: tuple[Group, ...] | None = None) -> pd.DataFrame:
    """One row per member of every group, with what fills its slots (``groups``: :func:`find_groups`'s, if at hand)."""
    parsed = as_parsed(source, tokenizer)
    spans, numbers, indexes, fills, templates = [], [], [], [], []
    for number, group in enumerate(find_groups(parsed, min_members=min_members) if groups is None else groups):
        for index, (span, slots) in enumerate(zip(group.members, group.slots), 1):
            spans.append(span)
            numbers.append(number)
            indexes.append(index)
            fills.append(" / ".join(slots))
            templates.append(group.template)
    return span_frame(parsed, spans, MEMBER_COLUMNS, ints=("group", "member", "sentence", "start", "end"),
                      group=numbers, member=indexes, slots=fills, template=templates)


def find_groups(source: Document | ParsedDocument, *, min_members: int = MIN_MEMBERS, tokenizer: Tokenizer | None = None) -> list[Group]:
    """The parallel groups of the body, in reading order."""
    from ..errors import PolicytextError

    if min_members < 2:
        raise PolicytextError(f"min_members must be at least 2, got {min_members}")
    parsed = as_parsed(source, tokenizer)
    text = parsed.text
    edges = parsed.edges
    is_word = word_test(parsed.tokenizer)
    groups: list[Group] = []
    for level, runs in (("phrase", parsed.phrase_runs), ("clause", parsed.clause_runs)):
        for run in runs:
            if len(run.pieces) >= min_members:  # most runs are two pieces: not even a call
                groups.extend(_groups_in_run(text, run, edges, level, min_members, is_word))
    unique = {group.members: group for group in groups}
    return sorted(unique.values(), key=lambda g: (g.members[0][0], -g.members[-1][1]))


def _groups_in_run(text: str, run: Run, edges: frozenset[int], level: str, min_members: int, is_word) -> list[Group]:
    pieces = list(run.pieces)
    found: list[Group] = []
    if len(pieces) < min_members:
        return found  # most runs are two pieces: no group, and nothing to prepare
    # Only stretches that can share a template are tried (fit would reject the
    # others, at more cost): a clause template is a shared start, so clauses
    # must open with the same character; every member holds the template's
    # fixed characters, so phrases must have a character in common.
    if level == "clause":
        firsts = [text[s] for s, _ in pieces]
        if min_members > 2 and len(set(firsts)) == len(firsts):
            return found  # a stretch needs two clauses (or more) opening alike: none here, as in most runs
    else:
        characters = [set(text[s:e]) for s, e in pieces]
    i = 0
    while i <= len(pieces) - min_members:
        if level == "clause":
            k = i + 1 if i == 0 and not run.exact_first else i  # a loose first piece may open otherwise
            last = k
            while last + 1 < len(pieces) and firsts[last + 1] == firsts[k]:
                last += 1
        else:
            last, common = i, characters[i]
            while last + 1 < len(pieces) and (common := common & characters[last + 1]):
                last += 1
        for j in range(last, i + min_members - 2, -1):
            loose_left = i == 0 and not run.exact_first
            loose_right = j == len(pieces) - 1 and not run.exact_last
            group = fit(text, pieces[i : j + 1], edges, loose_left=loose_left, loose_right=loose_right, level=level, min_members=min_members, is_word=is_word)
            if group:
                found.append(group)
                i = j + 1
                break
        else:
            i += 1
    return found


def fit(
    text: str,
    pieces: list[tuple[int, int]],
    edges: frozenset[int],
    *,
    loose_left: bool,
    loose_right: bool,
    level: str = "phrase",
    min_members: int = MIN_MEMBERS,
    is_word=None,
) -> Group | None:
    """The group these pieces form, or ``None`` if they share no template."""
    if len(pieces) < min_members:
        return None
    texts = [text[s:e] for s, e in pieces]
    prefix = _common_prefix(texts[1:] if loose_left else texts)
    # Every member but a loose first one starts where its piece starts, and a
    # clause template must be a shared start: without one, nothing to align.
    if level == "clause" and not prefix:
        return None
    suffix = _common_suffix(texts[:-1] if loose_right else texts)
    members: list[tuple[int, int] | None] = list(pieces)
    if loose_left:
        members[0] = None
        # With few exact pieces the shared start can be longer than the
        # template's (新型生产要素、新型生产工具): keep what the first piece has.
        while prefix and (at := text.rfind(prefix, pieces[0][0], pieces[0][1] - 1)) == -1:
            prefix = prefix[:-1]
        if prefix:
            members[0] = (at, pieces[0][1])
        elif level == "clause":
            # A clause template is a shared start, and the first piece holds not even its
            # first character (before the piece's last): no first member can open with it.
            return None
    extra: tuple[int, int] | None = None
    if loose_right:
        members[-1] = None
        s, e = pieces[-1]
        if prefix and not text.startswith(prefix, s):
            return None
        split = _joined_member(text, s, e, prefix, edges)
        if split:
            (s, e), extra = split
            members[-1] = (s, e)
        elif suffix:
            at = text.find(suffix, s + len(prefix) + 1, e)
            if at == -1:
                return None
            members[-1] = (s, _verb_after(text, at + len(suffix), e, edges))
    settled = [m for m in members if m is not None]
    if len(settled) < 2:
        return None
    fixed = _fixed_parts(text, settled, edges)
    if fixed is None:
        return None
    if members[0] is None:
        members[0] = _open_start(text, pieces[0], settled, fixed.sequence, edges)
    if members[-1] is None:
        members[-1] = _open_end(text, pieces[-1], settled, fixed.sequence, edges)
    if members[0] is None or members[-1] is None:
        return None
    if extra:
        members.append(extra)
    spans = [m for m in members if m is not None]
    # Members all settled above: their fixed parts are the ones just found.
    known = fixed if spans == settled else None
    return _template(text, spans, edges, level, is_word or (lambda word: False), fixed=known)


def _joined_member(text, start, end, prefix, edges):
    # …的产业型人才和能够服务…的服务型人才: the last piece holds two members.
    if not prefix:
        return None
    for joiner in _JOINERS:
        at = text.find(joiner + prefix, start + len(prefix) + 1, end)
        if at != -1 and at in edges:
            second_start = at + len(joiner)
            return (start, at), (second_start, end)
    return None


def _verb_after(text: str, end: int, limit: int, edges) -> int:
    # 发展成果由人民|共享|的: a word of up to two characters between the
    # shared end and a function word still belongs to the last member.
    for stop in range(end + 1, min(limit, end + 2) + 1):
        if stop in edges and (stop == limit or _word_at(text, stop, edges) in _STOP_WORDS):
            return stop if end in edges else end
    return end


def _open_start(text, piece, settled, sequence, edges) -> tuple[int, int] | None:
    # The first member's start: as far back from its first fixed character as
    # the same slot reaches in the other members, at a word edge.
    s, e = piece
    first = sequence[0]
    anchor = text.rfind(first, s, e)
    if anchor <= s:
        return None
    lengths = sorted(text.find(first, ms, me) - ms for ms, me in settled)
    reference = lengths[len(lengths) // 2]
    floor = s
    for b in range(s, anchor):
        if b in edges and _word_at(text, b, edges) in _START_STOPS:
            floor = b + len(_word_at(text, b, edges))
    candidates = [b for b in range(floor, anchor) if b in edges]
    if not candidates:
        return None
    best = min(candidates, key=lambda b: (abs((anchor - b) - reference), anchor - b))
    return best, e


def _open_end(text, piece, settled, sequence, edges) -> tuple[int, int] | None:
    # The last member's end: as far past its last fixed character as the same
    # slot reaches in the other members, at a word edge, never past a stop word.
    s, e = piece
    # With two settled members some shared characters are chance (产业 in
    # 以科技创新引领产业…/以产业焕新…): use as much of the template as the open piece has.
    while sequence and _align(text[s:e], sequence) is None:
        sequence = sequence[:-1]
    if not sequence:
        return None
    positions = [_align(text[ms:me], sequence) for ms, me in settled]
    if any(p is None for p in positions):
        return None
    own = _align(text[s:e], sequence)
    anchor = s + own[-1] + 1
    lengths = sorted((me - ms) - (p[-1] + 1) for (ms, me), p in zip(settled, positions))
    reference = lengths[len(lengths) // 2]
    limit = e
    for b in range(anchor + 1, e):
        if b in edges and _word_at(text, b, edges) in _STOP_WORDS:
            limit = b
            break
    if limit - anchor <= reference + 1:
        return s, limit
    candidates = [b for b in range(anchor + 1, limit + 1) if b in edges] or [limit]
    best = min(candidates, key=lambda b: (abs((b - anchor) - reference), b - anchor))
    return s, best


def _template(text: str, spans: list[tuple[int, int]], edges: frozenset[int], level: str, is_word, *,
              fixed: _Fixed | None = None) -> Group | None:
    """The group of these members, or ``None``; ``fixed``: their :func:`_fixed_parts`, when known."""
    texts = [text[s:e] for s, e in spans]
    lengths = [len(t) for t in texts]
    if min(lengths) == 0 or max(lengths) > _MAX_SPREAD * min(lengths) or len(set(texts)) < len(texts):
        return None
    if fixed is None:
        fixed = _fixed_parts(text, spans, edges)
        if fixed is None:
            return None
    sequence, alignments, blocks = fixed
    starts_fixed = all(a[0] == 0 for a in alignments)
    ends_fixed = all(a[-1] == len(t) - 1 for a, t in zip(alignments, texts))
    only_suffix = ends_fixed and len(blocks) == 1 and not starts_fixed
    if only_suffix:
        return None
    prefix_len = len(blocks[0][0]) if starts_fixed else 0
    # The shared start must end where a word ends: at a word edge of the
    # segmentation, or (when jieba glues a modifier on: 新型劳动者) where the
    # start and the rest are each a dictionary word. 科|技评价 fails both.
    prefix_at_edge = starts_fixed and all(
        s + prefix_len in edges or (is_word(t[:prefix_len]) and is_word(t[prefix_len:]))
        for (s, _), t in zip(spans, texts)
    )
    if level == "clause":
        accepted = prefix_at_edge and prefix_len >= 1
    else:
        ratio = len(sequence) / (sum(lengths) / len(lengths))
        accepted = prefix_at_edge or ratio >= _MIN_RATIO or any(  # or a function character fixed between slots
            all(char in FUNCTION_CHARS for char in block) for i, (block, _) in enumerate(blocks)
            if not (i == 0 and starts_fixed) and not (i == len(blocks) - 1 and ends_fixed)
        )
    if not accepted:
        return None

    template, slots = _render(texts, blocks, alignments)
    if not all(any(slot for slot in member) for member in slots):
        return None
    if len({tuple(member) for member in slots}) < len(slots):
        return None
    return Group(tuple(spans), tuple(block for block, _ in blocks), template, tuple(tuple(m) for m in slots), level)


class _Fixed(NamedTuple):
    """A template's fixed characters, where each member has them (leftmost), and the fixed parts they form."""

    sequence: str
    alignments: list[list[int]]
    blocks: list[tuple[str, int]]


def _fixed_parts(text: str, spans: list[tuple[int, int]], edges: frozenset[int]) -> _Fixed | None:
    """The template's fixed characters: common to all members, chance matches removed (``None`` if none are left)."""
    texts = [text[s:e] for s, e in spans]
    sequence = _common_sequence(texts)
    alignments = [_align(t, sequence) for t in texts]
    if not sequence or any(a is None for a in alignments):
        return None
    blocks = _blocks(sequence, alignments)
    # A fixed part of two or more characters is kept whole; a single
    # character only if it is a function character or begins a word everywhere.
    kept = [(block, first) for block, first in blocks
            if len(block) >= 2 or _keeps(first, sequence, texts, alignments, spans, edges)]
    if len(kept) == len(blocks):
        return _Fixed(sequence, alignments, blocks)  # nothing dropped: the same alignments and parts
    if not kept:
        return None
    # Without the chance characters the others may align further left.
    sequence = "".join(block for block, _ in kept)
    alignments = [_align(t, sequence) for t in texts]
    if any(a is None for a in alignments):
        return None
    return _Fixed(sequence, alignments, _blocks(sequence, alignments))


def _keeps(k, sequence, texts, alignments, spans, edges) -> bool:
    """Whether the k-th common character is part of the template, not a chance match."""
    char = sequence[k]
    at_start = all(a[k] == k for a in alignments)  # part of a shared start
    at_end = all(a[k] == len(t) - (len(sequence) - k) for a, t in zip(alignments, texts))
    if at_start or at_end or char in FUNCTION_CHARS:
        return True
    return all(s + a[k] in edges for (s, _), a in zip(spans, alignments))


def _blocks(sequence: str, alignments: list[list[int]]) -> list[tuple[str, int]]:
    """Fixed parts: runs of common characters adjacent in every member, as (text, index of first char)."""
    blocks: list[tuple[str, int]] = []
    for k, char in enumerate(sequence):
        adjacent = k > 0 and all(a[k] == a[k - 1] + 1 for a in alignments)
        if adjacent:
            blocks[-1] = (blocks[-1][0] + char, blocks[-1][1])
        else:
            blocks.append((char, k))
    return blocks


def _render(texts, blocks, alignments) -> tuple[str, list[list[str]]]:
    parts: list[str] = []
    slots: list[list[str]] = [[] for _ in texts]
    has_slot = []
    boundaries = []  # for each block: (start index in sequence, length)
    for block, first in blocks:
        boundaries.append((first, len(block)))
    # Gaps: before the first block, between blocks, after the last.
    for gap in range(len(blocks) + 1):
        fills = []
        for t, a in zip(texts, alignments):
            if gap == 0:
                lo, hi = 0, a[boundaries[0][0]]
            elif gap == len(blocks):
                first, length = boundaries[-1]
                lo, hi = a[first + length - 1] + 1, len(t)
            else:
                first, length = boundaries[gap - 1]
                lo, hi = a[first + length - 1] + 1, a[boundaries[gap][0]]
            fills.append(t[lo:hi])
        has_slot.append(any(fills))
        if any(fills):
            for member, fill in zip(slots, fills):
                member.append(fill)
    for gap in range(len(blocks) + 1):
        if has_slot[gap]:
            parts.append(SLOT)
        if gap < len(blocks):
            parts.append(blocks[gap][0])
    return "".join(parts), slots


def _align(text: str, sequence: str) -> list[int] | None:
    """Positions of ``sequence``'s characters in ``text``, in order (leftmost)."""
    positions, at = [], 0
    for char in sequence:
        at = text.find(char, at)
        if at == -1:
            return None
        positions.append(at)
        at += 1
    return positions


def _common_sequence(texts: list[str]) -> str:
    """Characters common to all texts in the same order (pairwise matching blocks, folded)."""
    sequence = texts[0]
    for other in texts[1:]:
        sequence = _matched(sequence, other)
        if not sequence:
            break
    return sequence


@lru_cache(maxsize=4096)
def _matched(sequence: str, other: str) -> str:
    # A run is tried as pieces i..j for j from its end down: each fold for a
    # shorter stretch is a step of the longest one's, so remembering the
    # pairwise steps makes all but the first fold free.
    matcher = SequenceMatcher(None, sequence, other, autojunk=False)
    return "".join(sequence[a : a + size] for a, _, size in matcher.get_matching_blocks())


def _common_prefix(texts: list[str]) -> str:
    if not texts:
        return ""
    first, last = min(texts), max(texts)
    n = 0
    while n < min(len(first), len(last)) and first[n] == last[n]:
        n += 1
    return first[:n]


def _common_suffix(texts: list[str]) -> str:
    return _common_prefix([t[::-1] for t in texts])[::-1]


def _word_at(text: str, position: int, edges) -> str:
    end = position + 1
    while end < len(text) and end not in edges:
        end += 1
    return text[position:end]
