"""Stretches: runs of adjacent clauses that follow one central source in order.

A speech copies a central passage, not a clause: 弘扬工匠精神 or
积极培育未来产业 are too short to count as reuse on their own (nine
characters, :class:`.align.Thresholds`), yet sit between clauses copied from
the same sentence. So after each clause has been matched alone, a clause left
local next to a reused one is looked for right where the neighbour's source
continues (after its end for the clause that follows, before its start for
the clause that precedes), in a window of its own length plus a few
characters of punctuation. A clause matched alone to the same document but
elsewhere in it, continuing neither neighbour, is looked for there too and
moved if it is found as well. If it is there (most of its characters matching,
in order, from the window's near edge), it joins the stretch and inherits its
label and source. This repeats outwards, so a stretch grows over any number
of short clauses; the cost is one small alignment per clause.

Short clauses with no reused neighbour (弘扬工匠精神，提高全要素生产率) are
looked up together: a run of adjacent short local clauses of one sentence,
long enough together to count, is queried as one text, and each clause the
alignment covers whole takes its label (:func:`join_short_runs`).
"""

from __future__ import annotations

from dataclasses import replace

from datetime import date

import numpy as np

from ..document import Document
from ..normalize import Collapsed
from .align import Thresholds, align, classify, figures_agree, format_edits, untitled_wording
from .central import CentralIndex
from .clauses import Clause, speech_match_text
from .dating import date_bounds

__all__ = ["extend_stretches", "join_short_runs", "stretch_numbers"]

_REUSED = ("verbatim", "near-verbatim")
# Characters of punctuation (and a dropped particle) allowed between a clause's source and its neighbour's.
_SLACK = 6
_MIN_SHARE = 0.8
# Characters between two clauses' sources for the second to continue the first (a stretch's gap).
_GAP = 12


def _neighbours(found: list[Clause], i: int, j: int) -> bool:
    # Clauses of one sentence, or the last and first clauses of consecutive sentences.
    return abs(found[i].sentence - found[j].sentence) <= 1


def _try(local: Collapsed, window_start: int, window_end: int, *, after: bool, index: CentralIndex,
         thresholds: Thresholds):
    window = index.text[window_start:window_end]
    if len(local.text) < 2 or not window:
        return None
    alignment = align(local.text, window, max_gap=thresholds.max_gap, edge_substitution=thresholds.edge_substitution)
    if alignment is None or alignment.matched < _MIN_SHARE * len(local.text):
        return None
    if alignment.local_length < _MIN_SHARE * len(local.text) or alignment.similarity < thresholds.near_similarity:
        return None
    if not figures_agree(local.text, window):
        return None
    # A clause that is mostly a title continues the source only by a name (…组织法》).
    aligned = local.text[alignment.local_start : alignment.local_end]
    if 2 * untitled_wording(local.text, alignment.local_start, alignment.local_end) < sum(c.isalnum() for c in aligned):
        return None
    # The clause must continue the neighbour's source, not turn up anywhere in the window.
    if after and alignment.central_start > _SLACK:
        return None
    if not after and len(window) - alignment.central_end > _SLACK:
        return None
    return alignment


def extend_stretches(document: Document, found: list[Clause], texts: list[Collapsed], matches: list,
                     index: CentralIndex, *, thresholds: Thresholds) -> list:
    """``matches`` with local clauses next to a reused one labelled from the neighbour's source where it continues."""
    matches = list(matches)
    changed = True
    while changed:
        changed = False
        for i, m in enumerate(matches):
            if m.cls not in _REUSED:
                continue
            part_start, part_end = index.sentence_part_bounds(m.sentence)
            g0, g1 = m.central
            for j, after in ((i + 1, True), (i - 1, False)):
                if (not 0 <= j < len(matches) or not _neighbours(found, i, j) or not found[j].borrowable
                        or found[j].cut):
                    continue
                relocate = matches[j].cls != "local"
                if relocate and not _stray(matches, i, j, after, index):
                    continue
                local = texts[j]
                width = len(local.text) + _SLACK
                window = (g1, min(part_end, g1 + width)) if after else (max(part_start, g0 - width), g0)
                alignment = _try(local, *window, after=after, index=index, thresholds=thresholds)
                if alignment is None or (relocate and alignment.similarity < matches[j].similarity):
                    continue
                cls = "verbatim" if alignment.identical else "near-verbatim"
                matches[j] = replace(
                    matches[j], cls=cls, sentence=m.sentence,
                    local=local.to_input(alignment.local_start, alignment.local_end),
                    central=(window[0] + alignment.central_start, window[0] + alignment.central_end),
                    similarity=alignment.similarity, edits=format_edits(alignment.edits),
                    score=m.score, before=m.before, inherited=not relocate,
                    matched_share=round(min(alignment.matched / len(local.text), 1.0), 4),
                )
                changed = True
    return matches


