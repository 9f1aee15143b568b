"""Clauses: the unit in which a speech is compared with central texts.

A sentence of a policy speech strings several borrowed and local phrases
together with commas, so the comparison works one clause at a time. A clause
ends after ，；：。！？ (matched on the normalised text, so ASCII commas count).
The enumeration comma 、 does not end a clause: it joins the items of a
formulation (教育、科技、人才) that must be matched together. A long
quotation (one holding clause punctuation, or at least
:data:`LONG_QUOTE` characters) is a clause boundary on both sides, so that
"关于“我省作为……”的重要讲话精神" separates the quoted words from the frame
around them; a short quoted slogan (“双碳”) stays inside its clause. A piece
with fewer than ``min_chars`` characters of content joins its neighbour.

Each clause's span is its *core*: the piece without edge punctuation, quote
marks, whitespace or the marker of the heading it opens ((一), 一是, 一、: the
outline's), because those are not wording that could be borrowed.

Two kinds of clause hold no borrowable wording whatever a central text holds
(:attr:`Clause.borrowable`): a *frame*, which introduces the words that
follow it or reports where and by whom they were said, not what (the gold's
"framing is not reuse"), and
a clause with no *wording*, only figures and date units (2023年9月): a date
is when something was said, not what. A clause inside which the text breaks
off (:attr:`Clause.cut`: a truncated page, 发展新质生产) is compared alone but
never joins a stretch: what it would have said is unknown.

A frame (:func:`reports`) is a clause that

- ends with a colon (习近平总书记在黑龙江考察时指出：“…”) or with the copula
  that the next clause completes (县政府工作的指导思想是，…);
- ends with a verb of saying (总书记在主持学习时指出，…; 党的二十大报告提出，…);
- names the occasion (总书记听取黑龙江省委和省政府汇报时; 在…座谈会上; 在…讲话中;
  …在人民大会堂举行第四次全体会议);
- names a speech or a text (李克强总理所作的政府工作报告; 习近平总书记关于…的重要论述).

Such a clause shares the centre's words for the occasion (听取黑龙江省委和省政府
工作汇报, 新时代推动东北全面振兴座谈会) because it reports the same event;
it relays none of what was said there.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from types import MappingProxyType

import pandas as pd

from ..document import Document
from ..normalize import Collapsed, collapse_whitespace, to_simplified
from ..textview import TextView
from .align import FIGURE
from ..textfacts import (
    CLAUSE_SEPARATORS,
    CLOSERS,
    COLONS,
    QUOTE_PAIRS,
    SENTENCE_ENDS,
    TITLE_PAIRS,
    full_width,
    innermost,
    match_quotations,
)

__all__ = ["Clause", "LONG_QUOTE", "clauses", "clauses_frame", "reports", "speech_match_text"]

LONG_QUOTE = 10
# Full-width only: in normalised text an ASCII comma or colon stands between digits (2,157.8; 12:30).
_CLAUSE_END = full_width(CLAUSE_SEPARATORS + COLONS + SENTENCE_ENDS)
_DOUBLE_QUOTES = MappingProxyType({"“": QUOTE_PAIRS["“"]})
# Marks a clause's edge keeps when the clause holds their partner.
_KEPT_PAIRS = MappingProxyType({**_DOUBLE_QUOTES, **TITLE_PAIRS})
_CLOSERS = full_width(CLOSERS)
# Punctuation, quote marks and spaces trimmed from a clause's edges. Anchored
# at the start only: the trailing run is found by matching the reversed piece,
# since searching for "[...]+$" restarts at every character of a long run
# (100,000 spaces or combining marks took minutes).
_EDGE = re.compile(r"[\s\W_]+")
_CONTENT = re.compile(r"[\w×]")
# Figures and the date units written after them (2023年9月1日): what is left, if anything, is wording.
_DATE_OR_FIGURE = re.compile(FIGURE.pattern + "[年月日号]?")
_COLONS = full_width(COLONS)
# The clause ends in what introduces or reports the words that follow (matched on simplified text without
# whitespace): the copula (not the 是 of 实事求是), a verb of saying, the occasion (…座谈会上, …汇报时), or the name
# of a speech or text.
_REPORTING = re.compile(
    r"(?:(?<!求)是"
    r"|指出|强调|表示|提出|说|谈到|讲到|写道|宣布|号召"
    r"|(?:会|会议|座谈会|大会|全会|学习|考察|视察|调研|汇报|讲话|发言|报告|致辞|仪式|开班式)(?:时|上|中|期间|之际)"
    r"|讲话|论述|指示|批示|报告|致辞|贺信|回信|会议|座谈会|全会)$"
)


@dataclass(frozen=True, slots=True)
class Clause:
    """A clause of the speech; ``raw[start:end]`` is its core text."""

    number: int
    sentence: int
    section: str
    kind: str  # the sentence's kind: title, salutation, heading, text
    start: int
    end: int
    text: str
    frame: bool = False  # introduces what follows it (a colon ends it)
    cut: bool = False  # the text breaks off inside it (a truncated page): its words are incomplete

    @property
    def borrowable(self) -> bool:
        """Whether the clause can reuse central wording at all: it is no frame and has wording besides dates."""
        return not self.frame and bool(_CONTENT.search(_DATE_OR_FIGURE.sub("", self.text)))


def _pieces(norm: str, start: int, end: int) -> list[tuple[int, int]]:
    """Boundaries inside one sentence of the normalised text; the pieces tile it."""
    text = norm[start:end]
    cuts: set[int] = set()
    # Double quotes that hold no other: a long one is a clause of its own.
    for quote in innermost(match_quotations(text, pairs=_DOUBLE_QUOTES)):
        inner = text[quote.start + 1 : quote.end - 1]
        if len(inner) >= LONG_QUOTE or any(c in inner for c in _CLAUSE_END):
            cuts.add(quote.start)
            after = quote.end
            while after < len(text) and (text[after] in _CLAUSE_END or text[after] in _CLOSERS):
                after += 1
            cuts.add(after)
    for i, char in enumerate(text):
        if char in _CLAUSE_END:
            j = i + 1
            while j < len(text) and (text[j] in _CLOSERS or text[j] in _CLAUSE_END):
                j += 1
            cuts.add(j)
    bounds = sorted(c for c in cuts if 0 < c < len(text))
    edges = [0, *bounds, len(text)]
    return [(start + a, start + b) for a, b in zip(edges, edges[1:]) if b > a]


def _content_length(text: str) -> int:
    return len(_CONTENT.findall(text))


def _merge_short(pieces: list[tuple[int, int]], norm: str, min_chars: int) -> list[tuple[int, int]]:
    merged: list[list[int]] = []
    for a, b in pieces:
        if merged and _content_length(norm[a:b]) < min_chars:
            merged[-1][1] = b
        else:
            merged.append([a, b])
    # A short first piece joins the next one instead.
    if len(merged) > 1 and _content_length(norm[merged[0][0] : merged[0][1]]) < min_chars:
        merged[1][0] = merged[0][0]
        merged.pop(0)
    return [(a, b) for a, b in merged]


def _core(text: str, a: int, b: int, *, marker_end: int | None = None) -> tuple[int, int]:
    """The piece ``text[a:b]`` without edge punctuation, quote marks, whitespace and, at ``marker_end``, a heading's marker."""
    piece = text[a:b]
    offset = len(piece) - len(piece.lstrip())
    if marker_end is not None and offset < marker_end - a < len(piece) and _content_length(piece[marker_end - a :]):
        offset = marker_end - a
    lead = _EDGE.match(piece, offset)
    offset = lead.end() if lead else offset
    trail = _EDGE.match(piece[offset:][::-1])
    stop = len(piece) - (trail.end() if trail else 0)
    start, end = a + offset, a + max(offset, stop)
    # Keep a short quotation or a title whole: 新质生产力的“新” rather than 新质生产力的“新, …组织法》 rather than …组织法.
    core = text[start:end]
    for opening, closing in _KEPT_PAIRS.items():
        if core.count(opening) > core.count(closing) and end < b and text[end] == closing:
            end += 1
        if core.count(closing) > core.count(opening) and start > a and text[start - 1] == opening:
            start -= 1
    return start, end


