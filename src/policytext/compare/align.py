"""Aligning a local passage with a central one, classifying the reuse, listing the edits.

The alignment anchors on the longest stretch the two texts share (difflib's
matching blocks) and grows it over neighbouring shared stretches as long as
the gaps between them are short on both sides (``max_gap`` characters). So
"让各类优质创新要素向发展新质生产力顺畅流动" aligns with the whole of
"让各类先进优质生产要素向发展新质生产力顺畅流动" (gaps 先进 and 生产/创新),
while edge words that only one side has (通过…, …的必然选择) stay outside
the aligned spans. The edits of the aligned pair come from the Levenshtein
opcodes (rapidfuzz), read from the central text to the local one, with
neighbouring operations merged into one replacement.

Classes, in order of precedence (thresholds are keyword options):

- **verbatim**: the aligned pair is identical, at least ``min_match``
  characters, and covers most of the clause (``long_share``) or is a long run
  in itself (``long_run``) that still covers ``min_cover`` of the clause;
- **near-verbatim**: a few characters inserted, deleted or replaced: the
  aligned pair has edits, Levenshtein similarity at least ``near_similarity``,
  and it covers most of the clause or its shared characters form a long run
  covering ``min_cover`` of the clause;

The share counts the clause's characters that match: a 58-character clause
whose only central words are a 13-character name of the leadership is not
verbatim reuse, however identical those 13 characters are.
- **paraphrase**: substantial shared wording without such an alignment: at
  least ``paraphrase_share`` of the clause's character bigrams occur in one
  central sentence (in another order, or with a long omission), and they
  carry as large a share of the clause's distinctive wording
  (:func:`distinctive_share`: bigrams weighed by their inverse document
  frequency over the central corpus). A clause that shares only the frame
  of a central sentence (必须站在…的高度, 奋力谱写中国式现代化…篇章) and puts its
  own words in it (镇巴, 市政协, 县政府) is no paraphrase: the words it shares
  are those every text uses, the words it does not share are its own. Nor
  is one that shares a term of the lexicon (新质生产力, :func:`without_shared_terms`)
  and little else: 为了推动新质生产力的发展 names the topic of 推动新质生产力加快发展,
  it does not reword it;
- **local**: none of these.

Figures must agree (:func:`figures_agree`): a clause that shares a central
sentence's words but states its own figures (规模以上工业增加值增长9.5 against
the work report's …增长6.1) fills in the template of a statistical
sentence; it reports the city's numbers, not the centre's wording, so it is
no reuse of that sentence, whatever its class would be. Nor is a title:
《中共中央关于进一步全面深化改革、推进中国式现代化的决定》 names a text, so the
words a clause shares with a central sentence count only outside 《…》
(:func:`untitled_wording`).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

from rapidfuzz.distance import Levenshtein

from ..textfacts import TITLE_PAIRS, match_quotations

__all__ = [
    "CLASSES",
    "FIGURE",
    "Alignment",
    "Edit",
    "Thresholds",
    "align",
    "bigram_overlap",
    "distinctive_share",
    "without_shared_terms",
    "wording_bigrams",
    "classify",
    "edits_between",
    "figures_agree",
    "format_edits",
    "untitled_wording",
]

CLASSES = ("verbatim", "near-verbatim", "paraphrase", "local")
# A figure in the normalised match text (full-width digits are ASCII there): 9.5, 2024, 16.
FIGURE = re.compile(r"\d+(?:\.\d+)?")
_WORD_CHAR = re.compile(r"\w")
ReuseClass = Literal["verbatim", "near-verbatim", "paraphrase", "local"]


@dataclass(frozen=True, slots=True)
class Edit:
    """One change from the central wording to the local one."""

    op: Literal["insert", "delete", "replace"]
    central: str
    local: str

    def __str__(self) -> str:
        if self.op == "insert":
            return f"+{self.local}"
        if self.op == "delete":
            return f"-{self.central}"
        return f"{self.central}→{self.local}"


def format_edits(edits) -> str:
    """``"-先进; 生产→创新"``: deletions, insertions (+) and replacements (→), central → local."""
    return "; ".join(str(e) for e in edits)


@dataclass(frozen=True, slots=True)
class Alignment:
    """Aligned spans (offsets into the two strings given to :func:`align`) and how they differ."""

    local_start: int
    local_end: int
    central_start: int
    central_end: int
    matched: int  # characters in identical stretches
    anchor: int  # the longest identical stretch
    similarity: float  # normalised Levenshtein similarity of the aligned pair
    edits: tuple[Edit, ...]

    @property
    def identical(self) -> bool:
        return not self.edits

    @property
    def local_length(self) -> int:
        return self.local_end - self.local_start


@dataclass(frozen=True, slots=True)
class Thresholds:
    """Cut-offs of :func:`classify` (characters of the normalised, whitespace-free text)."""

    min_match: int = 9  # shorter shared wording is a stock phrase (习近平总书记指出), not reuse
    long_share: float = 0.8
    long_run: int = 13
    min_cover: float = 0.5  # a long run must still cover this share of the clause
    min_anchor: int = 8  # a near-verbatim pair must share one stretch this long
    near_similarity: float = 0.7
    paraphrase_share: float = 0.6
    paraphrase_distinctive: float = 0.6  # the same share, counted in inverse-document-frequency weight
    paraphrase_min_chars: int = 10
    paraphrase_min_shared: int = 6
    max_gap: int = 4
    edge_substitution: int = 3


def edits_between(central: str, local: str) -> tuple[Edit, ...]:
    """The changes that turn ``central`` into ``local``, neighbouring operations merged."""
    edits: list[Edit] = []
    pending: list[int] | None = None  # [central_start, central_end, local_start, local_end]
    for op in Levenshtein.opcodes(central, local):
        if op.tag == "equal":
            if pending:
                edits.append(_edit(central, local, pending))
                pending = None
            continue
        if pending is None:
            pending = [op.src_start, op.src_end, op.dest_start, op.dest_end]
        else:
            pending[1], pending[3] = op.src_end, op.dest_end
    if pending:
        edits.append(_edit(central, local, pending))
    return tuple(edits)


def _edit(central: str, local: str, span: list[int]) -> Edit:
    c, l = central[span[0] : span[1]], local[span[2] : span[3]]
    return Edit("replace" if c and l else ("delete" if c else "insert"), c, l)


def align(
    local: str,
    central: str,
    *,
    max_gap: int = 4,
    min_block: int = 2,
    edge_substitution: int = 3,
    central_edge_substitution: int = 0,
) -> Alignment | None:
    """The best local alignment of two texts, or ``None`` if they share no run of ``min_block`` characters.

    A word replaced at the very start or end of ``local`` (天津作为… →
    我省作为…) has no shared stretch beyond it to grow over; when ``local``
    has at most ``edge_substitution`` unaligned characters at that edge and
    the central text has as many characters of wording in the same place, the
    alignment takes them in as a replacement. ``central_edge_substitution``
    does the same from the other side, for a short central phrase looked for
    inside a long local sentence ("天津作为…" in "…关于“我省作为…"); there the
    local word must start (or end) a phrase, after (or before) punctuation,
    so that 完善人才培养 does not claim the 力的 of 吸引力的人才培养.
    """
    matcher = difflib.SequenceMatcher(None, local, central, autojunk=False)
    blocks = [b for b in matcher.get_matching_blocks() if b.size >= min_block]
    if not blocks:
        return None
    best = max(range(len(blocks)), key=lambda i: (blocks[i].size, -i))
    lo = hi = best
    while lo > 0 and _close(blocks[lo - 1], blocks[lo], max_gap):
        lo -= 1
    while hi + 1 < len(blocks) and _close(blocks[hi], blocks[hi + 1], max_gap):
        hi += 1
    a0, b0 = blocks[lo].a, blocks[lo].b
    a1, b1 = blocks[hi].a + blocks[hi].size, blocks[hi].b + blocks[hi].size
    if 0 < a0 <= edge_substitution and b0 >= a0 and _wording(local[:a0]) and _wording(central[b0 - a0 : b0]):
        a0, b0 = 0, b0 - a0
    tail = len(local) - a1
    if 0 < tail <= edge_substitution and len(central) - b1 >= tail and _wording(local[a1:]) and _wording(central[b1 : b1 + tail]):
        a1, b1 = len(local), b1 + tail
    if (0 < b0 <= central_edge_substitution and a0 >= b0 and _wording(central[:b0])
            and _wording(local[a0 - b0 : a0]) and (a0 == b0 or not _wording(local[a0 - b0 - 1]))):
        a0, b0 = a0 - b0, 0
    tail = len(central) - b1
    if (0 < tail <= central_edge_substitution and len(local) - a1 >= tail and _wording(central[b1:])
            and _wording(local[a1 : a1 + tail]) and (a1 + tail == len(local) or not _wording(local[a1 + tail]))):
        a1, b1 = a1 + tail, len(central)
    local_part, central_part = local[a0:a1], central[b0:b1]
    opcodes = Levenshtein.opcodes(central_part, local_part)
    equal = [op.src_end - op.src_start for op in opcodes if op.tag == "equal"]
    similarity = Levenshtein.normalized_similarity(central_part, local_part)
    return Alignment(a0, a1, b0, b1, sum(equal), max(equal, default=0), round(similarity, 4),
                     edits_between(central_part, local_part))


def _wording(text: str) -> bool:
    return bool(text) and all(ch.isalnum() or ch == "×" for ch in text)


def _close(left, right, max_gap: int) -> bool:
    gap_local = right.a - (left.a + left.size)
    gap_central = right.b - (left.b + left.size)
    return 0 <= gap_local <= max_gap and 0 <= gap_central <= max_gap


def _wording_char(char: str) -> bool:
    # Figures are facts, not phrasing: 12 in 增长12% says nothing about whose words these are.
    return char.isalnum() and not char.isdigit()


def _bigrams(text: str) -> list[str]:
    return [text[i : i + 2] for i in range(len(text) - 1) if _wording_char(text[i]) and _wording_char(text[i + 1])]


def wording_bigrams(text: str) -> set[str]:
    """The distinct character bigrams of ``text`` that are wording (no punctuation, no digits)."""
    return set(_bigrams(text))


def bigram_overlap(local: str, central: str) -> tuple[float, int, int]:
    """Share of ``local``'s distinct character bigrams found close together in ``central``, and where.

    Only a window of ``central`` about one and a half times as long as
    ``local`` counts, so that a long sentence does not collect a clause's
    bigrams from all over. Returns (share, window start, window end).
    """
    grams = set(_bigrams(local))
    if not grams:
        return 0.0, 0, 0
    hits = sorted((i, central[i : i + 2]) for i in range(len(central) - 1) if central[i : i + 2] in grams)
    if not hits:
        return 0.0, 0, 0
    width = int(1.5 * len(local)) + 4
    best = (0, 0, 0)
    left = 0
    for right in range(len(hits)):
        while hits[right][0] + 2 - hits[left][0] > width:
            left += 1
        found = {g for _, g in hits[left : right + 1]}
        if len(found) > best[0]:
            best = (len(found), hits[left][0], hits[right][0] + 2)
    return best[0] / len(grams), best[1], best[2]


def distinctive_share(local: str, central: str, weights: Mapping[str, float]) -> float:
    """Share of the weight of ``local``'s wording bigrams that ``central`` holds.

    ``weights`` gives each bigram's weight (the index's inverse document
    frequency, :meth:`.central.CentralIndex.bigram_weights`); a bigram missing
    from it weighs as much as the heaviest one there (wording no central
    text holds).
    """
    grams = wording_bigrams(local)
    if not grams:
        return 0.0
    ceiling = max(weights.values(), default=1.0)
    total = sum(weights.get(g, ceiling) for g in grams)
    if total <= 0:
        return 0.0
    return sum(weights.get(g, ceiling) for g in grams if g in central) / total


def without_shared_terms(local: str, central: str, terms) -> str:
    """``local`` with every term of ``terms`` that ``central`` also holds blanked out (bigrams across it go too)."""
    for term in terms:
        if term in local and term in central:
            local = local.replace(term, "|" * len(term))
    return local


def classify(local: str, alignment: Alignment | None, *, overlap: float = 0.0,
             thresholds: Thresholds = Thresholds()) -> ReuseClass:
    """The reuse class of a clause ``local`` given its alignment and bigram overlap with a central sentence."""
    t = thresholds
    length = max(len(local), 1)
    if alignment is not None and alignment.matched >= t.min_match and alignment.anchor >= t.min_anchor:
        covers = alignment.local_length >= t.long_share * length
        substantial = alignment.matched >= t.min_cover * length
        if alignment.identical and (covers or (alignment.local_length >= t.long_run and substantial)):
            return "verbatim"
        if (
            not alignment.identical
            and alignment.similarity >= t.near_similarity
            and (covers or (alignment.matched >= t.long_run and substantial))
        ):
            return "near-verbatim"
    if len(local) < t.paraphrase_min_chars or overlap < t.paraphrase_share:
        return "local"
    if overlap * len(set(_bigrams(local))) >= t.paraphrase_min_shared:
        return "paraphrase"
    return "local"


def figures_agree(local: str, central: str) -> bool:
    """Whether every figure ``local`` states is a figure of ``central`` too.

    The whole clause counts, not only its aligned part: 全体居民人均可支配收入增长5.9
    aligns with …收入实际增长 and leaves its own figure just outside. Whole
    figures are compared, so 9.5 does not agree with 19.5.
    """
    figures = FIGURE.findall(local)
    if not figures:
        return True
    held = set(FIGURE.findall(central))
    return all(figure in held for figure in figures)


def untitled_wording(text: str, start: int = 0, end: int | None = None) -> int:
    """Word characters of ``text[start:end]`` outside the titles (《…》, 〈…〉) of ``text``."""
    end = len(text) if end is None else end
    inside = [False] * len(text)
    for span in match_quotations(text, pairs=TITLE_PAIRS):
        if span.depth == 0:
            inside[span.start : span.end] = [True] * (span.end - span.start)
    return sum(1 for i in range(start, end) if not inside[i] and _WORD_CHAR.match(text[i]))
