"""Central formulations (提法) in the speech: used verbatim, modified, or left out.

A formulation is **verbatim** when its normalised text occurs in the
speech's body. It is **modified** when it aligns with one stretch of a
speech sentence closely enough (Levenshtein similarity of the whole
formulation against the aligned local words at least ``min_similarity``,
sharing a stretch of at least ``min_anchor`` characters): the edits read from
the central wording to the local one, and a formulation's words that the
speech leaves off at either end count as deletions. A formulation is also
modified when it is a **reshaped enumeration**: its items (parts between
``、``) turn up in order as the headings of sections or items of the speech,
within ``max_span`` characters, at least two and at least half of them; an
item counts when a heading holds it or its first two thirds (高效能 →
高效性). That is how "高科技、高效能、高质量" becomes the speech's
"(一)高科技性 … (二)高效性". Only headings are searched for items, because
the first characters of an item (高效, 高质) are common in running text.

The first use is the earliest dated central part of the reference corpus that
holds the formulation verbatim, which can be earlier than the date the
formulation table lists (提升产业链供应链韧性和安全水平: CEWC 2023-12 before
the Politburo study 2024-01).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date

import pandas as pd
from rapidfuzz.distance import Levenshtein

from ..document import Document
from ..normalize import collapse_whitespace, normalize
from ..reference import ReferenceCorpus
from .align import align, edits_between, format_edits
from .clauses import speech_match_text, split_clauses
from .central import CentralIndex, load_index
from .corpus_text import find_phrase, part_texts
from .dating import parse_date

__all__ = ["FORMULATION_TABLE_COLUMNS", "FormulationThresholds", "formulation_use", "match_formulation_text"]

FORMULATION_TABLE_COLUMNS = ("formulation", "source_id", "source_date", "status", "local_text", "start", "end", "edits")
# The table's further columns, in order (see formulation_use).
_MORE_COLUMNS = (
    "listed_source_id", "listed_date", "category", "origin", "first_source_part", "section", "occurrences",
    "similarity", "gap_days",
)
_ITEM_SEPARATOR = "、"


@dataclass(frozen=True, slots=True)
class FormulationThresholds:
    min_similarity: float = 0.65
    min_anchor: int = 4
    max_item: int = 10
    max_span: int = 1500


def match_formulation_text(formulation: str) -> str:
    """A formulation as matched: normalised (script, width) and without whitespace."""
    return collapse_whitespace(normalize(formulation)).text


def _section_at(document: Document, offset: int) -> str:
    sentences = document.sentences
    row = sentences[(sentences.start <= offset) & (sentences.end > offset)]
    return str(row.section.iloc[0]) if len(row) else ""


def _modified(phrase: str, speech_sentences, thresholds: FormulationThresholds):
    best = None
    for text in speech_sentences:
        alignment = align(text.text, phrase, edge_substitution=0, central_edge_substitution=3)
        if alignment is None or alignment.anchor < thresholds.min_anchor:
            continue
        window = text.text[alignment.local_start : alignment.local_end]
        similarity = Levenshtein.normalized_similarity(phrase, window)
        if similarity < thresholds.min_similarity:
            continue
        if best is None or similarity > best[0]:
            start, end = text.to_input(alignment.local_start, alignment.local_end)
            best = (round(similarity, 4), start, end, format_edits(edits_between(phrase, window)))
    return best


def _reshaped(phrase: str, headings, thresholds: FormulationThresholds):
    items = [item for item in phrase.split(_ITEM_SEPARATOR) if item]
    if len(items) < 2 or any(len(item) > thresholds.max_item for item in items):
        return None
    found: list[list[tuple[int, object]]] = []  # per item: (heading number, heading)
    for item in items:
        k = max(2, math.ceil(2 * len(item) / 3))
        found.append([(i, h) for i, h in enumerate(headings) if item[:k] in h.match])
    best = None
    for first in range(len(items)):
        for i0, h0 in found[first]:
            chosen = {first: h0}
            last_i, last = i0, h0
            for j in range(first + 1, len(items)):
                nxt = next(((i, h) for i, h in found[j] if i > last_i and h.start - h0.start <= thresholds.max_span), None)
                if nxt:
                    chosen[j] = nxt[1]
                    last_i, last = nxt
            if best is None or len(chosen) > len(best):
                best = chosen
    if best is None or len(best) < 2 or len(best) < len(items) / 2:
        return None
    parts = []
    for j, item in enumerate(items):
        heading = best.get(j)
        if heading is None:
            parts.append(f"{item}→—")
        else:
            word = _word_at(heading.match, item)
            parts.append(f"{item}→{word} ({heading.section})")
    ordered = [best[j] for j in sorted(best)]
    start, end = ordered[0].start, ordered[-1].end
    local_text = " … ".join(h.text for h in ordered)
    return start, end, local_text, "reshaped enumeration: " + "; ".join(parts)


def _word_at(text: str, item: str) -> str:
    """The heading's word that holds ``item`` (or its start): up to the end of the heading clause."""
    for k in range(len(item), 1, -1):
        at = text.find(item[:k])
        if at >= 0:
            return text[at:]
    return text


