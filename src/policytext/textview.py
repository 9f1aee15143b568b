"""The analysis view of a document: its normalised body with the elisions taken out.

A scraped body holds characters that are not text for analysis but must stay
in the raw text (offsets point into it): site furniture inside the body, the
line-wrap breaks of text copied out of a PDF (新质生产\\n力), inline pinyin
(戰(zhàn)). Those are the document's *elisions*. Analyses read
``view.text``, where 新质生产力 is one word again, and turn every span they
find back into raw offsets with :meth:`TextView.to_raw`, in one place.

The view is a list of kept stretches of the body; a position maps by a
binary search over their starts, so a 50 MB body with many elisions costs
two integer lists, not one number per character.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from operator import itemgetter

from .spans import Span


@dataclass(frozen=True, slots=True)
class TextView:
    """``text`` and the maps between its offsets and the raw text's.

    Build with :meth:`of`. ``raw_start``/``raw_end`` are the body's raw
    offsets; ``elisions`` are the merged, clipped (start, end) raw spans that
    were taken out.
    """

    text: str
    raw_start: int
    raw_end: int
    elisions: tuple[tuple[int, int], ...]
    # Kept stretch k begins at view offset view_starts[k] and raw offset raw_starts[k].
    view_starts: tuple[int, ...]
    raw_starts: tuple[int, ...]

    @classmethod
    def of(cls, norm: str, body_start: int, body_end: int, elisions: Iterable[Span | tuple[int, int]] = ()) -> TextView:
        """The view of ``norm[body_start:body_end]`` without *elisions* (raw spans; clipped to the body, merged)."""
        cut = _merge(elisions, body_start, body_end)
        if not cut:
            return cls(norm[body_start:body_end], body_start, body_end, (), (0,), (body_start,))
        pieces: list[str] = []
        view_starts: list[int] = []
        raw_starts: list[int] = []
        at, length = body_start, 0
        for start, end in (*cut, (body_end, body_end)):
            if start > at:
                view_starts.append(length)
                raw_starts.append(at)
                pieces.append(norm[at:start])
                length += start - at
            at = end
        if not view_starts:  # everything elided
            view_starts, raw_starts = [0], [body_end]
        return cls("".join(pieces), body_start, body_end, cut, tuple(view_starts), tuple(raw_starts))

    @property
    def is_identity(self) -> bool:
        """True when nothing is elided: view offset *i* is raw offset ``raw_start + i``."""
        return not self.elisions

    def raw_offset(self, position: int) -> int:
        """The raw offset of the view character at *position* (0 <= position < len(text))."""
        if not self.elisions:
            return self.raw_start + position
        k = bisect_right(self.view_starts, position) - 1
        return self.raw_starts[k] + position - self.view_starts[k]

    def to_raw(self, start: int, end: int) -> tuple[int, int]:
        """The raw span of the view span [start, end).

        A span that runs over an elision covers it in the raw text (the raw
        text between its first and last character); an elision at either edge
        is left out. An empty span maps to the raw position of the character
        after it (or just after the last character at the end).
        """
        if not self.elisions:
            return self.raw_start + start, self.raw_start + end
        if start < end:
            return self.raw_offset(start), self.raw_offset(end - 1) + 1
        if start < len(self.text):
            anchor = self.raw_offset(start)
        elif self.text:
            anchor = self.raw_offset(len(self.text) - 1) + 1
        else:
            anchor = self.raw_start
        return anchor, anchor

    def from_raw(self, offset: int) -> int:
        """The view offset of raw *offset*: how many kept body characters stand before it.

        A raw offset inside an elision maps to the view position where the
        elision was taken out; offsets outside the body are clamped to it.
        """
        offset = min(max(offset, self.raw_start), self.raw_end)
        if not self.elisions:
            return offset - self.raw_start
        k = bisect_right(self.raw_starts, offset) - 1
        if k < 0:
            return 0
        next_view = self.view_starts[k + 1] if k + 1 < len(self.view_starts) else len(self.text)
        return min(self.view_starts[k] + offset - self.raw_starts[k], next_view)

    def raw_text(self, raw: str, start: int, end: int) -> str:
        """The raw characters of the view span [start, end), elisions left out (a wrapped heading as one line)."""
        a, b = self.to_raw(start, end)
        if not self.elisions:
            return raw[a:b]
        pieces, at = [], a
        # Elisions are disjoint and sorted, so their ends are sorted too: start at the first one ending after a.
        for s, e in self.elisions[bisect_right(self.elisions, a, key=_END) :]:
            if s >= b:
                break
            pieces.append(raw[at:s])
            at = e
        pieces.append(raw[at:b])
        return "".join(pieces)

    def within_elision(self, start: int, end: int) -> bool:
        """True when the raw span [start, end) lies inside one elision (furniture the view already took out)."""
        # Merged elisions are disjoint: only the last one starting at or before ``start`` can hold the span.
        k = bisect_right(self.elisions, start, key=_START) - 1
        return k >= 0 and end <= self.elisions[k][1]

    def raw_span(self, raw: str, start: int, end: int, kind: str = "") -> Span:
        """The view span [start, end) as a :class:`Span` of the raw text."""
        a, b = self.to_raw(start, end)
        return Span(a, b, raw[a:b], kind)


_START, _END = itemgetter(0), itemgetter(1)


def _merge(spans: Iterable[Span | tuple[int, int]], low: int, high: int) -> tuple[tuple[int, int], ...]:
    """Spans clipped to [low, high), empty ones dropped, overlapping or touching ones joined."""
    clipped = sorted(
        (max(s, low), min(e, high))
        for s, e in ((span.start, span.end) if isinstance(span, Span) else span for span in spans)
        if min(e, high) > max(s, low)
    )
    merged: list[tuple[int, int]] = []
    for s, e in clipped:
        if merged and s <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], e))
        else:
            merged.append((s, e))
    return tuple(merged)
