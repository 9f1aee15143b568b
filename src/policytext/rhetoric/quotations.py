"""Quotations: every “…” (and the ‘…’ nested in it) and every 《…》 title, each with a kind.

Nesting: a ‘…’ (or 『…』) inside a “…” is listed as its own row, with
``depth`` 1 and ``parent`` set to the number of the enclosing quotation; the
enclosing row keeps the whole span, inner marks included. So each pair of
marks is one row, and every “…” appears exactly once.

Kinds, decided in this order by rules that can be read and tested:

``title``
    in 《…》 (or 〈…〉): a document, report, journal or programme.
``leader``
    attributed to a leader or central body from ``data/rhetoric_leaders.tsv``:
    the name stands before a speech verb and the opening mark
    (习近平总书记指出：“…”), or before 关于“…”的 + 讲话/指示/论述/批示/精神
    (习近平总书记关于“…”的重要讲话精神), or is the subject of a sentence in
    which 提出 “…” is followed by 重要要求/重要指示/重要论述.
``figurative``
    the words are a metaphor listed in ``data/rhetoric_quotation_cues.tsv``
    (书架, 货架, 细绳子, 握手, …) or end in an instrument or support that a
    policy text only quotes as an image (…器, …石: 增量器, 放大器, 国之重器).
``slogan``
    a formula with a visible structure: parts joined by +, a dash or 、
    (“投早、投小、投硬科技”, “1+4”, “负面清单+包干制”, “科技—产业—金融”),
    a numbered formula (N个X, N项X, 一X两Y多Z), 从X到Y, a short quotation
    with a number, or a set phrase from the cue list.
``term``
    any other short quotation without clause punctuation: a term or label
    marked as such (“双一流”, “揭榜挂帅”, “卡脖子”, a name such as “细胞谷”).
    A short quotation introduced by X发布的/公布的 is the name of something
    published (《自然》杂志发布的“2023自然指数—科研城市”) and a term even
    when it holds a dash or a number.
``other``
    a longer quotation with clause punctuation that no rule attributes
    (quoted sentences of unnamed origin).

``speaker`` records who is quoted where the text says so: the leader for the
``leader`` kind, the clause before a speech verb and colon for other reported
speech, and the publisher for a title introduced by X发布的/印发的《…》.
Straight ASCII double quotes ("…") count where they stand in Chinese text and
pair unambiguously: in order within a line that holds an even number of them
(:func:`~policytext.textfacts.straight_pairs`); their ``marks`` are the two
straight quotes.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from types import MappingProxyType
from typing import TYPE_CHECKING

import pandas as pd

from ..parsed import MAX_QUOTATION, ParsedDocument, as_parsed
from ._base import (
    HAN,
    span_frame,
)
from ..resources import data_table
from ..textfacts import (
    CLAUSE_SEPARATORS,
    COLONS,
    MARK_PAIRS,
    SENTENCE_ENDS,
    TITLE_OPENERS,
    QuotationSpan,
    char_class,
    match_quotations,
)
from .leaders import CENTRAL, LeaderHit, leader_hits

if TYPE_CHECKING:
    from ..document import Document

QUOTATION_COLUMNS = (
    "quotation", "section", "sentence", "start", "end", "text",
    "content", "marks", "depth", "parent", "kind", "rule", "speaker",
)
KINDS = ("leader", "title", "figurative", "slogan", "term", "other")

PAIRS = MARK_PAIRS
TITLE_MARKS = TITLE_OPENERS
# Longer than this, a quotation without clause punctuation is a phrase, not a label.
MAX_TERM = 20

_SENTENCE_END = SENTENCE_ENDS
_SPEECH_VERB = r"(?:深刻指出|明确指出|指出|强调|要求|提出|明确|说|讲|表示|指示|批示|寄语|勉励|号召)"
# Leader … 指出：“  — the name may be followed by a short adverbial (在…时) before the verb.
_SPEECH_BEFORE = re.compile(rf"{_SPEECH_VERB}[：:，,]?$")
_ABOUT_BEFORE = re.compile(r"关于$")
_ABOUT_AFTER = re.compile(r"^的(?:一系列)?(?:重要)?(?:讲话|指示|论述|批示|要求|精神|部署)")
_PROPOSED_BEFORE = re.compile(r"提出$")
_PROPOSED_AFTER = re.compile(r"^(?:的)?重要(?:要求|指示|论述|论断|讲话)")
_PUBLISHED_BEFORE = re.compile(rf"([{HAN}《》A-Za-z0-9]{{2,20}}?)(?:发布|印发|公布|出版)的$")
_SPEAKER_BEFORE = re.compile(rf"([{HAN}A-Za-z]{{2,12}}?){_SPEECH_VERB}[：:，,]$")
# A date is when something was published, not who published it.
_NOT_PUBLISHER = re.compile(r"\d|[年月日号]$")
# How far back a leader's name may stand from the speech verb before the marks.
_SPEECH_REACH = 40

_JOINED = re.compile(rf"[+＋—–－、]|[{HAN}]-[{HAN}]")
_DIGITS = re.compile(r"\d")
_FROM_TO = re.compile(rf"^从[{HAN}\w]{{1,6}}到[{HAN}\w]{{1,6}}$")
_NUMBERED = re.compile(rf"^(?:[两二三四五六七八九十]+[个项大条类种][{HAN}]{{2,6}}|一[{HAN}][两二三四五多][{HAN}](?:[三四五多][{HAN}])?)$")
_CLAUSE_PUNCT = re.compile(char_class(CLAUSE_SEPARATORS + COLONS + SENTENCE_ENDS))


def quotation_spans(text: str, start: int = 0, end: int | None = None) -> tuple[QuotationSpan, ...]:
    """Pairs of quotation and title marks in ``text[start:end]`` (see :func:`~policytext.textfacts.match_quotations`).

    A pair further apart than :data:`MAX_QUOTATION` characters is a stray mark
    pairing with a far one and is not a quotation.
    """
    return match_quotations(text, start, end, pairs=MARK_PAIRS, max_length=MAX_QUOTATION, straight=True)


@dataclass(frozen=True, slots=True)
class Cue:
    cue: str
    kind: str
    match: str


@lru_cache(maxsize=1)
def quotation_cues() -> tuple[Cue, ...]:
    """The figurative and slogan cues of ``data/rhetoric_quotation_cues.tsv``."""
    return tuple(Cue(**row) for row in data_table("rhetoric_quotation_cues.tsv", ("cue", "kind", "match")))


@dataclass(frozen=True)
class _CuesOfKind:
    """The cues of one kind, indexed: each quotation looks its words up instead of testing every cue."""

    exact: Mapping[str, tuple[int, Cue]]  # words → (place in the table, first cue of these words)
    suffixes: tuple[tuple[int, Cue], ...]  # in table order

    def first(self, words: str) -> Cue | None:
        """The first cue in table order that ``words`` match (:func:`_cue_matches`), or None."""
        found = self.exact.get(words)
        for place, cue in self.suffixes:
            if found is not None and found[0] < place:
                break
            if _cue_matches(cue, words):
                found = (place, cue)
                break
        return None if found is None else found[1]


@lru_cache(maxsize=1)
def _cues_by_kind() -> Mapping[str, _CuesOfKind]:
    exact: dict[str, dict[str, tuple[int, Cue]]] = {}
    suffixes: dict[str, list[tuple[int, Cue]]] = {}
    for place, cue in enumerate(quotation_cues()):
        if cue.match == "exact":
            exact.setdefault(cue.kind, {}).setdefault(cue.cue, (place, cue))
        elif cue.match == "suffix":
            suffixes.setdefault(cue.kind, []).append((place, cue))
    return MappingProxyType({
        kind: _CuesOfKind(MappingProxyType(exact.get(kind, {})), tuple(suffixes.get(kind, ())))
        for kind in {*exact, *suffixes}
    })


def _first_cue(kind: str, words: str) -> Cue | None:
    cues = _cues_by_kind().get(kind)
    return None if cues is None else cues.first(words)


def find_quotations(source: Document | ParsedDocument, *, leaders: Sequence[LeaderHit] | None = None) -> pd.DataFrame:
    """Every quotation and title of the body, one row per pair of marks (see the module doc for kinds).

    ``leaders`` is :func:`~policytext.rhetoric.leaders.leader_hits`'s list (all
    categories) when it is already at hand; its central names attribute quotations.
    """
    parsed = as_parsed(source)
    text, start = parsed.text, parsed.start
    spans = parsed.quotations
    leaders = _central(leader_hits(parsed) if leaders is None else leaders)
    # A quotation's nested quotations are its children: found once, not by scanning every span per quotation.
    children: dict[int, list[QuotationSpan]] = {}
    for span in spans:
        if span.parent is not None:
            children.setdefault(span.parent, []).append(span)
    columns: dict[str, list] = {name: [] for name in ("content", "kind", "rule", "speaker")}
    for index, span in enumerate(spans):
        bare = _without_nested(text, span, children.get(index, ()))
        kind, rule, speaker = classify(text, span, bare, leaders=leaders, body_start=start)
        columns["content"].append(parsed.raw_text(*span.inner))
        columns["kind"].append(kind)
        columns["rule"].append(rule)
        columns["speaker"].append(speaker)
    return span_frame(
        parsed, [(span.start, span.end) for span in spans], QUOTATION_COLUMNS, ints=("quotation", "sentence", "start", "end", "depth"),
        dtypes={"parent": "Int64"},
        quotation=list(range(len(spans))),
        marks=[span.mark + PAIRS.get(span.mark, span.mark) for span in spans],
        depth=[span.depth for span in spans],
        parent=[span.parent for span in spans],
        **columns,
    )


def _without_nested(text: str, span: QuotationSpan, children: Sequence[QuotationSpan]) -> str:
    """The quotation's words with its nested quotations (its children, in order; marks and all) taken out."""
    inner_start, inner_end = span.inner
    pieces, position = [], inner_start
    for other in children:
        pieces.append(text[position : other.start])
        position = other.end
    pieces.append(text[position:inner_end])
    return "".join(pieces)