def _continues(first, second, index: CentralIndex) -> bool:
    """Whether ``second``'s source follows ``first``'s in one document (within a short gap)."""
    return (first.cls in _REUSED and second.cls in _REUSED
            and index.sentence_doc_number(first.sentence) == index.sentence_doc_number(second.sentence)
            and 0 <= second.central[0] - first.central[1] <= _GAP)


def _stray(matches: list, i: int, j: int, after: bool, index: CentralIndex) -> bool:
    """Whether reused clause ``j`` took its words from elsewhere in the document of neighbour ``i``'s source.

    加快形成新质生产力 ends two sentences of one report; matched alone, the
    clause may take the other one. If neither of its neighbours' sources
    continues into it, it is looked for again where ``i``'s source continues.
    """
    m, n = matches[i], matches[j]
    if index.sentence_doc_number(m.sentence) != index.sentence_doc_number(n.sentence):
        return False
    if _continues(m, n, index) if after else _continues(n, m, index):
        return False
    k = j + 1 if after else j - 1
    if 0 <= k < len(matches) and (_continues(n, matches[k], index) if after else _continues(matches[k], n, index)):
        return False
    return True


def stretch_numbers(matches: list, index: CentralIndex, *, max_gap: int = _GAP) -> list[int | None]:
    """A number per reused clause, shared by adjacent clauses whose sources follow each other in one document."""
    numbers: list[int | None] = []
    current = -1
    previous = None
    for m in matches:
        if m.cls not in _REUSED:
            numbers.append(None)
            previous = None
            continue
        doc = index.sentence_doc_number(m.sentence)
        if previous is not None and previous[0] == doc and 0 <= m.central[0] - previous[1] <= max_gap:
            numbers.append(current)
        else:
            current += 1
            numbers.append(current)
        previous = (doc, m.central[1])
    return numbers


def _short_local(clause: Clause, text: Collapsed, match, thresholds: Thresholds) -> bool:
    return match.cls == "local" and len(text.text) < thresholds.min_match and clause.borrowable and not clause.cut


def _short_runs(found: list[Clause], texts: list[Collapsed], matches: list, thresholds: Thresholds) -> list[tuple[int, int]]:
    """Maximal runs [first, last] of adjacent short local clauses of one sentence, long enough together."""
    runs, start = [], None
    for i in range(len(found) + 1):
        short = (i < len(found) and _short_local(found[i], texts[i], matches[i], thresholds)
                 and (start is None or found[i].sentence == found[start].sentence))
        if short and start is None:
            start = i
        elif not short:
            if start is not None and i - 1 > start and sum(len(texts[k].text) for k in range(start, i)) >= thresholds.min_match:
                runs.append((start, i - 1))
            start = i if (i < len(found) and _short_local(found[i], texts[i], matches[i], thresholds)) else None
    return runs


def join_short_runs(document: Document, found: list[Clause], texts: list[Collapsed], matches: list,
                    index: CentralIndex, *, thresholds: Thresholds, speech_day: date | None, limit: int = 8) -> list:
    """``matches`` with runs of short local clauses labelled where the run, queried as one text, is reused."""
    matches = list(matches)
    for first, last in _short_runs(found, texts, matches, thresholds):
        joined = speech_match_text(document, found[first].start, found[last].end)
        offsets = np.asarray(joined.offsets)
        best = None
        for number, _ in index.candidates(joined.text, limit=limit):
            if speech_day is not None and date_bounds(index.sentence_part_of(number).date)[1] > speech_day:
                continue
            alignment = align(joined.text, index.sentence_text(number), max_gap=thresholds.max_gap,
                              edge_substitution=thresholds.edge_substitution)
            if classify(joined.text, alignment, thresholds=thresholds) not in ("verbatim", "near-verbatim"):
                continue
            if not figures_agree(joined.text, index.sentence_text(number)):
                continue
            if best is None or alignment.local_length * alignment.similarity > best[1].local_length * best[1].similarity:
                best = (number, alignment)
        if best is None:
            continue
        number, alignment = best
        base = index.sentence_start(number)
        for k in range(first, last + 1):
            a = int(np.searchsorted(offsets, found[k].start))
            b = int(np.searchsorted(offsets, found[k].end))
            if not (alignment.local_start <= a and b <= alignment.local_end and b > a):
                continue
            shift = alignment.central_start - alignment.local_start
            c0 = max(alignment.central_start, a + shift)
            c1 = min(alignment.central_end, b + shift)
            local = texts[k]
            identical = alignment.identical
            matches[k] = replace(
                matches[k], cls="verbatim" if identical else "near-verbatim", sentence=number,
                local=local.to_input(0, len(local.text)), central=(base + c0, base + c1),
                similarity=1.0 if identical else alignment.similarity,
                edits="" if identical else format_edits(alignment.edits), inherited=True,
                matched_share=1.0 if identical else round(alignment.similarity, 4),
            )
    return matches