def _marker_end(view: TextView, headings: dict[int, int], text: str, a: int, b: int) -> int | None:
    """Where the marker of the heading that opens the piece ``text[a:b]`` ends (a view offset), if one does."""
    first = a + len(text[a:b]) - len(text[a:b].lstrip())
    if first >= b:
        return None
    title_start = headings.get(view.raw_offset(first))
    return None if title_start is None else view.from_raw(title_start)


def split_clauses(document: Document, *, min_chars: int = 4) -> list[Clause]:
    """The body's clauses in reading order (boilerplate sentences left out).

    Clauses are cut in the analysis view (:attr:`Document.view`), so a PDF
    wrap space or furniture inside a sentence neither cuts a clause nor
    stands at its edge; spans are mapped back to raw offsets. A heading's
    marker is where the outline says it is (its section's start to its
    title's start), so 一是 opening a paragraph heading is trimmed and 一是
    inside a sentence is left alone, as the outline reads them.
    """
    view = document.view
    text = view.text
    headings = {s.start: s.title_start for s in document.outline.walk() if s.level > 0 and s.title_start > s.start}
    # Where the text breaks off: the body's end on a truncated page, and notes standing for text left out.
    breaks = {t.at for t in (document.truncation, *document.gaps) if t.truncated}
    out: list[Clause] = []
    for row in document.sentences.itertuples():
        if row.kind == "boilerplate":
            continue
        v0, v1 = view.from_raw(row.start), view.from_raw(row.end)
        for a, b in _merge_short(_pieces(text, v0, v1), text, min_chars):
            core_start, core_end = _core(text, a, b, marker_end=_marker_end(view, headings, text, a, b))
            if core_end <= core_start:
                continue
            start, end = view.to_raw(core_start, core_end)
            piece_end = view.to_raw(core_end, b)[1]
            out.append(Clause(len(out), int(row.sentence), row.section, row.kind, start, end,
                              document.raw[start:end],
                              _introduces(text, core_end, b) or reports(text[core_start:core_end]),
                              any(end <= at <= piece_end for at in breaks)))
    return out