def _central(hits: Sequence[LeaderHit]) -> list[tuple[int, int, str]]:
    """The hits of leaders and central bodies as sorted ``(start, end, person)``.

    Filtered from the hits of every category, so that the quotations and the
    leader references share one search. They are the hits of the central
    categories alone: a local body's name (省委, 市政府) between two names
    breaks a list or a title chain whether it is found or not, and overlaps no
    central name, but for a string like 市委员长, where the local 市委 is
    found first, as in the table of leader references.
    """
    return sorted((s, e, person) for s, e, entry, person in hits if entry.category in CENTRAL)


def classify(text: str, span: QuotationSpan, bare: str, *, leaders: list[tuple[int, int, str]], body_start: int = 0) -> tuple[str, str, str]:
    """``(kind, rule, speaker)`` of one quotation; ``bare`` is its words without nested quotations."""
    sentence_start = _sentence_start(text, span.start, body_start)
    before = text[sentence_start : span.start]
    after = text[span.end : span.end + 12]

    if span.mark in TITLE_MARKS:
        published = _PUBLISHED_BEFORE.search(before)
        publisher = published.group(1) if published and not _NOT_PUBLISHER.search(published.group(1)) else ""
        return "title", "title marks 《》", publisher

    leader = _attributed_leader(before, after, span.start, sentence_start, leaders)
    if leader:
        return "leader", leader[1], leader[0]

    speaker_match = _SPEAKER_BEFORE.search(before)
    speaker = speaker_match.group(1) if speaker_match else ""

    cue = _first_cue("figurative", bare)
    if cue is not None:
        return "figurative", f"figurative cue {cue.cue} ({cue.match})", speaker
    short = len(bare) <= MAX_TERM and not _CLAUSE_PUNCT.search(bare)
    if short and _PUBLISHED_BEFORE.search(before):
        return "term", "name of something published (X发布的“…”)", speaker
    if _JOINED.search(bare) and not _CLAUSE_PUNCT.search(bare):
        return "slogan", "parts joined by + — or 、", speaker
    if _NUMBERED.match(bare):
        return "slogan", "numbered formula", speaker
    if _FROM_TO.match(bare) or (_DIGITS.search(bare) and len(bare) <= 8 and not _CLAUSE_PUNCT.search(bare)):
        return "slogan", "from-to or numeric formula", speaker
    cue = _first_cue("slogan", bare)
    if cue is not None:
        return "slogan", f"slogan cue {cue.cue}", speaker
    if short:
        return "term", "short, no clause punctuation", speaker
    return "other", "quoted words, no attribution rule", speaker