@dataclass(frozen=True, slots=True)
class _Heading:
    start: int
    end: int
    text: str  # raw
    match: str  # match text
    section: str


def formulation_use(
    document: Document,
    reference: ReferenceCorpus | CentralIndex,
    *,
    speech_date: date | None = None,
    thresholds: FormulationThresholds = FormulationThresholds(),
) -> pd.DataFrame:
    """One row per central formulation: its first central use and whether and how the speech uses it.

    Columns: :data:`FORMULATION_TABLE_COLUMNS` (``source_id``/``source_date``:
    the first use in the corpus, else the formulation table's entry), then
    ``listed_source_id, listed_date, category, origin`` from the table,
    ``first_source_part``, ``section``, ``occurrences`` (verbatim uses),
    ``similarity``, ``gap_days`` (speech date minus first use: how long the
    centre's wording was out before the speech; negative when the centre's
    first use in the corpus is later) and ``local_text`` beside the central
    ``formulation``. For a reshaped enumeration ``local_text`` joins the
    headings with " … " and ``start``/``end`` run from the first to the last.
    """
    body = speech_match_text(document, document.body_start, document.body_end)
    speech_sentences = [
        speech_match_text(document, row.start, row.end)
        for row in document.sentences.itertuples()
        if row.kind != "boilerplate"
    ]
    # A heading is shown with its marker, as the reader sees it: (一)高科技性.
    heading_sentences = {row.sentence: row for row in document.sentences.itertuples() if row.kind == "heading"}
    headings = []
    for c in split_clauses(document):
        if c.kind != "heading":
            continue
        sentence = heading_sentences[c.sentence]
        start = int(sentence.start) if c.start - int(sentence.start) <= 4 else c.start
        text = document.raw[start : c.end]
        headings.append(_Heading(start, c.end, text, speech_match_text(document, c.start, c.end).text, c.section))
    index = reference if isinstance(reference, CentralIndex) else load_index(reference)
    central = part_texts(index)
    rows = []
    for entry in index.corpus.formulations.itertuples():
        phrase = match_formulation_text(entry.formulation)
        hits = find_phrase(phrase, central)
        first = hits[0] if hits else None
        first_date = first[0].part.date if first else entry.date
        row = {
            "formulation": entry.formulation,
            "source_id": first[0].document.id if first else entry.source_id,
            "source_date": first_date,
            "status": "absent",
            "local_text": "",
            "start": pd.NA,
            "end": pd.NA,
            "edits": "",
            "listed_source_id": entry.source_id,
            "listed_date": entry.date,
            "category": entry.category,
            "origin": entry.origin,
            "first_source_part": first[0].part.label if first else "",
            "section": "",
            "occurrences": 0,
            "similarity": 0.0,
        }
        positions = _occurrences(body.text, phrase)
        if positions:
            start, end = body.to_input(positions[0], positions[0] + len(phrase))
            row.update(status="verbatim", start=start, end=end, local_text=document.raw[start:end],
                       occurrences=len(positions), similarity=1.0)
        elif modified := _modified(phrase, speech_sentences, thresholds):
            similarity, start, end, edits = modified
            row.update(status="modified", start=start, end=end, local_text=document.raw[start:end],
                       edits=edits, similarity=similarity)
        elif reshaped := _reshaped(phrase, headings, thresholds):
            start, end, local_text, edits = reshaped
            row.update(status="modified", start=start, end=end, local_text=local_text, edits=edits)
        if row["status"] != "absent":
            row["section"] = _section_at(document, int(row["start"]))
        first_day = parse_date(first_date)
        row["gap_days"] = (speech_date - first_day).days if speech_date and first_day else pd.NA
        rows.append(row)
    # Typed the same with no rows (a reference without a formulation table) as with many.
    frame = pd.DataFrame(rows, columns=[*FORMULATION_TABLE_COLUMNS, *_MORE_COLUMNS])
    for column in ("start", "end", "gap_days"):
        frame[column] = frame[column].astype("Int64")
    return frame.astype({"occurrences": "int64", "similarity": "float64"})


def _occurrences(text: str, phrase: str) -> list[int]:
    found, at = [], text.find(phrase)
    while at >= 0:
        found.append(at)
        at = text.find(phrase, at + 1)
    return found