def _introduces(text: str, core_end: int, piece_end: int) -> bool:
    """Whether the clause ending at ``core_end`` introduces what follows: a colon ends it.

    A quotation that follows without a colon is not enough: 将“…”作为“…” quotes
    a term inside the clause's own wording.
    """
    return any(c in _COLONS for c in text[core_end:piece_end])


def reports(text: str) -> bool:
    """Whether a clause's text reports a speech act, its occasion or its text instead of relaying wording.

    See the module's note on frames: 总书记在主持学习时指出 and 李克强总理所作的政府工作报告
    are frames; 加快形成新质生产力 and 是推动高质量发展的内在要求 are not.
    """
    return bool(_REPORTING.search(to_simplified(collapse_whitespace(text).text)))


def clauses_frame(document: Document, *, min_chars: int = 4) -> pd.DataFrame:
    rows = [
        {"clause": c.number, "sentence": c.sentence, "section": c.section, "kind": c.kind,
         "start": c.start, "end": c.end, "text": c.text}
        for c in split_clauses(document, min_chars=min_chars)
    ]
    return pd.DataFrame(rows, columns=["clause", "sentence", "section", "kind", "start", "end", "text"])


def speech_match_text(document: Document, start: int, end: int) -> Collapsed:
    """The analysis view's text of ``raw[start:end]`` without whitespace, with offsets back into raw."""
    view = document.view
    v0, v1 = view.from_raw(start), view.from_raw(end)
    collapsed = collapse_whitespace(view.text[v0:v1])
    return Collapsed(collapsed.text, tuple(view.raw_offset(v0 + i) for i in collapsed.offsets))