def _cue_matches(cue: Cue, words: str) -> bool:
    if cue.match == "exact":
        return words == cue.cue
    if cue.match == "suffix":
        return len(words) > len(cue.cue) and words.endswith(cue.cue)
    return False


def _sentence_start(text: str, position: int, floor: int) -> int:
    for index in range(position - 1, floor - 1, -1):
        if text[index] in _SENTENCE_END or text[index] == "\n":
            return index + 1
    return floor


def _attributed_leader(before: str, after: str, quote_start: int, sentence_start: int, leaders) -> tuple[str, str] | None:
    """The leader a quotation is attributed to, and the rule that says so."""
    # The hits are sorted and do not overlap: those of this sentence before the marks lie between two bisections.
    lo = bisect_left(leaders, (sentence_start,))
    hi = bisect_left(leaders, (quote_start + 1,))
    in_sentence = [hit for hit in leaders[lo:hi] if hit[1] <= quote_start]
    if not in_sentence:
        return None
    nearest = in_sentence[-1]
    between = before[nearest[1] - sentence_start :]
    # The rules that also read what follows the marks go first: 提出“…”重要要求 is a proposal even though 提出
    # is a verb of saying, and the words after the marks are what tell the two apart.
    if _PROPOSED_BEFORE.search(between) and _PROPOSED_AFTER.search(after):
        return in_sentence[0][2], "leader proposes “…” as 重要要求"
    if _ABOUT_BEFORE.search(between) and _ABOUT_AFTER.search(after):
        return nearest[2], "leader + 关于“…”的重要讲话/指示"
    if _SPEECH_BEFORE.search(between) and len(between) <= _SPEECH_REACH and "“" not in between:
        return nearest[2], "leader + speech verb before the marks"
    return None


def quotation_counts(source: Document | ParsedDocument, *, quotations: pd.DataFrame | None = None) -> pd.DataFrame:
    """How many quotations of each kind, with an example of each (from ``quotations`` when given)."""
    table = find_quotations(source) if quotations is None else quotations
    rows = []
    for kind in KINDS:
        rows_of_kind = table[table.kind == kind]
        rows.append({"kind": kind, "quotations": len(rows_of_kind), "examples": " ".join(rows_of_kind.text.head(6))})
    return pd.DataFrame(rows, columns=["kind", "quotations", "examples"])
